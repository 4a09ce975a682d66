from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TaskRole(models.TextChoices):
    """The appendix columns: who directs, who does, who works with them."""

    DIRECTS = "directs", _("Directs")
    DOES = "does", _("Does")
    SUPPORTS = "supports", _("In coordination with")
