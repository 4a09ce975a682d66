"""Thin Celery tasks of the reports, given only ids, and the queueing of them.

reports.jobs (asking for a file) -> reports.tasks -> reports.building (making the file): no cycle.
"""

from celery import shared_task

from xuanson_tdkt.queueing import enqueue

from .building import FILE_DELAYED, NOT_QUEUED, claim_unqueued, run_job, unqueued_job_ids
from .enums import JobStatus
from .models import ReportJob


@shared_task(name="reports.build_report_file", ignore_result=False)
def build_report_file(job_id: int) -> str:
    return run_job(job_id)


def queue_job(job_id: int) -> bool:
    """Hand a waiting job to the worker. With the broker down the job stays pending as "not_queued" (the page says
    so) for `requeue_jobs` or the user's next click; False then."""
    if enqueue(build_report_file, job_id, notice=FILE_DELAYED):
        return True
    ReportJob.objects.filter(pk=job_id, status=JobStatus.PENDING).update(step=NOT_QUEUED)
    return False


def requeue_waiting() -> int:
    """Queue again the jobs the broker could not take; two sweeps at once queue each job once. Returns how many
    were queued."""
    queued = 0
    for job_id in unqueued_job_ids():
        if not claim_unqueued(job_id):
            continue  # another sweep (or the user's click) has it
        if not queue_job(job_id):
            break  # the broker is down again: the next run takes the rest
        queued += 1
    return queued


@shared_task(name="reports.requeue_jobs", ignore_result=True)
def requeue_jobs() -> int:
    """Periodic: queue again the file jobs the broker could not take when they were asked for."""
    return requeue_waiting()
