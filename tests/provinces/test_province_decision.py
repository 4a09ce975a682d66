# ruff: noqa: F401, F811 -- the fixtures imported are requested by name
"""The province deciding above its communes (issue 13, point 2): a draft decision on accepted dossiers, its issue in
the province's series (awards granted on each commune's proposal, frozen amounts, states), its PDF and certificates,
the pages per persona, the commune's download, and the flow back into the multi-year prerequisite."""

import datetime
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.decisions import create_decision, document_pdf, submit_decision
from awards.eligibility import consecutive_problems
from awards.enums import Decider, DecisionStatus, NominationStatus
from awards.models import Award
from directory.enums import Gender
from documents.docx import CONTENT_TYPE as DOCX, docx_text
from documents.enums import DocumentType
from documents.models import Document, Series
from documents.registry import render_document_docx, render_document_pdf
from notifications.models import Notification
from provinces import decisions as province_decisions
from provinces.decisions import (
    add_dossiers,
    create_province_decision,
    issue_province_decision,
    province_series,
    remove_dossier,
)
from provinces.documents import certificates_docx, certificates_pdf
from provinces.enums import DossierEventKind, DossierStatus, ProvinceDecisionStatus
from provinces.models import Dossier, DossierEvent, ProvinceDecision
from tests import factories as f
from tests.awards.test_decisions_data import absent_member, commune_nominations, meeting, nominate, passed
from tests.pdfutils import FIXTURES, embedded_font_families, normalise, page_boxes, pdf_fonts, pdf_text
from tests.registrations.conftest import lan, minh, titles

pytestmark = pytest.mark.django_db
PDFCHECK = FIXTURES / "pdfcheck.py"
ISSUED_ON = datetime.date(2022, 12, 20)


@pytest.fixture
def province(commune):
    province = commune.province
    province.chairman_name = "Trần Sỹ Thanh"
    province.save()
    return province


def proposal_of(*, commune, clerk, nominations, submitted_on=datetime.date(2022, 11, 10), year=2022):
    """A commune's proposal to the province (decider: the province's chairman), its Tờ trình issued."""
    proposal = create_decision(commune=commune, year=year, decider=Decider.PROVINCE_CHAIRMAN,
                               nominations=nominations, by=clerk)
    return submit_decision(decision=proposal, issued_on=submitted_on, by=clerk)


def accepted_dossier(*, proposal, receipt, received_on=datetime.date(2022, 11, 12), by,
                     status=DossierStatus.ACCEPTED):
    return Dossier.objects.create(
        province=proposal.commune.province, commune=proposal.commune, year=proposal.year, proposal=proposal,
        status=status, receipt_number=receipt, received_on=received_on,
        sent_at=timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9))), sent_by=by)


@pytest.fixture
def xs_nominations(commune, titles, lan, thon_a):
    lan.gender = Gender.FEMALE
    lan.position = "Chi hội trưởng Phụ nữ"
    lan.save()
    return {
        "cstd": nominate(commune=commune, title=titles["cstd-tinh"], person=lan, unit=thon_a,
                         achievement="Dẫn đầu phong trào thi đua ba năm liền"),
        "ttldxs": nominate(commune=commune, title=titles["ttldxs"], unit=thon_a),
    }


@pytest.fixture
def xs_dossier(commune, office_clerk, xs_nominations, province):
    proposal = proposal_of(commune=commune, clerk=office_clerk, nominations=list(xs_nominations.values()))
    return accepted_dossier(proposal=proposal, receipt=1, by=office_clerk)


@pytest.fixture
def cd_dossier(other_commune, second_commune_clerk, titles, province):
    """Cổ Đông's dossier (same province): a CSTĐ cấp tỉnh for a man, arrived later."""
    person = f.PersonFactory(commune=other_commune, full_name="Lê Văn Hải", gender=Gender.MALE,
                             position="Công an viên")
    nomination = nominate(commune=other_commune, title=titles["cstd-tinh"], person=person)
    proposal = proposal_of(commune=other_commune, clerk=second_commune_clerk, nominations=[nomination],
                           submitted_on=datetime.date(2022, 11, 14))
    return accepted_dossier(proposal=proposal, receipt=2, received_on=datetime.date(2022, 11, 18),
                            by=second_commune_clerk)


@pytest.fixture
def draft(province, province_operator, xs_dossier, cd_dossier):
    return create_province_decision(province=province, year=2022, dossiers=[xs_dossier, cd_dossier],
                                    by=province_operator)


@pytest.fixture
def issued(draft, province_operator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return issue_province_decision(allow_overspend=True,
                                   decision=draft, issued_on=ISSUED_ON, by=province_operator, number=7)


# Services ----------------------------------------------------------------------------------------------------------


def test_province_series_has_the_state_format_lines(province):
    series = province_series(province)
    assert (series.commune, series.province, series.code) == (None, province, "UBND")
    assert series.issuing_body_lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert series.signing_capacity == "TM. ỦY BAN NHÂN DÂN"
    assert series.place == "Hà Nội"
    assert province_series(province) == series  # made once


def test_create_draft_points_the_dossiers_to_it(draft, xs_dossier, cd_dossier, province_operator):
    assert draft.status == ProvinceDecisionStatus.DRAFT and draft.created_by == province_operator
    assert set(draft.dossiers.all()) == {xs_dossier, cd_dossier}
    assert draft.document is None


def test_create_refuses_other_dossiers(province, province_operator, xs_dossier, cd_dossier, office_clerk,
                                       other_province_operator):
    # Another province's operator, and a commune clerk: not theirs to decide.
    for user in (other_province_operator, office_clerk):
        with pytest.raises(PermissionDenied):
            create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=user)
    with pytest.raises(ValidationError, match="Chọn ít nhất một"):
        create_province_decision(province=province, year=2022, dossiers=[], by=province_operator)
    with pytest.raises(ValidationError, match="thuộc năm 2022"):
        create_province_decision(province=province, year=2023, dossiers=[xs_dossier], by=province_operator)
    Dossier.objects.filter(pk=cd_dossier.pk).update(status=DossierStatus.RECEIVED)
    with pytest.raises(ValidationError, match="chưa được chấp nhận"):
        create_province_decision(province=province, year=2022, dossiers=[cd_dossier], by=province_operator)
    create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=province_operator)
    with pytest.raises(ValidationError, match="đã có trong một quyết định khác"):
        create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=province_operator)


def test_create_refuses_a_dossier_of_another_province(province, other_province_operator, xs_dossier):
    other = other_province_operator.province_operator.province
    with pytest.raises(PermissionDenied):
        create_province_decision(province=other, year=2022, dossiers=[xs_dossier], by=other_province_operator)


def test_add_and_remove_dossiers_while_draft(province, province_operator, xs_dossier, cd_dossier, settings,
                                             tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    decision = create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=province_operator)
    add_dossiers(decision=decision, dossiers=[cd_dossier], by=province_operator)
    assert decision.dossiers.count() == 2
    remove_dossier(decision=decision, dossier=cd_dossier, by=province_operator)
    cd_dossier.refresh_from_db()
    assert cd_dossier.decision is None and cd_dossier.status == DossierStatus.ACCEPTED
    with pytest.raises(ValidationError, match="không có trong quyết định"):
        remove_dossier(decision=decision, dossier=cd_dossier, by=province_operator)
    issue_province_decision(allow_overspend=True, decision=decision, issued_on=ISSUED_ON, by=province_operator)
    with pytest.raises(ValidationError, match="Không thể sửa quyết định đã ban hành"):
        add_dossiers(decision=decision, dossiers=[cd_dossier], by=province_operator)
    with pytest.raises(ValidationError, match="Không thể sửa quyết định đã ban hành"):
        remove_dossier(decision=decision, dossier=xs_dossier, by=province_operator)


def test_issue_grants_the_awards_and_decides_proposals_and_dossiers(issued, xs_dossier, cd_dossier, xs_nominations,
                                                                    province_operator):
    document = issued.document
    assert document.code == "07/QĐ-UBND"
    assert (document.series.province_id, document.series.commune_id) == (issued.province_id, None)
    assert document.place == "Hà Nội" and document.signer_name == "Trần Sỹ Thanh"
    assert document.signer_title == "CHỦ TỊCH" and document.signer_capacity == ""
    assert document.recipient_lines == ["Như Điều 3;", "UBND xã Cổ Đông;", "UBND xã Xuân Sơn;", "Lưu: VT, Ban TĐKT."]
    assert issued.status == ProvinceDecisionStatus.ISSUED and issued.base_salary == Decimal("1490000")
    for dossier in (xs_dossier, cd_dossier):
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.DECIDED
        assert DossierEvent.objects.filter(dossier=dossier, kind=DossierEventKind.DECIDED, by=province_operator,
                                           comment="07/QĐ-UBND").count() == 1
        proposal = dossier.proposal
        proposal.refresh_from_db()
        assert proposal.status == DecisionStatus.ISSUED
        assert (proposal.external_code, proposal.external_issuer, proposal.external_date) == (
            "07/QĐ-UBND", "Chủ tịch UBND thành phố Hà Nội", ISSUED_ON)
        assert proposal.base_salary == Decimal("1490000")
    # 3.0 and 1.5 × 1,490,000 (2022), frozen on the awards of the commune's proposal.
    awards = {a.nomination_id: a for a in Award.objects.filter(decision=xs_dossier.proposal)}
    assert awards[xs_nominations["cstd"].pk].amount == Decimal("4470000")
    assert awards[xs_nominations["ttldxs"].pk].amount == Decimal("2235000")
    assert awards[xs_nominations["cstd"].pk].commune == xs_dossier.commune
    assert Award.objects.filter(decision__dossier__decision=issued).count() == 3


def test_issue_notifies_the_communes_office_staff(issued, office_clerk, second_commune_clerk, chairman):
    titles = set(Notification.objects.filter(recipient=office_clerk).values_list("title", flat=True))
    assert any("07/QĐ-UBND" in title for title in titles)
    assert Notification.objects.filter(recipient=second_commune_clerk, title__contains="07/QĐ-UBND").exists()
    assert not Notification.objects.filter(recipient=chairman, title__contains="07/QĐ-UBND").exists()


def test_numbering_per_province_and_year(province, province_operator, xs_dossier, cd_dossier, settings, tmp_path,
                                         other_province_operator):
    settings.MEDIA_ROOT = str(tmp_path)
    first = create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=province_operator)
    first = issue_province_decision(allow_overspend=True, decision=first, issued_on=ISSUED_ON, by=province_operator)
    assert first.document.code == "01/QĐ-UBND"
    second = create_province_decision(province=province, year=2022, dossiers=[cd_dossier], by=province_operator)
    with pytest.raises(ValidationError, match="đã được dùng"):
        issue_province_decision(allow_overspend=True,
                                decision=second, issued_on=ISSUED_ON, by=province_operator, number=1)
    second = issue_province_decision(allow_overspend=True, decision=second, issued_on=ISSUED_ON, by=province_operator)
    assert second.document.code == "02/QĐ-UBND"
    # Another province's series numbers on its own; a new year starts again at 1.
    other = other_province_operator.province_operator.province
    assert province_series(other) != province_series(province)
    doc = Document.objects.create(series=province_series(other), doc_type=DocumentType.DECISION, number=1,
                                  issued_on=ISSUED_ON, place="Nghệ An", summary="…", signer_name="X")
    assert doc.code == "01/QĐ-UBND"
    from documents.services import next_number
    assert next_number(series=province_series(province), doc_type=DocumentType.DECISION, year=2023) == 1


def test_issue_refusals(draft, province, province_operator, other_province_operator, office_clerk, xs_dossier):
    for user in (other_province_operator, office_clerk):
        with pytest.raises(PermissionDenied):
            issue_province_decision(allow_overspend=True, decision=draft, issued_on=ISSUED_ON, by=user)
    with pytest.raises(ValidationError, match="18/11/2022"):
        issue_province_decision(allow_overspend=True,
                                decision=draft, issued_on=datetime.date(2022, 11, 15), by=province_operator)
    province.chairman_name = ""
    province.save()
    with pytest.raises(ValidationError, match="Nhập người ký"):
        issue_province_decision(allow_overspend=True, decision=draft, issued_on=ISSUED_ON, by=province_operator)
    Dossier.objects.filter(pk=xs_dossier.pk).update(status=DossierStatus.RETURNED)
    with pytest.raises(ValidationError, match="chưa được chấp nhận"):
        issue_province_decision(allow_overspend=True,
                                decision=draft, issued_on=ISSUED_ON, by=province_operator, signer_name="A B")
    assert not Award.objects.exists() and not Document.objects.filter(doc_type=DocumentType.DECISION).exists()


def test_vice_chairman_signs_for_the_chairman(draft, province_operator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = issue_province_decision(allow_overspend=True, 
        decision=draft, issued_on=ISSUED_ON, by=province_operator, signer_name="Hà Minh Hải",
        signer_title=province_decisions.VICE_CHAIRMAN).document
    assert (document.signer_capacity, document.signer_title, document.signer_name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Minh Hải")
    with pytest.raises(ValidationError, match="đã được ban hành"):
        issue_province_decision(allow_overspend=True, decision=draft, issued_on=ISSUED_ON, by=province_operator)


# The PDF and the certificates -------------------------------------------------------------------------------------


def _check_format(path, *, landscape=False):
    fonts = pdf_fonts(path)
    assert fonts and all(font.embedded for font in fonts), fonts
    assert len({font.family for font in fonts}) == 1, fonts
    assert {family for family, _version in embedded_font_families(path)} == {"Liberation Serif"}
    pages = page_boxes(path)
    assert all(page.is_a4 for page in pages)
    if landscape:
        assert all(not page.is_portrait for page in pages)
    result = subprocess.run([sys.executable, str(PDFCHECK), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    return pages


def test_decision_pdf(issued, tmp_path):
    path = tmp_path / "qd.pdf"
    path.write_bytes(render_document_pdf(issued.document))
    flat = " ".join(pdf_text(path).split())
    for expected in [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Số: 07/QĐ-UBND", "Hà Nội, ngày 20 tháng 12 năm 2022", "QUYẾT ĐỊNH",
        "Về việc khen thưởng thành tích trong phong trào thi đua năm 2022",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Căn cứ Luật Thi đua, Khen thưởng 2003",
        "Căn cứ Nghị định 91/2017/NĐ-CP;",
        "Xét đề nghị của Ủy ban nhân dân xã Cổ Đông (Tờ trình số 01/TTr-UBND ngày 14/11/2022);",
        "Xét đề nghị của Ủy ban nhân dân xã Xuân Sơn (Tờ trình số 01/TTr-UBND ngày 10/11/2022)",
        "Điều 1. Công nhận danh hiệu thi đua cho 1 tập thể và 2 cá nhân của xã Cổ Đông và xã Xuân Sơn",
        "Điều 2.", "tổng số tiền thưởng là 11.175.000 đồng", "Điều 3.", "Nơi nhận:", "UBND xã Xuân Sơn;",
        "UBND xã Cổ Đông;", "Lưu: VT, Ban TĐKT.", "CHỦ TỊCH Trần Sỹ Thanh", "DANH SÁCH",
        "(Kèm theo Quyết định số 07/QĐ-UBND ngày 20/12/2022 của Chủ tịch Ủy ban nhân dân thành phố Hà Nội)",
        "I XÃ CỔ ĐÔNG (1) 4.470.000", "Lê Văn Hải", "II XÃ XUÂN SƠN (2) 6.705.000", "TẬP THỂ (1)", "CÁ NHÂN (1)",
        "Đỗ Thị Lan", "Chi hội trưởng Phụ nữ, Thôn A", "Chiến sĩ thi đua cấp tỉnh", "2.235.000",
        "Tổng cộng: 3 11.175.000",
    ]:
        assert expected in flat, expected
    assert "TM. ỦY BAN NHÂN DÂN" not in flat  # the chairman decides in person
    assert "và đề nghị của Trưởng Ban Thi đua - Khen thưởng thành phố Hà Nội." in flat
    pages = _check_format(path)
    assert pages[0].is_portrait and not pages[-1].is_portrait


def test_pdf_is_kept_after_issue(issued, django_capture_on_commit_callbacks, province_operator):
    kept = document_pdf(issued.document)
    # Renaming the province later does not change the issued decision's PDF.
    province = issued.province
    province.name = "Hà Nội mới"
    province.save()
    assert document_pdf(issued.document) == kept


def test_certificates(issued, tmp_path):
    path = tmp_path / "bk.pdf"
    path.write_bytes(certificates_pdf(issued))
    flat = " ".join(pdf_text(path).split())
    assert flat.count("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") == 3
    for expected in ["CÔNG NHẬN", "CHIẾN SĨ THI ĐUA CẤP TỈNH", "Đỗ Thị Lan", "Lê Văn Hải",
                     "Quyết định số: 07/QĐ-UBND", "Danh sách kèm theo: mục II, số TT 2", "Trần Sỹ Thanh"]:
        assert expected in flat, expected
    pages = _check_format(path, landscape=True)
    assert len(pages) == 3


def test_decision_word_copy(issued, tmp_path):
    """The Word copy says what the PDF says (the same template and context), with the number, title, recipients."""
    docx = render_document_docx(issued.document)
    lines = [" ".join(line.split()) for line in docx_text(docx)]
    for expected in ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "Số: 07/QĐ-UBND", "QUYẾT ĐỊNH", "Nơi nhận:",
                     "- Lưu: VT, Ban TĐKT.", "DANH SÁCH", "Lê Văn Hải", "Tổng cộng: 3"]:
        assert expected in lines, expected
    path = tmp_path / "qd.pdf"
    path.write_bytes(render_document_pdf(issued.document))
    in_docx, in_pdf = Counter(normalise(" ".join(lines)).split()), Counter(normalise(pdf_text(path)).split())
    assert in_docx - in_pdf == Counter()
    assert all(word.isdigit() for word in in_pdf - in_docx)  # the PDF's page numbers
    certificates = docx_text(certificates_docx(issued))
    assert certificates.count("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") == 3
    assert "Quyết định số: 07/QĐ-UBND" in certificates


def test_each_certificate_carries_its_awards_qr_code(issued, client, tmp_path):
    """The province's certificates lead to the same public pages as the commune's, which name the province's
    decision and its issuer."""
    import segno
    from django.conf import settings
    from PIL import Image

    from awards.certificates import verification_url
    from provinces.documents import certificates_context

    path = tmp_path / "bk.pdf"
    path.write_bytes(certificates_pdf(issued))
    subprocess.run(["pdfimages", "-png", str(path), str(tmp_path / "img")], check=True)
    images = [Image.open(p).convert("L") for p in sorted(tmp_path.glob("img-*.png"))]
    awards = [page["award"] for page in certificates_context(issued)["pages"]]
    assert len(images) == len(awards) == 3
    for image, award in zip(images, awards, strict=True):
        expected = [[bool(m) for m in row] for row in segno.make(verification_url(award), error="m", micro=False)
                    .matrix_iter(scale=1, border=4)]
        width, height = image.size
        assert [[image.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)] == expected
    page = client.get(verification_url(awards[0]).removeprefix(settings.SITE_URL))
    html = " ".join(page.content.decode().split())
    assert page.status_code == 200 and "07/QĐ-UBND" in html and "Chủ tịch UBND thành phố Hà Nội" in html


def test_commune_decision_pdf_still_renders(commune, office_clerk, passed, commune_nominations, tmp_path):
    """The dispatch leaves the communes' own decisions to awards."""
    from awards.decisions import issue_decision

    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    decision = issue_decision(allow_overspend=True,
                              decision=decision, issued_on=datetime.date(2022, 12, 15), by=office_clerk)
    path = tmp_path / "qd.pdf"
    path.write_bytes(render_document_pdf(decision.document))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN SƠN" in " ".join(pdf_text(path).split())


# The flow back: the prerequisite of the next CSTĐ cấp tỉnh ---------------------------------------------------------


def test_a_province_decided_cstd_tinh_cannot_be_grounded_again(issued, commune, titles, lan, thon_a):
    # CSTĐCS 2021-2023 would ground a 2023 CSTĐ cấp tỉnh, but 2021 and 2022 grounded the one of 2022.
    nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=lan, unit=thon_a, year=2023)
    messages = [str(problem.message) for problem in consecutive_problems(nomination)]
    assert any("2022" in message and "07/QĐ-UBND" in message for message in messages), messages
    # Three years on, the window no longer holds the earlier award.
    later = nominate(commune=commune, title=titles["cstd-tinh"], person=lan, unit=thon_a, year=2025)
    assert not any("07/QĐ-UBND" in str(p.message) for p in consecutive_problems(later))


def test_the_awards_land_in_the_communes_award_list(issued, client, office_clerk):
    client.force_login(office_clerk)
    response = client.get(reverse("awards:award_list") + "?year=2022")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đỗ Thị Lan" in body and "Chiến sĩ thi đua cấp tỉnh" in body


# Pages --------------------------------------------------------------------------------------------------------------


def _get(client, user, name, *args, query=""):
    client.force_login(user)
    return client.get(reverse(name, args=args) + query)


def test_operator_creates_and_issues_through_the_pages(client, province_operator, xs_dossier, cd_dossier, settings,
                                                       tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(province_operator)
    page = client.get(reverse("provinces:decision_create") + "?year=2022")
    assert page.status_code == 200 and "001/2022" in page.content.decode()
    response = client.post(reverse("provinces:decision_create") + "?year=2022", {"dossiers": [xs_dossier.pk]})
    decision = ProvinceDecision.objects.get()
    assert response.status_code == 302 and response.url == reverse("provinces:decision_detail", args=[decision.pk])
    # Add the other dossier on the detail page, take it off again, add it back.
    detail = reverse("provinces:decision_detail", args=[decision.pk])
    client.post(detail, {"add": [cd_dossier.pk]})
    assert decision.dossiers.count() == 2
    client.post(detail, {"remove": cd_dossier.pk})
    assert decision.dossiers.count() == 1
    client.post(detail, {"add": [cd_dossier.pk]})
    form = client.get(reverse("provinces:decision_issue", args=[decision.pk]))
    assert "Trần Sỹ Thanh" in form.content.decode()
    response = client.post(reverse("provinces:decision_issue", args=[decision.pk]), {
        "issued_on": "20/12/2022", "number": "", "signer_name": "Trần Sỹ Thanh", "signer_title": "CHỦ TỊCH",
        "confirm_overspend": "on",
        "lock_version": form.context["form"]["lock_version"].value(),
        "lock_opened": form.context["form"]["lock_opened"].value()})
    assert response.status_code == 302, response.context["form"].errors
    decision.refresh_from_db()
    assert decision.status == ProvinceDecisionStatus.ISSUED and decision.document.code == "01/QĐ-UBND"
    body = client.get(detail).content.decode()
    assert "01/QĐ-UBND" in body and "Đỗ Thị Lan" in body and "11.175.000" in body
    assert "(50 %)" in body  # women's share: Đỗ Thị Lan of two individuals
    pdf = client.get(reverse("provinces:decision_pdf", args=[decision.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    certificates = client.get(reverse("provinces:decision_certificates", args=[decision.pk]))
    assert certificates.status_code == 200
    listing = client.get(reverse("provinces:decision_list") + "?year=2022").content.decode()
    assert "01/QĐ-UBND" in listing


def test_issue_page_shows_the_refusal(client, draft, province_operator):
    client.force_login(province_operator)
    form = client.get(reverse("provinces:decision_issue", args=[draft.pk]))
    response = client.post(reverse("provinces:decision_issue", args=[draft.pk]), {
        "issued_on": "15/11/2022", "signer_name": "Trần Sỹ Thanh", "signer_title": "CHỦ TỊCH",
        "lock_version": form.context["form"]["lock_version"].value(),
        "lock_opened": form.context["form"]["lock_opened"].value()})
    assert response.status_code == 200 and "18/11/2022" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ProvinceDecisionStatus.DRAFT


@pytest.mark.parametrize("name", ["provinces:decision_detail", "provinces:decision_issue", "provinces:decision_pdf",
                                  "provinces:decision_certificates"])
def test_operator_pages_per_persona(client, name, issued, draft_two, province_operator, other_province_operator,
                                    office_clerk, chairman, outsider):
    pk = draft_two.pk if name == "provinces:decision_issue" else issued.pk
    assert _get(client, province_operator, name, pk).status_code == 200
    assert _get(client, other_province_operator, name, pk).status_code == 404
    for user in (office_clerk, chairman, outsider):
        assert _get(client, user, name, pk).status_code == 403
    client.logout()
    assert client.get(reverse(name, args=[pk])).status_code == 302


@pytest.fixture
def draft_two(issued, province, province_operator, office_clerk, minh, titles, commune):
    nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=minh)
    proposal = proposal_of(commune=commune, clerk=office_clerk, nominations=[nomination])
    dossier = accepted_dossier(proposal=proposal, receipt=3, by=office_clerk)
    return create_province_decision(province=province, year=2022, dossiers=[dossier], by=province_operator)


def test_list_and_create_pages_per_persona(client, issued, province_operator, other_province_operator, office_clerk):
    for name in ("provinces:decision_list", "provinces:decision_create"):
        assert _get(client, province_operator, name, query="?year=2022").status_code == 200
        assert _get(client, office_clerk, name).status_code == 403
        # Nghệ An's operator sees Nghệ An's (none), never Hà Nội's.
        other = _get(client, other_province_operator, name, query="?year=2022")
        assert other.status_code == 200 and "07/QĐ-UBND" not in other.content.decode()


def test_commune_downloads_the_decision_on_its_own_dossier(client, issued, office_clerk, second_commune_clerk,
                                                          hamlet_leader, province_operator, xs_dossier):
    url = reverse("dossiers:decision_pdf", args=[issued.pk])
    client.force_login(office_clerk)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # Cổ Đông has a dossier in it too; a hamlet leader is no reader of decisions; an operator is no commune member.
    assert _get(client, second_commune_clerk, "dossiers:decision_pdf", issued.pk).status_code == 200
    assert _get(client, hamlet_leader, "dossiers:decision_pdf", issued.pk).status_code == 403
    assert _get(client, province_operator, "dossiers:decision_pdf", issued.pk).status_code == 403
    # Its Word copy beside it, with the same access.
    docx = _get(client, office_clerk, "dossiers:decision_docx", issued.pk)
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    assert "Số: 07/QĐ-UBND" in docx_text(docx.content)
    assert _get(client, hamlet_leader, "dossiers:decision_docx", issued.pk).status_code == 403
    # The commune's proposal links it, naming the province's decision.
    body = _get(client, office_clerk, "awards:decision_detail", xs_dossier.proposal_id).content.decode()
    assert url in body and "07/QĐ-UBND" in body and "Chủ tịch UBND thành phố Hà Nội" in body


def test_another_commune_without_a_dossier_in_it_gets_404(client, province, province_operator, xs_dossier,
                                                          second_commune_clerk, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    decision = create_province_decision(province=province, year=2022, dossiers=[xs_dossier], by=province_operator)
    decision = issue_province_decision(allow_overspend=True,
                                       decision=decision, issued_on=ISSUED_ON, by=province_operator)
    assert _get(client, second_commune_clerk, "dossiers:decision_pdf", decision.pk).status_code == 404


def test_decision_list_runs_a_constant_number_of_queries(client, draft, province_operator, province, office_clerk,
                                                         minh, titles, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(province_operator)
    url = reverse("provinces:decision_list") + "?year=2022"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for receipt in (5, 6):
        nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=f.PersonFactory(commune=commune))
        proposal = proposal_of(commune=commune, clerk=office_clerk, nominations=[nomination])
        create_province_decision(province=province, year=2022, by=province_operator,
                                 dossiers=[accepted_dossier(proposal=proposal, receipt=receipt, by=office_clerk)])
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["decisions"]) == 3
    assert len(three) == len(one)


def test_the_office_head_follows_the_provinces_own_office(province):
    assert province.office_head == "Trưởng Ban Thi đua - Khen thưởng thành phố Hà Nội"
    province.office_name = "Sở Nội vụ thành phố Hà Nội"
    assert province.office_head == "Giám đốc Sở Nội vụ thành phố Hà Nội"
    province.office_name = "Văn phòng Hội đồng Thi đua - Khen thưởng tỉnh"
    assert province.office_head.startswith("Thủ trưởng ")
