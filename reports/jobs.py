"""Files built in the worker: a report's PDF or workbook, with progress stored on a ReportJob row the page polls."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from xuanson_tdkt.queueing import enqueue

from .enums import JobKind, JobStatus, ReportPeriod
from .models import Report, ReportJob

logger = logging.getLogger(__name__)

JOB_STALE_AFTER = datetime.timedelta(minutes=15)
NOT_QUEUED = "not_queued"  # the step of a pending job the broker could not take

FILE_DELAYED = gettext_lazy(
    "Your request is recorded. The background job service is temporarily interrupted; the file will be made "
    "automatically when it is back (you may also ask for it again later)."
)

STEPS = {
    "queued": gettext_lazy("Waiting for the worker"),
    NOT_QUEUED: gettext_lazy("Waiting: the background job service is temporarily interrupted; the file will be "
                               "made automatically when it is back"),
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
    kind are deleted with their files, which the new one replaces.

    A job the broker could not take (step "not_queued") is reused whatever its age, and asking again queues it again;
    otherwise `requeue_jobs` does once the broker is back."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)  # two clicks at once: one job
        same = ReportJob.objects.filter(report=report, kind=kind)
        # A job waiting or running for longer than JOB_STALE_AFTER is taken as lost (a worker gone): not reused.
        reusable = Q(status__in=[JobStatus.PENDING, JobStatus.RUNNING],
                     created_at__gte=timezone.now() - JOB_STALE_AFTER) | Q(status=JobStatus.PENDING, step=NOT_QUEUED)
        if report.is_issued and report.issued_at:
            reusable |= Q(status=JobStatus.DONE, created_at__gte=report.issued_at)
        job = same.filter(reusable).order_by("-created_at", "-pk").first()
        if job is not None:
            if job.status == JobStatus.PENDING and job.step == NOT_QUEUED:
                transaction.on_commit(lambda: _claim_unqueued(job.pk) and queue_job(job.pk))
            return job
        old = list(same.filter(status__in=[JobStatus.DONE, JobStatus.FAILED]))
        ReportJob.objects.filter(pk__in=[item.pk for item in old]).delete()
        names = [item.file.name for item in old if item.file]
        job = ReportJob.objects.create(report=report, kind=kind, requested_by=by, step="queued")
        transaction.on_commit(lambda: _delete_files(names))
        transaction.on_commit(lambda: queue_job(job.pk))
    return job


def queue_job(job_id: int) -> bool:
    """Hand a waiting job to the worker. With the broker down the job stays pending as "not_queued" (the page says
    so) for `requeue_jobs` or the user's next click; False then."""
    from .tasks import build_report_file

    if enqueue(build_report_file, job_id, notice=FILE_DELAYED):
        return True
    ReportJob.objects.filter(pk=job_id, status=JobStatus.PENDING).update(step=NOT_QUEUED)
    return False


def _claim_unqueued(job_id: int) -> bool:
    """Take a job the broker could not take, so that one caller (a sweep, a click) queues it again; True if taken."""
    return bool(ReportJob.objects.filter(pk=job_id, status=JobStatus.PENDING, step=NOT_QUEUED).update(step="queued"))


def requeue_jobs() -> int:
    """Queue again the jobs the broker could not take (beat runs this as reports.requeue_jobs); two sweeps at once
    queue each job once. Returns how many were queued."""
    queued = 0
    for job_id in ReportJob.objects.filter(status=JobStatus.PENDING, step=NOT_QUEUED).values_list("pk", flat=True):
        if not _claim_unqueued(job_id):
            continue  # another sweep (or the user's click) has it
        if not queue_job(job_id):
            break  # the broker is down again: the next run takes the rest
        queued += 1
    return queued


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
