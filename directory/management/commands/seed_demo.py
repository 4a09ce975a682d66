"""Load the demo commune Xuân Sơn: directory, roles, demo accounts and the complete 2022 plan 01/KH-UBND.

Idempotent: records are found by their natural keys and only created when missing, so a second run changes nothing.
Existing records are never overwritten, in particular a 2022 plan that is already there (it may have been edited).
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns.enums import ParagraphKind, PlanStatus
from campaigns.models import Campaign, CampaignTarget, Paragraph, Plan, Section
from directory import demo_data as data
from directory.models import Commune, Person, RoleAssignment, Unit
from documents.models import Document, Series
from timeline.models import TimelineTask


class Command(BaseCommand):
    help = "Load the demo commune Xuân Sơn with its people, demo accounts and the 2022 plan (safe to run again)."

    def handle(self, *args, **options):
        created = seed_demo()
        if created:
            summary = ", ".join(f"{count} {name}" for name, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
        self.stdout.write(f"Demo accounts: {', '.join(u for u, _, _ in data.ACCOUNTS)} (password {data.DEMO_PASSWORD})")


@transaction.atomic
def seed_demo() -> Counter:
    """Create whatever demo record is missing; returns how many records of each kind were created."""
    created = Counter()
    commune = _seed_commune(created)
    series = _seed_series(commune, created)
    units = _seed_units(commune, created)
    people = _seed_people(commune, units, created)
    _seed_roles_and_accounts(people, created)
    _seed_plan(commune, series, units, created)
    return +created  # only the kinds with something created


def _seed_commune(created):
    defaults = {k: v for k, v in data.COMMUNE.items() if k != "slug"}
    commune, new = Commune.objects.get_or_create(slug=data.COMMUNE["slug"], defaults=defaults)
    created["communes"] += new
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


def _seed_plan(commune, series, units, created):
    if Plan.objects.filter(commune=commune, year=data.PLAN_YEAR).exists():
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
    TimelineTask.objects.bulk_create(
        TimelineTask(
            plan=plan, position=position, content=content, directs=directs, does=does, supports=supports,
            starts_on=starts_on, due_on=due_on, due_text=due_text,
        )
        for position, (content, directs, does, supports, starts_on, due_on, due_text) in enumerate(
            data.TIMELINE_TASKS, start=1
        )
    )
    created["timeline tasks"] += len(data.TIMELINE_TASKS)


def _seed_outline(plan, created):
    top = current = None
    positions = Counter()  # next position per parent section (None: top level) and per section's paragraphs
    for what, label, body in data.PLAN_OUTLINE:
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
        CampaignTarget.objects.bulk_create(
            CampaignTarget(campaign=campaign, position=index, text=text, value=value, unit_of_measure=unit)
            for index, (text, value, unit) in enumerate(targets, start=1)
        )
        created["campaigns"] += 1
        created["campaign targets"] += len(targets)
