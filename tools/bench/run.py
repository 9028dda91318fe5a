"""The site benchmark behind ``make bench``.

For each database (SQLite, and PostgreSQL when one answers at 127.0.0.1:5432) it prepares a
database with the demo content, starts the site under gunicorn with production settings, and
drives it from a second process (``loadgen.py``) for a fixed time per URL — first with the
anonymous page cache on, then off. It prints requests/s and p50/p95/p99 latencies and writes
them, with the date and the machine, to ``tools/bench/RESULTS.md`` (quoted by the README).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_server import (  # noqa: E402
    VENV_BIN,
    Server,
    machine_description,
    postgres_available,
    prepare,
)

URLS = {
    "home": "/ko/",
    "story": "/ko/stories/thursday-roasting-day/",
    "product": "/ko/products/mangwon-hojicha/",
    "faq": "/ko/faq/brewing-storage/water-temperature/",
    "search": "/ko/search/?q=%ED%98%B8%EC%A7%80%EC%B0%A8",  # 호지차
}


def drive(base: str, paths: list[str], duration: float, concurrency: int) -> list[dict]:
    result = subprocess.run(  # noqa: S603 - our own load generator in a second process
        [
            sys.executable,
            str(Path(__file__).with_name("loadgen.py")),
            "--base",
            base,
            "--duration",
            str(duration),
            "--concurrency",
            str(concurrency),
            *paths,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def write_report(results: dict, arguments, output: Path) -> None:
    names = {path: name for name, path in URLS.items()}
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {date.today().isoformat()} by `make bench` on {machine_description()}.",
        f"gunicorn with {arguments.workers} workers and production settings; a second process "
        f"keeps {arguments.concurrency} connections busy for {arguments.duration:g} s per URL. "
        "Latencies in milliseconds.",
        "",
        "| database | page cache | page | requests/s | p50 | p95 | p99 | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for (database, mode), rows in results.items():
        for row in rows:
            lines.append(
                f"| {database} | {mode} | {names.get(row['path'], row['path'])} | {row['rps']} | "
                f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['errors']} |"
            )
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the site under gunicorn.")
    parser.add_argument("--duration", type=float, default=10, help="seconds per URL")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    arguments = parser.parse_args()

    if shutil.which("gunicorn", path=str(VENV_BIN)) is None:
        print("gunicorn is not installed in the virtualenv (make install).", file=sys.stderr)
        return 1
    databases = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    if "postgresql" not in databases:
        print("No PostgreSQL answers at 127.0.0.1:5432: benchmarking SQLite only.", flush=True)

    results: dict[tuple[str, str], list[dict]] = {}
    for database in databases:
        prepare(database)
        for mode, seconds in (("on", 600), ("off", 0)):
            server = Server(database, seconds, arguments.workers)
            try:
                paths = server.warm(list(URLS.values()))
                print(f"[{database}] page cache {mode}: {len(paths)} URLs…", flush=True)
                rows = drive(server.base, paths, arguments.duration, arguments.concurrency)
            finally:
                server.stop()
            for row in rows:
                print(
                    f"  {row['path']:<48} {row['rps']:>8} req/s  p50 {row['p50_ms']:>6} ms  "
                    f"p95 {row['p95_ms']:>6} ms  p99 {row['p99_ms']:>6} ms  errors {row['errors']}",
                    flush=True,
                )
            results[(database, mode)] = rows
    write_report(results, arguments, arguments.output)
    print(f"Written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
