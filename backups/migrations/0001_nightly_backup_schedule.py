"""Data migration: the nightly backup's beat schedule, so every installation has it after `migrate` (no seed_demo).

Created once and found by name, like the reminders' schedules (seed_beat_schedules): the time or the enabled flag
changed later in /admin/ stays as it was set.
"""

from django.db import migrations
from django.utils import timezone

NAME = "Sao lưu dữ liệu hằng đêm"
TASK = "backups.nightly_backup"
CRONTAB = {"minute": "0", "hour": "2", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
TIMEZONE = "Asia/Ho_Chi_Minh"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    crontab = CrontabSchedule.objects.filter(timezone=TIMEZONE, **CRONTAB).first()
    crontab = crontab or CrontabSchedule.objects.create(timezone=TIMEZONE, **CRONTAB)
    PeriodicTask.objects.create(
        name=NAME, task=TASK, crontab=crontab,
        description="Sao lưu cơ sở dữ liệu và tệp đính kèm vào BACKUP_DIR, giữ BACKUP_KEEP bản mới nhất.",
    )
    # What PeriodicTask.save() does outside a migration: a running beat reloads its schedule.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
