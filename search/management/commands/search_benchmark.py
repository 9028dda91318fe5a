"""Benchmark of the embedded search backend: indexing throughput and query latency for
generated bilingual documents, on SQLite and (when one answers) PostgreSQL.

Each run works in a database of its own (a temporary SQLite file, or a PostgreSQL database
created and dropped for the purpose), in a child process, so the site's data is never touched.
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

KOREAN_QUERIES = [
    "배송", "단골", "고객", "리뷰", "커뮤니티를", "가짜리뷰", "호지차", "물 온도", "냉침 녹차",
    "카페인", "환불", "포장 재활용", "로스팅", "첫물 녹차", "제주 차밭", "보관", "호지차 라테",
    "배숑", "단골 등급", "티백",
]  # fmt: skip
ENGLISH_QUERIES = [
    "delivery", "regulars", "review", "community promise", "hojicha", "water temperature",
    "cold brew", "caffeine", "refund", "recycle packaging", "roasting", "first flush",
    "jeju garden", "storage", "hojicha latte", "delivary", "tea bags", "shipping",
]  # fmt: skip


def _sentences(language: str) -> tuple[list[str], list[str]]:
    """Titles and sentences from the demo content: realistic words for generated documents."""
    import re

    from stories.demo import content

    titles, sentences = [], []

    def add_text(text: str) -> None:
        plain = re.sub(r"<[^>]+>", " ", text)
        sentences.extend(s.strip() for s in re.split(r"(?<=[.?!다요])\s+", plain) if s.strip())

    for group in (content.STORIES, content.PRODUCTS):
        for item in group:
            entry = item[language]
            titles.append(entry["title"])
            add_text(entry.get("intro", "") or entry.get("summary", ""))
            for block in entry.get("body", []):
                value = block[1]
                add_text(value if isinstance(value, str) else " ".join(map(str, value.values())))
            add_text(entry.get("description", ""))
    for category in content.FAQ_CATEGORIES:
        for faq in category["faqs"]:
            entry = faq[language]
            titles.append(entry["title"])
            add_text(entry["short_answer"])
            add_text(entry["answer"])
    return titles, sentences


def generate(count: int, *, seed: int):
    """``count`` documents, half Korean and half English, made of the demo's sentences."""
    from search.documents import IndexDocument

    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    corpora = {language: _sentences(language) for language in ("ko", "en")}
    types = ["faq", "story", "product"]
    documents = []
    for number in range(count):
        language = "ko" if number % 2 == 0 else "en"
        titles, sentences = corpora[language]
        doc_type = rng.choice(types)
        documents.append(
            IndexDocument(
                key=f"bench:{number}",
                doc_type=doc_type,
                locale=language,
                title=f"{rng.choice(titles)} {number}",
                url=f"/{language}/bench/{number}/",
                summary=" ".join(rng.sample(sentences, 2)),
                body=" ".join(rng.sample(sentences, rng.randint(4, 10))),
                category=rng.choice(["guides", "orders", "community", ""]),
            )
        )
    return documents


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_once(size: int, *, queries: int, seed: int) -> dict:
    """In the current database: rebuild with ``size`` documents, then time searches."""
    from search.backends.embedded import EmbeddedBackend
    from search.documents import PUBLIC, SearchRequest

    backend = EmbeddedBackend()
    documents = generate(size, seed=seed)
    started = time.perf_counter()
    for language in ("ko", "en"):
        backend.rebuild([d for d in documents if d.locale == language], locale=language)
    rebuild_seconds = time.perf_counter() - started

    rng = random.Random(seed)  # noqa: S311 - a reproducible workload
    workload = [
        ("ko", q) if rng.random() < 0.6 else ("en", rng.choice(ENGLISH_QUERIES))
        for q in rng.choices(KOREAN_QUERIES, k=queries)
    ]
    for language, query in workload[:20]:  # warm the caches
        backend.search(SearchRequest(query=query, locale=language))
    search_ms, search_cpu_ms, suggest_ms = [], [], []
    for language, query in workload:
        started, cpu_started = time.perf_counter(), time.process_time()
        backend.search(SearchRequest(query=query, locale=language))
        search_ms.append((time.perf_counter() - started) * 1000)
        search_cpu_ms.append((time.process_time() - cpu_started) * 1000)
        started = time.perf_counter()
        backend.suggest(query[:2], locale=language, audiences=(PUBLIC,))
        suggest_ms.append((time.perf_counter() - started) * 1000)
    return {
        "documents": size,
        "rebuild_s": round(rebuild_seconds, 2),
        "docs_per_s": round(size / rebuild_seconds),
        "search_p50_ms": round(statistics.median(search_ms), 1),
        "search_p95_ms": round(_percentile(search_ms, 0.95), 1),
        # CPU time of this process: on SQLite all the work, on PostgreSQL the client's share.
        "search_cpu_p95_ms": round(_percentile(search_cpu_ms, 0.95), 1),
        "suggest_p50_ms": round(statistics.median(suggest_ms), 1),
        "suggest_p95_ms": round(_percentile(suggest_ms, 0.95), 1),
    }


class Command(BaseCommand):
    help = (
        "Benchmark the embedded search backend with generated bilingual documents: rebuild "
        "throughput and query latency (p50/p95) on SQLite and PostgreSQL. Uses throwaway "
        "databases; never the site's own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--postgres-url",
            default=os.environ.get(
                "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dangol_search_bench"
            ),
            help="A PostgreSQL database the benchmark may create and drop.",
        )
        parser.add_argument("--databases", default="sqlite,postgresql")
        parser.add_argument("--worker", action="store_true", help=False)

    def handle(self, *args, sizes, queries, seed, postgres_url, databases, worker, **options):
        try:
            counts = [int(size) for size in sizes.split(",")]
        except ValueError as error:
            raise CommandError("--sizes takes numbers separated by commas: 1000,10000") from error
        if worker:
            call_command("migrate", verbosity=0)
            for size in counts:
                self.stdout.write(json.dumps(run_once(size, queries=queries, seed=seed)))
            return
        self.stdout.write(
            f"{'database':<11}{'docs':>8}{'rebuild s':>11}{'docs/s':>9}"
            f"{'search p50':>12}{'p95 ms':>8}{'cpu p95':>9}{'suggest p50':>13}{'p95 ms':>8}"
        )
        for database in databases.split(","):
            for result in self._run(database, sizes, queries=queries, seed=seed, url=postgres_url):
                self.stdout.write(
                    f"{database:<11}{result['documents']:>8}{result['rebuild_s']:>11}"
                    f"{result['docs_per_s']:>9}{result['search_p50_ms']:>12}"
                    f"{result['search_p95_ms']:>8}{result['search_cpu_p95_ms']:>9}"
                    f"{result['suggest_p50_ms']:>13}"
                    f"{result['suggest_p95_ms']:>8}"
                )

    def _run(self, database: str, sizes: str, *, queries: int, seed: int, url: str) -> list[dict]:
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "dangol.settings.dev"}
        if database == "sqlite":
            folder = tempfile.mkdtemp(prefix="dangol-bench-")
            environment["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            environment["DANGOL_VAR_DIR"] = folder
        elif database == "postgresql":
            if not self._fresh_postgres_database(url):
                self.stdout.write(f"postgresql: no server answers at {url}; skipped.")
                return []
            environment["DATABASE_URL"] = url
        else:
            raise CommandError(f"Unknown database {database!r}: use sqlite or postgresql.")
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "search_benchmark",
            "--worker",
            f"--sizes={sizes}",
            f"--queries={queries}",
            f"--seed={seed}",
        ]
        try:
            output = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
                command, env=environment, capture_output=True, text=True, check=False
            )
        finally:
            if database == "sqlite":
                shutil.rmtree(folder, ignore_errors=True)
        if output.returncode != 0:
            raise CommandError(f"The {database} run failed:\n{output.stderr[-2000:]}")
        return [json.loads(line) for line in output.stdout.splitlines() if line.startswith("{")]

    @staticmethod
    def _fresh_postgres_database(url: str) -> bool:
        import psycopg
        from psycopg import sql

        head, _, name = url.rpartition("/")
        try:
            with psycopg.connect(f"{head}/postgres", connect_timeout=3, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.OperationalError:
            return False
        return True
