"""Excel import of people and of registrations from the downloadable templates: all rows or none.

The machinery (upload checks, the previewed file, reading, row errors, the all-or-nothing run) is the project's
(xuanson_tdkt.spreadsheets). Each row is checked without writing (PlannedImporter): registrations against the year's
rules exactly as the registration form's save_registration checks them (registrations.eligibility, with the year's
registrations read once for the whole file: RegistrationBatch), and the checked rows are saved in bulk by the audited
services registrations.services.import_registrations and directory.services.import_people. The preview's checked
rows are stored (registrations.previews) and the confirm step saves exactly those.
"""


from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.enums import Gender, PersonKind, UnitKind
from directory.models import Unit
from xuanson_tdkt.spreadsheets import (  # noqa: F401 - re-exported: the registrations' views import them from here
    MAX_ROWS,
    Column,
    Importer as BaseImporter,
    ImportFileError,
    ImportResult,
    PlannedImporter,
    Row,
    as_year,
    check_upload,
    clean_cell,
    forget_upload,
    import_dir,
    max_upload_bytes,
    normalise_name,
    open_workbook,
    read_sheet,
    run_stored,
    store_upload,
    sweep_stale_uploads,
)

from .enums import Ground
from .exporters import EXCELLENCE_WORDS


class Importer(PlannedImporter):
    """An import of a commune's rows that name its current units."""

    def units_by_name(self) -> dict:
        return {normalise_name(unit.name): unit for unit in Unit.objects.filter(commune=self.commune).active_on()}


class PeopleImporter(Importer):
    columns = [Column("Họ và tên", required=True), Column("Giới tính", required=True), Column("Năm sinh"),
               Column("Đơn vị", required=True), Column("Chức vụ"), Column("Điện thoại"), Column("Email")]
    example = ["Nguyễn Văn An", "Nam", 1980, "Thôn A", "Trưởng thôn", "0912345678", "an@example.com"]
    template_title = "Danh sách người"
    template_filename = "mau-nhap-nguoi.xlsx"
    GENDERS = {"nam": Gender.MALE, "nữ": Gender.FEMALE, "nu": Gender.FEMALE}

    def prepare(self) -> None:
        from directory.models import Person

        self.units = self.units_by_name()
        self.known = {
            (normalise_name(name), unit_id, birth_year)
            for name, unit_id, birth_year in Person.objects.filter(commune=self.commune)
            .values_list("full_name", "unit_id", "birth_year")
        }  # fmt: skip

    def check_row(self, row: Row) -> dict | None:
        values = row.values
        name = str(values["Họ và tên"])
        gender = self.GENDERS.get(normalise_name(values["Giới tính"]))
        if gender is None:
            self.error(row, "Giới tính", _("Write Nam or Nữ."))
        birth_year = None
        if values["Năm sinh"] is not None:
            birth_year = as_year(values["Năm sinh"])
            if birth_year is None or not 1900 <= birth_year <= timezone.localdate().year:
                self.error(row, "Năm sinh", _("Write a year of four digits, e.g. 1980."))
        unit = self.units.get(normalise_name(values["Đơn vị"]))
        if unit is None:
            self.error(row, "Đơn vị", _("There is no unit named “%(name)s” in the commune.") % {
                "name": values["Đơn vị"]})
        email = str(values["Email"] or "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(row, "Email", _("This is not a valid e-mail address."))
        for header, limit in (("Họ và tên", 120), ("Chức vụ", 200), ("Điện thoại", 30)):
            if len(str(values[header] or "")) > limit:
                self.error(row, header, _("At most %(count)s characters.") % {"count": limit})
        if row.errors:
            return None
        key = (normalise_name(name), unit.pk, birth_year)
        if key in self.known:
            self.error(row, "Họ và tên", _("%(name)s (%(unit)s) is already in the directory or earlier in the file.")
                       % {"name": name, "unit": unit.name})
            return None
        self.known.add(key)
        return {
            "unit": unit.pk, "full_name": name, "gender": gender, "birth_year": birth_year,
            "kind": PersonKind.RESIDENT if unit.kind in (UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP)
            else PersonKind.OFFICIAL,
            "position": str(values["Chức vụ"] or ""), "phone": str(values["Điện thoại"] or ""), "email": email,
        }  # fmt: skip

    def save(self, plans: list[dict]) -> int:
        from directory.models import Person
        from directory.services import import_people

        people = [Person(commune=self.commune, unit_id=plan["unit"], full_name=plan["full_name"],
                         gender=plan["gender"], birth_year=plan["birth_year"], kind=plan["kind"],
                         position=plan["position"], phone=plan["phone"], email=plan["email"]) for plan in plans]
        return len(import_people(commune=self.commune, people=people, by=self.by))


class RegistrationImporter(Importer):
    columns = [Column("Năm", required=True), Column("Đơn vị", required=True), Column("Danh hiệu", required=True),
               Column("Họ và tên"), Column("Hộ gia đình"), Column("Ghi chú"),
               # Optional (older files lack them): the ground of a title that takes an initiative (CSTĐCS).
               Column("Căn cứ"), Column("Sáng kiến"), Column("Minh chứng")]
    example = [timezone.now().year, "Thôn A", "Lao động tiên tiến", "Nguyễn Văn An", "", "", "", "", ""]
    GROUNDS = {"sáng kiến": Ground.INITIATIVE, "sang kien": Ground.INITIATIVE,
               normalise_name(EXCELLENCE_WORDS): Ground.EXCELLENCE, "htxsnv": Ground.EXCELLENCE}
    template_title = "Đăng ký thi đua"
    template_filename = "mau-nhap-dang-ky.xlsx"

    def prepare(self) -> None:
        from directory.models import Person
        from directory.permissions import get_actor

        self.units = self.units_by_name()
        # (unit id, name) → [(id, name)]: plain tuples for every person of the commune, a Person only for a match.
        self.people: dict[tuple[int, str], list] = {}
        rows = Person.objects.filter(commune=self.commune, unit__isnull=False).values_list("pk", "full_name", "unit_id")
        for pk, full_name, unit_id in rows.iterator(chunk_size=5000):
            self.people.setdefault((unit_id, normalise_name(full_name)), []).append((pk, full_name))
        self.today = timezone.localdate()  # the day the windows are checked against, for every row
        self.years: dict[int, tuple] = {}  # year → (phase, titles by code and by name, RegistrationBatch)
        self.initiatives: dict[tuple[int, int], list] = {}  # (year, unit id) → initiatives no registration names
        self.used_initiatives: set[int] = set()  # named by an earlier row of the file
        actor = get_actor(self.by)
        self.staff = bool(actor and actor.is_office_staff)  # as save_registration checks the rules for `by`

    def year_context(self, year: int):
        if year not in self.years:
            from .eligibility import RegistrationBatch, titles_for
            from .enums import PhaseKind
            from .models import Initiative, Phase

            phase = (Phase.objects.filter(commune=self.commune, year=year, kind=PhaseKind.REGISTRATION,
                                          campaign__isnull=True).order_by("opens_on", "pk").first())  # fmt: skip
            titles = {}
            for title in titles_for(commune=self.commune, year=year).select_related("quota_of").prefetch_related(
                    "prerequisites"):
                titles[normalise_name(title.code)] = title
                titles[normalise_name(title.name)] = title
            self.years[year] = (phase, titles, RegistrationBatch(commune=self.commune, year=year))
            for initiative in Initiative.objects.filter(commune=self.commune, year=year,
                                                        registration__isnull=True).order_by("pk"):
                self.initiatives.setdefault((year, initiative.unit_id), []).append(initiative)
        return self.years[year]

    def check_row(self, row: Row) -> dict | None:
        from awards.enums import RecipientKind
        from directory.models import Person

        from .eligibility import check_registration
        from .models import Registration

        values = row.values
        year = as_year(values["Năm"])
        if year is None or not 2000 <= year <= 2100:
            self.error(row, "Năm", _("Write a year of four digits, e.g. 2022."))
            return None
        phase, titles, batch = self.year_context(year)
        if phase is None:
            self.error(row, "Năm", _("There is no registration phase for %(year)s.") % {"year": year})
        unit = self.units.get(normalise_name(values["Đơn vị"]))
        if unit is None:
            self.error(row, "Đơn vị", _("There is no unit named “%(name)s” in the commune.") % {
                "name": values["Đơn vị"]})
        title = titles.get(normalise_name(values["Danh hiệu"]))
        if title is None:
            self.error(row, "Danh hiệu", _("“%(name)s” is not a title of the rules of %(year)s.") % {
                "name": values["Danh hiệu"], "year": year})
        if row.errors:
            return None
        person = None
        name = values["Họ và tên"]
        if title.recipient_kind == RecipientKind.INDIVIDUAL:
            matches = self.people.get((unit.pk, normalise_name(name)), []) if name else []
            if not name:
                self.error(row, "Họ và tên", _("Write the name of the person registered for %(title)s.") % {
                    "title": title.name})
            elif not matches:
                self.error(row, "Họ và tên", _("%(name)s does not belong to %(unit)s.") % {
                    "name": name, "unit": unit.name})
            elif len(matches) > 1:
                self.error(row, "Họ và tên", _("%(unit)s has %(count)s people named %(name)s; register them in the "
                                               "portal instead.") % {"unit": unit.name, "count": len(matches),
                                                                     "name": name})  # fmt: skip
            else:
                (pk, full_name), = matches
                person = Person(pk=pk, full_name=full_name, unit_id=unit.pk, commune_id=self.commune.pk)
        household = str(values["Hộ gia đình"] or "") if title.recipient_kind == RecipientKind.HOUSEHOLD else ""
        if len(household) > 300:
            self.error(row, "Hộ gia đình", _("At most %(count)s characters.") % {"count": 300})
        ground, initiative, evidence = self.ground_of(row, year=year, unit=unit, title=title)
        if row.errors:
            return None
        registration = Registration(
            commune=self.commune, year=year, phase=phase, unit=unit, title=title, recipient_kind=title.recipient_kind,
            person=person, household=household, note=str(values["Ghi chú"] or ""), ground=ground,
            initiative=initiative, ground_evidence=evidence,
        )
        # The rules of save_registration (registrations.eligibility), against the year's registrations and the rows
        # above this one, read once for the whole file.
        for problem in check_registration(registration, today=self.today, staff=self.staff, others=batch):
            column = PROBLEM_COLUMNS.get(problem.field, "Danh hiệu")
            self.error(row, column if column in self.letters else "Danh hiệu", problem.message)
        if not row.errors and batch.is_taken(registration):
            self.error(row, "Danh hiệu", _("%(name)s is already registered for %(title)s in %(year)s.") % {
                "name": registration.recipient_name, "title": title.name, "year": year})
        if row.errors:
            return None
        batch.add(registration)
        if initiative is not None:
            self.used_initiatives.add(initiative.pk)
        return {
            "year": year, "phase": phase.pk, "unit": unit.pk, "title": title.pk, "recipient_kind": title.recipient_kind,
            "person": person.pk if person else None, "household": household, "note": registration.note,
            "ground": ground, "initiative": initiative.pk if initiative else None, "ground_evidence": evidence,
        }  # fmt: skip

    def ground_of(self, row: Row, *, year: int, unit, title):
        """(ground, initiative, evidence) from the optional columns; row errors for what cannot be read. Whether the
        title accepts them is the rules check's (as on the form)."""
        from .forms import initiative_use

        values = row.values
        ground = Ground.INITIATIVE
        if values["Căn cứ"] is not None:
            ground = self.GROUNDS.get(normalise_name(values["Căn cứ"]))
            if ground is None:
                self.error(row, "Căn cứ", _("Write “Sáng kiến” or “%(excellence)s”.") % {
                    "excellence": EXCELLENCE_WORDS})
                return Ground.INITIATIVE, None, ""
        if not title.requires_initiative:
            ground = Ground.INITIATIVE  # the ground means nothing for this title (as on the form)
        evidence = str(values["Minh chứng"] or "") if ground == Ground.EXCELLENCE else ""
        if len(evidence) > 1000:
            self.error(row, "Minh chứng", _("At most %(count)s characters.") % {"count": 1000})
        initiative = None
        name = values["Sáng kiến"]
        if name and initiative_use(title) != "none" and ground == Ground.INITIATIVE:
            key = normalise_name(name)
            candidates = [initiative for initiative in self.initiatives.get((year, unit.pk), [])
                          if normalise_name(initiative.title) == key and initiative.pk not in self.used_initiatives]
            if not candidates:
                self.error(row, "Sáng kiến", _(
                    "%(unit)s has no initiative “%(name)s” of %(year)s that no other registration names.") % {
                    "unit": unit.name, "name": name, "year": year})
            else:
                initiative = candidates[0]
        return ground, initiative, evidence

    def save(self, plans: list[dict]) -> int:
        from .models import Registration
        from .services import import_registrations

        registrations = [Registration(
            commune=self.commune, year=plan["year"], phase_id=plan["phase"], unit_id=plan["unit"],
            title_id=plan["title"], recipient_kind=plan["recipient_kind"], person_id=plan["person"],
            household=plan["household"], note=plan["note"], ground=plan["ground"], initiative_id=plan["initiative"],
            ground_evidence=plan["ground_evidence"],
        ) for plan in plans]  # fmt: skip
        return len(import_registrations(registrations=registrations, by=self.by))


# The column of the template where a rule problem of a registration field belongs.
PROBLEM_COLUMNS = {"person": "Họ và tên", "household": "Hộ gia đình", "title": "Danh hiệu", "initiative": "Sáng kiến",
                   "ground": "Căn cứ", "ground_evidence": "Minh chứng", None: "Năm"}

IMPORTERS = {"people": PeopleImporter, "registrations": RegistrationImporter}
