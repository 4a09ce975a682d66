"""The rules a nomination must meet before the council votes on it, read from the rule set of its year.

Each check returns Problems (registrations.eligibility.Problem) with Vietnamese messages through gettext; an empty
list means the nomination may go to the council. Failed nominations never count (for prerequisites, quotas, the
70% of TTLĐTT or the one initiative, one award rule).

Discipline of a member is not recorded in the directory; until it is, an open complaint or discipline case on any
nomination of a member of the unit that year (Nomination.complaint_open) blocks the unit's TTLĐTT.
"""

import math

from django.db.models import Q
from django.utils.translation import gettext as _

from directory.mergers import unit_lineage_ids
from directory.models import Person
from registrations.eligibility import Problem, ground_problems, rule_set_for, uses_initiative
from registrations.enums import Ground

from .enums import NominationStatus
from .models import Award, Nomination

TTLDTT = "ttldtt"
LDTT = "ldtt"
TTLDTT_LDTT_PERCENT = 70


def _counted(year: int, commune_id):
    """The nominations of a commune's year that count: all but those the council did not pass."""
    return Nomination.objects.filter(commune_id=commune_id, year=year).exclude(status=NominationStatus.FAILED)


def check_nomination(nomination: Nomination) -> list[Problem]:
    """Everything that stands in the way of an award for this nomination under its year's rules."""
    problems: list[Problem] = []
    title = nomination.title
    if nomination.complaint_open:
        problems.append(Problem("complaint_open", _(
            "No award while a complaint or discipline concerning %(name)s is being handled.") % {
            "name": nomination.recipient_name}))
    rule_set = rule_set_for(commune=nomination.commune, year=nomination.year)
    if rule_set is not None and title.rule_set_id != rule_set.pk:
        problems.append(Problem("title", _("%(title)s is not a title of the rules in force in %(year)s (%(rules)s).")
                                % {"title": title.name, "year": nomination.year, "rules": rule_set.name}))
    problems += _check_prerequisites(nomination)
    problems += _check_initiative(nomination)
    if title.code == TTLDTT:
        problems += _check_collective(nomination)
    problems += _check_quota(nomination)
    problems += _check_consecutive(nomination)
    return problems


def _check_consecutive(nomination: Nomination) -> list[Problem]:
    # Earlier years' awards feed this year's prerequisites, e.g. CSTĐ tỉnh.
    return consecutive_problems(nomination)


def consecutive_problems(nomination: Nomination) -> list[Problem]:
    """A title needing another one several years in a row (CSTĐ tỉnh: CSTĐCS three years, this one included).

    The earlier years count only active awards (a revoked one breaks the chain), matched by title code in any rule
    set and in any commune the recipient belonged to (a merger keeps the chain); this year counts an active award or
    a nomination the council has not failed. Years that grounded an earlier award of the same title do not count
    again (see _grounds_used).
    """
    title = nomination.title
    if not title.consecutive_of_id or not title.consecutive_years:
        return []
    required = title.consecutive_of
    years = list(range(nomination.year - title.consecutive_years + 1, nomination.year + 1))
    # Awards follow the recipient across a merger: a person's in any commune, a unit's under any of its lineage.
    awards = Award.objects.active().filter(title__code=required.code, year__in=years)
    others = Nomination.objects.filter(commune_id=nomination.commune_id, year=nomination.year,
                                       title__code=required.code).exclude(status=NominationStatus.FAILED)
    if nomination.person_id:
        awards = awards.filter(person_id=nomination.person_id)
        others = others.filter(person_id=nomination.person_id)
    else:
        awards = awards.filter(unit_id__in=unit_lineage_ids(nomination.unit), person__isnull=True)
        others = others.filter(unit_id=nomination.unit_id, person__isnull=True, household=nomination.household)
    problems = _grounds_used(nomination, years)
    held = set(awards.values_list("year", flat=True))
    if others.exists():
        held.add(nomination.year)
    missing = [year for year in years if year not in held]
    if not missing:
        return problems
    return problems + [Problem("title", _(
        "%(title)s requires %(required)s %(count)s years in a row (%(first)s–%(last)s); %(name)s does not hold it "
        "in %(missing)s.") % {
        "title": title.name, "required": required.name, "count": title.consecutive_years, "first": years[0],
        "last": years[-1], "name": nomination.recipient_name, "missing": ", ".join(str(y) for y in missing)})]


def _grounds_used(nomination: Nomination, years: list[int]) -> list[Problem]:
    """The years that grounded an earlier award of the same title cannot ground another: after a CSTĐ cấp tỉnh, the
    next needs three new CSTĐCS years. Refused while the recipient holds an active award of this title (any rule set,
    any level that granted it, e.g. the province's decision on the commune's proposal) in the window's earlier years.
    """
    # Like the chain itself, the earlier award follows the person, or the unit and the units merged into it.
    earlier = (Award.objects.active().filter(title__code=nomination.title.code, year__in=years[:-1])
               .select_related("decision__document__series").order_by("-year", "-pk"))
    if nomination.person_id:
        earlier = earlier.filter(person_id=nomination.person_id)
    else:
        earlier = earlier.filter(unit_id__in=unit_lineage_ids(nomination.unit), person__isnull=True)
    award = earlier.first()
    if award is None:
        return []
    return [Problem("title", _(
        "%(name)s already holds %(title)s of %(year)s (decision %(code)s): the years that grounded it cannot ground "
        "another; %(count)s new consecutive years of %(required)s are needed after %(year)s.") % {
        "name": nomination.recipient_name, "title": nomination.title.name, "year": award.year,
        "code": award.decision.code or "—", "count": nomination.title.consecutive_years,
        "required": nomination.title.consecutive_of.name})]


def _same_recipient(nomination: Nomination):
    others = _counted(nomination.year, nomination.commune_id).exclude(pk=nomination.pk)
    if nomination.person_id:
        return others.filter(person_id=nomination.person_id)
    return others.filter(unit_id=nomination.unit_id, person__isnull=True, household=nomination.household)


def _check_prerequisites(nomination: Nomination) -> list[Problem]:
    required = list(nomination.title.prerequisites.all())
    if not required:
        return []
    held = set(_same_recipient(nomination).values_list("title_id", flat=True))
    return [
        Problem("title", _("%(title)s requires %(required)s the same year, and %(name)s is not nominated for it.") % {
            "title": nomination.title.name, "required": prerequisite.name, "name": nomination.recipient_name})
        for prerequisite in required
        if prerequisite.pk not in held
    ]


def _check_initiative(nomination: Nomination) -> list[Problem]:
    problems = []
    title = nomination.title
    initiative = nomination.initiative
    registration = nomination.registration if nomination.registration_id else None
    if initiative is None and registration is not None:
        initiative = registration.initiative
    # The ground comes from the registration; a direct nomination is grounded on an initiative.
    ground = registration.ground if registration is not None else Ground.INITIATIVE
    evidence = registration.ground_evidence if registration is not None else ""
    problems += ground_problems(
        title=title, year=nomination.year, ground=ground, initiative=initiative, evidence=evidence,
        missing_initiative=_("%(title)s requires an initiative under the rules of %(year)s.") % {
            "title": title.name, "year": nomination.year})
    if (title.requires_initiative and uses_initiative(title, ground) and initiative is not None
            and initiative.recognised is not True):
        problems.append(Problem("initiative", _(
            "The initiative “%(initiative)s” has not been recognised, so it cannot ground %(title)s.") % {
            "initiative": initiative.title, "title": title.name}))
    if initiative is not None:
        # A nomination made from the registration naming the initiative grounds on it too.
        grounded = _counted(nomination.year, nomination.commune_id).exclude(pk=nomination.pk).filter(
            Q(initiative=initiative) | Q(registration__initiative=initiative))
        if grounded.exists():
            problems.append(Problem("initiative", _(
                "One achievement, one award: the initiative “%(initiative)s” already grounds another nomination.")
                % {"initiative": initiative.title}))
    return problems


def _check_collective(nomination: Nomination) -> list[Problem]:
    if not nomination.unit_id:
        return []
    members = Person.objects.filter(unit_id=nomination.unit_id)
    total = members.count()
    counted = _counted(nomination.year, nomination.commune_id).filter(person__in=members)
    holders = counted.filter(title__code=LDTT).values("person").distinct().count()
    problems = []
    # Integer arithmetic, so exactly 70% passes.
    if total == 0 or holders * 100 < TTLDTT_LDTT_PERCENT * total:
        problems.append(Problem("title", _(
            "%(title)s requires at least %(percent)s%% of the members of %(unit)s to hold LĐTT: "
            "%(holders)s of %(total)s are nominated.") % {
            "title": nomination.title.name, "percent": TTLDTT_LDTT_PERCENT, "unit": nomination.unit.name,
            "holders": holders, "total": total}))
    if counted.filter(complaint_open=True).exists():
        problems.append(Problem("complaint_open", _(
            "A complaint or discipline concerning a member of %(unit)s is being handled.") % {
            "unit": nomination.unit.name}))
    return problems


def _check_quota(nomination: Nomination) -> list[Problem]:
    title = nomination.title
    if title.quota_percent is None or title.quota_of_id is None:
        return []
    # Counted commune-wide: the People's Committee is the agency whose LĐTT holders make the base.
    counted = _counted(nomination.year, nomination.commune_id)
    base = counted.filter(title_id=title.quota_of_id).count()
    allowed = math.floor(base * title.quota_percent / 100)
    used = counted.filter(title_id=title.pk).exclude(pk=nomination.pk).count()
    if used + 1 > allowed:
        return [Problem("title", _(
            "Quota exceeded: %(title)s is limited to %(percent)s%% of %(base_title)s (%(base)s nominated in the "
            "commune, so at most %(allowed)s).") % {
            "title": title.name, "percent": f"{title.quota_percent.normalize():f}", "base_title": title.quota_of.name,
            "base": base, "allowed": allowed})]
    return []
