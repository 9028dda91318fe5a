"""The site benchmark behind ``make bench``.

For each database (SQLite, and PostgreSQL when one answers at 127.0.0.1:5432) it measures what
one request costs on every public page type and the moderation queue, on the demo and on the
large site of ``manage.py load_large_site`` (built once per seed and scale under
``var/bench/`` and reused), with the page cache off:

- CPU milliseconds per request of the server: gunicorn (production settings) serves each page
  for a fixed time to a second process (``loadgen.py``); the user and system CPU time of
  gunicorn's master and workers (``/proc/<pid>/stat``) before and after, divided by the
  requests served. On PostgreSQL the CPU time of the database server's processes connected to
  the site's database is added (SQLite works inside the workers, so it is counted already). Unlike requests per second, this holds steady on a machine shared with
  other work.
- SQL queries per request: each page once more through Django's test client in a separate
  process against the same database (``probe.py``), after a first request has warmed it.

Then the demo is served with the anonymous page cache on, for requests/s and latencies. The
figures are printed and written, with the date and the machine, to ``tools/bench/RESULTS.md``
(quoted by the README).
"""

import argparse
import http.client
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_server import (  # noqa: E402
    VENV_BIN,
    Server,
    environment,
    machine_description,
    postgres_available,
    prepare,
    prepare_large,
)

DEMO_PASSWORD = "dangol-demo-2026"  # noqa: S105 - the published demo password (home/demo)
TARGET_RATIO = 1.2

# name: address (see probe.py for thread:, profile: and staff:)
PAGES = {
    "home": "/ko/",
    "story index": "/ko/stories/",
    "story": "/ko/stories/thursday-roasting-day/",
    "product index": "/ko/products/",
    "product": "/ko/products/mangwon-hojicha/",
    "knowledge base": "/ko/faq/",
    "FAQ category": "/ko/faq/brewing-storage/",
    "FAQ": "/ko/faq/brewing-storage/water-temperature/",
    "community": "/ko/community/",
    "thread": "thread:mangwon-hojicha",
    "member profile": "profile:busiest",
    "search": "/ko/search/?q=%ED%98%B8%EC%A7%80%EC%B0%A8",  # 호지차
    "moderation queue": "staff:/admin/community/moderation/",
}
CACHED = ["home", "story", "product", "FAQ", "search"]


def drive(base: str, path: str, duration: float, concurrency: int, cookie: str = "") -> dict:
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
            "--cookie",
            cookie,
            path,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def probe(database: str, variant: str) -> dict:
    result = subprocess.run(  # noqa: S603 - our own probe in a second process
        [
            sys.executable,
            str(Path(__file__).with_name("probe.py")),
            *(f"{name}={address}" for name, address in PAGES.items()),
        ],
        env=environment(database, 0, variant),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def log_in(base: str, username: str, password: str) -> str:
    """Log in to the Wagtail admin as a browser would; return the Cookie header to send."""
    host = base.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    html = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = f"username={username}&password={password}&csrfmiddlewaretoken={token}&next=/admin/"
    connection.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(_cookies(response))
    connection.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Logging in as {username} failed ({response.status}).")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response) -> dict[str, str]:
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def measure(database: str, variant: str, arguments) -> dict:
    """CPU ms and queries per request of every page of one site, page cache off."""
    probed = probe(database, variant)
    server = Server(database, 0, arguments.workers, variant)
    try:
        cookie = log_in(server.base, "moderator", DEMO_PASSWORD)
        rows = {}
        for page in probed["pages"]:
            headers = cookie if page["staff"] else ""
            # Warm: renditions, the workers' data cache, imports done on first use.
            drive(server.base, page["path"], 1, arguments.workers, headers)
            before, pids_before = server.cpu_seconds()
            database_before = server.database_cpu()
            result = drive(
                server.base, page["path"], arguments.duration, arguments.concurrency, headers
            )
            after, pids_after = server.cpu_seconds()
            database_after = server.database_cpu()
            # A connection opened during the run counts from zero; one closed during it is
            # missing from the second reading and its last moments go uncounted.
            database_seconds = sum(
                seconds - database_before.get(pid, 0.0) for pid, seconds in database_after.items()
            )
            served = result["requests"]
            site_ms = (after - before) * 1000 / served if served else None
            database_ms = database_seconds * 1000 / served if served else None
            rows[page["name"]] = {
                **page,
                "cpu_ms": round(site_ms + database_ms, 1) if served else None,
                "database_cpu_ms": round(database_ms, 1) if served else None,
                "requests": served,
                "errors": result["errors"],
                "rps": result["rps"],
                "restarted": pids_before != pids_after,
            }
            print(
                f"  {page['name']:<17} {rows[page['name']]['cpu_ms']!s:>7} CPU ms/request "
                f"({rows[page['name']]['database_cpu_ms']!s:>5} in the database)  "
                f"{page['queries']:>4} queries  {served:>6} requests  errors {result['errors']}",
                flush=True,
            )
    finally:
        server.stop()
    return {"pages": rows, "size": probed["size"]}


def measure_cached(database: str, arguments) -> list[dict]:
    server = Server(database, 600, arguments.workers)
    try:
        paths = server.warm([PAGES[name] for name in CACHED])
        rows = []
        for name in CACHED:
            if PAGES[name] not in paths:
                continue
            row = drive(server.base, PAGES[name], arguments.duration, arguments.concurrency)
            rows.append({"name": name, **row})
            print(
                f"  {name:<17} {row['rps']:>8} req/s  p50 {row['p50_ms']:>6} ms  "
                f"p95 {row['p95_ms']:>6} ms  p99 {row['p99_ms']:>6} ms  errors {row['errors']}",
                flush=True,
            )
    finally:
        server.stop()
    return rows


def ratio(large, demo) -> str:
    if large is None or not demo:
        return "–"
    return f"{large / demo:.2f}"


def write_report(results: dict, arguments, output: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {date.today().isoformat()} by `make bench` on {machine_description()}.",
        f"gunicorn with {arguments.workers} workers and production settings; a second process "
        f"keeps {arguments.concurrency} connections busy for {arguments.duration:g} s per page.",
        "",
        "## Cost per request, demo and large site (page cache off)",
        "",
        "CPU ms: user and system CPU time of gunicorn's master and workers over the run "
        "(on PostgreSQL, plus the database server's processes serving them), divided by the "
        "requests served. Queries: SQL queries of one request to a warm site "
        "(Django's test client in a separate process, same database). Ratio: large / demo; "
        f"the target is at most {TARGET_RATIO:g}×.",
        "",
    ]
    for database, sites in results["cost"].items():
        demo, large = sites.get("demo"), sites.get("large")
        sizes = [("demo", demo)] + ([("large", large)] if large else [])
        for label, site in sizes:
            size = site["size"]
            lines.append(
                f"- {database}, {label}: {size['stories']} stories, {size['products']} products, "
                f"{size['faqs']} FAQs, {size['members']} members, {size['posts']} posts "
                "(both languages)."
            )
    if arguments.large:
        lines.append(
            f"- large: `manage.py load_large_site --seed {arguments.seed} "
            f"--scale {arguments.scale:g}`."
        )
    lines += [
        "",
        "| database | page | demo CPU ms | large CPU ms | CPU ratio | demo queries | "
        "large queries | query ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    over: dict[str, list[str]] = {}
    for database, sites in results["cost"].items():
        demo, large = sites["demo"]["pages"], (sites.get("large") or {}).get("pages", {})
        for name in PAGES:
            d, big = demo.get(name), large.get(name)
            if d is None:
                continue
            cpu_ratio = ratio(big and big["cpu_ms"], d["cpu_ms"])
            query_ratio = ratio(big and big["queries"], d["queries"])
            exceeds = any(
                value not in ("–",) and float(value) > TARGET_RATIO
                for value in (cpu_ratio, query_ratio)
            )
            if exceeds:
                over.setdefault(database, []).append(name)
            mark = " ⚠" if exceeds else ""
            lines.append(
                f"| {database} | {name}{mark} | {d['cpu_ms']} | {big['cpu_ms'] if big else '–'} | "
                f"{cpu_ratio} | {d['queries']} | {big['queries'] if big else '–'} | "
                f"{query_ratio} |"
            )
    notes = [
        f"{page['name']} ({database}, {label}): {page['errors']} errors"
        for database, sites in results["cost"].items()
        for label, site in sites.items()
        if site
        for page in site["pages"].values()
        if page["errors"] or page["status"] != 200
    ]
    notes += [
        f"{page['name']} ({database}, {label}): a gunicorn worker restarted during the run"
        for database, sites in results["cost"].items()
        for label, site in sites.items()
        if site
        for page in site["pages"].values()
        if page["restarted"]
    ]
    if over:
        lines += [
            "",
            f"⚠ over {TARGET_RATIO:g}× at the large size: "
            + "; ".join(f"{database}: {', '.join(names)}" for database, names in over.items())
            + ".",
        ]
    if notes:
        lines += ["", "Warnings: " + "; ".join(notes) + "."]
    if results["cached"]:
        lines += [
            "",
            "## Demo with the page cache on",
            "",
            "Latencies in milliseconds.",
            "",
            "| database | page | requests/s | p50 | p95 | p99 | errors |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for database, rows in results["cached"].items():
            for row in rows:
                lines.append(
                    f"| {database} | {row['name']} | {row['rps']} | {row['p50_ms']} | "
                    f"{row['p95_ms']} | {row['p99_ms']} | {row['errors']} |"
                )
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the site under gunicorn.")
    parser.add_argument("--duration", type=float, default=10, help="seconds per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgresql", "all"],
        default="all",
        help="all: SQLite, and PostgreSQL when one answers at 127.0.0.1:5432",
    )
    parser.add_argument(
        "--no-large",
        dest="large",
        action="store_false",
        help="measure the demo only (no large site)",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size of the large site (load_large_site)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the large site")
    parser.add_argument(
        "--no-cached", dest="cached", action="store_false", help="skip the page-cache-on run"
    )
    arguments = parser.parse_args()

    if shutil.which("gunicorn", path=str(VENV_BIN)) is None:
        print("gunicorn is not installed in the virtualenv (make install).", file=sys.stderr)
        return 1
    if arguments.database == "all":
        databases = ["sqlite"] + (["postgresql"] if postgres_available() else [])
        if "postgresql" not in databases:
            print("No PostgreSQL answers at 127.0.0.1:5432: benchmarking SQLite only.", flush=True)
    else:
        databases = [arguments.database]

    results: dict = {"cost": {}, "cached": {}}
    for database in databases:
        prepare(database)
        sites = {"demo": ""}
        if arguments.large:
            sites["large"] = prepare_large(database, seed=arguments.seed, scale=arguments.scale)
        results["cost"][database] = {}
        for label, variant in sites.items():
            print(f"[{database}] {label}, page cache off:", flush=True)
            results["cost"][database][label] = measure(database, variant, arguments)
        if arguments.cached:
            print(f"[{database}] demo, page cache on:", flush=True)
            results["cached"][database] = measure_cached(database, arguments)
    write_report(results, arguments, arguments.output)
    print(arguments.output.read_text(encoding="utf-8"))
    print(f"Written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
