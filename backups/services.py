"""Backups that restore: one archive with the database, the uploaded files and a manifest, and the way back.

An archive ``tdkt-backup-YYYYmmdd-HHMMSS.tar.gz`` (local time) holds

    database/portal.pgdump    PostgreSQL: pg_dump's custom format, restored with pg_restore
    database/portal.sqlite3   SQLite: a copy made with SQLite's online backup API
    media/<path>              every file under MEDIA_ROOT, at its path there
    manifest.json             written last: the creation time, the engine, the applied migrations, the row count of
                              every table, and the SHA-256 and size of every other file of the archive

The row counts come from the same snapshot as the dump (PostgreSQL: a snapshot exported by a repeatable-read
transaction and imported by pg_dump; SQLite: the copy itself), so they agree even while the portal is in use.
A restore unpacks the archive into a temporary folder and checks every hash before it touches the database or
MEDIA_ROOT.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from caching import generation

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"postgresql": "database/portal.pgdump", "sqlite": "database/portal.sqlite3"}
MEDIA_PREFIX = "media/"
ARCHIVE_NAME = re.compile(r"^tdkt-backup-(\d{8}-\d{6})(?:-(\d+))?\.tar\.gz$")
CHUNK = 1024 * 1024
# tarfile's "data" filter (Python 3.11.4+ and distributions' backports) on top of this module's own member checks.
_EXTRACT_OPTIONS = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}

# Connection options of Django's PostgreSQL settings that libpq also reads from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE", "service": "PGSERVICE", "connect_timeout": "PGCONNECT_TIMEOUT",
}  # fmt: skip

_TABLES_SQL = {
    "postgresql": (
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY c.relname"
    ),
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
              "ORDER BY name",
}


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message tells the operator why, in the portal's language."""


@dataclass
class Snapshot:
    """The database part of an archive: its file and what the manifest says about it."""

    member: str
    path: Path
    tables: dict[str, int]
    migrations: dict[str, list[str]]


@dataclass
class Backup:
    path: Path
    manifest: dict


@dataclass
class Restored:
    archive: Path
    manifest: dict
    tables: dict[str, int]
    files: int
    # Migrations of this code that the archive's database has not applied yet: `manage.py migrate` adds them.
    unapplied: list[str]


# Backup ---------------------------------------------------------------------------------------------------------


def create_backup(*, output_dir=None, using: str = DEFAULT_DB_ALIAS, now=None) -> Backup:
    """Write one archive of the database and MEDIA_ROOT into output_dir (default BACKUP_DIR); returns it.

    Side effects: creates output_dir; builds the archive under a hidden temporary name (mode 0600: it holds password
    hashes) and renames it only once it is complete and on disk. Reads the database and MEDIA_ROOT, changes neither.
    A file deleted from MEDIA_ROOT while the backup runs is left out. Raises BackupError.
    """
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    media_root = Path(settings.MEDIA_ROOT)
    created = timezone.localtime(now)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        staging_dir = tempfile.TemporaryDirectory(prefix=".tdkt-backup-", dir=output_dir)
    except OSError as exc:
        raise BackupError(_("Cannot write into the backup folder %(path)s: %(error)s") % {
            "path": output_dir, "error": exc.strerror or exc}) from exc
    with staging_dir as staging:
        staging = Path(staging)
        try:
            snapshot = _snapshot_database(connections[using], staging)
        except DatabaseError as exc:
            raise BackupError(_("The database cannot be read: %(error)s") % {"error": exc}) from exc
        partial = staging / "archive.tar.gz"
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    files = {snapshot.member: _add_file(tar, snapshot.path, snapshot.member)}
                    for path in _media_files(media_root):
                        member = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
                        try:
                            files[member] = _add_file(tar, path, member)
                        except FileNotFoundError:
                            continue  # deleted by the portal after it was listed
                    manifest = {
                        "format": FORMAT,
                        "created_at": created.isoformat(),
                        "engine": connections[using].vendor,
                        "database": snapshot.member,
                        "migrations": snapshot.migrations,
                        "tables": snapshot.tables,
                        "files": files,
                    }
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
                raw.flush()
                os.fsync(raw.fileno())
            target = _free_name(output_dir, created)
            os.replace(partial, target)
        except OSError as exc:
            raise BackupError(_("Cannot write the backup archive into %(path)s: %(error)s") % {
                "path": output_dir, "error": exc.strerror or exc}) from exc
    return Backup(path=target, manifest=manifest)


def _snapshot_database(connection, staging: Path) -> Snapshot:
    if connection.vendor == "postgresql":
        return _dump_postgresql(connection, staging)
    if connection.vendor == "sqlite":
        return _copy_sqlite(connection, staging)
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": connection.vendor})


def _dump_postgresql(connection, staging: Path) -> Snapshot:
    pg_dump = _client_program("pg_dump")
    member = DATABASE_MEMBERS["postgresql"]
    path = staging / PurePosixPath(member).name
    # A connection of its own: its repeatable-read transaction exports the snapshot that pg_dump imports, and the row
    # counts are read in that same snapshot.
    reader = connection.copy()
    try:
        reader.set_autocommit(False)
        with reader.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_catalog.pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            tables = row_counts(cursor, "postgresql")
            migrations = _applied_migrations(cursor, tables)
            _run_client([pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={path}",
                         f"--dbname={connection.settings_dict['NAME']}"], connection.settings_dict)
        reader.rollback()
    finally:
        reader.close()
    return Snapshot(member=member, path=path, tables=tables, migrations=migrations)


def _copy_sqlite(connection, staging: Path) -> Snapshot:
    member = DATABASE_MEMBERS["sqlite"]
    path = staging / PurePosixPath(member).name
    timeout = (connection.settings_dict.get("OPTIONS") or {}).get("timeout", 5)
    try:
        # A connection of its own (Django's may be inside a transaction): it reads what is committed. All pages in
        # one step, so the source stays read-locked for the whole copy and the copy is one consistent state.
        source = sqlite3.connect(connection.settings_dict["NAME"], uri=True, timeout=timeout)
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)
            cursor = copy.cursor()
            tables = row_counts(cursor, "sqlite")
            migrations = _applied_migrations(cursor, tables)
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(_("Copying the SQLite database failed: %(error)s") % {"error": exc}) from exc
    return Snapshot(member=member, path=path, tables=tables, migrations=migrations)


def row_counts(cursor, vendor: str) -> dict[str, int]:
    """The number of rows of every table of the database (the portal's schema), by table name."""
    cursor.execute(_TABLES_SQL[vendor])
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute("SELECT COUNT(*) FROM {}".format('"' + name.replace('"', '""') + '"'))
        counts[name] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor, tables) -> dict[str, list[str]]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


class _HashingReader:
    """Hands a file's bytes to tarfile and hashes exactly what was written into the archive."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, member: str) -> dict:
    with open(path, "rb") as handle:
        info = tar.gettarinfo(arcname=member, fileobj=handle)  # size from fstat: what the file holds now
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, member: str, data: bytes) -> None:
    info = tarfile.TarInfo(member)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _free_name(directory: Path, created) -> Path:
    stamp = created.strftime("%Y%m%d-%H%M%S")
    target = directory / f"tdkt-backup-{stamp}.tar.gz"
    number = 1
    while target.exists():  # two backups within one second
        target = directory / f"tdkt-backup-{stamp}-{number}.tar.gz"
        number += 1
    return target


# Retention ------------------------------------------------------------------------------------------------------


def list_backups(directory=None) -> list[Path]:
    """The archives in directory (default BACKUP_DIR), oldest first, by the time in their names; nothing else."""
    directory = Path(directory or settings.BACKUP_DIR)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = ARCHIVE_NAME.match(path.name)
        if match and path.is_file():
            found.append(((match[1], int(match[2] or 0)), path))
    return [path for _key, path in sorted(found)]


def prune_backups(*, directory=None, keep: int | None = None) -> list[Path]:
    """Delete the oldest archives of directory (default BACKUP_DIR) beyond the newest `keep` (default BACKUP_KEEP).

    keep=0 keeps every archive. Only files named like this module's archives are considered; anything else in the
    folder is left alone. Returns the deleted paths.
    """
    keep = settings.BACKUP_KEEP if keep is None else keep
    if keep <= 0:
        return []
    archives = list_backups(directory)
    doomed = archives[: max(len(archives) - keep, 0)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


# Restore --------------------------------------------------------------------------------------------------------


def verify_archive(archive, *, into: Path) -> dict:
    """Unpack archive into the folder `into` and check every file against the manifest; returns the manifest.

    Raises BackupError when the archive cannot be read, is not one of the portal's archives, holds a file the
    manifest does not list (or lacks one it lists), or a file whose size or SHA-256 differs from the manifest.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("There is no backup archive at %(path)s.") % {"path": archive})
    names = []
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [member for member in tar.getmembers() if not member.isdir()]
            for member in members:
                # Checked before anything is unpacked: plain files at the archive's own paths only (no links, no
                # "../"), which also keeps Pythons without tarfile's extraction filters safe.
                if not member.isfile() or not _is_archive_member(member.name):
                    raise BackupError(_("%(path)s is not a backup of the portal: it holds %(name)s, which no "
                                        "backup has.") % {"path": archive, "name": member.name})
                names.append(member.name)
            tar.extractall(into, members=members, **_EXTRACT_OPTIONS)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(_("%(path)s cannot be read: the file is damaged or not a backup archive (%(error)s).") % {
            "path": archive, "error": exc}) from exc
    if MANIFEST not in names:
        raise BackupError(_("%(path)s is not a backup of the portal: it has no manifest.") % {"path": archive})
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        database = manifest["database"]
        if manifest["format"] != FORMAT or database not in DATABASE_MEMBERS.values() or database not in files:
            raise ValueError(manifest["format"])
        for name, entry in files.items():
            if not (name == database or _is_media_member(name)):
                raise ValueError(name)
            int(entry["size"]), str(entry["sha256"])
        manifest["tables"].items(), manifest["migrations"].items()
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(_("%(path)s is not a backup of the portal: its manifest cannot be read.") % {
            "path": archive}) from exc
    listed, stored = set(files), set(names) - {MANIFEST}
    if listed != stored or len(names) != len(stored) + 1:
        odd = sorted(listed ^ stored) or sorted({n for n in names if names.count(n) > 1})
        raise BackupError(_("%(path)s is damaged: its files do not match its manifest (%(names)s).") % {
            "path": archive, "names": ", ".join(odd[:5])})
    for name in sorted(files):
        expected = files[name]
        path = into / name
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(_("%(path)s is damaged: %(name)s does not match the SHA-256 in its manifest.") % {
                "path": archive, "name": name})
    return manifest


def _is_archive_member(name: str) -> bool:
    return name == MANIFEST or name in DATABASE_MEMBERS.values() or _is_media_member(name)


def _is_media_member(name: str) -> bool:
    path = PurePosixPath(name)
    return name.startswith(MEDIA_PREFIX) and str(path) == name and ".." not in path.parts and len(path.parts) > 1


def restore_backup(*, archive, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Bring an archive back into the database and MEDIA_ROOT, which must both be empty (force=True empties them).

    Checks first, touching nothing: the archive is intact (verify_archive), comes from the same database engine, and
    this code knows every migration it applied. Then, with force, drops every table and deletes every file under
    MEDIA_ROOT; restores the database (pg_restore in one transaction / the SQLite file put in place) and the files;
    and compares the row count of every table with the manifest. Raises BackupError with the reason.
    """
    archive = Path(archive)
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="tdkt-restore-") as staging:
        staging = Path(staging)
        try:
            manifest = verify_archive(archive, into=staging)
            if manifest["engine"] != connection.vendor:
                raise BackupError(_("%(path)s holds a %(archive)s database, but the portal is set up for "
                                    "%(engine)s.") % {
                    "path": archive, "archive": manifest["engine"], "engine": connection.vendor})
            unapplied = _check_migrations(manifest)
            occupied = _occupied(connection, media_root)
            if occupied and not force:
                raise BackupError(_("%(what)s. A restore goes into an empty database and an empty media folder, so "
                                    "nothing is overwritten by mistake. Create a new empty database (or empty this "
                                    "one) and empty %(media)s, or run again with --force to delete what is there.") % {
                    "what": "; ".join(occupied), "media": media_root})
        except DatabaseError as exc:
            reason = _("The database cannot be read: %(error)s") % {"error": exc}
            raise BackupError(_("Nothing was restored: %(reason)s") % {"reason": reason}) from exc
        except BackupError as exc:
            raise BackupError(_("Nothing was restored: %(reason)s") % {"reason": exc}) from exc
        if occupied:
            _empty_database(connection)
            _empty_folder(media_root)
        _restore_database(connection, staging / manifest["database"])
        media = [name for name in manifest["files"] if name.startswith(MEDIA_PREFIX)]
        for name in media:
            target = media_root / name[len(MEDIA_PREFIX):]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / name, target)
    with connection.cursor() as cursor:
        tables = row_counts(cursor, connection.vendor)
    if tables != manifest["tables"]:
        differ = sorted(set(tables) ^ set(manifest["tables"]) | {
            name for name in tables if manifest["tables"].get(name, tables[name]) != tables[name]})
        raise BackupError(_("The restored database does not match the manifest of %(path)s in these tables: "
                            "%(tables)s.") % {"path": archive, "tables": ", ".join(differ)})
    # pg_restore wrote past Django's connections, which move the data generation: pages kept before are stale.
    generation.bump()
    return Restored(archive=archive, manifest=manifest, tables=tables, files=len(media), unapplied=unapplied)


def _check_migrations(manifest) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(applied - known)
    if unknown:
        raise BackupError(_("the archive comes from a newer version of the portal: this code does not know its "
                            "migrations %(names)s. Install the same version as the backed-up server, then "
                            "restore.") % {"names": ", ".join(f"{a}.{n}" for a, n in unknown[:5])})
    return sorted(f"{app}.{name}" for app, name in known - applied)


def _occupied(connection, media_root: Path) -> list[str]:
    occupied = []
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        exists = Path(connection.settings_dict["NAME"]).exists()  # a new server: not even the file (nor its folder)
    else:
        exists = True
    tables = []
    if exists:
        with connection.cursor() as cursor:
            cursor.execute(_TABLES_SQL[connection.vendor])
            tables = cursor.fetchall()
    if tables:
        occupied.append(_("the database %(name)s already has %(count)s tables") % {
            "name": connection.settings_dict["NAME"], "count": len(tables)})
    files = len(_media_files(media_root))
    if files:
        occupied.append(_("the media folder %(path)s already holds %(count)s files") % {
            "path": media_root, "count": files})
    return occupied


def _empty_database(connection) -> None:
    if connection.vendor == "sqlite":
        return  # the file is replaced whole
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_TABLES_SQL[connection.vendor])
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)} CASCADE")


def _empty_folder(folder: Path) -> None:
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _restore_database(connection, dump: Path) -> None:
    if connection.vendor == "postgresql":
        pg_restore = _client_program("pg_restore")
        # One transaction: a failure leaves the database as empty as it was. Objects belong to the connecting role,
        # whatever role owned them on the old server.
        _run_client([pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                     f"--dbname={connection.settings_dict['NAME']}", str(dump)], connection.settings_dict)
        return
    if connection.is_in_memory_db():
        raise BackupError(_("The SQLite database is in memory; set SQLITE_PATH to a file to restore into."))
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-journal", "-wal", "-shm"):  # a leftover journal of the old file would be replayed into the new
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(dump, partial)
    os.replace(partial, target)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# PostgreSQL client programs -------------------------------------------------------------------------------------


def _client_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(_("%(program)s was not found. Install the PostgreSQL client programs, of the server's "
                            "version or newer (Debian: apt-get install postgresql-client).") % {"program": name})
    return path


def _libpq_environment(settings_dict) -> dict[str, str]:
    """The connection of Django's settings for libpq's programs; the password goes in PGPASSWORD, never in argv."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in LIBPQ_OPTIONS.items():
        if options.get(option):
            env[variable] = str(options[option])
    env.setdefault("PGAPPNAME", "tdkt-backup")
    return env


def _run_client(command: list[str], settings_dict) -> None:
    program = Path(command[0]).name
    try:
        result = subprocess.run(command, env=_libpq_environment(settings_dict), capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise BackupError(_("%(program)s could not be started: %(error)s") % {
            "program": program, "error": exc.strerror or exc}) from exc
    if result.returncode != 0:
        error = " ".join(result.stderr.strip().splitlines()[-5:]) or "-"
        raise BackupError(_("%(program)s failed (exit status %(status)s): %(error)s") % {
            "program": program, "status": result.returncode, "error": error})
