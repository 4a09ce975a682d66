"""Every state change of clusters, criteria, assignments and score sheets, and the ranking.

Flow of a sheet: self-scoring → submitted → cross-scored → explanation → second review → final. Views, the demo
data and the tests call these functions; none of them saves a sheet or an entry by itself. Each function checks who
acts (`by`) and in which status, raises PermissionDenied or ValidationError, and leaves nothing behind on failure
(rows roll back, stored evidence files are removed again).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.collation import text_sort_key
from directory.permissions import get_actor, operates_province
from registrations.uploads import StoredFiles

from . import permissions as perms
from .arithmetic import ZERO, format_points, points_for, value_error
from .enums import CriterionKind, SheetStatus
from .models import Cluster, Criterion, ScoreEntry, ScoreSheet, ScoringAssignment, SheetEvent

S = SheetStatus


# Criteria tree ----------------------------------------------------------------------------------------------------


def _require_head(cluster, by):
    actor = get_actor(by)
    if not perms.is_head_office(actor, cluster):
        raise PermissionDenied
    return actor


def _require_head_or_operator(cluster, by) -> bool:
    """The head commune's office, or an operator of the cluster's province (who defines the cluster); True for the
    operator."""
    if operates_province(by, cluster):
        return True
    _require_head(cluster, by)
    return False


def criteria_locked(cluster) -> bool:
    """The tree is fixed once any sheet has left self-scoring (its points were computed from it)."""
    return cluster.sheets.exclude(status=S.SELF_SCORING).exists()


def children_max(parent) -> Decimal:
    """What a group's children add up to: deductions take points off, so they do not count."""
    return sum((c.max_points for c in parent.children.all() if not c.is_deduction), ZERO)


def tree_problems(criteria) -> list[str]:
    """Groups whose children's maximum points do not add up to the group's own maximum (Vietnamese messages).

    `criteria` is the cluster's whole list (one query); children are matched in Python.
    """
    by_parent = {}
    for criterion in criteria:
        by_parent.setdefault(criterion.parent_id, []).append(criterion)
    problems = []
    for criterion in criteria:
        if not criterion.is_group:
            continue
        children = by_parent.get(criterion.pk, [])
        if not children:
            problems.append(_("%(code)s has no criteria under it.") % {"code": criterion.code})
            continue
        added = sum((c.max_points for c in children if not c.is_deduction), ZERO)
        if added != criterion.max_points:
            problems.append(_("The criteria under %(code)s add up to %(sum)s points, not %(max)s.") % {
                "code": criterion.code, "sum": format_points(added), "max": format_points(criterion.max_points)})
    return problems


def check_criterion(criterion: Criterion) -> None:
    """ValidationError (by field) for a criterion that does not fit its kind or its parent group."""
    errors = {}
    kind = criterion.kind
    if criterion.parent_id is not None:
        parent = criterion.parent
        if parent.cluster_id != criterion.cluster_id or not parent.is_group:
            errors["parent"] = _("Choose a group of the same cluster.")
        elif criterion.pk and _is_descendant(parent, criterion):
            errors["parent"] = _("A group cannot be placed under itself.")
        elif not criterion.is_deduction:
            siblings = sum((c.max_points for c in parent.children.exclude(pk=criterion.pk) if not c.is_deduction),
                           ZERO)
            if siblings + criterion.max_points > parent.max_points:
                errors["max_points"] = _(
                    "The criteria under %(code)s would add up to %(sum)s points, more than its %(max)s.") % {
                    "code": parent.code, "sum": format_points(siblings + criterion.max_points),
                    "max": format_points(parent.max_points)}
    if kind == CriterionKind.QUANTITATIVE and not criterion.target:
        errors["target"] = _("A quantitative criterion needs a target above zero.")
    if kind == CriterionKind.PER_OCCURRENCE and not criterion.points_per_occurrence:
        errors["points_per_occurrence"] = _("Enter the points per occurrence.")
    if criterion.pk and kind != CriterionKind.GROUP and criterion.children.exists():
        errors["kind"] = _("This criterion has criteria under it: it must stay a group.")
    if errors:
        raise ValidationError(errors)


def _is_descendant(node, ancestor) -> bool:
    while node is not None:
        if node.pk == ancestor.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
@audited("save_criterion")
def save_criterion(*, criterion: Criterion, by) -> Criterion:
    """Create or edit a criterion of the tree (head commune's office, while every sheet is still self-scoring)."""
    _require_head(criterion.cluster, by)
    if criteria_locked(criterion.cluster):
        raise ValidationError(_("The criteria are fixed: a sheet has already been submitted."))
    check_criterion(criterion)
    criterion.save()
    return criterion


@transaction.atomic
@audited("delete_criterion")
def delete_criterion(*, criterion: Criterion, by) -> None:
    _require_head(criterion.cluster, by)
    if criteria_locked(criterion.cluster):
        raise ValidationError(_("The criteria are fixed: a sheet has already been submitted."))
    # Entries protect their criterion: remove those of the criterion and of everything under it first.
    doomed, level = [criterion.pk], [criterion.pk]
    while level:
        level = list(Criterion.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        doomed += level
    ScoreEntry.objects.filter(criterion_id__in=doomed).delete()
    criterion.delete()


def previous_clusters(cluster):
    """Earlier clusters whose tree can be copied: the head commune was a member."""
    return Cluster.objects.filter(year__lt=cluster.year, members=cluster.head_id).order_by("-year", "name")


def province_criteria_sources(province, *, exclude=None):
    """The province's clusters with a criteria tree, which its operator may copy into another cluster (latest first)."""
    sources = (Cluster.objects.filter(province=province, criteria__isnull=False).distinct()
               .order_by("-year", "name"))
    return sources.exclude(pk=exclude.pk) if exclude is not None and exclude.pk else sources


@transaction.atomic
@audited("copy_criteria")
def copy_criteria(*, cluster: Cluster, source: Cluster, by) -> int:
    """Copy the whole criteria tree of an earlier year's cluster into an empty one; returns how many were copied.

    The head commune's office copies from an earlier cluster it was a member of; the province's operator from any
    other cluster of the province."""
    operator = _require_head_or_operator(cluster, by)
    if cluster.criteria.exists():
        raise ValidationError(_("This cluster already has criteria."))
    sources = province_criteria_sources(cluster.province_id, exclude=cluster) if operator else \
        previous_clusters(cluster)
    if not sources.filter(pk=source.pk).exists():
        raise PermissionDenied
    return copy_tree(cluster=cluster, source=source)


def copy_tree(cluster: Cluster, source: Cluster) -> int:
    """The copy itself, for the services that checked who may copy (copy_criteria, provinces.clusters)."""
    copies = {}
    # Parents before children: a parent's position in the list of its own ancestors' depth.
    pending = list(source.criteria.order_by("pk"))
    while pending:
        rest = []
        for old in pending:
            if old.parent_id is not None and old.parent_id not in copies:
                rest.append(old)
                continue
            old_pk = old.pk
            old.pk = None
            old.cluster = cluster
            old.parent = copies.get(old.parent_id)
            old.save()
            copies[old_pk] = old
        if len(rest) == len(pending):  # an orphan (cannot happen with CASCADE); stop rather than loop
            break
        pending = rest
    return len(copies)


# Clusters: assignments and sheets -----------------------------------------------------------------------------------


def frozen_assignments(cluster) -> set[int]:
    """Scored communes whose scorer may no longer change: their sheet has a cross-scored value (or is past
    cross-scoring), so another commune taking over would inherit or overwrite the first one's points."""
    return set(
        cluster.sheets.filter(~Q(status__in=[S.SELF_SCORING, S.SUBMITTED])
                              | Q(entries__cross_value__isnull=False))
        .values_list("commune_id", flat=True)
    )


@transaction.atomic
@audited("set_assignments")
def set_assignments(*, cluster: Cluster, scorers: dict, by) -> None:
    """Set who cross-scores whom: {scored commune id: scorer commune id or None}, members only, nobody themselves.

    A sheet's scorer is fixed once any cross-scored value exists: asking to change it is refused (ValidationError)
    and nothing is saved; repeating the current scorer is fine (the form sends every commune). The head commune's
    office or the province's operator sets them."""
    _require_head_or_operator(cluster, by)
    # The sheets are locked so that a cross-score being saved and this change cannot pass each other.
    list(cluster.sheets.select_for_update().values_list("pk", flat=True))
    members = set(cluster.members.values_list("pk", flat=True))
    frozen = frozen_assignments(cluster)
    current = dict(cluster.assignments.values_list("scored_id", "scorer_id"))
    names = dict(cluster.members.values_list("pk", "name"))
    for scored_id, scorer_id in scorers.items():
        if scored_id not in members or (scorer_id is not None and scorer_id not in members):
            raise ValidationError(_("Only member communes of the cluster score each other."))
        if scorer_id == scored_id:
            raise ValidationError(_("A commune does not cross-score itself."))
        if scored_id in frozen and scorer_id != current.get(scored_id):
            raise ValidationError(_("The sheet of %(commune)s already has cross-scored points: its scoring commune "
                                    "can no longer be changed.") % {"commune": names[scored_id]})
    for scored_id, scorer_id in scorers.items():
        if scored_id in frozen:
            continue  # unchanged (checked above)
        if scorer_id is None:
            ScoringAssignment.objects.filter(cluster=cluster, scored_id=scored_id).delete()
        else:
            ScoringAssignment.objects.update_or_create(cluster=cluster, scored_id=scored_id,
                                                       defaults={"scorer_id": scorer_id})


@transaction.atomic
@audited("open_sheets")
def open_sheets(*, cluster: Cluster, by) -> int:
    """A sheet in self-scoring for every member commune that has none; returns how many were created."""
    _require_head(cluster, by)
    problems = tree_problems(list(cluster.criteria.all()))
    if not cluster.criteria.exists() or problems:
        raise ValidationError(problems or [_("Add the criteria first.")])
    existing = set(cluster.sheets.values_list("commune_id", flat=True))
    created = 0
    for commune_id in cluster.members.exclude(pk__in=existing).values_list("pk", flat=True):
        sheet = ScoreSheet.objects.create(cluster=cluster, commune_id=commune_id)
        _log(sheet, "opened", by)
        created += 1
    return created


def scored_criteria(cluster):
    """The criteria that get points (not the groups), in sheet order."""
    return [c for c in ordered_criteria(cluster) if not c.is_group]


def ordered_criteria(cluster, criteria=None) -> list[Criterion]:
    """The tree flattened depth-first (each group followed by its children), with `depth` set on each."""
    criteria = list(cluster.criteria.all()) if criteria is None else criteria
    by_parent = {}
    for criterion in criteria:
        by_parent.setdefault(criterion.parent_id, []).append(criterion)
    result = []

    def walk(parent_id, depth):
        for criterion in sorted(by_parent.get(parent_id, []), key=lambda c: (c.position, c.pk)):
            criterion.depth = depth
            result.append(criterion)
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return result


# Sheets ---------------------------------------------------------------------------------------------------------


def _log(sheet, action, by):
    SheetEvent.objects.create(sheet=sheet, action=action, status=sheet.status, actor=by)


def _lock(sheet) -> ScoreSheet:
    """The sheet re-read under a row lock, so two tabs cannot both move it on."""
    locked = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    sheet.status = locked.status
    return sheet


def _require_status(sheet, *statuses):
    if sheet.status not in statuses:
        raise ValidationError(_("The sheet is %(status)s: this step is not possible now.") % {
            "status": sheet.get_status_display().lower()})


def _entries(sheet) -> dict[int, ScoreEntry]:
    """The sheet's entries by criterion id, one per scored criterion (created when missing)."""
    entries = {e.criterion_id: e for e in sheet.entries.select_related("criterion")}
    for criterion in scored_criteria(sheet.cluster):
        if criterion.pk not in entries:
            entries[criterion.pk] = ScoreEntry.objects.create(sheet=sheet, criterion=criterion)
            entries[criterion.pk].criterion = criterion
    return entries


def _checked_values(entries, values: dict) -> dict:
    """ValidationError keyed by criterion id for values that cannot be entered."""
    errors = {}
    for criterion_id, value in values.items():
        entry = entries.get(criterion_id)
        if entry is None:
            raise ValidationError(_("Unknown criterion."))
        message = value_error(entry.criterion, value)
        if message:
            errors[str(criterion_id)] = message
    if errors:
        raise ValidationError(errors)
    return values


@audited("save_self_scores")
def save_self_scores(*, sheet: ScoreSheet, values: dict, evidence: dict | None = None, files: dict | None = None,
                     by, submit: bool = False) -> ScoreSheet:
    """The scored commune enters its own points and evidence; with submit=True the sheet goes to the scorer.

    values: {criterion id: Decimal or None}; evidence: {criterion id: text}; files: {criterion id: (upload,
    CheckedUpload)}. A file replaces the entry's previous one (which is deleted after the change succeeds).
    Submitting needs a value for every scored criterion.
    """
    if not perms.can_self_score(get_actor(by), sheet):
        raise PermissionDenied
    evidence, files = evidence or {}, files or {}
    replaced = []
    with StoredFiles() as stored, transaction.atomic():
        _require_status(_lock(sheet), S.SELF_SCORING)
        entries = _entries(sheet)
        _checked_values(entries, values)
        for criterion_id, entry in entries.items():
            if criterion_id in values:
                entry.self_value = values[criterion_id]
                entry.self_points = points_for(entry.criterion, entry.self_value)
            if criterion_id in evidence:
                entry.evidence = (evidence[criterion_id] or "").strip()
            if criterion_id in files:
                upload, checked = files[criterion_id]
                if entry.evidence_file:
                    replaced.append((entry.evidence_file.storage, entry.evidence_file.name))
                entry.evidence_name = checked.original_name[:255]
                stored.save(entry.evidence_file, checked.generated_name(), upload)
            entry.save()
        if submit:
            missing = [e.criterion.code for e in entries.values() if e.self_value is None]
            if missing:
                raise ValidationError(_("Score every criterion before submitting (missing: %(codes)s).") % {
                    "codes": ", ".join(missing)})
            sheet.status = S.SUBMITTED
            sheet.submitted_at = timezone.now()
            sheet.save(update_fields=["status", "submitted_at"])
            _log(sheet, "submitted", by)
        else:
            _log(sheet, "self_scored", by)
    for storage, name in replaced:
        storage.delete(name)
    return sheet


@transaction.atomic
@audited("save_cross_scores")
def save_cross_scores(*, sheet: ScoreSheet, values: dict, notes: dict | None = None, by,
                      finish: bool = False) -> ScoreSheet:
    """The assigned scorer commune enters its points; with finish=True the sheet goes back for explanation."""
    if not perms.can_cross_score(get_actor(by), sheet):
        raise PermissionDenied
    _require_status(_lock(sheet), S.SUBMITTED)
    entries = _entries(sheet)
    _checked_values(entries, values)
    notes = notes or {}
    for criterion_id, entry in entries.items():
        if criterion_id in values:
            entry.cross_value = values[criterion_id]
            entry.cross_points = points_for(entry.criterion, entry.cross_value)
        if criterion_id in notes:
            entry.cross_note = (notes[criterion_id] or "").strip()
        entry.save(update_fields=["cross_value", "cross_points", "cross_note"])
    if finish:
        missing = [e.criterion.code for e in entries.values() if e.cross_value is None]
        if missing:
            raise ValidationError(_("Score every criterion before finishing (missing: %(codes)s).") % {
                "codes": ", ".join(missing)})
        sheet.status = S.CROSS_SCORED
        sheet.save(update_fields=["status"])
        _log(sheet, "cross_scored", by)
    return sheet


@transaction.atomic
@audited("save_explanations")
def save_explanations(*, sheet: ScoreSheet, explanations: dict, by, send: bool = False) -> ScoreSheet:
    """The scored commune explains the points where the scorer differs; with send=True the sheet goes to review."""
    if not perms.can_self_score(get_actor(by), sheet):
        raise PermissionDenied
    _require_status(_lock(sheet), S.CROSS_SCORED)
    entries = _entries(sheet)
    for criterion_id, text in explanations.items():
        entry = entries.get(criterion_id)
        if entry is None or not entry.differs:
            continue  # only where the points differ
        entry.explanation = (text or "").strip()
        entry.save(update_fields=["explanation"])
    if send:
        sheet.status = S.EXPLANATION
        sheet.save(update_fields=["status"])
        _log(sheet, "explained", by)
    return sheet


@transaction.atomic
@audited("save_review")
def save_review(*, sheet: ScoreSheet, values: dict, notes: dict | None = None, by,
                finalise: bool = False) -> ScoreSheet:
    """The second review (the head commune's office; the deputy head commune's for the head commune's own sheet):
    the final values; with finalise=True the sheet's score is fixed.

    The first save moves the sheet from explanation to second review. On finalising, a criterion without a reviewed
    value takes the cross-scored one.
    """
    if not perms.can_review(get_actor(by), sheet):
        raise PermissionDenied
    _require_status(_lock(sheet), S.EXPLANATION, S.SECOND_REVIEW)
    entries = _entries(sheet)
    _checked_values(entries, values)
    notes = notes or {}
    for criterion_id, entry in entries.items():
        if criterion_id in values:
            entry.final_value = values[criterion_id]
        if finalise and entry.final_value is None:
            entry.final_value = entry.cross_value
        entry.final_points = points_for(entry.criterion, entry.final_value)
        if criterion_id in notes:
            entry.review_note = (notes[criterion_id] or "").strip()
        entry.save(update_fields=["final_value", "final_points", "review_note"])
    if sheet.status == S.EXPLANATION:
        sheet.status = S.SECOND_REVIEW
        sheet.save(update_fields=["status"])
        _log(sheet, "review_started", by)
    if finalise:
        sheet.status = S.FINAL
        sheet.final_score = sum((e.final_points or ZERO for e in entries.values()), ZERO)
        sheet.finalised_at = timezone.now()
        sheet.save(update_fields=["status", "final_score", "finalised_at"])
        _log(sheet, "finalised", by)
    return sheet


# Ranking --------------------------------------------------------------------------------------------------------


@dataclass
class Standing:
    rank: int
    sheet: ScoreSheet
    self_total: Decimal
    cross_total: Decimal | None
    final_total: Decimal | None


def standings(cluster, *, final_only: bool = False) -> list[Standing]:
    """The cluster's sheets ranked by final score (then cross, then self points); ties go by commune name.

    One query whatever the number of sheets and entries.
    """
    sheets = (cluster.sheets.select_related("commune")
              .annotate(self_total=Sum("entries__self_points"), cross_total=Sum("entries__cross_points"),
                        final_total=Sum("entries__final_points"), scored=Count("entries__cross_points")))
    if final_only:
        sheets = sheets.filter(status=S.FINAL)

    def score(sheet):
        if sheet.status == S.FINAL:
            return sheet.final_score
        if sheet.scored:
            return sheet.cross_total or ZERO
        return sheet.self_total or ZERO

    ordered = sorted(sheets, key=lambda s: (-score(s), text_sort_key(s.commune.name), s.pk))
    return [Standing(rank=index, sheet=sheet, self_total=sheet.self_total or ZERO,
                     cross_total=sheet.cross_total if sheet.scored else None,
                     final_total=sheet.final_score if sheet.status == S.FINAL else None)
            for index, sheet in enumerate(ordered, 1)]


def all_final(cluster) -> bool:
    sheets = cluster.sheets.aggregate(total=Count("pk"), final=Count("pk", filter=Q(status=S.FINAL)))
    return sheets["total"] > 0 and sheets["total"] == sheets["final"]
