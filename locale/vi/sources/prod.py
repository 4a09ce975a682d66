"""Vietnamese for the health check's heartbeat (health/models.py, seen in /admin/). English msgid → Vietnamese;
merged by scripts/update_translations.sh."""

T = {
    "name": "tên",
    "recorded at": "ghi nhận lúc",
    "heartbeat": "nhịp kiểm tra",
    "heartbeats": "nhịp kiểm tra",
}
