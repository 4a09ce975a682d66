"""Score sheets of the emulation cluster: clusters, the criteria tree, assignments, the four steps of a sheet, the
leaderboard and the exports.

Access (scoring/permissions.py): no office, council or chairman role → 403; another cluster's objects → 404; then a
missing right for the step → 403. A step the sheet's status does not allow now redirects to the sheet with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from caching.pages import cached_page
from directory.permissions import get_actor
from documents.delivery import pdf_download, serve_pdf
from registrations.uploads import KINDS, kind_for_extension

from . import permissions as perms, services
from .enums import SheetStatus
from .exporters import LeaderboardExporter, SheetExporter, leaderboard_pdf, sheet_pdf, sheet_rows
from .forms import AssignmentForm, CopyCriteriaForm, CriterionForm, SheetForm
from .models import Criterion, ScoreEntry, ScoreSheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
S = SheetStatus


# Clusters -------------------------------------------------------------------------------------------------------


@login_required
def index(request):
    actor = perms.require_reader(request.user)
    own_sheets = ScoreSheet.objects.filter(commune=actor.commune)
    clusters = (perms.clusters_for(actor).select_related("head", "deputy")
                .prefetch_related(Prefetch("sheets", queryset=own_sheets, to_attr="own_sheets")))
    return render(request, "scoring/index.html", {"clusters": clusters, "actor": actor})


def _assigned(cluster):
    """{scored commune id: assignment} with both communes loaded."""
    return {a.scored_id: a for a in cluster.assignments.select_related("scorer", "scored")}


@login_required
def cluster_detail(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk)
    actor = get_actor(request.user)
    assigned = _assigned(cluster)
    sheets = list(cluster.sheets.select_related("commune"))
    for sheet in sheets:
        sheet.cluster = cluster
        sheet._scorer_id = assigned[sheet.commune_id].scorer_id if sheet.commune_id in assigned else None
        sheet.visible = perms.can_view_sheet(actor, sheet)
        sheet.assignment = assigned.get(sheet.commune_id)
    members = list(cluster.members.all())
    is_head = perms.is_head_office(actor, cluster)
    return render(request, "scoring/cluster_detail.html", {
        "cluster": cluster, "members": members, "sheets": sheets, "assignments": list(assigned.values()),
        "is_head": is_head, "missing_sheets": len(members) - len(sheets),
        "leaderboard_visible": perms.can_see_leaderboard(actor, cluster, all_final=services.all_final(cluster)),
    })


@login_required
@require_POST
def open_sheets(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk, manage=True)
    try:
        created = services.open_sheets(cluster=cluster, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(count)s score sheets opened for self-scoring.") % {"count": created})
    return redirect("scoring:cluster_detail", cluster.pk)


@login_required
def assignments(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk, manage=True)
    members = list(cluster.members.all())
    current = {a.scored_id: a.scorer_id for a in cluster.assignments.all()}
    form = AssignmentForm(request.POST or None, cluster=cluster, members=members, current=current,
                          frozen=services.frozen_assignments(cluster), locked=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()  # the assignments ride on the cluster's version
                services.set_assignments(cluster=cluster, scorers=form.scorers(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cross-scoring assignments saved."))
            return redirect("scoring:cluster_detail", cluster.pk)
    return render(request, "scoring/assignments.html", {"cluster": cluster, "form": form})


# Criteria -------------------------------------------------------------------------------------------------------


@login_required
def criteria(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk)
    actor = get_actor(request.user)
    items = services.ordered_criteria(cluster)
    is_head = perms.is_head_office(actor, cluster)
    sources = services.previous_clusters(cluster) if is_head and not items else None
    return render(request, "scoring/criteria.html", {
        "cluster": cluster, "criteria": items, "problems": services.tree_problems(items),
        "can_edit": is_head and not services.criteria_locked(cluster),
        "copy_form": CopyCriteriaForm(sources=sources) if sources is not None and sources.exists() else None,
    })


def _criterion_form(request, cluster, criterion=None):
    form = CriterionForm(request.POST or None, instance=criterion, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_criterion(criterion=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Criterion saved."))
            return redirect("scoring:criteria", cluster.pk)
    return render(request, "scoring/criterion_form.html", {"cluster": cluster, "form": form,
                                                           "criterion": criterion})


@login_required
def criterion_create(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk, manage=True)
    return _criterion_form(request, cluster)


def _get_criterion(request, pk) -> Criterion:
    actor = perms.require_reader(request.user)
    criterion = get_object_or_404(Criterion.objects.filter(cluster__members=actor.commune)
                                  .select_related("cluster", "parent"), pk=pk)
    if not perms.is_head_office(actor, criterion.cluster):
        raise PermissionDenied
    return criterion


@login_required
def criterion_edit(request, pk):
    criterion = _get_criterion(request, pk)
    return _criterion_form(request, criterion.cluster, criterion)


@login_required
@require_POST
def criterion_delete(request, pk):
    criterion = _get_criterion(request, pk)
    try:
        services.delete_criterion(criterion=criterion, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Criterion deleted."))
    return redirect("scoring:criteria", criterion.cluster_id)


@login_required
@require_POST
def criteria_copy(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk, manage=True)
    form = CopyCriteriaForm(request.POST, sources=services.previous_clusters(cluster))
    if form.is_valid():
        try:
            count = services.copy_criteria(cluster=cluster, source=form.cleaned_data["source"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s criteria copied.") % {"count": count})
    else:
        messages.error(request, _("Choose the cluster to copy from."))
    return redirect("scoring:criteria", cluster.pk)


# Sheets ---------------------------------------------------------------------------------------------------------


def _actions(actor, sheet) -> dict:
    """Which step the actor may take on the sheet now (the template shows the matching buttons)."""
    return {
        "self": sheet.status == S.SELF_SCORING and perms.can_self_score(actor, sheet),
        "cross": sheet.status == S.SUBMITTED and perms.can_cross_score(actor, sheet),
        "explain": sheet.status == S.CROSS_SCORED and perms.can_self_score(actor, sheet),
        "review": sheet.status in (S.EXPLANATION, S.SECOND_REVIEW) and perms.can_review(actor, sheet),
    }


@login_required
@cached_page
def sheet_detail(request, pk):
    sheet = perms.get_sheet_for_user(request.user, pk)
    actor = get_actor(request.user)
    rows = sheet_rows(sheet)
    entries = [entry for _c, entry in rows if entry is not None]
    return render(request, "scoring/sheet_detail.html", {
        "sheet": sheet, "rows": rows, "actions": _actions(actor, sheet),
        # The head commune's own sheet is reviewed by the deputy head commune: none set, nobody can review it.
        "no_reviewer": sheet.status in (S.EXPLANATION, S.SECOND_REVIEW) and perms.reviewer_id(sheet) is None,
        "events": sheet.events.select_related("actor"),
        "totals": {field: sum((getattr(e, field) or 0 for e in entries), 0)
                   for field in ("self_points", "cross_points", "final_points")},
        "max_total": sum((c.max_points for c, _e in rows if not c.is_group and c.kind not in ("bonus", "deduction")),
                         0),
    })


STAGE_RIGHTS = {
    "self": (perms.can_self_score, (S.SELF_SCORING,)),
    "cross": (perms.can_cross_score, (S.SUBMITTED,)),
    "explain": (perms.can_self_score, (S.CROSS_SCORED,)),
    "review": (perms.can_review, (S.EXPLANATION, S.SECOND_REVIEW)),
}
STAGE_TITLES = {
    "self": gettext_lazy("Self-scoring"), "cross": gettext_lazy("Cross-scoring"),
    "explain": gettext_lazy("Explanation"), "review": gettext_lazy("Second review"),
}


def _save_stage(stage, form, sheet, user, advance: bool):
    if stage == "self":
        services.save_self_scores(sheet=sheet, values=form.collected("value"), evidence=form.collected("evidence"),
                                  files=form.collected("file"), by=user, submit=advance)
    elif stage == "cross":
        services.save_cross_scores(sheet=sheet, values=form.collected("value"), notes=form.collected("note"),
                                   by=user, finish=advance)
    elif stage == "explain":
        services.save_explanations(sheet=sheet, explanations=form.collected("explanation"), by=user, send=advance)
    else:
        services.save_review(sheet=sheet, values=form.collected("value"), notes=form.collected("note"), by=user,
                             finalise=advance)


def _stage(request, pk, stage):
    sheet = perms.get_sheet_for_user(request.user, pk)
    actor = get_actor(request.user)
    allowed, statuses = STAGE_RIGHTS[stage]
    if not allowed(actor, sheet):
        raise PermissionDenied
    if sheet.status not in statuses:
        messages.warning(request, _("The sheet is %(status)s: this step is not possible now.") % {
            "status": sheet.get_status_display().lower()})
        return redirect("scoring:sheet_detail", sheet.pk)
    criteria = services.ordered_criteria(sheet.cluster)
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    form = SheetForm(request.POST or None, request.FILES or None, stage=stage, criteria=criteria, entries=entries,
                     locked=sheet)
    if request.method == "POST" and form.is_valid():
        advance = "advance" in request.POST
        try:
            with transaction.atomic():
                form.claim()  # the entries ride on the sheet's version; the services save a locked copy
                _save_stage(stage, form, sheet, request.user, advance)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, errors in error.error_dict.items():
                    field = f"value_{key}"
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Saved.") if not advance else _("Saved and sent on."))
            return redirect("scoring:sheet_detail", sheet.pk)
    return render(request, "scoring/sheet_form.html", {
        "sheet": sheet, "form": form, "stage": stage, "stage_title": STAGE_TITLES[stage],
    })


@login_required
def sheet_self(request, pk):
    return _stage(request, pk, "self")


@login_required
def sheet_cross(request, pk):
    return _stage(request, pk, "cross")


@login_required
def sheet_explain(request, pk):
    return _stage(request, pk, "explain")


@login_required
def sheet_review(request, pk):
    return _stage(request, pk, "review")


@login_required
def evidence_download(request, pk):
    actor = perms.require_reader(request.user)
    entry = get_object_or_404(ScoreEntry.objects.filter(sheet__cluster__members=actor.commune)
                              .select_related("sheet", "sheet__cluster"), pk=pk)
    if not perms.can_view_sheet(actor, entry.sheet):
        raise PermissionDenied
    if not entry.evidence_file:
        raise Http404
    kind = kind_for_extension(entry.evidence_file.name)
    content_type = kind.content_type if kind else KINDS["pdf"].content_type
    return FileResponse(entry.evidence_file.open("rb"), as_attachment=True, filename=entry.evidence_name,
                        content_type=content_type)


def _xlsx(exporter):
    import io

    stream = io.BytesIO()
    exporter.write_xlsx(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=f"{exporter.filename}.xlsx", content_type=XLSX_TYPE)


@login_required
def sheet_xlsx(request, pk):
    return _xlsx(SheetExporter(sheet=perms.get_sheet_for_user(request.user, pk)))


@login_required
@pdf_download
def sheet_pdf_view(request, pk):
    sheet = perms.get_sheet_for_user(request.user, pk)
    return serve_pdf(request, key=f"score-sheet:{sheet.pk}", build=lambda: sheet_pdf(sheet),
                     filename=f"bang-cham-diem-{sheet.cluster.year}-{sheet.commune.slug}.pdf")


# Leaderboard ----------------------------------------------------------------------------------------------------


def _leaderboard_cluster(request, pk):
    cluster = perms.get_cluster_for_user(request.user, pk)
    final = services.all_final(cluster)
    if not perms.can_see_leaderboard(get_actor(request.user), cluster, all_final=final):
        raise PermissionDenied
    return cluster, final


@login_required
def leaderboard(request, pk):
    cluster, final = _leaderboard_cluster(request, pk)
    return render(request, "scoring/leaderboard.html", {
        "cluster": cluster, "standings": services.standings(cluster), "all_final": final,
    })


@login_required
def leaderboard_xlsx(request, pk):
    cluster, _final = _leaderboard_cluster(request, pk)
    return _xlsx(LeaderboardExporter(cluster=cluster, final_only=False))


@login_required
@pdf_download
def leaderboard_pdf_view(request, pk):
    cluster, _final = _leaderboard_cluster(request, pk)
    return serve_pdf(request, key=f"leaderboard:{cluster.pk}", filename=f"xep-hang-{cluster.year}.pdf",
                     build=lambda: leaderboard_pdf(cluster, final_only=False))
