"""Official documents: numbering series and the register that gives each document its number."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import DOCUMENT_HEADINGS, DocumentType


class Series(models.Model):
    """A numbering series with its issuing body, e.g. the People's Committee ("UBND") or the council ("HĐTĐKT")."""

    # A commune's series, or (commune empty) a province's own, e.g. the province People's Committee's decisions.
    commune = models.ForeignKey(
        "directory.Commune", verbose_name=_("commune"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="document_series",
    )
    province = models.ForeignKey(
        "directory.Province", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="document_series",
    )
    code = models.CharField(_("code"), max_length=20)  # the part after the dash: 01/KH-UBND
    name = models.CharField(_("name"), max_length=200)
    # Printed top-left, one line each, in capitals: the superior body (optional) then the issuing body.
    parent_body = models.CharField(_("superior body"), max_length=200, blank=True)
    issuing_body = models.TextField(
        _("issuing body"), help_text=_("One line per row: the body, then the commune, e.g. ỦY BAN NHÂN DÂN / XÃ …")
    )
    signing_capacity = models.CharField(_("signing on behalf of"), max_length=200, default="TM. ỦY BAN NHÂN DÂN")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("document series")
        verbose_name_plural = _("document series")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="series_unique_code_per_commune"),
            models.UniqueConstraint(fields=["province", "code"], condition=models.Q(commune__isnull=True),
                                    name="series_unique_code_per_province"),
            models.CheckConstraint(
                condition=models.Q(commune__isnull=False, province__isnull=True)
                | models.Q(commune__isnull=True, province__isnull=False),
                name="series_of_a_commune_or_a_province"),
        ]

    def __str__(self):
        return self.name

    @property
    def place(self) -> str:
        """Printed before the date of the series' documents: the commune's place, or the province's name."""
        return self.commune.place if self.commune_id else self.province.name

    @property
    def issuing_body_lines(self) -> list[str]:
        return [line.strip() for line in self.issuing_body.splitlines() if line.strip()]


class RecipientList(models.Model):
    """A commune's own "Nơi nhận" for one kind of document; without one, documents.defaults derives them."""

    commune = models.ForeignKey(
        "directory.Commune", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="recipient_lists"
    )
    doc_type = models.CharField(_("document type"), max_length=5, choices=DocumentType.choices)
    recipients = models.TextField(_("recipients"), help_text=_("One recipient per line"))

    history = AuditedHistory()

    class Meta:
        verbose_name = _("recipient list")
        verbose_name_plural = _("recipient lists")
        ordering = ["commune", "doc_type"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "doc_type"], name="recipient_list_unique_per_type"),
        ]

    def __str__(self):
        return f"{self.commune} – {self.get_doc_type_display()}"


class DocumentQuerySet(models.QuerySet):
    def for_commune(self, commune):
        return self.filter(series__commune=commune)


class Document(Versioned):
    """One entry of the document register, with what the state format prints around a document's body.

    The number restarts at 1 every calendar year and is unique per series and type within the year.
    """

    series = models.ForeignKey(Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(_("document type"), max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("register year"), editable=False)
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)  # "Công tác thi đua, khen thưởng năm 2022"
    signer_capacity = models.CharField(_("signing on behalf of"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer"), max_length=120)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient per line"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("document register")
        ordering = ["-year", "series", "doc_type", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "doc_type", "year", "number"], name="document_unique_number_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.summary}"

    def save(self, *args, **kwargs):
        self.year = self.issued_on.year
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """The printed number, e.g. "01/KH-UBND" (numbers under 10 get a leading zero)."""
        return f"{self.number:02d}/{self.doc_type}-{self.series.code}"

    @property
    def heading(self) -> str:
        return DOCUMENT_HEADINGS[DocumentType(self.doc_type)]

    @property
    def place_and_date(self) -> str:
        """ "Xuân Sơn, ngày 04 tháng 01 năm 2022": days under 10 and months 1-2 get a leading zero."""
        day = self.issued_on.day
        month = self.issued_on.month
        month_text = f"{month:02d}" if month <= 2 else str(month)
        return f"{self.place}, ngày {day:02d} tháng {month_text} năm {self.issued_on.year}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def capacity(self) -> str:
        return self.signer_capacity or self.series.signing_capacity
