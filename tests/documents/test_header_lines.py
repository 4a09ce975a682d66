"""The header columns as the decree sets them: each line of the issuing body prints as the clerk wrote it, never
broken inside ("HỘI ĐỒNG THI ĐUA - KHEN / THƯỞNG"), in the PDF (first page and a landscape appendix) and in the Word
copy, for the longest names of the demo, of a second commune and of the province, and for a name too long for one
line that the clerk split."""

import datetime
import io

import pytest
from django.template import engines
from docx import Document as read_docx
from docx.oxml.ns import qn

from demo.data import SERIES as DEMO_SERIES
from directory.models import Commune
from documents import layout
from documents.docx import render_docx
from documents.models import Document, Series
from documents.rendering import FONT_FAMILY, font_face_css, weasyprint_pdf
from provinces.services import default_series
from tests.pdfutils import MM, page_boxes

# A PDF of the header alone: the first page's block and an appendix page's (no motto there).
TEMPLATE = """{% extends "documents/base.html" %}
{% block appendix %}<section class="appendix">{% include "documents/_appendix_issuer.html" %}</section>{% endblock %}"""
LEFT_MARGIN_MM = 30
PAGE_MM = (210, 297)
RIGHT_MARGIN_MM = 15  # the decree's least: no line may reach into it


def _series(parent: str, body: str, code: str = "UBND") -> Series:
    return Series(code=code, name=code, parent_body=parent, issuing_body=body, signing_capacity="TM. ỦY BAN NHÂN DÂN")


def _commune_series(name: str) -> list[Series]:
    commune = Commune(name=name)
    return [_series(data.parent_body, data.issuing_body, data.code) for data in default_series(commune)]


CASES = {
    **{f"demo {data['code']}": _series(data["parent_body"], data["issuing_body"], data["code"])
       for data in DEMO_SERIES},
    **{f"Tản Lĩnh {series.code}": series for series in _commune_series("Tản Lĩnh")},
    **{f"Yên Bài {series.code}": series for series in _commune_series("Yên Bài")},
    "province": _series("", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"),
    # Too long for one line at any size: the clerk's three lines print as three lines.
    "split by the clerk": _series("UBND PHƯỜNG HÀ ĐÔNG",
                                  "BAN CHỈ ĐẠO PHONG TRÀO\nTOÀN DÂN ĐOÀN KẾT XÂY DỰNG\nĐỜI SỐNG VĂN HÓA", "BCĐ"),
}


def _document(series: Series) -> Document:
    return Document(series=series, doc_type="KH", number=1, issued_on=datetime.date(2022, 1, 4), place="Xuân Sơn",
                    summary="Công tác thi đua, khen thưởng năm 2022", signer_name="Hoàng Văn Vân",
                    recipients="Lưu: VT.")


def _intended(series: Series) -> list[str]:
    return [text for text, _bold in layout.series_lines(series)]


def _lines(words) -> list[str]:
    """Words grouped into printed lines (same baseline within 3 pt), left to right."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (round(w.y_max), w.x_min)):
        if lines and abs(lines[-1][0].y_max - word.y_max) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.x_min)) for line in lines]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name → (series, pages of its header PDF)."""
    pages = {}
    for name, series in CASES.items():
        html = engines["django"].from_string(TEMPLATE).render({
            "document": _document(series), "font_face_css": font_face_css(), "font_family": FONT_FAMILY})
        path = tmp_path_factory.mktemp("header") / "header.pdf"
        path.write_bytes(weasyprint_pdf(html))
        pages[name] = (series, page_boxes(path))
    return pages


@pytest.mark.parametrize("name", CASES)
def test_each_header_line_prints_as_intended_on_the_first_page(rendered, name):
    series, pages = rendered[name]
    first = pages[0]
    number = next(w for w in first.words if w.text == "Số:")
    column_right = (LEFT_MARGIN_MM + layout.header_layout(series).issuer_mm) * MM
    issuer = [w for w in first.words if w.y_max < number.y_min and w.x_max <= column_right + 1]
    assert _lines(issuer) == _intended(series)
    assert min(w.x_min for w in issuer) >= LEFT_MARGIN_MM * MM - 0.5
    # The motto keeps its own lines beside it, inside the page's margins.
    motto = [w for w in first.words if w.y_max < number.y_min and w.x_min > column_right]
    assert _lines(motto)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert max(w.x_max for w in first.words) <= (PAGE_MM[0] - RIGHT_MARGIN_MM) * MM


@pytest.mark.parametrize("name", CASES)
def test_each_header_line_prints_as_intended_over_an_appendix(rendered, name):
    series, pages = rendered[name]
    appendix = pages[-1]
    assert appendix.width > appendix.height
    assert _lines(appendix.words) == _intended(series)


def test_the_councils_long_name_is_set_smaller_not_broken():
    council = CASES["demo HĐTĐKT"]
    header = layout.header_layout(council)
    assert [(line.text, line.fits) for line in header.lines] == [
        ("UBND XÃ XUÂN SƠN", True), ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", True)]
    assert layout.MIN_SIZE <= header.lines[1].size < layout.SIZE
    assert header.motto_size >= layout.MOTTO_MIN_SIZE
    motto = layout.text_width_mm(layout.MOTTO, header.motto_size, bold=True)
    assert header.issuer_mm + motto <= layout.PORTRAIT_TEXT_MM
    # The People's Committee's short lines keep the usual sizes and column.
    ubnd = layout.header_layout(CASES["demo UBND"])
    assert {line.size for line in ubnd.lines} == {layout.SIZE} and ubnd.motto_size == layout.SIZE


def test_a_line_too_long_for_any_size_wraps_in_the_widest_column():
    header = layout.header_layout(_series("", "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN ĐOÀN KẾT XÂY DỰNG ĐỜI SỐNG VĂN HÓA"))
    assert [(line.size, line.fits) for line in header.lines] == [(layout.MIN_SIZE, False)]
    motto = layout.text_width_mm(layout.MOTTO, header.motto_size, bold=True)
    assert header.issuer_mm == pytest.approx(layout.PORTRAIT_TEXT_MM - motto - layout.GAP_MM)


@pytest.mark.parametrize("name", CASES)
def test_each_header_line_is_one_paragraph_that_fits_its_cell_in_the_word_copy(name):
    series = CASES[name]
    word = read_docx(io.BytesIO(render_docx("documents/base.html", {"document": _document(series)})))
    header = word.tables[0]
    cell = header.cell(0, 0)
    lines = [p for p in cell.paragraphs if p.text and not p.text.startswith("Số:")]
    assert [p.text for p in lines] == _intended(series)
    width_mm = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 56.7  # twentieths of a point
    expected = {line.text: line for line in layout.header_layout(series).lines}
    for paragraph in lines:
        size = paragraph.runs[0].font.size.pt
        line = expected[paragraph.text]
        assert size == line.size
        if line.fits:  # Word keeps it on one line: it is narrower than its cell
            assert layout.text_width_mm(paragraph.text, size, bold=line.bold) <= width_mm
