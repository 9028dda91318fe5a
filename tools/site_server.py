"""Serve the demo site the way a deployment would (gunicorn, production settings) for the
benchmark and the Lighthouse audit."""

import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dangol_bench"


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
        "DANGOL_SERVE_MEDIA": "true",
        # The load comes from one address, which the per-address search limit would refuse.
        "SEARCH_RATE_LIMIT": "1000000/m",
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
