"""Excel import of a province's communes from the downloadable template: every row through create_commune, in one
transaction, all rows or none (registrations.importers does the reading, the checks by row and the rollback)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.enums import CommuneKind
from directory.models import Commune
from xuanson_tdkt.spreadsheets import Column, Importer, Row

from .services import create_commune, normalise

NAME, KIND, CODE, PLACE, UPPER, UNTIL = (
    "Tên xã/phường", "Loại", "Mã", "Nơi ghi ngày", "Cấp trên cũ", "Đến ngày (dd/mm/yyyy)")


def parse_day(value) -> datetime.date | None:
    """A date cell: an Excel date, or text written dd/mm/yyyy; ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


class CommuneImporter(Importer):
    columns = [Column(NAME, required=True), Column(KIND, required=True), Column(CODE), Column(PLACE),
               Column(UPPER), Column(UNTIL)]
    example = ["Minh Châu", "xã", "minh-chau", "Minh Châu", "huyện Ba Vì", "30/06/2025"]
    template_title = "Danh sách xã, phường"
    template_filename = "mau-nhap-xa-phuong.xlsx"
    KINDS = {normalise(value): value for value in CommuneKind.values}

    def __init__(self, *, province, by):
        super().__init__(commune=None, by=by)
        self.province = province

    def prepare(self) -> None:
        self.names = {normalise(name) for name in Commune.objects.filter(province=self.province)
                      .values_list("name", flat=True)}
        self.codes = {slug.lower() for slug in Commune.objects.values_list("slug", flat=True)}
        self.file_names, self.file_codes = {}, {}

    def import_row(self, row: Row) -> None:
        values = row.values
        name = " ".join(str(values[NAME]).split())
        key = normalise(name)
        if key in self.file_names:
            self.error(row, NAME, _("The name is already on row %(row)s.") % {"row": self.file_names[key]})
        elif key in self.names:
            self.error(row, NAME, _("The province already has a commune named %(name)s.") % {"name": name})
        self.file_names.setdefault(key, row.number)
        kind = self.KINDS.get(normalise(values[KIND]))
        if kind is None:
            self.error(row, KIND, _("Unknown kind: write xã, phường or đặc khu."))
        code = str(values[CODE]).strip().lower() if values[CODE] is not None else ""
        if code:
            if code in self.file_codes:
                self.error(row, CODE, _("The code is already on row %(row)s.") % {"row": self.file_codes[code]})
            elif code in self.codes:
                self.error(row, CODE, _("The code %(code)s is already used by another commune.") % {"code": code})
            self.file_codes.setdefault(code, row.number)
        until = None
        try:
            until = parse_day(values[UNTIL])
        except (TypeError, ValueError):
            self.error(row, UNTIL, _("Write the date as dd/mm/yyyy, for example 30/06/2025."))
        if row.errors:
            return
        try:
            commune = create_commune(
                province=self.province, name=name, kind_label=kind, slug=code,
                document_place=str(values[PLACE] or ""), parent_authority=str(values[UPPER] or ""),
                parent_authority_until=until, by=self.by)
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, texts in messages.items():
                header = {"name": NAME, "slug": CODE, "kind_label": KIND, "document_place": PLACE,
                          "parent_authority": UPPER, "parent_authority_until": UNTIL}.get(field, NAME)
                for text in texts:
                    self.error(row, header, text)
            return
        self.codes.add(commune.slug)
        self.file_codes.setdefault(commune.slug, row.number)
