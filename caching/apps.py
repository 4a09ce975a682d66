from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "rendered pages and documents kept between requests"

    def ready(self):
        from . import generation

        generation.install_on_open_connections()
