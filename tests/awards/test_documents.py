# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""The official PDFs of the year-end review (decision, submission, minutes, certificates), checked like the plan:
`pdftotext -raw` for the words, `pdffonts` for one embedded Times-metric family, and the shared pdfcheck tool."""

import datetime
import subprocess
import sys

import pytest

from awards.decisions import create_decision, document_pdf, issue_decision, issue_minutes, revoke_award, submit_decision
from awards.documents import certificates_pdf
from awards.enums import Decider
from documents.registry import render_document_pdf
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    meeting,
    passed,
)
from tests.pdfutils import FIXTURES, embedded_font_families, page_boxes, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
PDFCHECK = FIXTURES / "pdfcheck.py"


@pytest.fixture
def decision(commune, office_clerk, commune_nominations):
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    return issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


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


def test_decision_pdf(decision, tmp_path):
    path = _write(tmp_path, "qd.pdf", render_document_pdf(decision.document))
    text = pdf_text(path)
    flat = " ".join(text.split())
    for expected in [
        "Số: 15/QĐ-UBND", "Xuân Sơn, ngày 15 tháng 12 năm 2022", "QUYẾT ĐỊNH",
        "Về việc khen thưởng thành tích trong phong trào thi đua năm 2022",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN SƠN", "Căn cứ Luật Thi đua, Khen thưởng 2003",
        "Căn cứ Nghị định 91/2017/NĐ-CP;", "Tờ trình số 01/TTr-HĐTĐKT ngày 12/12/2022",
        "Điều 1.", "Điều 2.", "Điều 3.", "Nơi nhận:", "Hoàng Văn Vân", "DANH SÁCH",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 15/12/2022 của Chủ tịch Ủy ban nhân dân xã Xuân Sơn)",
        "Đỗ Thị Lan", "447.000", "Thôn A", "894.000", "Hộ ông Nguyễn Văn Tư", "670.500", "2.011.500",
        "TẬP THỂ", "HỘ GIA ĐÌNH", "CÁ NHÂN", "1.490.000",
    ]:
        assert expected in flat, expected
    # Nothing of the nominations not decided (failed, or decided by the town).
    assert "Vũ Văn Minh" not in flat
    assert "Lao động tiên tiến" not in flat
    pages = _check_format(path)
    assert pages[0].is_portrait and not pages[-1].is_portrait  # the list on its own landscape page


def test_submission_pdf(decision, tmp_path):
    path = _write(tmp_path, "ttr.pdf", render_document_pdf(decision.submission))
    flat = " ".join(pdf_text(path).split())
    for expected in ["Số: 01/TTr-HĐTĐKT", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TỜ TRÌNH", "TM. HỘI ĐỒNG", "CHỦ TỊCH",
                     "Kính gửi: Chủ tịch Ủy ban nhân dân xã Xuân Sơn", "Căn cứ Nghị định 91/2017/NĐ-CP;",
                     "Giấy khen của Chủ tịch UBND xã (cá nhân) (1)", "Đỗ Thị Lan", "Thôn A",
                     "Đồng ý 3/3 thành viên (100%; mức đạt 80%)", "Xuân Sơn, ngày 12 tháng 12 năm 2022"]:
        assert expected in flat, expected
    assert "Vũ Văn Minh" not in flat
    _check_format(path)


def test_minutes_pdf(meeting, passed, office_clerk, tmp_path):
    document = issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10), by=office_clerk)
    path = _write(tmp_path, "bb.pdf", render_document_pdf(document))
    flat = " ".join(pdf_text(path).split())
    for expected in [
        "Số: 01/BB-HĐTĐKT", "BIÊN BẢN", "Xuân Sơn, ngày 10 tháng 12 năm 2022",
        "Vào hồi 08 giờ 00 phút, ngày 10 tháng 12 năm 2022, tại Hội trường UBND xã",
        "Chủ trì: Hoàng Văn Vân", "Thư ký: Nguyễn Thị Hương", "Thành viên Hội đồng có mặt: 2",
        "Lê Văn Bình", "Thành viên Hội đồng vắng mặt: 1",
        "Đinh Thị Quế, Chủ tịch Hội LHPN, có ý kiến bằng văn bản: “Đồng ý với danh sách đề nghị.”",
        "Đỗ Thị Lan – Giấy khen của Chủ tịch UBND xã (cá nhân)",
        "tổng số thành viên Hội đồng 3; số phiếu bầu 3; đồng ý 3; không đồng ý 0; tỷ lệ đồng ý 100% tổng số "
        "thành viên Hội đồng (mức đạt 80%). Kết quả: đạt.",
        "đồng ý 1; không đồng ý 2; tỷ lệ đồng ý 33,33%", "Kết quả: không đạt.",
        "Hội đồng thống nhất đề nghị Chủ tịch UBND xã tặng Giấy khen.",
        "Cuộc họp kết thúc vào hồi 10 giờ 30 phút cùng ngày", "THƯ KÝ", "CHỦ TỌA",
        "Nơi nhận: - Thường trực HĐTĐKT xã; - Lưu: VT, HĐTĐKT.",
    ]:
        assert expected in flat, expected
    # Nghị định 30/2020: the secretary signs on the left, the chair (chủ tọa) on the right, "Nơi nhận" below.
    assert "CHỦ TỊCH HỘI ĐỒNG" not in flat
    closing = flat[flat.index("cùng ngày./."):]
    assert closing.index("THƯ KÝ") < closing.index("CHỦ TỌA") < closing.index("Nơi nhận:")
    assert closing.index("Nguyễn Thị Hương") < closing.index("Hoàng Văn Vân") < closing.index("Nơi nhận:")
    _check_format(path)


def test_certificates_one_landscape_page_per_active_award(decision, office_clerk, tmp_path):
    revoke_award(award=decision.awards.get(position=2), reason="Gian dối", revoked_on=datetime.date(2023, 1, 5),
                 by=office_clerk)
    path = _write(tmp_path, "gk.pdf", certificates_pdf(decision))
    pages = _check_format(path, landscape=True)
    assert len(pages) == 2
    assert "Đỗ Thị Lan" in pages[0].text and "Hộ ông Nguyễn Văn Tư" in pages[1].text
    flat = " ".join(pdf_text(path).split())
    for expected in ["GIẤY KHEN", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN SƠN", "Quyết định số: 15/QĐ-UBND",
                     "ngày 15/12/2022", "Xuân Sơn, ngày 15 tháng 12 năm 2022",
                     "Có thành tích xuất sắc trong công tác dân số năm 2022", "Hoàng Văn Vân"]:
        assert expected in flat, expected
    assert "Thôn A" not in pages[0].text.replace("Chi hội trưởng Phụ nữ, Thôn A", "")
    # Not a register number (award.position restarts at 1 per decision): where it stands in the decision's list,
    # which groups collectives (I), households (II) and individuals (III), numbered within each group.
    assert "Số vào sổ" not in flat
    assert "Danh sách kèm theo: mục III, số TT 1" in " ".join(pages[0].text.split())
    assert "Danh sách kèm theo: mục II, số TT 1" in " ".join(pages[1].text.split())
    assert certificates_pdf(decision) == certificates_pdf(decision)


def test_issued_documents_download_the_same_bytes(decision, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    first = document_pdf(decision.document)
    assert document_pdf(decision.document) == first
    assert list(tmp_path.rglob("*.pdf"))


def test_the_pdf_is_kept_when_the_decision_is_issued(commune, office_clerk, commune_nominations, settings, tmp_path,
                                                     django_capture_on_commit_callbacks):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue_decision(allow_overspend=True,
                                  decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)
    [kept] = tmp_path.rglob("*.pdf")
    assert document_pdf(decision.document) == kept.read_bytes()
