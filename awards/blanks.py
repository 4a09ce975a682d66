"""Printing certificates onto pre-printed blanks (phôi giấy khen).

A blank already carries the frame, the national heading, the motto and "GIẤY KHEN"; the office prints only the
fields, each in the box its commune's layout gives (millimetres from the paper's top-left corner). The office
measures the boxes on the calibration page (a millimetre grid printed on a blank) and types them in; a commune that
has not done so prints with the positions of the built-in certificate (DEFAULT_FIELDS).
"""

import base64
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.history import audited
from directory.permissions import get_actor
from documents.rendering import render_pdf
from xuanson_tdkt.locking import bump_version

from .documents import certificates_context
from .enums import Alignment, BlankField
from .models import AwardDecision, CertificateLayout, CertificateLayoutField

D = Decimal
# Where the built-in certificate (awards/documents/certificates.html, A4 landscape) prints each field:
# (x, y, width in mm, font size in pt, alignment). The QR code's box is a square of `width`.
DEFAULT_FIELDS = {
    BlankField.RECIPIENT: (D(20), D(88), D(257), D(22), Alignment.CENTER),
    BlankField.UNIT: (D(20), D(99), D(257), D(15), Alignment.CENTER),
    BlankField.ACHIEVEMENT: (D(50), D(108), D(197), D(15), Alignment.CENTER),
    BlankField.DECISION: (D(20), D(128), D(128), D(13), Alignment.CENTER),
    BlankField.PLACE_DATE: (D(148), D(128), D(129), D(13), Alignment.CENTER),
    BlankField.SIGNER: (D(148), D(165), D(129), D(13), Alignment.CENTER),
    BlankField.QR: (D(72), D(140), D(24), D(10), Alignment.CENTER),
}
DEFAULT_PAGE = (D(297), D(210))  # A4 landscape, as the built-in certificate
# The type of each field, as on the built-in certificate.
FIELD_STYLE = {BlankField.RECIPIENT: "bold", BlankField.SIGNER: "bold", BlankField.ACHIEVEMENT: "italic",
               BlankField.PLACE_DATE: "italic"}
FONT_SIZES = (D(6), D(48))
BOX_FIELDS = ("printed", "x_mm", "y_mm", "width_mm", "font_size_pt", "align")
QR_SIZES = (D(12), D(60))


@dataclass(frozen=True)
class FieldBox:
    field: str
    printed: bool
    x_mm: Decimal
    y_mm: Decimal
    width_mm: Decimal
    font_size_pt: Decimal
    align: str

    @property
    def css(self) -> str:
        """The box as CSS (built here, not in the template, where numbers would print with a decimal comma)."""
        box = f"left: {self.x_mm}mm; top: {self.y_mm}mm; width: {self.width_mm}mm;"
        if self.field == BlankField.QR:
            return f"{box} height: {self.width_mm}mm;"
        return f"{box} font-size: {self.font_size_pt}pt; text-align: {self.align};"


def default_box(field: str) -> FieldBox:
    x, y, width, size, align = DEFAULT_FIELDS[field]
    return FieldBox(field=field, printed=True, x_mm=x, y_mm=y, width_mm=width, font_size_pt=size, align=align)


def layout_of(commune) -> CertificateLayout:
    """The commune's layout, or an unsaved one with the default paper size (nothing is written by reading)."""
    layout = CertificateLayout.objects.filter(commune=commune).first()
    if layout is None:
        layout = CertificateLayout(commune=commune, page_width_mm=DEFAULT_PAGE[0], page_height_mm=DEFAULT_PAGE[1])
    return layout


def field_boxes(layout: CertificateLayout) -> list[FieldBox]:
    """Every field's box in BlankField's order: the layout's rows, the defaults where it has none."""
    rows = {row.field: row for row in layout.fields.all()} if layout.pk else {}
    boxes = []
    for field in BlankField.values:
        row = rows.get(field)
        boxes.append(default_box(field) if row is None else FieldBox(
            field=field, printed=row.printed, x_mm=row.x_mm, y_mm=row.y_mm, width_mm=row.width_mm,
            font_size_pt=row.font_size_pt, align=row.align))
    return boxes


def _check(page_width, page_height, boxes: dict[str, dict]) -> dict:
    errors = {}
    if not (D(50) <= page_width <= D(500) and D(50) <= page_height <= D(500)):
        errors["page"] = _("The blank's size must be between 50 and 500 mm each way.")
    for field, values in boxes.items():
        label = BlankField(field).label
        x, y, width = values["x_mm"], values["y_mm"], values["width_mm"]
        if min(x, y) < 0 or width <= 0 or x + width > page_width or y >= page_height:
            errors[field] = _("%(field)s: the box must lie on the blank (%(width)s × %(height)s mm).") % {
                "field": label, "width": page_width, "height": page_height}
        elif field == BlankField.QR and not QR_SIZES[0] <= width <= QR_SIZES[1]:
            errors[field] = _("%(field)s: the code must be %(low)s to %(high)s mm wide to be read by a phone.") % {
                "field": label, "low": QR_SIZES[0], "high": QR_SIZES[1]}
        elif field != BlankField.QR and not FONT_SIZES[0] <= values["font_size_pt"] <= FONT_SIZES[1]:
            errors[field] = _("%(field)s: the font size must be %(low)s to %(high)s pt.") % {
                "field": label, "low": FONT_SIZES[0], "high": FONT_SIZES[1]}
    return errors


def can_edit_layout(user, commune) -> bool:
    """The office keeps its commune's printing layout (the office prints the certificates)."""
    actor = get_actor(user)
    return bool(actor and actor.commune.pk == commune.pk and actor.is_office_staff)


@transaction.atomic
@audited("save_certificate_layout")
def save_certificate_layout(*, commune, page_width_mm: Decimal, page_height_mm: Decimal,
                            fields: dict[str, dict], by) -> CertificateLayout:
    """Save the commune's blank: its paper size and, for each field named in `fields` ({field: {printed, x_mm, y_mm,
    width_mm, font_size_pt, align}}, a value left out keeps the current one), its box. Creates the layout on the
    first save; writes a history row for each row that changed; bumps the layout's version (its rows ride on it).
    ValidationError for a box off the blank or a size out of range."""
    if not can_edit_layout(by, commune):
        raise PermissionDenied
    layout, created = CertificateLayout.objects.select_for_update().get_or_create(
        commune=commune, defaults={"page_width_mm": page_width_mm, "page_height_mm": page_height_mm})
    current = {box.field: box for box in field_boxes(layout)}
    rows = {row.field: row for row in layout.fields.all()}
    wanted = {field: {name: values.get(name, getattr(current[field], name)) for name in BOX_FIELDS}
              for field, values in fields.items()}
    errors = _check(page_width_mm, page_height_mm, wanted)
    if errors:
        raise ValidationError(errors)
    if not created and (layout.page_width_mm, layout.page_height_mm) != (page_width_mm, page_height_mm):
        layout.page_width_mm, layout.page_height_mm = page_width_mm, page_height_mm
        layout.save(update_fields=["page_width_mm", "page_height_mm"])
    elif not created:
        bump_version(layout)
    for field, values in wanted.items():
        row = rows.get(field) or CertificateLayoutField(layout=layout, field=field)
        if row.pk and all(getattr(row, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return layout


# The PDFs ------------------------------------------------------------------------------------------------------------


def _mm(value) -> str:
    return f"{value}mm"


def blank_pages(decision: AwardDecision, layout: CertificateLayout) -> list[list[dict]]:
    """For each certificate of the decision (as the built-in one prints it), the printed fields with their text
    (or the QR code) and their box; an empty field (a collective has no unit line) is left out."""
    context = certificates_context(decision)
    document = context["document"]
    boxes = [box for box in field_boxes(layout) if box.printed]
    pages = []
    for page in context["pages"]:
        award = page["award"]
        texts = {
            BlankField.RECIPIENT: award.recipient_name, BlankField.UNIT: award.recipient_detail,
            BlankField.ACHIEVEMENT: page["achievement"],
            BlankField.DECISION: f"{document.code} ngày {context['decided_on']}",
            BlankField.PLACE_DATE: document.place_and_date, BlankField.SIGNER: context["signer"],
        }
        fields = []
        for box in boxes:
            if box.field == BlankField.QR:
                fields.append({"box": box, "qr": page["qr"]})
            elif texts[box.field]:
                fields.append({"box": box, "text": texts[box.field], "style": FIELD_STYLE.get(box.field, "")})
        pages.append(fields)
    return pages


def blank_certificates_pdf(decision: AwardDecision, commune) -> bytes:
    """Only the fields of the decision's certificates, each at its place on `commune`'s blanks: no frame, no
    heading, no motto. ValidationError when nothing is to be printed (as certificates_pdf)."""
    if decision.document_id is None:
        raise ValidationError(_("Certificates are printed for the commune's own issued decisions only."))
    layout = layout_of(commune)
    pages = blank_pages(decision, layout)
    if not pages:
        raise ValidationError(_("This decision has no award in force."))
    return render_pdf("awards/documents/certificates_blank.html", {
        "title": decision.document.code, "pages": pages,
        "page_size": f"{_mm(layout.page_width_mm)} {_mm(layout.page_height_mm)}",
        "page_height": _mm(layout.page_height_mm - D(1)),
    })


def _grid_stroke(mm: int) -> tuple[str, str]:
    """(width in mm, colour) of the grid line at `mm`: stronger every 5 and every 10 millimetres."""
    if mm % 10 == 0:
        return "0.2", "#444"
    return ("0.12", "#888") if mm % 5 == 0 else ("0.08", "#bbb")


def calibration_context(layout: CertificateLayout) -> dict:
    """A millimetre grid the size of the blank (lines every 1, 5 and 10 mm) with labels every 10 mm along the top
    and the left edge, and the layout's boxes outlined, to print on a blank and read the positions off it."""
    width, height = int(layout.page_width_mm), int(layout.page_height_mm)
    lines = []
    for x in range(width + 1):
        lines.append((x, 0, x, height, _grid_stroke(x)))
    for y in range(height + 1):
        lines.append((0, y, width, y, _grid_stroke(y)))
    svg = "".join(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="{stroke}"/>'
                  for x1, y1, x2, y2, (stroke, colour) in lines)
    boxes = [{"box": box, "label": BlankField(box.field).label} for box in field_boxes(layout) if box.printed]
    grid = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
            f'viewBox="0 0 {width} {height}">{svg}</svg>')
    return {
        "grid": "data:image/svg+xml;base64," + base64.b64encode(grid.encode()).decode(),
        # Along the edges and again across the middle: a printer may not print the first millimetres of the paper.
        "x_labels": [{"value": x, "css": f"left: {x - 5}mm; top: {top}mm;"}
                     for top in (D("1.5"), D(height // 20 * 10) + D("0.5")) for x in range(10, width, 10)],
        "y_labels": [{"value": y, "css": f"left: {left}mm; top: {y - D('1.3')}mm;"}
                     for left in (D("1.5"), D(width // 20 * 10) + D("0.5")) for y in range(10, height, 10)],
        "boxes": boxes, "page_size": f"{_mm(layout.page_width_mm)} {_mm(layout.page_height_mm)}",
        "page_height": _mm(layout.page_height_mm - D(1)),
    }


def calibration_pdf(commune) -> bytes:
    return render_pdf("awards/documents/certificates_calibration.html", calibration_context(layout_of(commune)))
