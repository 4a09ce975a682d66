"""The emulation office's own accounts: the deployment's first operator from the command line, then colleagues
invited from the portal; each sets a password from the e-mail's one-time link."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.enums import AccountStatus  # noqa: F401 - the labels the page shows come from there
from directory.models import Province, ProvinceOperator
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def _link(email) -> str:
    body = OutboundEmail.objects.filter(to=email).latest("pk").body_text
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def test_first_operator_from_the_command_line_sets_a_password_and_reaches_the_area(client):
    call_command("add_operator", "--province", "nghe-an", "--province-name", "Nghệ An", "--full-name",
                 "Hồ Văn Nam", "--email", "nam@example.vn")
    province = Province.objects.get(slug="nghe-an")
    operator = ProvinceOperator.objects.get(province=province)
    assert (operator.full_name, operator.user.username, operator.user.has_usable_password()) == (
        "Hồ Văn Nam", "namhv", False)
    body = OutboundEmail.objects.get(to="nam@example.vn").body_text
    assert "tỉnh Nghệ An" in body and "namhv" in body
    link = _link("nam@example.vn")
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"new_password1": "Mat-khau-cua-Nam-2026", "new_password2": "Mat-khau-cua-Nam-2026"})
    assert client.login(username="namhv", password="Mat-khau-cua-Nam-2026")
    assert client.get(reverse("home")).url == reverse("provinces:commune_list")
    # The link works once.
    assert "Mat-khau" not in client.get(link, follow=True).content.decode()
    operator.user.refresh_from_db()
    assert client.get(link, follow=True).context["already_used"] or not client.get(link).context.get("validlink")


def test_the_command_refuses_an_unknown_province_without_a_name_and_a_taken_user_name():
    with pytest.raises(CommandError):
        call_command("add_operator", "--province", "dau-do", "--full-name", "Hồ Văn Nam", "--email", "n@example.vn")
    call_command("add_operator", "--province", "nghe-an", "--province-name", "Nghệ An", "--full-name",
                 "Hồ Văn Nam", "--email", "nam@example.vn", "--username", "nam")
    with pytest.raises(CommandError):
        call_command("add_operator", "--province", "nghe-an", "--full-name", "Hồ Văn Nam", "--email",
                     "nam2@example.vn", "--username", "NAM")
    assert ProvinceOperator.objects.count() == 1


def test_an_operator_invites_a_colleague_of_the_same_province(client, province_operator, other_province_operator):
    client.force_login(province_operator)
    url = reverse("provinces:operator_list")
    page = client.get(url).content.decode()
    assert "Đinh Thị Thu" in page and "Hồ Văn Nam" not in page  # the other province's operator is not listed
    response = client.post(url, {"full_name": "Lê Thị Mai", "email": "mai@example.vn", "position": "Chuyên viên"})
    assert response.status_code == 302
    colleague = ProvinceOperator.objects.get(full_name="Lê Thị Mai")
    assert colleague.province == ProvinceOperator.objects.get(user=province_operator).province
    assert colleague.user.username == "mailt" and OutboundEmail.objects.filter(to="mai@example.vn").exists()
    # A bad address saves nothing and says so in Vietnamese.
    response = client.post(url, {"full_name": "Lê Văn Hải", "email": "khong-phai-email"})
    # (Django REST framework's catalogue, an installed app's, words it better than Django's own "Nhập địa chỉ email.")
    assert response.status_code == 200 and "Nhập một địa chỉ email hợp lệ." in response.content.decode()
    assert not ProvinceOperator.objects.filter(full_name="Lê Văn Hải").exists()


def test_only_operators_reach_the_office_accounts(client, office_clerk, outsider):
    url = reverse("provinces:operator_list")
    for user in (office_clerk, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"full_name": "Lê Thị Mai", "email": "mai@example.vn"}).status_code == 403
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))
    assert not ProvinceOperator.objects.exists()
