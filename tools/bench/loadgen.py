"""A small HTTP load generator: keep-alive connections in threads, latency percentiles.

    python tools/bench/loadgen.py --base http://127.0.0.1:8001 --duration 10 \
        --concurrency 8 /ko/ /ko/stories/

Prints one JSON object per path: requests, errors, requests per second, p50/p95/p99 in ms.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def hammer(base: str, path: str, duration: float, concurrency: int, cookie: str = "") -> dict:
    parts = urlsplit(base)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    headers = {"Accept-Language": "ko"}
    if cookie:
        headers["Cookie"] = cookie

    def worker() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cookie", default="", help="a Cookie header (a logged-in session)")
    parser.add_argument("paths", nargs="+")
    arguments = parser.parse_args()
    for path in arguments.paths:
        result = hammer(
            arguments.base, path, arguments.duration, arguments.concurrency, arguments.cookie
        )
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
