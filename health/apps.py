from django.apps import AppConfig


class HealthConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "health"

    def ready(self):
        from . import signals  # noqa: F401 - connects beat's start-up heartbeat
