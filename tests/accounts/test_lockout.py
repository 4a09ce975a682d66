"""Login throttling (django-axes): five failures for one account from one address lock that account from that
address, with the login page saying so in Vietnamese; the office unlocks its own commune's accounts, the superuser
any; each unlock leaves a history row."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import AccountUnlock

from ..factories import PASSWORD, PersonFactory, RoleFactory, UserFactory

LOGIN = "/accounts/login/"
HOME = "10.1.1.1"
OTHER = "10.2.2.2"
LOCKED_TEXT = "Nhập sai 5 lần"


def attempt(client, username, password, address=HOME, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address,
                       HTTP_ACCEPT_LANGUAGE="vi", **extra)


def lock(client, username, address=HOME, **extra):
    responses = [attempt(client, username, "sai-mat-khau", address, **extra) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    return responses[-1]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_five_failures_lock_the_account_from_that_address(client, hamlet_leader):
    for _ in range(4):
        response = attempt(client, "thona", "sai-mat-khau")
        assert response.status_code == 200 and LOCKED_TEXT not in response.content.decode()
    page = attempt(client, "thona", "sai-mat-khau").content.decode()
    assert LOCKED_TEXT in page
    # The sixth attempt is refused even with the right password, on the portal's own login page.
    response = attempt(client, "thona", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429 and not logged_in(client)
    assert "tạm bị khoá đăng nhập từ địa chỉ mạng của bạn" in page and "Văn phòng" in page
    assert 'id="login-locked"' in page and 'name="username"' in page and "navbar" in page
    assert AccessAttempt.objects.get(username="thona").failures_since_start == 5


@pytest.mark.django_db
def test_other_addresses_and_other_accounts_are_not_locked(client, hamlet_leader, other_hamlet_leader):
    lock(client, "thona")
    assert attempt(client, "thona", PASSWORD, OTHER).status_code == 302
    client.logout()
    assert attempt(client, other_hamlet_leader.username, PASSWORD, HOME).status_code == 302


@pytest.mark.django_db
def test_failures_spread_over_more_than_the_window_do_not_lock(client, hamlet_leader):
    for _ in range(4):
        attempt(client, "thona", "sai-mat-khau")
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert attempt(client, "thona", "sai-mat-khau").status_code == 200
    assert attempt(client, "thona", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, hamlet_leader):
    lock(client, "thona")
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert attempt(client, "thona", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_success_forgets_earlier_typos(client, hamlet_leader):
    for _ in range(4):
        attempt(client, "thona", "sai-mat-khau")
    assert attempt(client, "thona", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "thona", "sai-mat-khau").status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_the_address_comes_from_the_configured_header(client, settings, hamlet_leader):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    proxy = "127.0.0.1"
    lock(client, "thona", proxy, HTTP_X_REAL_IP=HOME)
    assert AccessAttempt.objects.get().ip_address == HOME
    assert attempt(client, "thona", PASSWORD, proxy, HTTP_X_REAL_IP=HOME).status_code == 429
    assert attempt(client, "thona", PASSWORD, proxy, HTTP_X_REAL_IP=OTHER).status_code == 302


@pytest.mark.django_db
def test_a_forwarded_list_counts_the_address_the_proxy_added(client, settings, hamlet_leader):
    """A guesser cannot escape the count by sending X-Forwarded-For himself: the proxy appends the real address."""
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        attempt(client, "thona", "sai-mat-khau", "127.0.0.1", HTTP_X_FORWARDED_FOR=f"{forged}, {HOME}")
    assert attempt(client, "thona", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR=f"9.9.9.9, {HOME}").status_code == 429


@pytest.mark.django_db
def test_the_test_clients_login_still_works(client, hamlet_leader):
    """Logins without a request (the test client, a shell) are not throttled instead of failing."""
    assert client.login(username="thona", password=PASSWORD)
    assert client.get(reverse("home")).status_code == 200


# Unlocking ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def foreign_clerk(other_commune):
    user = UserFactory(username="vanphong-codong")
    person = PersonFactory(commune=other_commune, user=user, full_name="Phạm Thị Lan")
    RoleFactory(person=person, role="office_staff")
    return user


@pytest.fixture
def foreign_account(other_commune):
    user = UserFactory(username="thon-xa")
    PersonFactory(commune=other_commune, user=user, full_name="Đinh Văn Xa")
    return user


@pytest.mark.django_db
def test_the_office_unlocks_an_account_of_its_commune(client, office_clerk, hamlet_leader):
    lock(client, "thona")
    client.force_login(office_clerk)
    page = client.get(reverse("accounts:locked_list")).content.decode()
    assert "Trần Văn An" in page and HOME in page
    response = client.post(reverse("accounts:unlock", args=[hamlet_leader.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    unlock = AccountUnlock.objects.get()
    assert (unlock.username, unlock.user, unlock.commune, unlock.ip_addresses, unlock.failures, unlock.unlocked_by) == (
        "thona", hamlet_leader, hamlet_leader.person.commune, HOME, 5, office_clerk)
    page = client.get(reverse("accounts:locked_list")).content.decode()
    assert "Không có tài khoản nào đang bị khoá" in page and "Nguyễn Thị Hương" in page  # the history
    client.logout()
    assert attempt(client, "thona", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_unlocking_an_account_that_is_not_locked_records_nothing(client, office_clerk, hamlet_leader):
    client.force_login(office_clerk)
    assert client.post(reverse("accounts:unlock", args=[hamlet_leader.pk])).status_code == 302
    assert not AccountUnlock.objects.exists()


@pytest.mark.django_db
def test_another_communes_account_is_404_for_the_office(client, office_clerk, foreign_clerk, foreign_account,
                                                         hamlet_leader):
    lock(client, "thon-xa")
    lock(client, "thona")
    client.force_login(office_clerk)
    page = client.get(reverse("accounts:locked_list")).content.decode()
    assert "thona" in page and "thon-xa" not in page
    assert client.post(reverse("accounts:unlock", args=[foreign_account.pk])).status_code == 404
    client.force_login(foreign_clerk)
    assert client.post(reverse("accounts:unlock", args=[hamlet_leader.pk])).status_code == 404
    assert AccessAttempt.objects.count() == 2 and not AccountUnlock.objects.exists()


@pytest.mark.django_db
def test_other_roles_are_refused(client, personas, hamlet_leader):
    lock(client, "thona")
    url = reverse("accounts:locked_list")
    unlock_url = reverse("accounts:unlock", args=[hamlet_leader.pk])
    for name, user in personas.items():
        client.force_login(user)
        wanted = 200 if name == "office_clerk" else 403
        assert client.get(url).status_code == wanted, name
        assert client.get(unlock_url).status_code == 405, name  # POST only
        if name != "office_clerk":
            assert client.post(unlock_url).status_code == 403, name
    client.logout()
    assert client.post(unlock_url).status_code == 302  # to the login page
    assert AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_the_superuser_unlocks_any_account(client, hamlet_leader, foreign_account):
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    lock(client, "thona")
    lock(client, "thon-xa")
    client.force_login(admin)
    page = client.get(reverse("accounts:locked_list")).content.decode()
    assert "thona" in page and "thon-xa" in page
    assert client.post(reverse("accounts:unlock", args=[foreign_account.pk])).status_code == 302
    assert AccountUnlock.objects.get().unlocked_by == admin
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["thona"]


@pytest.mark.django_db
def test_deleting_attempts_in_the_admin_unlocks_with_a_history_row(client, hamlet_leader):
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    lock(client, "thona")
    client.force_login(admin)
    attempt_row = AccessAttempt.objects.get()
    response = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt_row.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AccountUnlock.objects.get().unlocked_by == admin
