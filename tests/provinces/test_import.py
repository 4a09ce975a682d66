"""Import of a province's communes from the Excel template: preview with row-by-row Vietnamese errors, confirm saves
all rows or none, a damaged or non-Excel file is refused with a clear message."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from directory.models import Commune
from documents.models import Series
from provinces.importers import CommuneImporter

pytestmark = pytest.mark.django_db
HEADERS = [column.header for column in CommuneImporter.columns]


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return SimpleUploadedFile("xa.xlsx", stream.getvalue())


def upload(client, file):
    return client.post(reverse("provinces:import"), {"file": file}, HTTP_ACCEPT_LANGUAGE="vi")


GOOD = [
    ("Minh Châu", "xã", "", "", "huyện Ba Vì", "30/06/2025"),
    ("Sơn Đông", "phường", "son-dong", "Sơn Đông", "", datetime.datetime(2025, 6, 30)),
    ("Bạch Long Vĩ", "đặc khu", "", "", "", None),
]


def test_the_template_has_the_headers(client, province_operator):
    client.force_login(province_operator)
    response = client.get(reverse("provinces:import_template"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADERS


def test_a_good_file_is_previewed_then_imported(client, province_operator, commune):
    client.force_login(province_operator)
    response = upload(client, workbook(*GOOD))
    assert response.status_code == 200 and response.context["result"].is_valid
    assert Commune.objects.count() == 1  # the preview saves nothing
    response = client.post(reverse("provinces:import_confirm"))
    assert response.status_code == 302
    made = {c.slug: c for c in Commune.objects.filter(province=commune.province).exclude(pk=commune.pk)}
    assert set(made) == {"minh-chau", "son-dong", "bach-long-vi"}
    assert made["minh-chau"].parent_authority_until == datetime.date(2025, 6, 30)
    assert made["son-dong"].kind_label == "phường" and made["son-dong"].parent_authority_until == datetime.date(
        2025, 6, 30)
    assert Series.objects.get(commune=made["bach-long-vi"], code="UBND").issuing_body_lines == [
        "ỦY BAN NHÂN DÂN", "ĐẶC KHU BẠCH LONG VĨ"]
    assert made["minh-chau"].history.first().history_user == province_operator
    # A second confirm finds no file waiting.
    assert client.post(reverse("provinces:import_confirm")).status_code == 302
    assert Commune.objects.count() == 4


@pytest.mark.parametrize("row, header, words", [
    (("", "xã", "", "", "", ""), "Tên xã/phường", "không được để trống"),
    (("Minh Châu", "huyện", "", "", "", ""), "Loại", "xã, phường"),
    (("Minh Châu", "xã", "", "", "", "31/02/2025"), "Đến ngày", "dd/mm/yyyy"),
    (("Minh Châu", "xã", "", "", "", "2025-06-30"), "Đến ngày", "dd/mm/yyyy"),
    (("Xuân Sơn", "xã", "", "", "", ""), "Tên xã/phường", "Xuân Sơn"),
    (("Minh Châu", "xã", "xuan-son", "", "", ""), "Mã", "xuan-son"),
    (("Sơn Đông", "xã", "", "", "", ""), "Tên xã/phường", "dòng 2"),
    (("Cổ Đông", "xã", "son-dong", "", "", ""), "Mã", "dòng 2"),
])
def test_each_row_error_is_named_and_nothing_is_saved(client, province_operator, commune, row, header, words):
    client.force_login(province_operator)
    response = upload(client, workbook(GOOD[1], row))
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert len(errors) == 1, errors
    assert errors[0].startswith("Dòng 3") and header in errors[0] and words in errors[0], errors
    # Confirming anyway imports nothing: the good row is rolled back with the bad one.
    assert client.post(reverse("provinces:import_confirm")).status_code == 400
    assert list(Commune.objects.values_list("slug", flat=True)) == ["xuan-son"]


@pytest.mark.parametrize("content, name", [
    (b"PK\x03\x04 not really a zip", "xa.xlsx"),
    (b"name,kind\nMinh Chau,xa\n", "xa.csv"),
    (b"%PDF-1.4 a pdf", "xa.xlsx"),
])
def test_a_damaged_or_foreign_file_is_refused(client, province_operator, commune, content, name):
    client.force_login(province_operator)
    response = upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert "không phải" in response.context["file_error"] and "Excel" in response.context["file_error"]
    assert Commune.objects.count() == 1


def test_a_truncated_workbook_is_refused(client, province_operator, commune):
    good = workbook(*GOOD).read()
    client.force_login(province_operator)
    response = upload(client, SimpleUploadedFile("xa.xlsx", good[: len(good) // 2]))
    assert response.status_code == 400
    assert Commune.objects.count() == 1


def test_a_file_over_the_limit_is_refused(client, province_operator, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(province_operator)
    response = upload(client, workbook(*GOOD))
    assert response.status_code == 400 and "MB" in response.context["file_error"]
