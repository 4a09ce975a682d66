"""Thin Celery tasks of the reports: given only ids."""

from celery import shared_task

from . import jobs


@shared_task(name="reports.build_report_file", ignore_result=False)
def build_report_file(job_id: int) -> str:
    return jobs.run_job(job_id)


@shared_task(name="reports.requeue_jobs", ignore_result=True)
def requeue_jobs() -> int:
    """Periodic: queue again the file jobs the broker could not take when they were asked for."""
    return jobs.requeue_jobs()
