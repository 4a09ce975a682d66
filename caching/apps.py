from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "rendered pages and documents kept between requests"

    def ready(self):
        from . import generation

        generation.install_on_open_connections()
        # A deployment runs migrate: pages kept by the previous release (its templates, its static files' names) are
        # not served by the new one.
        post_migrate.connect(_new_release, sender=self, dispatch_uid="caching.new_release")


def _new_release(sender, **kwargs):
    from . import generation

    generation.bump()
