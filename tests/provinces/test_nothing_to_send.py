"""A commune with nothing decided above to propose declares "no proposal to the province this year": it is then not
outstanding, not reminded and not late on the province's view and workbook; its office withdraws the declaration,
and sending a dossier supersedes it. Only the commune's own office staff and chairman declare or withdraw."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from provinces import calls, declarations, dossiers
from provinces.enums import DossierStatus
from provinces.models import NothingToSend
from provinces.overview import province_year
from tests.awards.test_decisions_data import absent_member, meeting  # noqa: F401
from tests.registrations.conftest import lan, minh, titles  # noqa: F401

from .dossier_data import provincial_proposal
from .dossier_rows import sent_dossier

pytestmark = pytest.mark.django_db
D = datetime.date
DUE = D(2022, 11, 15)


@pytest.fixture
def call(commune, other_commune, province_operator):
    return calls.set_dossier_call(province=commune.province, year=2022, due_on=DUE, by=province_operator)


def declare(user, commune, note=""):
    return declarations.declare_nothing_to_send(commune=commune, year=2022, note=note, by=user)


# --- the services ----------------------------------------------------------------------------------------------------


def test_the_office_declares_then_withdraws_with_history(commune, office_clerk, chairman):
    made = declare(office_clerk, commune, note=" Không có CSTĐ cấp tỉnh. ")
    assert (made.year, made.note, made.declared_by) == (2022, "Không có CSTĐ cấp tỉnh.", office_clerk)
    again = declare(chairman, commune, note="Không có TTLĐXS.")
    assert again.pk == made.pk and again.declared_by == office_clerk and again.note == "Không có TTLĐXS."
    declarations.withdraw_nothing_to_send(declaration=again, by=chairman)
    assert not NothingToSend.objects.exists()
    rows = list(made.history.order_by("history_id").values_list("history_type", "history_user",
                                                                 "history_change_reason"))
    assert rows == [("+", office_clerk.pk, "declare_nothing_to_send"), ("~", chairman.pk, "declare_nothing_to_send"),
                    ("-", chairman.pk, "withdraw_nothing_to_send")]


@pytest.mark.parametrize("who", ["hamlet_leader", "second_commune_clerk", "province_operator"])
def test_only_the_communes_office_and_chairman(request, commune, office_clerk, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        declare(user, commune)
    made = declare(office_clerk, commune)
    with pytest.raises(PermissionDenied):
        declarations.withdraw_nothing_to_send(declaration=made, by=user)
    assert NothingToSend.objects.count() == 1


@pytest.mark.parametrize("status", [DossierStatus.SENT, DossierStatus.RECEIVED, DossierStatus.ACCEPTED])
def test_refused_while_a_dossier_is_with_the_province(commune, office_clerk, status):
    sent_dossier(commune, received_on=D(2022, 11, 10), status=status)
    with pytest.raises(ValidationError, match="hồ sơ năm 2022 gửi tỉnh"):
        declare(office_clerk, commune)
    assert not NothingToSend.objects.exists()


def test_a_returned_dossier_of_another_year_does_not_stand_in_the_way(commune, office_clerk):
    sent_dossier(commune, year=2021, received_on=D(2021, 11, 10))
    assert declare(office_clerk, commune).year == 2022


def test_refused_while_a_proposal_is_ready_to_send(meeting, titles, lan, office_clerk, commune):  # noqa: F811
    provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan, by=office_clerk,
                        submitted_on=D(2022, 12, 12))
    with pytest.raises(ValidationError, match="Tờ trình"):
        declare(office_clerk, commune)


def test_sending_a_dossier_supersedes_the_declaration(meeting, titles, lan, office_clerk, commune):  # noqa: F811
    made = declare(office_clerk, commune)
    proposal = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan, by=office_clerk,
                                   submitted_on=D(2022, 12, 12))[0]
    dossiers.send_dossier(proposal=proposal, by=office_clerk)
    assert not NothingToSend.objects.exists()
    last = made.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user_id, last.history_change_reason) == (
        "-", office_clerk.pk, "send_dossier")


# --- not outstanding, not reminded, not late ----------------------------------------------------------------------


def test_a_declared_commune_is_not_outstanding_nor_reminded(call, commune, other_commune, office_clerk,
                                                            second_commune_clerk):
    assert [c.name for c in calls.outstanding_communes(call)] == ["Cổ Đông", "Xuân Sơn"]
    declare(second_commune_clerk, other_commune)
    assert [c.name for c in calls.outstanding_communes(call)] == ["Xuân Sơn"]
    made = calls.remind_late_communes(today=DUE + datetime.timedelta(days=1))
    assert [reminder.commune for reminder in made] == [commune]
    # Another year's declaration does not count for this one.
    NothingToSend.objects.filter(commune=other_commune).update(year=2021)
    assert [c.name for c in calls.outstanding_communes(call)] == ["Cổ Đông", "Xuân Sơn"]


def test_a_declared_commune_is_not_late_on_the_view_and_workbook(client, call, commune, other_commune,
                                                                 second_commune_clerk, province_operator):
    declared = declare(second_commune_clerk, other_commune)
    day = declared.declared_at.astimezone(datetime.UTC).date()
    view = province_year(commune.province, 2022, today=D(2022, 12, 1))
    co_dong, xuan_son = (row["dossiers"] for row in view.rows)
    assert (co_dong["late"], co_dong["outstanding"], co_dong["nothing_declared_on"] is not None) == (False, False, True)
    assert (xuan_son["late"], xuan_son["outstanding"], xuan_son["nothing_declared_on"]) == (True, True, None)
    total = view.total["dossiers"]
    assert (total["late"], total["outstanding"]) == (1, 1)
    assert [c.name for c in total["nothing_communes"]] == ["Cổ Đông"]

    client.force_login(province_operator)
    page = client.get(reverse("provinces:province_year"), {"year": 2022}).content.decode()
    assert "dossiers-nothing" in page
    response = client.get(reverse("provinces:province_year_workbook"), {"year": 2022})
    sheet = load_workbook(io.BytesIO(response.content))["Theo xã, phường"]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    data = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert data["Xã Cổ Đông"]["Chậm gửi hồ sơ"].startswith("Không có đề nghị (khai ngày ")
    assert data["Xã Cổ Đông"]["Chậm gửi hồ sơ"][-11:-1] in (f"{day:%d/%m/%Y}",
                                                             f"{declared.declared_at:%d/%m/%Y}",
                                                             f"{day + datetime.timedelta(days=1):%d/%m/%Y}")
    assert data["Xã Xuân Sơn"]["Chậm gửi hồ sơ"] == "Chưa gửi"
    assert data["Tổng cộng"]["Chậm gửi hồ sơ"] == 1

    # The operator's call page lists the declared communes apart.
    page = client.get(reverse("provinces:call_edit"), {"year": 2022}).content.decode()
    declared_table = page[page.index('id="declared"'):]
    assert 'data-commune="co-dong"' in declared_table
    outstanding_table = page[page.index('id="outstanding"'):page.index('id="declared"')]
    assert 'data-commune="co-dong"' not in outstanding_table


# --- the commune's pages -------------------------------------------------------------------------------------------


def test_the_office_declares_and_withdraws_from_its_list(client, commune, office_clerk):
    client.force_login(office_clerk)
    url = reverse("dossiers:dossier_list")
    page = client.get(url, {"year": 2022}).content.decode()
    assert reverse("dossiers:nothing_declare") in page
    response = client.post(reverse("dossiers:nothing_declare"), {"year": 2022, "note": "Không có CSTĐ cấp tỉnh."})
    assert response.status_code == 302 and response["Location"] == f"{url}?year=2022"
    made = NothingToSend.objects.get()
    assert (made.commune, made.year, made.note, made.declared_by) == (commune, 2022, "Không có CSTĐ cấp tỉnh.",
                                                                      office_clerk)
    page = client.get(url, {"year": 2022}).content.decode()
    withdraw = reverse("dossiers:nothing_withdraw", args=[made.pk])
    assert withdraw in page and "Không có CSTĐ cấp tỉnh." in page
    assert client.post(withdraw).status_code == 302
    assert not NothingToSend.objects.exists()


def test_a_refusal_is_shown(client, commune, office_clerk):
    sent_dossier(commune, received_on=D(2022, 11, 10))
    client.force_login(office_clerk)
    response = client.post(reverse("dossiers:nothing_declare"), {"year": 2022}, follow=True)
    assert not NothingToSend.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_other_people_are_refused(client, commune, office_clerk, second_commune_clerk, hamlet_leader,
                                  province_operator):
    made = declare(office_clerk, commune)
    withdraw = reverse("dossiers:nothing_withdraw", args=[made.pk])
    client.force_login(second_commune_clerk)
    assert client.post(withdraw).status_code == 404
    for user in (hamlet_leader, province_operator):
        client.force_login(user)
        assert client.post(withdraw).status_code == 403
        assert client.post(reverse("dossiers:nothing_declare"), {"year": 2022}).status_code == 403
    assert NothingToSend.objects.get() == made
