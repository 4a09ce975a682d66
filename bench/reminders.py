#!/usr/bin/env python
"""Benchmark of the daily reminder sweep (timeline.reminders.send_reminders) on many communes and tasks.

    .venv/bin/python bench/reminders.py                      # 10,000 then 100,000 tasks (20 then 200 communes)
    .venv/bin/python bench/reminders.py --tasks 50000 --communes 100
    .venv/bin/python bench/reminders.py --short              # CI: 500 then 5,000 tasks (2 then 20 communes)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/reminders.py --short

Each size runs in a process of its own on a throwaway database (bench/scratch.py): a temporary SQLite file, or, when
DATABASE_URL names a PostgreSQL server, the database `<its name>_bench_reminders` that the run creates and drops (the
database named in the URL is only used to connect; nothing else is touched). The run migrates, creates the communes
with their units, people (user accounts with an unusable password), plans, tasks spread over 2022 and their
responsibilities (all in bulk), then times one sweep for a fixed day and a second sweep on the same day (everything
already claimed).

For each sweep it prints the items due in the reminder window, the reminders claimed, the wall time, the SQL queries
(counted with a connection execute wrapper) and the peak Python memory (tracemalloc, measured in a replay of the same
sweep so that tracing does not slow the timed run). E-mails are not queued: the bench replaces `queue_sending` by a
no-op, the outbox rows are still written. The last lines compare the sizes: queries per 1,000 reminders and the peak
memory should stay about the same when the number of tasks grows tenfold (memory follows the largest batch: up to
1,000 due items with all their people). Exit code 1 when they do not.
"""

import argparse
import contextlib
import datetime
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from scratch import scratch_database

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2022, 6, 15)  # mid-year: the reminder window (7 days ahead, 7 back) is full of tasks
SEED = 2022
BULK = 5000
BATCH_SIZE = 1000  # timeline.reminders.BATCH_SIZE: due items read and reminded at a time


# --- the parent: one child process per size, then the comparison ------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000, help="tasks of the largest size (default 100,000)")
    parser.add_argument("--communes", type=int, default=200, help="communes of the largest size (default 200)")
    parser.add_argument("--short", action="store_true", help="CI size: 5,000 tasks in 20 communes")
    parser.add_argument("--single", action="store_true", help="run only the given size (no smaller run to compare)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # child mode: print a RESULT line
    args = parser.parse_args()
    if args.short:
        args.tasks, args.communes = 5_000, 20
    if args.json:
        return run_size(args.tasks, args.communes)
    sizes = [(args.tasks, args.communes)]
    if not args.single:
        sizes.insert(0, (max(args.tasks // 10, 1), max(args.communes // 10, 1)))
    results = []
    for tasks, communes in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--json", "--tasks", str(tasks), "--communes", str(communes)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        lines = child.stdout.splitlines()
        print("\n".join(line for line in lines if not line.startswith("RESULT ")), flush=True)
        if child.returncode != 0:
            print(f"the run with {tasks} tasks failed (exit code {child.returncode})", file=sys.stderr)
            return child.returncode
        results.append(json.loads(next(line for line in lines if line.startswith("RESULT "))[7:]))
    return compare(results)


def compare(results: list[dict]) -> int:
    print("\nComparison (first sweep)")
    print(f"  {'tasks':>9} {'communes':>8} {'due items':>9} {'reminders':>9} {'queries':>8} {'q/1000 rem.':>11} "
          f"{'time s':>7} {'ms/1000 rem.':>12} {'peak MiB':>8} {'largest batch':>13}")
    for r in results:
        first = r["first"]
        print(f"  {r['tasks']:>9,} {r['communes']:>8,} {first['due_items']:>9,} {first['claimed']:>9,} "
              f"{first['queries']:>8,} {per_thousand(first['queries'], first['claimed']):>11.1f} "
              f"{first['seconds']:>7.2f} {per_thousand(first['seconds'] * 1000, first['claimed']):>12.0f} "
              f"{first['peak_mib']:>8.1f} {first['largest_batch']:>13,}")
    problems = [f"second sweep of {r['tasks']} tasks claimed {r['second']['claimed']}" for r in results
                if r["second"]["claimed"]]
    if len(results) == 2 and results[0]["first"]["claimed"] and results[1]["first"]["claimed"]:
        small, large = (r["first"] for r in results)
        ratio = per_thousand(large["queries"], large["claimed"]) / per_thousand(small["queries"], small["claimed"])
        growth = large["peak_mib"] / small["peak_mib"] if small["peak_mib"] else 1
        print(f"  queries per 1,000 reminders, large / small: {ratio:.2f} (flat or falling: queries follow batches)")
        if ratio > 1.5:
            problems.append(f"queries per reminder grew {ratio:.2f}x with the size")
        print(f"  peak memory, large / small: {growth:.2f}; largest batch, large / small: "
              f"{large['largest_batch'] / max(small['largest_batch'], 1):.2f}")
        # Memory follows the reminders of the largest batch (a batch is up to BATCH_SIZE due items, each with all
        # its people), never the number of tasks: the peak per reminder of the largest batch must stay flat.
        per_reminder = [r["peak_mib"] * 1024 / max(r["largest_batch"], 1) for r in (small, large)]
        print(f"  peak KiB per reminder of the largest batch: {per_reminder[0]:.1f} → {per_reminder[1]:.1f}")
        if small["due_items"] >= BATCH_SIZE and growth > 2:
            problems.append(f"peak memory grew {growth:.2f}x with the size")
        if per_reminder[1] > 2 * per_reminder[0]:
            problems.append("peak memory grew faster than the largest batch")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


def per_thousand(value: float, reminders: int) -> float:
    return value * 1000 / reminders if reminders else 0.0


# --- the child: one size on its own database --------------------------------------------------------------------------


def run_size(n_tasks: int, n_communes: int) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    sys.path.insert(0, str(ROOT))
    try:
        with scratch_database("reminders", workdir) as where:
            os.environ.update(
                DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(40),
                VAR_DIR=str(workdir / "var"), LOG_LEVEL="WARNING", DB_CONN_MAX_AGE="0",
            )  # fmt: skip
            for name in ("CELERY_TASK_ALWAYS_EAGER", "EMAIL_HOST"):
                os.environ.pop(name, None)
            import django

            django.setup()
            return _bench(n_tasks, n_communes, where)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _bench(n_tasks: int, n_communes: int, where: str) -> int:
    from django.core.management import call_command

    print(f"\n=== {n_tasks:,} tasks in {n_communes:,} communes — {where}", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    sizes = create_data(n_tasks, n_communes)
    created = time.perf_counter()
    print(f"setup: migrate {migrated - started:.1f} s, data {created - migrated:.1f} s "
          f"({', '.join(f'{count:,} {name}' for name, count in sizes.items())})", flush=True)

    _disable_email_queue()
    from django.urls import reverse

    reverse("timeline:task_detail", args=[1])  # import the URL configuration (and its views) before timing
    first = measure_sweep(replay=True)
    second = measure_sweep(replay=False)
    for title, result in (("first sweep", first), ("second sweep (everything already claimed)", second)):
        print(f"{title} for {TODAY:%d/%m/%Y}:")
        print(f"  tasks {n_tasks:,}; due items in the window {result['due_items']:,}; reminders claimed "
              f"{result['claimed']:,} ({result['notifications']:,} notifications, {result['emails']:,} e-mails)")
        rates = [f"{per_thousand(result['queries'], result['due_items']):.1f} per 1,000 due items"]
        if result["claimed"]:
            rates.insert(0, f"{per_thousand(result['queries'], result['claimed']):.1f} per 1,000 reminders")
        print(f"  wall time {result['seconds']:.2f} s; SQL queries {result['queries']:,} "
              f"({', '.join(f'{count:,} {kind}' for kind, count in result['query_kinds'].items())}): "
              f"{'; '.join(rates)}")
        print(f"  peak Python memory {result['peak_mib']:.1f} MiB (tracemalloc, same sweep replayed); largest batch "
              f"{result['largest_batch']:,} reminders")
        print("  by part: " + "; ".join(f"{part} {seconds:.2f} s / {result['queries_by_part'].get(part, 0)} queries"
                                        for part, seconds in result["parts"].items()))
    print("RESULT " + json.dumps({"tasks": n_tasks, "communes": n_communes, "first": first, "second": second}))
    return 0


# --- data -------------------------------------------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
          "Khuất", "Kiều", "Phùng"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Quang", "Minh", "Thanh", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chiến", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khải", "Lâm", "Lan",
         "Mai", "Mạnh", "Nga", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thu", "Trang", "Tuấn", "Vân", "Yến"]
# (kind, how many, people in each, name prefix): 24 units and 43 people a commune, like the demo commune.
UNIT_PLAN = [("agency", 1, 3, "Ủy ban nhân dân xã"), ("section", 7, 2, "Bộ phận chuyên môn"),
             ("organisation", 6, 1, "Đoàn thể"), ("hamlet", 8, 2, "Thôn"), ("residential_group", 2, 2, "Tổ dân phố")]


def create_data(n_tasks: int, n_communes: int) -> dict[str, int]:
    """Communes with units, people (all with accounts) and a 2022 plan; tasks spread over the year with assignments."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from campaigns.models import Plan
    from directory.collation import name_sort_key
    from directory.enums import Gender, PersonKind, Role
    from directory.models import Commune, Person, Province, RoleAssignment, Unit
    from documents.models import Document, Series
    from timeline.enums import TaskRole, TaskStatus
    from timeline.models import Milestone, ReminderSettings, TaskAssignment, TimelineTask

    rng = random.Random(SEED)
    User = get_user_model()
    sizes = Counter()
    with transaction.atomic():
        province = Province.objects.create(name="Bench", slug="bench")
        communes = Commune.objects.bulk_create(
            Commune(name=f"Bench {c}", slug=f"bench-{c}", parent_authority="thị xã Bench", province=province)
            for c in range(n_communes)
        )
        units, members = [], []  # members: (commune index, unit index, is official)
        for c, commune in enumerate(communes):
            for kind, count, people, prefix in UNIT_PLAN:
                for k in range(count):
                    name = prefix if count == 1 else f"{prefix} {k + 1}"
                    units.append(Unit(commune=commune, kind=kind, name=name, position=len(units)))
                    members.extend((c, len(units) - 1, kind not in ("hamlet", "residential_group"))
                                   for _ in range(people))
        Unit.objects.bulk_create(units, batch_size=BULK)
        users = [
            User(username=f"bench-{i}", password="!", is_active=rng.random() > 0.02,  # "!": an unusable password
                 email=f"bench-{i}@bench.example" if official or rng.random() < 0.3 else "")
            for i, (_c, _u, official) in enumerate(members)
        ]  # fmt: skip
        User.objects.bulk_create(users, batch_size=BULK)
        if users[0].pk is None:  # a database without RETURNING: read the ids back
            ids = dict(User.objects.filter(username__startswith="bench-").values_list("username", "pk"))
            for user in users:
                user.pk = ids[user.username]
        people = []
        for user, (c, u, official) in zip(users, members, strict=True):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            people.append(Person(
                commune=communes[c], unit=units[u], full_name=name, sort_key=name_sort_key(name),
                gender=rng.choice([Gender.FEMALE, Gender.MALE]), user_id=user.pk,
                kind=PersonKind.OFFICIAL if official else PersonKind.RESIDENT,
            ))  # fmt: skip
        Person.objects.bulk_create(people, batch_size=BULK)
        by_unit: dict[int, list] = {}
        for person, (_c, u, _official) in zip(people, members, strict=True):
            by_unit.setdefault(u, []).append(person)
        leaders = []
        for u, unit in enumerate(units):
            if unit.kind in ("hamlet", "residential_group", "agency"):
                unit.leader = by_unit[u][0]
                leaders.append(unit)
        Unit.objects.bulk_update(leaders, ["leader"], batch_size=BULK)
        people_of = {}
        for person in people:
            people_of.setdefault(person.commune_id, []).append(person)
        chairmen = {units[u].commune_id: group[0] for u, group in by_unit.items() if units[u].kind == "agency"}
        RoleAssignment.objects.bulk_create(RoleAssignment(person=p, role=Role.CHAIRMAN) for p in chairmen.values())
        # A tenth of the communes ask for the directors to be reminded too, another tenth remind 10, 5 and 1 days ahead.
        ReminderSettings.objects.bulk_create(
            [ReminderSettings(commune=commune, remind_directors=True) for commune in communes[0::10]]
            + [ReminderSettings(commune=commune, days_before="10,5,1") for commune in communes[5::10]]
        )

        series = Series.objects.bulk_create(Series(commune=c, code="UBND", name="UBND", issuing_body="UBND")
                                            for c in communes)
        documents = Document.objects.bulk_create(
            Document(series=s, doc_type="KH", year=2022, number=1, issued_on=datetime.date(2022, 1, 4), place="Bench",
                     summary="Công tác thi đua, khen thưởng năm 2022", signer_name="Chủ tịch")
            for s in series
        )  # fmt: skip
        plans = Plan.objects.bulk_create(Plan(commune=c, year=2022, document=d)
                                         for c, d in zip(communes, documents, strict=True))

        units_of = {}  # commune id → kind → units
        for unit in units:
            units_of.setdefault(unit.commune_id, {}).setdefault(unit.kind, []).append(unit)
        milestone_units = []
        for commune in communes:
            for title, due_on, kinds in (("Báo cáo 6 tháng", datetime.date(2022, 6, 20), ["section"]),
                                         ("Gia đình văn hóa", datetime.date(2022, 11, 25), ["hamlet"])):
                milestone = Milestone.objects.create(commune=commune, year=2022, title=title, due_on=due_on)
                milestone_units += [Milestone.units.through(milestone_id=milestone.pk, unit_id=unit.pk)
                                    for kind in kinds for unit in units_of[commune.pk][kind]]
        Milestone.units.through.objects.bulk_create(milestone_units, batch_size=BULK)
        sizes.update(communes=len(communes), units=len(units), people=len(people), milestones=2 * len(communes))

        year_start = datetime.date(2022, 1, 1)
        for start in range(0, n_tasks, BULK):
            tasks = []
            for i in range(start, min(start + BULK, n_tasks)):
                plan = plans[i % n_communes]
                due_on = year_start + datetime.timedelta(days=rng.randrange(365))
                # Most tasks whose deadline has passed are done; those are never reminded.
                done = due_on < TODAY and rng.random() < 0.8
                tasks.append(TimelineTask(
                    plan=plan, position=i // n_communes + 1, content=f"Nhiệm vụ thi đua số {i + 1} của kế hoạch 2022",
                    due_on=due_on, status=TaskStatus.DONE if done else TaskStatus.NOT_STARTED,
                    done_on=due_on if done else None,
                ))  # fmt: skip
            TimelineTask.objects.bulk_create(tasks)
            if tasks[0].pk is None:
                raise SystemExit("the database did not return the ids of bulk-created tasks")
            assignments = []
            for task in tasks:
                kinds = units_of[task.plan.commune_id]
                chairman = chairmen[task.plan.commune_id]
                assignments.append(TaskAssignment(task=task, role=TaskRole.DIRECTS, person=chairman))
                assignments.append(TaskAssignment(task=task, role=TaskRole.DOES, unit=rng.choice(kinds["section"])))
                draw = rng.random()
                if draw < 0.3:  # "Cán bộ, công chức": every specialist section
                    assignments += [TaskAssignment(task=task, role=TaskRole.SUPPORTS, unit=u) for u in kinds["section"]]
                elif draw < 0.7:
                    unit = rng.choice(kinds["organisation"] + kinds["hamlet"])
                    assignments.append(TaskAssignment(task=task, role=TaskRole.SUPPORTS, unit=unit))
                elif draw < 0.8:  # one person by name
                    person = rng.choice(people_of[task.plan.commune_id])
                    assignments.append(TaskAssignment(task=task, role=TaskRole.SUPPORTS, person=person))
            TaskAssignment.objects.bulk_create(assignments, batch_size=BULK)
            sizes["tasks"] += len(tasks)
            sizes["responsibilities"] += len(assignments)
    return sizes


# --- measuring --------------------------------------------------------------------------------------------------------


def _disable_email_queue():
    """No e-mails are handed to Celery during the bench (the outbox rows are still written)."""
    import notifications.services
    import timeline.reminders

    def no_op(email_ids):
        return None

    timeline.reminders.queue_sending = no_op  # imported by name into the reminder module
    notifications.services.queue_sending = no_op


class Meter:
    """Counts queries (by kind and by part of the sweep) and times the parts of the sweep, without storing SQL."""

    def __init__(self):
        self.queries = Counter()
        self.kinds = Counter()
        self.seconds = Counter()
        self.stack = ["sources"]
        self.largest_post = 0  # the most messages posted at once: what one batch holds in memory

    def __call__(self, execute, sql, params, many, context):
        self.queries[self.stack[-1]] += 1
        self.kinds[sql.lstrip().split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    def wrap(self, part, function):
        def timed(*args, **kwargs):
            self.stack.append(part)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[part] += time.perf_counter() - started
                self.stack.pop()

        return timed


@contextlib.contextmanager
def instrumented(meter: Meter):
    """Time the parts of `_remind_batch` by wrapping what it calls; undone afterwards."""
    import timeline.reminders as reminders

    names = ("_remind_batch", "_recipients", "_reminder_message", "post", "people_of_units", "claim")
    originals = {name: getattr(reminders, name) for name in names}
    reminders._remind_batch = meter.wrap("claim and post", originals["_remind_batch"])
    reminders._recipients = meter.wrap("recipients", originals["_recipients"])
    reminders._reminder_message = meter.wrap("render messages", originals["_reminder_message"])

    def post(messages):
        meter.largest_post = max(meter.largest_post, len(messages))
        return originals["post"](messages)

    reminders.post = meter.wrap("insert notifications and e-mails", post)
    reminders.people_of_units = meter.wrap("people of units", originals["people_of_units"])
    reminders.claim = meter.wrap("insert claims", originals["claim"])
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(reminders, name, function)


def measure_sweep(*, replay: bool) -> dict:
    """One timed sweep (queries counted), then the same sweep again under tracemalloc for its peak memory.

    With `replay`, what the timed sweep created is deleted first, so the traced sweep does the same work.
    """
    from django.db import connection

    from notifications.models import Notification, OutboundEmail
    from timeline.models import ReminderDelivery, ReminderSettings, TimelineTask
    from timeline.reminders import DEFAULT_SETTINGS, send_reminders

    configs = list(ReminderSettings.objects.all()) + [DEFAULT_SETTINGS]
    ahead = max(max(c.offsets, default=0) for c in configs)
    behind = max(c.overdue_lookback_days for c in configs)
    window = (TODAY - datetime.timedelta(days=behind), TODAY + datetime.timedelta(days=ahead))
    due_items = TimelineTask.objects.open().filter(due_on__range=window).count()
    high_water = ReminderDelivery.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    notification_high = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    email_high = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    meter = Meter()
    with connection.execute_wrapper(meter), instrumented(meter):
        started = time.perf_counter()
        result = send_reminders(today=TODAY)
        seconds = time.perf_counter() - started
    parts = _parts(meter, seconds)

    if replay:
        ReminderDelivery.objects.filter(pk__gt=high_water).delete()
        Notification.objects.filter(pk__gt=notification_high).delete()
        OutboundEmail.objects.filter(pk__gt=email_high).delete()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    replayed = send_reminders(today=TODAY)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    assert replayed.claimed == result.claimed, (replayed, result)

    return {
        "due_items": due_items, "claimed": result.claimed, "notifications": result.notifications,
        "emails": result.emails, "seconds": seconds, "queries": sum(meter.queries.values()),
        "query_kinds": dict(meter.kinds.most_common()), "queries_by_part": dict(meter.queries),
        "peak_mib": peak / 2**20, "parts": parts, "largest_batch": meter.largest_post,
    }  # fmt: skip


def _parts(meter: Meter, total: float) -> dict[str, float]:
    """Exclusive seconds of each part; "sources" is reading the due items (and "people of units" their people)."""
    s = meter.seconds
    inside_batch = s["insert claims"] + s["recipients"] + s["render messages"] + s["insert notifications and e-mails"]
    return {
        "sources": total - s["claim and post"] - s["people of units"],
        "people of units": s["people of units"],
        "claim and post": s["claim and post"] - inside_batch,  # occasions, the won-claims query, the transaction
        "insert claims": s["insert claims"],
        "recipients": s["recipients"],
        "render messages": s["render messages"],
        "insert notifications and e-mails": s["insert notifications and e-mails"],
    }


if __name__ == "__main__":
    sys.exit(main())
