"""SQLite is set up for concurrent requests: WAL, a busy timeout, write locks taken up front."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite settings; the database is not SQLite"
)


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000  # milliseconds
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL: safe with WAL, fewer fsyncs


@sqlite_only
def test_sqlite_transactions_take_the_write_lock_up_front():
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert not connection.is_in_memory_db()  # live servers' threads need their own connections
