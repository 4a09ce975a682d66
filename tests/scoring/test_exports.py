"""The sheet and the leaderboard as XLSX (read back with openpyxl, formulas neutralised, A4) and as real PDFs (checked
with pdftotext/pdffonts and the shared pdfcheck tool: A4, margins, one embedded Times-metric font)."""

import io
import subprocess
import sys
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scoring.enums import SheetStatus as S
from scoring.models import ScoreSheet
from tests.downloads import body
from tests.pdfutils import FIXTURES, page_boxes, pdf_fonts, pdf_text

from .conftest import advance

PDFCHECK = FIXTURES / "pdfcheck.py"
pytestmark = pytest.mark.django_db


@pytest.fixture
def final_sheet(sheet, tree, office_clerk, scorer_clerk, head_clerk):
    tree["I.1"].name = "=HYPERLINK(\"http://x\")"  # a formula typed as a name stays text
    tree["I.1"].save()
    return advance(sheet, S.FINAL, tree=tree, office=office_clerk, scorer=scorer_clerk, head=head_clerk)


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_sheet_workbook_reads_back(client, office_clerk, final_sheet):
    client.force_login(office_clerk)
    response = client.get(reverse("scoring:sheet_xlsx", args=[final_sheet.pk]))
    assert response["Content-Disposition"].endswith('bang-cham-diem-2022-xuan-son.xlsx"')
    sheet = _workbook(response).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "CỤM THI ĐUA SỐ 3 THỊ XÃ SƠN TÂY"
    assert rows[1][0] == "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2022"
    header = rows.index(["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Chấm chéo", "Điểm cuối cùng",
                         "Minh chứng, giải trình"])
    body = {row[0]: row for row in rows[header + 1:] if row[0]}
    assert body["I.1"][1] == "=HYPERLINK(\"http://x\")"
    assert [body["I.1"][i] for i in (3, 4, 5)] == [9, 8, 8.5]
    assert body["I.1"][6] == "Có đủ biên bản hội nghị"
    assert [body["III.2"][i] for i in (3, 4, 5)] == [-1, -1, -1]
    assert rows[-1][1:6] == ["Tổng điểm", None, 28.5, 26.5, 27]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.orientation == "portrait"


def test_leaderboard_workbook(client, head_clerk, cluster, final_sheet, thanh_my, son_dong, other_commune):
    for commune, points in [(thanh_my, D(20)), (son_dong, D(20)), (other_commune, D(30))]:
        ScoreSheet.objects.filter(cluster=cluster, commune=commune).update(status=S.FINAL, final_score=points)
    client.force_login(head_clerk)
    sheet = _workbook(client.get(reverse("scoring:leaderboard_xlsx", args=[cluster.pk]))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(("Xếp hạng", "Xã, phường", "Tự chấm", "Chấm chéo", "Điểm cuối cùng", "Trạng thái"))
    assert [(r[0], r[1], r[4]) for r in rows[header + 1:]] == [
        (1, "Xã Cổ Đông", 30), (2, "Xã Xuân Sơn", 27), (3, "Xã Sơn Đông", 20), (4, "Xã Thanh Mỹ", 20)]
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4


def _pdf(client, user, url, tmp_path, name):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / name
    path.write_bytes(body(response))
    return path


def _check_format(path):
    fonts = pdf_fonts(path)
    assert fonts and all(font.embedded for font in fonts)
    assert len({font.family for font in fonts}) == 1
    assert "liberationserif" in next(iter({font.family for font in fonts})).lower()
    for page in page_boxes(path):
        assert page.is_a4 and page.is_portrait
        assert page.left_margin_mm >= 29.9 and page.right_margin_mm >= 15  # pdfcheck allows 0.5 pt
    result = subprocess.run([sys.executable, str(PDFCHECK), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_sheet_pdf(client, office_clerk, final_sheet, tmp_path):
    path = _pdf(client, office_clerk, reverse("scoring:sheet_pdf", args=[final_sheet.pk]), tmp_path, "sheet.pdf")
    text = pdf_text(path)
    assert "CỤM THI ĐUA SỐ 3 THỊ XÃ SƠN TÂY" in " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" in text
    assert "BẢNG CHẤM ĐIỂM THI ĐUA" in text
    assert "Năm 2022 – Xã Xuân Sơn" in text
    assert "Tiêu chí I.2 10 7,5 7,5 7,5" in text
    assert "III.2 Tiêu chí III.2 -5 -1 -1 -1" in text
    assert "Tổng điểm 28,5 26,5 27" in text
    _check_format(path)


def test_leaderboard_pdf(client, head_clerk, cluster, final_sheet, tmp_path):
    path = _pdf(client, head_clerk, reverse("scoring:leaderboard_pdf", args=[cluster.pk]), tmp_path, "rank.pdf")
    text = pdf_text(path)
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA" in text
    assert "1 Xã Xuân Sơn 28,5 26,5 27" in text
    assert "Chưa chốt" in text  # the other sheets are still open
    _check_format(path)
