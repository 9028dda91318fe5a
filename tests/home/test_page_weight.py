"""A story page — its HTML and the CSS and JavaScript it links — weighs at most 60 KB
gzip-compressed (images excluded), and nothing is loaded from another origin."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
STORY = "/ko/stories/thursday-roasting-day/"


@pytest.fixture(autouse=True)
def demo(demo_site):
    return demo_site


def linked_assets(html: str) -> list[str]:
    stylesheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"', html)
    stylesheets += re.findall(r'<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    return list(dict.fromkeys(stylesheets + scripts))


def compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9))


def test_a_story_page_weighs_at_most_60_kb_compressed(client):
    response = client.get(STORY)
    assert response.status_code == 200
    html = response.content.decode()
    assets = linked_assets(html)
    assert any(asset.endswith(".css") for asset in assets)  # the theme is counted

    sizes = {STORY: compressed_size(response.content)}
    for url in assets:
        assert url.startswith(settings.STATIC_URL), f"{url} is not served by the site"
        path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        assert path, f"{url} is linked but not found"
        with open(path, "rb") as asset:
            sizes[url] = compressed_size(asset.read())
    total = sum(sizes.values())
    assert total <= BUDGET, f"{total} bytes compressed: {sizes}"
