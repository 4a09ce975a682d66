"""The periodic jobs of the worker (Celery beat, database scheduler) that every installation needs.

`seed_beat_schedules()` creates the missing ones, found by name; `seed_demo` calls it, and a production database,
which never gets the demo data, gets them once through `manage.py shell` (README.md, "Worker and beat").
"""

from collections import Counter
from zoneinfo import ZoneInfo

from django_celery_beat.models import CrontabSchedule, PeriodicTask

# Celery beat schedules (django-celery-beat, edited in /admin/): (name, task, crontab fields, description).
BEAT_TIMEZONE = "Asia/Ho_Chi_Minh"
BEAT_SCHEDULES = [
    (
        "Nhắc hạn nhiệm vụ hằng ngày",
        "timeline.send_reminders",
        {"minute": "30", "hour": "6", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "Nhắc những người thực hiện và phối hợp trước hạn 7, 3, 1 ngày và một lần khi quá hạn.",
    ),
    (
        "Tổng hợp việc quá hạn hằng tuần",
        "timeline.send_weekly_digest",
        {"minute": "0", "hour": "7", "day_of_week": "1", "day_of_month": "*", "month_of_year": "*"},
        "Gửi Chủ tịch danh sách nhiệm vụ tiến độ đang quá hạn, sáng thứ Hai.",
    ),
    (
        "Nhắc xã chưa gửi hồ sơ đề nghị khen thưởng",
        "provinces.remind_late_communes",
        {"minute": "30", "hour": "6", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "Nhắc Văn phòng các xã, phường chưa gửi hồ sơ đề nghị khen thưởng lên tỉnh, thành phố: một lần trước hạn "
        "7 ngày và mỗi ngày sau hạn.",
    ),
    (
        "Gửi lại thư chưa gửi được",
        "notifications.flush_outbox",
        {"minute": "*/5", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "Gửi lại thư điện tử còn chờ hoặc bị lỗi.",
    ),
    (
        "Tạo các tệp báo cáo còn chờ",
        "reports.requeue_jobs",
        {"minute": "*/5", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "Chuyển lại cho worker các yêu cầu tạo tệp báo cáo chưa chuyển được khi hệ thống hàng đợi gián đoạn.",
    ),
    (
        "Xóa nhật ký gọi API cũ",
        "api.purge_call_log",
        {"minute": "15", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        "Xóa các lần gọi API cũ hơn API_CALL_LOG_DAYS ngày (mặc định 365) khỏi nhật ký.",
    ),
]


def seed_beat_schedules(created: Counter | None = None) -> Counter:
    """Create the periodic jobs that are missing (found by name); returns how many records of each kind were created."""
    created = Counter() if created is None else created
    timezone = ZoneInfo(BEAT_TIMEZONE)
    for name, task, crontab, description in BEAT_SCHEDULES:
        if PeriodicTask.objects.filter(name=name).exists():
            continue  # it may have been edited or disabled in /admin/
        schedule, new = CrontabSchedule.objects.get_or_create(timezone=timezone, **crontab)
        created["crontab schedules"] += new
        PeriodicTask.objects.create(name=name, task=task, crontab=schedule, description=description)
        created["periodic tasks"] += 1
    return created
