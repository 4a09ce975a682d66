"""A year-end report's files built by a real Celery worker over Redis: progress reaches 100 and the file is there; a
job that cannot be made ends as failed with a Vietnamese message, never stuck at "running".

Needs Redis and PostgreSQL (as CI runs it); see tests/timeline/test_worker_reminders.py for the isolation (Redis
database 15, the worker opens the test database).
"""

import datetime
import io
import os
import time

import openpyxl
import pytest

from reports import services
from reports.enums import JobKind, JobStatus
from reports.models import ReportJob
from tests.services import celery_worker, log_tail, worker_command
from tests.timeline.test_worker_reminders import _worker_database_url, broker, redis_db  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
JOB_TIMEOUT = 60


@pytest.fixture
def worker(redis_db, settings, tmp_path):  # noqa: F811
    env = dict(os.environ)
    for name in ("CELERY_TASK_ALWAYS_EAGER", "SQLITE_PATH"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", PYTHONUNBUFFERED="1", VAR_DIR=str(tmp_path / "var"),
        REDIS_URL=redis_db, DATABASE_URL=_worker_database_url(), DB_CONN_MAX_AGE="0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT), LANGUAGE_CODE="vi",
    )
    with celery_worker(worker_command(), env, tmp_path / "worker.log") as process:
        yield process


def wait_for(job, worker):
    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        job.refresh_from_db()
        if job.status in (JobStatus.DONE, JobStatus.FAILED):
            return job
        if time.monotonic() > deadline:
            pytest.fail(f"job {job.pk} still {job.status} at {job.progress}%\n{log_tail(worker.log_path)}",
                        pytrace=False)
        time.sleep(0.2)


def test_the_worker_builds_the_year_end_workbook_and_reports_progress(broker, worker, commune, ubnd,  # noqa: F811
                                                                      office_clerk, year_data):
    report = services.create_report(commune=commune, year=2022, period="year", series=ubnd, by=office_clerk)
    job = ReportJob.objects.create(report=report, kind=JobKind.XLSX, requested_by=office_clerk, step="queued")
    broker.send_task("reports.build_report_file", args=[job.pk])
    job = wait_for(job, worker)
    assert (job.status, job.progress, job.step) == (JobStatus.DONE, 100, "done"), job.error
    workbook = openpyxl.load_workbook(io.BytesIO(job.file.read()))
    assert len(workbook.sheetnames) >= 3


def test_a_failing_job_says_so_in_vietnamese(broker, worker, commune, ubnd, office_clerk, plan):  # noqa: F811
    report = services.create_report(commune=commune, year=2022, period="year", series=ubnd, by=office_clerk)
    report = services.issue_report(report=report, issued_on=datetime.date(2023, 1, 10), signer_name="Hoàng Văn Vân",
                                   by=office_clerk)
    # The stored PDF of the issued report has gone missing from the disk: the worker cannot copy it.
    report.pdf.storage.delete(report.pdf.name)
    job = ReportJob.objects.create(report=report, kind=JobKind.PDF, requested_by=office_clerk, step="queued")
    broker.send_task("reports.build_report_file", args=[job.pk])
    job = wait_for(job, worker)
    assert (job.status, job.step) == (JobStatus.FAILED, "failed")
    assert job.error.startswith("Không tạo được tệp")
