#!/usr/bin/env python
"""Benchmark of the province's view of a year across its communes (/province/year/), its workbook and the dossier
inbox.

    .venv/bin/python bench/province.py            # 126 communes, each 60 units, 2,000 people, 300 registrations,
                                                  # 100 awards
    .venv/bin/python bench/province.py --short    # CI: 10 communes, each 20 units, 500 people, 100 registrations,
                                                  # 40 awards

Runs on a scratch database of its own (bench/scratch.py: with DATABASE_URL a PostgreSQL database created beside the
one named and dropped afterwards, else a temporary SQLite file; nothing of the portal or the tests is touched). Setup
migrates, loads the catalogue and bulk-creates a province with its operator and, per commune, the 2022 of a commune:
an issued plan (all but every seventh commune), units, officials (half of them women), registrations for individual
and collective titles in every state, initiatives with authors (recognised and applied at random), monthly contest
entries, awards decided by the commune, the town and the province with the amounts of the rule set's multiples of the
base salary, and the dossier sent up to the province (due 15/11/2022): a proposal of a few CSTĐ cấp tỉnh
nominations, in every state of the inbox; every eleventh commune never sends, every ninth has its dossier returned
and not sent again, every thirteenth sends after the deadline; the late ones were reminded.

Measured with the test client as the operator, each first untraced (wall time, SQL queries) and then replayed under
tracemalloc (peak Python memory):

    page       GET /province/year/?year=2022 (session and operator warm)
    workbook   GET /province/year/workbook.xlsx?year=2022
    inbox      GET reverse("provinces:dossier_inbox")?year=2022, when that URL exists ("dossier inbox: not built
               yet" otherwise)

each first with 3 communes, then with all of them. Exit code 1 if the query count grows with the communes or a
request fails; no timing is asserted.
"""

import datetime
import random
import sys
import time
import tracemalloc
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from scratch import bench_main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {
    "full": {"communes": 126, "units": 60, "people": 2000, "registrations": 300, "awards": 100},
    "short": {"communes": 10, "units": 20, "people": 500, "registrations": 100, "awards": 40},
}
FIRST = 3  # communes of the first measure
DUE = datetime.date(2022, 11, 15)  # the province's deadline for the dossiers of 2022


def main() -> int:
    return bench_main(run, name="province", description=__doc__, sizes=SIZES)


def run(workdir: Path, size: dict, where: str, migrate: float) -> int:
    print(f"=== province: {size['communes']} communes, each {size['units']} units, {size['people']:,} people, "
          f"{size['registrations']:,} registrations, {size['awards']:,} awards — {where}")
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from awards.catalogue import load_catalogue
    from directory.models import Province, ProvinceOperator
    from provinces.models import DossierCall

    load_catalogue()
    province = Province.objects.create(name="Hà Nội", kind_label="thành phố", slug="ha-noi")
    user = get_user_model().objects.create(username="bantdkt")
    ProvinceOperator.objects.create(user=user, province=province, full_name="Đinh Thị Thu")
    DossierCall.objects.create(province=province, year=2022, due_on=DUE)
    client = Client()
    client.force_login(user)
    try:  # written beside this bench by another change: measured once it exists
        inbox_url = reverse("provinces:dossier_inbox")
    except NoReverseMatch:
        inbox_url = None

    def page():
        response = client.get("/province/year/", {"year": 2022})
        assert response.status_code == 200, response.status_code
        return f"{len(response.content) // 1024:,} KiB of HTML"

    def workbook():
        response = client.get("/province/year/workbook.xlsx", {"year": 2022})
        assert response.status_code == 200, response.status_code
        return f"{len(response.content) // 1024:,} KiB"

    def inbox():
        response = client.get(inbox_url, {"year": 2022})
        assert response.status_code == 200, response.status_code
        return f"{len(response.content) // 1024:,} KiB of HTML"

    operations = [("page", page), ("workbook", workbook)] + ([("inbox", inbox)] if inbox_url else [])

    started = time.perf_counter()
    for index in range(FIRST):
        make_commune(province, index, size)
    print(f"setup: migrate {migrate:.1f} s, {FIRST} communes {time.perf_counter() - started:.1f} s", flush=True)
    client.get("/province/")  # the session and the operator, as on any later page
    few = [measure(f"{name}, {FIRST} communes", operation) for name, operation in operations]
    started = time.perf_counter()
    for index in range(FIRST, size["communes"]):
        make_commune(province, index, size)
    print(f"setup: {size['communes'] - FIRST} more communes in {time.perf_counter() - started:.1f} s", flush=True)
    many = [measure(f"{name}, {size['communes']} communes", operation) for name, operation in operations]
    if inbox_url is None:
        print("dossier inbox: not built yet")
    from provinces.overview import province_year

    view = province_year(province, 2022)
    total = view.total
    print(f"figures: plans issued {total['plan']}/{len(view.rows)}; registrations "
          f"{total['registrations']['registered']:,} ({total['registrations']['accepted']:,} accepted); initiatives "
          f"{total['initiatives']['submitted']:,}, "
          f"staff with a recognised one {total['initiatives']['staff_percent']}%, applied "
          f"{total['initiatives']['applied_percent']}%; contest entries {total['contest']['total']:,}; awards "
          f"{total['awards']['total']:,} (women {total['awards']['women_percent']}%), "
          f"{total['awards']['amount']:,} đồng; dossiers sent {total['dossiers']['sent']:,}, late "
          f"{total['dossiers']['late']} (of which not sent {total['dossiers']['outstanding']}), reminded "
          f"{len(total['dossiers']['reminded_communes'])}")
    status = 0
    for (name, _operation), small, large in zip(operations, few, many, strict=True):
        if small["queries"] != large["queries"]:
            print(f"PROBLEM: the {name} ran {large['queries']} queries with {size['communes']} communes, "
                  f"{small['queries']} with {FIRST}")
            status = 1
        else:
            print(f"{name} queries: {small['queries']} with {FIRST} communes, {large['queries']} with "
                  f"{size['communes']} — constant")
    return status


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
    print(f"{name}: {elapsed:.2f} s, {queries} queries, peak Python memory {peak / 2**20:.1f} MiB ({detail})",
          flush=True)
    return {"seconds": elapsed, "queries": queries, "peak": peak}


def make_commune(province, index: int, size: dict):
    """One commune with its data of 2022, in bulk."""
    from django.db import transaction

    from awards.enums import Decider
    from awards.models import Award, AwardDecision, BaseSalary, Nomination, RuleSet
    from campaigns.enums import PlanStatus
    from campaigns.models import Plan
    from directory.collation import name_sort_key
    from directory.enums import UnitKind
    from directory.models import Commune, Person, Unit
    from documents.models import Document, Series
    from registrations.models import ContestEntry, Initiative, Phase, Registration

    rng = random.Random(index)
    with transaction.atomic():
        commune = Commune.objects.create(name=f"Xã {index:03d}", slug=f"xa-{index}", province=province)
        ubnd = Series.objects.create(commune=commune, code="UBND", name="Ủy ban nhân dân xã",
                                     issuing_body=f"ỦY BAN NHÂN DÂN\nXÃ {index}")
        document = Document.objects.create(series=ubnd, doc_type="KH", number=1, issued_on=datetime.date(2022, 1, 4),
                                           place=commune.name, summary="Công tác thi đua, khen thưởng năm 2022",
                                           signer_name="Hoàng Văn Vân")
        Plan.objects.create(commune=commune, year=2022, document=document,
                            status=PlanStatus.DRAFT if index % 7 == 6 else PlanStatus.ISSUED)
        kinds = [UnitKind.HAMLET, UnitKind.SECTION, UnitKind.ORGANISATION, UnitKind.RESIDENTIAL_GROUP]
        units = Unit.objects.bulk_create([Unit(commune=commune, kind=kinds[i % 4], name=f"Đơn vị {i}", position=i)
                                          for i in range(size["units"])])
        people = Person.objects.bulk_create([
            Person(commune=commune, unit=units[i % len(units)], full_name=f"Nguyễn Văn Người {i}",
                   sort_key=name_sort_key(f"Nguyễn Văn Người {i}"), gender="female" if i % 2 else "male")
            for i in range(size["people"])], batch_size=2000)
        rule_set = RuleSet.objects.filter(effective_from__year=2017).first()
        titles = {t.code: t for t in rule_set.titles.all()}
        phase = Phase.objects.create(commune=commune, year=2022, kind="registration", name="Đăng ký",
                                     opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 1, 31))
        statuses = ["draft", "submitted", "returned", "accepted", "accepted"]
        # Every unit registers itself (TTLĐTT, or thôn văn hóa for a hamlet), then people one title each.
        collective = [Registration(commune=commune, year=2022, phase=phase, unit=unit,
                                   title=titles["thon-van-hoa" if unit.kind == UnitKind.HAMLET else "ttldtt"],
                                   recipient_kind="hamlet" if unit.kind == UnitKind.HAMLET else "collective",
                                   status=statuses[rng.randrange(5)]) for unit in units]
        individual_titles = [titles["ldtt"], titles["ldtt"], titles["ldtt"], titles["cstdcs"], titles["cstd-tinh"]]
        individual = [Registration(commune=commune, year=2022, phase=phase, unit=people[i].unit,
                                   title=individual_titles[i % 5], recipient_kind="individual", person=people[i],
                                   status=statuses[rng.randrange(5)])
                      for i in range(max(0, size["registrations"] - len(units)))]
        Registration.objects.bulk_create(collective + individual, batch_size=2000)
        initiatives = Initiative.objects.bulk_create([
            Initiative(commune=commune, year=2022, unit=units[i % len(units)], title=f"Sáng kiến {i}",
                       recognised=rng.random() < 0.7, applied=rng.random() < 0.5)
            for i in range(max(1, size["people"] // 20))])
        Initiative.authors.through.objects.bulk_create([
            Initiative.authors.through(initiative=item, person=people[i * 7 % len(people)])
            for i, item in enumerate(initiatives)])
        ContestEntry.objects.bulk_create([
            ContestEntry(commune=commune, unit=unit, year=2022, period_kind="month", period=month, title="Bài",
                         subject="Ông A") for unit in units for month in range(1, 13) if rng.random() < 0.6])
        day = datetime.date(2022, 12, 20)
        base = BaseSalary.objects.on(day).amount
        own_document = Document.objects.create(series=ubnd, doc_type="QĐ", number=2, issued_on=day,
                                               place=commune.name, summary="Khen thưởng năm 2022",
                                               signer_name="Hoàng Văn Vân")
        decisions = {
            "giay-khen-ca-nhan": AwardDecision.objects.create(commune=commune, year=2022, document=own_document,
                                                              decider=Decider.COMMUNE_CHAIRMAN, status="issued"),
            "ldtt": AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                                 external_code="1/QĐ-UBND", external_date=day, status="issued"),
            "cstd-tinh": AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                                      external_code="2/QĐ-UBND", status="issued"),
        }
        codes = ["ldtt"] * 6 + ["giay-khen-ca-nhan"] * 3 + ["cstd-tinh"]
        picked = [(people[i * 13 % len(people)], codes[i % len(codes)]) for i in range(size["awards"])]
        nominations = Nomination.objects.bulk_create([
            Nomination(commune=commune, year=2022, title=titles[code], person=person, unit=person.unit,
                       status="passed") for person, code in picked], batch_size=2000)
        Award.objects.bulk_create([
            Award(decision=decisions[code], nomination=nomination, commune=commune, year=2022, title=titles[code],
                  person=person, unit=person.unit, recipient_name=person.full_name, position=i,
                  amount=(titles[code].reward_multiple * base).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            for i, ((person, code), nomination) in enumerate(zip(picked, nominations, strict=True))], batch_size=2000)
        make_dossier(commune, index, people, titles, rng)
    return commune


def make_dossier(commune, index: int, people, titles, rng):
    """The commune's proposal to the province's chairman (a few CSTĐ cấp tỉnh) sent up as one dossier, or not."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from awards.enums import Decider
    from awards.models import AwardDecision, Nomination
    from provinces.enums import DossierEventKind, DossierStatus
    from provinces.models import Dossier, DossierCall, DossierEvent, DossierReminder

    call = DossierCall.objects.get(province=commune.province, year=2022)
    never_sent, returned, sent_late = index % 11 == 5, index % 9 == 4, index % 13 == 7
    if not never_sent:
        clerk = get_user_model().objects.create(username=f"vanphong-{index}")
        proposal = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                                status="submitted")
        proposed = Nomination.objects.bulk_create([
            Nomination(commune=commune, year=2022, title=titles["cstd-tinh"], person=people[i * 31 % len(people)],
                       unit=people[i * 31 % len(people)].unit, status="passed") for i in range(3 + index % 3)])
        proposal.nominations.set(proposed)
        received = DUE + datetime.timedelta(days=3) if sent_late else DUE - datetime.timedelta(days=rng.randrange(20))
        status = DossierStatus.RETURNED if returned else [DossierStatus.SENT, DossierStatus.RECEIVED,
                                                          DossierStatus.ACCEPTED][index % 3]
        sent_at = timezone.make_aware(datetime.datetime.combine(received, datetime.time(9)))
        dossier = Dossier.objects.create(province=commune.province, commune=commune, year=2022, proposal=proposal,
                                         status=status, receipt_number=index + 1, received_on=received,
                                         sent_at=sent_at, sent_by=clerk)
        kinds = {DossierStatus.SENT: [DossierEventKind.SENT],
                 DossierStatus.RECEIVED: [DossierEventKind.SENT, DossierEventKind.RECEIVED],
                 DossierStatus.ACCEPTED: [DossierEventKind.SENT, DossierEventKind.RECEIVED, DossierEventKind.ACCEPTED],
                 DossierStatus.RETURNED: [DossierEventKind.SENT, DossierEventKind.RECEIVED, DossierEventKind.RETURNED]}
        DossierEvent.objects.bulk_create([DossierEvent(dossier=dossier, kind=kind, by=clerk) for kind in kinds[status]])
    if never_sent or returned:
        DossierReminder.objects.bulk_create([
            DossierReminder(call=call, commune=commune, sent_on=DUE + datetime.timedelta(days=day),
                            recipients="Văn phòng") for day in (1, 2, 3)])


if __name__ == "__main__":
    sys.exit(main())
