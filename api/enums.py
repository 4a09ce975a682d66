from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a client system's token may do; each endpoint names the scope it needs."""

    READ = "read", _("Read")
    SUBMIT = "submit", _("Submit dossiers")
    DECIDE = "decide", _("Record decisions")
