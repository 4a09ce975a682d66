"""The rules a registration must meet, read from the rule set in force (titles, prerequisites, quotas, windows).

Each check returns Vietnamese messages (through gettext) naming what is missing; an empty list means it passes.
Forms show them next to the fields; services refuse to submit or accept a registration that fails them.
"""

import datetime
import math
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import RecipientKind
from awards.models import RuleSet, Title

from .enums import Ground, RegistrationStatus
from .models import Registration

# Registrations that count for quotas and prerequisites: everything not withdrawn to draft.
LIVE_STATUSES = [RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED]


def rule_set_for(*, commune, year: int) -> RuleSet | None:
    """The rule set of a year: the one in force on the date of that year's plan (1 January without a plan)."""
    from campaigns.models import Plan

    plan = Plan.objects.filter(commune=commune, year=year).select_related("document").first()
    day = plan.document.issued_on if plan else datetime.date(year, 1, 1)
    return RuleSet.objects.in_force_on(day, province=commune.province)


def titles_for(*, commune, year: int):
    rule_set = rule_set_for(commune=commune, year=year)
    if rule_set is None:
        return Title.objects.none()
    return rule_set.titles.all()


@dataclass
class Problem:
    field: str | None  # the form field it belongs next to, or None for the whole form
    message: str


def check_registration(registration: Registration, *, today=None, staff: bool = False) -> list[Problem]:
    """Everything wrong with a registration under its year's rules; staff may act after the window closes."""
    problems: list[Problem] = []
    title = registration.title
    today = today or timezone.localdate()

    if not staff and not registration.phase.is_open(today):
        problems.append(Problem(None, _("The registration window %(name)s is closed (%(start)s – %(end)s).") % {
            "name": registration.phase.name, "start": registration.phase.opens_on.strftime("%d/%m/%Y"),
            "end": registration.phase.closes_on.strftime("%d/%m/%Y")}))

    kind = title.recipient_kind
    if kind == RecipientKind.INDIVIDUAL and not registration.person_id:
        problems.append(Problem("person", _("Choose the person registered for %(title)s.") % {"title": title.name}))
    person = registration.person if registration.person_id else None
    if kind == RecipientKind.INDIVIDUAL and person and person.unit_id != registration.unit_id:
        problems.append(Problem("person", _("%(name)s does not belong to %(unit)s.") % {
            "name": registration.person.full_name, "unit": registration.unit.name}))
    if kind == RecipientKind.HOUSEHOLD and not registration.household.strip():
        problems.append(Problem("household", _("Enter the head of household and the address.")))
    if kind == RecipientKind.HAMLET and registration.unit.kind not in ("hamlet", "residential_group"):
        problems.append(Problem("title", _("%(title)s is only for hamlets and residential groups.") % {
            "title": title.name}))

    problems += ground_problems(title=title, year=registration.year, ground=registration.ground,
                                initiative=registration.initiative if registration.initiative_id else None,
                                evidence=registration.ground_evidence)
    if (title.requires_initiative and uses_initiative(title, registration.ground) and registration.initiative_id
            and registration.person_id
            and not registration.initiative.authors.filter(pk=registration.person_id).exists()):
        problems.append(Problem("initiative", _("%(name)s is not an author of this initiative.") % {
            "name": registration.person.full_name}))

    problems += _check_prerequisites(registration)
    problems += _check_quota(registration)
    return problems


def uses_initiative(title, ground: str) -> bool:
    """Whether the initiative grounds the title: always, unless the rules let excellent completion of duties replace
    it and that ground was chosen."""
    return not (title.excellence_may_replace_initiative and ground == Ground.EXCELLENCE)


def ground_problems(*, title, year: int, ground: str, initiative, evidence: str,
                    missing_initiative: str | None = None) -> list[Problem]:
    """The ground of a title that takes an initiative (CSTĐCS): under NĐ 91/2017 an initiative; under NĐ 152/2025
    an initiative or "hoàn thành xuất sắc nhiệm vụ" with its evidence (Title.excellence_may_replace_initiative).
    The initiative's own conditions (recognised, its authors, one award) are checked by the callers;
    `missing_initiative` is the caller's message when the initiative alone is required and missing."""
    if not title.requires_initiative:
        return []
    problems = []
    if ground == Ground.EXCELLENCE:
        if title.excellence_may_replace_initiative:
            if not (evidence or "").strip():
                problems.append(Problem("ground_evidence", _(
                    "Enter the evidence of excellent completion of duties: the number and date of the evaluation "
                    "that rated the person \"hoàn thành xuất sắc nhiệm vụ\".")))
            return problems
        problems.append(Problem("ground", _(
            "Under the rules of %(year)s, %(title)s requires an initiative: excellent completion of duties does "
            "not replace it.") % {"title": title.name, "year": year}))
    if initiative is None:
        if title.excellence_may_replace_initiative:
            problems.append(Problem("initiative", _(
                "%(title)s requires, under the rules of %(year)s, an initiative or excellent completion of duties: "
                "name the initiative, or choose the ground \"excellent completion of duties\" and give its "
                "evidence.") % {"title": title.name, "year": year}))
        else:
            problems.append(Problem("initiative", missing_initiative or _(
                "%(title)s requires an initiative under the rules of %(year)s: name the initiative.") % {
                "title": title.name, "year": year}))
    return problems


def _same_recipient(registration: Registration):
    others = Registration.objects.filter(year=registration.year, status__in=LIVE_STATUSES + [RegistrationStatus.DRAFT])
    if registration.person_id:
        return others.filter(person_id=registration.person_id)
    return others.filter(unit_id=registration.unit_id, person__isnull=True, household=registration.household)


def _check_prerequisites(registration: Registration) -> list[Problem]:
    required = list(registration.title.prerequisites.all())
    if not required:
        return []
    held = set(_same_recipient(registration).exclude(pk=registration.pk).values_list("title_id", flat=True))
    return [
        Problem("title", _("%(title)s requires registering for %(required)s the same year.") % {
            "title": registration.title.name, "required": prerequisite.name})
        for prerequisite in required
        if prerequisite.pk not in held
    ]


def _check_quota(registration: Registration) -> list[Problem]:
    title = registration.title
    if title.quota_percent is None or title.quota_of_id is None:
        return []
    # The quota is the commune's (the People's Committee is the agency whose LĐTT holders are counted).
    commune_year = Registration.objects.filter(year=registration.year, commune_id=registration.commune_id,
                                               status__in=LIVE_STATUSES + [RegistrationStatus.DRAFT])
    base = commune_year.filter(title_id=title.quota_of_id).count()
    allowed = math.floor(base * float(title.quota_percent) / 100)
    used = commune_year.filter(title_id=title.pk).exclude(pk=registration.pk).count()
    if used + 1 > allowed:
        return [Problem("title", _(
            "Quota exceeded: %(title)s is limited to %(percent)s%% of %(base_title)s (%(base)s registered in the "
            "commune, so at most %(allowed)s).") % {
            "title": title.name, "percent": f"{title.quota_percent.normalize():f}", "base_title": title.quota_of.name,
            "base": base, "allowed": allowed})]
    return []
