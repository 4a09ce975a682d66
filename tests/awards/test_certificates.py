# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""Certificates that verify and print: the QR code of each certificate (read back from the PDF) leads to its award's
public page, which says whether the award still stands; the print on pre-printed blanks puts only the fields, each
where the commune's layout says (`pdftotext -bbox`); the layout page is the office's."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
import segno
from django.urls import reverse
from PIL import Image

from awards.blanks import DEFAULT_FIELDS, blank_certificates_pdf, calibration_pdf, save_certificate_layout
from awards.certificates import verification_url
from awards.decisions import create_decision, issue_decision, revoke_award, submit_decision
from awards.documents import certificates_pdf
from awards.enums import AwardStatus, BlankField, Decider
from awards.models import Award, CertificateLayout, CertificateLayoutField
from directory.enums import Role
from tests import factories as f
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    meeting,
    passed,
)
from tests.pdfutils import MM, page_boxes, pdf_fonts

pytestmark = pytest.mark.django_db
SITE = "https://tdkt.xuanson.example"


@pytest.fixture
def decision(commune, office_clerk, commune_nominations):
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    return issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)


def _active(decision) -> list[Award]:
    return list(decision.awards.filter(status=AwardStatus.ACTIVE).select_related("commune").order_by("position", "pk"))


def _images(pdf: bytes, tmp_path) -> list[Image.Image]:
    """The pictures embedded in the PDF, in page order, at their own resolution (`pdfimages`)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdfimages", "-png", str(path), str(tmp_path / "img")], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob("img-*.png"))]


def _matrix_of(image: Image.Image) -> list[list[bool]]:
    width, height = image.size
    return [[image.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)]


# The QR code and the verification page --------------------------------------------------------------------------


def test_every_award_has_its_own_unguessable_key(decision):
    tokens = [award.verification_token for award in decision.awards.all()]
    assert len(tokens) == 3 and len(set(tokens)) == 3
    assert all(len(token) >= 24 for token in tokens)


def test_the_qr_code_of_each_certificate_is_its_verification_address(decision, settings, tmp_path):
    settings.SITE_URL = SITE
    pdf = certificates_pdf(decision)
    images = _images(pdf, tmp_path)
    awards = _active(decision)
    assert len(images) == len(awards) == 3  # one picture a certificate, nothing else
    for image, award in zip(images, awards, strict=True):
        url = f"{SITE}/public/xuan-son/verify/{award.verification_token}/"
        # The picture is the symbol module for module, quiet zone included: what any reader decodes to `url`.
        expected = [[bool(module) for module in row]
                    for row in segno.make(url, error="m", micro=False).matrix_iter(scale=1, border=4)]
        assert _matrix_of(image) == expected, award.recipient_name
    # The QR code brings no font: still one embedded Times-metric family.
    path = tmp_path / "gk.pdf"
    path.write_bytes(pdf)
    assert len({font.family for font in pdf_fonts(path)}) == 1


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools not installed (optional second reader)")
def test_a_qr_reader_reads_the_certificate(decision, settings, tmp_path):
    settings.SITE_URL = SITE
    path = tmp_path / "gk.pdf"
    path.write_bytes(certificates_pdf(decision))
    # 300 dpi: the resolution of a scan of the printed sheet.
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    page = next(tmp_path.glob("page*.png"))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True).stdout
    assert read.splitlines()[0] == f"{SITE}/public/xuan-son/verify/{_active(decision)[0].verification_token}/"


def test_the_verification_page_shows_the_award_as_decided(client, decision):
    award = _active(decision)[0]
    response = client.get(reverse("disclosure:certificate_verify", args=["xuan-son", award.verification_token]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = " ".join(response.content.decode().split())
    for expected in [award.title.name, award.recipient_name, award.recipient_detail, "15/QĐ-UBND", "15/12/2022",
                     "Chủ tịch UBND xã Xuân Sơn", 'class="alert alert-success"']:
        assert expected in html, expected
    assert "alert-danger" not in html
    assert str(award.amount) not in html  # only what the certificate prints: no reward money


def test_a_revoked_award_says_so_with_its_date(client, decision, office_clerk):
    award = _active(decision)[0]
    revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 1, 5), by=office_clerk)
    response = client.get(reverse("disclosure:certificate_verify", args=["xuan-son", award.verification_token]))
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert 'class="alert alert-danger"' in html and "alert-success" not in html
    assert "đã bị thu hồi" in html and "05/01/2023" in html
    assert "Gian dối" not in html  # the reason stays in the office


def test_an_unknown_key_or_another_communes_address_is_not_found(client, decision, other_commune):
    award = _active(decision)[0]
    assert client.get(reverse("disclosure:certificate_verify", args=["xuan-son", "x" * 24])).status_code == 404
    assert client.get(reverse("disclosure:certificate_verify",
                              args=[other_commune.slug, award.verification_token])).status_code == 404


def test_the_province_certificates_carry_the_qr_code_too(decision, tmp_path):
    # The province's certificates are built by the same page function (provinces.documents): it sets the code.
    from awards.documents import certificate_page

    award = _active(decision)[0]
    page = certificate_page(award, year=2022, line=("III", 1), form_heading="BẰNG KHEN")
    assert page["qr"].startswith("data:image/png;base64,")


# Printing on blanks ---------------------------------------------------------------------------------------------

# A layout with every alignment, boxes far apart: (x, y, width, size, alignment).
LAYOUT = {
    BlankField.RECIPIENT: (40, 60, 200, 20, "center"),
    BlankField.UNIT: (30, 80, 150, 14, "left"),
    BlankField.ACHIEVEMENT: (30, 95, 237, 13, "center"),
    BlankField.DECISION: (15, 140, 110, 12, "left"),
    BlankField.PLACE_DATE: (150, 120, 130, 12, "right"),
    BlankField.SIGNER: (160, 170, 100, 14, "center"),
    BlankField.QR: (20, 160, 30, 10, "center"),
}
TOLERANCE = 1.5 * MM  # points


def _save_layout(commune, by, layout=LAYOUT, **overrides):
    fields = {field: {"x_mm": Decimal(x), "y_mm": Decimal(y), "width_mm": Decimal(w), "font_size_pt": Decimal(s),
                      "align": a, "printed": True} for field, (x, y, w, s, a) in layout.items()}
    for field, values in overrides.items():
        fields[field].update(values)
    return save_certificate_layout(commune=commune, page_width_mm=Decimal(297), page_height_mm=Decimal(210),
                                   fields=fields, by=by)


def _field_words(page, x, y, width):
    """The words inside a field's box: from its left to its right edge, from its top to 12 mm below."""
    return [w for w in page.words if x * MM - TOLERANCE <= w.x_min and w.x_max <= (x + width) * MM + TOLERANCE
            and y * MM - TOLERANCE <= w.y_min <= (y + 12) * MM]


def test_the_blank_print_has_only_the_fields_at_their_positions(decision, commune, office_clerk, tmp_path):
    _save_layout(commune, office_clerk)
    path = tmp_path / "phoi.pdf"
    path.write_bytes(blank_certificates_pdf(decision, commune))
    pages = page_boxes(path)
    assert len(pages) == 3 and all(page.is_a4 and not page.is_portrait for page in pages)
    page = pages[0]  # Đỗ Thị Lan's certificate
    expected = {
        BlankField.RECIPIENT: "Đỗ Thị Lan", BlankField.UNIT: "Chi hội trưởng Phụ nữ, Thôn A",
        BlankField.ACHIEVEMENT: "Có thành tích xuất sắc trong công tác dân số năm 2022",
        BlankField.DECISION: "15/QĐ-UBND ngày 15/12/2022",
        BlankField.PLACE_DATE: "Xuân Sơn, ngày 15 tháng 12 năm 2022", BlankField.SIGNER: "Hoàng Văn Vân",
    }
    claimed = []
    for field, text in expected.items():
        x, y, width, _size, align = LAYOUT[field]
        words = _field_words(page, x, y, width)
        assert " ".join(w.text for w in words) == text, field
        left, right = min(w.x_min for w in words), max(w.x_max for w in words)
        # The top of the text is the top of its box; its left, centre or right edge the box's.
        assert abs(min(w.y_min for w in words) - y * MM) <= TOLERANCE, (field, min(w.y_min for w in words) / MM)
        edge = {"left": (left, x), "right": (right, x + width), "center": ((left + right) / 2, x + width / 2)}[align]
        assert abs(edge[0] - edge[1] * MM) <= TOLERANCE, (field, edge[0] / MM, edge[1])
        claimed += words
    # Nothing else is printed: no frame text, heading, motto or list reference.
    assert sorted(page.words, key=id) == sorted(claimed, key=id)
    for absent in ["CỘNG HÒA", "Độc lập", "GIẤY KHEN", "TẶNG", "CHỦ TỊCH", "Danh sách kèm theo", "Quyết định số"]:
        assert absent not in page.text
    assert len({font.family for font in pdf_fonts(path)}) == 1


def test_the_qr_code_prints_in_its_box(decision, commune, office_clerk, tmp_path):
    """Only the QR code printed (every text field turned off): its dark modules fill its box, inside the quiet
    zone."""
    _save_layout(commune, office_clerk, **{field: {"printed": False} for field in LAYOUT if field != BlankField.QR})
    path = tmp_path / "qr.pdf"
    path.write_bytes(blank_certificates_pdf(decision, commune))
    assert page_boxes(path)[0].words == []
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-gray", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = image.point(lambda value: 255 if value < 128 else 0).getbbox()
    px = 100 / 25.4  # pixels per mm
    x, y, width = LAYOUT[BlankField.QR][:3]
    url = verification_url(_active(decision)[0])
    modules = segno.make(url, error="m", micro=False).symbol_size(border=4)[0]
    quiet = width * 4 / modules  # the quiet zone, mm
    left, top, right, bottom = (value / px for value in dark)
    assert abs(left - (x + quiet)) < 1 and abs(top - (y + quiet)) < 1
    assert abs(right - (x + width - quiet)) < 1 and abs(bottom - (y + width - quiet)) < 1


def test_without_a_layout_the_blank_prints_at_the_built_in_positions(decision, commune, tmp_path):
    assert not CertificateLayout.objects.exists()
    path = tmp_path / "phoi.pdf"
    path.write_bytes(blank_certificates_pdf(decision, commune))
    page = page_boxes(path)[0]
    x, y, width = (float(value) for value in DEFAULT_FIELDS[BlankField.RECIPIENT][:3])
    words = [w for w in _field_words(page, x, y, width) if abs(w.y_min - y * MM) <= TOLERANCE]
    assert " ".join(w.text for w in words) == "Đỗ Thị Lan"
    assert not CertificateLayout.objects.exists()  # reading writes nothing


def test_the_calibration_page_is_a_millimetre_grid_labelled_every_10_mm(commune, office_clerk, tmp_path):
    path = tmp_path / "grid.pdf"
    path.write_bytes(calibration_pdf(commune))
    page = page_boxes(path)[0]
    assert page.is_a4 and not page.is_portrait
    top_row = [w for w in page.words if w.y_max < 6 * MM and w.text.isdigit()]
    assert [int(w.text) for w in sorted(top_row, key=lambda w: w.x_min)] == list(range(10, 297, 10))
    for word in top_row:  # each label centred on its line
        assert abs((word.x_min + word.x_max) / 2 - int(word.text) * MM) < 1 * MM
    left_column = [w for w in page.words if w.x_max < 8 * MM and w.text.isdigit()]
    assert sorted(int(w.text) for w in left_column) == list(range(10, 210, 10))
    assert len({font.family for font in pdf_fonts(path)}) == 1
    # The blank's own size: a larger blank, a larger page.
    save_certificate_layout(commune=commune, page_width_mm=Decimal(330), page_height_mm=Decimal(250), fields={},
                            by=office_clerk)
    path.write_bytes(calibration_pdf(commune))
    big = page_boxes(path)[0]
    assert (round(big.width / MM), round(big.height / MM)) == (330, 250)


# The layout page ------------------------------------------------------------------------------------------------


def _post_data(client):
    page = client.get(reverse("awards:certificate_layout"))
    assert page.status_code == 200
    form, rows = page.context["form"], page.context["rows"]
    data = {form.add_prefix(name): form[name].value() for name in form.fields}
    for row in rows:
        for name in row.fields:
            value = row[name].value()
            if value is True:
                data[row.add_prefix(name)] = "on"
            elif value is not False:
                data[row.add_prefix(name)] = str(value)
    return {key: "" if value is None else str(value) for key, value in data.items()}


def test_the_office_edits_the_layout_with_history(client, commune, office_clerk):
    client.force_login(office_clerk)
    data = _post_data(client) | {"recipient-x_mm": "25.5", "recipient-align": "left", "signer-printed": ""}
    data.pop("signer-printed")
    response = client.post(reverse("awards:certificate_layout"), data)
    assert response.status_code == 302
    layout = CertificateLayout.objects.get(commune=commune)
    recipient = layout.fields.get(field=BlankField.RECIPIENT)
    assert (recipient.x_mm, recipient.align) == (Decimal("25.5"), "left")
    assert layout.fields.get(field=BlankField.SIGNER).printed is False
    assert layout.fields.count() == 7
    assert recipient.history.latest().history_user == office_clerk
    history = client.get(reverse("audit:history", args=["awards.certificatelayout", layout.pk]))
    assert history.status_code == 200


def test_a_box_off_the_blank_is_refused(client, commune, office_clerk):
    client.force_login(office_clerk)
    data = _post_data(client) | {"signer-x_mm": "250", "signer-width_mm": "100"}
    response = client.post(reverse("awards:certificate_layout"), data)
    assert response.status_code == 200
    assert not CertificateLayoutField.objects.exists()
    assert response.context["rows"][5].non_field_errors()


def test_a_colleagues_save_in_between_is_not_overwritten(client, commune, office_clerk):
    client.force_login(office_clerk)
    _save_layout(commune, office_clerk)
    opened = _post_data(client)
    client.post(reverse("awards:certificate_layout"), opened | {"unit-y_mm": "82"})
    response = client.post(reverse("awards:certificate_layout"), opened | {"unit-y_mm": "99"})
    assert response.status_code == 200 and response.context["form"].stale
    assert CertificateLayoutField.objects.get(field=BlankField.UNIT).y_mm == Decimal(82)


@pytest.mark.parametrize("persona", ["chairman", "council_member", "hamlet_leader", "outsider", "province_operator"])
def test_only_the_office_opens_the_layout_and_the_calibration(client, request, persona, commune, office_clerk):
    _save_layout(commune, office_clerk)
    client.force_login(request.getfixturevalue(persona))
    layout = CertificateLayout.objects.get()
    for url in [reverse("awards:certificate_layout"), reverse("awards:certificate_calibration"),
                reverse("audit:history", args=["awards.certificatelayout", layout.pk])]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert CertificateLayoutField.objects.get(field=BlankField.RECIPIENT).x_mm == Decimal(40)


def test_another_communes_office_has_its_own_layout(client, commune, office_clerk, other_commune):
    _save_layout(commune, office_clerk)
    unit = f.UnitFactory(commune=other_commune, name="Văn phòng")
    other = f.UserFactory(username="vanphong-codong")
    f.RoleFactory(person=f.PersonFactory(commune=other_commune, unit=unit, full_name="Lê Thị Hoa", user=other),
                  role=Role.OFFICE_STAFF)
    client.force_login(other)
    layout = CertificateLayout.objects.get(commune=commune)
    assert client.get(reverse("audit:history", args=["awards.certificatelayout", layout.pk])).status_code == 404
    page = client.get(reverse("awards:certificate_layout"))
    assert page.status_code == 200 and page.context["layout"].pk is None  # the defaults, not Xuân Sơn's


def test_the_blank_print_downloads_for_the_decisions_readers(client, decision, council_member, hamlet_leader):
    url = reverse("awards:decision_certificates_blank", args=[decision.pk])
    client.force_login(council_member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(hamlet_leader)
    assert client.get(url).status_code == 403
