""""Forgot password": Django's views in the portal's look; the e-mail goes through the outbox; the page never tells
whether an address has an account; the link works once and expires after PASSWORD_RESET_TIMEOUT."""

import re
from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.models import OutboundEmail

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Mot-mat-khau-moi-2025"


@pytest.fixture
def leader(hamlet_leader):
    hamlet_leader.email = "thona@example.vn"
    hamlet_leader.save()
    return hamlet_leader


def ask(client, email):
    return client.post(reverse("password_reset"), {"email": email}, HTTP_ACCEPT_LANGUAGE="vi")


def link_in(email: OutboundEmail) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)


def set_password(client, link, password=NEW_PASSWORD):
    response = client.get(link)
    assert response.status_code == 302  # Django moves the token into the session
    return client.post(response.url, {"new_password1": password, "new_password2": password})


def test_the_login_page_links_to_it(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "Quên mật khẩu?" in page
    assert "Quên mật khẩu?" in client.get(reverse("password_reset")).content.decode()


def test_the_link_from_the_outbox_sets_a_new_password_once(client, leader):
    response = ask(client, "thona@example.vn")
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    email = OutboundEmail.objects.get()
    assert email.to == "thona@example.vn" and "mật khẩu" in email.subject
    link = link_in(email)
    assert "Có người (có lẽ là bạn)" in email.body_text and "thona" in email.body_text
    response = set_password(client, link)
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    assert "Mật khẩu mới đã được lưu" in client.get(response.url).content.decode()
    leader.refresh_from_db()
    assert leader.check_password(NEW_PASSWORD) and not leader.check_password(PASSWORD)
    # The same link a second time: refused, in plain words.
    client.logout()
    response = client.get(link, follow=True)
    assert 'id="link-invalid"' in response.content.decode()
    assert "đã được dùng hoặc đã hết hạn" in response.content.decode()


def test_no_enumeration_of_addresses(client, leader):
    known = ask(client, "thona@example.vn")
    unknown = ask(client, "khong-co@example.vn")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["thona@example.vn"]
    assert client.get(unknown.url).content.decode().count("Nếu có tài khoản dùng địa chỉ này") == 1


def test_deactivated_accounts_get_no_link(client, leader):
    leader.is_active = False
    leader.save()
    assert ask(client, "thona@example.vn").status_code == 302
    assert not OutboundEmail.objects.exists()


def _link(user, seconds_ago):
    ts = default_token_generator._num_seconds(datetime.now()) - seconds_ago
    token = default_token_generator._make_token_with_timestamp(user, ts, default_token_generator.secret)
    return reverse("password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)), token])


@pytest.mark.parametrize(("hours", "valid"), [(23, True), (25, False)])
def test_the_link_expires(client, leader, hours, valid):
    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 3600  # PASSWORD_RESET_HOURS' default
    response = client.get(_link(leader, hours * 3600), follow=True)
    assert ('id="link-invalid"' not in response.content.decode()) == valid


def test_the_timeout_follows_the_setting(client, leader, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    response = client.get(_link(leader, 2 * 3600), follow=True)
    assert 'id="link-invalid"' in response.content.decode()


def test_the_persons_address_in_the_directory_works_too(client, hamlet_leader):
    person = hamlet_leader.person
    person.email = "An.Tran@example.vn"
    person.save()
    assert hamlet_leader.email == ""
    assert ask(client, "an.tran@EXAMPLE.vn").status_code == 302
    email = OutboundEmail.objects.get()
    assert email.to == "An.Tran@example.vn"  # the address as stored
    assert set_password(client, link_in(email)).url == reverse("password_reset_complete")


def test_one_e_mail_per_account_even_when_both_addresses_match(client, leader):
    leader.person.email = "thona@example.vn"
    leader.person.save()
    ask(client, "thona@example.vn")
    assert OutboundEmail.objects.count() == 1
