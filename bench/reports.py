#!/usr/bin/env python
"""Benchmark of the reports: the year-end report and its workbook for a large commune, and the dashboard over many
communes' data.

    .venv/bin/python bench/reports.py            # 60 units, 2,000 people, 5,000 registrations, 1,000 awards;
                                                 # then the dashboard of each of 200 communes
    .venv/bin/python bench/reports.py --short    # CI: 20 units, 500 people, 1,000 registrations, 200 awards;
                                                 # 20 communes

Runs on a scratch database of its own (bench/scratch.py: with DATABASE_URL a PostgreSQL database created beside the
one named and dropped afterwards, else a temporary SQLite file; nothing of the portal or the tests is touched). Setup
migrates and bulk-creates the commune measured (its units, people — half of them women —, 2022 plan with 12 campaigns
of two targets and 10 timeline tasks, registrations, initiatives, monthly contest entries, nominations and awards in
two decisions), then the other communes, each a tenth of its size, each with its office clerk.

Measured, each first untraced (wall time, SQL queries) and then replayed under tracemalloc (peak Python memory):

    report     create the year-end report (figures, drafts) and issue it (number, frozen figures, PDF stored);
               the replay makes and issues a new version
    workbook   the statistics workbook of the issued report
    dashboard  the office clerk's landing page (GET /) for the year, with the test client: once with only the
               commune's data; then, with every commune's data, the dashboard of each commune by its own clerk
               (the spread is printed: min, median, max per commune)

Exit code 1 if the dashboard's query count grows with the data or differs between communes, or an operation fails.
"""

import datetime
import random
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from scratch import bench_main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {
    "full": {"units": 60, "people": 2000, "registrations": 5000, "awards": 1000, "communes": 200},
    "short": {"units": 20, "people": 500, "registrations": 1000, "awards": 200, "communes": 20},
}


def main() -> int:
    return bench_main(run, name="reports", description=__doc__, sizes=SIZES)


def run(workdir: Path, size: dict, where: str, migrate: float) -> int:
    print(f"=== reports: {size['units']} units, {size['people']:,} people, {size['registrations']:,} registrations, "
          f"{size['awards']:,} awards; dashboard over {size['communes']} communes — {where}")
    from awards.catalogue import load_catalogue

    load_catalogue()
    started = time.perf_counter()
    commune, clerk = make_commune(0, size, with_clerk=True)
    setup = time.perf_counter() - started
    print(f"setup: migrate {migrate:.1f} s, commune {setup:.1f} s")

    from reports import services
    from reports.workbook import report_workbook

    ubnd = commune.document_series.get(code="UBND")
    state = {}

    def report():
        previous = state.get("report")
        draft = (services.new_version(report=previous, by=clerk) if previous else
                 services.create_report(commune=commune, year=2022, period="year", series=ubnd, by=clerk))
        state["report"] = services.issue_report(report=draft, issued_on=datetime.date(2023, 1, 10),
                                                signer_name="Hoàng Văn Vân", by=clerk)
        return f"{state['report'].document.code}, PDF {len(state['report'].pdf.read()) // 1024:,} KiB"

    def workbook():
        return f"{len(report_workbook(state['report'])) // 1024:,} KiB"

    from django.test import Client

    def dashboard_of(user):
        client = Client()
        client.force_login(user)
        client.get("/")  # the session and the actor, as on any later page

        def dashboard():
            response = client.get("/", {"year": 2022, "period": "year"})
            assert response.status_code == 200, response.status_code
            return f"{len(response.content) // 1024:,} KiB of HTML"

        return dashboard

    measure("report (year-end, issued)", report)
    measure("workbook", workbook)
    alone = measure("dashboard, 1 commune's data", dashboard_of(clerk))
    started = time.perf_counter()
    small = {key: max(1, value // 10) for key, value in size.items()}
    clerks = [clerk] + [make_commune(index, small, with_clerk=True)[1] for index in range(1, size["communes"])]
    print(f"setup: {size['communes'] - 1} more communes in {time.perf_counter() - started:.1f} s")
    # Every commune's clerk opens their own dashboard, with every commune's data in the database.
    each = [measure(None, dashboard_of(user)) for user in clerks]
    spread("dashboard of each commune", each, "seconds", lambda v: f"{v * 1000:.0f} ms")
    spread("  its peak Python memory", each, "peak", lambda v: f"{v / 2**20:.1f} MiB")
    print(f"  the measured commune again (1/{len(clerks)}): {each[0]['seconds'] * 1000:.0f} ms")
    counts = sorted({r["queries"] for r in each})
    if counts != [alone["queries"]]:
        print(f"PROBLEM: the dashboards ran {', '.join(map(str, counts))} queries with {size['communes']} communes' "
              f"data, {alone['queries']} with one commune's")
        return 1
    print(f"dashboard queries: {alone['queries']} with 1 commune, {alone['queries']} for each of {size['communes']} "
          "— constant")
    return 0


def spread(name: str, results: list[dict], key: str, show) -> None:
    values = sorted(r[key] for r in results)
    print(f"{name} ({len(values)}): min {show(values[0])}, median {show(statistics.median(values))}, "
          f"max {show(values[-1])}", flush=True)


def measure(name, operation) -> dict:
    from django.db import connection

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        detail = operation()
        elapsed = time.perf_counter() - started
    queries = count[0]
    tracemalloc.start()
    operation()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if name:
        print(f"{name}: {elapsed:.2f} s, {queries} queries, peak Python memory {peak / 2**20:.1f} MiB ({detail})",
              flush=True)
    return {"seconds": elapsed, "queries": queries, "peak": peak}


def make_commune(index: int, size: dict, *, with_clerk: bool = False):
    """One commune with its data of 2022, in bulk."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from awards.enums import Decider
    from awards.models import Award, AwardDecision, Nomination, RuleSet
    from campaigns.models import Campaign, CampaignTarget, Plan
    from directory.collation import name_sort_key
    from directory.enums import Role, UnitKind
    from directory.models import Commune, Person, Province, RoleAssignment, Unit
    from documents.models import Document, Series
    from registrations.models import ContestEntry, Initiative, Phase, Registration
    from timeline.models import TimelineTask

    rng = random.Random(index)
    with transaction.atomic():
        province, _ = Province.objects.get_or_create(slug="ha-noi", defaults={"name": "Hà Nội",
                                                                           "kind_label": "thành phố"})
        commune = Commune.objects.create(name=f"Xã {index}", slug=f"xa-{index}", province=province)
        ubnd = Series.objects.create(commune=commune, code="UBND", name="Ủy ban nhân dân xã",
                                     issuing_body=f"ỦY BAN NHÂN DÂN\nXÃ {index}")
        document = Document.objects.create(series=ubnd, doc_type="KH", number=1, issued_on=datetime.date(2022, 1, 4),
                                           place=commune.name, summary="Công tác thi đua, khen thưởng năm 2022",
                                           signer_name="Hoàng Văn Vân")
        plan = Plan.objects.create(commune=commune, year=2022, document=document)
        kinds = [UnitKind.HAMLET, UnitKind.SECTION, UnitKind.ORGANISATION, UnitKind.RESIDENTIAL_GROUP]
        units = Unit.objects.bulk_create([Unit(commune=commune, kind=kinds[i % 4], name=f"Đơn vị {i}", position=i)
                                          for i in range(size["units"])])
        people = Person.objects.bulk_create([
            Person(commune=commune, unit=units[i % len(units)], full_name=f"Nguyễn Văn Người {i}",
                   sort_key=name_sort_key(f"Nguyễn Văn Người {i}"), gender="female" if i % 2 else "male")
            for i in range(size["people"])])
        campaigns = Campaign.objects.bulk_create([Campaign(plan=plan, position=i, name=f"Phong trào {i}")
                                                  for i in range(12)])
        CampaignTarget.objects.bulk_create([CampaignTarget(campaign=c, position=j, text=f"Chỉ tiêu {j}", value=20,
                                                           unit_of_measure="%") for c in campaigns for j in range(2)])
        TimelineTask.objects.bulk_create([
            TimelineTask(plan=plan, position=i, content=f"Nhiệm vụ {i}", due_on=datetime.date(2022, 1 + i, 15),
                         status="done" if i % 3 == 0 else "not_started", done_on=datetime.date(2022, 1 + i, 10)
                         if i % 3 == 0 else None) for i in range(10)])
        rule_set = RuleSet.objects.filter(effective_from__year=2017).first()
        titles = {t.code: t for t in rule_set.titles.all()}
        individual = [titles[c] for c in ("ldtt", "cstdcs", "giay-khen-ca-nhan", "cstd-tinh")]
        phase = Phase.objects.create(commune=commune, year=2022, kind="registration", name="Đăng ký",
                                     opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 1, 31))
        statuses = ["draft", "submitted", "returned", "accepted", "accepted"]
        Registration.objects.bulk_create([
            Registration(commune=commune, year=2022, phase=phase, unit=people[i % len(people)].unit,
                         title=individual[i // len(people)], recipient_kind="individual",
                         person=people[i % len(people)], status=statuses[rng.randrange(5)])
            for i in range(size["registrations"])], batch_size=2000)
        initiatives = Initiative.objects.bulk_create([
            Initiative(commune=commune, year=2022, unit=units[i % len(units)], title=f"Sáng kiến {i}",
                       recognised=rng.random() < 0.7, applied=rng.random() < 0.5)
            for i in range(max(1, size["people"] // 10))])
        Initiative.authors.through.objects.bulk_create([
            Initiative.authors.through(initiative=item, person=people[i]) for i, item in enumerate(initiatives)])
        ContestEntry.objects.bulk_create([
            ContestEntry(commune=commune, unit=unit, year=2022, period_kind="month", period=month, title="Bài",
                         subject="Ông A") for unit in units for month in range(1, 13) if rng.random() < 0.6])
        dated = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                             external_code="1/QĐ-UBND", external_date=datetime.date(2022, 12, 20))
        undated = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                               external_code="2/QĐ-UBND")
        nominations = Nomination.objects.bulk_create([
            Nomination(commune=commune, year=2022, title=titles["ldtt"], person=people[i], unit=people[i].unit,
                       status="passed") for i in range(size["awards"])], batch_size=2000)
        Award.objects.bulk_create([
            Award(decision=dated if i % 4 else undated, nomination=n, commune=commune, year=2022, title=titles["ldtt"],
                  person=n.person, unit=n.unit, recipient_name=n.person.full_name, amount=Decimal(447000), position=i)
            for i, n in enumerate(nominations)], batch_size=2000)
        clerk = None
        if with_clerk:
            clerk = get_user_model().objects.create(username=f"vanphong{index}")
            person = Person.objects.create(commune=commune, unit=units[1], full_name="Nguyễn Thị Hương", user=clerk)
            RoleAssignment.objects.create(person=person, role=Role.OFFICE_STAFF)
            chairman = Person.objects.create(commune=commune, unit=units[1], full_name="Hoàng Văn Vân")
            RoleAssignment.objects.create(person=chairman, role=Role.CHAIRMAN)
    return commune, clerk


if __name__ == "__main__":
    sys.exit(main())
