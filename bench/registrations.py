#!/usr/bin/env python
"""Benchmark of the Excel exchange: importing a large workbook and exporting a large summary (registrations app).

    .venv/bin/python bench/registrations.py            # import 10,000 rows, export 50,000 registrations
    .venv/bin/python bench/registrations.py --short    # CI: import 1,000 rows, export 5,000 registrations
    .venv/bin/python bench/registrations.py --import-rows 20000 --export-rows 100000

The run works on a scratch database of its own (bench/scratch.py: with DATABASE_URL, a PostgreSQL database created
beside the one named and dropped afterwards; else a SQLite file in a temporary directory). A setup process migrates
and creates one commune with its hamlets, the people (enough for both sizes), the 2021 and 2022 registration phases,
the registrations of 2021 to export (two individual titles per person, in bulk) and the two workbooks to import
(people; 2022 LĐTT registrations, one per person). Then each measured operation runs in a fresh process of its own, so
that the peak resident memory (ru_maxrss) is the operation's:

    import people         as the office clerk, with the test client: upload the people workbook (the file is read
                          and checked once, its rows stored: registrations.previews), open pages of the preview (the
                          second, the middle and the last one: read from the stored rows), confirm (the stored rows
                          checked again and saved in bulk, in one transaction)
    import registrations  the same with the registrations workbook (every row checked against the year's rules as
                          save_registration checks them)
    export xlsx           RegistrationSummaryExporter.write_xlsx (openpyxl write-only mode) to a temporary file
    export csv            the same rows through csv_lines() to a temporary file

For each it prints the wall time, rows per second, the peak resident memory of the process (ru_maxrss, with the
process's baseline after django.setup()) and the peak Python memory (tracemalloc, measured in a second run of the
same operation — for the imports, the preview and the confirm step again after the rows saved were deleted —, so that
tracing does not slow the timed run). Exit code 1 if an operation fails, an import does not save every row or the
export's rows are not all written.
"""

import argparse
import datetime
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from scratch import django_environment, scratch_database

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022
PEOPLE_PER_UNIT = 50
BULK = 5000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
          "Khuất", "Kiều", "Phùng"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Quang", "Minh", "Thanh", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chiến", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khải", "Lâm", "Lan",
         "Mai", "Mạnh", "Nga", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thu", "Trang", "Tuấn", "Vân", "Yến"]
NAMES = [f"{a} {b} {c}" for a in FAMILY for b in MIDDLE for c in GIVEN]  # 4,284 names, unique within a unit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--export-rows", type=int, default=50_000)
    parser.add_argument("--short", action="store_true", help="CI size: import 1,000 rows, export 5,000")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # child mode: one operation, prints a RESULT line
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.short:
        args.import_rows, args.export_rows = 1_000, 5_000
    if args.child:
        return run_child(args)

    workdir = Path(tempfile.mkdtemp(prefix="bench-registrations-"))
    try:
        with scratch_database("registrations", workdir) as where:
            return run_all(args, workdir, where)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_all(args, workdir: Path, where: str) -> int:
    print(f"=== import {args.import_rows:,} rows, export {args.export_rows:,} registrations — {where}", flush=True)
    results = {}
    for operation in ("setup", "import_people", "import_registrations", "export_xlsx", "export_csv"):
        result = child(operation, args, workdir)
        if result is None:
            return 1
        results[operation] = result
        report(operation, result, args)
    problems = []
    if results["export_xlsx"]["rows"] != args.export_rows:
        problems.append(f"the workbook has {results['export_xlsx']['rows']:,} rows, not {args.export_rows:,}")
    for name in ("import_people", "import_registrations"):
        if results[name]["saved"] != args.import_rows:
            problems.append(f"{name}: {results[name]['saved']:,} rows saved of {args.import_rows:,}: "
                            f"{results[name]['first_errors']}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


def child(operation: str, args, workdir: Path) -> dict | None:
    django_environment(workdir)  # inherited by the child with the scratch database
    process = subprocess.run(
        [sys.executable, __file__, "--child", operation, "--workdir", str(workdir),
         "--import-rows", str(args.import_rows), "--export-rows", str(args.export_rows)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = process.stdout.splitlines()
    print("\n".join(line for line in lines if not line.startswith("RESULT ")), end="", flush=True)
    if process.returncode != 0:
        print(f"{operation} failed (exit code {process.returncode})", file=sys.stderr)
        return None
    return json.loads(next(line for line in lines if line.startswith("RESULT "))[7:])


def report(operation: str, r: dict, args) -> None:
    if operation == "setup":
        print(f"setup: migrate {r['migrate']:.1f} s, data {r['data']:.1f} s, workbooks {r['workbooks']:.1f} s "
              f"({r['units']:,} units, {r['people']:,} people, {r['registrations']:,} registrations of 2021; "
              f"people workbook {r['people_xlsx_kib']:,} KiB, "
              f"registrations workbook {r['registrations_xlsx_kib']:,} KiB)")
        return
    memory = (f"peak RSS {r['maxrss_mib']:.0f} MiB (baseline {r['baseline_mib']:.0f} MiB after django.setup), "
              f"peak Python memory {r['traced_mib']:.1f} MiB (tracemalloc, replayed)")
    if operation.startswith("import"):
        steps = "; ".join(f"{step} {seconds:.2f} s ({r['rows'] / seconds:,.0f} rows/s)"
                          for step, seconds in r["steps"].items())
        print(f"{operation.replace('_', ' ')}: {r['rows']:,} rows, {r['saved']:,} saved; {steps}")
        pages = ", ".join(f"{number} {seconds * 1000:.0f} ms" for number, seconds in r["pages"].items())
        print(f"  preview pages of {r['page_size']} rows (read from the stored preview): {pages}; "
              f"queries {r['page_queries']} a page")
        memory = (f"peak RSS {r['maxrss_mib']:.0f} MiB (baseline {r['baseline_mib']:.0f} MiB after django.setup), "
                  f"peak Python memory: upload and preview {r['traced_mib']:.1f} MiB, confirm "
                  f"{r['traced_commit_mib']:.1f} MiB (tracemalloc, replayed)")
    else:
        print(f"{operation.replace('_', ' ')}: {r['rows']:,} registrations, {r['size_kib']:,} KiB; "
              f"{r['seconds']:.2f} s ({r['rows'] / r['seconds']:,.0f} rows/s)")
    print(f"  {memory}", flush=True)


# --- children ---------------------------------------------------------------------------------------------------------


def run_child(args) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    translation.activate("vi")
    workdir = Path(args.workdir)
    result = OPERATIONS[args.child](args, workdir)
    print("RESULT " + json.dumps(result))
    return 0


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def traced(function) -> float:
    """Peak Python memory of one call, in MiB."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def setup(args, workdir: Path) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from openpyxl import Workbook

    from awards.catalogue import load_catalogue
    from awards.models import Title
    from directory.collation import name_sort_key
    from directory.enums import Gender, PersonKind, Role, UnitKind
    from directory.models import Commune, Person, Province, RoleAssignment, Unit
    from registrations.enums import PhaseKind, RegistrationStatus
    from registrations.importers import PeopleImporter, RegistrationImporter
    from registrations.models import Phase, Registration

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    rng = random.Random(SEED)
    n_people = max(args.import_rows, (args.export_rows + 1) // 2)
    n_units = -(-n_people // PEOPLE_PER_UNIT)
    with transaction.atomic():
        load_catalogue()
        province = Province.objects.create(name="Hà Nội", kind_label="thành phố", slug="ha-noi")
        commune = Commune.objects.create(name="Xuân Sơn", slug="xuan-son", parent_authority="thị xã Sơn Tây",
                                         province=province)
        units = Unit.objects.bulk_create(Unit(commune=commune, kind=UnitKind.HAMLET, name=f"Thôn {u + 1}", position=u)
                                         for u in range(n_units))
        people = []
        for unit in units:
            for name in rng.sample(NAMES, PEOPLE_PER_UNIT):
                people.append(Person(commune=commune, unit=unit, full_name=name, sort_key=name_sort_key(name),
                                     gender=rng.choice([Gender.FEMALE, Gender.MALE]), kind=PersonKind.RESIDENT))
        people = people[:n_people]
        Person.objects.bulk_create(people, batch_size=BULK)
        office = get_user_model().objects.create(username="bench-office", password="!")
        clerk = Person.objects.create(commune=commune, full_name="Nguyễn Thị Hương", gender=Gender.FEMALE,
                                      user=office)
        RoleAssignment.objects.create(person=clerk, role=Role.OFFICE_STAFF)
        phases = {year: Phase.objects.create(commune=commune, year=year, kind=PhaseKind.REGISTRATION,
                                             name=f"Đăng ký {year}", opens_on=datetime.date(year, 1, 5),
                                             closes_on=datetime.date(year, 1, 31)) for year in (2021, 2022)}
        titles = [Title.objects.get(code=code, rule_set__effective_from__year=2017)
                  for code in ("ldtt", "giay-khen-ca-nhan")]
        if not people[0].pk:
            people = list(Person.objects.filter(commune=commune, unit__isnull=False).order_by("pk"))
        statuses = [RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED, RegistrationStatus.DRAFT]
        registrations = [
            Registration(commune=commune, year=2021, phase=phases[2021], unit_id=person.unit_id, title=title,
                         recipient_kind=title.recipient_kind, person=person, status=rng.choice(statuses))
            for title in titles for person in people
        ][: args.export_rows]  # fmt: skip
        Registration.objects.bulk_create(registrations, batch_size=BULK)
    created = time.perf_counter()

    unit_names = {unit.pk: unit.name for unit in units}
    people_book = Workbook(write_only=True)
    sheet = people_book.create_sheet(PeopleImporter.template_title)
    sheet.append([column.header for column in PeopleImporter.columns])
    for i in range(args.import_rows):
        unit = units[i % n_units]
        # Four-word names: never the name of someone already in the unit, whom the registrations workbook names.
        name = f"{rng.choice(NAMES)} {rng.choice(GIVEN)}"
        sheet.append([name, rng.choice(["Nam", "Nữ"]), 1950 + (i // n_units) % 50, unit.name, "Hội viên",
                      f"09{i:08d}", f"nguoi{i}@example.com"])
    people_book.save(workdir / "people.xlsx")
    registration_book = Workbook(write_only=True)
    sheet = registration_book.create_sheet(RegistrationImporter.template_title)
    sheet.append([column.header for column in RegistrationImporter.columns])
    for person in people[: args.import_rows]:
        sheet.append([2022, unit_names[person.unit_id], "Lao động tiên tiến", person.full_name, "", ""])
    registration_book.save(workdir / "registrations.xlsx")
    written = time.perf_counter()
    return {
        "migrate": migrated - started, "data": created - migrated, "workbooks": written - created,
        "units": n_units, "people": len(people), "registrations": len(registrations),
        "people_xlsx_kib": (workdir / "people.xlsx").stat().st_size // 1024,
        "registrations_xlsx_kib": (workdir / "registrations.xlsx").stat().st_size // 1024,
    }


def settle_database() -> None:
    """On PostgreSQL, VACUUM ANALYZE and CHECKPOINT before a timed operation: a live database has its statistics and
    no backlog of dirty pages from a bulk load seconds earlier (the setup's 75,000 rows, the previous import's 20,000),
    which would otherwise be written out, vacuumed and analysed during the timed run and vary it by a second."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")


def _office():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="bench-office")


def run_import(kind: str, workdir: Path) -> dict:
    """Upload, pages, confirm through the views (the test client, logged in as the office clerk), then the preview and
    the confirm step again under tracemalloc, after deleting what the timed confirm saved."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from directory.models import Commune, Person
    from registrations import exchange_views, previews
    from registrations.importers import IMPORTERS
    from registrations.models import ImportPreview, Registration

    path = workdir / f"{kind}.xlsx"
    office = _office()
    client = Client()
    client.force_login(office)
    client.get(reverse(f"registrations:import_{kind}"))  # session, actor, templates: as on any later page
    model = Person if kind == "people" else Registration
    high_water = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    baseline = maxrss_mib()

    settle_database()
    started = time.perf_counter()
    with open(path, "rb") as upload:
        response = client.post(reverse(f"registrations:import_{kind}"), {"file": upload})
    preview_seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    preview = ImportPreview.objects.get(user=office, kind=kind)
    outcome = previews.outcome(preview, previews.error_rows(preview))
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    last = max(1, -(-(outcome.row_count - outcome.error_count) // exchange_views.PREVIEW_PAGE_SIZE))
    pages = {}
    for number in dict.fromkeys([2, max(1, last // 2), last]):
        count[0] = 0
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            page = client.get(reverse(f"registrations:import_{kind}_preview"), {"page": number})
            pages[f"page {number}"] = time.perf_counter() - started
        assert page.status_code == 200, page.status_code
    page_queries = count[0]
    settle_database()  # as while the clerk reads the preview
    started = time.perf_counter()
    confirmed = client.post(reverse(f"registrations:import_{kind}_confirm"))
    commit_seconds = time.perf_counter() - started
    saved = model.objects.filter(pk__gt=high_water).count()
    rss = maxrss_mib()

    # The replay: the same preview and confirm step, traced, on the same data.
    model.objects.filter(pk__gt=high_water).delete()
    commune = Commune.objects.get(slug="xuan-son")
    stored = {}

    def replay_preview():
        with open(path, "rb") as upload:
            stored["preview"] = previews.create_preview(IMPORTERS[kind](commune=commune, by=office), upload,
                                                        kind=kind, user=office, file_name=path.name)

    traced_preview = traced(replay_preview)
    traced_commit = traced(lambda: previews.commit_preview(stored["preview"],
                                                           IMPORTERS[kind](commune=commune, by=office)))
    return {"rows": outcome.row_count, "saved": saved if confirmed.status_code == 302 else 0,
            "first_errors": outcome.errors[:3],
            "steps": {"upload and preview (the one check of the file)": preview_seconds,
                      "confirm (checked again, saved in bulk)": commit_seconds},
            "pages": pages, "page_queries": page_queries, "page_size": exchange_views.PREVIEW_PAGE_SIZE,
            "maxrss_mib": rss, "baseline_mib": baseline, "traced_mib": traced_preview,
            "traced_commit_mib": traced_commit}  # fmt: skip


def run_export(fmt: str) -> dict:
    from directory.models import Commune
    from registrations.exporters import RegistrationSummaryExporter

    commune = Commune.objects.get(slug="xuan-son")
    baseline = maxrss_mib()

    def export():
        exporter = RegistrationSummaryExporter(commune=commune, year=2021)
        with tempfile.TemporaryFile() as stream:
            if fmt == "xlsx":
                exporter.write_xlsx(stream)
            else:
                for line in exporter.csv_lines():
                    stream.write(line.encode("utf-8"))
            return stream.tell()

    started = time.perf_counter()
    size = export()
    seconds = time.perf_counter() - started
    rss = maxrss_mib()
    peak = traced(export)
    rows = RegistrationSummaryExporter(commune=commune, year=2021).queryset().count()
    if fmt == "xlsx":
        rows = _count_xlsx_rows(commune)
    return {"rows": rows, "size_kib": size // 1024, "seconds": seconds, "maxrss_mib": rss, "baseline_mib": baseline,
            "traced_mib": peak}


def _count_xlsx_rows(commune) -> int:
    """The registration rows really written: read the workbook back (read-only) and count the numbered rows."""
    from openpyxl import load_workbook

    from registrations.exporters import RegistrationSummaryExporter

    with tempfile.TemporaryFile() as stream:
        exporter = RegistrationSummaryExporter(commune=commune, year=2021)
        exporter.write_xlsx(stream)
        stream.seek(0)
        workbook = load_workbook(stream, read_only=True)
        count = sum(1 for row in workbook.active.iter_rows(min_col=1, max_col=1, values_only=True)
                    if isinstance(row[0], int))
        workbook.close()
    return count


OPERATIONS = {
    "setup": setup,
    "import_people": lambda args, workdir: run_import("people", workdir),
    "import_registrations": lambda args, workdir: run_import("registrations", workdir),
    "export_xlsx": lambda args, workdir: run_export("xlsx"),
    "export_csv": lambda args, workdir: run_export("csv"),
}


if __name__ == "__main__":
    sys.exit(main())
