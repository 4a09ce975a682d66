# ruff: noqa: F401, F811 -- the fixtures imported from other test modules are requested by name
"""Every official document the portal renders, rendered for a second commune, carries that commune's names and none
of Xuân Sơn's: the names, upper level, place, recipients and signers come from the commune's data."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from awards.decisions import create_decision, issue_decision, issue_minutes, submit_decision
from awards.documents import certificates_pdf
from awards.enums import Decider
from documents.enums import DocumentType
from documents.models import RecipientList
from documents.registry import render_document_pdf
from reports import services as reports
from scoring import exporters as scoring_pdf, services as scoring
from scoring.models import Cluster, ScoreSheet, ScoringAssignment
from tests import factories as f
from tests.awards.test_decisions_data import DECIDED_ON, absent_member, commune_nominations, meeting, passed
from tests.conftest import login
from tests.pdfutils import pdf_text
from tests.registrations.conftest import initiative, lan, minh, open_phase, titles
from tests.registrations.test_exchange import phase, register
from tests.scoring.conftest import build_tree

pytestmark = pytest.mark.django_db
FIRST_COMMUNE_NAMES = ["Xuân Sơn", "Sơn Tây"]


@pytest.fixture
def commune(db):
    """The personas' commune, here not Xuân Sơn: another district-level town, its own names."""
    return f.CommuneFactory(name="Tản Lĩnh", slug="tan-linh", parent_authority="huyện Ba Vì")


@pytest.fixture
def other_commune(db):
    return f.CommuneFactory(name="Vân Hòa", slug="van-hoa", parent_authority="huyện Ba Vì")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


@pytest.fixture
def decision(commune, office_clerk, commune_nominations):
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    return issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)


def _plan(request):
    return render_document_pdf(request.getfixturevalue("plan").document)


def _report(request):
    commune, clerk = request.getfixturevalue("commune"), request.getfixturevalue("office_clerk")
    report = reports.create_report(commune=commune, year=2022, period="h1", series=f.SeriesFactory(commune=commune),
                                   by=clerk)
    report = reports.issue_report(report=report, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                  by=clerk)
    return render_document_pdf(report.document)


def _draft_report(request):
    commune, clerk = request.getfixturevalue("commune"), request.getfixturevalue("office_clerk")
    report = reports.create_report(commune=commune, year=2022, period="year", series=f.SeriesFactory(commune=commune),
                                   by=clerk)
    return reports.render_report_pdf(report)


def _minutes(request):
    request.getfixturevalue("passed")
    document = issue_minutes(meeting=request.getfixturevalue("meeting"), issued_on=datetime.date(2022, 12, 10),
                             by=request.getfixturevalue("office_clerk"))
    return render_document_pdf(document)


def _submission(request):
    return render_document_pdf(request.getfixturevalue("decision").submission)


def _decision(request):
    return render_document_pdf(request.getfixturevalue("decision").document)


def _certificates(request):
    return certificates_pdf(request.getfixturevalue("decision"))


def _cluster(request):
    commune, other = request.getfixturevalue("commune"), request.getfixturevalue("other_commune")
    clerk = request.getfixturevalue("office_clerk")
    cluster = Cluster.objects.create(name="Cụm thi đua số 1 huyện Ba Vì", year=2022, head=commune, deputy=other)
    cluster.members.add(commune, other)
    build_tree(cluster)
    ScoringAssignment.objects.create(cluster=cluster, scored=commune, scorer=other)
    ScoringAssignment.objects.create(cluster=cluster, scored=other, scorer=commune)
    scoring.open_sheets(cluster=cluster, by=clerk)
    return cluster


def _score_sheet(request):
    cluster = _cluster(request)
    return scoring_pdf.sheet_pdf(ScoreSheet.objects.get(cluster=cluster, commune=request.getfixturevalue("commune")))


def _leaderboard(request):
    return scoring_pdf.leaderboard_pdf(_cluster(request), final_only=False)


def _unit_form(request):
    thon_a, leader = request.getfixturevalue("thon_a"), request.getfixturevalue("hamlet_leader")
    register(request.getfixturevalue("phase"), thon_a, "ldtt", person=leader.person)
    client = login(request.getfixturevalue("client"), leader)
    response = client.get(reverse("registrations:unit_form_pdf"), {"year": 2022, "unit": thon_a.pk})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


DOCUMENTS = {
    "plan": _plan, "report": _report, "draft report": _draft_report, "minutes": _minutes,
    "submission": _submission, "decision": _decision, "certificates": _certificates, "score sheet": _score_sheet,
    "leaderboard": _leaderboard, "unit registration form": _unit_form,
}


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_document_of_a_second_commune_names_only_it(kind, request, commune, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(DOCUMENTS[kind](request))
    text = _normal(pdf_text(path))
    assert _normal(commune.name) in text
    for name in FIRST_COMMUNE_NAMES:
        assert _normal(name) not in text, name


def test_every_rendered_document_type_is_covered():
    from documents.registry import _RENDERERS

    covered = {DocumentType.PLAN, DocumentType.REPORT, DocumentType.MINUTES, DocumentType.SUBMISSION,
               DocumentType.DECISION}
    assert set(_RENDERERS) <= covered


def test_recipients_come_from_the_commune(request, commune, office_clerk):
    """A report's "Nơi nhận" names the commune's own upper level, or the list the commune keeps for reports."""
    report = reports.create_report(commune=commune, year=2022, period="h1", series=f.SeriesFactory(commune=commune),
                                   by=office_clerk)
    issued = reports.issue_report(report=report, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                  by=office_clerk)
    assert issued.document.recipient_lines == [
        "UBND huyện Ba Vì;", "Hội đồng TĐKT huyện Ba Vì;", "Thường trực Đảng ủy, HĐND xã;", "Lưu: VT, VP-TK."]
    assert issued.document.place == "Tản Lĩnh"

    RecipientList.objects.create(commune=commune, doc_type=DocumentType.REPORT,
                                 recipients="UBND huyện Ba Vì;\nLưu: VT.")
    commune.document_place = "Ba Vì"
    commune.save()
    second = reports.create_report(commune=commune, year=2022, period="year", series=issued.series, by=office_clerk)
    second = reports.issue_report(report=second, issued_on=datetime.date(2022, 12, 20), signer_name="Hoàng Văn Vân",
                                  by=office_clerk)
    assert second.document.recipient_lines == ["UBND huyện Ba Vì;", "Lưu: VT."]
    assert second.document.place_and_date == "Ba Vì, ngày 20 tháng 12 năm 2022"


def test_the_upper_level_is_the_province_once_the_district_is_gone(commune, office_clerk):
    """Before 1 July 2025 a commune reports to its district-level town, from then on to its province."""
    commune.parent_authority_until = datetime.date(2025, 6, 30)
    commune.save()
    assert commune.upper_level_on(datetime.date(2025, 6, 30)) == "huyện Ba Vì"
    assert commune.upper_level_on(datetime.date(2025, 7, 1)) == "thành phố Hà Nội"
    series = f.SeriesFactory(commune=commune)
    old = reports.issue_report(
        report=reports.create_report(commune=commune, year=2022, period="h1", series=series, by=office_clerk),
        issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân", by=office_clerk)
    new = reports.issue_report(
        report=reports.create_report(commune=commune, year=2025, period="year", series=series, by=office_clerk),
        issued_on=datetime.date(2025, 12, 20), signer_name="Hoàng Văn Vân", by=office_clerk)
    assert old.document.recipient_lines[:2] == ["UBND huyện Ba Vì;", "Hội đồng TĐKT huyện Ba Vì;"]
    assert new.document.recipient_lines[:2] == ["UBND thành phố Hà Nội;", "Hội đồng TĐKT thành phố Hà Nội;"]
