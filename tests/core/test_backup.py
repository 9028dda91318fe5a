"""`manage.py backup` and `restore`: a snapshot of the database and media, brought back whole."""

import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_factories import ImageFactory

from core.backup import read_manifest
from stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def make_backup(tmp_path):
    call_command("backup", output=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("dangol-backup-*.tar.gz")
    return archive


def test_restore_into_an_empty_database_brings_back_every_row_and_file(
    home, media_root, tmp_path, django_db_blocker
):
    image = ImageFactory(title="로스터")
    story = StoryPageFactory(title="목요일은 로스팅 데이", hero_image=image)
    image_path = media_root / image.file.name
    assert image_path.exists()
    archive = make_backup(tmp_path)
    manifest = read_manifest(archive)
    assert manifest["counts"]["wagtailcore_page"] == Page.objects.count()

    call_command("flush", interactive=False, inhibit_post_migrate=True)
    image_path.unlink()
    assert Page.objects.count() == 0

    call_command("restore", str(archive), interactive=False)

    assert Page.objects.get(pk=story.pk).title == "목요일은 로스팅 데이"
    assert get_image_model().objects.get(pk=image.pk).title == "로스터"
    assert image_path.exists()
    from django.db import connection

    with connection.cursor() as cursor:
        for table, expected in manifest["counts"].items():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            assert cursor.fetchone()[0] == expected, table


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not a Dangol backup archive"):
        call_command("restore", str(bogus), interactive=False)


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), interactive=False)


def test_restore_refuses_a_backup_of_another_database_kind(home, media_root, tmp_path):
    archive = make_backup(tmp_path)
    manifest = read_manifest(archive)
    manifest["vendor"] = "oracle"
    edited = tmp_path / "edited.tar.gz"
    manifest_file = tmp_path / "manifest.json"
    manifest_file.write_text(json.dumps(manifest))
    with tarfile.open(edited, "w:gz") as archive_file:
        archive_file.add(manifest_file, arcname="manifest.json")
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="holds a oracle database"):
        call_command("restore", str(edited), interactive=False)
    assert Page.objects.count() == pages_before


def test_media_in_an_s3_bucket_is_backed_up_and_restored(home, s3_media, tmp_path):
    image = ImageFactory(title="로스터")
    rendition = image.get_rendition("fill-40x30")
    original = s3_media.read(image.file.name)
    assert {image.file.name, rendition.file.name} == s3_media.stored()
    archive = make_backup(tmp_path)
    with tarfile.open(archive) as archive_file:
        assert f"media/{image.file.name}" in archive_file.getnames()

    call_command("flush", interactive=False, inhibit_post_migrate=True)
    s3_media.client.delete_object(Bucket=s3_media.name, Key=image.file.name)
    s3_media.client.put_object(Bucket=s3_media.name, Key="original_images/stray.jpg", Body=b"x")

    call_command("restore", str(archive), interactive=False)

    restored = get_image_model().objects.get(pk=image.pk)
    assert s3_media.stored() == {image.file.name, rendition.file.name}  # the stray file is gone
    assert s3_media.read(restored.file.name) == original
    assert restored.get_rendition("fill-40x30").url.startswith(s3_media.endpoint)


def test_backup_writes_to_an_archive_name_or_a_new_folder(home, media_root, tmp_path):
    call_command("backup", output=tmp_path / "tonight.tar.gz")
    assert read_manifest(tmp_path / "tonight.tar.gz")["vendor"]
    call_command("backup", output=tmp_path / "new-folder")
    (archive,) = (tmp_path / "new-folder").iterdir()  # no partial file left beside it
    assert archive.name.startswith("dangol-backup-")


@pytest.mark.parametrize("output", ["missing/backups", "missing/tonight.tar.gz", "notes.txt/x"])
def test_backup_refuses_an_output_whose_folder_does_not_exist(tmp_path, output):
    (tmp_path / "notes.txt").write_text("not a folder")
    with pytest.raises(CommandError, match="name a folder that exists"):
        call_command("backup", output=tmp_path / output)
    assert not (tmp_path / "missing").exists()


def test_backup_refuses_an_existing_file_unless_told_to_overwrite(home, media_root, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="already exists: pass --overwrite to replace it"):
        call_command("backup", output=existing)
    assert existing.read_text() == "keep me"
    call_command("backup", output=existing, overwrite=True)
    assert read_manifest(existing)["counts"]
