from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'awards'

    def ready(self):
        # The decision (QĐ), submission (TTr) and council minutes (BB) are rendered by awards.documents.
        from .documents import register_renderers

        register_renderers()
