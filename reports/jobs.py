"""Files built in the worker: a report's PDF or workbook, with progress stored on a ReportJob row the page polls."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from .enums import JobKind, JobStatus, ReportPeriod
from .models import Report, ReportJob

logger = logging.getLogger(__name__)

JOB_STALE_AFTER = datetime.timedelta(minutes=15)

STEPS = {
    "queued": gettext_lazy("Waiting for the worker"),
    "figures": gettext_lazy("Counting the figures"),
    "rendering": gettext_lazy("Writing the file"),
    "saving": gettext_lazy("Saving the file"),
    "done": gettext_lazy("The file is ready"),
    "failed": gettext_lazy("The file could not be made"),
}


def runs_in_background(report: Report) -> bool:
    """A year-end report has the most data; its files are built by the worker, the six-month one's at once."""
    return report.period == ReportPeriod.YEAR


def filename_for(report: Report, kind: str) -> str:
    stem = report.document.code.replace("/", "-") if report.is_issued else f"du-thao-bao-cao-{report.year}"
    return f"{stem}.{'pdf' if kind == JobKind.PDF else 'xlsx'}"


def start_job(*, report: Report, kind: str, by) -> ReportJob:
    """The job building this file: one already waiting or running for the report and kind is reused (one at a time),
    and so is a finished one of an issued report made since it was issued (its file never changes). Otherwise a new
    job row is created and queued once committed (the worker must find it); the older finished jobs of the report and
    kind are deleted with their files, which the new one replaces."""
    from .tasks import build_report_file

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)  # two clicks at once: one job
        same = ReportJob.objects.filter(report=report, kind=kind)
        # A job waiting or running for longer than JOB_STALE_AFTER is taken as lost (a worker gone): not reused.
        reusable = Q(status__in=[JobStatus.PENDING, JobStatus.RUNNING],
                     created_at__gte=timezone.now() - JOB_STALE_AFTER)
        if report.is_issued and report.issued_at:
            reusable |= Q(status=JobStatus.DONE, created_at__gte=report.issued_at)
        job = same.filter(reusable).order_by("-created_at", "-pk").first()
        if job is not None:
            return job
        old = list(same.filter(status__in=[JobStatus.DONE, JobStatus.FAILED]))
        ReportJob.objects.filter(pk__in=[item.pk for item in old]).delete()
        names = [item.file.name for item in old if item.file]
        job = ReportJob.objects.create(report=report, kind=kind, requested_by=by, step="queued")
        transaction.on_commit(lambda: _delete_files(names))
        transaction.on_commit(lambda: build_report_file.delay(job.pk))
    return job


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            ReportJob.file.field.storage.delete(name)
        except OSError:  # a file already gone is no harm
            logger.warning("could not delete the old report job file %s", name)


def _progress(job: ReportJob, progress: int, step: str, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(progress=progress, step=step, **fields)


def run_job(job_id: int) -> str:
    """Build the file of a job; any failure is recorded on the row (and logged), never left as 'running'."""
    from .services import render_report_pdf, report_content
    from .workbook import build_workbook

    job = ReportJob.objects.select_related("report", "report__commune", "report__series", "report__document").get(
        pk=job_id)
    if job.status == JobStatus.DONE:
        return job.status
    report = job.report
    try:
        _progress(job, 10, "figures", status=JobStatus.RUNNING)
        content = report_content(report)
        _progress(job, 50, "rendering")
        if job.kind == JobKind.PDF:
            if report.is_issued:
                with report.pdf.open("rb") as stored:
                    data = stored.read()
            else:
                data = render_report_pdf(report, content=content)
        else:
            data = build_workbook(content, document_code=report.document.code if report.is_issued else "")
        _progress(job, 90, "saving")
        job.filename = filename_for(report, job.kind)
        job.file.save(f"{job.pk}-{job.filename}", ContentFile(data), save=False)
        ReportJob.objects.filter(pk=job.pk).update(
            file=job.file.name, filename=job.filename, status=JobStatus.DONE, progress=100, step="done",
            finished_at=timezone.now())
        return JobStatus.DONE
    except Exception as error:  # the page must say it failed, whatever failed
        logger.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, step="failed", finished_at=timezone.now(),
            error=_("The file could not be made: %(error)s") % {"error": error})
        return JobStatus.FAILED
