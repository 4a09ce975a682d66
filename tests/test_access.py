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
