import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuanson_tdkt.settings")

app = Celery("xuanson_tdkt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="xuanson_tdkt.ping")
def ping() -> str:
    """Round-trip check used by tests and operators (`celery -A xuanson_tdkt call xuanson_tdkt.ping`)."""
    return "pong"
