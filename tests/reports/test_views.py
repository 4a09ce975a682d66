"""Access for every persona to every report page, the editing flow through the web, bad input and query counts."""

import datetime
import pathlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import Document
from reports import services
from reports.enums import JobStatus, PartKey
from reports.jobs import run_job
from reports.models import Report, ReportJob, ReportPart
from tests import factories as f

pytestmark = pytest.mark.django_db

VIEWERS = {"office_clerk": 200, "council_member": 200, "chairman": 200, "hamlet_leader": 403,
           "other_hamlet_leader": 403, "outsider": 403}
MANAGERS = {**VIEWERS, "council_member": 403, "chairman": 403}


@pytest.fixture
def report(commune, ubnd, office_clerk, plan):
    return services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)


@pytest.fixture
def foreign_report(other_commune):
    series = f.SeriesFactory(commune=other_commune, code="UBND")
    return Report.objects.create(commune=other_commune, year=2022, period="h1", series=series, summary="Báo cáo")


def pages(report):
    part = report.parts.first()
    return {
        "detail": (reverse("reports:report_detail", args=[report.pk]), VIEWERS),
        "pdf": (reverse("reports:report_pdf", args=[report.pk]), VIEWERS),
        "xlsx": (reverse("reports:report_xlsx", args=[report.pk]), VIEWERS),
        "summary": (reverse("reports:summary_edit", args=[report.pk]), MANAGERS),
        "targets": (reverse("reports:targets_edit", args=[report.pk]), MANAGERS),
        "issue": (reverse("reports:report_issue", args=[report.pk]), MANAGERS),
        "part": (reverse("reports:part_edit", args=[part.pk]) if part else None, MANAGERS),
    }


@pytest.mark.parametrize("name", ["detail", "pdf", "xlsx", "summary", "targets", "issue", "part"])
def test_report_pages_for_every_persona(client, personas, report, foreign_report, name):
    url, expected = pages(report)[name]
    foreign_url = pages(foreign_report)[name][0]
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(url).status_code == expected[persona], (persona, url)
        if foreign_url:
            assert client.get(foreign_url).status_code == (403 if persona == "outsider" else 404), persona


def test_list_and_create_pages_for_every_persona(client, personas, report):
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse("reports:report_list")).status_code == VIEWERS[persona], persona
        assert client.get(reverse("reports:report_create")).status_code == MANAGERS[persona], persona


def test_jobs_for_every_persona(client, personas, report, foreign_report, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    job = ReportJob.objects.create(report=report, kind="xlsx")
    foreign_job = ReportJob.objects.create(report=foreign_report, kind="xlsx")
    for persona, user in personas.items():
        client.force_login(user)
        for view in ["job_detail", "job_status"]:
            assert client.get(reverse(f"reports:{view}", args=[job.pk])).status_code == VIEWERS[persona], persona
            assert client.get(reverse(f"reports:{view}", args=[foreign_job.pk])).status_code == (
                403 if persona == "outsider" else 404)
        response = client.post(reverse("reports:job_start", args=[report.pk]), {"kind": "xlsx"})
        assert response.status_code == (302 if VIEWERS[persona] == 200 else 403), persona


def test_the_office_edits_a_part_enters_results_and_issues(client, office_clerk, chairman, report):
    client.force_login(office_clerk)
    part = report.parts.get(key=PartKey.ASSESSMENT)
    response = client.post(reverse("reports:part_edit", args=[part.pk]), {"text": "Ưu điểm: đã làm tốt."})
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.text == "Ưu điểm: đã làm tốt."
    result = report.target_results.get()
    response = client.post(reverse("reports:targets_edit", args=[report.pk]),
                           {f"t{result.pk}-achieved": "23", f"t{result.pk}-note": "Giảm 23% hộ nghèo"})
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.achieved, result.note, result.status) == (23, "Giảm 23% hộ nghèo", "met")
    response = client.post(reverse("reports:report_issue", args=[report.pk]), {
        "issued_on": "05/07/2022", "signer_name": "Hoàng Văn Vân", "signer_title": "CHỦ TỊCH",
        "recipients": "UBND thị xã Sơn Tây;\nLưu: VT."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.document.code == "01/BC-UBND"
    assert report.frozen["campaigns"][0]["targets"][0]["status_words"] == "Đạt"
    # Issued: no more editing, a new version instead.
    assert client.get(reverse("reports:part_edit", args=[part.pk])).status_code == 403
    response = client.post(reverse("reports:report_new_version", args=[report.pk]))
    assert Report.objects.get(previous=report).version == 2
    assert response.status_code == 302


def test_bad_input_shows_a_vietnamese_error_and_saves_nothing(client, office_clerk, report):
    client.force_login(office_clerk)
    response = client.post(reverse("reports:report_create"), {"year": "abc", "period": "h1"})
    assert "Nhập một số tổng thể." in response.content.decode()
    assert Report.objects.count() == 1
    # The same draft twice: the error sits next to the period.
    response = client.post(reverse("reports:report_create"),
                           {"year": "2022", "period": "h1", "series": report.series_id})
    assert "Đã có bản dự thảo của báo cáo này" in response.content.decode()
    assert Report.objects.count() == 1
    result = report.target_results.get()
    response = client.post(reverse("reports:targets_edit", args=[report.pk]),
                           {f"t{result.pk}-achieved": "hai mươi", f"t{result.pk}-note": "x"})
    assert "Nhập một số." in response.content.decode()
    result.refresh_from_db()
    assert (result.achieved, result.note) == (None, "")
    response = client.post(reverse("reports:report_issue", args=[report.pk]), {
        "issued_on": "32/13/2022", "signer_name": "", "signer_title": "CHỦ TỊCH", "recipients": "Lưu: VT."})
    content = response.content.decode()
    assert "Nhập một ngày hợp lệ." in content and "Trường này là bắt buộc." in content
    assert Document.objects.filter(doc_type="BC").count() == 0


def test_report_list_runs_a_constant_number_of_queries(client, office_clerk, commune, ubnd, report,
                                                      django_assert_num_queries):
    client.force_login(office_clerk)
    url = reverse("reports:report_list")
    client.get(url)  # warm the session and the actor

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    one = count()
    for year in range(2010, 2020):
        services.create_report(commune=commune, year=year, period="year", series=ubnd, by=office_clerk)
    assert count() == one


def test_an_eager_job_builds_the_workbook(client, office_clerk, report, settings,
                                          django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(office_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:job_start", args=[report.pk]), {"kind": "xlsx"})
    job = ReportJob.objects.get()
    assert response.url == reverse("reports:job_detail", args=[job.pk])
    state = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert (state["status"], state["progress"]) == (JobStatus.DONE, 100)
    download = client.get(state["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_a_failed_job_says_so_in_vietnamese(client, office_clerk, report, settings, tmp_path):
    # A media root that is a file: storing the workbook fails for real.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    job = ReportJob.objects.create(report=report, kind="xlsx")
    assert run_job(job.pk) == JobStatus.FAILED
    client.force_login(office_clerk)
    state = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert state["status"] == "failed"
    assert state["error"].startswith("Không tạo được tệp")
    assert state["step"] == "Không tạo được tệp"
    assert state["download_url"] == ""
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


# Review fixes: races between tabs, jobs reused, files closed and never orphaned --------------------------------------


ISSUE_REPORT = services.issue_report
SAVE_PART = services.save_part


def _issue(report, clerk):
    return ISSUE_REPORT(report=report, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                 by=clerk)


def test_issuing_a_report_another_tab_issued_first_shows_a_vietnamese_error(client, office_clerk, report,
                                                                             monkeypatch):
    def other_tab_first(**kwargs):
        _issue(Report.objects.get(pk=report.pk), office_clerk)  # the other tab's click lands first
        return ISSUE_REPORT(**kwargs)

    monkeypatch.setattr(services, "issue_report", other_tab_first)
    client.force_login(office_clerk)
    response = client.post(reverse("reports:report_issue", args=[report.pk]),
                           {"issued_on": "2022-07-05", "signer_name": "Hoàng Văn Vân", "signer_title": "CHỦ TỊCH",
                            "recipients": "Lưu: VT."})
    assert response.status_code == 200
    assert "Báo cáo đã ban hành không sửa được" in response.content.decode()
    assert Document.objects.count() == 2  # the plan's and the one issue that won


def test_two_new_versions_at_once_make_one_draft_and_a_vietnamese_error(client, office_clerk, report, monkeypatch):
    issued = _issue(report, office_clerk)
    create = Report.objects.create
    raced = []

    def other_request_first(**kwargs):
        # The other request inserted the same version between our check and our insert.
        if not raced:
            raced.append(True)
            Report.objects.bulk_create([Report(**kwargs)])
        return create(**kwargs)

    monkeypatch.setattr(Report.objects, "create", other_request_first)
    client.force_login(office_clerk)
    response = client.post(reverse("reports:report_new_version", args=[issued.pk]), follow=True)
    assert response.status_code == 200
    assert "Đã có bản dự thảo của báo cáo này" in response.content.decode()
    # (Here the other request's insert shared our transaction and went with it; in production it stands alone.)
    assert Report.objects.filter(status="draft").count() <= 1


def test_a_second_new_version_is_refused_while_the_first_is_a_draft(client, office_clerk, report):
    issued = _issue(report, office_clerk)
    client.force_login(office_clerk)
    url = reverse("reports:report_new_version", args=[issued.pk])
    first = client.post(url)
    assert first.status_code == 302
    html = client.post(url, follow=True).content.decode()
    assert "Phiên bản mới của báo cáo này đang được soạn" in html
    assert Report.objects.filter(status="draft").count() == 1


def test_a_part_saved_while_the_report_is_issued_is_refused(client, office_clerk, report, monkeypatch):
    part = report.parts.get(key=PartKey.ASSESSMENT)
    stale = ReportPart.objects.select_related("report").get(pk=part.pk)  # read while still a draft
    _issue(report, office_clerk)
    with pytest.raises(ValidationError):
        services.save_part(part=stale, text="Sửa sau khi ban hành", by=office_clerk)
    part.refresh_from_db()
    assert part.text != "Sửa sau khi ban hành"
    # Through the page: the save lands after the other tab issued the report.
    draft = services.new_version(report=Report.objects.get(pk=report.pk), by=office_clerk)
    part = draft.parts.get(key=PartKey.ASSESSMENT)
    def issued_meanwhile(**kwargs):
        _issue(Report.objects.get(pk=draft.pk), office_clerk)
        return SAVE_PART(**kwargs)

    monkeypatch.setattr(services, "save_part", issued_meanwhile)
    client.force_login(office_clerk)
    response = client.post(reverse("reports:part_edit", args=[part.pk]), {"text": "Muộn"}, follow=True)
    assert response.status_code == 200
    assert "Báo cáo đã ban hành không sửa được" in response.content.decode()
    part.refresh_from_db()
    assert part.text != "Muộn"


def test_a_failed_issue_leaves_no_pdf_behind(office_clerk, report, settings, monkeypatch):
    save = Report.save

    def failing_save(self, *args, **kwargs):
        if self.status == "issued":
            raise RuntimeError("database gone")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Report, "save", failing_save)
    with pytest.raises(RuntimeError):
        _issue(report, office_clerk)
    stored = [path for path in pathlib.Path(settings.MEDIA_ROOT).rglob("*.pdf")]
    assert stored == []
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_clicking_again_reuses_the_job_and_replaces_old_files(client, office_clerk, report, settings,
                                                             django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(office_clerk)
    url = reverse("reports:job_start", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=False):
        first = client.post(url, {"kind": "xlsx"})
        second = client.post(url, {"kind": "xlsx"})
    assert first.url == second.url  # still waiting: the same job
    assert ReportJob.objects.count() == 1
    job = ReportJob.objects.get()
    assert run_job(job.pk) == JobStatus.DONE
    job.refresh_from_db()
    old_file = pathlib.Path(job.file.path)
    assert old_file.exists()
    # A draft's figures may have changed: a new click builds a new file, and the old one is deleted.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        third = client.post(url, {"kind": "xlsx"})
    callbacks[0]()  # the old files' deletion (the second callback would queue the worker)
    assert third.url != first.url
    assert ReportJob.objects.count() == 1
    assert not old_file.exists()


def test_an_issued_report_reuses_its_finished_file(client, office_clerk, report, settings,
                                                  django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    issued = _issue(report, office_clerk)
    client.force_login(office_clerk)
    url = reverse("reports:job_start", args=[issued.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"kind": "pdf"})
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, {"kind": "pdf"})
    assert first.url == second.url
    job = ReportJob.objects.get()
    assert job.status == JobStatus.DONE


def test_the_worker_closes_the_stored_pdf(office_clerk, report, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    issued = _issue(report, office_clerk)
    opened = []
    original = FileSystemStorage._open

    def spy(self, name, mode="rb"):
        file = original(self, name, mode)
        opened.append(file)
        return file

    monkeypatch.setattr(FileSystemStorage, "_open", spy)
    job = ReportJob.objects.create(report=issued, kind="pdf")
    assert run_job(job.pk) == JobStatus.DONE
    assert opened and all(file.closed for file in opened)
