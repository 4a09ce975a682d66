"""The province's emulation clusters (cụm thi đua): which of its communes emulate together in a year, their head and
deputy head commune, who cross-scores whom, and the ranking across the cluster's communes.

The province's operator defines a cluster here; the head commune's office then runs its scoring (criteria, sheets,
review) in the scoring app, and may still adjust the assignments there. A cluster's members, head and deputy all
belong to its province; a commune added to a cluster must be one of the province's current communes.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.collation import text_sort_key
from directory.models import Commune
from directory.permissions import operates_province
from scoring import services as scoring
from scoring.models import Cluster, ScoringAssignment

CLUSTER_FIELDS = ("name", "year", "head", "deputy")


def current_communes(province, day: datetime.date | None = None):
    """The province's communes that still exist on `day` (today): not merged away or dissolved before it."""
    day = day or timezone.localdate()
    return Commune.objects.filter(province=province).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day))


def rotation(members) -> dict[int, int]:
    """{scored commune id: scorer commune id}: in the order of their names, each member scores the next one and the
    last scores the first (nothing for a cluster of one)."""
    ordered = sorted(members, key=lambda commune: (text_sort_key(commune.name), commune.pk))
    if len(ordered) < 2:
        return {}
    return {ordered[(index + 1) % len(ordered)].pk: scorer.pk for index, scorer in enumerate(ordered)}


def _require_operator(province, by):
    if not operates_province(by, province):
        raise PermissionDenied


def _check(cluster: Cluster, members: list, *, previous_members: set[int] = frozenset()) -> None:
    """ValidationError for a cluster whose members, head or deputy do not fit its province (by field)."""
    errors = {}
    if not cluster.name.strip():
        errors["name"] = _("Enter the cluster's name.")
    if not members:
        errors["members"] = _("Choose the cluster's member communes.")
    foreign = [c for c in members if c.province_id != cluster.province_id]
    if foreign:
        errors["members"] = _("%(communes)s do not belong to the province.") % {
            "communes": ", ".join(str(c) for c in foreign)}
    else:
        current = set(current_communes(cluster.province_id).filter(pk__in=[c.pk for c in members])
                      .values_list("pk", flat=True))
        gone = [c for c in members if c.pk not in current and c.pk not in previous_members]
        if gone:
            errors["members"] = _("%(communes)s no longer exist: choose the province's current communes.") % {
                "communes": ", ".join(str(c) for c in gone)}
    try:
        cluster.full_clean(exclude=["members"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, " ".join(messages))
    member_ids = {c.pk for c in members}
    if cluster.head_id and "head" not in errors and cluster.head_id not in member_ids:
        errors["head"] = _("The head commune must be a member of the cluster.")
    if cluster.deputy_id and "deputy" not in errors and cluster.deputy_id not in member_ids:
        errors["deputy"] = _("The deputy head commune must be a member of the cluster.")
    clash = Cluster.objects.filter(province_id=cluster.province_id, name=cluster.name, year=cluster.year)
    if clash.exclude(pk=cluster.pk).exists():
        errors["name"] = _("The province already has a cluster of this name in this year.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
@audited("create_cluster")
def create_cluster(*, province, name: str, year: int, members, head, deputy=None, criteria_from=None,
                   by) -> Cluster:
    """A new cluster of the province's communes, its assignments by rotation and, when `criteria_from` names another
    cluster of the province, a copy of its criteria tree."""
    _require_operator(province, by)
    members = list(members)
    cluster = Cluster(province=province, name=" ".join(name.split()), year=year, head=head, deputy=deputy)
    _check(cluster, members)
    if criteria_from is not None and criteria_from.province_id != province.pk:
        raise PermissionDenied
    cluster.save()
    cluster.members.set(members)
    for scored_id, scorer_id in rotation(members).items():
        ScoringAssignment.objects.create(cluster=cluster, scored_id=scored_id, scorer_id=scorer_id)
    if criteria_from is not None:
        scoring.copy_tree(cluster=cluster, source=criteria_from)
    return cluster


@transaction.atomic
@audited("update_cluster")
def update_cluster(*, cluster: Cluster, changes: dict, members, criteria_from=None, by) -> Cluster:
    """Change a cluster's name, year, head, deputy (`changes`) and members.

    A member whose score sheet exists cannot leave, and the year is fixed once sheets exist. Assignments of members
    who left are removed; when the membership changed and no sheet has cross-scores yet, the assignments start again
    from the rotation, else the new members wait for the operator to assign them. `criteria_from` copies another
    cluster's tree into a cluster that has none."""
    _require_operator(cluster, by)
    stored = Cluster.objects.select_for_update().get(pk=cluster.pk)
    members = list(members)
    before = set(cluster.members.values_list("pk", flat=True))
    unknown = set(changes) - set(CLUSTER_FIELDS)
    if unknown:
        raise ValueError(f"not a cluster field: {unknown}")
    for field, value in changes.items():
        setattr(cluster, field, " ".join(value.split()) if field == "name" else value)
    _check(cluster, members, previous_members=before)
    member_ids = {c.pk for c in members}
    with_sheets = dict(cluster.sheets.values_list("commune_id", "commune__name"))
    leaving = [name for pk, name in with_sheets.items() if pk not in member_ids]
    if leaving:
        raise ValidationError({"members": _("%(communes)s already have a score sheet in this cluster and cannot "
                                            "leave it.") % {"communes": ", ".join(sorted(leaving, key=text_sort_key))}})
    frozen_scorers = set(cluster.assignments.filter(scored__in=scoring.frozen_assignments(cluster))
                         .values_list("scorer_id", flat=True))
    if frozen_scorers - member_ids:
        raise ValidationError({"members": _("A commune that has already cross-scored a sheet of this cluster cannot "
                                            "leave it.")})
    if with_sheets and cluster.year != stored.year:
        raise ValidationError({"year": _("Score sheets of this cluster exist: its year can no longer change.")})
    if criteria_from is not None:
        if criteria_from.province_id != cluster.province_id or criteria_from.pk == cluster.pk:
            raise PermissionDenied
        if cluster.criteria.exists():
            raise ValidationError(_("This cluster already has criteria."))
    cluster.save()
    if member_ids != before:
        cluster.members.set(members)
        cluster.assignments.exclude(scored__in=member_ids).delete()
        cluster.assignments.exclude(scorer__in=member_ids).delete()
        if not scoring.frozen_assignments(cluster):
            scoring.set_assignments(cluster=cluster, scorers={c.pk: None for c in members} | rotation(members),
                                    by=by)
    if criteria_from is not None:
        scoring.copy_tree(cluster=cluster, source=criteria_from)
    return cluster


# Ranking --------------------------------------------------------------------------------------------------------


@dataclass
class Ranked:
    """One member commune of the ranking: its standing (None while it has no score sheet)."""

    commune: Commune
    standing: scoring.Standing | None

    @property
    def rank(self):
        return self.standing.rank if self.standing else None


def ranking(cluster: Cluster) -> list[Ranked]:
    """The cluster's communes ranked as the head commune's leaderboard ranks them (scoring.services.standings: the
    final score, else the cross-scored, else the self-scored points), then members without a sheet by name.

    Two queries whatever the number of communes."""
    standings = scoring.standings(cluster)
    ranked = [Ranked(commune=standing.sheet.commune, standing=standing) for standing in standings]
    seen = {row.commune.pk for row in ranked}
    rest = sorted((c for c in cluster.members.all() if c.pk not in seen), key=lambda c: (text_sort_key(c.name), c.pk))
    return ranked + [Ranked(commune=commune, standing=None) for commune in rest]
