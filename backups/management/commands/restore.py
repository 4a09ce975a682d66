from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restore a backup archive into an EMPTY database and an EMPTY MEDIA_ROOT, after checking every file of "
            "the archive against its manifest; --force first deletes what is there.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a tdkt-backup-*.tar.gz written by `manage.py backup`")
        parser.add_argument("--force", action="store_true",
                            help="drop every table of the database and delete every file under MEDIA_ROOT first")

    def handle(self, *args, archive, force=False, **options):
        try:
            restored = restore_backup(archive=archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = restored.manifest
        self.stdout.write(f"Archive of {manifest['created_at']} ({manifest['engine']}), every SHA-256 checked.")
        self.stdout.write("Rows per table (equal to the manifest):")
        width = max(map(len, restored.tables), default=0)
        for table, count in restored.tables.items():
            self.stdout.write(f"  {table:<{width}}  {count}")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {len(restored.tables)} tables ({sum(restored.tables.values())} rows) and {restored.files} "
            f"files into {settings.MEDIA_ROOT}."))
        if restored.unapplied:
            self.stdout.write(self.style.WARNING(
                f"This code has {len(restored.unapplied)} migrations the archive's database has not applied yet "
                f"(e.g. {restored.unapplied[0]}): run `manage.py migrate` now."))
