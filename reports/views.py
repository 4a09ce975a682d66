import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Plan
from documents.defaults import default_recipients
from documents.delivery import docx_filename, pdf_download, serve_docx, serve_pdf
from documents.enums import DocumentType
from xuanson_tdkt.locking import lock_form

from . import jobs, services
from .access import check_permission, get_job_for_user, get_report_for_user, require_actor
from .enums import JobKind, JobStatus, ReportPeriod
from .forms import IssueForm, OutlineRowForm, PartForm, ReportCreateForm, SummaryForm, TargetResultForm
from .models import ReportPart
from .outlines import numbered
from .workbook import report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def report_list(request):
    actor = require_actor(request.user)
    check_permission(request.user, write=False)
    reports = services.reports_for_commune(actor.commune)
    return render(request, "reports/report_list.html", {
        "reports": reports, "can_manage": request.user.has_perm("reports.manage_reports"),
    })


@login_required
def report_create(request):
    actor = require_actor(request.user)
    check_permission(request.user, write=True)
    latest = Plan.objects.filter(commune=actor.commune).order_by("-year").values_list("year", flat=True).first()
    initial = {"year": latest or timezone.localdate().year, "period": ReportPeriod.SIX_MONTHS}
    form = ReportCreateForm(request.POST or None, commune=actor.commune, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(commune=actor.commune, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("period", error)
        except IntegrityError:
            form.add_error("period", _("A draft of this report already exists: edit it instead."))
        else:
            messages.success(request, _("The report has been created with drafts written from the data."))
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/report_form.html", {"form": form})


@login_required
def report_detail(request, pk):
    report = get_report_for_user(request.user, pk)
    content = services.report_content(report)
    can_manage = request.user.has_perm("reports.manage_reports")
    outline = numbered(content.parts, content, printed_only=False)
    if not report.is_issued:  # the live content lists the parts in their order
        for item, part in zip(outline, report.parts.all(), strict=True):
            item["pk"] = part.pk
    versions = services.reports_for_commune(report.commune).filter(
        year=report.year, period=report.period, series=report.series).order_by("version")
    return render(request, "reports/report_detail.html", {
        "report": report, "content": content, "figures": content.figures, "can_manage": can_manage,
        "outline": outline,
        "can_edit": can_manage and not report.is_issued, "versions": versions,
        "background": jobs.runs_in_background(report), "jobs": report.jobs.all()[:5],
        "has_draft": versions.filter(status="draft").exists(),
    })


def _refused(request, error: ValidationError, pk):
    """A change the service refused (the report was issued meanwhile): say why on the report's page."""
    messages.error(request, " ".join(error.messages))
    return redirect("reports:report_detail", pk=pk)


@login_required
def summary_edit(request, pk):
    report = get_report_for_user(request.user, pk, write=True)
    if report.is_issued:
        raise PermissionDenied
    form = SummaryForm(request.POST or None, initial={"summary": report.summary}, locked=report)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()  # the service saves its own locked copy of the report
                services.save_summary(report=report, summary=form.cleaned_data["summary"], by=request.user)
        except ValidationError as error:
            return _refused(request, error, report.pk)
        messages.success(request, _("The report has been saved."))
        return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/object_form.html", {"report": report, "form": form, "title": _("Summary")})


@login_required
def part_edit(request, pk):
    actor = require_actor(request.user)
    part = get_object_or_404(ReportPart.objects.select_related("report", "report__commune"), pk=pk,
                             report__commune=actor.commune)
    check_permission(request.user, write=True)
    if part.report.is_issued:
        raise PermissionDenied
    form = PartForm(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_part(part=part, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            return _refused(request, error, part.report_id)
        messages.success(request, _("The part has been saved."))
        return redirect(f"{reverse('reports:report_detail', args=[part.report_id])}#part-{part.key or f'h{part.pk}'}")
    return render(request, "reports/object_form.html", {
        "report": part.report, "form": form, "title": part.heading or part.get_key_display(),
    })


NEW_ROWS = 3  # blank rows of the outline page, each adds a heading


@login_required
def outline_edit(request, pk):
    """The report's outline: rename, renumber, move (by order), delete and add headings, place the tables."""
    report = get_report_for_user(request.user, pk, write=True)
    if report.is_issued:
        raise PermissionDenied
    parts = list(report.parts.all())
    data = request.POST or None
    rows = [OutlineRowForm(data, part=part, prefix=f"p{part.pk}") for part in parts]
    rows += [OutlineRowForm(data, prefix=f"new{i}", initial={"order": (len(parts) + i + 1) * 10, "level": 2})
             for i in range(NEW_ROWS)]
    # The headings ride on the report's version: a colleague's save of the outline makes this page's copy stale.
    lock = lock_form(report, data, riders=[(part.heading, form) for part, form in zip(parts, rows, strict=False)])
    if request.method == "POST" and all([lock.is_valid()] + [form.is_valid() for form in rows]):
        chosen = sorted(((form.cleaned_data["order"], index, form) for index, form in enumerate(rows)
                         if not form.is_blank), key=lambda item: item[:2])
        try:
            with transaction.atomic():
                lock.claim()
                services.save_outline(report=report, by=request.user, rows=[
                    {"part": form.part, "heading": form.cleaned_data["heading"], "level": form.cleaned_data["level"],
                     "numbering": form.cleaned_data["numbering"], "tables": form.cleaned_data["tables"],
                     "delete": form.cleaned_data["delete"]} for _order, _index, form in chosen])
        except ValidationError as error:
            lock.add_error(None, error.messages)
        else:
            messages.success(request, _("The outline has been saved."))
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/outline_form.html", {"report": report, "rows": rows, "lock": lock})


@login_required
def targets_edit(request, pk):
    report = get_report_for_user(request.user, pk, write=True)
    if report.is_issued:
        raise PermissionDenied
    results = list(report.target_results.select_related("target", "target__campaign"))
    forms = [TargetResultForm(request.POST or None, instance=result, prefix=f"t{result.pk}") for result in results]
    # The rows ride on the report's version: a colleague's save of the table makes this page's copy stale.
    lock = lock_form(report, request.POST or None, riders=[(result.target.text, form)
                                                          for result, form in zip(results, forms, strict=True)])
    if request.method == "POST" and all([lock.is_valid()] + [form.is_valid() for form in forms]):
        try:
            with transaction.atomic():
                lock.claim()
                services.save_target_results(report=report, by=request.user, values={
                    form.instance.pk: (form.cleaned_data["achieved"], form.cleaned_data["note"]) for form in forms})
        except ValidationError as error:
            return _refused(request, error, report.pk)
        messages.success(request, _("The campaign results have been saved."))
        return redirect(f"{reverse('reports:report_detail', args=[report.pk])}#part-campaigns")
    rows = list(zip(results, forms, strict=True))
    return render(request, "reports/targets_form.html", {"report": report, "rows": rows, "lock": lock})


@login_required
def report_issue(request, pk):
    report = get_report_for_user(request.user, pk, write=True)
    if report.is_issued:
        raise PermissionDenied
    form = IssueForm(request.POST or None, initial={
        "signer_name": report.commune.chairman_name,
        "recipients": default_recipients(report.commune, DocumentType.REPORT)})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.issue_report(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            # A field's error (the signer) or one about the whole report (another tab issued it first).
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The report has been issued as %(code)s.") % {"code": report.document.code})
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/issue_form.html", {"report": report, "form": form})


@login_required
@require_POST
def report_new_version(request, pk):
    report = get_report_for_user(request.user, pk, write=True)
    try:
        new = services.new_version(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:report_detail", pk=report.pk)
    messages.success(request, _("Version %(version)s has been created as a draft.") % {"version": new.version})
    return redirect("reports:report_detail", pk=new.pk)


@login_required
@pdf_download
def report_pdf(request, pk):
    """An issued report's PDF exactly as stored at issue; a draft's as its data stands."""
    report = get_report_for_user(request.user, pk)
    return serve_pdf(request, key=f"report:{report.pk}", filename=jobs.filename_for(report, JobKind.PDF),
                     build=lambda: services.report_pdf_bytes(report))


@login_required
def report_docx(request, pk):
    """The report's Word copy (an issued one from its frozen figures and text), with the PDF's access."""
    report = get_report_for_user(request.user, pk)
    return serve_docx(request, filename=docx_filename(jobs.filename_for(report, JobKind.PDF)),
                      build=lambda: services.render_report_docx(report))


@login_required
def report_xlsx(request, pk):
    report = get_report_for_user(request.user, pk)
    return FileResponse(io.BytesIO(report_workbook(report)), as_attachment=True,
                        filename=jobs.filename_for(report, JobKind.XLSX), content_type=XLSX)


# Files built in the worker -----------------------------------------------------------------------------------------


@login_required
@require_POST
def job_start(request, pk):
    report = get_report_for_user(request.user, pk)
    kind = request.POST.get("kind", "")
    if kind not in JobKind.values:
        raise Http404
    job = jobs.start_job(report=report, kind=kind, by=request.user)
    return redirect("reports:job_detail", pk=job.pk)


def _job_state(job) -> dict:
    return {
        "status": job.status, "progress": job.progress, "step": str(jobs.STEPS.get(job.step, "")),
        "error": job.error,
        "download_url": reverse("reports:job_download", args=[job.pk]) if job.status == JobStatus.DONE else "",
    }


@login_required
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    return render(request, "reports/job_detail.html", {"job": job, "state": _job_state(job)})


@login_required
def job_status(request, pk):
    job = get_job_for_user(request.user, pk)
    return JsonResponse(_job_state(job))


@login_required
def job_download(request, pk):
    job = get_job_for_user(request.user, pk)
    if job.status != JobStatus.DONE:
        raise Http404
    content_type = "application/pdf" if job.kind == JobKind.PDF else XLSX
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=content_type)


urlpatterns = [
    path("", report_list, name="report_list"),
    path("new/", report_create, name="report_create"),
    path("<int:pk>/", report_detail, name="report_detail"),
    path("<int:pk>/summary/", summary_edit, name="summary_edit"),
    path("<int:pk>/targets/", targets_edit, name="targets_edit"),
    path("<int:pk>/outline/", outline_edit, name="outline_edit"),
    path("<int:pk>/issue/", report_issue, name="report_issue"),
    path("<int:pk>/new-version/", report_new_version, name="report_new_version"),
    path("<int:pk>/pdf/", report_pdf, name="report_pdf"),
    path("<int:pk>/docx/", report_docx, name="report_docx"),
    path("<int:pk>/xlsx/", report_xlsx, name="report_xlsx"),
    path("<int:pk>/files/", job_start, name="job_start"),
    path("parts/<int:pk>/", part_edit, name="part_edit"),
    path("files/<int:pk>/", job_detail, name="job_detail"),
    path("files/<int:pk>/status/", job_status, name="job_status"),
    path("files/<int:pk>/download/", job_download, name="job_download"),
]
