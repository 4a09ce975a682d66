"""Checking uploaded files by their content, not by their name or the browser's claimed type.

A file is accepted only when its bytes are one of the allowed formats (PDF, DOCX, XLSX, JPEG, PNG), its extension
agrees with what the bytes are, and it is no larger than settings.UPLOAD_MAX_BYTES. Accepted files are stored under a
generated name; the original name is kept only as data.
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Office files are small XML manifests in a ZIP; anything claiming to unpack to more than this is refused unread.
MAX_ZIP_MEMBER_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000


@dataclass(frozen=True)
class FileKind:
    code: str  # "pdf", "docx", ...
    label: str  # what users call it
    content_type: str
    extensions: tuple[str, ...]  # the first is used for stored names


KINDS = {
    kind.code: kind
    for kind in [
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 (".docx",)),
        FileKind("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        FileKind("jpeg", "JPG", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("png", "PNG", "image/png", (".png",)),
    ]
}
ACCEPT_ATTRIBUTE = ",".join(ext for kind in KINDS.values() for ext in kind.extensions)


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    original_name: str
    size: int

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    def generated_name(self) -> str:
        """A name that says nothing the uploader chose: no path tricks, no clashes, the detected extension."""
        return f"{uuid.uuid4().hex}{self.kind.extensions[0]}"


def kind_for_extension(name: str) -> FileKind | None:
    extension = PurePath(name).suffix.lower()
    for kind in KINDS.values():
        if extension in kind.extensions:
            return kind
    return None


def _zip_kind(upload) -> str:
    """'docx', 'xlsx', 'zip' (another ZIP), 'encrypted' or 'corrupt'."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return "corrupt"
            if any(member.flag_bits & 0x1 for member in members):
                return "encrypted"
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                return "zip"
            if "word/document.xml" in names:
                kind, main = "docx", "word/document.xml"
            elif "xl/workbook.xml" in names:
                kind, main = "xlsx", "xl/workbook.xml"
            else:
                return "zip"
            # Reading the manifest and the main part checks their CRC: a damaged file fails here, not in Word.
            for name in ("[Content_Types].xml", main):
                if archive.getinfo(name).file_size > MAX_ZIP_MEMBER_BYTES:
                    return "corrupt"
                archive.read(name)
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError,
            NotImplementedError):
        return "corrupt"
    finally:
        upload.seek(0)


def detect_kind(upload) -> str | None:
    """The format the bytes really are: a KINDS code, 'zip', 'encrypted', 'corrupt' or None (unrecognised)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(PNG_SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def _describe(detected: str | None) -> str:
    if detected in KINDS:
        return _("a %(kind)s file") % {"kind": KINDS[detected].label}
    if detected == "zip":
        return _("a ZIP archive")
    if detected == "encrypted":
        return _("a password-protected file")
    if detected == "corrupt":
        return _("a damaged file")
    return _("an unrecognised format")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def check_upload(upload) -> CheckedUpload:
    """Accept an uploaded file or raise ValidationError with a Vietnamese message naming what is wrong."""
    name = PurePath(upload.name or "").name
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("File too large: at most %(limit)s MB (this file is %(size)s MB).") % {
            "limit": megabytes(limit), "size": f"{upload.size / (1024 * 1024):.1f}"}, code="too_large")
    if upload.size == 0:
        raise ValidationError(_("The file «%(name)s» is empty.") % {"name": name}, code="empty")
    expected = kind_for_extension(name)
    if expected is None:
        raise ValidationError(_("The file «%(name)s» is not accepted: only PDF, DOCX, XLSX, JPG and PNG.") % {
            "name": name}, code="extension")
    detected = detect_kind(upload)
    if detected != expected.code:
        raise ValidationError(_("The file «%(name)s» is not a real %(kind)s (its content is %(actual)s).") % {
            "name": name, "kind": expected.label, "actual": _describe(detected)}, code="content")
    return CheckedUpload(kind=expected, original_name=name, size=upload.size)


class CheckedFileField(forms.FileField):
    """A file checked by its content (check_upload); cleaned_data holds (upload, CheckedUpload), or None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ACCEPT_ATTRIBUTE

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or not hasattr(upload, "size"):
            return None
        return upload, check_upload(upload)


class StoredFiles:
    """Files written during a state change, removed again if it fails (the database rolls back; disks do not)."""

    def __init__(self):
        self.files = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for field_file in self.files:
                field_file.storage.delete(field_file.name)
        return False

    def save(self, field_file, name, content) -> None:
        content.seek(0)
        field_file.save(name, content, save=False)
        self.files.append(field_file)


def file_response(field_file, *, filename, content_type):
    """A stored private file as a download (never shown inline, never cached); 404 when it is gone."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
