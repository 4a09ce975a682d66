from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class DossierStatus(models.TextChoices):
    """Where a commune's dossier sent up stands, as both sides see it."""

    SENT = "sent", _("Sent, awaiting receipt")
    RECEIVED = "received", _("Received, being checked")
    RETURNED = "returned", _("Returned for more")
    ACCEPTED = "accepted", pgettext_lazy("dossier", "Accepted")  # not the registrations' "Đã tiếp nhận"
    DECIDED = "decided", _("Decided")


class DossierEventKind(models.TextChoices):
    SENT = "sent", _("Sent")
    RESENT = "resent", _("Sent again")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned for more")
    ACCEPTED = "accepted", pgettext_lazy("dossier", "Accepted")  # not the registrations' "Đã tiếp nhận"
    DECIDED = "decided", _("Decided")
    REMINDED = "reminded", _("Reminder sent")


class ProvinceDecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


# While its dossier is with the province, a commune cannot change the proposal's dossier items nor its list.
LOCKED_STATUSES = (DossierStatus.SENT, DossierStatus.RECEIVED, DossierStatus.ACCEPTED, DossierStatus.DECIDED)
