"""Report outlines: parts and headings the clerk edits (numbering, nesting, tables placed), the council's "PHẦN THỨ
NHẤT / PHẦN THỨ HAI" layout, and no portal wording in the official document."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from reports.enums import OutlineKind, PartKey
from reports.outlines import numbered
from tests.conftest import login
from tests.pdfutils import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


def flat(text):
    return " ".join(text.split())


def rows_of(report, **changes):
    """The outline as save_outline takes it, with {part key or heading: {field: value}} changes."""
    rows = []
    for part in report.parts.all():
        row = {"part": part, "heading": part.heading, "level": part.level, "numbering": part.numbering,
               "tables": list(part.tables)}
        row.update(changes.get(part.key or part.heading, {}))
        rows.append(row)
    return rows


def printed(report, tmp_path, name="report.pdf"):
    path = tmp_path / name
    path.write_bytes(services.report_pdf_bytes(report))
    return pdf_text(path)


def test_the_default_outline_prints_todays_six_parts(commune, ubnd, office_clerk, year_data, tmp_path):
    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    assert [(p.key, p.level, p.numbering, p.position) for p in report.parts.all()] == [
        (key, 1, "roman", i) for i, key in enumerate(PartKey.values, 1)]
    text = flat(printed(report, tmp_path))
    for heading in ["I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO THI ĐUA", "II. KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA",
                    "III. KẾT QUẢ CÔNG TÁC KHEN THƯỞNG", "IV. ĐÁNH GIÁ CHUNG",
                    "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "VI. ĐỀ XUẤT, KIẾN NGHỊ"]:
        assert heading in text
    assert [int(n) for n in re.findall(r"Bảng (\d)\.", text)] == [1, 2, 3, 4, 5]


def test_the_council_outline_prints_phan_thu_nhat_once_and_no_portal_wording(commune, council_series, office_clerk,
                                                                             year_data, tmp_path):
    report = services.create_report(commune=commune, year=2022, period="year", series=council_series,
                                    by=office_clerk, outline=OutlineKind.COUNCIL)
    difficulties = report.parts.get(heading="NHỮNG KHÓ KHĂN VÀ THUẬN LỢI")
    services.save_part(part=difficulties, text="Thuận lợi: được cấp ủy quan tâm chỉ đạo.", by=office_clerk)
    text = printed(report, tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count("PHẦN THỨ NHẤT") == 1 and lines.count("PHẦN THỨ HAI") == 1
    body = flat(text)
    assert "PHẦN THỨ NHẤT KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2022" in body
    assert "PHẦN THỨ HAI PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2023" in body
    assert len(re.findall(r"(?<!\S)I\. ", body)) == 2  # "I." once under each PHẦN: no built-in "I." above it
    assert "I. NHỮNG KHÓ KHĂN VÀ THUẬN LỢI" in body and "II. CÔNG TÁC CHỈ ĐẠO" in body
    assert "I. PHƯƠNG HƯỚNG, NHIỆM VỤ" in body and "II. ĐỀ XUẤT, KIẾN NGHỊ" in body
    assert body.index("PHẦN THỨ NHẤT") < body.index("I. NHỮNG KHÓ KHĂN") < body.index("PHẦN THỨ HAI")
    assert "cổng thông tin" not in body and "Chưa có số liệu" not in body
    fonts = pdf_fonts(tmp_path / "report.pdf")
    assert fonts and all(font.embedded for font in fonts) and len({font.family for font in fonts}) == 1


def test_an_empty_heading_is_left_out_and_numbers_close_up(commune, council_series, office_clerk, year_data,
                                                           tmp_path):
    report = services.create_report(commune=commune, year=2022, period="year", series=council_series,
                                    by=office_clerk, outline=OutlineKind.COUNCIL)
    body = flat(printed(report, tmp_path))
    assert "KHÓ KHĂN VÀ THUẬN LỢI" not in body  # nothing written: left out
    assert "I. CÔNG TÁC CHỈ ĐẠO" in body and "II. KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO" in body


def test_the_clerk_renames_renumbers_moves_adds_and_places_tables(commune, ubnd, office_clerk, year_data, tmp_path):
    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    rows = rows_of(report, commendation={"tables": ["initiatives", "contest"]},
                   assessment={"heading": "Đánh giá chung", "level": 2, "numbering": "arabic", "tables": ["awards"]},
                   proposals={"delete": True})
    rows.insert(3, {"part": None, "heading": "Khen thưởng đột xuất", "level": 2, "numbering": "letter",
                    "tables": ["tasks"]})
    services.save_outline(report=report, rows=rows, by=office_clerk)
    parts = list(report.parts.all())
    assert [(p.heading, p.level, p.numbering) for p in parts] == [
        ("CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO THI ĐUA", 1, "roman"),
        ("KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA", 1, "roman"),
        ("KẾT QUẢ CÔNG TÁC KHEN THƯỞNG", 1, "roman"),
        ("Khen thưởng đột xuất", 2, "letter"),
        ("Đánh giá chung", 2, "arabic"),
        ("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", 1, "roman"),
    ]
    assert not report.parts.filter(key=PartKey.PROPOSALS).exists()
    labels = [(p["label"], [t["number"] for t in p["printed_tables"]])
              for p in numbered(services.report_content(report).parts, services.report_content(report),
                                printed_only=True)]
    assert labels == [("I.", [None]), ("II.", [1]), ("III.", [2, 3]), ("a)", [4]), ("2.", [5]), ("IV.", [])]
    body = flat(printed(report, tmp_path))
    assert "a) Khen thưởng đột xuất Bảng 4. Tiến độ thực hiện nhiệm vụ" in body
    assert "2. Đánh giá chung" in body and "Bảng 5. Khen thưởng theo hình thức và đối tượng" in body
    assert "IV. PHƯƠNG HƯỚNG" in body and "ĐỀ XUẤT, KIẾN NGHỊ" not in body


def test_the_outline_is_checked(commune, ubnd, office_clerk, year_data):
    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    with pytest.raises(ValidationError):  # the awards table twice
        services.save_outline(report=report, by=office_clerk,
                              rows=rows_of(report, direction={"tables": ["awards"]}))
    with pytest.raises(ValidationError):
        services.save_outline(report=report, by=office_clerk, rows=rows_of(report, direction={"heading": " "}))
    with pytest.raises(ValidationError):
        services.save_outline(report=report, by=office_clerk, rows=rows_of(report, direction={"level": 2}))
    assert report.parts.count() == 6


def test_a_new_version_keeps_the_outline(commune, council_series, office_clerk, year_data):
    import datetime

    report = services.create_report(commune=commune, year=2022, period="year", series=council_series,
                                    by=office_clerk, outline=OutlineKind.COUNCIL)
    services.issue_report(report=report, issued_on=datetime.date(2022, 12, 30), signer_name="Hoàng Văn Vân",
                          by=office_clerk)
    second = services.new_version(report=report, by=office_clerk)
    assert [(p.key, p.heading, p.level, p.numbering) for p in second.parts.all()] == [
        (p.key, p.heading, p.level, p.numbering) for p in report.parts.all()]


def test_the_outline_page(client, commune, ubnd, office_clerk, year_data):
    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    login(client, office_clerk)
    url = reverse("reports:outline_edit", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["rows"]
    data = {"lock-lock_version": report.lock_version}
    for row in form:
        for name, field in row.fields.items():
            value = row.initial.get(name, field.initial)
            if callable(value):
                value = value()
            if name == "tables":
                data[row.add_prefix(name)] = list(value or [])
            elif name == "delete":
                continue
            elif value is not None:
                data[row.add_prefix(name)] = value
    proposals = report.parts.get(key=PartKey.PROPOSALS)
    data[f"p{proposals.pk}-delete"] = "on"
    data["new0-heading"] = "KIẾN NGHỊ CỦA HỘI ĐỒNG"
    data["new0-level"] = 1
    data["new0-numbering"] = "roman"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["lock"].errors
    assert list(report.parts.values_list("heading", flat=True))[-1] == "KIẾN NGHỊ CỦA HỘI ĐỒNG"
    assert not report.parts.filter(key=PartKey.PROPOSALS).exists()
    # A second post from the page opened before is stale: nothing changes.
    data["new0-heading"] = "MỘT MỤC KHÁC"
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["lock"].stale
    assert not report.parts.filter(heading="MỘT MỤC KHÁC").exists()
