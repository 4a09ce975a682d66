"""Thin Celery task of the backups: the nightly archive (scheduled by beat, see migrations/0001)."""

from celery import shared_task

from . import services


@shared_task(name="backups.nightly_backup", ignore_result=False)
def nightly_backup() -> dict:
    """Write an archive into BACKUP_DIR, then delete the oldest beyond BACKUP_KEEP (only after a backup succeeded)."""
    backup = services.create_backup()
    deleted = services.prune_backups()
    return {"archive": str(backup.path), "size": backup.path.stat().st_size, "deleted": [p.name for p in deleted]}
