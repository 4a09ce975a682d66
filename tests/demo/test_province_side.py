"""The demo's province side (demo/dossiers.py): Yên Bài's 2026 dossier sent to Hà Nội, returned once, sent again,
accepted and decided by the city's issued decision; the city's deadline for 2026 and a reminder to Xuân Sơn.

Seeded once for the module inside a transaction rolled back afterwards (as tests/demo/test_yen_bai.py), its uploads
in a temporary MEDIA_ROOT; each test runs in a savepoint of it.
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from awards.enums import AwardStatus, Decider, DecisionStatus
from awards.models import Award, AwardDecision, Ballot, CouncilMeeting, DossierItem, Nomination
from demo import dossiers as demo_dossiers
from directory.models import Commune, Province, Unit
from documents.models import Document
from notifications.models import Notification
from provinces.enums import DossierEventKind, DossierStatus, ProvinceDecisionStatus
from provinces.models import Dossier, DossierCall, DossierEvent, DossierReminder, ProvinceDecision
from provinces.overview import province_year

pytestmark = pytest.mark.django_db

MODELS = [Dossier, DossierEvent, ProvinceDecision, DossierCall, DossierReminder, Award, AwardDecision, Nomination,
          CouncilMeeting, Ballot, DossierItem, Document, Notification, Province]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def yen_bai(seeded):
    return Commune.objects.get(slug="yen-bai")


@pytest.fixture
def dossier(yen_bai):
    return Dossier.objects.select_related("proposal", "decision__document", "province").get(commune=yen_bai)


def _user(username):
    return get_user_model().objects.get(username=username)


def test_one_dossier_decided_by_the_citys_issued_decision(dossier):
    assert Dossier.objects.count() == 1
    assert (dossier.year, dossier.status, dossier.receipt_code) == (2026, DossierStatus.DECIDED, "001/2026")
    decision = dossier.decision
    assert decision.status == ProvinceDecisionStatus.ISSUED
    assert decision.document.code == "01/QĐ-UBND"
    assert decision.document.signer_name == "Trần Sỹ Thanh" == dossier.province.chairman_name
    assert decision.document.issued_on >= dossier.received_on
    assert decision.document.issued_on <= datetime.date.today()
    proposal = dossier.proposal
    assert (proposal.decider, proposal.status, proposal.external_code) == (
        Decider.PROVINCE_CHAIRMAN, DecisionStatus.ISSUED, "01/QĐ-UBND")
    assert proposal.external_issuer == "Chủ tịch UBND thành phố Hà Nội"
    assert proposal.submission.code == "01/TTr-UBND"


def test_the_dossiers_steps(dossier):
    steps = list(dossier.events.order_by("pk").values_list("kind", "by__username"))
    assert steps == [
        (DossierEventKind.SENT, "vanphong.yenbai"), (DossierEventKind.RECEIVED, "bantdkt"),
        (DossierEventKind.RETURNED, "bantdkt"), (DossierEventKind.RESENT, "vanphong.yenbai"),
        (DossierEventKind.ACCEPTED, "bantdkt"), (DossierEventKind.DECIDED, "bantdkt"),
    ]
    returned = dossier.events.get(kind=DossierEventKind.RETURNED)
    assert "Báo cáo thành tích" in returned.comment
    assert [item.requirement.code for item in returned.flagged_items.all()] == ["bao-cao-thanh-tich"]


def test_the_council_passed_it_by_secret_ballot_and_the_dossier_is_whole(yen_bai, dossier, seeded):
    nomination = dossier.proposal.nominations.get()
    assert (nomination.title.code, nomination.unit.name) == ("ttldxs", "Văn phòng HĐND và UBND")
    assert Nomination.objects.filter(commune=yen_bai, year=2026).count() == 1  # nothing else without earlier years
    ballot = Ballot.objects.get(nomination=nomination)
    assert ballot.passed and ballot.votes_cast == ballot.eligible_count == 3
    meeting = ballot.meeting
    assert meeting.minutes.code == "01/BB-HĐTĐKT" and meeting.held_on <= datetime.date.today()
    report = DossierItem.objects.get(nomination=nomination, requirement__code="bao-cao-thanh-tich")
    assert report.provided and report.note
    path = seeded / report.file.name
    assert path.read_bytes().startswith(b"%PDF-1.4") and path.read_bytes().rstrip().endswith(b"%%EOF")


def test_the_award_in_yen_bais_list_and_the_units_record(client, yen_bai, dossier):
    award = Award.objects.get(decision=dossier.proposal)
    assert (award.status, award.year, award.title.code) == (AwardStatus.ACTIVE, 2026, "ttldxs")
    client.force_login(_user("vanphong.yenbai"))
    page = client.get(reverse("awards:award_list"), {"year": 2026})
    assert page.status_code == 200 and award in page.context["awards"]
    assert "01/QĐ-UBND" in page.content.decode()
    unit = Unit.objects.get(commune=yen_bai, name="Văn phòng HĐND và UBND")
    page = client.get(reverse("awards:unit_history", args=[unit.pk]))
    assert page.status_code == 200 and award in page.context["awards"]
    assert "Tập thể lao động xuất sắc" in page.content.decode()


def test_the_operator_sees_the_inbox_and_the_decision(client, dossier):
    client.force_login(_user("bantdkt"))
    page = client.get(reverse("provinces:dossier_inbox"), {"year": 2026})
    assert page.status_code == 200 and "001/2026" in page.content.decode()
    page = client.get(reverse("provinces:decision_list"))
    assert page.status_code == 200 and "01/QĐ-UBND" in page.content.decode()


def test_the_call_and_a_reminder_for_xuan_son(seeded):
    province = Province.objects.get(slug="ha-noi")
    call = DossierCall.objects.get(province=province, year=2026)
    assert call.due_on == datetime.date(2026, 11, 30) and call.note
    xuan_son = Commune.objects.get(slug="xuan-son")
    reminder = DossierReminder.objects.get(call=call, commune=xuan_son)
    assert "vanphong@xuanson.example" in reminder.recipients
    assert not DossierReminder.objects.filter(commune__slug="yen-bai").exists()  # it sent its dossier
    # After the deadline the province's view counts Xuân Sơn late (whatever the day the demo was seeded).
    view = province_year(province, 2026, today=datetime.date(2026, 12, 1))
    assert xuan_son in view.total["dossiers"]["late_communes"]
    assert xuan_son in view.total["dossiers"]["reminded_communes"]


def test_the_provinces_year_page(client, seeded):
    client.force_login(_user("bantdkt"))
    page = client.get(reverse("provinces:province_year"), {"year": 2026})
    assert page.status_code == 200
    dossiers = page.context["view"].total["dossiers"]
    assert dossiers["sent"] == 1
    if datetime.date.today() > demo_dossiers.CALL_DUE:
        assert Commune.objects.get(slug="xuan-son") in dossiers["late_communes"]


def test_seeding_twice_changes_nothing(seeded):
    before = {model.__name__: model.objects.count() for model in MODELS}
    chairman = Province.objects.get(slug="ha-noi").chairman_name
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=seeded):
        call_command("seed_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert Province.objects.get(slug="ha-noi").chairman_name == chairman
