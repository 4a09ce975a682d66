"""Official documents are rendered once per content and downloaded with an ETag: 304 when the browser has them, the
same bytes otherwise, new ones as soon as the data changes, and never past a view's access check."""

import os
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import parse_http_date

from campaigns.models import Paragraph
from directory.models import Unit
from documents import store
from tests.downloads import age, body
from tests.pdfutils import pdf_text

pytestmark = pytest.mark.django_db


def _url(plan):
    return reverse("campaigns:plan_pdf", args=[plan.pk])


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return " ".join(pdf_text(path).split())


def test_a_second_download_is_the_same_bytes_and_a_conditional_one_is_304(client, office_clerk, plan, rendered,
                                                                         weasyprint_runs):
    client.force_login(office_clerk)
    first = client.get(_url(plan))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    data = body(first)
    assert data.startswith(b"%PDF") and first["Content-Length"] == str(len(data))
    assert first["Cache-Control"] == "private, no-cache"
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = client.get(_url(plan))
    assert again.status_code == 200 and body(again) == data and again["ETag"] == etag
    assert weasyprint_runs == [1]  # rendered once for both

    cached = client.get(_url(plan), HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304 and cached.content == b""
    assert (cached["ETag"], cached["Last-Modified"]) == (etag, last_modified)
    assert client.get(_url(plan), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_an_unchanged_download_reads_no_plan_content(client, office_clerk, plan, rendered):
    client.force_login(office_clerk)
    first = client.get(_url(plan))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(_url(plan))
    assert again.status_code == 200 and again["ETag"] == first["ETag"]
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "campaigns_paragraph" not in read and "timeline_" not in read  # the memo answered: nothing was built


def test_a_write_elsewhere_rebuilds_the_html_but_does_not_render_again(client, office_clerk, plan, rendered,
                                                                      weasyprint_runs):
    client.force_login(office_clerk)
    first = client.get(_url(plan))
    Unit.objects.create(commune=plan.commune, name="Thôn mới")  # moves the data generation, not the plan
    with CaptureQueriesContext(connection) as queries:
        again = client.get(_url(plan))
    assert "campaigns_paragraph" in " ".join(query["sql"] for query in queries.captured_queries)
    assert again["ETag"] == first["ETag"] and body(again) == body(first)
    assert weasyprint_runs == [1]
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_edited_paragraph_gives_a_new_pdf_at_once(client, office_clerk, plan, rendered, weasyprint_runs, tmp_path):
    client.force_login(office_clerk)
    first = client.get(_url(plan))
    old = body(first)
    paragraph = Paragraph.objects.filter(section__plan=plan, kind="text").get()
    response = client.post(reverse("campaigns:paragraph_edit", args=[paragraph.pk]),
                           {"kind": "text", "label": "", "text": "Đoạn văn vừa sửa của kế hoạch."})
    assert response.status_code == 302
    changed = client.get(_url(plan), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    new = body(changed)
    assert new != old and "Đoạn văn vừa sửa của kế hoạch." in _text(new, tmp_path)
    assert weasyprint_runs == [1, 1]


def test_the_cache_never_answers_someone_without_access(client, office_clerk, second_commune_clerk, outsider, plan,
                                                        rendered):
    client.force_login(office_clerk)
    etag = client.get(_url(plan))["ETag"]
    client.force_login(second_commune_clerk)  # another commune: the plan does not exist for them
    assert client.get(_url(plan)).status_code == 404
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH=etag).status_code == 404
    client.force_login(outsider)
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH=etag).status_code == 403
    client.logout()
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH=etag).status_code == 302  # to the login page


def test_head_answers_the_headers_only(client, office_clerk, plan, rendered):
    client.force_login(office_clerk)
    full = client.get(_url(plan))
    head = client.head(_url(plan))
    assert head.status_code == 200 and head.content == b""
    assert (head["ETag"], head["Content-Length"]) == (full["ETag"], full["Content-Length"])
    assert head["Content-Disposition"] == full["Content-Disposition"]


def test_a_removed_stored_file_is_rendered_again(client, office_clerk, plan, rendered, weasyprint_runs):
    client.force_login(office_clerk)
    first = client.get(_url(plan))
    for path in rendered.rglob("*.pdf"):
        path.unlink()
    again = client.get(_url(plan))  # the memo names a file that is gone: built and stored again
    assert again.status_code == 200 and again["ETag"] == first["ETag"] and body(again) == body(first)


# The clean-up of unused files (an issued report's: tests/reports/test_pdf_download.py) ------------------------------


def test_the_command_keeps_recent_files(rendered, tmp_path):
    stored = store.keep(b"%PDF-1.7\n%test\n")
    age(stored.path, 10)
    call_command("remove_unused_renderings", "--days", "30", stdout=open(os.devnull, "w"))
    assert stored.path.exists()
    call_command("remove_unused_renderings", "--days", "5", stdout=open(os.devnull, "w"))
    assert not stored.path.exists()


def test_a_download_marks_the_file_used(client, office_clerk, plan, rendered):
    client.force_login(office_clerk)
    client.get(_url(plan))
    (path,) = rendered.rglob("*.pdf")
    age(path, 40)
    modified = path.stat().st_mtime
    client.get(_url(plan))
    assert path.stat().st_atime > time.time() - 60 and path.stat().st_mtime == modified
    assert store.remove_unused(days=30)["pdf"] == 0


def test_the_clean_up_runs_every_night():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.select_related("crontab").get(task="documents.remove_unused")
    assert task.enabled and (task.crontab.hour, task.crontab.minute) == ("3", "30")


def test_last_modified_is_when_the_document_got_its_content(client, office_clerk, plan, rendered):
    client.force_login(office_clerk)
    first = client.get(_url(plan))["Last-Modified"]  # earlier if another test's plan had these very bytes
    assert parse_http_date(first) <= time.time()
    Unit.objects.create(commune=plan.commune, name="Thôn mới")  # the plan's content stays the same
    assert client.get(_url(plan))["Last-Modified"] == first
    time.sleep(1)
    Paragraph.objects.filter(section__plan=plan, kind="text").update(text="Đoạn mới.")
    assert parse_http_date(client.get(_url(plan))["Last-Modified"]) > parse_http_date(first)


def test_downloads_go_on_when_the_cache_is_unreachable(client, office_clerk, plan, rendered, weasyprint_runs,
                                                       settings):
    client.force_login(office_clerk)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}  # nothing listens there
    first = client.get(_url(plan))
    assert first.status_code == 200 and body(first).startswith(b"%PDF")
    assert client.get(_url(plan), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert weasyprint_runs == [1]  # built for each download, rendered once all the same
