"""Every URL of the project, every persona of a province: the access table.

The world is the demo (`seed_demo`: Xuân Sơn's whole 2022, year-end included) plus what the demo leaves out (files,
a report, a contest entry...), a second commune of the same province with a plan of its own, and the province rule
sets of Hà Nội and Nghệ An. The personas:

- ``anonymous``: sent to the login page, except on the public pages;
- ``owner``: Xuân Sơn's office clerk, who opens every page (the check that each row's arguments name real objects);
- ``operator``: the Ban TĐKT of Hà Nội, Xuân Sơn's province: not a commune member, so 403 on every commune page; reads
  the national rule sets and Hà Nội's, edits Hà Nội's only;
- ``other_operator``: Nghệ An's operator: the same, and Hà Nội's rule sets do not exist for them (404);
- ``second_clerk``: the office clerk of Tản Lĩnh, another commune of Hà Nội: Xuân Sơn's objects do not exist for them
  (404), their own lists open (200).

Each row of ``TABLE`` says how to build a URL's arguments from the world, whether it is a page (GET) or a POST-only
endpoint (POSTed with empty data by everyone but the owner, who GETs it: 405), and the status each persona gets.
A page that refuses a persona (login redirect, 403, 404) is POSTed empty by them too and must refuse the same way;
after those POSTs the content of every table must be unchanged. Where a view answers otherwise and rightly (a
redirect to the overview, a confirmation page before a POST), the row says so.

``test_every_url_has_a_row`` fails when a URL pattern (outside /admin/) has no row: a new URL, for instance of the
operator area's `provinces` namespace, cannot come without its access row (see operator_page / operator_obj).
The world is built once per module (about 5 s on PostgreSQL) in a transaction rolled back at the module's end.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from directory.enums import Role, UnitKind

from . import factories as f

ANON, OWNER, OP, OP2, CLERK2 = "anonymous", "owner", "operator", "other_operator", "second_clerk"
PERSONAS = (ANON, OWNER, OP, OP2, CLERK2)
LOGIN = "login"  # a redirect to the login page
SKIP = None  # this persona does not try the URL (the owner would change the world with a real POST)
REFUSED = (LOGIN, 403, 404)  # these GET pages are POSTed empty too, and must answer the same

# Namespaces and names that are not walked: Django's admin (the superuser's), and nothing else. Namespaces that must
# have rows as soon as they exist (an operator area is on its way) need no entry: every walked pattern needs a row.
SKIPPED_NAMESPACES = {"admin"}


# --- The world ---------------------------------------------------------------------------------------------------


@dataclass
class World:
    """The objects the URLs are built from (Xuân Sơn's unless named otherwise) and the personas' users."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


FILES = {  # stored in the module's own MEDIA_ROOT, so that downloads answer 200 to whoever may have them
    "initiatives/2022/sang-kien.pdf": b"%PDF-1.4\n",
    "contest/2022/bai-du-thi.pdf": b"%PDF-1.4\n",
    "dossiers/2022/to-trinh.pdf": b"%PDF-1.4\n",
    "scoring/2022/minh-chung.pdf": b"%PDF-1.4\n",
    "registrations/evidence/2022/danh-gia.pdf": b"%PDF-1.4\n",
    "reports/jobs/2022/bao-cao.xlsx": b"PK\x03\x04",
}


def _build_world(media_root) -> World:
    from awards.models import Award, AwardDecision, Ballot, CouncilMeeting, DossierItem, Nomination, RuleSet, Title
    from awards.views import copy_rule_set
    from demo.management.commands.seed_demo import seed_demo
    from directory.models import Commune, Person, Province, ProvinceOperator, Unit
    from disclosure.models import Disclosure, Feedback
    from documents.models import Document, Series
    from notifications.models import Notification
    from registrations.models import ContestEntry, Initiative, InitiativeAttachment, Phase, Registration
    from reports.models import ReportJob
    from reports.services import create_report
    from scoring.models import Cluster, Criterion, ScoreEntry, ScoreSheet
    from timeline.models import CalendarToken

    for name, content in FILES.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)
    seed_demo()
    w = World()
    xs = Commune.objects.get(slug="xuan-son")
    ha_noi = Province.objects.get(slug="ha-noi")
    owner = Person.objects.get(commune=xs, user__username="vanphong").user
    w.users[OWNER] = owner

    # The province's operator, another province's operator (with a commune), another commune's clerk.
    w.users[OP] = ProvinceOperator.objects.get(province=ha_noi, user__username="bantdkt").user  # the demo's
    nghe_an = f.ProvinceFactory(name="Nghệ An", kind_label="tỉnh")
    f.CommuneFactory(name="Nghi Lộc", slug="nghi-loc", province=nghe_an, parent_authority="")
    w.users[OP2] = f.UserFactory(username="bantdkt-nghean")
    f.OperatorFactory(user=w.users[OP2], province=nghe_an, full_name="Hồ Văn Nam")
    tan_linh = f.CommuneFactory(name="Tản Lĩnh", slug="tan-linh", province=ha_noi, parent_authority="")
    office = f.UnitFactory(commune=tan_linh, name="Văn phòng - Thống kê", kind=UnitKind.SECTION, position=10)
    f.UnitFactory(commune=tan_linh, name="Thôn Tản Lĩnh 1", kind=UnitKind.HAMLET, position=1)
    clerk2 = f.UserFactory(username="vanphong-tanlinh")
    f.RoleFactory(person=f.PersonFactory(commune=tan_linh, unit=office, full_name="Bùi Thị Lan", user=clerk2),
                  role=Role.OFFICE_STAFF)
    w.users[CLERK2] = clerk2
    own_plan = f.PlanFactory(commune=tan_linh, document__number=1)
    f.ParagraphFactory(section=f.SectionFactory(plan=own_plan))
    f.CampaignFactory(plan=own_plan)
    f.TaskFactory(plan=own_plan)

    # Xuân Sơn's objects, seeded or added here where the demo has none.
    o = w.objects
    o["commune"] = xs
    o["province"], o["other_province"] = ha_noi, nghe_an
    o["plan"] = plan = xs.plans.annual().get(year=2022)
    o["section"] = plan.sections.order_by("pk").first()
    o["paragraph"] = o["section"].paragraphs.order_by("pk").first()
    o["campaign"] = plan.campaigns.order_by("pk").first()
    o["task"] = plan.tasks.order_by("pk").first()
    # A phrase of a year copy waiting for review (campaigns.services.copy_plan makes them).
    from campaigns.models import YearCopyFinding

    o["finding"] = YearCopyFinding.objects.create(
        plan=plan, place="paragraph", object_id=o["paragraph"].pk, kind="year", original="năm 2021",
        suggestion="năm 2022")
    o["unit"] = Unit.objects.filter(commune=xs, kind=UnitKind.HAMLET).order_by("position").first()
    o["person"] = Person.objects.filter(commune=xs, user__isnull=True).order_by("pk").first()
    o["led_unit"] = owner.person.unit
    o["phase"] = Phase.objects.filter(commune=xs).order_by("pk").first()
    o["registration"] = Registration.objects.filter(commune=xs).order_by("pk").first()
    o["initiative"] = initiative = Initiative.objects.filter(commune=xs).order_by("pk").first()
    o["attachment"] = InitiativeAttachment.objects.create(
        initiative=initiative, file="initiatives/2022/sang-kien.pdf", original_name="sang-kien.pdf",
        content_type="application/pdf", size=9)
    # A registration whose ground is "hoàn thành xuất sắc nhiệm vụ", with its evidence file.
    Registration.objects.filter(pk=o["registration"].pk).update(
        ground_evidence_file="registrations/evidence/2022/danh-gia.pdf", ground_evidence_file_name="danh-gia.pdf")
    o["contest_entry"] = ContestEntry.objects.create(
        commune=xs, unit=o["unit"], year=2022, period=5, title="Gương người tốt", subject="Ông Hùng", text="…",
        attachment="contest/2022/bai-du-thi.pdf", attachment_name="bai-du-thi.pdf")
    o["nomination"] = nomination = Nomination.objects.filter(commune=xs).order_by("pk").first()
    requirement = nomination.title.dossier_requirements.order_by("pk").first()
    o["requirement"] = requirement
    o["dossier_item"] = DossierItem.objects.create(nomination=nomination, requirement=requirement,
                                                   file="dossiers/2022/to-trinh.pdf", provided=True)
    o["meeting"] = meeting = CouncilMeeting.objects.filter(commune=xs).order_by("pk").first()
    o["attendee"] = meeting.attendances.order_by("pk").first().person
    o["ballot"] = Ballot.objects.filter(meeting=meeting).order_by("pk").first()
    o["decision"] = AwardDecision.objects.filter(commune=xs).order_by("pk").first()
    o["decision_nomination"] = o["decision"].nominations.order_by("pk").first()
    o["award"] = Award.objects.filter(decision__commune=xs).order_by("pk").first()
    from awards.blanks import save_certificate_layout
    o["certificate_layout"] = save_certificate_layout(
        commune=xs, page_width_mm=297, page_height_mm=210, fields={"recipient": {"y_mm": 90}}, by=owner)
    # A CSTĐ cấp tỉnh proposal of Xuân Sơn sent up to Hà Nội, with the nominee's report as a file.
    from provinces.dossiers import send_dossier
    from registrations.eligibility import titles_for
    from tests.provinces.dossier_data import provide_report, provincial_proposal

    cstd_tinh = next(t for t in titles_for(commune=xs, year=2022) if t.code == "cstd-tinh")
    proposal, nominee = provincial_proposal(
        meeting=CouncilMeeting.objects.filter(commune=xs).order_by("pk").first(), title=cstd_tinh,
        person=Person.objects.filter(commune=xs, user__isnull=True).order_by("-pk").first(), by=owner,
        submitted_on=datetime.date(2022, 12, 12))
    o["dossier_report"] = provide_report(nominee, file="dossiers/2022/to-trinh.pdf")
    o["dossier"] = send_dossier(proposal=proposal, by=owner)
    from provinces.models import NothingToSend

    # Xuân Sơn declared it had nothing to propose to the province in 2021.
    o["nothing_to_send"] = NothingToSend.objects.create(commune=xs, year=2021, declared_by=owner,
                                                        declared_at=timezone.now())
    o["notification"] = Notification.objects.create(recipient=owner, title="Nhắc hạn", url="/timeline/my/")
    o["calendar_token"] = CalendarToken.objects.create(user=owner, token="x" * 40)
    o["cluster"] = cluster = Cluster.objects.filter(members=xs).order_by("pk").first()
    o["criterion"] = Criterion.objects.filter(cluster=cluster).order_by("pk").first()
    o["sheet"] = sheet = ScoreSheet.objects.filter(cluster=cluster, commune=xs).order_by("pk").first()
    o["score_entry"] = entry = ScoreEntry.objects.filter(sheet=sheet).order_by("pk").first()
    entry.evidence_file, entry.evidence_name = "scoring/2022/minh-chung.pdf", "minh-chung.pdf"
    entry.save(update_fields=["evidence_file", "evidence_name"])
    o["disclosure"] = Disclosure.objects.filter(commune=xs).order_by("pk").first()
    o["feedback"] = Feedback.objects.filter(disclosure__commune=xs).order_by("pk").first()
    o["document"] = Document.objects.filter(series__commune=xs).order_by("pk").first()
    report = create_report(commune=xs, year=2022, period="h1", series=Series.objects.get(commune=xs, code="UBND"),
                           by=owner)
    o["report"] = report
    o["report_part"] = report.parts.order_by("pk").first()
    o["report_job"] = ReportJob.objects.create(
        report=report, kind="xlsx", requested_by=owner, status="done", file="reports/jobs/2022/bao-cao.xlsx",
        filename="bao-cao.xlsx")

    # The province's decision on a dossier of Xuân Sơn (issued), and a draft one on another accepted dossier.
    o["province_decision"], o["draft_province_decision"] = _province_decisions(xs, ha_noi, owner, w.users[OP])
    # The award funds: a budget allocation the demo booked in Xuân Sơn's 2022 fund and in Hà Nội's.
    from funds.models import FundEntry

    o["fund_entry"] = FundEntry.objects.filter(commune=xs, kind="budget").order_by("pk").first()
    o["province_fund_entry"] = FundEntry.objects.filter(province=ha_noi, kind="budget").order_by("pk").first()

    # The API's client systems: Xuân Sơn's (the demo's, acting as its office clerk) and one of Hà Nội's.
    from api.models import ApiClient
    from api.services import create_client

    o["api_client"] = ApiClient.objects.get(commune=xs, key_prefix="demo0001")
    o["province_api_client"], _key = create_client(owner=ha_noi, name="Cổng dịch vụ công", user=w.users[OP],
                                                   scopes={"read"}, by=w.users[OP])

    # Rule sets: a national one (the law's), Hà Nội's and Nghệ An's (each copied from the national one).
    national = RuleSet.objects.filter(province__isnull=True).order_by("-effective_from").first()
    o["national_rule_set"] = national
    o["national_title"] = national.titles.order_by("pk").first()
    for key, province in (("province_rule_set", ha_noi), ("other_province_rule_set", nghe_an)):
        rule_set = copy_rule_set(source=national, new=RuleSet(
            name=f"Quy định của {province.name}", province=province, effective_from=datetime.date(2025, 7, 1)))
        o[key] = rule_set
        o[key.replace("rule_set", "title")] = rule_set.titles.order_by("pk").first()
    assert Title.objects.exists()
    return w


def _province_decisions(commune, province, clerk, operator):
    from awards.decisions import create_decision, submit_decision
    from awards.enums import Decider, NominationStatus
    from awards.models import Nomination
    from provinces.decisions import create_province_decision, issue_province_decision
    from provinces.enums import DossierStatus
    from provinces.models import Dossier
    from registrations.eligibility import rule_set_for

    title = rule_set_for(commune=commune, year=2022).titles.get(code="cstd-tinh")
    province.chairman_name = "Trần Sỹ Thanh"
    province.save()
    unit = commune.units.filter(kind=UnitKind.HAMLET).order_by("position").first()
    dossiers = []
    for receipt, name in ((901, "Phùng Thị Hạnh"), (902, "Kiều Văn Thắng")):
        person = f.PersonFactory(commune=commune, unit=unit, full_name=name)
        nomination = Nomination.objects.create(commune=commune, year=2022, title=title, person=person, unit=unit,
                                               status=NominationStatus.PASSED)
        proposal = create_decision(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                   nominations=[nomination], by=clerk)
        proposal = submit_decision(decision=proposal, issued_on=datetime.date(2022, 11, 10), by=clerk)
        dossiers.append(Dossier.objects.create(
            province=province, commune=commune, year=2022, proposal=proposal, status=DossierStatus.ACCEPTED,
            receipt_number=receipt, received_on=datetime.date(2022, 11, 12),
            sent_at=timezone.make_aware(datetime.datetime(2022, 11, 12, 9)), sent_by=clerk))
    issued = create_province_decision(province=province, year=2022, dossiers=dossiers[:1], by=operator)
    issued = issue_province_decision(allow_overspend=True,
                                     decision=issued, issued_on=datetime.date(2022, 12, 20), by=operator)
    draft = create_province_decision(province=province, year=2022, dossiers=dossiers[1:], by=operator)
    return issued, draft


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end; each test runs in a savepoint
    of it (pytest-django's `db`), so what a test changes is undone before the next."""
    with django_db_blocker.unblock():
        media_root = tmp_path_factory.mktemp("media")
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                               MEDIA_ROOT=media_root):
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield _build_world(media_root)
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


# --- The table ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One URL name's expectations. `args` builds the reverse() arguments from the world (a list of argument tuples
    tries each); `post` makes it a POST-only endpoint; `expect` maps persona to status (or LOGIN / SKIP)."""

    expect: dict
    args: Callable[[World], Any] = lambda w: ()
    post: bool = False
    query: str | Callable[[World], str] = ""
    label: str = ""


def _statuses(anon_, owner_, op_, op2_, clerk2_, /, **overrides):
    """Statuses in PERSONAS order; keyword overrides by short name (anon, owner, op, op2, clerk2)."""
    return {ANON: anon_, OWNER: owner_, OP: op_, OP2: op2_, CLERK2: clerk2_} | {
        {"anon": ANON, "owner": OWNER, "op": OP, "op2": OP2, "clerk2": CLERK2}[k]: v for k, v in overrides.items()}


def page(args=None, *, query="", **overrides):
    """A commune page without an object (a list or a form): another commune's clerk opens their own (200)."""
    return Row(_statuses(LOGIN, 200, 403, 403, 200, **overrides), args or (lambda w: ()), query=query)


def obj(args, *, query="", label="", **overrides):
    """A page of one of Xuân Sơn's objects: another commune's clerk gets 404."""
    return Row(_statuses(LOGIN, 200, 403, 403, 404, **overrides), args, query=query, label=label)


def post(args=None, **overrides):
    """A POST-only endpoint on Xuân Sơn's object: refused (403 / 404) when POSTed empty; the owner's GET is 405."""
    return Row(_statuses(LOGIN, 405, 403, 403, 404, **overrides), args or (lambda w: ()), post=True)


def public(args=None, status=200, **overrides):
    """A page for visitors: everybody gets `status`."""
    return Row(_statuses(status, status, status, status, status, **overrides), args or (lambda w: ()))


def operator_page(args=None, **overrides):
    """A page of the operator area without an object (each operator sees their own province's): no commune member
    opens it."""
    return Row(_statuses(LOGIN, 403, 200, 200, 403, **overrides), args or (lambda w: ()))


def operator_obj(args, **overrides):
    """A page of the operator area on one of Hà Nội's objects (Hà Nội itself, Xuân Sơn, ...): Nghệ An's operator
    gets 404, commune members 403. For rows of the `provinces` namespace when it lands, e.g.
    "provinces:commune_edit": operator_obj(pk("commune"))."""
    return Row(_statuses(LOGIN, 403, 200, 404, 403, **overrides), args)


def own(**overrides):
    """A page of the signed-in account itself (password, notifications): any account opens it."""
    return Row(_statuses(LOGIN, 200, 200, 200, 200, **overrides))


def api(args=None, **overrides):
    """An endpoint of the API (/api/): no session opens it, only a client system's token (tests/api/ test each
    persona's token): 401 for everybody here."""
    return Row(_statuses(401, 401, 401, 401, 401, **overrides), args or (lambda w: ()))


def pk(key):
    return lambda w: (getattr(w, key).pk,)


TABLE: dict[str, Row | list[Row]] = {
    # The site's own pages and Django's accounts.
    "home": own(op=302, op2=302),  # an operator lands on the operator area
    "login": public(op=302, op2=302, clerk2=302, owner=302),  # signed in: straight on
    "logout": Row(_statuses(405, 405, 405, 405, 405)),  # POST only, and harmless
    "password_change": own(),
    "password_change_done": own(),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(lambda w: ("MQ", "bad-token")),  # "this link is no longer valid"
    "password_reset_complete": public(),
    "health": public(status=(200, 503)),  # 503 while a service (cache, broker, beat) is down: for everybody
    # The API for other systems: the schema and its documentation are public; every endpoint wants a token.
    "api:schema": public(),
    "api:docs": public(),
    "api:commune-list": api(),
    "api:commune-detail": api(pk("commune")),
    "api:unit-list": api(),
    "api:unit-detail": api(pk("unit")),
    "api:plan-list": api(),
    "api:plan-detail": api(pk("plan")),
    "api:campaign-list": api(),
    "api:campaign-detail": api(pk("campaign")),
    "api:task-list": api(),
    "api:task-detail": api(pk("task")),
    "api:registration-list": api(),
    "api:registration-detail": api(pk("registration")),
    "api:nomination-list": api(),
    "api:nomination-detail": api(pk("nomination")),
    "api:dossier-list": api(),
    "api:dossier-detail": api(pk("dossier")),
    "api:decision-list": api(),
    "api:decision-detail": api(pk("decision")),
    "api:decision-record": api(pk("decision")),
    "api:province-decision-list": api(),
    "api:province-decision-detail": api(pk("province_decision")),
    "api:award-list": api(),
    "api:award-detail": api(pk("award")),
    # A signed link to a file opens without a token or session (tests/api/test_dossiers.py); a bad one is a 404 for
    # everybody, whatever the method.
    "api:file": Row(_statuses(404, 404, 404, 404, 404), lambda w: ("not-a-signed-link",)),
    # Their tokens: a commune's office manages its commune's (/connections/), the province's operators the
    # province's (/province/connections/). The revoke page GETs a confirmation.
    "api_clients:list": page(),
    "api_clients:create": page(),
    "api_clients:revoke": obj(pk("api_client")),
    "api_clients:calls": obj(pk("api_client")),
    "province_api_clients:list": operator_page(),
    "province_api_clients:create": operator_page(),
    "province_api_clients:revoke": operator_obj(pk("province_api_client")),
    "province_api_clients:calls": operator_obj(pk("province_api_client")),
    # Accounts and roles: the commune's office.
    "accounts:locked_list": page(),
    "accounts:unlock": post(lambda w: (w.users[OWNER].pk,)),
    "accounts:people": page(),
    "accounts:person": obj(pk("person")),
    "accounts:resend": post(pk("person")),
    "accounts:deactivate": post(pk("person")),
    "accounts:reactivate": post(pk("person")),
    "accounts:role_grant": post(pk("person")),
    "accounts:role_revoke": post(pk("person")),
    "accounts:unit_lead": post(pk("person")),
    "accounts:unit_leave": post(lambda w: (w.person.pk, w.unit.pk)),
    "accounts:invitation": public(lambda w: ("MQ", "bad-token")),
    "accounts:invitation_done": public(),
    # Plans.
    "campaigns:plan_list": page(),
    "campaigns:plan_create": page(),
    "campaigns:plan_detail": obj(pk("plan")),
    "campaigns:plan_edit": obj(pk("plan")),
    "campaigns:plan_copy": obj(pk("plan")),
    "campaigns:plan_pdf": obj(pk("plan")),
    "campaigns:plan_issue": post(pk("plan")),
    "campaigns:plan_review": obj(pk("plan")),
    "campaigns:finding_review": post(pk("finding")),
    "campaigns:plan_docx": obj(pk("plan")),
    "campaigns:section_create": obj(pk("plan")),
    "campaigns:section_edit": obj(pk("section")),
    "campaigns:section_delete": obj(pk("section")),
    "campaigns:section_move": post(pk("section")),
    "campaigns:paragraph_create": obj(pk("section")),
    "campaigns:paragraph_edit": obj(pk("paragraph")),
    "campaigns:paragraph_delete": obj(pk("paragraph")),
    "campaigns:paragraph_move": post(pk("paragraph")),
    "campaigns:campaign_list": obj(pk("plan")),
    "campaigns:campaign_create": obj(pk("plan")),
    "campaigns:campaign_detail": obj(pk("campaign")),
    "campaigns:campaign_edit": obj(pk("campaign")),
    "campaigns:campaign_delete": obj(pk("campaign")),
    "campaigns:campaign_move": post(pk("campaign")),
    # Timeline.
    "timeline:timeline": page(),
    "timeline:my_tasks": page(),
    "timeline:task_detail": obj(pk("task")),
    "timeline:reminder_settings": page(),
    "timeline:calendar": page(),
    "timeline:calendar_regenerate": post(clerk2=SKIP),  # the clerk's own token: a real change, not tried
    "timeline:calendar_revoke": post(clerk2=SKIP),
    "timeline:calendar_feed": public(lambda w: (w.calendar_token.token,)),  # the token is the key
    "timeline:task_create": obj(pk("plan")),
    "timeline:task_edit": obj(pk("task")),
    "timeline:task_delete": obj(pk("task")),
    "timeline:task_move": post(pk("task")),
    # Registrations.
    "registrations:registration_list": page(owner=302, clerk2=302),  # the office's list is the overview
    "registrations:registration_create": page(),
    "registrations:registration_submit_all": post(clerk2=SKIP),
    "registrations:overview": page(),
    "registrations:registration_detail": obj(pk("registration")),
    "registrations:registration_edit": obj(pk("registration"), owner=403),  # the unit's to edit, not the office's
    "registrations:registration_delete": obj(pk("registration"), owner=403),
    "registrations:registration_submit": post(pk("registration")),
    "registrations:registration_return": post(pk("registration")),
    "registrations:registration_accept": post(pk("registration")),
    "registrations:phase_list": page(),
    "registrations:phase_create": page(),
    "registrations:phase_edit": obj(pk("phase")),
    "registrations:initiative_list": page(),
    "registrations:initiative_create": page(),
    "registrations:initiative_detail": obj(pk("initiative")),
    "registrations:initiative_edit": obj(pk("initiative")),
    "registrations:initiative_recognise": obj(pk("initiative")),
    "registrations:attachment_download": obj(pk("attachment")),
    "registrations:registration_evidence": obj(pk("registration")),
    "registrations:contest_list": page(),
    "registrations:contest_create": page(),
    "registrations:contest_missing": page(),
    "registrations:contest_detail": obj(pk("contest_entry")),
    "registrations:contest_attachment": obj(pk("contest_entry")),
    "registrations:contest_forward": post(pk("contest_entry")),
    "registrations:summary_xlsx": page(query="?year=2022"),
    "registrations:registrations_csv": page(query="?year=2022"),
    "registrations:unit_form_pdf": page(query=lambda w: f"?year=2022&unit={w.unit.pk}", clerk2=404),
    "registrations:import_people": page(),
    "registrations:import_people_preview": page(owner=302, clerk2=302),  # nothing uploaded: back to upload
    "registrations:import_people_confirm": post(clerk2=SKIP),
    "registrations:import_template_people": page(),
    "registrations:import_registrations": page(),
    "registrations:import_registrations_preview": page(owner=302, clerk2=302),
    "registrations:import_registrations_confirm": post(clerk2=SKIP),
    "registrations:import_template_registrations": page(),
    # Rules: the law's and the province's; operators read both, edit their own province's.
    "awards:rule_set_list": own(),
    "awards:rule_set_detail": [
        Row(_statuses(LOGIN, 200, 200, 200, 200), pk("national_rule_set"), label="national"),
        Row(_statuses(LOGIN, 200, 200, 404, 200), pk("province_rule_set"), label="Hà Nội's"),
        Row(_statuses(LOGIN, 404, 404, 200, 404), pk("other_province_rule_set"), label="Nghệ An's"),
    ],
    "awards:rule_set_copy": [
        Row(_statuses(LOGIN, 403, 200, 200, 403), pk("national_rule_set"), label="national"),
        Row(_statuses(LOGIN, 403, 200, 404, 403), pk("province_rule_set"), label="Hà Nội's"),
    ],
    "awards:title_edit": [
        Row(_statuses(LOGIN, 403, 403, 403, 403), pk("national_title"), label="national"),
        Row(_statuses(LOGIN, 403, 200, 404, 403), pk("province_title"), label="Hà Nội's"),
        Row(_statuses(LOGIN, 404, 404, 200, 404), pk("other_province_title"), label="Nghệ An's"),
    ],
    # Nominations, the council, decisions and awards.
    "awards:nomination_list": page(),
    "awards:nomination_from_registrations": post(clerk2=SKIP),
    "awards:nomination_create": page(),
    "awards:nomination_detail": obj(pk("nomination")),
    "awards:dossier_item_save": post(lambda w: (w.nomination.pk, w.requirement.pk)),
    "awards:dossier_item_download": obj(lambda w: (w.nomination.pk, w.dossier_item.pk)),
    "awards:nomination_complaint": post(pk("nomination")),
    "awards:meeting_list": page(),
    "awards:meeting_create": page(),
    "awards:meeting_detail": obj(pk("meeting")),
    "awards:attendance_save": post(lambda w: (w.meeting.pk, w.attendee.pk)),
    "awards:ballot_open": post(lambda w: (w.meeting.pk, w.nomination.pk)),
    "awards:ballot_open_all": post(pk("meeting")),
    "awards:ballot_close_all": post(pk("meeting")),
    "awards:ballot_publish_all": post(pk("meeting")),
    "awards:ballot_close": post(lambda w: (w.meeting.pk, w.ballot.pk)),
    "awards:ballot_publish": post(lambda w: (w.meeting.pk, w.ballot.pk)),
    "awards:meeting_end": post(pk("meeting")),
    "awards:vote": page(owner=403, clerk2=403),  # council members vote, not the office
    "awards:decision_list": page(),
    "awards:decision_create": page(),
    "awards:decision_detail": obj(pk("decision")),
    "awards:decision_submit": obj(pk("decision")),  # these four: a confirmation page, then POST
    "awards:decision_issue": obj(pk("decision")),
    "awards:decision_record": obj(pk("decision")),
    "awards:decision_withdraw": obj(lambda w: (w.decision.pk, w.decision_nomination.pk)),
    "awards:decision_submission_pdf": obj(pk("decision")),
    "awards:decision_pdf": obj(pk("decision")),
    "awards:decision_certificates": obj(pk("decision")),
    # Word copies of the same documents (documents.docx): the PDF's access.
    "awards:decision_submission_docx": obj(pk("decision")),
    "awards:decision_docx": obj(pk("decision")),
    "awards:decision_certificates_docx": obj(pk("decision")),
    # Printing on the commune's blanks: the layout and its calibration grid are the office's own commune's.
    "awards:decision_certificates_blank": obj(pk("decision")),
    "awards:certificate_layout": page(),
    "awards:certificate_calibration": page(),
    "awards:award_list": page(),
    "awards:award_revoke": obj(pk("award")),
    "awards:award_history": obj(pk("award")),
    # A person's and a unit's record across the years (awards decided at any level, nominations, registrations).
    "awards:person_history": obj(pk("person")),
    "awards:unit_history": obj(pk("unit")),
    "awards:meeting_minutes_issue": obj(pk("meeting")),
    "awards:meeting_minutes_pdf": obj(pk("meeting")),
    "awards:meeting_minutes_docx": obj(pk("meeting")),
    # Notifications belong to an account: another account's is 404 for everyone.
    "notifications:list": own(),
    "notifications:mark_read": post(pk("notification"), op=404, op2=404),
    "notifications:mark_all_read": post(op=SKIP, op2=SKIP, clerk2=SKIP),  # one's own: a real change, not tried
    # The directory and the register.
    "directory:unit_list": page(),
    "directory:unit_detail": obj(pk("unit")),
    "directory:unit_create": page(),
    "directory:unit_edit": obj(pk("unit")),
    "directory:unit_merge": page(),  # an empty POST is an invalid form: nothing merged
    "directory:person_list": page(),
    "directory:person_create": page(),
    "directory:person_edit": obj(pk("person")),
    "documents:register": page(),
    # The commune's printed data and recipients ("Nơi nhận"): its office; another commune's clerk has their own.
    "documents:recipients": page(),
    "documents:recipient_edit": page(lambda w: ("KH",)),
    "documents:recipient_clear": post(lambda w: ("KH",), clerk2=302),  # clears their own commune's (none): no change
    # The import of units, people and accounts: always into the user's own commune.
    "accounts:import": page(),
    "accounts:import_template": page(),
    "accounts:import_confirm": post(clerk2=302),  # nothing uploaded: back to the upload page, nothing changed
    # The operator area (Ban TĐKT of the province): no commune member opens it.
    "provinces:commune_list": operator_page(),
    "provinces:commune_create": operator_page(),
    "provinces:commune_merge": operator_page(),  # an empty POST is an invalid form: nothing merged
    "provinces:commune_detail": operator_obj(pk("commune")),
    "provinces:commune_edit": operator_obj(pk("commune")),
    "provinces:clerk_invite": operator_obj(pk("commune")),
    # Resending to Xuân Sơn's clerk (who has a password) is refused with a message: the operator is not tried.
    "provinces:clerk_resend": Row(_statuses(LOGIN, 405, SKIP, 404, 403),
                                  lambda w: (w.commune.pk, w.users[OWNER].person.pk), post=True),
    "provinces:province_edit": operator_page(),
    "provinces:operator_list": operator_page(),
    "provinces:import": operator_page(),
    "provinces:import_template": operator_page(),
    "provinces:province_year": operator_page(),
    "provinces:province_year_workbook": operator_page(),
    # The year's deadline for the dossiers (each operator their own province's call); POST remind=1 reminds.
    "provinces:call_edit": operator_page(),
    "provinces:import_confirm": Row(_statuses(LOGIN, 405, 302, 302, 403), post=True),  # nothing uploaded
    # The province's emulation clusters (the demo's cluster is Hà Nội's).
    "provinces:cluster_list": operator_page(),
    "provinces:cluster_create": operator_page(),
    "provinces:cluster_detail": operator_obj(pk("cluster")),
    "provinces:cluster_edit": operator_obj(pk("cluster")),
    "provinces:cluster_ranking": operator_obj(pk("cluster")),
    # The province's own decisions (Hà Nội's, on a dossier of Xuân Sơn; a draft one to issue).
    "provinces:decision_list": operator_page(),
    "provinces:decision_create": operator_page(),
    "provinces:decision_detail": operator_obj(pk("province_decision")),
    "provinces:decision_issue": operator_obj(pk("draft_province_decision")),
    "provinces:decision_pdf": operator_obj(pk("province_decision")),
    "provinces:decision_certificates": operator_obj(pk("province_decision")),
    "provinces:decision_docx": operator_obj(pk("province_decision")),
    "provinces:decision_certificates_docx": operator_obj(pk("province_decision")),
    # The commune downloads the province's decision on its own dossier; Tản Lĩnh has none in it (404).
    "dossiers:decision_pdf": obj(pk("province_decision")),
    "dossiers:decision_docx": obj(pk("province_decision")),
    # The award funds: the commune's (office, council; the operator is no commune member) and the province's.
    "funds:ledger": page(query="?year=2022"),
    "funds:ledger_xlsx": page(query="?year=2022"),
    "funds:entry_create": page(query="?year=2022"),
    "funds:entry_reverse": obj(pk("fund_entry")),
    "provinces:fund": operator_page(),
    "provinces:fund_xlsx": operator_page(),
    "provinces:fund_entry_create": operator_page(),
    "provinces:fund_entry_reverse": operator_obj(pk("province_fund_entry")),
    # Dossiers sent up: Xuân Sơn's, sent to Hà Nội. The steps are real changes: the operator is not tried.
    "provinces:dossier_inbox": operator_page(),
    "provinces:dossier_detail": operator_obj(pk("dossier")),
    "provinces:dossier_receive": Row(_statuses(LOGIN, 405, SKIP, 404, 403), pk("dossier"), post=True),
    "provinces:dossier_return": operator_obj(pk("dossier")),
    "provinces:dossier_accept": Row(_statuses(LOGIN, 405, SKIP, 404, 403), pk("dossier"), post=True),
    "provinces:dossier_file": operator_obj(lambda w: (w.dossier.pk, w.dossier_report.pk)),
    "provinces:dossier_document": operator_obj(lambda w: (w.dossier.pk, w.dossier.proposal.submission_id)),
    "dossiers:dossier_list": page(),
    "dossiers:dossier_detail": obj(pk("dossier")),
    "dossiers:dossier_send": post(lambda w: (w.dossier.proposal_id,)),
    # "No proposal to the province this year": another commune's clerk posting nothing is sent back to its list.
    "dossiers:nothing_declare": post(clerk2=302),
    "dossiers:nothing_withdraw": post(pk("nothing_to_send")),
    # Cluster scoring (Xuân Sơn's cluster; Tản Lĩnh is not a member).
    "scoring:index": page(),
    "scoring:cluster_detail": obj(pk("cluster")),
    "scoring:open_sheets": post(pk("cluster")),
    "scoring:assignments": obj(pk("cluster")),
    "scoring:criteria": obj(pk("cluster")),
    "scoring:criterion_create": obj(pk("cluster")),
    "scoring:criteria_copy": post(pk("cluster")),
    "scoring:criterion_edit": obj(pk("criterion")),
    "scoring:criterion_delete": post(pk("criterion")),
    "scoring:leaderboard": obj(pk("cluster")),
    "scoring:leaderboard_xlsx": obj(pk("cluster")),
    "scoring:leaderboard_pdf": obj(pk("cluster")),
    "scoring:sheet_detail": obj(pk("sheet")),
    "scoring:sheet_self": obj(pk("sheet")),
    "scoring:sheet_cross": obj(pk("sheet"), owner=403),  # the commune does not cross-score or review its own sheet
    "scoring:sheet_explain": obj(pk("sheet"), owner=302),  # nothing to explain at this step: back to the sheet
    "scoring:sheet_review": obj(pk("sheet"), owner=403),
    "scoring:sheet_xlsx": obj(pk("sheet")),
    "scoring:sheet_pdf": obj(pk("sheet")),
    "scoring:evidence_download": obj(pk("score_entry")),
    # Public posting: the office's pages, and the residents' (public) ones.
    "disclosure:list": page(),
    "disclosure:create": page(),
    "disclosure:detail": obj(pk("disclosure")),
    "disclosure:withdraw": post(pk("disclosure")),
    "disclosure:feedback_handle": obj(pk("feedback")),
    "disclosure:public_index": public(lambda w: (w.commune.slug,)),
    "disclosure:public_feedback": public(lambda w: (w.commune.slug, w.disclosure.pk)),
    "disclosure:honour_board": public(lambda w: (w.commune.slug, 2022)),
    # A certificate's QR code: its award's key opens it for everybody; a wrong key, or the key under another
    # commune's address, is a 404 for everybody.
    "disclosure:certificate_verify": [
        public(lambda w: (w.commune.slug, w.award.verification_token)),
        Row(_statuses(404, 404, 404, 404, 404), lambda w: (w.commune.slug, "not-a-key-of-any-award"),
            label="unknown key"),
        Row(_statuses(404, 404, 404, 404, 404), lambda w: ("tan-linh", w.award.verification_token),
            label="another commune's address"),
    ],
    # Reports.
    "reports:report_list": page(),
    "reports:report_create": page(),
    "reports:report_detail": obj(pk("report")),
    "reports:summary_edit": obj(pk("report")),
    "reports:targets_edit": obj(pk("report")),
    "reports:outline_edit": obj(pk("report")),
    "reports:report_issue": obj(pk("report")),
    "reports:report_new_version": post(pk("report")),
    "reports:report_pdf": obj(pk("report")),
    "reports:report_docx": obj(pk("report")),
    "reports:report_xlsx": obj(pk("report")),
    "reports:job_start": post(pk("report")),
    "reports:part_edit": obj(pk("report_part")),
    "reports:job_detail": obj(pk("report_job")),
    "reports:job_status": obj(pk("report_job")),
    "reports:job_download": obj(pk("report_job")),
}

# The history page of every kind of object that has one (audit.registry.HISTORY_PAGES), each through its own row.
HISTORY_OBJECTS = {
    "campaigns.plan": "plan", "campaigns.section": "section", "campaigns.paragraph": "paragraph",
    "campaigns.campaign": "campaign", "timeline.timelinetask": "task", "registrations.phase": "phase",
    "registrations.registration": "registration", "registrations.initiative": "initiative",
    "registrations.contestentry": "contest_entry", "awards.nomination": "nomination",
    "awards.councilmeeting": "meeting", "awards.ballot": "ballot", "awards.awarddecision": "decision",
    "awards.award": "award", "awards.certificatelayout": "certificate_layout", "directory.unit": "unit",
    "directory.person": "person", "documents.document": "document",
    "reports.report": "report", "scoring.cluster": "cluster", "scoring.scoresheet": "sheet",
    "disclosure.disclosure": "disclosure", "disclosure.feedback": "feedback", "api.apiclient": "api_client",
}
TABLE["audit:history"] = [
    obj(lambda w, label=label, key=key: (label, getattr(w, key).pk), label=label)
    for label, key in HISTORY_OBJECTS.items()
] + [
    # History pages are for a commune's office and chairman (audit.views.may_see_history); the operators see the
    # history of the rules they read (another province's do not exist for them).
    Row(_statuses(LOGIN, 200, 200, 200, 200), lambda w: ("awards.ruleset", w.national_rule_set.pk),
        label="national rule set"),
    Row(_statuses(LOGIN, 200, 200, 404, 200), lambda w: ("awards.title", w.province_title.pk),
        label="Hà Nội's title"),
    # A client system of the province: its operators' (commune members are refused as on the operator area).
    Row(_statuses(LOGIN, 403, 200, 404, 403), lambda w: ("api.apiclient", w.province_api_client.pk),
        label="Hà Nội's API client"),
]


# --- The walk ----------------------------------------------------------------------------------------------------


def url_names(resolver=None, namespace=None):
    """namespace:name of every named pattern, recursively, except the skipped namespaces."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            names += url_names(pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed URL pattern {pattern.pattern} cannot have an access row"
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_has_a_row():
    names = url_names()
    missing = sorted(set(names) - set(TABLE))
    assert not missing, f"URLs without an access row in {__name__}.TABLE: {missing}"
    stale = sorted(set(TABLE) - set(names))
    assert not stale, f"rows for URLs that no longer exist: {stale}"


def test_every_history_page_has_a_row():
    from audit.registry import HISTORY_PAGES

    labels = set(HISTORY_OBJECTS) | {"awards.ruleset", "awards.title"}
    assert set(HISTORY_PAGES) == labels


def _fingerprint():
    """The content of every table a user's action could change (a few thousand rows: cheap enough twice a test)."""
    skipped = {"sessions", "axes", "admin", "contenttypes"}
    logs = {"api.ApiCall"}  # the API's call log records refused calls too (a bad file link is a call)
    # repr, not hash: a JSON list or dict (a report part's tables) is not hashable.
    return {model._meta.label: hash(repr(tuple(model._base_manager.order_by("pk").values_list())))
            for model in apps.get_models()
            if model._meta.app_label not in skipped and model._meta.label not in logs and not model._meta.proxy}


def _check(client, persona, name, row, world, failures, method):
    args_list = row.args(world)
    if not isinstance(args_list, list):
        args_list = [args_list]
    for args in args_list:
        url = reverse(name, args=args) + (row.query(world) if callable(row.query) else row.query)
        response = client.post(url, {}) if method == "post" else client.get(url)
        wanted = row.expect[persona]
        got = response.status_code
        if wanted == LOGIN:
            ok = got == 302 and response.url.startswith(reverse("login"))
        elif isinstance(wanted, tuple):
            ok = got in wanted
        else:
            ok = got == wanted
        if not ok:
            where = f" [{row.label}]" if row.label else ""
            failures.append(f"{method.upper()} {url} ({name}{where}): {persona} wanted {wanted}, got {got}"
                            + (f" → {response.url}" if got == 302 else ""))


def _rows():
    for name, rows in TABLE.items():
        for row in rows if isinstance(rows, list) else [rows]:
            yield name, row


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_it_should(world, persona):
    client = Client(raise_request_exception=False)  # a 500 is an answer to report like any other
    if persona != ANON:
        client.force_login(world.users[persona])
    failures = []
    for name, row in _rows():
        if row.expect[persona] is SKIP:
            continue
        if not row.post or persona == OWNER:
            _check(client, persona, name, row, world, failures, "get")
    before = _fingerprint()
    for name, row in _rows():
        wanted = row.expect[persona]
        if persona == OWNER or wanted is SKIP:
            continue
        if row.post or wanted in REFUSED:
            # A page that refuses a GET refuses a POST the same way (a form's view checks before it saves).
            _check(client, persona, name, row, world, failures, "post")
    after = _fingerprint()
    changed = sorted(label for label in before if before[label] != after[label])
    if changed:
        failures.append(f"refused POSTs changed the data of {', '.join(changed)}")
    assert not failures, f"{len(failures)} unexpected answers:\n" + "\n".join(failures)
