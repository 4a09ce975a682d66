"""The "Lịch sử thay đổi" page: who may open it (the object's own access rules, then the office, the chairman and a
unit leader for their unit's objects), what it shows, and a fixed number of queries whatever the number of rows."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def url(obj) -> str:
    return reverse("audit:history", args=[f"{obj._meta.app_label}.{obj._meta.model_name}", obj.pk])


@pytest.fixture
def registration(commune, thon_a, titles, open_phase, lan, hamlet_leader, office_clerk):
    """Thôn A's registration of Lan for LĐTT: made and submitted by the hamlet leader, returned by the office."""
    registration = Registration(commune=commune, year=2022, phase=open_phase, unit=thon_a, title=titles["ldtt"],
                                recipient_kind=titles["ldtt"].recipient_kind, person=lan)
    services.save_registration(registration=registration, by=hamlet_leader)
    services.submit_registration(registration=registration, by=hamlet_leader)
    services.return_registration(registration=registration, by=office_clerk, comment="Bổ sung minh chứng")
    return registration


@pytest.mark.parametrize("persona, status", [
    ("office_clerk", 200),
    ("chairman", 200),
    ("hamlet_leader", 200),  # Thôn A's own registration
    ("other_hamlet_leader", 404),  # another unit's: as on the registration's own page
    ("council_member", 403),
    ("outsider", 403),
])
def test_access_to_a_registrations_history(client, request, registration, persona, status):
    login(client, request.getfixturevalue(persona))
    assert client.get(url(registration)).status_code == status


def test_anonymous_is_sent_to_log_in(client, registration):
    response = client.get(url(registration))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_communes_object_is_404(client, office_clerk, chairman, foreign_plan):
    for user in (office_clerk, chairman):
        login(client, user)
        assert client.get(url(foreign_plan)).status_code == 404


@pytest.mark.parametrize("persona, status", [("office_clerk", 200), ("chairman", 200), ("hamlet_leader", 403)])
def test_a_plans_history_is_the_office_and_the_chairmans(client, request, plan, persona, status):
    login(client, request.getfixturevalue(persona))
    assert client.get(url(plan)).status_code == status


def test_an_unknown_kind_of_object_is_404(client, office_clerk, registration):
    login(client, office_clerk)
    assert client.get(reverse("audit:history", args=["awards.ballotvote", 1])).status_code == 404
    assert client.get(reverse("audit:history", args=["registrations.registration", 999999])).status_code == 404


def test_the_page_lists_who_when_why_and_what_changed(client, office_clerk, registration, titles):
    login(client, office_clerk)
    page = client.get(url(registration)).content.decode()
    rows = page.split('class="list-group-item history-row"')[1:]
    assert len(rows) == 3
    newest, submitted, created = rows
    with translation.override("vi"):
        returned_label = str(RegistrationStatus.RETURNED.label)
        submitted_label = str(RegistrationStatus.SUBMITTED.label)
    # Newest first: the office's return, with the reason, the field's name and old → new as labels.
    assert "Nguyễn Thị Hương" in newest and "Trả lại đăng ký" in newest
    assert "Trạng thái" in newest and submitted_label in newest and returned_label in newest
    assert "Bổ sung minh chứng" in newest
    assert "Trần Văn An" in submitted and "Gửi đăng ký" in submitted
    # The creation shows the title by name, not its id.
    assert titles["ldtt"].name in created
    # dd/mm/yyyy HH:MM in Vietnam's time.
    record = registration.history.order_by("-history_id").first()
    local = record.history_date.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y %H:%M")
    assert local in newest
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", created)


def test_the_detail_page_links_to_the_history(client, office_clerk, registration):
    login(client, office_clerk)
    page = client.get(reverse("registrations:registration_detail", args=[registration.pk])).content.decode()
    assert url(registration) in page


def _edits(registration, office_clerk, count):
    for i in range(count):
        registration.note = f"Ghi chú {i}"
        registration.person = f.PersonFactory(commune=registration.commune, unit=registration.unit)
        services.save_registration(registration=registration, by=office_clerk, check_rules=False)


def _queries(client, obj) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(obj)).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_rows(client, office_clerk, registration):
    login(client, office_clerk)
    _edits(registration, office_clerk, 1)
    few = _queries(client, registration)
    _edits(registration, office_clerk, 15)
    assert _queries(client, registration) == few


def test_a_meetings_agenda_changes_show_the_nominations_by_name(client, chairman, office_clerk, meeting, passed,
                                                                titles, minh, thon_a):
    from awards.enums import NominationStatus
    from awards.meetings import update_agenda
    from tests.awards.test_decisions_data import nominate

    added = nominate(commune=meeting.commune, title=titles["giay-khen-ca-nhan"], person=minh, unit=thon_a,
                     status=NominationStatus.DRAFT, achievement="Cứu người")
    update_agenda(meeting=meeting, nominations=[added], by=chairman)
    login(client, office_clerk)
    newest = client.get(url(meeting)).content.decode().split('class="list-group-item history-row"')[1]
    assert "Hoàng Văn Vân" in newest and "Thay đổi nội dung họp" in newest
    assert str(added) in newest and f"#{added.pk}" not in newest
