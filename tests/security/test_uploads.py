"""Editors' uploads through the admin: images are raster only and size-limited (an SVG, which
can carry script, is refused), documents are of a few office types and always downloaded as
attachments, never shown inline."""

import io
import os
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from core import roles
from home.factories import UserFactory

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def png_bytes(size=(8, 8)) -> bytes:
    """A PNG of noise: it does not compress, so its size follows the pixel count."""
    buffer = io.BytesIO()
    PillowImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, home):
    editor = UserFactory(username="editor", groups=[roles.EDITORS])
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    client.force_login(editor)
    return client


def upload_image(client, name: str, content: bytes, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "업로드",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def upload_document(client, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "자료",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_the_limits_are_set():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert not {"html", "htm", "svg", "js", "xml", "exe"} & set(
        django_settings.WAGTAILDOCS_EXTENSIONS
    )


def test_an_editor_uploads_a_png(editor_client):
    response = upload_image(editor_client, "tea.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.get().title == "업로드"


def test_an_oversize_image_is_refused_with_a_clear_message(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    content = png_bytes((64, 64))
    assert len(content) > 200
    response = upload_image(editor_client, "big.png", content)
    assert response.status_code == 200
    assert re.search(
        r"This file is too big( \([^)]+\))?\. Maximum filesize 200", response.content.decode()
    )
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type", "message"),
    [
        (
            "evil.svg",
            "image/svg+xml",
            "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP.",
        ),
        ("evil.png", "image/png", "Not a valid .png image"),  # an SVG in disguise
    ],
)
def test_an_svg_with_script_is_refused(editor_client, name, content_type, message):
    response = upload_image(editor_client, name, SVG_WITH_SCRIPT, content_type)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("page.html", "text/html"),
        ("drawing.svg", "image/svg+xml"),
        ("tool.exe", "application/octet-stream"),
        ("script.js", "text/javascript"),
    ],
)
def test_documents_of_other_types_are_refused(editor_client, name, content_type):
    response = upload_document(editor_client, name, b"<script>alert(1)</script>", content_type)
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed." in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type", "content"),
    [
        ("menu.pdf", "application/pdf", b"%PDF-1.4\n%%EOF\n"),
        ("notes.txt", "text/plain", b"<script>alert(1)</script>"),
    ],
)
def test_documents_are_downloaded_as_attachments(
    client, editor_client, name, content_type, content
):
    assert upload_document(editor_client, name, content, content_type).status_code == 302
    document = Document.objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
