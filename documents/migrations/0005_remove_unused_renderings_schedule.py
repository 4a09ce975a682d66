"""Data migration: the nightly clean-up of rendered documents (documents.remove_unused) in beat's schedule, so every
installation has it after `migrate`. Created once and found by name, like the nightly backup's: the time or the
enabled flag changed later in /admin/ stays as it was set.
"""

from django.db import migrations
from django.utils import timezone

NAME = "Xóa bản in văn bản lâu không dùng"
TASK = "documents.remove_unused"
CRONTAB = {"minute": "30", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
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
        description="Xóa các tệp PDF đã dựng trong RENDERED_DIR không ai tải trong RENDERED_KEEP_DAYS ngày "
                    "(văn bản đã ban hành được lưu riêng, không bị xóa).",
    )
    # What PeriodicTask.save() does outside a migration: a running beat reloads its schedule.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_province_series"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
