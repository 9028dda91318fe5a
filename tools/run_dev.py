"""``make run``: the development server and a task worker beside it, as in production.

Mail, notifications and search indexing are tasks: the worker (``manage.py db_worker``) runs
them, so a newcomer sees the real path (a signup's confirmation email lands in ``var/mail/``
once the worker has sent it). Both stop together: on Ctrl-C, or when either one exits.

    .venv/bin/python tools/run_dev.py --port 8000
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# How long each process may take to stop after Ctrl-C before it is killed.
STOP_SECONDS = 10


def start(name: str, *args: str) -> tuple[str, subprocess.Popen]:
    # Each process (and what it starts: the autoreloaders' children) in a group of its own, so
    # that stopping it stops all of it, and Ctrl-C reaches this launcher only, which then stops
    # both in order.
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, process_group=0
    )
    return name, process


def stop(processes: list[tuple[str, subprocess.Popen]]) -> None:
    for _name, process in processes:
        if process.poll() is None:
            # SIGTERM: the worker finishes the task it is running, the server just stops.
            _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for name, process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            print(f"The {name} did not stop within {STOP_SECONDS} s: killed.", flush=True)
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()

    processes = [
        start("task worker", "db_worker"),
        start("development server", "runserver", f"127.0.0.1:{arguments.port}"),
    ]
    # Ctrl-C (SIGINT) and a polite kill (SIGTERM) both end the loop below (set explicitly: a
    # shell that started make in the background may have passed SIGINT on as ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    code = 0
    try:
        while True:
            ended = [(name, p) for name, p in processes if p.poll() is not None]
            if ended:
                name, process = ended[0]
                code = process.returncode or 0
                others = " and ".join(n for n, p in processes if p is not process)
                print(f"The {name} stopped (exit code {code}): stopping the {others}.", flush=True)
                break
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping the development server and the task worker…", flush=True)
    finally:
        stop(processes)
    return code


if __name__ == "__main__":
    sys.exit(main())
