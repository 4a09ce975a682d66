from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents import store


class Command(BaseCommand):
    help = ("Delete the rendered PDFs under RENDERED_DIR that nobody used for --days days (default "
            "RENDERED_KEEP_DAYS); issued documents' own files are never touched. The nightly documents.remove_unused.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        days = settings.RENDERED_KEEP_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be 1 or more")
        removed = store.remove_unused(days=days)
        self.stdout.write(f"Removed {removed['pdf']} PDFs, {removed['html']} index entries, "
                          f"{removed['temporary']} temporary files unused for {days} days from {settings.RENDERED_DIR}")
