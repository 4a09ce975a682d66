"""Public disclosure (công khai) of the proposed awards before the decision, and residents' feedback on it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory

from .enums import OPEN_STATUSES, FeedbackStatus


def default_days() -> int:
    return settings.DISCLOSURE_DAYS


class Disclosure(models.Model):
    """A list of nominations posted on the commune's public page for a number of days before the decision."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="disclosures")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    heading = models.CharField(_("heading"), max_length=300)
    starts_on = models.DateField(_("posted from"))
    days = models.PositiveSmallIntegerField(_("days posted"), default=default_days)
    nominations = models.ManyToManyField("awards.Nomination", verbose_name=_("nominations posted"),
                                         related_name="disclosures")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")

    history = AuditedHistory(m2m_fields=["nominations"])

    class Meta:
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.heading

    @property
    def ends_on(self) -> datetime.date:
        """The last day posted; a decision may be dated from the day after."""
        return self.starts_on + datetime.timedelta(days=self.days - 1)

    @property
    def decision_from(self) -> datetime.date:
        return self.ends_on + datetime.timedelta(days=1)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_running(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_withdrawn and self.starts_on <= today <= self.ends_on

    def has_ended(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.ends_on


class FeedbackQuerySet(models.QuerySet):
    def open_complaints(self):
        return self.filter(is_complaint=True, status__in=OPEN_STATUSES)


class Feedback(models.Model):
    """A resident's opinion on a disclosure (góp ý, phản ánh, khiếu nại), and how the office handled it."""

    disclosure = models.ForeignKey(Disclosure, verbose_name=_("public disclosure"), on_delete=models.PROTECT,
                                   related_name="feedback")
    # SET_NULL so that deleting a draft nomination stays possible; the feedback text keeps what it was about.
    nomination = models.ForeignKey("awards.Nomination", verbose_name=_("about"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="disclosure_feedback")
    name = models.CharField(_("your name"), max_length=120)
    contact = models.CharField(_("phone or e-mail"), max_length=120)
    content = models.TextField(_("content"), max_length=2000)
    submitted_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=FeedbackStatus.choices,
                              default=FeedbackStatus.NEW, db_index=True)
    is_complaint = models.BooleanField(_("complaint about the nomination"), default=False)
    response = models.TextField(_("office's response"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.name}: {self.content[:60]}"

    @property
    def is_open_complaint(self) -> bool:
        return self.is_complaint and self.status in OPEN_STATUSES


class FeedbackEvent(models.Model):
    """One step of a feedback item's handling (received, handled), with who did it and the state it left."""

    feedback = models.ForeignKey(Feedback, verbose_name=_("feedback"), on_delete=models.CASCADE,
                                 related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=FeedbackStatus.choices)
    is_complaint = models.BooleanField(_("complaint about the nomination"), default=False)
    nomination = models.ForeignKey("awards.Nomination", verbose_name=_("about"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback handling step")
        verbose_name_plural = _("feedback handling steps")
        ordering = ["feedback", "at", "pk"]

    def __str__(self):
        return f"{self.feedback_id}: {self.action}"
