#!/usr/bin/env python
"""Benchmark of the Excel exchange: importing a large workbook and exporting a large summary (registrations app).

    .venv/bin/python bench/registrations.py            # import 10,000 rows, export 50,000 registrations
    .venv/bin/python bench/registrations.py --short    # CI: import 1,000 rows, export 5,000 registrations
    .venv/bin/python bench/registrations.py --import-rows 20000 --export-rows 100000

The run works on a throwaway SQLite file in a temporary directory (DATABASE_URL is ignored, so the CI database is never
touched). A setup process migrates and creates one commune with its hamlets, the people (enough for both sizes), the
2021 and 2022 registration phases, the registrations of 2021 to export (two individual titles per person, in bulk)
and the two workbooks to import (people; 2022 LĐTT registrations, one per person). Then each measured operation runs
in a fresh process of its own, so that the peak resident memory (ru_maxrss) is the operation's:

    import people         PeopleImporter.run(commit=True) on the people workbook
    import registrations  RegistrationImporter.run(commit=False), the preview: every row through save_registration
                          with the rules checked, rolled back; then the same with commit=True (the confirm step)
    export xlsx           RegistrationSummaryExporter.write_xlsx (openpyxl write-only mode) to a temporary file
    export csv            the same rows through csv_lines() to a temporary file

For each it prints the wall time, rows per second, the peak resident memory of the process (ru_maxrss, with the
process's baseline after django.setup()) and the peak Python memory (tracemalloc, measured in a second run of the
same operation — a preview for the imports — so that tracing does not slow the timed run). Exit code 1 if an
operation fails or the export's rows are not all written.
"""

import argparse
import contextlib
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

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
    print(f"=== import {args.import_rows:,} rows, export {args.export_rows:,} registrations — SQLite, temporary file "
          f"{workdir / 'bench.sqlite3'}", flush=True)
    try:
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
    finally:
        with contextlib.suppress(OSError):
            for path in sorted(workdir.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()
            workdir.rmdir()


def child(operation: str, args, workdir: Path) -> dict | None:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    # DEBUG on as on a laptop (the settings default it off, which needs a SECRET_KEY and collected static files).
    env.update(SQLITE_PATH=str(workdir / "bench.sqlite3"), VAR_DIR=str(workdir / "var"),
               MEDIA_ROOT=str(workdir / "media"), DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", DEBUG="1")
    process = subprocess.run(
        [sys.executable, __file__, "--child", operation, "--workdir", str(workdir),
         "--import-rows", str(args.import_rows), "--export-rows", str(args.export_rows)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
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


def _importer(kind):
    from django.contrib.auth import get_user_model

    from directory.models import Commune
    from registrations.importers import IMPORTERS

    office = get_user_model().objects.get(username="bench-office")
    return IMPORTERS[kind](commune=Commune.objects.get(slug="xuan-son"), by=office)


def run_import(kind: str, workdir: Path, *, preview: bool) -> dict:
    path = workdir / f"{kind}.xlsx"
    baseline = maxrss_mib()
    steps = {}
    if preview:
        started = time.perf_counter()
        _importer(kind).run(path, commit=False)
        steps["preview (dry run)"] = time.perf_counter() - started
    started = time.perf_counter()
    result = _importer(kind).run(path, commit=True)
    steps["import (commit)"] = time.perf_counter() - started
    rss = maxrss_mib()
    # Replay as a preview (the rows are saved now: the dry run meets duplicates but reads and checks every row).
    peak = traced(lambda: _importer(kind).run(path, commit=False))
    return {"rows": len(result.rows), "saved": result.saved, "first_errors": result.errors[:3], "steps": steps,
            "maxrss_mib": rss, "baseline_mib": baseline, "traced_mib": peak}


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
    "import_people": lambda args, workdir: run_import("people", workdir, preview=False),
    "import_registrations": lambda args, workdir: run_import("registrations", workdir, preview=True),
    "export_xlsx": lambda args, workdir: run_export("xlsx"),
    "export_csv": lambda args, workdir: run_export("csv"),
}


if __name__ == "__main__":
    sys.exit(main())
