"""Serve the demo site the way a deployment would (gunicorn, production settings) for the
benchmark and the Lighthouse audit.

A site is a database kind (``sqlite`` or ``postgresql``) and a variant: ``""`` for the demo,
``large-<scale>-<seed>`` for the large site of ``manage.py load_large_site``. Each has its own
directory under ``var/bench/`` (SQLite file, media, static files) and, on PostgreSQL, its own
database.
"""

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE", "dangol_bench")


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


def large_variant(*, seed: int, scale: float) -> str:
    return f"large-{scale:g}-{seed}"


def var_dir(database: str, variant: str = "") -> Path:
    return ROOT / "var" / "bench" / (f"{database}-{variant}" if variant else database)


def postgres_name(variant: str = "") -> str:
    if not variant:
        return POSTGRES_DATABASE
    return f"{POSTGRES_DATABASE}_{variant}".replace("-", "_").replace(".", "_")


def _postgres_admin():
    import psycopg

    return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True)


def ensure_postgres_database(name: str = POSTGRES_DATABASE, *, fresh: bool = False) -> None:
    with _postgres_admin() as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


REDIS_URL = "redis://127.0.0.1:6379/13"


def shared_cache_url(database: str, variant: str = "") -> str:
    """Production settings need a cache every gunicorn worker shares: Redis when one answers
    on this machine (a database of its own), else a file cache beside the site's data."""
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # no Redis here: the file cache is shared by the processes too
        return f"filecache://{var_dir(database, variant) / 'cache'}"
    return REDIS_URL


def environment(
    database: str, page_cache_seconds: int, variant: str = "", port: int | None = None
) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dangol.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}" if port else "http://127.0.0.1",
        "CACHE_URL": shared_cache_url(database, variant),
        # The demo and the large site share the Redis database: each keeps to its own keys.
        "CACHE_KEY_PREFIX": f"bench-{database}-{variant or 'demo'}",
        "SECURE_SSL_REDIRECT": "false",
        "DANGOL_VAR_DIR": str(var_dir(database, variant)),
        "DANGOL_DEMO_ALLOWED": "true",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "LOG_LEVEL": "WARNING",
        "DANGOL_SERVE_MEDIA": "true",
        # The load comes from one address, which the per-address search limit would refuse.
        "SEARCH_RATE_LIMIT": "1000000/m",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = f"{POSTGRES_SERVER}/{postgres_name(variant)}"
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(database: str) -> None:
    env = environment(database, 0)
    var_dir(database).mkdir(parents=True, exist_ok=True)
    if database == "postgresql":
        ensure_postgres_database()
    print(f"[{database}] migrating, loading the demo, collecting static files…", flush=True)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "--clear")


def prepare_large(database: str, *, seed: int, scale: float) -> str:
    """The large site for this seed and scale, built once (minutes) and reused by later runs
    while its database and the record of how it was built are there. Returns its variant."""
    variant = large_variant(seed=seed, scale=scale)
    env = environment(database, 0, variant)
    directory = var_dir(database, variant)
    record = directory / "large-site.json"
    wanted = {"seed": seed, "scale": scale}
    built = record.exists() and json.loads(record.read_text()) == wanted
    if built and database == "sqlite":
        built = (directory / "db.sqlite3").exists()
    if built and database == "postgresql":
        with _postgres_admin() as connection:
            built = bool(
                connection.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [postgres_name(variant)]
                ).fetchone()
            )
    if built:
        print(f"[{database}] reusing the large site in {directory.relative_to(ROOT)}", flush=True)
        manage(env, "migrate", "--no-input")
        return variant
    print(
        f"[{database}] building the large site (seed {seed}, scale {scale:g}); this takes "
        "minutes and is kept for later runs…",
        flush=True,
    )
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    if database == "postgresql":
        ensure_postgres_database(postgres_name(variant), fresh=True)
    manage(env, "migrate", "--no-input")
    manage(env, "load_large_site", "--seed", str(seed), "--scale", f"{scale:g}", quiet=False)
    manage(env, "collectstatic", "--no-input", "--clear")
    record.write_text(json.dumps(wanted))
    return variant


def _cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


class Server:
    """gunicorn with production settings, as a deployment would run it."""

    def __init__(self, database: str, page_cache_seconds: int, workers: int, variant: str = ""):
        self.database = database
        self.variant = variant
        self.port = free_port()
        env = environment(database, page_cache_seconds, variant, port=self.port)
        manage(env, "migrate", "--no-input")  # the site's address follows the port (SITE_URL)
        if env["CACHE_URL"] == REDIS_URL:
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()  # nothing cached by an earlier run
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
            env=env,
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

    def processes(self) -> list[int]:
        """gunicorn's master and its workers."""
        master = self.process.pid
        pids = [master]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue  # the process ended meanwhile
                if int(fields[1]) == master:
                    pids.append(int(entry.name))
        return pids

    def cpu_seconds(self) -> tuple[float, frozenset[int]]:
        """User and system CPU time used so far by gunicorn's processes (``/proc/<pid>/stat``),
        and which processes they were: a worker that restarted would lose its count."""
        pids = self.processes()
        return _cpu_seconds(pids), frozenset(pids)

    def database_cpu(self) -> dict[int, float]:
        """On PostgreSQL, the CPU time so far of each server process connected to this site's
        database (by process id; the workers keep their connections). SQLite works inside the
        workers: nothing to add."""
        if self.database != "postgresql":
            return {}
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/{postgres_name(self.variant)}") as connection:
            pids = [
                row[0]
                for row in connection.execute(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ]
        return {pid: _cpu_seconds([pid]) for pid in pids}

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
