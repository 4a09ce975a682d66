"""The directory: communes, their units and people, and the roles people hold."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .collation import name_sort_key
from .enums import CommuneKind, Gender, PersonKind, ProvinceKind, Role, UnitKind


class Province(models.Model):
    """A province or centrally-run city: it owns its communes and its rules, and its emulation office (Ban Thi đua -
    Khen thưởng) runs the deployment for them."""

    name = models.CharField(_("name"), max_length=120)  # "Hà Nội"
    kind_label = models.CharField(_("kind"), max_length=20, choices=ProvinceKind.choices, default=ProvinceKind.PROVINCE)
    slug = models.SlugField(_("code"), unique=True)
    printed_name = models.CharField(
        _("name as printed"), max_length=200, blank=True,
        help_text=_("In capitals, as documents print it; derived from the kind and the name when empty."),
    )
    authority_name = models.CharField(
        _("People's Committee as printed"), max_length=200, blank=True,
        help_text=_("In capitals, as documents print it; derived from the printed name when empty."),
    )
    office_name = models.CharField(
        _("emulation office"), max_length=200, blank=True,
        help_text=_("The office that runs the portal for the province; derived from the name when empty."),
    )
    # Signs the province's decisions (its own award decisions, certificates); kept here, as the commune's chairman is
    # a person of the commune's directory but the province's is no person of the portal.
    chairman_name = models.CharField(
        _("chairman of the People's Committee"), max_length=120, blank=True,
        help_text=_("As the province's decisions are signed, e.g. Trần Sỹ Thanh."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.title[:1].upper() + self.title[1:]

    @property
    def title(self) -> str:
        """ "thành phố Hà Nội", as a sentence names the province."""
        return f"{self.kind_label} {self.name}"

    @property
    def upper_name(self) -> str:
        """ "THÀNH PHỐ HÀ NỘI" """
        return self.printed_name or self.title.upper()

    @property
    def authority_upper_name(self) -> str:
        """ "UBND THÀNH PHỐ HÀ NỘI" """
        return self.authority_name or f"UBND {self.upper_name}"

    @property
    def office_title(self) -> str:
        """ "Ban Thi đua - Khen thưởng thành phố Hà Nội" """
        return self.office_name or f"Ban Thi đua - Khen thưởng {self.title}"

    @property
    def office_head(self) -> str:
        """Who heads the office, as a decision names them: "Trưởng Ban Thi đua - Khen thưởng thành phố Hà Nội", or
        "Giám đốc Sở Nội vụ …" where the office is a department (sở), else "Thủ trưởng …"."""
        office = self.office_title
        if office.startswith("Ban "):
            return f"Trưởng {office}"
        if office.startswith("Sở "):
            return f"Giám đốc {office}"
        return f"Thủ trưởng {office}"


class ProvinceOperator(models.Model):
    """A person of the province's emulation office with an account: onboards the province's communes and keeps its
    rules. Not a member of any commune, so no commune's own pages open for them."""

    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="operators")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"), on_delete=models.CASCADE,
                                related_name="province_operator")
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("province operator")
        verbose_name_plural = _("province operators")
        ordering = ["province", "full_name"]

    def __str__(self):
        return f"{self.full_name} – {self.province}"


class Commune(models.Model):
    """A commune or ward; every top-level record of the portal belongs to one."""

    name = models.CharField(_("name"), max_length=120)  # "Xuân Sơn"
    kind_label = models.CharField(_("kind"), max_length=30, choices=CommuneKind.choices, default=CommuneKind.COMMUNE)
    slug = models.SlugField(_("code"), unique=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="communes")
    # The district-level authority the commune reported to before 1 July 2025 (NĐ 129/2025), as a sentence names it.
    parent_authority = models.CharField(_("former upper level"), max_length=200, blank=True)
    # Districts were abolished on 1 July 2025 (NĐ 129/2025): from then on a commune reports to its province.
    parent_authority_until = models.DateField(
        _("parent authority until"), null=True, blank=True,
        help_text=_("Last day the parent authority was the upper level; afterwards it is the province."),
    )
    # Printed before the date of its documents ("Xuân Sơn, ngày ..."); the commune's name when empty.
    document_place = models.CharField(
        _("place printed in dates"), max_length=120, blank=True,
        help_text=_("Printed before the date of its documents; the commune's name when empty."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("succeeded by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        return f"{self.kind_label.capitalize()} {self.name}"

    @property
    def upper_name(self) -> str:
        return f"{self.kind_label} {self.name}".upper()

    @property
    def title(self) -> str:
        """ "xã Xuân Sơn", as a sentence names the commune."""
        return f"{self.kind_label} {self.name}"

    @property
    def upper_level(self) -> str:
        """The level the commune reports to today, as printed."""
        return self.upper_level_on(timezone.localdate())

    def upper_level_on(self, day) -> str:
        """The level the commune reported to on `day`: its parent authority while it lasted, else its province."""
        if self.parent_authority and (self.parent_authority_until is None or day <= self.parent_authority_until):
            return self.parent_authority
        return self.province.title if self.province_id else ""

    @property
    def place(self) -> str:
        return self.document_place or self.name

    @property
    def chairman_name(self) -> str:
        """The chairman of the commune People's Committee (who also chairs the council), as documents are signed."""
        person = self.people.filter(roles__role=Role.CHAIRMAN).order_by("pk").first()
        return person.full_name if person else ""


class UnitQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Unit(Versioned):
    """A hamlet, residential group, specialist section or organisation of a commune.

    Units are never renamed or deleted in place: a merged unit gets an end date and a successor, so registrations and
    awards stay attached to the unit as it was at the time.
    """

    commune = models.ForeignKey(Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="units")
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    leader = models.ForeignKey(
        "Person", verbose_name=_("leader"), null=True, blank=True, on_delete=models.SET_NULL, related_name="led_units"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("succeeded by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = UnitQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["position", "name"]
        constraints = [
            # One current unit per name; merged (ended) units keep theirs.
            models.UniqueConstraint(fields=["commune", "name"], condition=Q(valid_until__isnull=True),
                                    name="unit_unique_current_name"),
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def in_vietnamese_order(self):
        return self.order_by("sort_key", "pk")


class Person(Versioned):
    """An official, employee or resident of a commune; may have a user account."""

    commune = models.ForeignKey(Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="people")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PersonKind.choices, default=PersonKind.OFFICIAL)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
    )
    # Vietnamese order (given name first) as an ASCII key, so SQLite and PostgreSQL sort the same way.
    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")

    objects = PersonQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "pk"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.sort_key = name_sort_key(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)


class RoleAssignment(models.Model):
    """A commune-wide role (office staff, council member, chairman). Unit leaders are `Unit.leader`."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="role_unique_per_person")]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"
