"""Invitations: the office creates the account of a person with an e-mail address; the person sets a password from a
one-time link that expires after INVITATION_DAYS; a used or expired link says so; the office can send it again."""

import re
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import services
from accounts.models import Invitation
from accounts.tokens import invitation_token
from notifications.models import OutboundEmail

from ..factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-cua-Hoa-2025"


@pytest.fixture
def hoa(commune, thon_a):
    return PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Hoa", email="hoa@example.vn")


def invite(client, person, username):
    return client.post(reverse("accounts:person", args=[person.pk]), {"username": username},
                       HTTP_ACCEPT_LANGUAGE="vi")


def link_in(email) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)


def accept(client, link, password=PASSWORD):
    response = client.get(link)
    assert response.status_code == 302, response.status_code
    return client.post(response.url, {"new_password1": password, "new_password2": password})


def can_log_in(client, username, password=PASSWORD) -> bool:
    response = client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9")
    logged_in = "_auth_user_id" in client.session
    client.logout()
    return response.status_code == 302 and logged_in


def test_username_is_proposed_from_the_name_and_unique(db):
    assert services.propose_username("Nguyễn Thị Hương") == "huongnt"
    assert services.propose_username("Đỗ Đức Đạt") == "datdd"
    UserFactory(username="huongnt")
    UserFactory(username="HuongNT2")
    assert services.propose_username("Nguyễn Thị Hương") == "huongnt3"


def test_the_clerk_invites_and_the_person_sets_a_password_once(client, office_clerk, hoa):
    client.force_login(office_clerk)
    page = client.get(reverse("accounts:person", args=[hoa.pk])).content.decode()
    assert 'value="hoadt"' in page and "hoa@example.vn" in page
    response = invite(client, hoa, "hoa.thona")
    assert response.status_code == 302
    hoa.refresh_from_db()
    user = hoa.user
    assert (user.username, user.email, user.has_usable_password(), user.is_active) == \
        ("hoa.thona", "hoa@example.vn", False, True)
    invitation = Invitation.objects.get(user=user)
    assert (invitation.email, invitation.sent_by, invitation.times_sent) == ("hoa@example.vn", office_clerk, 1)
    email = OutboundEmail.objects.get()
    assert email.to == "hoa@example.vn" and "hoa.thona" in email.body_text and "7 ngày" in email.body_text
    assert "Đã mời" in client.get(reverse("accounts:people")).content.decode()
    client.logout()

    link = link_in(email)
    page = client.get(client.get(link).url).content.decode()
    assert "hoa.thona" in page and "Đặt mật khẩu" in page
    response = accept(client, link)
    assert response.status_code == 302 and response.url == reverse("accounts:invitation_done")
    assert "tài khoản của bạn đã sẵn sàng" in client.get(response.url).content.decode()
    assert can_log_in(client, "hoa.thona")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # The same link again: "already used", with the way to the login page.
    page = client.get(link, follow=True).content.decode()
    assert 'id="invitation-used"' in page and 'name="new_password1"' not in page


def _link(user, seconds_ago):
    ts = invitation_token._num_seconds(datetime.now()) - seconds_ago
    token = invitation_token._make_token_with_timestamp(user, ts, invitation_token.secret)
    return reverse("accounts:invitation", args=[urlsafe_base64_encode(force_bytes(user.pk)), token])


@pytest.mark.parametrize(("days", "valid"), [(6, True), (8, False)])
def test_the_link_expires_after_invitation_days(client, office_clerk, hoa, days, valid):
    services.invite_person(person=hoa, username="hoadt", by=office_clerk)
    page = client.get(_link(hoa.user, days * 86400), follow=True).content.decode()
    assert ('name="new_password1"' in page) == valid
    assert ('id="invitation-invalid"' in page) == (not valid)
    if not valid:
        assert "đã hết hạn" in page


def test_the_lifetime_follows_the_setting(client, office_clerk, hoa, settings):
    settings.INVITATION_DAYS = 2
    services.invite_person(person=hoa, username="hoadt", by=office_clerk)
    assert 'id="invitation-invalid"' in client.get(_link(hoa.user, 3 * 86400), follow=True).content.decode()


def test_a_reset_token_is_no_invitation_token(client, office_clerk, hoa):
    from django.contrib.auth.tokens import default_token_generator

    services.invite_person(person=hoa, username="hoadt", by=office_clerk)
    token = default_token_generator.make_token(hoa.user)
    url = reverse("accounts:invitation", args=[urlsafe_base64_encode(force_bytes(hoa.user.pk)), token])
    assert 'id="invitation-invalid"' in client.get(url, follow=True).content.decode()


def test_resending_replaces_the_link(client, office_clerk, hoa):
    services.invite_person(person=hoa, username="hoadt", by=office_clerk)
    first = link_in(OutboundEmail.objects.get())
    client.force_login(office_clerk)
    response = client.post(reverse("accounts:resend", args=[hoa.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(user=hoa.user).times_sent == 2
    second = link_in(OutboundEmail.objects.order_by("-pk").first())
    assert first != second
    client.logout()
    assert 'id="invitation-invalid"' in client.get(first, follow=True).content.decode()
    assert accept(client, second).url == reverse("accounts:invitation_done")
    # Once the password is set there is nothing to send again.
    client.force_login(office_clerk)
    response = client.post(reverse("accounts:resend", args=[hoa.pk]), follow=True)
    assert "Chỉ gửi lại lời mời" in response.content.decode()
    assert OutboundEmail.objects.count() == 2


def test_a_taken_username_is_refused(client, office_clerk, hoa):
    client.force_login(office_clerk)
    response = invite(client, hoa, "VANPHONG")
    assert response.status_code == 200 and "đã có người dùng" in response.content.decode()
    hoa.refresh_from_db()
    assert hoa.user is None and not OutboundEmail.objects.exists()


def test_no_invitation_without_an_e_mail_address(client, office_clerk, commune):
    person = PersonFactory(commune=commune, full_name="Vũ Văn Khánh", email="")
    client.force_login(office_clerk)
    page = client.get(reverse("accounts:person", args=[person.pk])).content.decode()
    assert 'name="username"' not in page and "cần có địa chỉ thư điện tử" in page
    with pytest.raises(Exception, match="chưa có địa chỉ"):
        services.invite_person(person=person, username="khanhvv", by=office_clerk)
    assert not get_user_model().objects.filter(username="khanhvv").exists()


def test_a_deactivated_invitee_cannot_use_the_link(client, office_clerk, hoa):
    services.invite_person(person=hoa, username="hoadt", by=office_clerk)
    link = link_in(OutboundEmail.objects.get())
    services.deactivate_account(user=hoa.user, by=office_clerk)
    assert 'id="invitation-invalid"' in client.get(link, follow=True).content.decode()
