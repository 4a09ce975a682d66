"""The office keeps its commune's "Nơi nhận" per kind of document: the derived default until it saves its own, back
to the default when cleared; it reads (not edits) the commune's printed data, which the province's office keeps."""

import pytest
from django.urls import reverse

from documents.defaults import default_recipients, derived_recipients
from documents.models import RecipientList

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_printed_data_and_the_derived_defaults(client, office_clerk, commune):
    client.force_login(office_clerk)
    response = client.get(reverse("documents:recipients"), HTTP_ACCEPT_LANGUAGE="vi")
    page = response.content.decode()
    assert response.status_code == 200
    assert "XÃ XUÂN SƠN" in page and "Ban Thi đua - Khen thưởng" in page  # the note: the province's office keeps it
    for line in derived_recipients(commune, "KH").splitlines():
        assert line in page
    assert "<input" not in page.split('id="printed-data"')[1].split("</dl>")[0]  # read only


def test_save_then_clear(client, office_clerk, commune):
    client.force_login(office_clerk)
    url = reverse("documents:recipient_edit", args=["QĐ"])
    page = client.get(url).content.decode()
    assert "Như Điều 3;" in page  # the form starts from the derived default
    response = client.post(url, {"recipients": " Như Điều 2;\r\n\r\nLưu: VT. "})
    assert response.status_code == 302
    own = RecipientList.objects.get(commune=commune, doc_type="QĐ")
    assert own.recipients == "Như Điều 2;\nLưu: VT."
    assert own.history.first().history_user == office_clerk
    assert own.history.first().history_change_reason == "save_recipient_list"
    assert default_recipients(commune, "QĐ") == "Như Điều 2;\nLưu: VT."
    listing = client.get(reverse("documents:recipients")).content.decode()
    assert reverse("documents:recipient_clear", args=["QĐ"]) in listing

    assert client.post(reverse("documents:recipient_clear", args=["QĐ"])).status_code == 302
    assert not RecipientList.objects.filter(commune=commune).exists()
    assert default_recipients(commune, "QĐ") == derived_recipients(commune, "QĐ")


def test_saving_the_default_unchanged_keeps_no_list(client, office_clerk, commune):
    client.force_login(office_clerk)
    client.post(reverse("documents:recipient_edit", args=["KH"]), {"recipients": derived_recipients(commune, "KH")})
    assert not RecipientList.objects.exists()


def test_an_empty_list_goes_back_to_the_default(client, office_clerk, commune):
    RecipientList.objects.create(commune=commune, doc_type="BC", recipients="A;")
    client.force_login(office_clerk)
    client.post(reverse("documents:recipient_edit", args=["BC"]), {"recipients": "  "})
    assert not RecipientList.objects.exists()


def test_each_commune_keeps_its_own(client, office_clerk, second_commune_clerk, commune, other_commune):
    RecipientList.objects.create(commune=other_commune, doc_type="KH", recipients="Nơi nhận của Cổ Đông;")
    client.force_login(office_clerk)
    assert "Nơi nhận của Cổ Đông" not in client.get(reverse("documents:recipients")).content.decode()
    client.post(reverse("documents:recipient_clear", args=["KH"]))
    assert RecipientList.objects.filter(commune=other_commune).exists()


def test_an_unknown_kind_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get(reverse("documents:recipient_edit", args=["XX"])).status_code == 404


@pytest.mark.parametrize("persona", ["council_member", "chairman", "hamlet_leader", "outsider", "province_operator"])
def test_only_the_office_keeps_the_recipients(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("documents:recipients")).status_code == 403
    assert client.get(reverse("documents:recipient_edit", args=["KH"])).status_code == 403
    assert client.post(reverse("documents:recipient_edit", args=["KH"]), {"recipients": "A"}).status_code == 403
    assert client.post(reverse("documents:recipient_clear", args=["KH"])).status_code == 403
    assert not RecipientList.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (reverse("documents:recipients"), reverse("documents:recipient_edit", args=["KH"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
