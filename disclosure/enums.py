from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLING = "handling", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


# A complaint in one of these states blocks the decision on its nomination.
OPEN_STATUSES = (FeedbackStatus.NEW, FeedbackStatus.HANDLING)
