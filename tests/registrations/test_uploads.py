"""Uploads are judged by their bytes: a renamed file, an encrypted or damaged archive or an oversize file is refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from registrations.uploads import check_upload, detect_kind

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def office_zip(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


DOCX = office_zip("word/document.xml")
XLSX = office_zip("xl/workbook.xml")


def encrypted(data: bytes) -> bytes:
    """The same archive with the 'encrypted' flag set in every header (zipfile cannot write encrypted archives)."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 0x1
            start += 4
    return bytes(data)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("to-trinh.pdf", PDF, "application/pdf"),
    ("anh.PNG", PNG, "image/png"),
    ("anh.jpg", JPEG, "image/jpeg"),
    ("anh.jpeg", JPEG, "image/jpeg"),
    ("bao-cao.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("so-lieu.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_real_files_are_accepted(name, content, content_type):
    checked = check_upload(upload(name, content, "text/plain"))  # what the browser claims does not matter
    assert (checked.content_type, checked.original_name, checked.size) == (content_type, name, len(content))
    generated = checked.generated_name()
    assert generated.endswith(checked.kind.extensions[0]) and name.split(".")[0] not in generated


def test_executable_disguised_as_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("sang-kien.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf"))
    assert error.value.messages == [
        "Tệp «sang-kien.pdf» không phải là PDF thật (nội dung là một định dạng không nhận ra được)."]


@pytest.mark.parametrize(("name", "content", "actual"), [
    ("anh.pdf", PNG, "tệp PNG"),
    ("bao-cao.docx", XLSX, "tệp XLSX"),
    ("so-lieu.xlsx", PDF, "tệp PDF"),
    ("anh.png", JPEG, "tệp JPG"),
    ("bao-cao.docx", encrypted(DOCX), "tệp có mật khẩu"),
    ("bao-cao.docx", DOCX[: len(DOCX) // 2], "tệp bị hỏng"),
    ("bao-cao.docx", office_zip("other.xml"), "tệp nén ZIP"),
])
def test_extension_must_agree_with_content(name, content, actual):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))
    assert actual in error.value.messages[0] and f"«{name}»" in error.value.messages[0]


def test_other_extensions_are_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("virus.exe", PDF))
    assert error.value.messages == ["Tệp «virus.exe» không được nhận: chỉ nhận PDF, DOCX, XLSX, JPG và PNG."]


def test_oversize_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    big = PDF + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("to-trinh.pdf", big))
    assert error.value.messages[0].startswith("Tệp quá lớn: tối đa 10 MB")


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("rong.pdf", b""))


def test_detection_leaves_the_file_at_its_start():
    file = upload("bao-cao.docx", DOCX)
    assert detect_kind(file) == "docx"
    assert file.read(4) == b"PK\x03\x04"
