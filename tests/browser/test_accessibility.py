"""axe-core finds no serious or critical accessibility problem on any public page type, member
form or error page, in a real browser."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.public_pages import ERROR_PAGES, MEMBER_FORMS, PUBLIC_PAGES

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not AXE.exists(), reason="needs node_modules/axe-core (`make test`)"),
]


def axe_problems(tab, url: str) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_pages_have_no_serious_accessibility_violations(live_server, browser):
    call_command("load_demo", seed=7, stdout=io.StringIO())
    # axe is injected as a script: let it past the site's Content-Security-Policy.
    context = browser.new_context(bypass_csp=True, locale="ko-KR")
    tab = context.new_page()
    problems = []
    for url in PUBLIC_PAGES + MEMBER_FORMS + ERROR_PAGES:
        tab.goto(f"{live_server.url}{url}")
        problems += axe_problems(tab, url)
    tab.set_viewport_size({"width": 375, "height": 740})  # a phone
    for url in PUBLIC_PAGES[:3]:
        tab.goto(f"{live_server.url}{url}")
        problems += axe_problems(tab, f"{url} (phone)")
    context.close()
    assert problems == []
