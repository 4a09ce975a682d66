"""Building a report job's file (what the worker runs): the lowest of the three report-job modules.

reports.jobs (asking for a file) -> reports.tasks (the Celery tasks, queueing) -> reports.building (making the file),
so that the module-level imports form no cycle.
"""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from .enums import JobKind, JobStatus
from .models import Report, ReportJob
from .services import render_report_pdf, report_content
from .workbook import build_workbook

logger = logging.getLogger(__name__)

NOT_QUEUED = "not_queued"  # the step of a pending job the broker could not take

FILE_DELAYED = gettext_lazy(
    "Your request is recorded. The background job service is temporarily interrupted; the file will be made "
    "automatically when it is back (you may also ask for it again later)."
)


def filename_for(report: Report, kind: str) -> str:
    stem = report.document.code.replace("/", "-") if report.is_issued else f"du-thao-bao-cao-{report.year}"
    return f"{stem}.{'pdf' if kind == JobKind.PDF else 'xlsx'}"


def _progress(job: ReportJob, progress: int, step: str, **fields) -> None:
    ReportJob.objects.filter(pk=job.pk).update(progress=progress, step=step, **fields)


def claim_unqueued(job_id: int) -> bool:
    """Take a job the broker could not take, so that one caller (a sweep, a click) queues it again; True if taken."""
    return bool(ReportJob.objects.filter(pk=job_id, status=JobStatus.PENDING, step=NOT_QUEUED).update(step="queued"))


def unqueued_job_ids() -> list[int]:
    return list(ReportJob.objects.filter(status=JobStatus.PENDING, step=NOT_QUEUED).values_list("pk", flat=True))


def run_job(job_id: int) -> str:
    """Build the file of a job; any failure is recorded on the row (and logged), never left as 'running'."""
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
