"""The operator invites a commune's first clerk: a person of the commune with the office role and an account, and the
invitation e-mail with its one-time link; the state shows on the commune's page; the invitation can be sent again."""

import re

import pytest
from django.urls import reverse

from accounts.models import Invitation
from directory.enums import Role
from directory.models import Person
from notifications.models import OutboundEmail
from provinces import services

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-cua-Hoa-2025"


def invite(client, commune, **changes):
    data = {"full_name": "Đỗ Thị Hoa", "gender": "female", "email": "hoa@example.vn",
            "position": services.DEFAULT_CLERK_POSITION, "username": "", **changes}
    return client.post(reverse("provinces:clerk_invite", args=[commune.pk]), data, HTTP_ACCEPT_LANGUAGE="vi")


def test_the_form_proposes_the_position(client, province_operator, commune):
    client.force_login(province_operator)
    page = client.get(reverse("provinces:clerk_invite", args=[commune.pk])).content.decode()
    assert 'value="Công chức Văn phòng - Thống kê"' in page


def test_the_operator_invites_the_first_clerk(client, province_operator, commune):
    client.force_login(province_operator)
    response = invite(client, commune)
    assert response.status_code == 302
    person = Person.objects.get(full_name="Đỗ Thị Hoa")
    assert (person.commune, person.email, person.position) == (commune, "hoa@example.vn",
                                                               "Công chức Văn phòng - Thống kê")
    assert list(person.roles.values_list("role", flat=True)) == [Role.OFFICE_STAFF]
    user = person.user
    assert (user.username, user.has_usable_password(), user.is_active) == ("hoadt", False, True)
    invitation = Invitation.objects.get(user=user)
    assert invitation.sent_by == province_operator
    email = OutboundEmail.objects.get()
    assert email.to == "hoa@example.vn" and "hoadt" in email.body_text
    link = re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)

    # The commune's page and the list say "invited"; the clerk follows the link and sets a password.
    page = client.get(reverse("provinces:commune_detail", args=[commune.pk])).content.decode()
    assert "đã mời" in page and reverse("provinces:clerk_resend", args=[commune.pk, person.pk]) in page
    client.logout()
    form = client.get(link)
    assert form.status_code == 302
    assert client.post(form.url, {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()
    client.force_login(province_operator)
    page = client.get(reverse("provinces:commune_list")).content.decode()
    row = page[page.index(f'data-commune="{commune.slug}"'):]
    assert "đang hoạt động" in row.split('class="state-clerk"')[1].split("</td>")[0]
    # The clerk is the commune's office: the directory opens for them.
    client.force_login(user)
    assert client.get(reverse("directory:person_list")).status_code == 200


def test_the_invitation_is_sent_again(client, province_operator, commune):
    client.force_login(province_operator)
    invite(client, commune, username="hoa.vp")
    person = Person.objects.get(full_name="Đỗ Thị Hoa")
    response = client.post(reverse("provinces:clerk_resend", args=[commune.pk, person.pk]))
    assert response.status_code == 302
    assert Invitation.objects.get(user=person.user).times_sent == 2
    assert OutboundEmail.objects.count() == 2


def test_a_taken_user_name_or_a_bad_address_saves_nothing(client, province_operator, commune, office_clerk):
    client.force_login(province_operator)
    response = invite(client, commune, username="vanphong")
    assert response.status_code == 200 and "username" in response.context["form"].errors
    response = invite(client, commune, email="khong-phai-email")
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert not Person.objects.filter(full_name="Đỗ Thị Hoa").exists()
    assert not OutboundEmail.objects.exists()


def test_another_provinces_operator_cannot_invite_here(client, other_province_operator, commune):
    client.force_login(other_province_operator)
    assert invite(client, commune).status_code == 404
    assert not Person.objects.filter(full_name="Đỗ Thị Hoa").exists()
