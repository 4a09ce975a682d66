"""Every page, every persona: as many queries with a few rows as with ten times as many.

The world is test_access_every_url's (the demo and its extras, built once for the module). `grow` adds rounds of
everything the pages list or show, around the world's objects so that their detail pages show more too: units,
people, accounts and lockouts, sections, campaigns, tasks and their responsibilities, milestones, notifications,
registrations, initiatives, contest entries, phases, nominations, ballots, dossier items, decisions, awards,
withdrawals, disclosures, feedback, criteria and scores, reports, rule sets and titles, communes, clusters, dossiers
and the province's decisions. One round is added first (so that every list has a row: an empty list runs none of its
prefetches), then each GET row of access.TABLE is opened by the commune's office clerk, council member, chairman and
hamlet leader, by the province's operator and by an anonymous visitor, and the queries of every page that answers
200 are counted. Nine more rounds follow (each list ten times the rows it gained) and the same pages are counted
again: a page whose count changed runs a query per row somewhere (an N+1) and fails; all of them are listed at once
(url, persona, before, after, and the query run most often).

Counting the real rendering: WeasyPrint's layout is replaced by a stub (the template is rendered and queried as
usual; the layout runs no query and is the slowest part of the walk), and an issued document's kept PDF is removed
before each page. Query logs are reset before each page: CaptureQueriesContext alone keeps them across requests and
stops counting once Django's log of 9,000 queries is full.
"""

import datetime
import itertools
import logging
import re
import shutil
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.enums import Role, UnitKind

from . import factories as f, test_access_every_url as access
from .test_access_every_url import ANON, OP, OWNER

world = access.world  # its module-scoped fixture: the same world, built once for this module

# The commune's personas are the demo's accounts; the office clerk is the access table's owner.
COMMUNE_PERSONAS = {"council_member": "hoidong", "chairman": "chutich", "hamlet_leader": "thona"}
SERIAL = itertools.count(1000)  # numbers of the grown documents, receipts, people

# (url name, persona): why its count may change with the rows. Keep it tiny.
EXEMPT: dict[tuple[str, str], str] = {}


def _urls(world):
    """(name, url, row) of every GET page of the table, each argument set of a row once."""
    for name, row in access._rows():
        if row.post:
            continue
        args_list = row.args(world)
        for args in args_list if isinstance(args_list, list) else [args_list]:
            yield name, reverse(name, args=args) + (row.query(world) if callable(row.query) else row.query), row


def _count(client, url):
    # An issued document's PDF is rendered once and kept (awards.decisions.document_pdf): count the rendering.
    shutil.rmtree(settings.MEDIA_ROOT / "documents" / "issued", ignore_errors=True)
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        # A streamed body (a file, a CSV) may query while it is read: read it here (the test client closes the
        # response at its end; closing it again would close the database connection).
        if response.streaming:
            b"".join(response.streaming_content)
    return response.status_code, [query["sql"] for query in context.captured_queries]


class _NoLayout:
    """Stands in for weasyprint.HTML: the template is rendered (and queried) as usual, the layout is skipped."""

    def __init__(self, string, **kwargs):
        self.string = string

    def write_pdf(self, **kwargs):
        return b"%PDF-1.4\n"


# --- Growth --------------------------------------------------------------------------------------------------------


def grow(world, rounds: range):
    """Add rounds (numbered, each number once) of everything the pages list, around the world's objects (so that
    their detail pages show more too)."""
    people = _grow_directory(world, rounds)
    _grow_plan(world, rounds, people)
    _grow_registrations(world, people)
    _grow_awards(world, people)
    _grow_disclosure(world)
    _grow_scoring(world, rounds)
    _grow_reports(world, rounds)
    _grow_funds(world, rounds)
    _grow_province(world, rounds)
    _grow_rules(world, rounds)
    _grow_accounts(world, people)
    _grow_api(world, rounds, people)
    _grow_history(world)


def _grow_directory(world, rounds):
    """New hamlets with a leader and residents, people in the world's units, roles; returns the new people."""
    commune, owner = world.commune, world.users[OWNER]
    people = []
    for i in rounds:
        unit = f.UnitFactory(commune=commune, name=f"Thôn Mới {i}", kind=UnitKind.HAMLET, position=200 + i)
        leader = f.PersonFactory(commune=commune, unit=unit, full_name=f"Trưởng Thôn Mới {i}")
        unit.leader = leader
        unit.save(update_fields=["leader"])
        for j, where in enumerate((unit, world.unit, world.led_unit, owner.person.unit)):
            people.append(f.PersonFactory(commune=commune, unit=where, full_name=f"Đỗ Thị Mới {i}-{j}",
                                          user=f.UserFactory(username=f"moi-{i}-{j}") if j % 2 else None))
        people.append(leader)
        f.RoleFactory(person=people[-2], role=Role.COUNCIL_MEMBER)
        f.RoleFactory(person=people[-2], role=Role.OFFICE_STAFF)  # with an account: a clerk the province sees
        if i % 2:  # invited, not yet in
            people[-2].user.set_unusable_password()
            people[-2].user.save()
    return people


def _grow_plan(world, rounds, people):
    """Sections, paragraphs, campaigns with targets, tasks with responsibilities and notes, milestones,
    documents of the register, notifications of every persona."""
    from notifications.models import Notification
    from timeline.enums import TaskRole
    from timeline.models import Milestone, TaskAssignment, TaskUpdate

    plan, owner = world.plan, world.users[OWNER]
    series = plan.document.series
    users = [owner, world.users[OP], *get_user_model().objects.filter(username__in=COMMUNE_PERSONAS.values())]
    personas = [user.person for user in users if hasattr(user, "person")]
    for i, someone in zip(rounds, people[::5], strict=True):
        section = f.SectionFactory(plan=plan, parent=world.section, label=f"{i}.", title=f"Mục thêm {i}",
                                   position=100 + i)
        f.ParagraphFactory(section=section)
        f.ParagraphFactory(section=world.section, position=100 + i)
        campaign = f.CampaignFactory(plan=plan, position=100 + i, organiser=world.unit)
        f.TargetFactory(campaign=campaign)
        f.TargetFactory(campaign=world.campaign, position=100 + i)
        task = f.TaskFactory(plan=plan, position=100 + i, content=f"Nhiệm vụ thêm {i}")
        # Each persona does or supports the new task; the world's task gets a new hamlet and person each round.
        for role, who in ((TaskRole.DIRECTS, {"person": someone}), (TaskRole.DOES, {"unit": someone.unit}),
                          (TaskRole.DOES, {"unit": world.unit}), (TaskRole.DOES, {"unit": world.led_unit}),
                          *((TaskRole.SUPPORTS, {"person": person}) for person in personas)):
            TaskAssignment.objects.create(task=task, role=role, **who)
        for role, who in ((TaskRole.DIRECTS, {"person": someone}), (TaskRole.DOES, {"unit": someone.unit})):
            TaskAssignment.objects.create(task=world.task, role=role, **who)
        TaskUpdate.objects.create(task=world.task, author=owner, status=world.task.status, note=f"Ghi chú {i}")
        TaskUpdate.objects.create(task=task, author=owner, status=task.status, note=f"Ghi chú {i}")
        milestone = Milestone.objects.create(commune=world.commune, year=2022, title=f"Mốc {i}",
                                             due_on=datetime.date(2022, 1 + i % 12, 1))
        milestone.units.add(world.unit, world.led_unit, someone.unit)
        milestone.people.add(*personas, someone)
        f.DocumentFactory(series=series, number=500 + i, issued_on=datetime.date(2022, 3, 1))
        f.DocumentFactory(series=f.SeriesFactory(commune=world.commune, code=f"BTĐ{i}", name=f"Ban {i}"),
                          doc_type="TB", issued_on=datetime.date(2022, 6, 1))
        for user in users:
            Notification.objects.create(recipient=user, title=f"Thông báo {i}", url="/timeline/my/")


def _grow_registrations(world, people):
    """Registrations of the new people and hamlets (every status, with events), initiatives with authors and
    files, contest entries, phases."""
    from registrations.eligibility import titles_for
    from registrations.models import ContestEntry, Initiative, InitiativeAttachment, Phase, Registration

    commune, owner = world.commune, world.users[OWNER]
    titles = {t.code: t for t in titles_for(commune=commune, year=2022)}
    statuses = itertools.cycle(["draft", "submitted", "returned", "accepted"])
    for i, person in enumerate(people):
        registration = Registration.objects.create(
            commune=commune, year=2022, phase=world.phase, unit=person.unit, title=titles["ldtt"],
            recipient_kind=titles["ldtt"].recipient_kind, person=person, status=next(statuses), created_by=owner)
        registration.events.create(action="created", status="draft", actor=owner)
        world.registration.events.create(action="edited", status=world.registration.status, actor=person.user)
        if person.unit.leader_id == person.pk:
            Registration.objects.create(
                commune=commune, year=2022, phase=world.phase, unit=person.unit, title=titles["thon-van-hoa"],
                recipient_kind=titles["thon-van-hoa"].recipient_kind, status=next(statuses), created_by=owner)
        if i % 5 == 0:
            initiative = Initiative.objects.create(commune=commune, unit=person.unit, year=2022,
                                                   title=f"Sáng kiến thêm {i}", recognised=bool(i % 2) or None)
            initiative.authors.add(person, world.person)
            world.initiative.authors.add(person)
            InitiativeAttachment.objects.create(initiative=initiative, file=f"initiatives/2022/{i}.pdf",
                                                original_name="a.pdf", content_type="application/pdf", size=9)
            InitiativeAttachment.objects.create(initiative=world.initiative, file=f"initiatives/2022/w{i}.pdf",
                                                original_name="b.pdf", content_type="application/pdf", size=9)
            for unit in (person.unit, world.unit):
                ContestEntry.objects.create(commune=commune, unit=unit, year=2022, period=5, title=f"Bài {i}",
                                            subject="Ông Hùng", text="…", submitted_by=owner)
            Phase.objects.create(commune=commune, year=2022, kind="contest", name=f"Đợt {i}",
                                 opens_on=datetime.date(2022, 2, 1), closes_on=datetime.date(2022, 3, 1),
                                 campaign=world.campaign)


def _grow_awards(world, people):
    """Nominations of the new people (on the world's meeting's agenda, with published ballots and dossier items),
    awarded in the world's decision and in new ones; withdrawals."""
    from awards.enums import BallotStatus, Decider, DecisionStatus, NominationStatus
    from awards.models import Attendance, Award, AwardDecision, Ballot, DecisionWithdrawal, DossierItem, Nomination
    from registrations.eligibility import titles_for

    commune, meeting, decision = world.commune, world.meeting, world.decision
    # The individual titles in turn: a page that groups by title shows more groups too.
    titles = itertools.cycle([t for t in titles_for(commune=commune, year=2022) if t.recipient_kind == "individual"])
    now = timezone.now()
    decisions = [decision]
    for i, person in enumerate(people):
        title = next(titles)
        voting = i % 5 == 4  # one nomination a round is still being voted on
        nomination = Nomination.objects.create(
            commune=commune, year=2022, title=title, person=person, unit=person.unit,
            status=NominationStatus.IN_BALLOT if voting else NominationStatus.PASSED,
            achievement="Hoàn thành xuất sắc nhiệm vụ")
        meeting.nominations.add(nomination)
        for requirement in title.dossier_requirements.all():
            DossierItem.objects.create(nomination=nomination, requirement=requirement, provided=True)
        if voting:
            Ballot.objects.create(meeting=meeting, nomination=nomination, status=BallotStatus.OPEN, opened_at=now)
            continue
        Ballot.objects.create(meeting=meeting, nomination=nomination, status=BallotStatus.PUBLISHED, opened_at=now,
                              closed_at=now, published_at=now, eligible_count=9, votes_cast=9, agree_count=9,
                              disagree_count=0, threshold_percent=50, passed=True)
        if i % 5 == 0:
            Attendance.objects.create(meeting=meeting, person=person, present=bool(i % 2))
            decisions.append(AwardDecision.objects.create(
                commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN, status=DecisionStatus.ISSUED,
                document=f.DocumentFactory(series=decision.document.series, doc_type="QD", number=next(SERIAL),
                                           issued_on=datetime.date(2022, 12, 20))))
        target = decisions[i % 2 * (len(decisions) - 1)]
        target.nominations.add(nomination)
        Award.objects.create(decision=target, nomination=nomination, commune=commune, year=2022, title=title,
                             person=person, unit=person.unit, recipient_name=person.full_name,
                             recipient_detail=person.unit.name, amount=1_000_000, position=100 + i)
        if i % 5 == 1:
            withdrawn = Nomination.objects.create(commune=commune, year=2022, title=title, person=person,
                                                  unit=person.unit, status=NominationStatus.PASSED)
            DecisionWithdrawal.objects.create(decision=decision, nomination=withdrawn, reason="Sai tên",
                                              by=world.users[OWNER])
        if i % 5 == 2:
            # A past year of the world's person and unit (their history pages), decided by the town.
            year = 2000 + next(SERIAL) % 20
            past = AwardDecision.objects.create(
                commune=commune, year=year, decider=Decider.DISTRICT_CHAIRMAN, status=DecisionStatus.ISSUED,
                external_code=f"{i}/QĐ-UBND", external_issuer="UBND thị xã", external_date=datetime.date(year, 12, 1))
            for who in ({"person": world.person, "unit": world.person.unit}, {"unit": world.unit}):
                past_nomination = Nomination.objects.create(commune=commune, year=year, title=title,
                                                            status=NominationStatus.PASSED, **who)
                past.nominations.add(past_nomination)
                Award.objects.create(decision=past, nomination=past_nomination, commune=commune, year=year,
                                     title=title, recipient_name="Người cũ", amount=0, **who)


def _grow_disclosure(world):
    """The world's disclosure posts the new nominations and receives feedback on them."""
    from awards.models import Nomination
    from disclosure.models import Disclosure, Feedback

    disclosure, today = world.disclosure, timezone.localdate()
    nominations = list(Nomination.objects.filter(commune=world.commune, year=2022, award__position__gte=100)
                       .exclude(disclosures=disclosure))
    disclosure.nominations.add(*nominations)
    # Posted now (the public page shows the running ones; the office's list is of this year by default).
    running = Disclosure.objects.create(commune=world.commune, year=today.year, heading="Danh sách đề nghị",
                                        starts_on=today - datetime.timedelta(days=1), posted_by=world.users[OWNER])
    running.nominations.add(*nominations)
    for i, nomination in enumerate(nominations[::3]):
        feedback = Feedback.objects.create(disclosure=disclosure, nomination=nomination, name=f"Người dân {i}",
                                           contact="0912 345 678", content="Nhất trí.", is_complaint=bool(i % 2))
        feedback.events.create(action="submitted", status=feedback.status, nomination=nomination)
        Feedback.objects.create(disclosure=disclosure, nomination=world.nomination, name=f"Người dân {i}",
                                contact="0912 345 678", content="Xin hỏi thêm.")
        world.feedback.events.create(action="handled", status=world.feedback.status, actor=world.users[OWNER],
                                     comment=f"Lần {i}")


def _grow_scoring(world, rounds):
    """Criteria of the world's cluster, each with an entry on the world's sheet; sheet events."""
    from scoring.models import Criterion, ScoreEntry

    for i in rounds:
        criterion = Criterion.objects.create(cluster=world.cluster, parent=world.criterion.parent,
                                             code=f"IX.{i}", name=f"Tiêu chí thêm {i}", kind="qualitative",
                                             max_points=5, position=100 + i)
        ScoreEntry.objects.create(sheet=world.sheet, criterion=criterion, self_points=3, evidence="Báo cáo")
        world.sheet.events.create(action="self_scored", status=world.sheet.status, actor=world.users[OWNER])


def _grow_reports(world, rounds):
    from reports.models import Report, ReportJob

    for i in rounds:
        Report.objects.create(commune=world.commune, year=2022, period="year", series=world.report.series,
                              version=1 + i, summary=f"Báo cáo {i}", created_by=world.users[OWNER])
        ReportJob.objects.create(report=world.report, kind="pdf", requested_by=world.users[OWNER], status="done",
                                 file="reports/jobs/2022/bao-cao.xlsx", filename="bao-cao.xlsx")


def _grow_funds(world, rounds):
    """Entries of Xuân Sơn's 2022 fund and of Hà Nội's this year: income, its reversal, spending on a decision."""
    from funds.models import FundEntry

    year = timezone.localdate().year
    for i in rounds:
        for owner, day in (({"commune": world.commune}, datetime.date(2022, 3, 1)),
                           ({"province": world.province}, datetime.date(year, 1, 2))):
            income = FundEntry.objects.create(**owner, booked_on=day, kind="contribution", amount=1000 + i,
                                              description=f"Ủng hộ {i}", created_by=world.users[OWNER])
            FundEntry.objects.create(**owner, booked_on=day, kind="contribution", amount=1000 + i, reverses=income,
                                     description=f"Hủy {i}", created_by=world.users[OWNER])
        FundEntry.objects.create(commune=world.commune, booked_on=datetime.date(2022, 12, 20), kind="other_spending",
                                 amount=500 + i, decision=world.decision, description=f"Chi {i}")
        FundEntry.objects.create(province=world.province, booked_on=datetime.date(year, 1, 3), kind="other_spending",
                                 amount=500 + i, province_decision=world.province_decision, description=f"Chi {i}")


def _grow_province(world, rounds):
    """Communes of the province (each with a clerk, in the world's cluster, with a dossier sent this year and one
    of 2022 decided in the world's province decision), operators, the province's decisions of this year; the
    world's dossier and decision get more nominations and dossiers."""
    from awards.enums import Decider, DecisionStatus, NominationStatus
    from awards.models import Award, AwardDecision, DossierItem, Nomination, RuleSet
    from provinces.enums import DossierEventKind, DossierStatus, ProvinceDecisionStatus
    from provinces.models import Dossier, DossierCall, DossierReminder, NothingToSend, ProvinceDecision
    from scoring.models import Cluster, ScoreEntry, ScoreSheet, ScoringAssignment

    province, op, this_year = world.province, world.users[OP], timezone.localdate().year
    title = world.dossier.proposal.nominations.order_by("pk").first().title

    def nomination(commune, year, unit=None):
        person = f.PersonFactory(commune=commune, unit=unit, full_name=f"Ngô Văn Đề {next(SERIAL)}")
        made = Nomination.objects.create(commune=commune, year=year, title=title, person=person, unit=unit,
                                         status=NominationStatus.PASSED, achievement="Xuất sắc")
        for requirement in title.dossier_requirements.all():
            DossierItem.objects.create(nomination=made, requirement=requirement, provided=True,
                                       file="dossiers/2022/to-trinh.pdf")
        return made

    def dossier(commune, clerk, year, status, decision=None):
        series = f.SeriesFactory(commune=commune)
        proposal = AwardDecision.objects.create(
            commune=commune, year=year, decider=Decider.PROVINCE_CHAIRMAN, status=DecisionStatus.SUBMITTED,
            submission=f.DocumentFactory(series=series, doc_type="TTr", issued_on=datetime.date(year, 11, 10)))
        nominations = [nomination(commune, year), nomination(commune, year)]
        proposal.nominations.add(*nominations)
        if status == DossierStatus.DECIDED:  # awarded by the province's decision
            for made in nominations:
                Award.objects.create(decision=proposal, nomination=made, commune=commune, year=year, title=title,
                                     person=made.person, recipient_name=made.person.full_name, amount=2_000_000)
        made = Dossier.objects.create(
            province=province, commune=commune, year=year, proposal=proposal, status=status,
            receipt_number=next(SERIAL), received_on=datetime.date(year, 11, 12), decision=decision,
            sent_at=timezone.make_aware(datetime.datetime(year, 11, 12, 9)), sent_by=clerk)
        made.events.create(kind=DossierEventKind.SENT, by=clerk)
        made.events.create(kind=DossierEventKind.RECEIVED, by=op)
        return made

    call = DossierCall.objects.get(province=province, year=this_year)
    for i in rounds:
        commune = f.CommuneFactory(name=f"Xã Thêm {i}", slug=f"xa-them-{i}", province=province)
        office = f.UnitFactory(commune=commune, name="Văn phòng", kind=UnitKind.SECTION)
        clerk = f.UserFactory(username=f"vanphong-them-{i}")
        f.RoleFactory(person=f.PersonFactory(commune=commune, unit=office, user=clerk), role=Role.OFFICE_STAFF)
        world.cluster.members.add(commune)
        sheet = ScoreSheet.objects.create(cluster=world.cluster, commune=commune, status=world.sheet.status)
        for entry in world.sheet.entries.all():
            ScoreEntry.objects.create(sheet=sheet, criterion=entry.criterion, self_points=entry.self_points)
        ScoringAssignment.objects.create(cluster=world.cluster, scorer=world.commune, scored=commune)
        f.OperatorFactory(province=province, user=f.UserFactory(username=f"bantdkt-them-{i}"))
        dossier(commune, clerk, this_year, DossierStatus.RECEIVED)
        dossier(commune, clerk, this_year, DossierStatus.ACCEPTED)  # to decide
        dossier(commune, clerk, 2022, DossierStatus.ACCEPTED, decision=world.draft_province_decision)
        dossier(commune, clerk, 2022, DossierStatus.DECIDED, decision=world.province_decision)
        ProvinceDecision.objects.create(province=province, year=this_year, status=ProvinceDecisionStatus.DRAFT,
                                        created_by=op)
        dossier(world.commune, world.users[OWNER], 2022, DossierStatus.SENT)
        cluster = Cluster.objects.create(province=province, name=f"Cụm thêm {i}", year=2022, head=commune)
        cluster.members.add(commune, world.commune)
        RuleSet.objects.create(name=f"Quy định {i}", province=province, effective_from=datetime.date(2040 + i, 1, 1))
        world.dossier.proposal.nominations.add(nomination(world.commune, 2022, unit=world.unit))
        world.dossier.events.create(kind=DossierEventKind.RECEIVED, by=op, comment=f"Lần {i}")
        # A commune that has sent nothing this year: reminded, or declaring it has nothing to send.
        silent = f.CommuneFactory(name=f"Xã Im {i}", slug=f"xa-im-{i}", province=province)
        DossierReminder.objects.create(call=call, commune=silent, sent_on=call.due_on, recipients="vanphong")
        if i % 2:
            NothingToSend.objects.create(commune=silent, year=this_year, declared_by=clerk, declared_at=timezone.now())


def _grow_rules(world, rounds):
    """Titles in the national rule set and in the province's, each with prerequisites and dossier components."""
    from awards.models import Title

    for i in rounds:
        for rule_set, prerequisite in ((world.national_rule_set, world.national_title),
                                       (world.province_rule_set, world.province_title)):
            title = Title.objects.create(rule_set=rule_set, code=f"them-{i}", name=f"Danh hiệu thêm {i}",
                                         recipient_kind="individual", decided_by="commune", position=100 + i)
            title.prerequisites.add(prerequisite)
            title.dossier_requirements.create(code="bao-cao", name="Báo cáo thành tích")


def _grow_accounts(world, people):
    """The new people's accounts locked out, and unlocked before."""
    from axes.models import AccessAttempt

    from accounts.models import AccountUnlock

    for person in people:
        if person.user_id:
            AccessAttempt.objects.create(username=person.user.username, ip_address="127.0.0.1", user_agent="test",
                                         failures_since_start=10, get_data="", post_data="", http_accept="",
                                         path_info="")
            AccountUnlock.objects.create(username=person.user.username, user=person.user, commune=world.commune,
                                         failures=10, ip_addresses="127.0.0.1", unlocked_by=world.users[OWNER])


def _grow_api(world, rounds, people):
    """Client systems of the API: the commune's (acting as the new accounts, a third revoked) and the province's,
    and calls of the world's two clients (their call logs)."""
    from api.keys import new_key
    from api.models import ApiCall, ApiClient, key_hash

    now = timezone.now()
    accounts = [person.user for person in people if person.user_id]
    clerk, op = world.users[OWNER], world.users[OP]
    for i in rounds:
        for owner, user, by in ((world.commune, accounts[i % len(accounts)], clerk), (world.province, op, op)):
            key, prefix = new_key()
            revoked = i % 3 == 0
            ApiClient.objects.create(
                name=f"Hệ thống {i}", user=user, key_prefix=prefix, key_hash=key_hash(key), created_by=by,
                revoked_at=now if revoked else None, revoked_by=by if revoked else None, note="Ghi chú",
                **{owner._meta.model_name: owner})
        ApiCall.objects.bulk_create(
            ApiCall(client=client, at=now, method="GET", path=f"/api/communes/{i}/", query="page=2", status=200)
            for client in (world.api_client, world.province_api_client))


def _grow_history(world):
    """Each object with a history page gets more versions."""
    for key in access.HISTORY_OBJECTS.values():
        obj = getattr(world, key)
        for _i in range(3):
            type(obj).objects.get(pk=obj.pk).save()


# --- The walk ------------------------------------------------------------------------------------------------------


def _most_repeated(queries) -> str:
    """The query run most often, its numbers blanked (the likely culprit of an N+1)."""
    sql, times = Counter(re.sub(r"\b\d+\b", "?", query) for query in queries).most_common(1)[0]
    return f"{times}× {sql[:300]}"


def _walk(world, clients, pages=None):
    """{(url, persona): (name, status, queries)} of the pages that answer 200 (of `pages` only, if given)."""
    counts = {}
    for persona, client in clients.items():
        for name, url, row in _urls(world):
            if pages is not None and (url, persona) not in pages:
                continue
            # The table's status where it has the persona (200 expected or none at all); the commune's other
            # personas skip the operator area (refused to the office, let in for the operator).
            if persona in row.expect:
                wanted = row.expect[persona]
                if wanted != 200 and not (isinstance(wanted, tuple) and 200 in wanted):
                    continue
            elif row.expect[OWNER] == 403 and row.expect[OP] == 200:
                continue
            status, queries = _count(client, url)
            if status == 200 or pages is not None:
                counts[url, persona] = (name, status, queries)
    return counts


@pytest.mark.django_db
def test_every_page_runs_as_many_queries_with_ten_rounds_of_rows(world, monkeypatch):
    for logger in ("django.request", "django.security"):  # refusals are expected: no traceback for each
        monkeypatch.setattr(logging.getLogger(logger), "disabled", True)
    monkeypatch.setattr("weasyprint.HTML", _NoLayout)
    users = {OWNER: world.users[OWNER], OP: world.users[OP]} | {
        persona: get_user_model().objects.get(username=username) for persona, username in COMMUNE_PERSONAS.items()}
    clients = {ANON: Client(raise_request_exception=False)}
    for persona, user in users.items():
        clients[persona] = Client(raise_request_exception=False)
        clients[persona].force_login(user)
    grow(world, range(1))  # every list has a row: an empty one runs no prefetch
    before = _walk(world, clients)
    grow(world, range(1, 10))
    after = _walk(world, clients, pages=before)
    failures = []
    for (url, persona), (name, _status, queries) in sorted(before.items()):
        status, queries_after = after[url, persona][1:]
        if status != 200:
            failures.append(f"{url} ({name}), {persona}: {status} after the growth")
        elif len(queries_after) != len(queries) and (name, persona) not in EXEMPT:
            failures.append(f"{url} ({name}), {persona}: {len(queries)} queries before, {len(queries_after)} after;"
                            f" {_most_repeated(queries_after)}")
    assert not failures, f"{len(failures)} pages whose query count grows with the rows:\n" + "\n".join(failures)
