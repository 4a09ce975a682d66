"""A report's PDF download: an issued report is served byte for byte as stored at issue, with its hash as ETag, and
the nightly clean-up of rendered files never touches the issued file."""

import datetime

import pytest
from django.urls import reverse

from directory.models import Unit
from documents import store
from documents.tasks import remove_unused
from reports import services
from tests.downloads import age, body

pytestmark = pytest.mark.django_db


def _issued(commune, ubnd, clerk):
    draft = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=clerk)
    return services.issue_report(report=draft, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                 by=clerk)


def test_an_issued_report_is_served_as_issued(client, commune, ubnd, office_clerk, year_data, rendered,
                                              weasyprint_runs):
    report = _issued(commune, ubnd, office_clerk)
    issued = report.pdf.read()
    assert weasyprint_runs == [1]
    client.force_login(office_clerk)
    url = reverse("reports:report_pdf", args=[report.pk])
    response = client.get(url)
    assert body(response) == issued and response["ETag"] == f'"{report.pdf_sha256}"'
    Unit.objects.create(commune=commune, name="Thôn mới")  # a write: the next download builds again
    assert body(client.get(url)) == issued
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert weasyprint_runs == [1]  # a download never renders an issued report


def test_a_draft_report_follows_its_data(client, commune, ubnd, office_clerk, year_data, rendered, weasyprint_runs):
    draft = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    client.force_login(office_clerk)
    url = reverse("reports:report_pdf", args=[draft.pk])
    first = client.get(url)
    part = draft.parts.get(key="direction")
    services.save_part(part=part, text="Chỉ đạo mới của Ủy ban.", by=office_clerk)
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert weasyprint_runs == [1, 1]


def test_the_clean_up_removes_unused_renderings_never_the_issued_file(client, commune, ubnd, office_clerk, year_data,
                                                                      plan, rendered, weasyprint_runs):
    report = _issued(commune, ubnd, office_clerk)
    client.force_login(office_clerk)
    plan_url = reverse("campaigns:plan_pdf", args=[plan.pk])
    etag = client.get(plan_url)["ETag"]
    client.get(reverse("reports:report_pdf", args=[report.pk]))
    stored = [path for path in rendered.rglob("*") if path.is_file() and path.parent.parent.name in ("pdf", "html")]
    assert len(stored) == 4  # two PDFs (the report rendered at issue, the plan) and the two HTML index entries
    report_copy = store.pdf_path(report.pdf_sha256)
    for path in stored:
        if path != report_copy:
            age(path, 40)
    assert remove_unused.apply().get() == {"pdf": 1, "html": 2, "temporary": 0}
    assert [path for path in rendered.rglob("*.pdf")] == [report_copy]
    assert report.pdf.storage.exists(report.pdf.name)  # the issued file itself lives elsewhere, untouched

    Unit.objects.create(commune=commune, name="Thôn mới")  # a new data generation: the memo is not used
    again = client.get(plan_url)
    assert again["ETag"] == etag and weasyprint_runs == [1, 1, 1]  # the report at issue, the plan twice
