"""The Word copy of the seed plan 01/KH-UBND (2022): `render_document --format docx` against the seed text and the
state format (NĐ 30/2020): A4, the decree's margins, Times New Roman, the header and "Nơi nhận" as borderless tables.

As test_plan_pdf, the demo is seeded and the file written once per module inside a rolled-back transaction.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document as read_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from documents.docx import FONT, docx_text
from tests.pdfutils import FIXTURES, reference_coverage

REFERENCE = FIXTURES / "ke-hoach-01-KH-UBND-2022-xuan-son.txt"
pytestmark = pytest.mark.django_db
MIN_COVERAGE = 95.0
EMU_PER_MM = 36000


@pytest.fixture(scope="module")
def plan_docx(django_db_setup, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "01-KH-UBND-2022.docx"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        call_command(
            "render_document", "--year", "2022", "--number", "01/KH-UBND", "--format", "docx", "--output", str(path),
            stdout=io.StringIO(),
        )
        transaction.set_rollback(True)
    return path


@pytest.fixture(scope="module")
def word(plan_docx):
    return read_docx(str(plan_docx))


def _mm(length) -> float:
    return length / EMU_PER_MM


def _borderless(table) -> bool:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return borders is not None and all(edge.get(qn("w:val")) == "nil" for edge in borders)


def test_text_covers_the_seed_plan(plan_docx):
    """Read back with python-docx (paragraphs and table cells), at least 95 % of the seed's lines, counted as
    pdfcheck counts them in a PDF."""
    coverage = reference_coverage("\n".join(docx_text(plan_docx.read_bytes())), REFERENCE)
    print(coverage)
    for line in coverage.missing:
        print("missing:", line[:110])
    assert coverage.percent >= MIN_COVERAGE


def test_a4_with_the_decrees_margins(word):
    assert len(word.sections) == 2  # the plan, then its appendix on landscape pages
    for section in word.sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        size = (round(_mm(section.page_width)), round(_mm(section.page_height)))
        assert size == ((297, 210) if landscape else (210, 297))
        assert 20 <= round(_mm(section.top_margin), 1) <= 25
        assert 20 <= round(_mm(section.bottom_margin), 1) <= 25
        assert 30 <= round(_mm(section.left_margin), 1) <= 35
        assert 15 <= round(_mm(section.right_margin), 1) <= 20
    assert [s.orientation for s in word.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]


def test_times_new_roman_everywhere(word, plan_docx):
    normal = word.styles["Normal"]
    assert normal.font.name == FONT
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {FONT}
    # Every font named in the defaults, the styles the text uses and the text itself is Times New Roman; no theme
    # font (Calibri, Cambria of the default theme) is left to apply.
    used = {"Normal", "Table Grid", "Header", "Normal Table"}
    elements = [word.styles.element.find(qn("w:docDefaults")), word.element.body]
    elements += [style.element for style in word.styles if style.name in used]
    named = set()
    for element in elements:
        for rfonts in element.iter(qn("w:rFonts")):
            assert not [name for name in rfonts.attrib if name.lower().endswith("theme")], rfonts.attrib
            named |= set(rfonts.attrib.values())
    assert named == {FONT}


def test_header_block_is_a_borderless_two_column_table(word):
    header = word.tables[0]
    assert len(header.columns) == 2 and _borderless(header)
    issuer = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    motto = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert issuer == ["ỦY BAN NHÂN DÂN", "XÃ XUÂN SƠN", "Số: 01/KH-UBND"]
    assert [p.text for p in motto] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Xuân Sơn, ngày 04 tháng 01 năm 2022"]
    assert all(run.font.italic for run in motto[-1].runs)  # the place and date in italics
    assert all(run.font.bold for run in motto[0].runs)


def test_title_then_body_then_signature_and_recipients(word):
    texts = [p.text for p in word.paragraphs]
    title = texts.index("KẾ HOẠCH")
    assert texts[title + 1] == "Công tác thi đua, khen thưởng năm 2022"
    assert any(text.startswith("I. MỤC ĐÍCH, YÊU CẦU") for text in texts[title:])
    tables = word.tables
    closing = next(t for t in tables if "Nơi nhận:" in t.cell(0, 0).text)
    assert _borderless(closing) and len(closing.columns) == 2
    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Vân"]
    # The closing table ends the plan's own pages: after it, the appendix.
    appendix = next(t for t in tables if "Nội dung thực hiện" in t.cell(0, 1).text)
    assert tables.index(closing) < tables.index(appendix)
    assert appendix.style.name == "Table Grid" and len(appendix.rows) == 11  # the header row and ten tasks
