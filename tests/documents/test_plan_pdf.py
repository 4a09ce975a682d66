"""The official PDF of the seed plan 01/KH-UBND (2022) against the seed text and the state format (NĐ 30/2020).

The demo data is loaded and the PDF rendered once per module through the management commands, inside a transaction
that is rolled back, so the other tests never see the demo commune.
"""

import io
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.pdfutils import FIXTURES, embedded_font_families, page_boxes, pdf_fonts, pdf_text, reference_coverage

REFERENCE = FIXTURES / "ke-hoach-01-KH-UBND-2022-xuan-son.txt"
PDFCHECK = FIXTURES / "pdfcheck.py"
# Marked so that pytest-django sets up the test database even when this module runs alone; the module fixture below
# seeds it (and rolls back) instead of touching the development database.
pytestmark = pytest.mark.django_db
MIN_COVERAGE = 95.0
TOP_MARGIN_MM = 20


@pytest.fixture(scope="module")
def plan_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "01-KH-UBND-2022.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        call_command(
            "render_document", "--year", "2022", "--number", "01/KH-UBND", "--output", str(path),
            stdout=io.StringIO(),
        )
        transaction.set_rollback(True)
    return path


@pytest.fixture(scope="module")
def text(plan_pdf):
    return pdf_text(plan_pdf)


@pytest.fixture(scope="module")
def pages(plan_pdf):
    return page_boxes(plan_pdf)


def _appendix_start(pages):
    return next(page.number for page in pages if "PHỤ LỤC" in page.text)


def test_text_covers_the_seed_plan(text):
    coverage = reference_coverage(text, REFERENCE)
    print(coverage)
    for line in coverage.missing:
        print("missing:", line[:110])
    assert coverage.percent >= MIN_COVERAGE


def test_every_seed_line_is_printed(text):
    # pdfcheck's halves rule misses paragraphs that a page break splits off-centre, as the page number lands in
    # between; without the page numbers the only line left is the one the seed data mends on purpose
    # ("đơn vị Cụm\n\ntrường Cụm thi đua" in the seed file is "đơn vị Cụm trưởng Cụm thi đua").
    body = "\n".join(line for line in text.splitlines() if not re.fullmatch(r"\d{1,3}", line.strip()))
    coverage = reference_coverage(body, REFERENCE)
    print(coverage)
    assert [line[:40] for line in coverage.missing] == ["trường cụm thi đua số 02 (khối xã). cá n"]


def test_pdfcheck_passes(plan_pdf):
    result = subprocess.run(
        [sys.executable, str(PDFCHECK), str(plan_pdf), str(REFERENCE), str(MIN_COVERAGE)],
        capture_output=True, text=True,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout


def test_one_embedded_liberation_serif_family(plan_pdf):
    fonts = pdf_fonts(plan_pdf)
    assert fonts
    assert all(font.embedded for font in fonts), fonts
    families = {font.family for font in fonts}
    assert len(families) == 1, families
    # The PDF names the fonts after the CSS family; the embedded programs show the real face.
    family = next(iter(families)).lower()
    assert any(k in family for k in ("times", "liberationserif", "tinos")), family
    embedded = embedded_font_families(plan_pdf)
    assert {family for family, _ in embedded} == {"Liberation Serif"}
    assert all(version.startswith("Version 2.") for _, version in embedded), embedded


def test_every_page_is_a4(pages):
    assert len(pages) >= 3
    assert [page.number for page in pages if not page.is_a4] == []


def test_portrait_pages_keep_the_margins(pages):
    portrait = [page for page in pages if page.is_portrait and page.words]
    assert portrait
    for page in portrait:
        assert page.left_margin_mm >= 30 - 0.2, (page.number, page.left_margin_mm)
        assert page.right_margin_mm >= 15 - 0.2, (page.number, page.right_margin_mm)


@pytest.mark.parametrize(
    "expected",
    [
        "Số: 01/KH-UBND",
        "Xuân Sơn, ngày 04 tháng 01 năm 2022",
        "KẾ HOẠCH",
        "Công tác thi đua, khen thưởng năm 2022",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Vân",
        "Nơi nhận",
        "- Lưu: VT",
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 01/KH-UBND ngày 04/01/2022 của Ủy ban nhân dân xã Xuân Sơn)",
    ],
)
def test_text_holds(text, expected):
    assert expected in " ".join(text.split())


def test_pages_are_numbered_from_page_two_at_the_top(pages):
    first, second = pages[0], pages[1]
    assert first.words_above(TOP_MARGIN_MM) == []
    numbers = second.words_above(TOP_MARGIN_MM)
    assert [w.text for w in numbers] == ["2"]
    centre = (numbers[0].x_min + numbers[0].x_max) / 2
    assert abs(centre - second.width / 2) < 0.1 * second.width  # centred (between the margins)


def test_appendix_is_landscape_and_numbered_on_its_own(pages):
    start = _appendix_start(pages)
    assert start > 1
    body, appendix = pages[: start - 1], pages[start - 1 :]
    assert all(page.is_portrait for page in body)
    assert all(not page.is_portrait for page in appendix)
    assert appendix[0].words_above(TOP_MARGIN_MM) == []
    for index, page in enumerate(appendix[1:], start=2):
        assert [w.text for w in page.words_above(TOP_MARGIN_MM)] == [str(index)]


def test_signature_block_sits_beside_the_recipients(pages):
    page = next(page for page in pages if "Nơi nhận:" in page.text)
    label = next(w for w in page.words if w.text == "Nơi")
    capacity = next(w for w in page.words if w.text == "TM.")
    assert capacity.x_min > label.x_max  # to the right of "Nơi nhận"
    assert abs(capacity.y_min - label.y_min) < 10  # on the same line
