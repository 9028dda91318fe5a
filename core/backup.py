"""Consistent backups of the database and media, and their restore.

An archive (``dangol-backup-YYYYmmdd-HHMMSS.tar.gz``) holds ``manifest.json`` (database vendor,
creation time, row count of every table), the database snapshot (``database.sqlite3`` from
SQLite's online backup API, or ``database.pgdump`` from ``pg_dump`` in custom format) and the
``media/`` folder: every file of the media storage (``default_storage``: local disk or an S3
bucket), read and written through the storage, so a restore puts the files back wherever media
lives now. The row counts are taken from the same snapshot as the dump, so a restore can
prove it brought back exactly what was saved.
"""

import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def table_names() -> list[str]:
    """Every table of the project's models, including many-to-many tables."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _count_rows(cursor, quote) -> dict[str, int]:
    counts = {}
    for table in table_names():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our own table names
        counts[table] = cursor.fetchone()[0]
    return counts


def _postgres_environment(database: dict) -> dict[str, str]:
    environment = {**os.environ, "PGDATABASE": database["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            environment[variable] = str(database[key])
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    executable = shutil.which(command[0])
    if executable is None:
        raise BackupError(f"{command[0]} is not installed; install the PostgreSQL client tools.")
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        [executable, *command[1:]], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(alias: str, folder: Path) -> tuple[str, dict[str, int]]:
    connection = connections[alias]
    connection.ensure_connection()
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        target_path = folder / SQLITE_FILE
        target = sqlite3.connect(target_path)
        try:
            connection.connection.backup(target)
            counts = _count_rows(target.cursor(), quote)
        finally:
            target.close()
        return SQLITE_FILE, counts
    if connection.vendor == "postgresql":
        # Count and dump from one exported snapshot, so both describe the same moment.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_rows(cursor, quote)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={folder / POSTGRES_FILE}",
                ],
                _postgres_environment(connection.settings_dict),
            )
        return POSTGRES_FILE, counts
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def media_files(folder: str = "") -> Iterator[str]:
    """The name of every file in the media storage, walking its folders."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # local media folder not created yet: no media
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from media_files(posixpath.join(folder, name))


def _archive_media(archive: tarfile.TarFile) -> None:
    for name in media_files():
        with default_storage.open(name, "rb") as source:
            member = tarfile.TarInfo(f"{MEDIA_DIR}/{name}")
            member.size = source.size
            member.mtime = int(time.time())
            archive.addfile(member, source)


def _restore_media(archive_folder: Path) -> None:
    """Replace every media file with the archive's, under the same names."""
    for name in list(media_files()):
        default_storage.delete(name)
    if not archive_folder.is_dir():
        return
    for path in sorted(p for p in archive_folder.rglob("*") if p.is_file()):
        name = PurePosixPath(path.relative_to(archive_folder)).as_posix()
        with path.open("rb") as content:
            saved = default_storage.save(name, File(content, name=name))
        if saved != name:
            raise BackupError(f"The media storage renamed {name} to {saved} while restoring.")


def _archive_path(output: Path, *, created, overwrite: bool) -> Path:
    """Where the archive goes: into the folder ``output`` under a dated name, or to ``output``
    itself when it is an existing file or a new name ending in ``.tar.gz``. A new folder is
    made only inside an existing one; an existing archive is replaced only with ``overwrite``."""
    path = output / f"dangol-backup-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz"
    if not output.is_dir():
        if output.exists() or output.name.endswith(".tar.gz"):
            path = output
        parent = output.parent
        if not parent.is_dir():
            problem = "is not a folder" if parent.exists() else "does not exist"
            raise BackupError(f"{parent} {problem}: name a folder that exists.")
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists: pass --overwrite to replace it.")
    return path


def create_backup(*, output: Path, overwrite: bool = False, alias: str = "default") -> Path:
    """Write an archive of the database and media (see :func:`_archive_path` for where) and
    return its path. The archive is written beside its final name and moved there once
    complete, so a failed backup never leaves half an archive or spoils the one it replaces."""
    created = timezone.now()
    archive_path = _archive_path(output, created=created, overwrite=overwrite)
    partial = archive_path.with_name(f".{archive_path.name}.partial")
    try:
        archive_path.parent.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            database_file, counts = _dump_database(alias, folder)
            manifest = {
                "format": 1,
                "created": created.isoformat(),
                "vendor": connections[alias].vendor,
                "database_file": database_file,
                "counts": counts,
            }
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(folder / MANIFEST, arcname=MANIFEST)
                archive.add(folder / database_file, arcname=database_file)
                _archive_media(archive)
        os.replace(partial, archive_path)
    except OSError as error:
        raise BackupError(f"Cannot write {archive_path}: {error.strerror or error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    return archive_path


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return json.loads(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a Dangol backup archive ({error}).") from error


def restore_backup(*, archive_path: Path, alias: str = "default") -> dict[str, tuple[int, int]]:
    """Replace the database and media with the archive's. Returns the tables whose row count
    differs from the manifest after the restore (table: (expected, found)); empty when exact."""
    manifest = read_manifest(archive_path)
    connection = connections[alias]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This archive holds a {manifest['vendor']} database; the configured database is "
            f"{connection.vendor}."
        )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            source = sqlite3.connect(folder / manifest["database_file"])
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(folder / manifest["database_file"]),
                ],
                _postgres_environment(connection.settings_dict),
            )
        _restore_media(folder / MEDIA_DIR)

    with connection.cursor() as cursor:
        found = _count_rows(cursor, connection.ops.quote_name)
    return {
        table: (expected, found.get(table, 0))
        for table, expected in manifest["counts"].items()
        if found.get(table, 0) != expected
    }
