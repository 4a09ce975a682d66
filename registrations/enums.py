from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration of titles")
    INITIATIVES = "initiatives", _("Submission of initiatives")
    CONTEST = "contest", _("Writing contest")
    DOSSIERS = "dossiers", _("Award dossiers")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class Ground(models.TextChoices):
    """What grounds a title that takes an initiative (CSTĐCS): the initiative, or, where the rules allow it,
    excellent completion of duties (hoàn thành xuất sắc nhiệm vụ) with its evidence."""

    INITIATIVE = "initiative", _("An initiative")
    EXCELLENCE = "excellence", _("Excellent completion of duties")
