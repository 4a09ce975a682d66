"""Exchange with the cluster: the summary workbook and CSV read back, the unit's form as a real PDF, and the Excel
import (all rows or none, errors named by row and column, only real workbooks accepted)."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.catalogue import load_catalogue
from awards.models import Title
from directory.models import Person
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.exporters import neutralise
from registrations.importers import PeopleImporter, RegistrationImporter
from registrations.models import Phase, Registration
from tests import factories as f
from tests.conftest import login
from tests.downloads import body
from tests.pdfutils import pdf_fonts, pdf_text

YEAR = 2022
SUMMARY_HEADERS = ["STT", "Đơn vị", "Đối tượng đăng ký", "Loại", "Danh hiệu", "Sáng kiến / căn cứ", "Trạng thái"]
PEOPLE_HEADERS = ["Họ và tên", "Giới tính", "Năm sinh", "Đơn vị", "Chức vụ", "Điện thoại", "Email"]
REGISTRATION_HEADERS = ["Năm", "Đơn vị", "Danh hiệu", "Họ và tên", "Hộ gia đình", "Ghi chú"]
# The template adds the optional ground columns; a file with only the six above still imports.
TEMPLATE_REGISTRATION_HEADERS = REGISTRATION_HEADERS + ["Căn cứ", "Sáng kiến", "Minh chứng"]


@pytest.fixture
def phase(commune):
    load_catalogue()
    return Phase.objects.create(commune=commune, year=YEAR, kind=PhaseKind.REGISTRATION, name="Đăng ký 2022",
                                opens_on=datetime.date(YEAR, 1, 5), closes_on=datetime.date(YEAR, 1, 31))


def title(code):
    return Title.objects.get(code=code, rule_set__effective_from__year=2017)


def register(phase, unit, code, *, person=None, household="", status=RegistrationStatus.SUBMITTED):
    t = title(code)
    return Registration.objects.create(
        commune=phase.commune, year=phase.year, phase=phase, unit=unit, title=t, recipient_kind=t.recipient_kind,
        person=person, household=household, status=status,
    )


@pytest.fixture
def registrations(phase, thon_a, thon_b, hamlet_leader):
    an = hamlet_leader.person
    hoa = f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="=1+1")
    binh = f.PersonFactory(commune=thon_b.commune, unit=thon_b, full_name="Đỗ Thị Bình")
    return [
        register(phase, thon_a, "ldtt", person=an),
        register(phase, thon_a, "ldtt", person=hoa),
        register(phase, thon_a, "thon-van-hoa"),
        register(phase, thon_b, "ldtt", person=binh, status=RegistrationStatus.DRAFT),
        register(phase, thon_b, "gia-dinh-van-hoa", household="Hộ ông Kiều Văn Lâm, xóm Đình"),
    ]


def read_xlsx(response):
    content = b"".join(response.streaming_content)
    return [list(row) for row in load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)]


def data_rows(rows):
    start = rows.index(SUMMARY_HEADERS) + 1
    end = next(i for i in range(start, len(rows)) if not rows[i] or rows[i][0] is None)
    return rows[start:end]


# --- export -----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_summary_workbook_reads_back(client, office_clerk, registrations):
    response = login(client, office_clerk).get(reverse("registrations:summary_xlsx"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response)
    assert rows[0][0] == "ỦY BAN NHÂN DÂN XÃ XUÂN SƠN"
    assert rows[1][0] == "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2022"
    assert data_rows(rows) == [
        # Within a unit and a title, people in Vietnamese order (by given name; "=1+1" sorts first).
        [1, "Thôn A", "=1+1", "Cá nhân", "Lao động tiên tiến", None, "Đã gửi"],
        [2, "Thôn A", "Trần Văn An", "Cá nhân", "Lao động tiên tiến", None, "Đã gửi"],
        [3, "Thôn A", "Thôn A", "Thôn, tổ dân phố", "Thôn, tổ dân phố văn hóa", None, "Đã gửi"],
        [4, "Thôn B", "Đỗ Thị Bình", "Cá nhân", "Lao động tiên tiến", None, "Nháp"],
        [5, "Thôn B", "Hộ ông Kiều Văn Lâm, xóm Đình", "Hộ gia đình", "Gia đình văn hóa", None, "Đã gửi"],
    ]
    totals = rows[next(i for i, row in enumerate(rows) if row[1:2] == ["TỔNG HỢP THEO DANH HIỆU"]):]
    assert totals[1][1:5:3] == ["Danh hiệu", "Số lượng"]
    assert [r[1:5:3] for r in totals[2:]] == [
        ["Lao động tiên tiến", 3], ["Thôn, tổ dân phố văn hóa", 1], ["Gia đình văn hóa", 1], ["Tổng cộng", 5]]


@pytest.mark.django_db
def test_summary_workbook_page_setup(client, office_clerk, registrations):
    response = login(client, office_clerk).get(reverse("registrations:summary_xlsx"), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows.replace("$", "") == "4:4"  # the header row repeats on every printed page


@pytest.mark.django_db
def test_leader_gets_only_own_unit(client, hamlet_leader, registrations):
    response = login(client, hamlet_leader).get(reverse("registrations:summary_xlsx"), {"year": YEAR})
    assert {row[1] for row in data_rows(read_xlsx(response))} == {"Thôn A"}


@pytest.mark.django_db
def test_formula_text_is_exported_as_a_text_cell_equal_to_the_original(client, office_clerk, registrations):
    response = login(client, office_clerk).get(reverse("registrations:summary_xlsx"), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=1+1")
    assert (cell.data_type, cell.number_format, cell.quotePrefix) == ("s", "@", True)
    assert sheet.cell(row=cell.row + 1, column=cell.column).value == "Trần Văn An"
    assert sheet.cell(row=cell.row + 1, column=cell.column).number_format == "General"  # only that cell is text


def test_keep_as_text_in_a_full_workbook():
    from registrations.exporters import keep_as_text

    workbook = Workbook()
    cells = [keep_as_text(workbook.active.cell(row=1, column=i, value=v))
             for i, v in enumerate(["=SUM(A1)", "+84912", "An", 3], 1)]
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [c.value for c in sheet[1]] == ["=SUM(A1)", "+84912", "An", 3]
    assert [c.data_type for c in sheet[1]] == ["s", "s", "s", "n"]
    assert cells[0].number_format == sheet["A1"].number_format == "@"


@pytest.mark.django_db
def test_csv_has_the_same_rows(client, council_member, registrations):
    login(client, council_member)
    workbook = data_rows(read_xlsx(client.get(reverse("registrations:summary_xlsx"), {"year": YEAR})))
    response = client.get(reverse("registrations:registrations_csv"), {"year": YEAR})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert lines[0] == SUMMARY_HEADERS
    # The CSV has no cell types: text that could start a formula keeps the usual apostrophe there.
    assert lines[1:] == [["" if v is None else str(neutralise(v)) for v in row] for row in workbook]
    assert lines[1][2] == "'=1+1"


def test_neutralise():
    from registrations.exporters import neutralise

    assert [neutralise(v) for v in ["=1+1", "+84912", "-x", "@SUM(A1)", "\tx", "An", -3, None]] == [
        "'=1+1", "'+84912", "'-x", "'@SUM(A1)", "'\tx", "An", -3, None]


# --- unit form PDF ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_form_pdf(client, hamlet_leader, registrations, tmp_path):
    response = login(client, hamlet_leader).get(reverse("registrations:unit_form_pdf"),
                                                {"year": YEAR, "unit": registrations[0].unit_id})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "form.pdf"
    path.write_bytes(body(response))
    text = pdf_text(path)
    for expected in ("BẢN ĐĂNG KÝ THI ĐUA", "THÔN A", "UBND XÃ XUÂN SƠN", "Trần Văn An", "=1+1",
                     "Lao động tiên tiến", "TRƯỞNG THÔN", "Số: ......", "Nơi nhận:"):
        assert expected in text, expected
    assert "Đỗ Thị Bình" not in text
    fonts = pdf_fonts(path)
    assert fonts and all(font.embedded for font in fonts)
    assert len({font.family for font in fonts}) == 1
    assert "liberationserif" in next(iter({font.family for font in fonts})).lower()


# --- import -----------------------------------------------------------------------------------------------------------


def xlsx(headers, rows, name="danh-sach.xlsx"):
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


GOOD_PEOPLE = [
    ["Nguyễn Thị Lan", "Nữ", 1985, "Thôn A", "Chi hội trưởng", "0912000111", "lan@example.com"],
    ["Kiều Văn Hùng", "Nam", 1970, "Thôn B", "", "", ""],
    ["Phùng Thị Mai", "nữ", "1990", "thôn a", None, None, None],
]


@pytest.mark.django_db
def test_import_people_preview_then_confirm(client, office_clerk, thon_a, thon_b):
    login(client, office_clerk)
    before = Person.objects.count()
    response = client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, GOOD_PEOPLE)})
    assert response.status_code == 200
    assert response.context["result"].is_valid
    assert Person.objects.count() == before  # the preview saves nothing
    response = client.post(reverse("registrations:import_people_confirm"))
    assert response.status_code == 302
    lan = Person.objects.get(full_name="Nguyễn Thị Lan")
    assert (lan.unit, lan.gender, lan.birth_year, lan.email) == (thon_a, "female", 1985, "lan@example.com")
    assert Person.objects.get(full_name="Phùng Thị Mai").unit == thon_a
    assert Person.objects.count() == before + 3
    # The stored file is gone with the session entry: confirming twice imports nothing more.
    client.post(reverse("registrations:import_people_confirm"))
    assert Person.objects.count() == before + 3


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_names_row_and_column(client, office_clerk, thon_a, thon_b):
    login(client, office_clerk)
    before = Person.objects.count()
    rows = GOOD_PEOPLE[:2] + [["Lê Văn Tám", "Nam", 1988, "Thôn Z", "", "", ""]] + GOOD_PEOPLE[2:]
    response = client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, rows)})
    errors = response.context["result"].errors
    assert errors == ["Dòng 4, cột D (Đơn vị): Không có đơn vị nào tên “Thôn Z” trong xã."]
    assert "Dòng 4, cột D (Đơn vị)" in response.content.decode()
    response = client.post(reverse("registrations:import_people_confirm"))
    assert response.status_code == 400
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_import_people_checks_each_cell(office_clerk, thon_a, tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(xlsx(PEOPLE_HEADERS, [
        ["", "Nam", 1980, "Thôn A", "", "", ""],
        ["Trần Văn Ba", "Khác", 3000, "Thôn A", "", "", "khong-phai-email"],
    ]).read())
    result = PeopleImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True)
    assert result.errors == [
        "Dòng 2, cột A (Họ và tên): Ô này không được để trống.",
        "Dòng 3, cột B (Giới tính): Ghi Nam hoặc Nữ.",
        "Dòng 3, cột C (Năm sinh): Ghi năm bằng bốn chữ số, ví dụ 1980.",
        "Dòng 3, cột G (Email): Địa chỉ thư điện tử không hợp lệ.",
    ]
    assert not Person.objects.filter(full_name="Trần Văn Ba").exists()


@pytest.mark.django_db
def test_non_xlsx_content_is_refused(client, office_clerk, thon_a):
    login(client, office_clerk)
    fake = SimpleUploadedFile("danh-sach.xlsx", b"Ho va ten,Gioi tinh\nAn,Nam\n", content_type=
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = client.post(reverse("registrations:import_people"), {"file": fake})
    assert response.status_code == 400
    assert "không phải là tệp Excel" in response.content.decode()


@pytest.mark.django_db
def test_oversized_file_is_refused(client, office_clerk, thon_a, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    login(client, office_clerk)
    response = client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, GOOD_PEOPLE)})
    assert response.status_code == 400


@pytest.mark.django_db
def test_templates_download_with_headers_and_an_example(client, office_clerk):
    login(client, office_clerk)
    for name, headers in (("import_template_people", PEOPLE_HEADERS),
                          ("import_template_registrations", TEMPLATE_REGISTRATION_HEADERS)):
        response = client.get(reverse(f"registrations:{name}"))
        rows = read_xlsx(response)
        assert rows[0] == headers
        assert len(rows) == 2 and rows[1][0]


@pytest.mark.django_db
def test_import_registrations_checks_the_rules(office_clerk, phase, thon_a, hamlet_leader, tmp_path):
    an = hamlet_leader.person
    path = tmp_path / "dang-ky.xlsx"
    path.write_bytes(xlsx(REGISTRATION_HEADERS, [
        [YEAR, "Thôn A", "Lao động tiên tiến", an.full_name, "", ""],
        [YEAR, "Thôn A", "cstdcs", an.full_name, "", ""],  # no initiative: refused under the 2022 rules
    ]).read())
    errors = RegistrationImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True).errors
    # The rule's own message (registrations.eligibility), placed on row 3 in the title's column; the quota (15 % of
    # one LĐTT) is broken too. Row 2 is valid but is not saved either.
    assert errors and all(e.startswith("Dòng 3, cột C (Danh hiệu): ") for e in errors), errors
    assert any("sáng kiến" in e or "initiative" in e for e in errors), errors
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_import_registrations_creates_drafts(client, office_clerk, phase, thon_a, thon_b, hamlet_leader):
    login(client, office_clerk)
    an = hamlet_leader.person
    upload = xlsx(REGISTRATION_HEADERS, [
        [YEAR, "Thôn A", "Lao động tiên tiến", an.full_name, "", "Ghi chú"],
        [YEAR, "Thôn A", "thon-van-hoa", "", "", ""],
        [YEAR, "Thôn B", "Gia đình văn hóa", "", "Hộ bà Lê Thị Nga", ""],
    ])
    response = client.post(reverse("registrations:import_registrations"), {"file": upload})
    assert response.context["result"].is_valid, response.context["result"].errors
    assert not Registration.objects.exists()
    client.post(reverse("registrations:import_registrations_confirm"))
    saved = list(Registration.objects.order_by("pk").values_list("unit__name", "title__code", "person", "household",
                                                                 "status", "note", "created_by"))
    assert saved == [
        ("Thôn A", "ldtt", an.pk, "", "draft", "Ghi chú", office_clerk.pk),
        ("Thôn A", "thon-van-hoa", None, "", "draft", "", office_clerk.pk),
        ("Thôn B", "gia-dinh-van-hoa", None, "Hộ bà Lê Thị Nga", "draft", "", office_clerk.pk),
    ]
    assert all(r.events.filter(action="created").exists() for r in Registration.objects.all())


@pytest.mark.django_db
def test_import_registrations_names_unknown_person_and_duplicates(office_clerk, phase, thon_a, thon_b,
                                                                  hamlet_leader, tmp_path):
    an = hamlet_leader.person
    path = tmp_path / "dang-ky.xlsx"
    path.write_bytes(xlsx(REGISTRATION_HEADERS, [
        [YEAR, "Thôn B", "ldtt", an.full_name, "", ""],  # An belongs to Thôn A
        [YEAR, "Thôn A", "ldtt", an.full_name, "", ""],
        [YEAR, "Thôn A", "ldtt", an.full_name, "", ""],  # the same registration twice
        [YEAR, "Thôn A", "Danh hiệu lạ", "", "", ""],
    ]).read())
    errors = RegistrationImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True).errors
    assert [e.split(":")[0] for e in errors] == ["Dòng 2, cột D (Họ và tên)", "Dòng 4, cột C (Danh hiệu)",
                                                 "Dòng 5, cột C (Danh hiệu)"], errors
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_damaged_workbook_is_refused_cleanly(client, office_clerk, tmp_path):
    """A workbook whose sheet XML is cut short opens lazily and fails while reading: a Vietnamese error, no 500."""
    import io
    import zipfile

    import openpyxl

    good = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Giới tính", "Năm sinh", "Đơn vị", "Chức vụ", "Điện thoại", "Email"])
    workbook.save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    damaged.name = "hong.xlsx"
    client.force_login(office_clerk)
    response = client.post(reverse("registrations:import_people"), {"file": damaged})
    assert response.status_code in (200, 400)
    assert "không phải là tệp Excel (.xlsx)" in response.content.decode()


# --- Excel as offices fill it: merged cells, formulas -------------------------------------------------------------


def _saved(workbook, *, cached: dict | None = None) -> bytes:
    """The workbook's bytes; `cached` {"C3": "1985"} writes a cached value after those cells' formulas, as Excel
    does when it saves (openpyxl writes formulas without values)."""
    import re
    import zipfile

    buffer = io.BytesIO()
    workbook.save(buffer)
    if not cached:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for ref, value in cached.items():
                    data = re.sub(rb'(<c r="%s"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?' % ref.encode(),
                                  rb"\1<v>%s</v>" % value.encode(), data)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.django_db
def test_import_fills_merged_cells_down(office_clerk, thon_a, thon_b, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH NGƯỜI"])  # a title merged across the columns, the header below it
    sheet.merge_cells("A1:G1")
    sheet.append(PEOPLE_HEADERS)
    sheet.append(["Nguyễn Thị Lan", "Nữ", 1985, "Thôn B", "", "", ""])
    sheet.append(["Kiều Văn Hùng", "Nam", 1970, None, "", "", ""])
    sheet.append(["Phùng Thị Mai", None, 1990, None, "", "", ""])
    sheet.append(["Đỗ Văn Nam", "Nam", 1991, "Thôn A", "", "", ""])
    sheet.merge_cells("D3:D5")  # the unit, written once over three rows
    sheet.merge_cells("B4:B5")
    path = tmp_path / "merged.xlsx"
    path.write_bytes(_saved(workbook))
    result = PeopleImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True)
    assert result.errors == [] and result.saved == 4
    people = dict(Person.objects.filter(full_name__in=["Nguyễn Thị Lan", "Kiều Văn Hùng", "Phùng Thị Mai",
                                                        "Đỗ Văn Nam"]).values_list("full_name", "unit__name"))
    assert people == {"Nguyễn Thị Lan": "Thôn B", "Kiều Văn Hùng": "Thôn B", "Phùng Thị Mai": "Thôn B",
                      "Đỗ Văn Nam": "Thôn A"}
    assert Person.objects.get(full_name="Phùng Thị Mai").gender == "male"


@pytest.mark.django_db
def test_import_old_path_fills_merged_cells(tmp_path):
    from xuanson_tdkt.spreadsheets import Column, open_workbook, read_sheet

    workbook = Workbook()
    workbook.active.append(["Đơn vị", "Tên"])
    for name in ["An", "Bình", "Chi"]:
        workbook.active.append(["Thôn A" if name == "An" else None, name])
    workbook.active.merge_cells("A2:A4")
    path = tmp_path / "merged.xlsx"
    path.write_bytes(_saved(workbook))
    opened = open_workbook(path)
    rows, letters = read_sheet(opened.worksheets[0], [Column("Đơn vị", required=True), Column("Tên")])
    opened.close()
    assert [row.values for row in rows] == [{"Đơn vị": "Thôn A", "Tên": name} for name in ["An", "Bình", "Chi"]]


@pytest.mark.django_db
def test_import_uses_a_formula_cached_value_and_names_one_without(office_clerk, thon_a, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PEOPLE_HEADERS)
    sheet.append(["Nguyễn Thị Lan", "Nữ", "=1980+5", "Thôn A", "", "", ""])
    sheet.append(["Kiều Văn Hùng", "Nam", "=1960+10", "Thôn A", "", "", ""])
    path = tmp_path / "formulas.xlsx"
    path.write_bytes(_saved(workbook, cached={"C2": "1985"}))
    result = PeopleImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True)
    assert result.errors == [
        "Ô C3 chứa công thức (=1960+10) chưa có giá trị: hãy dán giá trị thay cho công thức."]
    assert result.rows[0].values["Năm sinh"] == 1985 and not result.rows[0].errors
    path.write_bytes(_saved(workbook, cached={"C2": "1985", "C3": "1970"}))
    result = PeopleImporter(commune=thon_a.commune, by=office_clerk).run(path, commit=True)
    assert result.errors == [] and result.saved == 2
    assert Person.objects.get(full_name="Kiều Văn Hùng").birth_year == 1970
