"""manage.py backup / restore: seed, upload, back up, wipe, restore, and the same rows and the same files.

On PostgreSQL the archive is restored by a real `manage.py restore` process into a scratch database this test
creates (named after the test database); on SQLite into a fresh file. A damaged archive, a non-empty target and an
archive of a newer version are refused before anything is touched.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django_celery_beat.models import PeriodicTask

from backups.services import BackupError, create_backup, prune_backups, restore_backup
from backups.tasks import nightly_backup
from registrations.initiative_services import add_attachment
from registrations.models import Initiative
from registrations.uploads import check_upload
from scoring.models import ScoreEntry, ScoreSheet
from scoring.services import save_self_scores
from tests.services import BASE_DIR, require_service

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# Helpers ---------------------------------------------------------------------------------------------------------


def require_postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", f"the default database is {connection.vendor}; set DATABASE_URL=postgres://...")


def upload_files():
    """Files through the portal's own upload paths: an initiative's attachment and a score sheet's evidence."""
    office = get_user_model().objects.get(username="vanphong")
    upload = SimpleUploadedFile("sang-kien.pdf", PDF + b"%sang kien\n", content_type="application/pdf")
    add_attachment(initiative=Initiative.objects.get(commune__slug="xuan-son"), upload=upload,
                   checked=check_upload(upload), by=office)
    sheet = ScoreSheet.objects.get(commune__slug="xuan-son")
    criterion_id = ScoreEntry.objects.filter(sheet=sheet).values_list("criterion_id", flat=True).first()
    evidence = SimpleUploadedFile("bien-ban.pdf", PDF + "%biên bản\n".encode(), content_type="application/pdf")
    save_self_scores(sheet=sheet, values={}, files={criterion_id: (evidence, check_upload(evidence))}, by=office)


def file_hashes(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(root).rglob("*")) if path.is_file()}


def pg_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                   "AND table_type = 'BASE TABLE' ORDER BY table_name")
    counts = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def sqlite_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    counts = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return pg_counts(cursor) if connection.vendor == "postgresql" else sqlite_counts(cursor)


def manage(*args, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300)


def portal_env(tmp_path: Path, **values) -> dict[str, str]:
    # DEBUG on so no production-only setting (SECRET_KEY...) is needed; VAR_DIR keeps the checkout's var/ untouched.
    return {"DEBUG": "1", "VAR_DIR": str(tmp_path / "var"), **{k: str(v) for k, v in values.items()}}


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = db["HOST"] or ""
    return f"postgres://{credentials}@{host}{':' + str(db['PORT']) if db['PORT'] else ''}/{quote(name, safe='')}"


def recreate_database(name: str) -> None:
    """The wipe: a brand-new empty database (template0, so nothing a site added to template1 comes along)."""
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted} TEMPLATE template0")


def scratch_connection(name: str):
    import psycopg

    db = connection.settings_dict
    params = {"dbname": name, "user": db["USER"], "password": db["PASSWORD"], "host": db["HOST"], "port": db["PORT"]}
    return psycopg.connect(**{key: value for key, value in params.items() if value})


def drop_database(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def rewrite_archive(source: Path, target: Path, change) -> None:
    """Copy an archive member by member; change(name, data) returns the new bytes of a member."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# Backup → wipe → restore ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # pg_dump, another process, sees committed rows only
def test_postgresql_backup_wipe_restore_gives_the_same_rows_and_files(media, tmp_path):
    require_postgresql()
    call_command("seed_demo", stdout=io.StringIO())
    upload_files()
    output = io.StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=output)
    [archive] = (tmp_path / "backups").iterdir()  # the archive alone: no temporary file left behind
    assert archive.name.startswith("tdkt-backup-") and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes
    assert "Backup written" in output.getvalue()
    rows, files = counts(), file_hashes(media)
    # Xuân Sơn's 23 of 2022 and Yên Bài's one of 2026, decided by Hà Nội (demo/dossiers.py).
    assert rows["awards_award"] == 24 and rows["registrations_initiativeattachment"] >= 1
    assert any(name.startswith("initiatives/") for name in files) and any(n.startswith("scoring/") for n in files)

    scratch = f"{connection.settings_dict['NAME']}_scratch"
    recreate_database(scratch)
    try:
        env = portal_env(tmp_path, DATABASE_URL=postgres_url(scratch), MEDIA_ROOT=tmp_path / "restored-media")
        restored = manage("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "registrations_initiativeattachment" in restored.stdout
        with scratch_connection(scratch) as conn:
            assert pg_counts(conn.cursor()) == rows
        assert file_hashes(tmp_path / "restored-media") == files

        # Restoring again into what is now a full database is refused, and changes nothing there.
        again = manage("restore", str(archive), env=env)
        assert again.returncode == 1
        assert "Chưa phục hồi gì" in again.stderr and "--force" in again.stderr
        with scratch_connection(scratch) as conn:
            assert pg_counts(conn.cursor()) == rows

        # --force replaces what is there: every table dropped, every file deleted, then the archive again.
        with scratch_connection(scratch) as conn:
            conn.execute("CREATE TABLE stray (id int)")
            conn.execute("INSERT INTO django_session VALUES ('stray', '', now())")
        (tmp_path / "restored-media" / "stray.txt").write_text("x")
        forced = manage("restore", "--force", str(archive), env=env)
        assert forced.returncode == 0, forced.stderr
        with scratch_connection(scratch) as conn:
            assert pg_counts(conn.cursor()) == rows
        assert file_hashes(tmp_path / "restored-media") == files
    finally:
        drop_database(scratch)


@pytest.mark.django_db(transaction=True)  # the backup reads committed rows, through a connection of its own
def test_sqlite_backup_wipe_restore_gives_the_same_rows_and_files(media, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path is tested when the suite runs on SQLite (without DATABASE_URL)")
    call_command("seed_demo", stdout=io.StringIO())
    upload_files()
    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").iterdir()
    rows, files = counts(), file_hashes(media)
    # Xuân Sơn's 23 of 2022 and Yên Bài's one of 2026, decided by Hà Nội (demo/dossiers.py).
    assert rows["awards_award"] == 24 and rows["registrations_initiativeattachment"] >= 1
    assert any(name.startswith("initiatives/") for name in files) and any(n.startswith("scoring/") for n in files)

    database = tmp_path / "restored" / "db.sqlite3"  # the wipe: a new server has neither file nor media
    env = portal_env(tmp_path, DATABASE_URL="", SQLITE_PATH=database, MEDIA_ROOT=tmp_path / "restored-media")
    restored = manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "registrations_initiativeattachment" in restored.stdout
    with sqlite3.connect(database) as conn:
        assert sqlite_counts(conn.cursor()) == rows
    assert file_hashes(tmp_path / "restored-media") == files

    again = manage("restore", str(archive), env=env)
    assert again.returncode == 1 and "Chưa phục hồi gì" in again.stderr
    with sqlite3.connect(database) as conn:
        assert sqlite_counts(conn.cursor()) == rows

    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO django_session VALUES ('stray', '', '2026-01-01')")
    (tmp_path / "restored-media" / "stray.txt").write_text("x")
    forced = manage("restore", "--force", str(archive), env=env)
    assert forced.returncode == 0, forced.stderr
    with sqlite3.connect(database) as conn:
        assert sqlite_counts(conn.cursor()) == rows
    assert file_hashes(tmp_path / "restored-media") == files


# Refusals ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def archive(media, tmp_path):
    (media / "initiatives" / "2022" / "1").mkdir(parents=True)
    (media / "initiatives" / "2022" / "1" / "a.pdf").write_bytes(PDF)
    return create_backup(output_dir=tmp_path / "backups").path


def state(media) -> tuple:
    return counts(), file_hashes(media)


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_before_anything_is_touched_even_with_force(archive, media, tmp_path):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(bytes(data))
    before = state(media)
    with pytest.raises(BackupError, match="^Chưa phục hồi gì: "):
        restore_backup(archive=damaged, force=True)
    assert state(media) == before


@pytest.mark.django_db
def test_a_file_that_differs_from_its_hash_is_refused(archive, media, tmp_path):
    changed = tmp_path / "changed.tar.gz"
    rewrite_archive(archive, changed, lambda name, data: data + b"%" if name.startswith("media/") else data)
    before = state(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(changed), force=True)
    assert "media/initiatives/2022/1/a.pdf không khớp với mã SHA-256" in str(refused.value)
    assert state(media) == before


@pytest.mark.django_db
def test_restore_into_a_database_or_media_folder_that_is_not_empty_is_refused(archive, media):
    before = state(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    message = str(refused.value)
    assert message.startswith("Chưa phục hồi gì: cơ sở dữ liệu ")
    assert "đã có 1 tệp" in message and "--force" in message
    assert state(media) == before


@pytest.mark.django_db
def test_an_archive_of_a_newer_version_is_refused(archive, media, tmp_path):
    def newer(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["awards"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    newer_archive = tmp_path / "newer.tar.gz"
    rewrite_archive(archive, newer_archive, newer)
    with pytest.raises(BackupError, match="awards.9999_from_the_future"):
        restore_backup(archive=newer_archive, force=True)


@pytest.mark.django_db
def test_pg_dump_missing_or_failing_is_a_readable_error_and_leaves_no_archive(media, tmp_path, monkeypatch):
    require_postgresql()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(CommandError, match="Không tìm thấy chương trình pg_dump.*apt-get install postgresql-client"):
        call_command("backup", output=str(tmp_path / "backups"))

    fake = bin_dir / "pg_dump"  # stands for a client older than the server
    fake.write_text("#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(CommandError, match=r"pg_dump bị lỗi \(mã thoát 1\): .*server version mismatch"):
        call_command("backup", output=str(tmp_path / "backups"))
    assert list((tmp_path / "backups").iterdir()) == []


# Retention and the nightly task -----------------------------------------------------------------------------------


def test_retention_deletes_the_oldest_archives_only(tmp_path):
    archives = ["tdkt-backup-20261201-020000.tar.gz", "tdkt-backup-20261202-020000.tar.gz",
                "tdkt-backup-20261203-020000.tar.gz", "tdkt-backup-20261203-020000-1.tar.gz",
                "tdkt-backup-20261204-020000.tar.gz"]
    others = ["notes.txt", "tdkt-backup-before-upgrade.tar.gz", ".tdkt-backup-x1y2"]
    for name in archives + others:
        (tmp_path / name).write_bytes(b"x")
    assert prune_backups(directory=tmp_path, keep=0) == []
    deleted = prune_backups(directory=tmp_path, keep=2)
    assert [path.name for path in deleted] == archives[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(archives[3:] + others)
    assert prune_backups(directory=tmp_path, keep=2) == []


@pytest.mark.django_db
def test_the_nightly_task_backs_up_into_backup_dir_and_keeps_backup_keep(media, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "nightly"
    settings.BACKUP_KEEP = 2
    settings.BACKUP_DIR.mkdir()
    for day in (1, 2, 3):
        (settings.BACKUP_DIR / f"tdkt-backup-2026110{day}-020000.tar.gz").write_bytes(b"old")
    result = nightly_backup.apply().get()
    assert result["deleted"] == ["tdkt-backup-20261101-020000.tar.gz", "tdkt-backup-20261102-020000.tar.gz"]
    names = sorted(path.name for path in settings.BACKUP_DIR.iterdir())
    assert names == ["tdkt-backup-20261103-020000.tar.gz", Path(result["archive"]).name]


@pytest.mark.django_db
def test_the_nightly_schedule_exists_after_migrate_without_the_demo():
    task = PeriodicTask.objects.select_related("crontab").get(task="backups.nightly_backup")
    assert (task.name, task.enabled) == ("Sao lưu dữ liệu hằng đêm", True)
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, crontab.day_of_month, crontab.month_of_year) == (
        "0", "2", "*", "*", "*")
    assert str(crontab.timezone) == "Asia/Ho_Chi_Minh"
