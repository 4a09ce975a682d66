# ruff: noqa: F401, F811 -- the fixtures imported from other test modules are requested by name
"""The Word copy of every official document type: it opens, carries the number, the title and "Nơi nhận", and says
what its PDF says, word for word (both are written from the same template and context). Rendered for the second
commune of test_second_commune, so nothing of the demo's is assumed."""

import datetime
import io
from collections import Counter

import pytest
from django.urls import reverse
from docx import Document as read_docx

from awards.decisions import issue_minutes
from awards.documents import certificates_docx, certificates_pdf
from documents.docx import CONTENT_TYPE, docx_text
from documents.registry import render_document_docx, render_document_pdf
from reports import services as reports
from tests import factories as f
from tests.awards.test_decisions_data import DECIDED_ON, absent_member, commune_nominations, meeting, passed
from tests.conftest import login
from tests.documents.test_second_commune import commune, decision, other_commune
from tests.pdfutils import normalise, pdf_text
from tests.registrations.conftest import lan, minh, titles

pytestmark = pytest.mark.django_db


def _issued_report(request):
    commune, clerk = request.getfixturevalue("commune"), request.getfixturevalue("office_clerk")
    report = reports.create_report(commune=commune, year=2022, period="h1", series=f.SeriesFactory(commune=commune),
                                   by=clerk)
    return reports.issue_report(report=report, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                by=clerk)


def _minutes_document(request):
    request.getfixturevalue("passed")
    return issue_minutes(meeting=request.getfixturevalue("meeting"), issued_on=datetime.date(2022, 12, 10),
                         by=request.getfixturevalue("office_clerk"))


def _registered(document_of):
    """(docx, pdf, number, heading) of a document of the register."""
    def make(request):
        document = document_of(request)
        return render_document_docx(document), render_document_pdf(document), document.code, document.heading
    return make


def _draft_report(request):
    commune, clerk = request.getfixturevalue("commune"), request.getfixturevalue("office_clerk")
    report = reports.create_report(commune=commune, year=2022, period="year", series=f.SeriesFactory(commune=commune),
                                   by=clerk)
    return reports.render_report_docx(report), reports.render_report_pdf(report), "/BC-", "BÁO CÁO"


def _certificates(request):
    decision = request.getfixturevalue("decision")
    return certificates_docx(decision), certificates_pdf(decision), decision.document.code, "GIẤY KHEN"


DOCUMENTS = {
    "plan": _registered(lambda request: request.getfixturevalue("plan").document),
    "report": _registered(lambda request: _issued_report(request).document),
    "draft report": _draft_report,
    "minutes": _registered(_minutes_document),
    "submission": _registered(lambda request: request.getfixturevalue("decision").submission),
    "decision": _registered(lambda request: request.getfixturevalue("decision").document),
    "certificates": _certificates,
}


def _words(text: str) -> Counter:
    return Counter(normalise(text).split())


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_word_copy_opens_with_number_title_and_recipients(kind, request, commune, tmp_path):
    docx, pdf, number, heading = DOCUMENTS[kind](request)
    assert read_docx(io.BytesIO(docx)).sections[0].page_width is not None  # python-docx opens it
    lines = [" ".join(line.split()) for line in docx_text(docx)]
    text = "\n".join(lines)
    assert number in text
    assert heading in lines
    assert commune.name in text
    if kind != "certificates":
        assert "Nơi nhận:" in lines


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_word_copy_says_what_the_pdf_says(kind, request, commune, tmp_path):
    docx, pdf, _number, _heading = DOCUMENTS[kind](request)
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    in_pdf, in_docx = _words(pdf_text(path)), _words("\n".join(docx_text(docx)))
    assert in_docx - in_pdf == Counter()
    # The PDF adds only its page numbers.
    assert all(word.isdigit() for word in in_pdf - in_docx), in_pdf - in_docx


def test_plan_download_beside_the_pdf(client, office_clerk, plan):
    page = login(client, office_clerk).get(reverse("campaigns:plan_detail", args=[plan.pk]))
    html = page.content.decode()
    assert reverse("campaigns:plan_docx", args=[plan.pk]) == f"/plans/{plan.pk}/docx/"
    assert "Tải bản Word (.docx)" in html
    assert html.index(reverse("campaigns:plan_pdf", args=[plan.pk])) < html.index(
        reverse("campaigns:plan_docx", args=[plan.pk]))
    response = client.get(reverse("campaigns:plan_docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{plan.document.code.replace("/", "-")}.docx"'
    assert f"Số: {plan.document.code}" in docx_text(response.content)


def test_a_vietnamese_file_name_goes_as_filename_star(client, office_clerk, commune):
    """The council's series code has Vietnamese letters: the name is sent encoded (RFC 5987, filename*)."""
    from documents.delivery import serve_docx

    request = client.get("/").wsgi_request
    response = serve_docx(request, filename="01-KH-HĐTĐKT.docx", build=lambda: b"PK")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''01-KH-H%C4%90T%C4%90KT.docx"


def test_every_document_type_with_a_pdf_has_its_word_copy():
    from documents.registry import _DOCX_RENDERERS, _RENDERERS

    assert set(_DOCX_RENDERERS) == set(_RENDERERS)
