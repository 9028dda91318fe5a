"""Every public page type, member form and error page is valid HTML (the Nu HTML Checker)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.public_pages import ERROR_PAGES, MEMBER_FORMS, PUBLIC_PAGES

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("java") is None or not VNU_JAR.exists(),
        reason="needs Java and node_modules/vnu-jar (`make test` installs them as root)",
    ),
]


def test_pages_validate(client, demo_site, tmp_path):
    files = {}
    for index, url in enumerate(PUBLIC_PAGES + MEMBER_FORMS + ERROR_PAGES):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"page-{index}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    result = subprocess.run(  # noqa: S603 - the checker from node_modules
        [shutil.which("java"), "-jar", str(VNU_JAR), "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{files.get(message.get('url', '').removeprefix('file:'), '?')} line "
        f"{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert errors == []
