"""Media on an S3-compatible object store (moto's server on 127.0.0.1, started by the tests):
uploads, renditions, documents and the demo pictures live in the bucket and are served from
there; a store that is missing or refuses fails at once with a clear message."""

import io
import logging
import os
import re
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from core import roles
from core.storage import MediaStorageUnavailable
from home.demo.images import TITLES, ensure_demo_images
from home.factories import UserFactory
from stories.factories import StoryPageFactory

from .conftest import free_port, media_storage

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - the local S3 server
        return response.read()


@pytest.fixture
def editor_client(client, home):
    client.force_login(UserFactory(username="editor", groups=[roles.EDITORS]))
    return client


def upload(client, kind: str, name: str, content: bytes, content_type: str):
    return client.post(
        reverse(f"wagtail{kind}:add"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_an_uploaded_image_is_stored_in_the_bucket_and_not_on_disk(s3_media, editor_client):
    content = png_bytes()
    assert upload(editor_client, "images", "tea.png", content, "image/png").status_code == 302
    image = Image.objects.get()
    assert image.file.name in s3_media.stored()
    assert s3_media.read(image.file.name) == content
    assert (image.width, image.height) == (40, 30)
    assert not (Path(django_settings.MEDIA_ROOT) / image.file.name).exists()


def test_two_uploads_with_the_same_name_keep_both_files(s3_media, editor_client):
    first, second = png_bytes(), png_bytes()
    for content in (first, second):
        assert upload(editor_client, "images", "tea.png", content, "image/png").status_code == 302
    names = [image.file.name for image in Image.objects.order_by("pk")]
    assert len(set(names)) == 2
    assert [s3_media.read(name) for name in names] == [first, second]


def test_a_rendered_page_creates_its_renditions_in_the_bucket_and_links_to_the_store(
    s3_media, client, home
):
    story = StoryPageFactory(parent=home, title="로스팅 데이", hero_image=ImageFactory())
    assert not any(key.startswith("images/") for key in s3_media.stored())

    response = client.get(story.url)

    assert response.status_code == 200
    renditions = {key for key in s3_media.stored() if key.startswith("images/")}
    assert len(renditions) == 7  # the hero in three formats and two sizes, the social card
    html = response.content.decode()
    sources = re.findall(r'src="([^"]+)"', html)
    hero = next(url for url in sources if "/images/" in url)
    assert hero.startswith(f"{s3_media.endpoint}/{s3_media.name}/images/")
    PillowImage.open(io.BytesIO(fetch(hero.replace("&amp;", "&")))).verify()
    # The browser may load pictures from the store: its origin is allowed for images.
    policy = response["Content-Security-Policy"]
    assert f"img-src 'self' data: {s3_media.endpoint}" in policy
    assert "script-src 'self';" in policy


def test_get_rendition_stores_the_rendition_and_its_signed_address_serves_it(s3_media):
    image = ImageFactory(file__width=200, file__height=100)
    rendition = image.get_rendition("fill-80x60")
    assert rendition.file.name in s3_media.stored()
    assert rendition.url.startswith(f"{s3_media.endpoint}/{s3_media.name}/images/")
    assert "Signature=" in rendition.url
    with PillowImage.open(io.BytesIO(fetch(rendition.url))) as picture:
        assert picture.size == (80, 60)


def test_a_public_domain_gives_plain_addresses(settings, s3_media):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(
            s3_media.endpoint,
            s3_media.name,
            custom_domain="media.dangol.example",
            querystring_auth=False,
        ),
    }
    image = ImageFactory()
    assert image.file.url == f"https://media.dangol.example/{image.file.name}"


def test_a_document_is_stored_in_the_bucket_and_downloaded_through_the_site(
    s3_media, editor_client, client
):
    content = b"%PDF-1.4\n% menu\n%%EOF\n"
    response = upload(editor_client, "docs", "menu.pdf", content, "application/pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert s3_media.read(document.file.name) == content

    client.logout()
    response = client.get(document.url)

    assert document.url.startswith("/documents/")  # served by the site, not the store
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_the_demo_pictures_are_drawn_into_the_bucket(s3_media):
    images = ensure_demo_images(seed=7, scale=0.05)
    assert len(images) == len(TITLES)
    assert {image.file.name for image in images.values()} <= s3_media.stored()
    assert images["hero"].get_rendition("fill-40x30").file.name in s3_media.stored()


def test_a_missing_bucket_fails_the_upload_with_a_clear_message(
    settings, s3_media, editor_client, caplog
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(s3_media.endpoint, "no-such-bucket"),
    }
    with caplog.at_level(logging.ERROR, logger="core.middleware"):
        response = upload(editor_client, "images", "tea.png", png_bytes(), "image/png")
    assert response.status_code == 503
    assert "미디어 저장소가 응답하지 않아요" in response.content.decode()  # the editor's language
    assert "bucket 'no-such-bucket'" in caplog.text
    assert "NoSuchBucket" in caplog.text
    assert not Image.objects.exists()


def test_a_refusing_endpoint_fails_at_once_naming_the_store(settings):
    closed = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(closed, "media")}
    with pytest.raises(MediaStorageUnavailable) as raised:
        default_storage.save("original_images/tea.png", ContentFile(png_bytes()))
    message = str(raised.value)
    assert "'original_images/tea.png' in bucket 'media'" in message
    assert closed in message
    assert "Could not connect" in message
