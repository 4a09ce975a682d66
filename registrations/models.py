"""What units and people sign up for: registrations of titles, initiatives and writing-contest entries."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from awards.enums import RecipientKind
from xuanson_tdkt.locking import Versioned

from .enums import Ground, PeriodKind, PhaseKind, RegistrationStatus


class PhaseQuerySet(models.QuerySet):
    def open_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Phase(Versioned):
    """A dated window of the year (or of a thematic campaign): registration, initiatives, contest, dossiers."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="phases")
    year = models.PositiveSmallIntegerField(_("year"))
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("thematic campaign"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices)
    name = models.CharField(_("name"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    objects = PhaseQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["year", "opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="phase_closes_after_opening"),
        ]

    def __str__(self):
        return self.name

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class Initiative(Versioned):
    """A work initiative (sáng kiến), due by the plan's deadline; later recognised (or not) by the council."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="initiatives")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="initiatives")
    title = models.CharField(_("title"), max_length=400)
    field = models.CharField(_("field"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    authors = models.ManyToManyField("directory.Person", verbose_name=_("authors"), related_name="initiatives")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    recognised = models.BooleanField(_("recognised"), null=True, blank=True)
    applied = models.BooleanField(_("applied"), null=True, blank=True)
    benefit = models.TextField(_("benefit"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory(m2m_fields=["authors"])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "pk"]

    def __str__(self):
        return self.title


def attachment_path(instance, filename):
    # Stored under the private media root, never served directly: downloads go through a permission check.
    return f"initiatives/{instance.initiative.year}/{instance.initiative_id}/{filename}"


class InitiativeAttachment(models.Model):
    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE,
                                   related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


def ground_evidence_path(instance, filename):
    # Private media, served only through a permission check (registrations:registration_evidence).
    return f"registrations/{instance.year}/evidence/{filename}"


class Registration(Versioned):
    """A unit's registration of itself, one of its people or a household for a title in a year (or campaign)."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="registrations")
    year = models.PositiveSmallIntegerField(_("year"))
    phase = models.ForeignKey(Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="registrations")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("thematic campaign"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("registering unit"), on_delete=models.PROTECT,
                             related_name="registrations")
    title = models.ForeignKey("awards.Title", verbose_name=_("title"), on_delete=models.PROTECT,
                              related_name="registrations")
    recipient_kind = models.CharField(_("registered"), max_length=12, choices=RecipientKind.choices)
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="registrations")
    household = models.CharField(_("household (head of household, address)"), max_length=300, blank=True)
    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="registration", help_text=_("One initiative grounds only one award."),
    )
    ground = models.CharField(
        _("ground"), max_length=12, choices=Ground.choices, default=Ground.INITIATIVE,
        help_text=_("For a title that takes an initiative: the initiative, or excellent completion of duties where "
                    "the rules of the year allow it."),
    )
    ground_evidence = models.TextField(
        _("evidence of excellent completion of duties"), blank=True,
        help_text=_("The number and date of the evaluation that rated the person \"hoàn thành xuất sắc nhiệm vụ\", "
                    "e.g. Quyết định số 12/QĐ-UBND ngày 15/12/2025."),
    )
    ground_evidence_file = models.FileField(_("evidence file"), upload_to=ground_evidence_path, blank=True,
                                            max_length=300)
    ground_evidence_file_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.DRAFT, db_index=True)
    office_comment = models.TextField(_("office comment"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["unit__position", "title__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "title", "person"], condition=Q(person__isnull=False),
                                    name="registration_once_per_person_title_year"),
            models.UniqueConstraint(fields=["year", "title", "unit"],
                                    condition=Q(recipient_kind__in=["collective", "hamlet"]),
                                    name="registration_once_per_unit_title_year"),
        ]

    def __str__(self):
        return f"{self.title}: {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        if self.household:
            return self.household
        return self.unit.name


class RegistrationEvent(models.Model):
    """The registration's steps as its page shows them (who, when, the office's comment); the audit trail of
    every field is the model's simple-history (`history`)."""

    registration = models.ForeignKey(Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
                                     related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                              related_name="+")
    action = models.CharField(_("action"), max_length=30)  # created, edited, submitted, returned, accepted
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration history")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.registration_id}: {self.action}"


class ContestEntry(models.Model):
    """An article of the writing contest on exemplary people (gương điển hình tiên tiến, người tốt việc tốt)."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="contest_entries")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="contest_entries")
    year = models.PositiveSmallIntegerField(_("year"))
    # The plan that launched the contest (the council's contest plan, say) and, when it has one, its campaign.
    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("launched by the plan"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="contest_entries")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="contest_entries")
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    period = models.PositiveSmallIntegerField(_("month or quarter"))
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(_("person or collective written about"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="contest/%Y/", blank=True, max_length=300)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    forwarded_at = models.DateTimeField(_("forwarded to the town at"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["-year", "-period", "unit__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_kind="month", period__gte=1, period__lte=12)
                | Q(period_kind="quarter", period__gte=1, period__lte=4),
                name="contest_entry_valid_period",
            ),
        ]

    def __str__(self):
        return self.title


class ImportPreview(models.Model):
    """The checked rows of one uploaded workbook, kept from its preview to its confirm step (registrations.previews):
    the file is read and checked once; the preview's pages read these rows and the confirm step saves their plans.
    Only the user who uploaded it may read or confirm it; it expires after a day."""

    token = models.CharField(max_length=64, unique=True)  # known only to the uploader's session
    kind = models.CharField(max_length=30)  # "people", "registrations"
    commune = models.ForeignKey("directory.Commune", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    letters = models.JSONField(default=dict)  # header → column letter, for the row errors
    file_errors = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)  # rows with errors
    changed = models.BooleanField(default=False)  # checked again at a confirm step, which found the data changed

    def __str__(self):
        return f"{self.kind}: {self.file_name}"


class ImportPreviewRow(models.Model):
    """One row of an ImportPreview: its cells, its errors or its plan."""

    preview = models.ForeignKey(ImportPreview, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField()  # the row number in the sheet
    values = models.JSONField()  # the cells, in the order of the importer's columns
    errors = models.JSONField(default=list)
    plan = models.JSONField(null=True)  # what the confirm step saves; None for a row with errors
    valid = models.BooleanField()

    class Meta:
        ordering = ["number"]
        indexes = [models.Index(fields=["preview", "valid", "number"], name="import_preview_row_page")]

    def __str__(self):
        return f"{self.preview_id}: {self.number}"
