"""The sender of the portal's e-mails is named after the commune they come from, on DEFAULT_FROM_EMAIL's address."""

import pytest
from django.core import mail

from notifications.models import OutboundEmail
from notifications.services import Message, deliver_email, post
from tests import factories as f

pytestmark = pytest.mark.django_db


def _message(**kwargs):
    return Message(user_id=None, email="truongthon@example.vn", title="Nhắc việc", text="Nội dung", html="", url="/",
                   **kwargs)


def test_a_communes_email_is_sent_in_its_name(settings):
    settings.DEFAULT_FROM_EMAIL = "Cổng TĐKT <tdkt@example.vn>"
    commune = f.CommuneFactory(name="Tản Lĩnh", slug="tan-linh")
    [email_id] = post([_message(commune_id=commune.pk)])
    assert OutboundEmail.objects.get(pk=email_id).from_email == "TĐKT Tản Lĩnh <tdkt@example.vn>"
    assert deliver_email(email_id)
    assert mail.outbox[0].from_email == "TĐKT Tản Lĩnh <tdkt@example.vn>"
    assert mail.outbox[0].message()["From"] == "=?utf-8?b?VMSQS1QgVOG6o24gTMSpbmg=?= <tdkt@example.vn>"


def test_an_email_of_no_commune_uses_the_default_sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Cổng TĐKT <tdkt@example.vn>"
    [email_id] = post([_message()])
    assert OutboundEmail.objects.get(pk=email_id).from_email == ""
    deliver_email(email_id)
    assert mail.outbox[0].from_email == "Cổng TĐKT <tdkt@example.vn>"
