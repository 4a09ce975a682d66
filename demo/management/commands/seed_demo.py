"""Load the demo: the commune Xuân Sơn with its directory, roles, demo accounts and the complete 2022 plan
01/KH-UBND, who is responsible for each task of its appendix, the milestones and the year-end of 2022; the province's
operator and a second commune of the province, Yên Bài, with its 2026 (demo/yenbai.py); the province's side of 2026
(demo/dossiers.py: Yên Bài's dossier through to Hà Nội's decision, the deadline and a reminder); the Celery beat
schedules; the commune's client system of the API with a fixed key (demo/api.py, the README's curl example).

Idempotent: records are found by their natural keys and only created when missing, so a second run changes nothing.
Existing records are never overwritten, in particular a 2022 plan that is already there (it may have been edited):
a task's responsibilities are only filled in while it has none, an e-mail address only where there is none.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from audit.history import bulk_create
from awards.catalogue import load_base_salaries, load_catalogue
from campaigns.enums import CampaignKind, ParagraphKind, PlanKind, PlanStatus
from campaigns.models import Campaign, CampaignTarget, Paragraph, Plan, Section
from demo import api, data, dossiers, yenbai
from directory.models import Commune, Person, Province, RoleAssignment, Unit
from documents.models import Document, RecipientList, Series
from registrations.enums import PeriodKind
from registrations.models import ContestEntry, Phase
from timeline.enums import TaskRole
from timeline.models import Milestone, TaskAssignment, TimelineTask
from xuanson_tdkt.beat import seed_beat_schedules


class Command(BaseCommand):
    help = ("Load the demo: Xuân Sơn with its 2022, the province operator and Yên Bài with its 2026, and their "
            "demo accounts (safe to run again).")

    def handle(self, *args, **options):
        created = seed_demo()
        for line in account_summary():
            self.stdout.write(line)
        if created:  # last, so that `seed_demo | tail -n 1` (scripts/smoke-production.sh) shows what was done
            summary = ", ".join(f"{count} {name}" for name, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")


def account_summary() -> list[str]:
    """The demo accounts, as the command prints them (the README's table says the same)."""
    return [
        f"Demo accounts (password {data.DEMO_PASSWORD}):",
        "  Xuân Sơn (2022): " + ", ".join(
            f"{username} (superuser)" if superuser else username for username, _name, superuser in data.ACCOUNTS)
        + ", and vanphong.<commune> for the other communes of its emulation cluster",
        *(f"  {username}: {who}" for username, who in yenbai.account_lines()),
    ]


@transaction.atomic
def seed_demo() -> Counter:
    """Create whatever demo record is missing; returns how many records of each kind were created."""
    created = Counter()
    commune = _seed_commune(created)
    series = _seed_series(commune, created)
    units = _seed_units(commune, created)
    people = _seed_people(commune, units, created)
    _seed_roles_and_accounts(people, created)
    _seed_emails(people, created)
    _seed_plan(commune, series, units, created)
    _seed_council_plan(commune, series, units, created)
    _seed_assignments(commune, people, created)
    _seed_milestones(commune, created)
    _seed_catalogue(created)
    _seed_phases(commune, created)
    _seed_year_end(commune, created)
    yenbai.seed_operator(created)
    yenbai.seed_yen_bai(created)
    dossiers.seed_province_side(created)
    api.seed_api_client(created)
    seed_beat_schedules(created)
    return +created  # only the kinds with something created


def _seed_commune(created):
    province, new = Province.objects.get_or_create(
        slug=data.PROVINCE["slug"], defaults={k: v for k, v in data.PROVINCE.items() if k != "slug"})
    created["provinces"] += new
    defaults = {k: v for k, v in data.COMMUNE.items() if k != "slug"} | {"province": province}
    commune, new = Commune.objects.get_or_create(slug=data.COMMUNE["slug"], defaults=defaults)
    created["communes"] += new
    for doc_type, recipients in data.RECIPIENT_LISTS.items():
        _list, new = RecipientList.objects.get_or_create(
            commune=commune, doc_type=doc_type, defaults={"recipients": recipients}
        )
        created["recipient lists"] += new
    return commune


def _seed_series(commune, created) -> dict[str, Series]:
    series = {}
    for values in data.SERIES:
        defaults = {k: v for k, v in values.items() if k != "code"}
        series[values["code"]], new = Series.objects.get_or_create(
            commune=commune, code=values["code"], defaults=defaults
        )
        created["document series"] += new
    return series


def _seed_units(commune, created) -> dict[str, Unit]:
    units = {}
    for position, (kind, name, short_name) in enumerate(data.UNITS, start=1):
        units[name], new = Unit.objects.get_or_create(
            commune=commune, name=name, valid_from=None,
            defaults={"kind": kind, "short_name": short_name, "position": position},
        )
        created["units"] += new
    return units


def _seed_people(commune, units, created) -> dict[str, Person]:
    people = {}
    for full_name, gender, birth_year, kind, position, unit_name in data.PEOPLE:
        people[full_name], new = Person.objects.get_or_create(
            commune=commune, full_name=full_name,
            defaults={
                "gender": gender, "birth_year": birth_year, "kind": kind, "position": position,
                "unit": units[unit_name],
            },
        )
        created["people"] += new
    for unit_name, leader_name in data.UNIT_LEADERS.items():
        unit = units[unit_name]
        if unit.leader_id is None:
            unit.leader = people[leader_name]
            unit.save(update_fields=["leader"])
            created["unit leaders"] += 1
    return people


def _seed_roles_and_accounts(people, created):
    for full_name, role in data.ROLES:
        _, new = RoleAssignment.objects.get_or_create(person=people[full_name], role=role)
        created["roles"] += new
    User = get_user_model()
    for username, full_name, superuser in data.ACCOUNTS:
        user, new = User.objects.get_or_create(
            username=username, defaults={"is_staff": superuser, "is_superuser": superuser}
        )
        if new:
            # Set only on creation: a password changed since stays as it is.
            user.set_password(data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created["accounts"] += 1
        if full_name is None:
            continue
        person = people[full_name]
        if person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user"])


def _seed_emails(people, created):
    """Addresses for the office, the chairman and a few officials, and for every demo account's user."""
    for full_name, email in data.PERSON_EMAILS.items():
        person = people[full_name]
        if not person.email:
            person.email = email
            person.save(update_fields=["email"])
            created["e-mail addresses"] += 1
    usernames = [username for username, _, _ in data.ACCOUNTS]
    for user in get_user_model().objects.filter(username__in=usernames, email=""):
        user.email = f"{user.username}@{data.ACCOUNT_EMAIL_DOMAIN}"
        user.save(update_fields=["email"])
        created["e-mail addresses"] += 1


def _seed_plan(commune, series, units, created):
    if Plan.objects.annual().filter(commune=commune, year=data.PLAN_YEAR).exists():
        return  # it may have been edited since: leave it alone
    values = dict(data.PLAN_DOCUMENT)
    document, new = Document.objects.get_or_create(
        series=series[values.pop("series")],
        doc_type=values.pop("doc_type"),
        year=values["issued_on"].year,
        number=values.pop("number"),
        defaults={**values, "recipients": "\n".join(data.PLAN_RECIPIENTS)},
    )
    created["documents"] += new
    plan = Plan.objects.create(
        commune=commune, year=data.PLAN_YEAR, document=document, status=PlanStatus.ISSUED,
        closing=data.PLAN_CLOSING, appendix_title=data.PLAN_APPENDIX_TITLE,
    )
    created["plans"] += 1
    _seed_outline(plan, created)
    _seed_campaigns(plan, units, created)
    bulk_create(TimelineTask, (
        TimelineTask(
            plan=plan, position=position, content=content, directs=directs, does=does, supports=supports,
            starts_on=starts_on, due_on=due_on, due_text=due_text,
        )
        for position, (content, directs, does, supports, starts_on, due_on, due_text) in enumerate(
            data.TIMELINE_TASKS, start=1
        )
    ))
    created["timeline tasks"] += len(data.TIMELINE_TASKS)


def _seed_council_plan(commune, series, units, created):
    """The council's writing-contest plan of the seed year, beside the annual plan, with its campaign and an article
    sent for it."""
    plan = Plan.objects.filter(commune=commune, year=data.PLAN_YEAR, kind=PlanKind.COUNCIL).first()
    if plan is None:
        values = dict(data.COUNCIL_PLAN_DOCUMENT)
        document, new = Document.objects.get_or_create(
            series=series[values.pop("series")], doc_type=values.pop("doc_type"), year=values["issued_on"].year,
            number=values.pop("number"), defaults={**values, "recipients": "\n".join(data.COUNCIL_PLAN_RECIPIENTS)},
        )
        created["documents"] += new
        plan = Plan.objects.create(commune=commune, year=data.PLAN_YEAR, kind=PlanKind.COUNCIL, document=document,
                                   status=PlanStatus.ISSUED)
        created["plans"] += 1
        _seed_outline(plan, created, data.COUNCIL_PLAN_OUTLINE)
        values = dict(data.COUNCIL_CAMPAIGN)
        Campaign.objects.create(plan=plan, position=1, kind=CampaignKind.THEMATIC,
                                organiser=units[values.pop("organiser")], **values)
        created["campaigns"] += 1
    campaign = plan.campaigns.order_by("position", "pk").first()
    values = dict(data.COUNCIL_CONTEST_ENTRY)
    unit = units[values.pop("unit")]
    _entry, new = ContestEntry.objects.get_or_create(
        commune=commune, unit=unit, year=values.pop("year"), period_kind=PeriodKind.MONTH,
        period=values.pop("period"), title=values.pop("title"),
        defaults={**values, "plan": plan, "campaign": campaign},
    )
    created["contest entries"] += new


def _seed_outline(plan, created, outline=data.PLAN_OUTLINE):
    top = current = None
    positions = Counter()  # next position per parent section (None: top level) and per section's paragraphs
    for what, label, body in outline:
        if what in (data.SECTION, data.SUBSECTION):
            parent = None if what == data.SECTION else top
            positions[("sections", parent)] += 1
            current = Section.objects.create(
                plan=plan, parent=parent, position=positions[("sections", parent)], label=label, title=body
            )
            if parent is None:
                top = current
            created["sections"] += 1
        else:
            positions[("paragraphs", current)] += 1
            Paragraph.objects.create(
                section=current, position=positions[("paragraphs", current)], kind=ParagraphKind(what), label=label,
                text=body,
            )
            created["paragraphs"] += 1


def _seed_campaigns(plan, units, created):
    starts_on, ends_on = data.CAMPAIGN_PERIOD
    for position, (name, kind, organiser, listed, content, targets) in enumerate(data.CAMPAIGNS, start=1):
        campaign = Campaign.objects.create(
            plan=plan, position=position, kind=kind, name=name, content=content, organiser=units[organiser],
            starts_on=starts_on, ends_on=ends_on, listed_in_plan=listed,
        )
        bulk_create(CampaignTarget, (
            CampaignTarget(campaign=campaign, position=index, text=text, value=value, unit_of_measure=unit)
            for index, (text, value, unit) in enumerate(targets, start=1)
        ))
        created["campaigns"] += 1
        created["campaign targets"] += len(targets)


def _current_units(commune):
    return Unit.objects.filter(commune=commune, valid_until__isnull=True)


def _seed_assignments(commune, people, created):
    """Who directs, does and supports each task of the 2022 plan, read from the labels the appendix prints.

    Only tasks without any responsibility get them, so responsibilities edited since are kept. Labels the demo
    data does not know (a task added by hand) are left for the office to fill in.
    """
    plan = Plan.objects.annual().filter(commune=commune, year=data.PLAN_YEAR).first()
    if plan is None:
        return
    units = _current_units(commune)
    units_by_name = {unit.name: unit for unit in units}
    units_by_kind = {}
    for unit in units.order_by("position", "pk"):
        units_by_kind.setdefault(unit.kind, []).append(unit)
    new = []
    for task in plan.tasks.filter(assignments__isnull=True):
        for role, label in ((TaskRole.DIRECTS, task.directs), (TaskRole.DOES, task.does),
                            (TaskRole.SUPPORTS, task.supports)):
            target = data.responsible_for_label(label)
            if target is None:
                continue
            kind, value = target
            if kind == data.LABEL_PERSON:
                new.append(TaskAssignment(task=task, role=role, person=people[value]))
            elif kind == data.LABEL_UNIT:
                new.append(TaskAssignment(task=task, role=role, unit=units_by_name[value]))
            else:
                new.extend(TaskAssignment(task=task, role=role, unit=unit) for unit in units_by_kind.get(value, []))
    bulk_create(TaskAssignment, new)
    created["task responsibilities"] += len(new)


def _seed_milestones(commune, created):
    units = _current_units(commune)
    for title, description, due_on, unit_kinds in data.MILESTONES:
        milestone, new = Milestone.objects.get_or_create(
            commune=commune, year=due_on.year, title=title, defaults={"description": description, "due_on": due_on}
        )
        if new:  # its responsible units are set once; later edits stay
            milestone.units.set(units.filter(kind__in=unit_kinds))
            created["milestones"] += 1


def _seed_catalogue(created):
    """The shipped rule sets (2022's law and today's) and their titles; the office's edits are kept."""
    for kind, count in load_catalogue().items():
        created[kind.replace("_", " ")] += count
    created["base salaries"] += load_base_salaries()


def _seed_phases(commune, created):
    """The windows of the seed year, found by name so that dates edited since are kept."""
    for kind, name, opens_on, closes_on in data.PHASES:
        _, new = Phase.objects.get_or_create(
            commune=commune, year=opens_on.year, campaign=None, name=name,
            defaults={"kind": kind, "opens_on": opens_on, "closes_on": closes_on},
        )
        created["phases"] += new


def _seed_year_end(commune, created):
    """The 2022 year-end: the cluster's score sheets; registrations → nominations → the council's ballots → public
    posting → minutes, decisions and awards."""
    from demo.awards import seed_demo_awards, seed_demo_decisions
    from demo.disclosure import seed_demo_disclosure
    from demo.scoring import seed_demo_scoring
    from disclosure.models import Disclosure

    created.update(seed_demo_scoring(commune))
    created["nominations"] += seed_demo_awards(commune)
    if not Disclosure.objects.filter(commune=commune).exists():
        created["public disclosures"] += seed_demo_disclosure(commune) is not None
    created["awards"] += seed_demo_decisions(commune)
