"""The rules a registration must meet, read from the rule set in force (titles, prerequisites, quotas, windows).

Each check returns Vietnamese messages (through gettext) naming what is missing; an empty list means it passes.
Forms show them next to the fields; services refuse to submit or accept a registration that fails them.
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import RecipientKind
from awards.models import RuleSet, Title

from .enums import Ground, RegistrationStatus
from .models import Registration

# Registrations that count for quotas and prerequisites: everything not withdrawn to draft.
LIVE_STATUSES = [RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED]
COUNTED_STATUSES = LIVE_STATUSES + [RegistrationStatus.DRAFT]  # what prerequisites and quotas count


def rule_set_for(*, commune, year: int) -> RuleSet | None:
    """The rule set of a year: the one in force on the date of that year's plan (1 January without a plan)."""
    from campaigns.models import Plan

    plan = Plan.objects.annual().filter(commune=commune, year=year).select_related("document").first()
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


def check_registration(registration: Registration, *, today=None, staff: bool = False,
                       others: "OtherRegistrations | None" = None) -> list[Problem]:
    """Everything wrong with a registration under its year's rules; staff may act after the window closes.

    `others` answers what the rules read of the year's other registrations and of the initiative's authors: the
    database by default; a RegistrationBatch when many registrations are checked at once (the Excel import)."""
    others = others or OtherRegistrations()
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
            and not others.is_author(registration.initiative, registration.person_id)):
        problems.append(Problem("initiative", _("%(name)s is not an author of this initiative.") % {
            "name": registration.person.full_name}))

    problems += _check_prerequisites(registration, others)
    problems += _check_quota(registration, others)
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


class OtherRegistrations:
    """What the rules read beside the registration itself, from the database: one registration at a time."""

    def prerequisites(self, title) -> list:
        return list(title.prerequisites.all())

    def is_author(self, initiative, person_id: int) -> bool:
        return initiative.authors.filter(pk=person_id).exists()

    def titles_held(self, registration: Registration) -> set[int]:
        """The titles the same recipient is registered for in the same year (any status), this registration aside."""
        others = Registration.objects.filter(year=registration.year, status__in=COUNTED_STATUSES)
        if registration.person_id:
            others = others.filter(person_id=registration.person_id)
        else:
            others = others.filter(unit_id=registration.unit_id, person__isnull=True,
                                   household=registration.household)
        return set(others.exclude(pk=registration.pk).values_list("title_id", flat=True))

    def count(self, registration: Registration, title_id: int) -> int:
        """The commune's registrations of the year for `title_id` (any status), this registration aside."""
        return Registration.objects.filter(
            year=registration.year, commune_id=registration.commune_id, status__in=COUNTED_STATUSES,
            title_id=title_id,
        ).exclude(pk=registration.pk).count()  # fmt: skip


class RegistrationBatch(OtherRegistrations):
    """The same answers for many new registrations of one commune and year checked in a row (the Excel import): the
    year's registrations and the authors are read once, and each registration `add`ed counts for the next ones, as
    if it had been saved. The queries do not grow with the registrations checked."""

    def __init__(self, *, commune, year: int):
        from .models import Initiative

        self.held: dict[tuple, set[int]] = defaultdict(set)
        self.counts: Counter = Counter()
        self.taken: set[tuple] = set()  # what the unique constraints allow once
        self.required: dict[int, list] = {}  # title id → its prerequisites
        rows = Registration.objects.filter(commune=commune, year=year, status__in=COUNTED_STATUSES).values_list(
            "person_id", "unit_id", "household", "title_id", "recipient_kind")
        for person_id, unit_id, household, title_id, recipient_kind in rows:
            self._count(person_id, unit_id, household, title_id, recipient_kind)
        self.authors: dict[int, set[int]] = defaultdict(set)
        through = Initiative.authors.through.objects.filter(initiative__commune=commune, initiative__year=year)
        for initiative_id, person_id in through.values_list("initiative_id", "person_id"):
            self.authors[initiative_id].add(person_id)

    def _count(self, person_id, unit_id, household, title_id, recipient_kind) -> None:
        self.held[_recipient_key(person_id, unit_id, household)].add(title_id)
        self.counts[title_id] += 1
        self.taken.update(_unique_keys(person_id, unit_id, title_id, recipient_kind))

    def is_author(self, initiative, person_id: int) -> bool:
        return person_id in self.authors[initiative.pk]

    def prerequisites(self, title) -> list:
        if title.pk not in self.required:
            self.required[title.pk] = list(title.prerequisites.all())
        return self.required[title.pk]

    def titles_held(self, registration: Registration) -> set[int]:
        return self.held[_recipient_key(registration.person_id, registration.unit_id, registration.household)]

    def count(self, registration: Registration, title_id: int) -> int:
        return self.counts[title_id]

    def is_taken(self, registration: Registration) -> bool:
        """Whether the database would refuse it as a second registration of the recipient for the title."""
        return any(key in self.taken for key in _unique_keys(
            registration.person_id, registration.unit_id, registration.title_id, registration.recipient_kind))

    def add(self, registration: Registration) -> None:
        """Count a checked registration, as if saved, for the checks of the next ones."""
        self._count(registration.person_id, registration.unit_id, registration.household, registration.title_id,
                    registration.recipient_kind)


def _recipient_key(person_id, unit_id, household) -> tuple:
    return ("person", person_id) if person_id else ("unit", unit_id, household)


def _unique_keys(person_id, unit_id, title_id, recipient_kind) -> list[tuple]:
    """The keys of Registration's unique constraints (per year): a person once per title; a unit once per collective
    or hamlet title."""
    keys = []
    if person_id:
        keys.append(("person", title_id, person_id))
    if recipient_kind in (RecipientKind.COLLECTIVE, RecipientKind.HAMLET):
        keys.append(("unit", title_id, unit_id))
    return keys


def _check_prerequisites(registration: Registration, others: OtherRegistrations) -> list[Problem]:
    required = others.prerequisites(registration.title)
    if not required:
        return []
    held = others.titles_held(registration)
    return [
        Problem("title", _("%(title)s requires registering for %(required)s the same year.") % {
            "title": registration.title.name, "required": prerequisite.name})
        for prerequisite in required
        if prerequisite.pk not in held
    ]


def _check_quota(registration: Registration, others: OtherRegistrations) -> list[Problem]:
    title = registration.title
    if title.quota_percent is None or title.quota_of_id is None:
        return []
    # The quota is the commune's (the People's Committee is the agency whose LĐTT holders are counted).
    base = others.count(registration, title.quota_of_id)
    allowed = math.floor(base * float(title.quota_percent) / 100)
    used = others.count(registration, title.pk)
    if used + 1 > allowed:
        return [Problem("title", _(
            "Quota exceeded: %(title)s is limited to %(percent)s%% of %(base_title)s (%(base)s registered in the "
            "commune, so at most %(allowed)s).") % {
            "title": title.name, "percent": f"{title.quota_percent.normalize():f}", "base_title": title.quota_of.name,
            "base": base, "allowed": allowed})]
    return []
