"""Every view, every persona: allowed (200/302), forbidden (403) or not found (404), as it should be.

Anonymous visitors are sent to the login page; objects of another commune or another unit are 404 for everyone.
"""

import pytest
from django.urls import reverse

from .conftest import login

O, C, H, A, B, X = (  # noqa: E741 - persona initials keep the access tables readable
    "office_clerk", "council_member", "chairman", "hamlet_leader", "other_hamlet_leader", "outsider"
)
MEMBERS = {O, C, H, A, B}


def expect(ok, status_ok=200, *, others=403):
    """Expected status per persona: `ok` personas get status_ok, every other persona `others`."""
    return {p: (status_ok if p in ok else others) for p in (O, C, H, A, B, X)}


def urls(plan):
    section = plan.sections.first()
    paragraph = section.paragraphs.first()
    campaign = plan.campaigns.first()
    task = plan.tasks.first()
    return {
        "plan_detail": reverse("campaigns:plan_detail", args=[plan.pk]),
        "plan_pdf": reverse("campaigns:plan_pdf", args=[plan.pk]),
        "plan_edit": reverse("campaigns:plan_edit", args=[plan.pk]),
        "plan_copy": reverse("campaigns:plan_copy", args=[plan.pk]),
        "section_create": reverse("campaigns:section_create", args=[plan.pk]),
        "section_edit": reverse("campaigns:section_edit", args=[section.pk]),
        "section_delete": reverse("campaigns:section_delete", args=[section.pk]),
        "paragraph_create": reverse("campaigns:paragraph_create", args=[section.pk]),
        "paragraph_edit": reverse("campaigns:paragraph_edit", args=[paragraph.pk]),
        "paragraph_delete": reverse("campaigns:paragraph_delete", args=[paragraph.pk]),
        "campaign_list": reverse("campaigns:campaign_list", args=[plan.pk]),
        "campaign_create": reverse("campaigns:campaign_create", args=[plan.pk]),
        "campaign_detail": reverse("campaigns:campaign_detail", args=[campaign.pk]),
        "campaign_edit": reverse("campaigns:campaign_edit", args=[campaign.pk]),
        "campaign_delete": reverse("campaigns:campaign_delete", args=[campaign.pk]),
        "task_create": reverse("timeline:task_create", args=[plan.pk]),
        "task_edit": reverse("timeline:task_edit", args=[task.pk]),
        "task_delete": reverse("timeline:task_delete", args=[task.pk]),
        "task_detail": reverse("timeline:task_detail", args=[task.pk]),
    }


READ_VIEWS = {"plan_detail", "plan_pdf", "campaign_list", "campaign_detail", "task_detail"}
MOVE_VIEWS = {
    "section_move": ("campaigns:section_move", lambda plan: plan.sections.first().pk),
    "paragraph_move": ("campaigns:paragraph_move", lambda plan: plan.sections.first().paragraphs.first().pk),
    "campaign_move": ("campaigns:campaign_move", lambda plan: plan.campaigns.first().pk),
    "task_move": ("timeline:task_move", lambda plan: plan.tasks.first().pk),
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_plan_object_views(client, personas, plan, foreign_plan, persona):
    login(client, personas[persona])
    for name, url in urls(plan).items():
        wanted = expect(MEMBERS if name in READ_VIEWS else {O})[persona]
        assert client.get(url).status_code == wanted, (name, persona)
    for name, url in urls(foreign_plan).items():
        # Another commune's objects do not exist for this commune's people; outsiders are refused before that.
        assert client.get(url).status_code == (403 if persona == X else 404), (name, persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_move_views_are_post_only_and_for_office(client, personas, plan, foreign_plan, persona):
    login(client, personas[persona])
    for name, (route, pk_of) in MOVE_VIEWS.items():
        url = reverse(route, args=[pk_of(plan)])
        assert client.get(url).status_code in (403, 405), name
        assert client.post(url, {"direction": "down"}).status_code == expect({O}, 302)[persona], (name, persona)
        foreign = reverse(route, args=[pk_of(foreign_plan)])
        assert client.post(foreign, {"direction": "down"}).status_code == (403 if persona == X else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "allowed"),
    [
        ("home", MEMBERS | {X}),
        ("password_change", MEMBERS | {X}),
        ("campaigns:plan_list", MEMBERS),
        ("campaigns:plan_create", {O}),
        ("directory:unit_list", MEMBERS),
        ("directory:person_list", MEMBERS),
        ("directory:unit_create", {O}),
        ("directory:person_create", {O}),
        ("accounts:people", {O}),
        ("documents:register", {O, C, H}),
        ("timeline:timeline", MEMBERS),
        ("timeline:my_tasks", MEMBERS),
        ("timeline:calendar", MEMBERS),
        ("timeline:reminder_settings", {O}),
        # Notifications belong to an account, not to a person: anyone logged in reads their own.
        ("notifications:list", MEMBERS | {X}),
    ],
)
def test_list_views(client, personas, plan, route, allowed):
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse(route)).status_code == expect(allowed)[persona], (route, persona)


ACCOUNT_POSTS = ["accounts:resend", "accounts:deactivate", "accounts:reactivate", "accounts:role_grant",
                 "accounts:role_revoke", "accounts:unit_lead"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_account_views_are_for_the_office_of_the_commune(client, personas, other_commune, persona):
    """A person's account page and its changes: the office only; another commune's person is 404 (the changes are
    POST only, and refused without a change for everyone else)."""
    from .factories import PersonFactory

    person = PersonFactory(commune=personas[O].person.commune, full_name="Đỗ Thị Hoa", email="hoa@example.vn")
    foreign = PersonFactory(commune=other_commune)
    login(client, personas[persona])
    assert client.get(reverse("accounts:person", args=[person.pk])).status_code == expect({O})[persona]
    assert client.get(reverse("accounts:person", args=[foreign.pk])).status_code == (404 if persona == O else 403)
    for route in ACCOUNT_POSTS:
        assert client.get(reverse(route, args=[person.pk])).status_code in (403, 405), route
        assert client.post(reverse(route, args=[foreign.pk]), {"role": "chairman"}).status_code == \
            (404 if persona == O else 403), (route, persona)
        if persona != O:
            assert client.post(reverse(route, args=[person.pk]), {"role": "chairman"}).status_code == 403
    assert not person.roles.exists() and person.user is None


@pytest.mark.django_db
def test_account_pages_of_anonymous_visitors(client, office_clerk):
    """"Forgot password" and an invitation's link are for visitors; the office's pages send them to log in."""
    for route in ("password_reset", "password_reset_done", "password_reset_complete", "accounts:invitation_done"):
        assert client.get(reverse(route)).status_code == 200, route
    link = reverse("accounts:invitation", args=["MQ", "bad-token"])
    assert client.get(link).status_code == 200  # "this link no longer works"
    for url in (reverse("accounts:people"), reverse("accounts:person", args=[office_clerk.person.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.django_db
def test_unit_detail_only_for_own_unit(client, personas, thon_a, thon_b):
    wanted = {O: 200, C: 200, H: 200, A: 200, B: 404, X: 403}
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse("directory:unit_detail", args=[thon_a.pk])).status_code == wanted[persona]


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, plan):
    own_pages = [reverse(name) for name in ("timeline:timeline", "timeline:my_tasks", "timeline:calendar",
                                            "timeline:reminder_settings", "notifications:list")]
    for url in [reverse("home"), reverse("campaigns:plan_list"), *urls(plan).values(), *own_pages]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.django_db
def test_unit_leader_sees_only_own_people(client, hamlet_leader, other_hamlet_leader, thon_a, thon_b):
    from .factories import PersonFactory

    PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Đỗ Thị Hoa")
    PersonFactory(commune=thon_b.commune, unit=thon_b, full_name="Vũ Văn Khánh")
    client.force_login(hamlet_leader)
    page = client.get(reverse("directory:person_list")).content.decode()
    assert "Đỗ Thị Hoa" in page and "Vũ Văn Khánh" not in page
    page = client.get(reverse("directory:unit_list")).content.decode()
    assert "Thôn A" in page and "Thôn B" not in page
    # Filtering by another unit's id gives nothing rather than that unit's people.
    page = client.get(reverse("directory:person_list"), {"unit": thon_b.pk}).content.decode()
    assert "Vũ Văn Khánh" not in page


@pytest.mark.django_db
def test_directory_edit_views(client, personas, thon_a, other_commune):
    from .factories import PersonFactory, UnitFactory

    person = PersonFactory(commune=thon_a.commune, unit=thon_a)
    foreign_unit = UnitFactory(commune=other_commune)
    foreign_person = PersonFactory(commune=other_commune)
    for persona, user in personas.items():
        client.force_login(user)
        for route, obj, foreign in [("directory:unit_edit", thon_a, foreign_unit),
                                    ("directory:person_edit", person, foreign_person)]:
            assert client.get(reverse(route, args=[obj.pk])).status_code == expect({O})[persona], (route, persona)
            assert client.get(reverse(route, args=[foreign.pk])).status_code == (404 if persona == O else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_timeline_post_views(client, personas, plan, foreign_plan, persona):
    """Reporting progress is for the office and those who do the task; calendar links for every member."""
    from timeline.enums import TaskRole
    from timeline.models import CalendarToken, TaskAssignment, TaskUpdate

    task = plan.tasks.get()
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=personas[A].person.unit)
    login(client, personas[persona])
    url = reverse("timeline:task_detail", args=[task.pk])
    assert client.post(url, {"status": "in_progress"}).status_code == expect({O, A}, 302)[persona]
    assert TaskUpdate.objects.exists() == (persona in {O, A})
    foreign = reverse("timeline:task_detail", args=[foreign_plan.tasks.get().pk])
    assert client.post(foreign, {"status": "done"}).status_code == (403 if persona == X else 404)
    for route in ("timeline:calendar_regenerate", "timeline:calendar_revoke"):
        assert client.post(reverse(route)).status_code == expect(MEMBERS, 302)[persona], (route, persona)
    assert client.post(reverse("timeline:reminder_settings"), {}).status_code == expect({O}, 200)[persona]
    assert not CalendarToken.objects.exists()  # created, then revoked; never for an outsider


@pytest.mark.django_db
def test_notifications_are_private(client, personas):
    from notifications.models import Notification

    theirs = Notification.objects.create(recipient=personas[A], title="Còn 3 ngày")
    for persona, user in personas.items():
        client.force_login(user)
        response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))
        assert response.status_code == (302 if persona == A else 404), persona
        assert client.post(reverse("notifications:mark_all_read")).status_code == 302


@pytest.mark.django_db
def test_calendar_feed_needs_only_the_token(client, hamlet_leader):
    from timeline.services import calendar_token_for

    token = calendar_token_for(hamlet_leader).token
    assert client.get(reverse("timeline:calendar_feed", args=[token])).status_code == 200
    assert client.get(reverse("timeline:calendar_feed", args=[token + "x"])).status_code == 404


# Initiatives and the writing contest -------------------------------------------------------------------------------


@pytest.fixture
def initiative_objects(settings, tmp_path, thon_a, thon_b, other_commune):
    """An initiative with a file and a contest entry with a file in Thôn A, the same in Thôn B and in another
    commune."""
    from django.core.files.base import ContentFile

    from registrations.models import ContestEntry, Initiative, InitiativeAttachment

    from .factories import UnitFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    foreign_unit = UnitFactory(commune=other_commune, name="Thôn Xa")
    made = {}
    for key, unit in (("own", thon_a), ("other_unit", thon_b), ("other_commune", foreign_unit)):
        initiative = Initiative.objects.create(commune=unit.commune, year=2022, unit=unit, title=f"Sáng kiến {key}")
        attachment = InitiativeAttachment(initiative=initiative, original_name="a.pdf", content_type="application/pdf",
                                          size=9)
        attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        entry = ContestEntry(commune=unit.commune, unit=unit, year=2022, period=5, title=f"Bài {key}",
                             subject="Ông Hùng", attachment_name="b.pdf")
        entry.attachment.save("b.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        made[key] = (initiative, attachment, entry)
    return made


def initiative_urls(initiative, attachment, entry):
    return {
        "initiative_detail": reverse("registrations:initiative_detail", args=[initiative.pk]),
        "initiative_edit": reverse("registrations:initiative_edit", args=[initiative.pk]),
        "initiative_recognise": reverse("registrations:initiative_recognise", args=[initiative.pk]),
        "attachment_download": reverse("registrations:attachment_download", args=[attachment.pk]),
        "contest_detail": reverse("registrations:contest_detail", args=[entry.pk]),
        "contest_attachment": reverse("registrations:contest_attachment", args=[entry.pk]),
    }


INITIATIVE_READERS = {O, C, H, A}  # Thôn A's objects: the whole-commune readers and Thôn A's leader
INITIATIVE_WRITE = {"initiative_edit": {O, A}, "initiative_recognise": {O}}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_initiative_and_contest_object_views(client, personas, initiative_objects, persona):
    login(client, personas[persona])
    for name, url in initiative_urls(*initiative_objects["own"]).items():
        allowed = INITIATIVE_WRITE.get(name, INITIATIVE_READERS)
        # Thôn B's leader does not see Thôn A's objects at all: 404, not 403.
        wanted = 404 if persona == B else expect(allowed)[persona]
        assert client.get(url).status_code == wanted, (name, persona)
    for name, url in initiative_urls(*initiative_objects["other_commune"]).items():
        assert client.get(url).status_code == (403 if persona == X else 404), (name, persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_contest_forward_is_post_only_and_for_office(client, personas, initiative_objects, persona):
    login(client, personas[persona])
    own_entry = initiative_objects["own"][2]
    url = reverse("registrations:contest_forward", args=[own_entry.pk])
    assert client.get(url).status_code in (403, 404, 405)
    wanted = {O: 302, C: 403, H: 403, A: 403, B: 404, X: 403}[persona]
    assert client.post(url).status_code == wanted
    foreign = reverse("registrations:contest_forward", args=[initiative_objects["other_commune"][2].pk])
    assert client.post(foreign).status_code == (403 if persona == X else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "allowed"),
    [
        ("registrations:initiative_list", {O, C, H, A, B}),
        ("registrations:initiative_create", {O, A, B}),
        ("registrations:contest_list", {O, C, H, A, B}),
        ("registrations:contest_create", {O, A, B}),
        ("registrations:contest_missing", {O}),
    ],
)
def test_initiative_and_contest_list_views(client, personas, route, allowed):
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse(route)).status_code == expect(allowed)[persona], (route, persona)
    client.logout()
    response = client.get(reverse(route))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- exchange: summary workbook and CSV, unit form PDF, Excel import -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "allowed", "status_ok"),
    [
        # Unit leaders get the export too, limited to their own unit's rows.
        ("registrations:summary_xlsx", MEMBERS, 200),
        ("registrations:registrations_csv", MEMBERS, 200),
        ("registrations:import_people", {O}, 200),
        ("registrations:import_registrations", {O}, 200),
        ("registrations:import_template_people", {O}, 200),
        ("registrations:import_template_registrations", {O}, 200),
    ],
)
def test_exchange_views(client, personas, route, allowed, status_ok):
    for persona, user in personas.items():
        client.force_login(user)
        response = client.get(reverse(route), {"year": 2022})
        assert response.status_code == expect(allowed, status_ok)[persona], (route, persona)
    client.logout()
    response = client.get(reverse(route))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["registrations:import_people_confirm", "registrations:import_registrations_confirm"])
def test_import_confirm_is_post_only_and_for_office(client, personas, route):
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse(route)).status_code in (403, 405)
        # Without a previewed file the office is sent back to the upload page.
        assert client.post(reverse(route)).status_code == expect({O}, 302)[persona], persona


@pytest.mark.django_db
def test_unit_form_pdf_only_for_own_unit(client, personas, thon_a, other_commune):
    foreign_unit = other_commune.units.create(name="Thôn A", kind="hamlet")
    wanted = {O: 200, C: 200, H: 200, A: 200, B: 404, X: 403}
    for persona, user in personas.items():
        client.force_login(user)
        url = reverse("registrations:unit_form_pdf")
        assert client.get(url, {"year": 2022, "unit": thon_a.pk}).status_code == wanted[persona], persona
        assert client.get(url, {"year": 2022, "unit": foreign_unit.pk}).status_code == (403 if persona == X else 404)


# Registrations, phases and the catalogue of titles ----------------------------------------------------------------


@pytest.fixture
def registration_objects(plan, thon_a, thon_b, other_commune, settings, tmp_path):
    """A registration of Thôn A, one of Thôn B and one of another commune, with their windows; and the catalogue."""
    import datetime

    from django.core.files.base import ContentFile

    from awards.catalogue import load_catalogue
    from awards.models import Title
    from registrations.models import Phase, Registration

    from .factories import UnitFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    load_catalogue()
    title = Title.objects.filter(code="thon-van-hoa").order_by("rule_set__effective_from").first()
    foreign_unit = UnitFactory(commune=other_commune, name="Thôn Xa")
    made = {}
    for key, unit in (("own", thon_a), ("other_unit", thon_b), ("other_commune", foreign_unit)):
        phase = Phase.objects.filter(commune=unit.commune).first() or Phase.objects.create(
            commune=unit.commune, year=2022, kind="registration", name="Đăng ký",
            opens_on=datetime.date(2000, 1, 1), closes_on=datetime.date(2100, 1, 1))
        made[key] = Registration.objects.create(commune=unit.commune, year=2022, phase=phase, unit=unit, title=title,
                                                recipient_kind=title.recipient_kind)
        # The evidence file of the ground "hoàn thành xuất sắc nhiệm vụ" (registrations:registration_evidence).
        made[key].ground_evidence_file.save("evidence.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return made


def registration_urls(registration):
    return {name: reverse(f"registrations:{name}", args=[registration.pk])
            for name in ("registration_detail", "registration_evidence", "registration_edit", "registration_delete")}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_registration_object_views(client, personas, registration_objects, persona):
    login(client, personas[persona])
    for name, url in registration_urls(registration_objects["own"]).items():
        allowed = {O, C, H, A} if name in ("registration_detail", "registration_evidence") else {O, A}
        wanted = 404 if persona == B else expect(allowed)[persona]  # another unit's registration does not exist
        assert client.get(url).status_code == wanted, (name, persona)
    for name, url in registration_urls(registration_objects["other_commune"]).items():
        assert client.get(url).status_code == (403 if persona == X else 404), (name, persona)
    for name in ("registration_submit", "registration_accept", "registration_return"):
        foreign = reverse(f"registrations:{name}", args=[registration_objects["other_commune"].pk])
        assert client.post(foreign, {"comment": "x"}).status_code == (403 if persona == X else 404), (name, persona)
        other_unit = reverse(f"registrations:{name}", args=[registration_objects["other_unit"].pk])
        assert client.post(other_unit, {"comment": "x"}).status_code in ((404,) if persona == A else (302, 200, 403))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "allowed"),
    [
        ("registrations:registration_list", {O, C, H, A, B}),  # the office and council are sent to the overview
        ("registrations:registration_create", {O, A, B}),
        ("registrations:overview", {O, C, H}),
        ("registrations:phase_list", MEMBERS),
        ("registrations:phase_create", {O}),
        ("awards:rule_set_list", MEMBERS),
    ],
)
def test_registration_list_views(client, personas, registration_objects, route, allowed):
    for persona, user in personas.items():
        client.force_login(user)
        assert client.get(reverse(route), follow=True).status_code == expect(allowed)[persona], (route, persona)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [O, C, H, A, B, X])
def test_phase_and_catalogue_object_views(client, personas, registration_objects, persona):
    from awards.models import RuleSet

    login(client, personas[persona])
    own_phase = registration_objects["own"].phase
    foreign_phase = registration_objects["other_commune"].phase
    rule_set = RuleSet.objects.first()
    title = rule_set.titles.first()
    assert client.get(reverse("registrations:phase_edit", args=[own_phase.pk])).status_code == expect({O})[persona]
    foreign = reverse("registrations:phase_edit", args=[foreign_phase.pk])
    assert client.get(foreign).status_code == (403 if persona == X else 404)
    assert client.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).status_code == expect(MEMBERS)[persona]
    # The rules are the law's and the province's: nobody of a commune copies or edits them (tests/awards).
    assert client.get(reverse("awards:rule_set_copy", args=[rule_set.pk])).status_code == 403
    assert client.get(reverse("awards:title_edit", args=[title.pk])).status_code == 403
