from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a worker ran beat's periodic heartbeat: proof that beat, the broker and a worker all move."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.recorded_at:%Y-%m-%d %H:%M:%S}"
