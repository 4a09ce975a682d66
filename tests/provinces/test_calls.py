"""The province's deadline for the communes' dossiers and the reminders: the deadline set and changed with its
history, who is late (a dossier returned and not sent again included), a notice 7 days before and a reminder a day
after the deadline to the right commune's office staff only, never twice a day, merged or ended communes left out,
the task as beat runs it; the operator's page and the deadline on the office's home page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.enums import Role, UnitKind
from notifications.models import Notification, OutboundEmail
from provinces import calls, tasks
from provinces.enums import DossierEventKind, DossierStatus
from provinces.models import DossierCall, DossierEvent, DossierReminder
from xuanson_tdkt.beat import BEAT_SCHEDULES

from .. import factories as f
from .dossier_rows import sent_dossier

pytestmark = pytest.mark.django_db
D = datetime.date
DUE = D(2022, 11, 15)


def day(offset: int) -> datetime.date:
    return DUE + datetime.timedelta(days=offset)


def clerk(commune, username, name, email=None):
    """An office clerk of `commune` with an account (e-mail on the account)."""
    unit = f.UnitFactory(commune=commune, name=f"Văn phòng {username}", kind=UnitKind.SECTION)
    user = f.UserFactory(username=username, email=email or f"{username}@example.vn")
    person = f.PersonFactory(commune=commune, unit=unit, full_name=name, user=user)
    f.RoleFactory(person=person, role=Role.OFFICE_STAFF)
    return user


@pytest.fixture
def province(commune, other_commune, office_clerk, second_commune_clerk, chairman, hamlet_leader,
             province_operator):
    """Hà Nội's call for 2022 (due 15/11/2022) and its communes: Xuân Sơn (a dossier returned to it), Cổ Đông
    (nothing), Đường Lâm (a dossier being checked), Sơn Đông (merged away on 30/06/2022), Tùng Thiện (ended on
    30/11/2022, after the deadline: still expected), and Nghi Xuân of Nghệ An (another province: never concerned)."""
    office_clerk.email = "huong@xuanson.example"
    office_clerk.save()
    second_commune_clerk.email = "vanphong-codong@example.vn"
    second_commune_clerk.save()
    ha_noi = commune.province
    call = calls.set_dossier_call(province=ha_noi, year=2022, due_on=DUE, note="Gửi kèm biên bản họp Hội đồng.",
                                  by=province_operator)
    duong_lam = f.CommuneFactory(name="Đường Lâm", slug="duong-lam", province=ha_noi)
    son_dong = f.CommuneFactory(name="Sơn Đông", slug="son-dong", province=ha_noi, valid_until=D(2022, 6, 30))
    tung_thien = f.CommuneFactory(name="Tùng Thiện", slug="tung-thien", province=ha_noi,
                                  valid_until=D(2022, 11, 30))
    nghe_an = f.ProvinceFactory(name="Nghệ An", kind_label="tỉnh")
    nghi_xuan = f.CommuneFactory(name="Nghi Xuân", slug="nghi-xuan", province=nghe_an)
    for place, username, name in ((duong_lam, "vp-duonglam", "Kiều Thị Mơ"), (son_dong, "vp-sondong", "Hà Văn Cũ"),
                                  (tung_thien, "vp-tungthien", "Lý Văn Tùng"),
                                  (nghi_xuan, "vp-nghixuan", "Hồ Thị Na")):
        clerk(place, username, name)
    returned = sent_dossier(commune, received_on=D(2022, 11, 10), status=DossierStatus.RETURNED)
    sent_dossier(duong_lam, received_on=D(2022, 11, 12), status=DossierStatus.RECEIVED)
    return {"call": call, "xuan_son": commune, "co_dong": other_commune, "duong_lam": duong_lam,
            "son_dong": son_dong, "tung_thien": tung_thien, "nghi_xuan": nghi_xuan, "returned": returned}


def reminded() -> list[tuple[str, datetime.date]]:
    return sorted(DossierReminder.objects.values_list("commune__name", "sent_on"))


# --- the deadline -----------------------------------------------------------------------------------------------


def test_the_deadline_is_set_then_changed_with_history(commune, province_operator, other_province_operator):
    ha_noi = commune.province
    call = calls.set_dossier_call(province=ha_noi, year=2022, due_on=DUE, by=province_operator)
    assert (call.year, call.due_on, call.note) == (2022, DUE, "")
    same = calls.set_dossier_call(province=ha_noi, year=2022, due_on=D(2022, 11, 20), note=" Hạn mới ",
                                  by=province_operator)
    assert same.pk == call.pk and DossierCall.objects.count() == 1
    assert (same.due_on, same.note) == (D(2022, 11, 20), "Hạn mới")
    rows = list(call.history.order_by("history_id").values_list("due_on", "history_user", "history_change_reason"))
    assert rows == [(DUE, province_operator.pk, "set_dossier_call"),
                    (D(2022, 11, 20), province_operator.pk, "set_dossier_call")]
    calls.set_dossier_call(province=ha_noi, year=2022, due_on=D(2022, 11, 20), note="Hạn mới",
                           by=province_operator)
    assert call.history.count() == 2  # nothing changed, nothing recorded
    # Another province's call of the same year is its own.
    nghe_an = other_province_operator.province_operator.province
    calls.set_dossier_call(province=nghe_an, year=2022, due_on=DUE, by=other_province_operator)
    assert DossierCall.objects.count() == 2


@pytest.mark.parametrize("due_on", [D(2021, 12, 31), D(2024, 1, 1)])
def test_a_deadline_outside_the_year_and_the_next_is_refused(commune, province_operator, due_on):
    with pytest.raises(ValidationError) as error:
        calls.set_dossier_call(province=commune.province, year=2022, due_on=due_on, by=province_operator)
    assert "due_on" in error.value.message_dict
    assert not DossierCall.objects.exists()


# --- who is outstanding --------------------------------------------------------------------------------------------


def test_outstanding_never_sent_or_returned_and_not_sent_again(province):
    names = [c.name for c in calls.outstanding_communes(province["call"])]
    # Xuân Sơn's only dossier was returned; Cổ Đông never sent; Đường Lâm's is being checked; Sơn Đông ended before
    # the deadline; Tùng Thiện existed on it; Nghi Xuân is Nghệ An's.
    assert names == ["Cổ Đông", "Tùng Thiện", "Xuân Sơn"]
    sent_dossier(province["xuan_son"], received_on=D(2022, 11, 20))  # sent again (as a new dossier)
    assert [c.name for c in calls.outstanding_communes(province["call"])] == ["Cổ Đông", "Tùng Thiện"]


def test_a_commune_that_came_into_being_after_the_deadline_is_not_expected(province):
    f.CommuneFactory(name="Phường Mới", slug="phuong-moi", province=province["xuan_son"].province,
                     valid_from=D(2022, 12, 1))
    assert "Phường Mới" not in [c.name for c in calls.outstanding_communes(province["call"])]


# --- the reminders -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "expected"), [
    (-8, None), (-7, "soon"), (-6, None), (0, None), (1, "late"), (30, "late"), (31, None)])
def test_occasions(province, offset, expected):
    assert calls.occasion(province["call"], day(offset)) == expected


def test_the_daily_sweep_reminds_a_week_before_and_every_day_after(province):
    for offset in range(-10, 4):  # the daily job from 10 days before the deadline to 3 days after
        calls.remind_late_communes(today=day(offset))
    expected = [day(-7), day(1), day(2), day(3)]
    assert reminded() == sorted([(name, sent) for name in ("Cổ Đông", "Tùng Thiện", "Xuân Sơn")
                                 for sent in expected])


def test_a_reminder_goes_to_the_communes_office_staff_only(province, office_clerk, second_commune_clerk):
    made = calls.remind_late_communes(today=day(1))
    assert sorted(r.commune.name for r in made) == ["Cổ Đông", "Tùng Thiện", "Xuân Sơn"]
    xuan_son = DossierReminder.objects.get(commune=province["xuan_son"])
    assert xuan_son.recipients == "Nguyễn Thị Hương <huong@xuanson.example>"  # not the chairman, not a hamlet leader
    emails = sorted(OutboundEmail.objects.values_list("to", flat=True))
    assert emails == ["huong@xuanson.example", "vanphong-codong@example.vn", "vp-tungthien@example.vn"]
    email = OutboundEmail.objects.get(to="huong@xuanson.example")
    assert email.subject == ("Quá hạn: hồ sơ đề nghị khen thưởng năm 2022 phải gửi lên thành phố Hà Nội trước "
                             "15/11/2022")
    assert "đã quá hạn 1 ngày" in email.body_text and "Gửi kèm biên bản họp Hội đồng." in email.body_text
    assert "xã Xuân Sơn" in email.body_text and email.from_email.startswith("TĐKT Xuân Sơn")
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "vanphong", "vanphong-codong", "vp-tungthien"]
    # The returned dossier shows the reminder among its steps.
    event = DossierEvent.objects.get(dossier=province["returned"])
    assert (event.kind, event.by) == (DossierEventKind.REMINDED, None)


def test_the_notice_before_the_deadline(province):
    calls.remind_late_communes(today=day(-7))
    email = OutboundEmail.objects.get(to="huong@xuanson.example")
    assert email.subject == "Hạn gửi hồ sơ đề nghị khen thưởng năm 2022 lên thành phố Hà Nội: 15/11/2022"
    assert "còn 7 ngày" in email.body_text


def test_never_twice_a_day(province):
    first = calls.remind_late_communes(today=day(1))
    assert len(first) == 3
    assert calls.remind_late_communes(today=day(1)) == []
    assert calls.remind_call(call=province["call"], today=day(1)) == []  # the operator's button neither
    assert OutboundEmail.objects.count() == 3 and DossierReminder.objects.count() == 3
    assert len(calls.remind_late_communes(today=day(2))) == 3


def test_a_commune_without_reachable_office_staff_is_not_recorded(province, second_commune_clerk):
    second_commune_clerk.is_active = False
    second_commune_clerk.save()
    calls.remind_late_communes(today=day(1))
    assert "Cổ Đông" not in [name for name, _ in reminded()]


def test_a_merged_or_ended_commune_and_another_province_are_never_reminded(province):
    for offset in (-7, 1, 5):
        calls.remind_late_communes(today=day(offset))
    names = {name for name, _ in reminded()}
    assert "Sơn Đông" not in names and "Nghi Xuân" not in names and "Đường Lâm" not in names
    assert not OutboundEmail.objects.filter(to__in=["vp-sondong@example.vn", "vp-nghixuan@example.vn"]).exists()


def test_the_task_runs_from_the_beat_schedule(province):
    from xuanson_tdkt.celery import app

    (name, task, crontab, _description), = [entry for entry in BEAT_SCHEDULES
                                            if entry[1] == "provinces.remind_late_communes"]
    assert (crontab["hour"], crontab["day_of_week"]) == ("6", "*")  # every morning
    assert app.tasks[task].name == tasks.remind_late_communes.name  # registered (the worker autodiscovers it)
    result = app.tasks[task].apply(kwargs={"today": day(1).isoformat()}).get()
    assert result["reminded"] == 3
    assert result["communes"] == sorted(DossierReminder.objects.values_list("commune_id", flat=True))


# --- the operator's page ------------------------------------------------------------------------------------------


def url(year=2022):
    return f"{reverse('provinces:call_edit')}?year={year}"


def test_the_operator_sets_the_deadline(client, commune, province_operator):
    client.force_login(province_operator)
    assert client.get(url()).status_code == 200
    response = client.post(url(), {"due_on": "15/11/2022", "note": "Gửi đủ hồ sơ."})
    assert response.status_code == 302 and response.url == url()
    call = DossierCall.objects.get()
    assert (call.province, call.year, call.due_on, call.note) == (commune.province, 2022, DUE, "Gửi đủ hồ sơ.")
    assert call.history.get().history_user == province_operator


def test_the_page_lists_the_communes_late_and_their_reminders(client, province, province_operator):
    calls.remind_call(call=province["call"], today=day(1))
    calls.remind_call(call=province["call"], today=day(3))
    client.force_login(province_operator)
    page = client.get(url()).content.decode()
    assert "Xã, phường chậm gửi" in page
    row = page[page.index('data-commune="xuan-son"'):]
    row = row[:row.index("</tr>")]
    assert "18/11/2022, 16/11/2022" in row
    assert 'data-commune="duong-lam"' not in page and 'data-commune="son-dong"' not in page
    assert "Nghi Xuân" not in page


def test_the_operator_sends_the_reminders_now(client, province, province_operator):
    client.force_login(province_operator)
    response = client.post(url(), {"remind": "1"})
    assert response.status_code == 302
    assert sorted(name for name, _ in reminded()) == ["Cổ Đông", "Tùng Thiện", "Xuân Sơn"]
    client.post(url(), {"remind": "1"})
    assert DossierReminder.objects.count() == 3  # once a day


def test_remind_now_without_a_deadline_says_so(client, commune, province_operator):
    client.force_login(province_operator)
    response = client.post(url(), {"remind": "1"}, follow=True)
    assert "Hãy đặt hạn gửi trước." in response.content.decode()
    assert not DossierReminder.objects.exists()


def test_a_stale_save_is_refused(client, province, province_operator):
    client.force_login(province_operator)
    form = client.get(url()).context["form"]
    version = form["lock_version"].value()
    opened = form["lock_opened"].value()
    calls.set_dossier_call(province=province["call"].province, year=2022, due_on=D(2022, 11, 30),
                           by=province_operator)
    response = client.post(url(), {"due_on": "20/11/2022", "note": "", "lock_version": version,
                                   "lock_opened": opened})
    assert response.status_code == 200
    assert "sau khi bạn mở" in response.content.decode()
    assert DossierCall.objects.get().due_on == D(2022, 11, 30)


def test_a_bad_year_is_refused(client, commune, province_operator):
    client.force_login(province_operator)
    assert client.get(reverse("provinces:call_edit"), {"year": "abc"}).status_code == 400


def test_another_province_sees_its_own_call(client, province, other_province_operator):
    client.force_login(other_province_operator)
    page = client.get(url()).content.decode()
    assert "Gửi kèm biên bản" not in page and "Xuân Sơn" not in page
    client.post(url(), {"remind": "1"})
    assert not DossierReminder.objects.exists()  # Nghệ An has no call: Hà Nội's communes are not reminded


@pytest.mark.parametrize("persona", ["office_clerk", "second_commune_clerk", "chairman", "outsider"])
def test_commune_people_are_refused(client, request, commune, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"remind": "1"}).status_code == 403


# --- the deadline on the office's home page ----------------------------------------------------------------------


def test_the_office_sees_the_deadline_on_its_home_page(client, commune, office_clerk, hamlet_leader,
                                                       province_operator):
    this_year = datetime.date.today().year
    calls.set_dossier_call(province=commune.province, year=this_year, due_on=datetime.date(this_year, 11, 15),
                           by=province_operator)
    client.force_login(office_clerk)
    page = client.get(reverse("home")).content.decode()
    assert f"Hạn gửi hồ sơ đề nghị khen thưởng lên thành phố Hà Nội: 15/11/{this_year}" in page
    client.force_login(hamlet_leader)
    assert "Hạn gửi hồ sơ" not in client.get(reverse("home")).content.decode()


def test_a_commune_with_nothing_to_send_is_not_shown_the_deadline(client, commune, office_clerk, province_operator):
    from provinces.declarations import declare_nothing_to_send

    this_year = datetime.date.today().year
    calls.set_dossier_call(province=commune.province, year=this_year, due_on=datetime.date(this_year, 11, 15),
                           by=province_operator)
    declare_nothing_to_send(commune=commune, year=this_year, by=office_clerk)
    client.force_login(office_clerk)
    assert "Hạn gửi hồ sơ" not in client.get(reverse("home")).content.decode()
