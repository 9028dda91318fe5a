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
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dangol_bench"
URLS = {
    "home": "/ko/",
    "story": "/ko/stories/thursday-roasting-day/",
    "product": "/ko/products/mangwon-hojicha/",
    "faq": "/ko/faq/brewing-storage/water-temperature/",
    "search": "/ko/search/?q=%ED%98%B8%EC%A7%80%EC%B0%A8",  # 호지차
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except Exception:  # any failure means: no PostgreSQL to benchmark against
        return False
    return True


def ensure_postgres_database() -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'dangol_bench'"
        ).fetchone()
        if not exists:
            connection.execute("CREATE DATABASE dangol_bench")


def environment(database: str, page_cache_seconds: int) -> dict[str, str]:
    var_dir = ROOT / "var" / "bench" / database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dangol.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DANGOL_VAR_DIR": str(var_dir),
        "DANGOL_DEMO_ALLOWED": "true",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = POSTGRES_URL
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(database: str) -> None:
    env = environment(database, 0)
    var_dir = Path(env["DANGOL_VAR_DIR"])
    var_dir.mkdir(parents=True, exist_ok=True)
    if database == "postgresql":
        ensure_postgres_database()
    print(f"[{database}] migrating, loading the demo, collecting static files…", flush=True)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "--clear")


class Server:
    """gunicorn with production settings, as a deployment would run it."""

    def __init__(self, database: str, page_cache_seconds: int, workers: int):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [
                str(VENV_BIN / "gunicorn"),
                "--chdir",
                "site",
                "dangol.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment(database, page_cache_seconds),
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not come up within 60 s")

    def warm(self, paths: list[str]) -> list[str]:
        """Visit each page once (creating image renditions); return the paths that answer."""
        answering = []
        for path in paths:
            try:
                with urllib.request.urlopen(f"{self.base}{path}", timeout=60) as response:  # noqa: S310
                    if response.status == 200:
                        answering.append(path)
            except OSError:
                print(f"  {path} does not answer 200: left out", flush=True)
        return answering

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


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
