"""Fetch reports for a user: no person → 403; another commune's report → 404; then a missing permission → 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from directory.permissions import get_actor

from .models import Report, ReportJob


def require_actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def check_permission(user, *, write: bool) -> None:
    if not user.has_perm("reports.manage_reports" if write else "reports.view_reports"):
        raise PermissionDenied


def get_report_for_user(user, pk, *, write: bool = False) -> Report:
    actor = require_actor(user)
    queryset = Report.objects.select_related("commune", "series", "document", "document__series")
    report = get_object_or_404(queryset, pk=pk, commune=actor.commune)
    check_permission(user, write=write)
    return report


def get_job_for_user(user, pk) -> ReportJob:
    actor = require_actor(user)
    job = get_object_or_404(ReportJob.objects.select_related("report", "report__commune"), pk=pk,
                            report__commune=actor.commune)
    check_permission(user, write=False)
    return job
