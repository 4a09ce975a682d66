"""The catalogue of titles and award forms, grouped in rule sets that take effect on a date (law as data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Decider, RecipientKind, TitleKind


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day, province: str = ""):
        """The rule set in force on `day`: the latest effective one, the province's own preferred over the national."""
        candidates = self.filter(effective_from__lte=day).filter(models.Q(province="") | models.Q(province=province))
        return candidates.order_by("-effective_from", "-province", "-pk").first()


class RuleSet(models.Model):
    """A version of the rules (titles, prerequisites, quotas, rewards), e.g. NĐ 91/2017 for 2022, NĐ 152/2025 now."""

    name = models.CharField(_("name"), max_length=200)
    province = models.CharField(_("province"), max_length=120, blank=True, help_text=_("Empty: the whole country"))
    effective_from = models.DateField(_("in force from"))
    legal_basis = models.TextField(_("legal basis"), blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-effective_from", "pk"]

    def __str__(self):
        return self.name


class Title(models.Model):
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
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("title or award form")
        verbose_name_plural = _("titles and award forms")
        ordering = ["rule_set", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="title_unique_code_per_rule_set")]

    def __str__(self):
        return self.name
