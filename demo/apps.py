from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py seed_demo`): Xuân Sơn's 2022 and a second commune of the province with its 2026.

    It imports the apps it seeds; none of them imports it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
