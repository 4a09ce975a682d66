"""The office's page "Tài khoản và vai trò": its commune's people with their accounts and roles; giving and taking
roles, deactivating and reactivating accounts, each with its history; the last office role is kept."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.enums import AccountStatus
from accounts.services import account_status
from directory.enums import Role
from directory.models import RoleAssignment

from ..conftest import _persona
from ..factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_clerk(other_commune):
    """The office of another commune: our commune's people do not exist for them."""
    return _persona("vanphong.co-dong", commune=other_commune, roles=[Role.OFFICE_STAFF], full_name="Lý Văn Cổ")


def post(client, route, person, **data):
    return client.post(reverse(route, args=[person.pk]), data, HTTP_ACCEPT_LANGUAGE="vi", follow=True)


def test_the_list_shows_accounts_and_roles(client, personas, commune, thon_a):
    PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Hoa")
    retired = personas["council_member"]
    retired.is_active = False
    retired.save()
    client.force_login(personas["office_clerk"])
    page = client.get(reverse("accounts:people")).content.decode()
    for text in ("Tài khoản và vai trò", "Đỗ Thị Hoa", "Chưa có tài khoản", "Đã khoá", "Đang hoạt động",
                 "Văn phòng - Thống kê", "Trưởng Thôn A"):
        assert text in page, text
    assert "Lý Văn Cổ" not in page
    assert reverse("accounts:people") in client.get(reverse("home")).content.decode()  # in the menu


def test_account_status(office_clerk, hamlet_leader, commune):
    person = PersonFactory(commune=commune)
    assert account_status(person) == AccountStatus.NONE
    assert account_status(hamlet_leader.person) == AccountStatus.ACTIVE
    hamlet_leader.set_unusable_password()
    assert account_status(hamlet_leader.person) == AccountStatus.INVITED
    hamlet_leader.is_active = False
    assert account_status(hamlet_leader.person) == AccountStatus.DEACTIVATED


def test_list_query_count_is_constant(client, office_clerk, commune, thon_a, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(office_clerk)
    url = reverse("accounts:people")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200  # the clerk alone
    for n in range(12):
        person = PersonFactory(commune=commune, unit=thon_a, full_name=f"Người {n}")
        if n % 2:
            person.user = get_user_model().objects.create_user(f"nguoi{n}", password=PASSWORD)
            person.save()
            RoleAssignment.objects.create(person=person, role=Role.COUNCIL_MEMBER)
            thon_a.leader = person
            thon_a.save()
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_roles_are_given_and_taken_with_history(client, office_clerk, hamlet_leader):
    person = hamlet_leader.person
    client.force_login(office_clerk)
    page = post(client, "accounts:role_grant", person, role=Role.COUNCIL_MEMBER).content.decode()
    assert "Đã giao vai trò" in page
    assignment = RoleAssignment.objects.get(person=person)
    assert assignment.role == Role.COUNCIL_MEMBER
    created = assignment.history.get()
    assert (created.history_user, created.history_change_reason) == (office_clerk, "grant_role")
    post(client, "accounts:role_revoke", person, role=Role.COUNCIL_MEMBER)
    assert not RoleAssignment.objects.filter(person=person).exists()
    deleted = RoleAssignment.history.filter(id=assignment.pk).latest("history_id")
    assert (deleted.history_type, deleted.history_user, deleted.history_change_reason) == \
        ("-", office_clerk, "revoke_role")
    assert "Vai trò không hợp lệ" in post(client, "accounts:role_grant", person, role="king").content.decode()


def test_unit_leadership_is_given_and_taken(client, office_clerk, hamlet_leader, other_hamlet_leader, thon_a):
    client.force_login(office_clerk)
    post(client, "accounts:unit_lead", other_hamlet_leader.person, unit=thon_a.pk)
    thon_a.refresh_from_db()
    assert thon_a.leader == other_hamlet_leader.person
    assert thon_a.history.latest("history_id").history_change_reason == "set_unit_leader"
    response = client.post(reverse("accounts:unit_leave", args=[hamlet_leader.person.pk, thon_a.pk]))
    assert response.status_code == 404  # no longer theirs to leave
    post_url = reverse("accounts:unit_leave", args=[other_hamlet_leader.person.pk, thon_a.pk])
    assert client.post(post_url).status_code == 302
    thon_a.refresh_from_db()
    assert thon_a.leader is None


def test_a_unit_of_another_commune_cannot_be_given(client, office_clerk, hamlet_leader, other_commune):
    from ..factories import UnitFactory

    foreign = UnitFactory(commune=other_commune)
    client.force_login(office_clerk)
    assert "Hãy chọn một đơn vị của xã" in post(client, "accounts:unit_lead", hamlet_leader.person,
                                                 unit=foreign.pk).content.decode()
    foreign.refresh_from_db()
    assert foreign.leader is None


def test_the_last_office_role_is_kept(client, office_clerk, council_member):
    client.force_login(office_clerk)
    page = post(client, "accounts:role_revoke", office_clerk.person, role=Role.OFFICE_STAFF).content.decode()
    assert "cán bộ văn phòng cuối cùng của xã" in page
    assert office_clerk.person.roles.filter(role=Role.OFFICE_STAFF).exists()
    # With a second office clerk the role may go.
    post(client, "accounts:role_grant", council_member.person, role=Role.OFFICE_STAFF)
    post(client, "accounts:role_revoke", office_clerk.person, role=Role.OFFICE_STAFF)
    assert not office_clerk.person.roles.filter(role=Role.OFFICE_STAFF).exists()


def test_a_deactivated_office_clerk_does_not_count(client, office_clerk, council_member):
    RoleAssignment.objects.create(person=council_member.person, role=Role.OFFICE_STAFF)
    client.force_login(office_clerk)
    post(client, "accounts:deactivate", council_member.person)
    post(client, "accounts:role_revoke", office_clerk.person, role=Role.OFFICE_STAFF)
    assert office_clerk.person.roles.filter(role=Role.OFFICE_STAFF).exists()


def test_deactivation_blocks_login_and_ends_sessions(client, office_clerk, hamlet_leader):
    from django.test import Client

    their_session = Client()
    their_session.force_login(hamlet_leader)
    client.force_login(office_clerk)
    page = post(client, "accounts:deactivate", hamlet_leader.person).content.decode()
    assert "Đã khoá tài khoản" in page and "Mở lại tài khoản" in page
    hamlet_leader.refresh_from_db()
    assert not hamlet_leader.is_active
    row = hamlet_leader.history.latest("history_id")
    assert (row.is_active, row.history_user, row.history_change_reason) == (False, office_clerk, "deactivate_account")
    assert their_session.get(reverse("home")).status_code == 302  # sent to the login page
    login = Client().post(reverse("login"), {"username": "thona", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert login.status_code == 200 and "_auth_user_id" not in login.client.session
    post(client, "accounts:reactivate", hamlet_leader.person)
    login = Client().post(reverse("login"), {"username": "thona", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert login.status_code == 302


def test_a_clerk_cannot_deactivate_themselves(client, office_clerk):
    client.force_login(office_clerk)
    page = client.get(reverse("accounts:person", args=[office_clerk.person.pk])).content.decode()
    assert reverse("accounts:deactivate", args=[office_clerk.person.pk]) not in page
    page = post(client, "accounts:deactivate", office_clerk.person).content.decode()
    assert "Bạn không thể tự khoá tài khoản" in page
    office_clerk.refresh_from_db()
    assert office_clerk.is_active


def test_a_login_writes_no_account_history(client, hamlet_leader):
    before = hamlet_leader.history.count()
    assert client.post(reverse("login"), {"username": "thona", "password": PASSWORD},
                       REMOTE_ADDR="10.0.0.8").status_code == 302
    assert hamlet_leader.history.count() == before


PERSON_POSTS = [("accounts:resend", {}), ("accounts:deactivate", {}), ("accounts:reactivate", {}),
                ("accounts:role_grant", {"role": Role.COUNCIL_MEMBER}),
                ("accounts:role_revoke", {"role": Role.COUNCIL_MEMBER}), ("accounts:unit_lead", {})]


def test_another_communes_clerk_finds_nothing(client, other_clerk, hamlet_leader):
    client.force_login(other_clerk)
    person = hamlet_leader.person
    assert "Trần Văn An" not in client.get(reverse("accounts:people")).content.decode()
    assert client.get(reverse("accounts:person", args=[person.pk])).status_code == 404
    for route, data in PERSON_POSTS:
        assert client.post(reverse(route, args=[person.pk]), data).status_code == 404, route
    hamlet_leader.refresh_from_db()
    assert hamlet_leader.is_active and not person.roles.exists()
