"""The catalogue of titles and award forms, grouped in rule sets that take effect on a date (law as data), and the
council's review of nominations: meetings, attendance and the secret ballot."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import (
    Alignment,
    AwardStatus,
    BallotChoice,
    BallotStatus,
    BlankField,
    Decider,
    DecisionStatus,
    NominationStatus,
    RecipientKind,
    TitleKind,
)


class RuleSetQuerySet(models.QuerySet):
    def for_province(self, province):
        """The national rule sets and those of `province` (None: the national ones only)."""
        return self.filter(models.Q(province__isnull=True) | models.Q(province=province))

    def in_force_on(self, day, province=None):
        """The rule set in force on `day`: the latest effective one, the province's own preferred over the national."""
        candidates = self.for_province(province).filter(effective_from__lte=day)
        return candidates.order_by("-effective_from", models.F("province").desc(nulls_last=True), "-pk").first()


class RuleSet(models.Model):
    """A version of the rules (titles, prerequisites, quotas, rewards), e.g. NĐ 91/2017 for 2022, NĐ 152/2025 now."""

    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey("directory.Province", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="rule_sets",
                                 help_text=_("Empty: the national rules, which nobody edits in the portal."))
    effective_from = models.DateField(_("in force from"))
    legal_basis = models.TextField(_("legal basis"), blank=True)

    objects = RuleSetQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-effective_from", "pk"]

    def __str__(self):
        return self.name


class Title(Versioned):
    """An emulation title or award form of a rule set, with who may get it, who decides, and its conditions."""

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="titles")
    code = models.SlugField(_("code"), max_length=40)  # stable across rule sets: "ldtt", "cstdcs", ...
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=TitleKind.choices, default=TitleKind.EMULATION_TITLE)
    recipient_kind = models.CharField(_("awarded to"), max_length=12, choices=RecipientKind.choices)
    decided_by = models.CharField(_("decided by"), max_length=10, choices=Decider.choices)
    prerequisites = models.ManyToManyField(
        "self", verbose_name=_("requires, the same year"), symmetrical=False, blank=True, related_name="+",
        help_text=_("Titles the same recipient must also hold that year (e.g. LĐTT for CSTĐCS)."),
    )
    requires_initiative = models.BooleanField(
        _("requires an initiative"), default=False,
        help_text=_("The registration must name an initiative (sáng kiến), which may ground only one award."),
    )
    excellence_may_replace_initiative = models.BooleanField(
        _("excellent completion of duties may replace the initiative"), default=False,
        help_text=_("Under NĐ 152/2025 a CSTĐCS needs an initiative recognised at base level or the ground "
                    "\"hoàn thành xuất sắc nhiệm vụ\" with its evidence; under NĐ 91/2017 only an initiative."),
    )
    quota_percent = models.DecimalField(_("quota (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    quota_of = models.ForeignKey(
        "self", verbose_name=_("quota counted against"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("E.g. CSTĐCS at most 15% of the LĐTT of the unit."),
    )
    reward_multiple = models.DecimalField(_("reward (× base salary)"), max_digits=5, decimal_places=2, default=0)
    ballot_required = models.BooleanField(_("secret ballot required"), default=False)
    ballot_threshold_percent = models.DecimalField(
        _("ballot pass mark (% of all council members)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    consecutive_of = models.ForeignKey(
        "self", verbose_name=_("requires consecutive years of"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("E.g. CSTĐ of the province: CSTĐCS three years in a row (this year included)."),
    )
    consecutive_years = models.PositiveSmallIntegerField(_("consecutive years"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("title or award form")
        verbose_name_plural = _("titles and award forms")
        ordering = ["rule_set", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="title_unique_code_per_rule_set")]

    def __str__(self):
        return self.name


class CouncilMeeting(Versioned):
    """A meeting of the commune's emulation and commendation council (Hội đồng TĐKT), as its minutes record it."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="council_meetings")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.ForeignKey("directory.Person", verbose_name=_("chair"), on_delete=models.PROTECT,
                              related_name="+")
    secretary = models.ForeignKey("directory.Person", verbose_name=_("secretary"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    agenda = models.TextField(_("agenda"), blank=True)
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    nominations = models.ManyToManyField("Nomination", verbose_name=_("nominations on the agenda"), blank=True,
                                         related_name="meetings")
    conclusions = models.TextField(_("conclusions"), blank=True)
    minutes = models.OneToOneField("documents.Document", verbose_name=_("minutes"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="council_meeting")

    history = AuditedHistory(m2m_fields=["nominations"])

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return f"{self.commune} – {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    """Whether a council member attended a meeting; absent members may send a written opinion for the minutes."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendances")
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="council_attendances")
    present = models.BooleanField(_("present"), default=True)
    written_opinion = models.TextField(_("written opinion"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")]

    def __str__(self):
        return f"{self.meeting}: {self.person}"


class Nomination(Versioned):
    """A proposal (đề nghị khen thưởng) of a person, unit or household for a title in a year, put to the council."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="nominations")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="nominations")
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="nominations")
    household = models.CharField(_("household (head of household, address)"), max_length=300, blank=True)
    registration = models.OneToOneField("registrations.Registration", verbose_name=_("registration"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="nomination")
    status = models.CharField(_("status"), max_length=10, choices=NominationStatus.choices,
                              default=NominationStatus.DRAFT, db_index=True)
    achievement = models.TextField(_("achievement"), blank=True,
                                   help_text=_("For a direct award: the sudden or thematic achievement."))
    initiative = models.ForeignKey(
        "registrations.Initiative", verbose_name=_("initiative"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="nominations", help_text=_("The initiative grounding this nomination; it grounds only one."),
    )
    complaint_open = models.BooleanField(_("complaint or discipline being handled"), default=False,
                                         help_text=_("A complaint or discipline is being handled: no award."))

    history = AuditedHistory()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "title__position", "pk"]

    def __str__(self):
        return f"{self.title}: {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        if self.household:
            return self.household
        return self.unit.name if self.unit_id else ""


class DossierRequirement(models.Model):
    """A component of the dossier a title needs (tờ trình, báo cáo thành tích, biên bản bình xét, ...), as data."""

    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.CASCADE,
                              related_name="dossier_requirements")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["title", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["title", "code"], name="dossier_requirement_unique_code")]

    def __str__(self):
        return self.name


class DossierItem(models.Model):
    """A nomination's copy of one dossier component: the file, a note, and whether it has been provided."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE,
                                   related_name="dossier_items")
    requirement = models.ForeignKey(DossierRequirement, verbose_name=_("dossier component"),
                                    on_delete=models.PROTECT, related_name="items")
    file = models.FileField(_("file"), upload_to="dossiers/%Y/", blank=True, max_length=300)
    note = models.TextField(_("note"), blank=True)
    provided = models.BooleanField(_("provided"), default=False)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("dossier item")
        verbose_name_plural = _("dossier items")
        ordering = ["nomination", "requirement__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["nomination", "requirement"],
                                               name="dossier_item_once_per_requirement")]

    def __str__(self):
        return f"{self.nomination}: {self.requirement}"


class Ballot(models.Model):
    """The council's secret ballot on one nomination. The counts are frozen when it closes and shown once published."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="ballots")
    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT,
                                   related_name="ballots")
    status = models.CharField(_("status"), max_length=10, choices=BallotStatus.choices, default=BallotStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Frozen at closing; empty while the ballot is open.
    eligible_count = models.PositiveIntegerField(_("council members"), null=True, blank=True)
    votes_cast = models.PositiveIntegerField(_("votes cast"), null=True, blank=True)
    agree_count = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    disagree_count = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    threshold_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2, null=True,
                                            blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nomination"], name="ballot_once_per_meeting")]

    def __str__(self):
        return f"{self.meeting}: {self.nomination}"


class BallotParticipation(models.Model):
    """That a member voted, and nothing else: no choice and no time, so it can never be joined to a vote."""

    # A random key, so the row order reveals nothing about who voted when.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE,
                               related_name="participations")
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = _("ballot participation")
        verbose_name_plural = _("ballot participations")
        constraints = [models.UniqueConstraint(fields=["ballot", "person"], name="ballot_one_vote_per_member")]

    def __str__(self):
        return f"{self.ballot}: {self.person}"


class BallotVote(models.Model):
    """What was voted, and nothing else: no person, no time, a random key (see BallotParticipation). Written only
    when the ballot closes, all in one shuffled batch; while it is open the choices are SealedVote rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("choice"), max_length=10, choices=BallotChoice.choices)

    class Meta:
        verbose_name = _("ballot paper")
        verbose_name_plural = _("ballot papers")

    def __str__(self):
        return self.get_choice_display()


class SealedVote(models.Model):
    """A vote of an open ballot, sealed with a key only the server holds (awards.sealing): no person, no time, no
    readable choice. Closing turns the papers into BallotVote rows in one shuffled batch and deletes these rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE,
                               related_name="sealed_votes")
    nonce = models.BinaryField(_("nonce"), max_length=12)
    ciphertext = models.BinaryField(_("ciphertext"), max_length=64)

    class Meta:
        verbose_name = _("sealed ballot paper")
        verbose_name_plural = _("sealed ballot papers")

    def __str__(self):
        return str(self.pk)


class BaseSalaryQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force from a date; rewards are multiples of it."""

    effective_from = models.DateField(_("in force from"), unique=True)
    amount = models.DecimalField(_("amount (VND)"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    objects = BaseSalaryQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,.0f} ({self.effective_from:%d/%m/%Y})"


class AwardDecision(Versioned):
    """A list of nominations put to one decider: the submission (Tờ trình), then the decision (Quyết định).

    For titles the commune chairman decides, the portal issues the decision itself (document); for titles decided
    above (the town or province in 2022), the office records the decision received (external_*).
    """

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="award_decisions")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    decider = models.CharField(_("decided by"), max_length=10, choices=Decider.choices,
                               default=Decider.COMMUNE_CHAIRMAN)
    status = models.CharField(_("status"), max_length=10, choices=DecisionStatus.choices,
                              default=DecisionStatus.DRAFT)
    nominations = models.ManyToManyField(Nomination, verbose_name=_("nominations"), blank=True,
                                         related_name="decisions")
    submission = models.OneToOneField("documents.Document", verbose_name=_("submission"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="award_submission")
    document = models.OneToOneField("documents.Document", verbose_name=_("decision"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="award_decision")
    external_code = models.CharField(_("decision number received"), max_length=60, blank=True)
    external_issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    external_date = models.DateField(_("decision date"), null=True, blank=True)
    base_salary = models.DecimalField(_("base salary applied (VND)"), max_digits=12, decimal_places=0, null=True,
                                      blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory(m2m_fields=["nominations"])

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-year", "pk"]

    def __str__(self):
        if self.document_id:
            return self.document.code
        return self.external_code or f"{self.get_decider_display()} – {self.year}"

    @property
    def code(self) -> str:
        return self.document.code if self.document_id else self.external_code

    @property
    def decided_on(self):
        return self.document.issued_on if self.document_id else self.external_date


class AwardQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=AwardStatus.ACTIVE)


def new_verification_token() -> str:
    """The unguessable key of an award's public verification page (the certificate's QR code): 144 random bits."""
    return secrets.token_urlsafe(18)


class Award(models.Model):
    """A title or award form granted by a decision, with the recipient and amount as decided (frozen).

    Awards are never deleted: one obtained by fraud is revoked with a reason, and its history is kept.
    """

    decision = models.ForeignKey(AwardDecision, verbose_name=_("decision"), on_delete=models.PROTECT,
                                 related_name="awards")
    nomination = models.OneToOneField(Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT,
                                      related_name="award")
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="awards")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="awards")
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="awards")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="awards")
    recipient_name = models.CharField(_("recipient"), max_length=300)
    recipient_detail = models.CharField(_("position, unit or address"), max_length=400, blank=True)
    amount = models.DecimalField(_("reward (VND)"), max_digits=12, decimal_places=0, default=0)
    position = models.PositiveIntegerField(_("number in the list"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.ACTIVE,
                              db_index=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    verification_token = models.CharField(_("verification token"), max_length=43, unique=True,
                                          default=new_verification_token, editable=False)

    # The token is a key to a public page, not a fact of the award: the history does not copy it.
    history = AuditedHistory(excluded_fields=["verification_token"])
    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "decision", "position", "pk"]

    def __str__(self):
        return f"{self.title}: {self.recipient_name}"

    @property
    def shown_detail(self) -> str:
        """The position and unit as shown, without the unit repeated when the position already ends with it
        ("Công chức Địa chính - Xây dựng, Địa chính - Xây dựng" of awards granted before position_and_unit)."""
        head, separator, tail = self.recipient_detail.rpartition(", ")
        if separator and tail and _words(head).endswith(_words(tail)):
            return head
        return self.recipient_detail


def _words(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def position_and_unit(position: str, unit_name: str) -> str:
    """ "Trưởng thôn, Thôn A"; a position that names its unit already is not followed by it again
    ("Công chức Địa chính - Xây dựng", not "..., Địa chính - Xây dựng")."""
    position, unit_name = (position or "").strip(), (unit_name or "").strip()
    if position and unit_name and _words(position).endswith(_words(unit_name)):
        return position
    return ", ".join(part for part in (position, unit_name) if part)


class DecisionWithdrawal(models.Model):
    """A nomination taken off a decision's list before the decision was issued (e.g. a complaint came in after the
    submission), with who did it, when and why. The nomination is then free for a later decision."""

    decision = models.ForeignKey(AwardDecision, verbose_name=_("decision"), on_delete=models.CASCADE,
                                 related_name="withdrawals")
    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT,
                                   related_name="withdrawals")
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField(_("withdrawn at"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("nomination withdrawn from a decision")
        verbose_name_plural = _("nominations withdrawn from decisions")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.decision}: {self.nomination}"


class CertificateLayout(Versioned):
    """Where a commune's office prints each field of a certificate on its pre-printed blanks (phôi giấy khen), as
    measured on the calibration page; its rows (CertificateLayoutField) ride on its version. A commune without one
    prints with the positions of the built-in certificate (awards.blanks.DEFAULT_FIELDS)."""

    commune = models.OneToOneField("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                   related_name="certificate_layout")
    page_width_mm = models.DecimalField(_("blank width (mm)"), max_digits=5, decimal_places=1, default=297)
    page_height_mm = models.DecimalField(_("blank height (mm)"), max_digits=5, decimal_places=1, default=210)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("certificate blank layout")
        verbose_name_plural = _("certificate blank layouts")

    def __str__(self):
        return str(_("Certificate blank layout of %(commune)s") % {"commune": self.commune})


class CertificateLayoutField(models.Model):
    """One printed field of a blank: its box from the paper's top-left corner, in millimetres."""

    layout = models.ForeignKey(CertificateLayout, verbose_name=_("layout"), on_delete=models.CASCADE,
                               related_name="fields")
    field = models.CharField(_("printed field"), max_length=12, choices=BlankField.choices)
    printed = models.BooleanField(_("printed"), default=True,
                                  help_text=_("Off when the blank already carries it (e.g. the signer's name)."))
    x_mm = models.DecimalField(_("from the left (mm)"), max_digits=5, decimal_places=1)
    y_mm = models.DecimalField(_("from the top (mm)"), max_digits=5, decimal_places=1)
    width_mm = models.DecimalField(_("width (mm)"), max_digits=5, decimal_places=1)
    font_size_pt = models.DecimalField(_("font size (pt)"), max_digits=4, decimal_places=1, default=14)
    align = models.CharField(_("alignment"), max_length=6, choices=Alignment.choices, default=Alignment.CENTER)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("certificate blank field")
        verbose_name_plural = _("certificate blank fields")
        ordering = ["layout", "pk"]
        constraints = [models.UniqueConstraint(fields=["layout", "field"], name="certificate_field_once_per_layout")]

    def __str__(self):
        return self.get_field_display()
