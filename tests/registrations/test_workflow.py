"""draft → submitted → returned with a comment → resubmitted → accepted, through the pages, with every step logged
and the leader notified of the office's decisions; after the window closes only the office changes anything."""

import datetime

import pytest
from django.urls import reverse

from notifications.models import Notification
from registrations.enums import RegistrationStatus
from registrations.models import Registration

from .conftest import register

pytestmark = pytest.mark.django_db


def url(name, registration=None):
    return reverse(f"registrations:{name}", args=[registration.pk] if registration else [])


def test_the_whole_workflow(client, hamlet_leader, office_clerk, thon_a, titles, open_phase, lan):
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:registration_create") + "?year=2022",
                           {"unit": thon_a.pk, "title": titles["ldtt"].pk, "person": lan.pk, "note": "Đề nghị"})
    registration = Registration.objects.get()
    assert response.url == url("registration_detail", registration)
    assert (registration.status, registration.phase, registration.recipient_kind, registration.created_by) == (
        RegistrationStatus.DRAFT, open_phase, "individual", hamlet_leader)
    assert client.post(url("registration_submit", registration)).status_code == 302

    client.force_login(office_clerk)
    response = client.post(url("registration_return", registration), {"comment": "  "})
    assert response.context["return_form"].errors["comment"] == ["Hãy ghi rõ nội dung cần bổ sung, sửa đổi."]
    client.post(url("registration_return", registration), {"comment": "Ghi rõ chức vụ"})
    registration.refresh_from_db()
    assert (registration.status, registration.office_comment) == (RegistrationStatus.RETURNED, "Ghi rõ chức vụ")
    assert Notification.objects.get(recipient=hamlet_leader).body == "Ghi rõ chức vụ"

    client.force_login(hamlet_leader)
    page = client.get(url("registration_detail", registration)).content.decode()
    assert "Văn phòng đã trả lại bản đăng ký này" in page and "Ghi rõ chức vụ" in page
    client.post(url("registration_edit", registration),
                {"unit": thon_a.pk, "title": titles["ldtt"].pk, "person": lan.pk, "note": "Trưởng ban"})
    client.post(url("registration_submit", registration))

    client.force_login(office_clerk)
    client.post(url("registration_accept", registration))
    registration.refresh_from_db()
    assert (registration.status, registration.office_comment, registration.note) == (
        RegistrationStatus.ACCEPTED, "", "Trưởng ban")
    assert list(registration.events.values_list("action", "status", "actor__username")) == [
        ("created", "draft", "thona"), ("submitted", "submitted", "thona"),
        ("returned", "returned", "vanphong"), ("edited", "returned", "thona"),
        ("submitted", "submitted", "thona"), ("accepted", "accepted", "vanphong"),
    ]
    assert Notification.objects.filter(recipient=hamlet_leader).count() == 2

    client.force_login(hamlet_leader)
    page = client.get(url("registration_detail", registration)).content.decode()
    stamp = registration.events.last().created_at
    from django.utils import timezone

    assert timezone.localtime(stamp).strftime("%d/%m/%Y %H:%M") in page
    for label in ("Tạo mới", "Gửi Văn phòng", "Trả lại để bổ sung", "Sửa", "Đã tiếp nhận", "Nguyễn Thị Hương"):
        assert label in page
    # Accepted: nobody edits it any more.
    assert client.get(url("registration_edit", registration)).status_code == 403


def test_only_the_office_decides(client, hamlet_leader, council_member, thon_a, titles, open_phase, lan):
    registration = register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan,
                            status=RegistrationStatus.SUBMITTED)
    for user in (hamlet_leader, council_member):
        client.force_login(user)
        assert client.post(url("registration_accept", registration)).status_code == 403
        assert client.post(url("registration_return", registration), {"comment": "x"}).status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_submit_all_drafts(client, hamlet_leader, thon_a, titles, open_phase, lan, minh):
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    # A CSTĐCS without an initiative (created past the form) stays a draft, with the reason.
    bad = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh)
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:registration_submit_all") + "?year=2022", follow=True)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert sorted(statuses.values()) == ["draft", "submitted", "submitted"] and statuses[bad.pk] == "draft"
    page = response.content.decode()
    assert "Đã gửi Văn phòng 2 bản đăng ký." in page
    assert "phải có sáng kiến" in page


def test_window_closed_only_the_office_changes(client, hamlet_leader, office_clerk, thon_a, titles, closed_phase,
                                               lan):
    registration = register(unit=thon_a, title=titles["ldtt"], phase=closed_phase, person=lan,
                            status=RegistrationStatus.RETURNED)
    client.force_login(hamlet_leader)
    assert client.get(url("registration_edit", registration)).status_code == 403
    assert client.post(url("registration_submit", registration)).status_code == 403
    assert client.post(url("registration_delete", registration)).status_code == 403
    page = client.get(reverse("registrations:registration_list") + "?year=2022").content.decode()
    assert "Đợt đăng ký đã đóng. Từ nay chỉ Văn phòng được sửa bản đăng ký." in page

    client.force_login(office_clerk)
    response = client.post(url("registration_edit", registration),
                           {"unit": thon_a.pk, "title": titles["ldtt"].pk, "person": lan.pk, "note": "Văn phòng sửa",
                            "phase": closed_phase.pk})
    assert response.status_code == 302
    client.post(url("registration_submit", registration))
    registration.refresh_from_db()
    assert (registration.note, registration.status) == ("Văn phòng sửa", RegistrationStatus.SUBMITTED)


def test_delete_a_draft(client, hamlet_leader, thon_a, titles, open_phase, lan):
    registration = register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    client.force_login(hamlet_leader)
    assert client.get(url("registration_delete", registration)).status_code == 200
    assert client.post(url("registration_delete", registration)).status_code == 302
    assert not Registration.objects.exists()


def test_hamlet_and_household(client, hamlet_leader, thon_a, titles, open_phase):
    client.force_login(hamlet_leader)
    create = reverse("registrations:registration_create") + "?year=2022"
    client.post(create, {"unit": thon_a.pk, "title": titles["thon-van-hoa"].pk})
    client.post(create, {"unit": thon_a.pk, "title": titles["gia-dinh-van-hoa"].pk,
                         "household": "Hộ ông Nguyễn Văn Tâm, xóm Đông"})
    assert sorted(Registration.objects.values_list("recipient_kind", "household")) == [
        ("hamlet", ""), ("household", "Hộ ông Nguyễn Văn Tâm, xóm Đông")]
    response = client.post(create, {"unit": thon_a.pk, "title": titles["thon-van-hoa"].pk})
    assert response.context["form"].errors["title"] == ["Thôn A đã đăng ký Thôn, tổ dân phố văn hóa năm 2022."]


def test_overview_filters_and_counts(client, office_clerk, thon_a, thon_b, titles, open_phase, lan):
    from tests import factories as f

    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan, status=RegistrationStatus.SUBMITTED)
    register(unit=thon_a, title=titles["thon-van-hoa"], phase=open_phase, status=RegistrationStatus.ACCEPTED)
    other = f.PersonFactory(commune=thon_b.commune, unit=thon_b, full_name="Lý Thị Mai")
    register(unit=thon_b, title=titles["ldtt"], phase=open_phase, person=other)
    client.force_login(office_clerk)
    overview = reverse("registrations:overview")
    response = client.get(overview, {"year": 2022})
    by_title = {row["title__name"]: (row["total"], row["submitted"], row["accepted"]) for row in
                response.context["by_title"]}
    assert by_title == {"Lao động tiên tiến": (2, 1, 0), "Thôn, tổ dân phố văn hóa": (1, 0, 1)}
    by_unit = {row["unit__name"]: row["total"] for row in response.context["by_unit"]}
    assert by_unit == {"Thôn A": 2, "Thôn B": 1}
    response = client.get(overview, {"year": 2022, "unit": thon_a.pk, "status": "submitted"})
    assert [r.recipient_name for r in response.context["registrations"]] == ["Đỗ Thị Lan"]
    response = client.get(overview, {"year": 2022, "recipient_kind": "hamlet"})
    assert [r.recipient_name for r in response.context["registrations"]] == ["Thôn A"]
    response = client.get(overview, {"year": 2022, "title": titles["ldtt"].pk})
    assert len(response.context["registrations"]) == 2


def test_phases_are_data(client, office_clerk, hamlet_leader, commune):
    from registrations.models import Phase

    client.force_login(office_clerk)
    response = client.post(reverse("registrations:phase_create"), {
        "year": 2022, "kind": "registration", "name": "Đăng ký thi đua năm 2022",
        "opens_on": "31/01/2022", "closes_on": "04/01/2022"})
    assert response.context["form"].errors["closes_on"] == ["Ngày đóng không được trước ngày mở."]
    client.post(reverse("registrations:phase_create"), {
        "year": 2022, "kind": "registration", "name": "Đăng ký thi đua năm 2022",
        "opens_on": "04/01/2022", "closes_on": "31/01/2022"})
    phase = Phase.objects.get()
    assert (phase.commune, phase.opens_on, phase.closes_on) == (commune, datetime.date(2022, 1, 4),
                                                                datetime.date(2022, 1, 31))
    assert phase.is_open(datetime.date(2022, 1, 31)) and not phase.is_open(datetime.date(2022, 2, 1))
    client.force_login(hamlet_leader)
    assert "Đăng ký thi đua năm 2022" in client.get(reverse("registrations:phase_list") + "?year=2022").content.decode()
    assert client.get(reverse("registrations:phase_edit", args=[phase.pk])).status_code == 403


@pytest.mark.django_db
def test_a_stale_second_decision_is_refused(office_clerk, hamlet_leader, thon_a, titles, open_phase):
    """Two clerks (or a double click) deciding on the same registration: the second sees the first's decision."""
    from django.core.exceptions import ValidationError

    from registrations.services import accept_registration, return_registration

    registration = register(unit=thon_a, title=titles["thon-van-hoa"], phase=open_phase,
                            status=RegistrationStatus.SUBMITTED)
    stale = Registration.objects.get(pk=registration.pk)
    accept_registration(registration=registration, by=office_clerk)
    with pytest.raises(ValidationError):
        return_registration(registration=stale, by=office_clerk, comment="Thiếu hồ sơ")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ACCEPTED
    assert list(registration.events.values_list("action", flat=True)) == ["accepted"]
