import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from timeline.reminders import send_reminders, send_weekly_digest


class Command(BaseCommand):
    help = "Send the deadline reminders due today (the same service the daily Celery beat job runs)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the date to act as today, YYYY-MM-DD")
        parser.add_argument("--digest", action="store_true", help="also send the chairman's weekly digest")

    def handle(self, *args, today=None, digest=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, got {today!r}") from None
        result = send_reminders(today=day)
        self.stdout.write(f"{day:%d/%m/%Y}: {result.claimed} reminders, {result.emails} e-mails queued, "
                          f"{result.notifications} notifications")
        if digest:
            result = send_weekly_digest(today=day)
            self.stdout.write(f"weekly digest: {result.claimed} sent")
