"""Files built in the worker: a report's PDF or workbook, with progress stored on a ReportJob row the page polls."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .building import (  # noqa: F401  (run_job, filename_for, FILE_DELAYED: their old home)
    FILE_DELAYED,
    NOT_QUEUED,
    claim_unqueued,
    filename_for,
    run_job,
)
from .enums import JobStatus, ReportPeriod
from .models import Report, ReportJob
from .tasks import queue_job, requeue_waiting

logger = logging.getLogger(__name__)

JOB_STALE_AFTER = datetime.timedelta(minutes=15)

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
                transaction.on_commit(lambda: claim_unqueued(job.pk) and queue_job(job.pk))
            return job
        old = list(same.filter(status__in=[JobStatus.DONE, JobStatus.FAILED]))
        ReportJob.objects.filter(pk__in=[item.pk for item in old]).delete()
        names = [item.file.name for item in old if item.file]
        job = ReportJob.objects.create(report=report, kind=kind, requested_by=by, step="queued")
        transaction.on_commit(lambda: _delete_files(names))
        transaction.on_commit(lambda: queue_job(job.pk))
    return job


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            ReportJob.file.field.storage.delete(name)
        except OSError:  # a file already gone is no harm
            logger.warning("could not delete the old report job file %s", name)


def requeue_jobs() -> int:
    """Queue again the jobs the broker could not take (beat runs this as reports.requeue_jobs)."""
    return requeue_waiting()
