"""Who may see and do what with a cluster's score sheets; the only place in this app that looks at roles.

Readers are the office, council members and chairman of a member commune (unit leaders and people without a role in
the commune: 403; another cluster: 404). On a sheet: the scored commune's office and chairman self-score and explain;
the office of the assigned scorer commune cross-scores; the head commune's office manages the criteria and the
assignments, reviews and finalises, except its own commune's sheet, which the deputy head commune's office reviews
(nobody reviews their own points). Until a sheet is final it is seen only by the scored, scorer and reviewing
communes and the head commune.

The province's operator defines the cluster (provinces/clusters.py: members, head, deputy, the assignments by
rotation, the criteria copied) and may set the assignments and copy criteria too (scoring.services); the operator is
no commune's member, so none of this app's pages open for them: their pages are in the provinces app.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from directory.permissions import Actor, get_actor

from .enums import SheetStatus
from .models import Cluster, ScoreSheet, ScoringAssignment


def require_reader(user) -> Actor:
    actor = get_actor(user)
    if actor is None or not actor.sees_whole_commune:
        raise PermissionDenied
    return actor


def clusters_for(actor: Actor):
    return Cluster.objects.filter(members=actor.commune)


def is_head_office(actor: Actor | None, cluster) -> bool:
    return bool(actor and actor.is_office_staff and actor.commune.pk == cluster.head_id)


def scorer_id(sheet) -> int | None:
    """The commune assigned to cross-score the sheet (cached on the sheet)."""
    if not hasattr(sheet, "_scorer_id"):
        sheet._scorer_id = (ScoringAssignment.objects.filter(cluster_id=sheet.cluster_id, scored_id=sheet.commune_id)
                            .values_list("scorer_id", flat=True).first())
    return sheet._scorer_id


def can_self_score(actor: Actor | None, sheet) -> bool:
    """The scored commune's office and chairman (also for the explanation)."""
    return bool(actor and (actor.is_office_staff or actor.is_chairman) and actor.commune.pk == sheet.commune_id)


def can_cross_score(actor: Actor | None, sheet) -> bool:
    return bool(actor and actor.is_office_staff and actor.commune.pk == scorer_id(sheet))


def reviewer_id(sheet) -> int | None:
    """The commune whose office reviews and finalises the sheet: the head commune, or for the head commune's own
    sheet the deputy head commune (None while the cluster has no deputy)."""
    cluster = sheet.cluster
    if sheet.commune_id == cluster.head_id:
        return cluster.deputy_id
    return cluster.head_id


def can_review(actor: Actor | None, sheet) -> bool:
    reviewer = reviewer_id(sheet)
    return bool(actor and actor.is_office_staff and reviewer is not None and actor.commune.pk == reviewer)


def can_view_sheet(actor: Actor | None, sheet) -> bool:
    if actor is None or not actor.sees_whole_commune:
        return False
    if sheet.status == SheetStatus.FINAL:
        return True  # published to the whole cluster
    return actor.commune.pk in (sheet.commune_id, sheet.cluster.head_id, scorer_id(sheet), reviewer_id(sheet))


def can_see_leaderboard(actor: Actor | None, cluster, *, all_final: bool) -> bool:
    """Everyone in the cluster once every sheet is final; the head office follows it before that."""
    return bool(actor and actor.sees_whole_commune and (all_final or is_head_office(actor, cluster)))


def get_cluster_for_user(user, pk, *, manage: bool = False) -> Cluster:
    actor = require_reader(user)
    cluster = get_object_or_404(clusters_for(actor).select_related("head", "deputy"), pk=pk)
    if manage and not is_head_office(actor, cluster):
        raise PermissionDenied
    return cluster


def get_sheet_for_user(user, pk) -> ScoreSheet:
    """A sheet of one of the user's clusters (else 404) that the user may see (else 403)."""
    actor = require_reader(user)
    sheet = get_object_or_404(
        ScoreSheet.objects.filter(cluster__members=actor.commune).select_related("cluster", "cluster__head",
                                                                                   "commune"),
        pk=pk,
    )
    if not can_view_sheet(actor, sheet):
        raise PermissionDenied
    return sheet
