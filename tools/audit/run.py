"""`make audit`: Lighthouse (mobile profile) on the main pages of the demo, served by gunicorn
with production settings. Prints the four category scores per page and fails when a score is
below its target (accessibility 100; performance, best practices and SEO 95)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_server import Server, prepare  # noqa: E402

AUDIT_DIR = Path(__file__).resolve().parent
PAGES = {
    "home": "/ko/",
    "home (en)": "/en/",
    "story": "/ko/stories/thursday-roasting-day/",
    "product": "/ko/products/mangwon-hojicha/",
    "faq": "/ko/faq/brewing-storage/water-temperature/",
    "stories": "/ko/stories/",
    "sign up": "/ko/accounts/signup/",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def lighthouse(url: str, output: Path) -> dict[str, int]:
    subprocess.run(  # noqa: S603 - our own lighthouse from tools/audit/node_modules
        [
            str(AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--output=json",
            f"--output-path={output}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    report = json.loads(output.read_text())
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgresql"])
    arguments = parser.parse_args()
    prepare(arguments.database)
    server = Server(arguments.database, page_cache_seconds=600, workers=2)
    failures = []
    try:
        server.warm(list(PAGES.values()))
        print(f"{'page':<12} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        with tempfile.TemporaryDirectory() as scratch:
            for name, path in PAGES.items():
                scores = lighthouse(server.base + path, Path(scratch) / "report.json")
                print(
                    f"{name:<12} {scores['performance']:>5} {scores['accessibility']:>5} "
                    f"{scores['best-practices']:>5} {scores['seo']:>5}",
                    flush=True,
                )
                failures += [
                    f"{name}: {category} {scores[category]} < {target}"
                    for category, target in TARGETS.items()
                    if scores[category] < target
                ]
    finally:
        server.stop()
    for failure in failures:
        print(f"below target: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
