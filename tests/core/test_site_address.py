"""The site's address is set once (SITE_URL) and every record and link follows it."""

import re

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from community import notifications
from community.factories import MemberFactory, PostFactory
from community.models import Follow
from core.site_address import host_and_port, sync_site_address
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dangol_address(settings, home):
    settings.SITE_URL = "https://dangol.example"
    sync_site_address()
    return settings


def test_the_wagtail_site_and_djangos_sites_entry_follow_site_url(dangol_address, home):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "dangol.example",
        443,
        "https://dangol.example",
    )
    entry = DjangoSite.objects.get_current()
    assert entry.domain == "dangol.example" and entry.domain != "example.com"


def test_a_port_in_the_address_is_kept(settings, home):
    settings.SITE_URL = "http://127.0.0.1:8123"
    sync_site_address()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8123"


def test_canonical_and_sitemap_urls_use_the_address(client, dangol_address, home):
    story = StoryPageFactory(title="로스팅 데이", slug="roasting-day")
    html = client.get(story.url, HTTP_HOST="dangol.example").content.decode()
    assert re.search(
        r'<link rel="canonical" href="https://dangol\.example/ko/[^"]*roasting-day/"', html
    )
    sitemap = client.get("/sitemap.xml", HTTP_HOST="dangol.example").content.decode()
    assert "https://dangol.example/ko/" in sitemap


def test_community_emails_link_to_the_address(dangol_address, home):
    product = StoryPageFactory(title="로스팅 데이")
    question = PostFactory(page=product)
    follower = MemberFactory()
    Follow.objects.create(post=question, user=follower)
    reply = PostFactory(page=product, parent=question)
    notifications.send_new_reply(reply)
    [message] = [m for m in mail.outbox if m.to == [follower.email]]
    assert "https://dangol.example/ko/community/" in message.body
    assert ":8000" not in message.body


def test_account_emails_link_to_the_address(client, dangol_address, home):
    cache.clear()
    client.post(
        "/ko/accounts/signup/",
        {"email": "new@dangol.example", "display_name": "새 회원",
         "password1": "correct horse battery", "password2": "correct horse battery"},
        HTTP_HOST="127.0.0.1",
    )  # fmt: skip
    [message] = mail.outbox
    assert "https://dangol.example/ko/accounts/confirm-email/" in message.body
    assert "example.com" not in message.subject + message.body


@pytest.mark.parametrize("address", ["dangol.example", "ftp://dangol.example", "https://"])
def test_an_address_without_scheme_or_host_is_refused(address):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be an address"):
        host_and_port(address)
