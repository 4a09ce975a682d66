"""The commune side's read endpoints (units, plans, campaigns, tasks, registrations, nominations): each persona's
token gets what its page would give it and nothing else, another commune's objects are 404, an operator's token 403,
a read token cannot write (403) and nothing can be written here at all (405); lists filter, refuse a malformed filter
with a Vietnamese 400, and run as many queries for ten rows as for one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from awards.enums import NominationStatus
from awards.models import Nomination
from awards.nomination_views import visible_nominations
from campaigns.models import Campaign, Plan
from directory.models import Unit
from directory.permissions import get_actor
from directory.views import _visible_units
from registrations.enums import RegistrationStatus
from registrations.models import Phase
from registrations.views import visible_registrations
from tests import factories as f
from tests.registrations.conftest import open_phase, register, titles  # noqa: F401
from timeline.enums import TaskRole, TaskStatus
from timeline.models import TaskAssignment, TimelineTask

pytestmark = pytest.mark.django_db

ENDPOINTS = ("units", "plans", "campaigns", "tasks", "registrations", "nominations")
COMMUNE_PERSONAS = ("office_clerk", "council_member", "chairman", "hamlet_leader", "other_hamlet_leader",
                    "second_commune_clerk")


@pytest.fixture
def world(commune, other_commune, plan, foreign_plan, thon_a, thon_b, titles, open_phase):  # noqa: F811
    """Xuân Sơn: its 2022 plan (a section, a campaign with a target, a task), registrations and nominations of Thôn A,
    Thôn B and the office; Cổ Đông: a plan, a unit, a registration and a nomination of its own."""
    lan = f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan", phone="0912345678",
                          birth_year=1980)
    binh = f.PersonFactory(commune=commune, unit=thon_b, full_name="Lê Thị Bình")
    ldtt, hamlet_title = titles["ldtt"], titles["ttldtt"]
    task = plan.tasks.get()
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=thon_a)
    TaskAssignment.objects.create(task=task, role=TaskRole.DIRECTS, person=lan)
    registrations = [
        register(unit=thon_a, title=ldtt, phase=open_phase, person=lan, status=RegistrationStatus.SUBMITTED),
        register(unit=thon_a, title=hamlet_title, phase=open_phase),
        register(unit=thon_b, title=ldtt, phase=open_phase, person=binh, status=RegistrationStatus.ACCEPTED),
    ]
    nominations = [
        Nomination.objects.create(commune=commune, year=2022, title=ldtt, person=lan, unit=thon_a,
                                  registration=registrations[0]),
        Nomination.objects.create(commune=commune, year=2022, title=hamlet_title, unit=thon_a),
        Nomination.objects.create(commune=commune, year=2021, title=ldtt, person=binh, unit=thon_b,
                                  status="passed"),
    ]
    # Cổ Đông's own.
    unit = f.UnitFactory(commune=other_commune, name="Thôn Cổ Đông 1", position=1)
    person = f.PersonFactory(commune=other_commune, unit=unit, full_name="Tạ Văn Khoa")
    phase = Phase.objects.create(commune=other_commune, year=2022, kind="registration", name="Đăng ký",
                                 opens_on=open_phase.opens_on, closes_on=open_phase.closes_on)
    foreign_registration = register(unit=unit, title=ldtt, phase=phase, person=person)
    foreign_nomination = Nomination.objects.create(commune=other_commune, year=2022, title=ldtt, person=person,
                                                   unit=unit)
    return {
        "units": {"xs": thon_a, "foreign": unit},
        "plans": {"xs": plan, "foreign": foreign_plan},
        "campaigns": {"xs": plan.campaigns.get(), "foreign": foreign_plan.campaigns.get()},
        "tasks": {"xs": task, "foreign": foreign_plan.tasks.get()},
        "registrations": {"xs": registrations[0], "foreign": foreign_registration, "all": registrations},
        "nominations": {"xs": nominations[0], "foreign": foreign_nomination, "all": nominations},
        "lan": lan,
    }


def page_ids(endpoint, user):
    """The ids the commune's pages give `user`, from the pages' own helpers, in the pages' order."""
    actor = get_actor(user)
    if endpoint == "units":
        return list(_visible_units(user)[1].order_by("position", "name", "pk").values_list("pk", flat=True))
    if endpoint == "plans":
        return list(Plan.objects.filter(commune=actor.commune).order_by("-year", "pk").values_list("pk", flat=True))
    if endpoint == "campaigns":
        return list(Campaign.objects.filter(plan__commune=actor.commune)
                    .order_by("-plan__year", "plan_id", "position", "pk").values_list("pk", flat=True))
    if endpoint == "tasks":
        return list(TimelineTask.objects.filter(plan__commune=actor.commune)
                    .order_by("-plan__year", "plan_id", "position", "pk").values_list("pk", flat=True))
    if endpoint == "registrations":
        return list(visible_registrations(user)[1].order_by("-year", "unit__position", "title__position", "pk")
                    .values_list("pk", flat=True))
    return list(visible_nominations(user)[1].order_by(
        "-year", "title__position", "person__sort_key", "unit__position", "household", "pk")
        .values_list("pk", flat=True))


def listed(api, endpoint, query=""):
    response = api.get(f"/api/{endpoint}/{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return [row["id"] for row in body["results"]]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("persona", COMMUNE_PERSONAS)
def test_each_persona_lists_what_its_page_gives_it(request, world, token_for, endpoint, persona):
    user = request.getfixturevalue(persona)
    assert listed(token_for(user), endpoint) == page_ids(endpoint, user)


def test_the_lists_are_the_expected_ones(world, token_for, office_clerk, chairman, hamlet_leader,
                                         other_hamlet_leader, second_commune_clerk, thon_a, thon_b):
    """What page_ids gives, spelled out: a unit leader only their own unit's; another commune only its own."""
    registrations, nominations = world["registrations"]["all"], world["nominations"]["all"]
    ids = lambda objects: sorted(o.pk for o in objects)  # noqa: E731
    assert sorted(listed(token_for(hamlet_leader), "registrations")) == ids(registrations[:2])
    assert sorted(listed(token_for(other_hamlet_leader), "registrations")) == ids(registrations[2:])
    assert sorted(listed(token_for(chairman), "registrations")) == ids(registrations)
    assert sorted(listed(token_for(hamlet_leader), "nominations")) == ids(nominations[:2])
    assert sorted(listed(token_for(other_hamlet_leader), "nominations")) == ids(nominations[2:])
    assert sorted(listed(token_for(office_clerk), "nominations")) == ids(nominations)
    assert listed(token_for(hamlet_leader), "units") == [thon_a.pk]
    assert listed(token_for(other_hamlet_leader), "units") == [thon_b.pk]
    # The plan is sent to every hamlet: a unit leader reads plans, campaigns and tasks as the office does.
    assert listed(token_for(hamlet_leader), "plans") == [world["plans"]["xs"].pk]
    assert listed(token_for(hamlet_leader), "tasks") == [world["tasks"]["xs"].pk]
    clerk2 = token_for(second_commune_clerk)
    for endpoint in ("plans", "campaigns", "tasks", "registrations", "nominations"):
        assert listed(clerk2, endpoint) == [world[endpoint]["foreign"].pk], endpoint
    assert world["units"]["foreign"].pk in listed(clerk2, "units")
    assert not set(listed(clerk2, "units")) & set(Unit.objects.filter(commune=thon_a.commune).values_list("pk",
                                                                                                       flat=True))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_details_follow_the_pages(world, token_for, endpoint, office_clerk, council_member, hamlet_leader,
                                  other_hamlet_leader, second_commune_clerk):
    own, foreign = world[endpoint]["xs"].pk, world[endpoint]["foreign"].pk
    for user in (office_clerk, council_member, hamlet_leader):
        response = token_for(user).get(f"/api/{endpoint}/{own}/")
        assert response.status_code == 200, (endpoint, user)
        assert response.json()["id"] == own
        assert token_for(user).get(f"/api/{endpoint}/{foreign}/").status_code == 404
    # Thôn B's leader: Thôn A's unit, registration and nomination do not exist for them; the plan's objects do.
    expected = 404 if endpoint in ("units", "registrations", "nominations") else 200
    assert token_for(other_hamlet_leader).get(f"/api/{endpoint}/{own}/").status_code == expected
    clerk2 = token_for(second_commune_clerk)
    assert clerk2.get(f"/api/{endpoint}/{own}/").status_code == 404
    assert clerk2.get(f"/api/{endpoint}/{foreign}/").status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_operator_token_is_refused(world, token_for, endpoint, province_operator, other_province_operator):
    own = world[endpoint]["xs"].pk
    for user in (province_operator, other_province_operator):
        api = token_for(user)
        assert api.get(f"/api/{endpoint}/").status_code == 403
        assert api.get(f"/api/{endpoint}/{own}/").status_code == 403


def test_a_plain_member_gets_what_the_pages_give_them(world, token_for, client, commune, thon_a, plan):
    """A resident with an account but no role and no unit to lead: the plan, its campaigns and its timeline are sent
    to every hamlet (200); the directory, registrations and nominations are not for them (403), page and API alike."""
    user = f.UserFactory(username="cudan")
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Hà Văn Dân", user=user)
    client.force_login(user)
    pages = {"units": reverse("directory:unit_list"), "plans": reverse("campaigns:plan_list"),
             "campaigns": reverse("campaigns:campaign_list", args=[plan.pk]), "tasks": reverse("timeline:timeline"),
             "registrations": reverse("registrations:registration_list"),
             "nominations": reverse("awards:nomination_list")}
    api = token_for(user)
    statuses = {endpoint: (client.get(url).status_code, api.get(f"/api/{endpoint}/").status_code)
                for endpoint, url in pages.items()}
    assert statuses == {"units": (403, 403), "plans": (200, 200), "campaigns": (200, 200), "tasks": (200, 200),
                        "registrations": (403, 403), "nominations": (403, 403)}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_read_only(world, token_for, endpoint, office_clerk):
    own = world[endpoint]["xs"].pk
    reader, writer = token_for(office_clerk), token_for(office_clerk, scopes=("read", "submit", "decide"))
    calls = [("post", f"/api/{endpoint}/"), ("put", f"/api/{endpoint}/{own}/"),
             ("patch", f"/api/{endpoint}/{own}/"), ("delete", f"/api/{endpoint}/{own}/")]
    for method, url in calls:
        response = getattr(reader, method)(url, {}, format="json")
        assert response.status_code == 403, (method, url)
        assert "phạm vi" in response.json()["detail"]
        assert getattr(writer, method)(url, {}, format="json").status_code == 405, (method, url)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_malformed_filter_is_a_vietnamese_400(world, token_for, endpoint, office_clerk):
    api = token_for(office_clerk)
    response = api.get(f"/api/{endpoint}/?year=abc")
    if endpoint == "units":  # the directory has no year
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json() == {"year": ["“year” phải là một số nguyên dương."]}
    response = api.get(f"/api/{endpoint}/?year=20222")
    assert response.status_code == 400
    assert "từ 1900 đến 2999" in response.json()["year"][0]
    if endpoint in ("plans", "tasks", "registrations", "nominations"):
        response = api.get(f"/api/{endpoint}/?status=xyz")
        assert response.status_code == 400
        assert response.json()["status"][0].startswith("“status” phải là một trong: ")


def test_filters(world, token_for, office_clerk, thon_a, thon_b, plan):
    api = token_for(office_clerk)
    registrations, nominations = world["registrations"]["all"], world["nominations"]["all"]
    assert sorted(listed(api, "registrations", f"?unit={thon_a.pk}")) == sorted(r.pk for r in registrations[:2])
    assert listed(api, "registrations", "?status=accepted") == [registrations[2].pk]
    assert listed(api, "registrations", "?year=2021") == []
    assert listed(api, "registrations", f"?year=2022&unit={thon_b.pk}&status=accepted") == [registrations[2].pk]
    assert api.get("/api/registrations/?unit=-1").status_code == 400
    assert listed(api, "nominations", "?year=2021") == [nominations[2].pk]
    assert listed(api, "nominations", "?status=draft&year=2022") == [n.pk for n in nominations[:2]]
    assert listed(api, "plans", "?year=2022&kind=annual&status=draft") == [plan.pk]
    assert listed(api, "plans", "?status=issued") == []
    assert listed(api, "campaigns", f"?plan={plan.pk}") == [world["campaigns"]["xs"].pk]
    assert listed(api, "campaigns", f"?plan={world['plans']['foreign'].pk}") == []  # not Xuân Sơn's: nothing
    assert api.get("/api/campaigns/?kind=xyz").status_code == 400


def test_task_filters(world, token_for, office_clerk, plan, thon_a, thon_b):
    api = token_for(office_clerk)
    task = world["tasks"]["xs"]  # due 15/11/2022, not started: overdue today
    later = f.TaskFactory(plan=plan, position=2, due_on=timezone.localdate() + datetime.timedelta(days=30),
                          status=TaskStatus.IN_PROGRESS)
    assert listed(api, "tasks") == [task.pk, later.pk]
    assert listed(api, "tasks", f"?plan={plan.pk}") == [task.pk, later.pk]
    assert listed(api, "tasks", f"?campaign={world['campaigns']['xs'].pk}") == [task.pk, later.pk]
    assert listed(api, "tasks", f"?campaign={world['campaigns']['foreign'].pk}") == []
    assert listed(api, "tasks", "?status=overdue") == [task.pk]
    assert listed(api, "tasks", "?status=in_progress") == [later.pk]
    assert listed(api, "tasks", f"?unit={thon_a.pk}") == [task.pk]
    assert listed(api, "tasks", f"?unit={thon_b.pk}") == []
    assert listed(api, "tasks", "?due_from=2022-11-15&due_until=2022-11-15") == [task.pk]
    assert listed(api, "tasks", "?due_until=2022-11-14") == []
    response = api.get("/api/tasks/?due_from=15/11/2022")
    assert response.status_code == 400
    assert response.json() == {"due_from": ["“due_from” phải là ngày viết theo dạng yyyy-mm-dd."]}
    assert api.get("/api/tasks/?status=late").status_code == 400
    assert api.get("/api/tasks/?campaign=x").status_code == 400


def vietnamese(label) -> str:
    with translation.override("vi"):
        return str(label)


def test_fields(world, token_for, office_clerk, hamlet_leader, plan, thon_a):
    api = token_for(office_clerk)
    unit = api.get(f"/api/units/{thon_a.pk}/").json()
    assert (unit["kind"], unit["kind_display"]) == ("hamlet", "Thôn")
    assert unit["leader"] == {"id": hamlet_leader.person.pk, "full_name": "Trần Văn An"}
    people = {person["full_name"]: person for person in unit["people"]}
    assert set(people["Đỗ Thị Lan"]) == {"id", "full_name", "position"}  # no phone, no year of birth, no gender
    assert [p["full_name"] for p in unit["people"]] == ["Trần Văn An", "Đỗ Thị Lan"]  # Vietnamese order: An, Lan
    assert unit["people_count"] == 2
    row = api.get("/api/units/").json()["results"][0]
    assert "people" not in row and row["people_count"] >= 0

    detail = api.get(f"/api/plans/{plan.pk}/").json()
    assert (detail["code"], detail["number"], detail["issued_on"], detail["status"], detail["status_display"],
            detail["kind"]) == ("01/KH-UBND", 1, "2022-01-04", "draft", "Dự thảo", "annual")
    assert detail["sections"] == [{"id": plan.sections.get().pk, "label": "I.", "title": "MỤC ĐÍCH, YÊU CẦU",
                                   "children": []}]
    assert [c["name"] for c in detail["campaigns"]] == ["Cả nước chung tay vì người nghèo"]

    campaign = world["campaigns"]["xs"]
    Phase.objects.create(commune=plan.commune, year=2022, campaign=campaign, kind="registration",
                         name="Đăng ký phong trào", opens_on=datetime.date(2022, 3, 1),
                         closes_on=datetime.date(2022, 3, 31))
    body = api.get(f"/api/campaigns/{campaign.pk}/").json()
    assert body["targets"][0]["text"].startswith("phấn đấu giảm 20%") and body["targets"][0]["value"] == "20.00"
    assert [(p["name"], p["opens_on"], p["closes_on"]) for p in body["phases"]] == [
        ("Đăng ký phong trào", "2022-03-01", "2022-03-31")]
    assert body["printed_text"].endswith("theo chuẩn mới của Thành phố.")

    task = api.get(f"/api/tasks/{world['tasks']['xs'].pk}/").json()
    assert (task["due_on"], task["time_label"], task["status"], task["overdue"]) == (
        "2022-11-15", "Trước ngày 15/11/2022", "not_started", True)
    assert sorted((r["role"], (r["unit"] or {}).get("name"), (r["person"] or {}).get("full_name"))
                  for r in task["responsible"]) == [("directs", None, "Đỗ Thị Lan"), ("does", "Thôn A", None)]

    registration = api.get(f"/api/registrations/{world['registrations']['xs'].pk}/").json()
    assert (registration["recipient_name"], registration["status"], registration["status_display"],
            registration["unit"]["name"], registration["title"]["code"], registration["commune"]) == (
        "Đỗ Thị Lan", "submitted", vietnamese(RegistrationStatus.SUBMITTED.label), "Thôn A", "ldtt", "xuan-son")
    assert registration["person"] == {"id": world["lan"].pk, "full_name": "Đỗ Thị Lan"}

    nomination = api.get(f"/api/nominations/{world['nominations']['xs'].pk}/").json()
    assert nomination["person"] == {"id": world["lan"].pk, "full_name": "Đỗ Thị Lan"}
    assert (nomination["unit"]["name"], nomination["status_display"], nomination["award_status"],
            nomination["registration"]) == (
        "Thôn A", vietnamese(NominationStatus.DRAFT.label), None, world["registrations"]["xs"].pk)
    for text in (str(api.get("/api/nominations/").content), str(api.get("/api/units/").content)):
        assert "0912345678" not in text and "1980" not in text


# Constant queries ---------------------------------------------------------------------------------------------------


def _grow(commune, plan, titles, phase, start, count):  # noqa: F811
    """`count` more of every listed thing, each with what its row shows (leader, people, targets, assignments...)."""
    for i in range(start, start + count):
        unit = f.UnitFactory(commune=commune, name=f"Tổ dân phố {i}", position=100 + i)
        leader = f.PersonFactory(commune=commune, unit=unit, full_name=f"Lê Văn Tổ {i}")
        unit.leader = leader
        unit.save()
        member = f.PersonFactory(commune=commune, unit=unit, full_name=f"Lê Thị Dân {i}")
        document = f.DocumentFactory(series=plan.document.series, number=300 + i)
        other_plan = f.PlanFactory(commune=commune, year=2022, kind="thematic", document=document)
        f.SectionFactory(plan=other_plan)
        campaign = f.CampaignFactory(plan=other_plan, organiser=unit)
        f.TargetFactory(campaign=campaign)
        f.TargetFactory(campaign=campaign, text="chỉ tiêu thứ hai")
        task = f.TaskFactory(plan=other_plan)
        TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=unit)
        TaskAssignment.objects.create(task=task, role=TaskRole.SUPPORTS, person=member)
        registration = register(unit=unit, title=titles["ldtt"], phase=phase, person=member, campaign=campaign)
        Nomination.objects.create(commune=commune, year=2022, title=titles["ldtt"], person=member, unit=unit,
                                  registration=registration)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lists_run_a_constant_number_of_queries(commune, plan, titles, open_phase, token_for, office_clerk,  # noqa: F811
                                                endpoint):
    api = token_for(office_clerk)

    def count():
        with CaptureQueriesContext(connection) as context:
            response = api.get(f"/api/{endpoint}/?page_size=200")
        assert response.status_code == 200
        return len(context.captured_queries), response.json()["count"]

    _grow(commune, plan, titles, open_phase, 0, 1)
    few, rows_before = count()
    _grow(commune, plan, titles, open_phase, 1, 9)
    many, rows_after = count()
    assert rows_after >= rows_before + 9
    assert many == few, endpoint
