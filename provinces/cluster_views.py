"""The operator's pages of the province's emulation clusters: list, create, detail (with the cross-scoring
assignments), edit and the ranking across the cluster's communes (with its Excel download).

Only an operator of the province gets in (anyone else signed in: 403); another province's cluster is 404. The scoring
itself (criteria, sheets, review) stays with the head commune, in the scoring app.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from directory.collation import text_sort_key
from scoring import services as scoring
from scoring.exporters import LeaderboardExporter
from scoring.forms import AssignmentForm
from scoring.models import Cluster
from scoring.views import XLSX_TYPE

from . import clusters as services
from .cluster_forms import ClusterForm
from .views import _operator


def _xlsx(exporter):
    stream = io.BytesIO()
    exporter.write_xlsx(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=f"{exporter.filename}.xlsx", content_type=XLSX_TYPE)


def _cluster(operator, pk) -> Cluster:
    return get_object_or_404(Cluster.objects.select_related("province", "head", "deputy"), pk=pk,
                             province=operator.province)


@login_required
def cluster_list(request):
    operator = _operator(request.user)
    clusters = (Cluster.objects.filter(province=operator.province).select_related("head", "deputy")
                .annotate(member_count=Count("members", distinct=True)).order_by("-year", "name"))
    return render(request, "provinces/cluster_list.html", {"province": operator.province, "clusters": clusters})


def _save(request, form, cluster=None):
    data = form.cleaned_data
    if cluster is None:
        return services.create_cluster(province=form.province, members=data["members"],
                                       criteria_from=data.get("criteria_from"), by=request.user, **form.changes())
    return services.update_cluster(cluster=cluster, changes=form.changes(), members=data["members"],
                                   criteria_from=data.get("criteria_from"), by=request.user)


def _form_page(request, operator, cluster=None):
    form = ClusterForm(request.POST or None, instance=cluster, province=operator.province)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, cluster)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The cluster %(name)s is saved.") % {"name": saved})
            return redirect("provinces:cluster_detail", saved.pk)
    title = _("Edit %(name)s") % {"name": cluster} if cluster else _("New emulation cluster")
    return render(request, "provinces/cluster_form.html", {"form": form, "cluster": cluster, "title": title})


@login_required
def cluster_create(request):
    return _form_page(request, _operator(request.user))


@login_required
def cluster_edit(request, pk):
    operator = _operator(request.user)
    return _form_page(request, operator, _cluster(operator, pk))


@login_required
def cluster_detail(request, pk):
    """The cluster as defined, its sheets' progress, and the assignments form (POSTed here)."""
    operator = _operator(request.user)
    cluster = _cluster(operator, pk)
    members = sorted(cluster.members.all(), key=lambda c: text_sort_key(c.name))
    current = {a.scored_id: a.scorer_id for a in cluster.assignments.all()}
    form = AssignmentForm(request.POST or None, cluster=cluster, members=members, current=current,
                          frozen=scoring.frozen_assignments(cluster), locked=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()  # the assignments ride on the cluster's version
                scoring.set_assignments(cluster=cluster, scorers=form.scorers(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cross-scoring assignments saved."))
            return redirect("provinces:cluster_detail", cluster.pk)
    names = {c.pk: c for c in members}
    return render(request, "provinces/cluster_detail.html", {
        "cluster": cluster, "members": members, "form": form,
        "assignments": [(names[scored], names.get(scorer)) for scored, scorer in current.items() if scored in names],
        "criteria_count": cluster.criteria.count(), "sheet_count": cluster.sheets.count(),
    })


@login_required
def cluster_ranking(request, pk):
    """The ranking across the cluster's communes as the head commune's leaderboard computes it; ?format=xlsx
    downloads the leaderboard's workbook."""
    operator = _operator(request.user)
    cluster = _cluster(operator, pk)
    if request.GET.get("format") == "xlsx":
        return _xlsx(LeaderboardExporter(cluster=cluster, final_only=False))
    rows = services.ranking(cluster)
    return render(request, "provinces/cluster_ranking.html", {
        "cluster": cluster, "rows": rows, "all_final": bool(rows) and all(
            row.standing is not None and row.standing.final_total is not None for row in rows),
    })
