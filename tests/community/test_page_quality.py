"""Community pages are valid HTML and have no serious accessibility problem (as the site's other
public pages): threads with every kind of post, a profile, the signup form, a refused post."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.management import call_command

from tests.browser.test_accessibility import AXE, axe_problems
from tests.test_html_validity import VNU_JAR

from .conftest import form_data


def community_urls() -> list[str]:
    from django.contrib.auth import get_user_model

    from stories.models import FAQPage, ProductPage

    product = ProductPage.objects.get(slug="mangwon-hojicha", locale__language_code="ko")
    english_faq = FAQPage.objects.get(slug="shop-pickup", locale__language_code="en")
    korean_faq = FAQPage.objects.get(slug="caffeine-free", locale__language_code="ko")
    member = get_user_model().objects.get(username="dahye")
    return [
        "/ko/community/",
        "/en/community/",
        f"/ko/community/pages/{product.pk}/",
        f"/en/community/pages/{english_faq.pk}/",
        f"/ko/community/pages/{korean_faq.pk}/",
        f"/ko/community/members/{member.pk}/",
        "/ko/accounts/signup/",
        "/en/accounts/signup/",
    ]


@pytest.mark.django_db
@pytest.mark.skipif(
    shutil.which("java") is None or not VNU_JAR.exists(),
    reason="needs Java and node_modules/vnu-jar (`make test` installs them as root)",
)
def test_community_pages_validate(client, demo_site, tmp_path):
    from django.contrib.auth import get_user_model

    from stories.models import ProductPage

    pages = {url: client.get(url) for url in community_urls()}
    client.force_login(get_user_model().objects.get(username="support"))
    product = ProductPage.objects.get(slug="mangwon-hojicha", locale__language_code="ko")
    pages["staff thread"] = client.get(f"/ko/community/pages/{product.pk}/")
    pages["refused post"] = client.post(
        "/ko/community/posts/", form_data(product, kind="review", comment="별점 없는 후기")
    )
    files = {}
    for index, (name, response) in enumerate(pages.items()):
        assert response.status_code in (200, 400), name
        path = tmp_path / f"page-{index}.html"
        path.write_bytes(response.content)
        files[str(path)] = name
    result = subprocess.run(  # noqa: S603 - the checker from node_modules
        [shutil.which("java"), "-jar", str(VNU_JAR), "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [
        f"{files.get(message.get('url', '').removeprefix('file:'), '?')} line "
        f"{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stderr)["messages"]
        if message["type"] == "error"
    ]
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(not AXE.exists(), reason="needs node_modules/axe-core (`make test`)")
def test_community_pages_have_no_serious_accessibility_violations(live_server, browser):
    call_command("load_demo", seed=7, stdout=io.StringIO())
    context = browser.new_context(bypass_csp=True, locale="ko-KR")
    tab = context.new_page()
    problems = []
    for url in community_urls():
        tab.goto(f"{live_server.url}{url}")
        problems += axe_problems(tab, url)
    # Logged in as staff: action buttons, the reply link and the FAQ picker.
    tab.goto(f"{live_server.url}/ko/accounts/login/")
    tab.get_by_label("이메일").fill("support@dangol.example")
    tab.get_by_label("비밀번호").fill("dangol-demo-2026")
    tab.get_by_role("button", name="로그인").click()
    tab.wait_for_load_state()
    tab.set_viewport_size({"width": 375, "height": 740})
    for url in community_urls()[2:5]:
        tab.goto(f"{live_server.url}{url}")
        problems += axe_problems(tab, f"{url} (staff, phone)")
    context.close()
    assert problems == []
