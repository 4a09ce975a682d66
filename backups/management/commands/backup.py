from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.services import MEDIA_PREFIX, BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "Write one backup archive (database dump, uploaded files, manifest) into --output or BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="folder for the archive (default: BACKUP_DIR)")
        parser.add_argument("--prune", action="store_true",
                            help="then delete the oldest archives of that folder beyond BACKUP_KEEP")

    def handle(self, *args, output=None, prune=False, **options):
        folder = Path(output or settings.BACKUP_DIR)
        try:
            backup = create_backup(output_dir=folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = backup.manifest
        media = [entry["size"] for name, entry in manifest["files"].items() if name.startswith(MEDIA_PREFIX)]
        self.stdout.write(self.style.SUCCESS(f"Backup written: {backup.path} ({size(backup.path.stat().st_size)})"))
        self.stdout.write(f"  database: {manifest['engine']}, {len(manifest['tables'])} tables, "
                          f"{sum(manifest['tables'].values())} rows")
        self.stdout.write(f"  media: {len(media)} files ({size(sum(media))})")
        if prune:
            for deleted in prune_backups(directory=folder):
                self.stdout.write(f"  deleted the old archive {deleted.name}")


def size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB" if count >= 100 * 1024 else f"{count / 1024:.1f} kB"
