"""Dossiers sent up to the province: the commune sends its proposal for titles decided above, the province's operator
receives it, returns it for more or accepts it; the commune's items and list are frozen while it is with the
province. Then the pages of both sides, for every persona."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.decisions import withdraw_nomination
from awards.dossier import save_dossier_item
from awards.enums import Decider, DecisionStatus, NominationStatus
from awards.models import AwardDecision, DossierItem, Nomination
from notifications.models import Notification, OutboundEmail
from provinces import dossiers
from provinces.enums import DossierEventKind, DossierStatus
from provinces.models import Dossier, DossierCall
from tests import factories as f
from tests.awards.test_decisions_data import absent_member, meeting, passed  # noqa: F401
from tests.registrations.conftest import lan, minh, titles  # noqa: F401

from .dossier_data import REPORT, provide_report, provincial_proposal

pytestmark = pytest.mark.django_db

SUBMITTED_ON = datetime.date(2022, 12, 12)


@pytest.fixture
def proposal(meeting, titles, lan, office_clerk, province_operator):  # noqa: F811
    """Xuân Sơn's proposal of Đỗ Thị Lan for CSTĐ cấp tỉnh, complete and ready to send."""
    lan.email = "lan@example.vn"
    lan.save()
    office_clerk.email = "vanphong@example.vn"
    office_clerk.save()
    province_operator.email = "bantdkt@example.vn"
    province_operator.save()
    return provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan, by=office_clerk,
                               submitted_on=SUBMITTED_ON)[0]


def nomination_of(proposal) -> Nomination:
    return proposal.nominations.get()


def report_item(proposal) -> DossierItem:
    return DossierItem.objects.get(nomination=nomination_of(proposal), requirement__code=REPORT)


# Sending --------------------------------------------------------------------------------------------------------------


def test_first_send_gives_the_provinces_next_receipt_number(proposal, office_clerk, commune):
    dossier = dossiers.send_dossier(proposal=proposal, by=office_clerk)
    assert (dossier.province, dossier.commune, dossier.year, dossier.status, dossier.receipt_number) == (
        commune.province, commune, 2022, DossierStatus.SENT, 1)
    assert dossier.receipt_code == "001/2022"
    assert dossier.sent_by == office_clerk
    assert list(dossier.events.values_list("kind", flat=True)) == [DossierEventKind.SENT]


def test_receipt_numbers_run_per_province_and_year(proposal, office_clerk, commune, other_commune, titles):  # noqa: F811
    def bare(commune_, year):
        decision = AwardDecision.objects.create(commune=commune_, year=year, decider=Decider.PROVINCE_CHAIRMAN,
                                                status=DecisionStatus.SUBMITTED)
        return Dossier.objects.create(province=commune_.province, commune=commune_, year=year, proposal=decision,
                                      receipt_number=dossiers._next_receipt(commune_.province, year),
                                      received_on=SUBMITTED_ON, sent_at=datetime.datetime.now(datetime.UTC),
                                      sent_by=office_clerk)

    assert bare(other_commune, 2022).receipt_number == 1  # Cổ Đông, same province
    assert bare(other_commune, 2023).receipt_number == 1  # another year starts again
    nghe_an = f.CommuneFactory(name="Nghi Lộc", slug="nghi-loc", province=f.ProvinceFactory(name="Nghệ An"))
    assert bare(nghe_an, 2022).receipt_number == 1  # another province has its own numbers
    assert dossiers.send_dossier(proposal=proposal, by=office_clerk).receipt_number == 2


def test_a_taken_receipt_number_is_retried(proposal, office_clerk, monkeypatch):
    """Two communes sending at once: the loser of the unique constraint takes the next number."""
    other = AwardDecision.objects.create(commune=proposal.commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                         status=DecisionStatus.SUBMITTED)
    Dossier.objects.create(province=proposal.commune.province, commune=proposal.commune, year=2022, proposal=other,
                           receipt_number=1, received_on=SUBMITTED_ON, sent_at=datetime.datetime.now(datetime.UTC),
                           sent_by=office_clerk)
    stale = iter([1])
    real = dossiers._next_receipt
    monkeypatch.setattr(dossiers, "_next_receipt", lambda province, year: next(stale, None) or real(province, year))
    assert dossiers.send_dossier(proposal=proposal, by=office_clerk).receipt_number == 2


def test_send_refuses_what_is_missing_and_names_it(meeting, titles, lan, office_clerk):  # noqa: F811
    meeting.ends_at = None  # the minutes cannot be issued: the proposal goes without them
    meeting.save()
    proposal, nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan,
                                               by=office_clerk, submitted_on=SUBMITTED_ON, with_report=False,
                                               minutes=False)
    with pytest.raises(ValidationError) as error:
        dossiers.send_dossier(proposal=proposal, by=office_clerk)
    text = " ".join(error.value.messages)
    assert "Đỗ Thị Lan" in text and "Báo cáo thành tích" in text and "Biên bản bình xét" in text
    assert "10/12/2022" in text  # the meeting whose minutes are missing
    assert not Dossier.objects.exists()


def test_send_refuses_a_draft_and_the_communes_own_decisions(meeting, titles, lan, office_clerk, passed):  # noqa: F811
    from awards.decisions import create_decision

    nomination = Nomination.objects.create(commune=meeting.commune, year=2022, title=titles["cstd-tinh"], person=lan,
                                           status=NominationStatus.PASSED)
    draft = create_decision(commune=meeting.commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                            nominations=[nomination], by=office_clerk)
    with pytest.raises(ValidationError, match="Tờ trình"):
        dossiers.send_dossier(proposal=draft, by=office_clerk)
    own = create_decision(commune=meeting.commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                          nominations=[passed["lan"]], by=office_clerk)
    with pytest.raises(ValidationError):
        dossiers.send_dossier(proposal=own, by=office_clerk)


@pytest.mark.parametrize("who", ["council_member", "hamlet_leader", "second_commune_clerk", "province_operator"])
def test_only_the_communes_office_and_chairman_send(request, proposal, who):
    with pytest.raises(PermissionDenied):
        dossiers.send_dossier(proposal=proposal, by=request.getfixturevalue(who))


def test_the_chairman_sends(proposal, chairman):
    assert dossiers.send_dossier(proposal=proposal, by=chairman).status == DossierStatus.SENT


@pytest.mark.parametrize("status", [DossierStatus.SENT, DossierStatus.RECEIVED, DossierStatus.ACCEPTED,
                                    DossierStatus.DECIDED])
def test_no_second_send_while_with_the_province(proposal, office_clerk, status):
    dossier = dossiers.send_dossier(proposal=proposal, by=office_clerk)
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    with pytest.raises(ValidationError, match="đã được gửi|already"):
        dossiers.send_dossier(proposal=proposal, by=office_clerk)


def test_the_provinces_operators_are_told_a_dossier_arrived(proposal, office_clerk, province_operator,
                                                             other_province_operator,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        dossiers.send_dossier(proposal=proposal, by=office_clerk)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [province_operator.pk]
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["bantdkt@example.vn"]
    assert "001/2022" in OutboundEmail.objects.get().subject


# The province's side --------------------------------------------------------------------------------------------------


@pytest.fixture
def sent(proposal, office_clerk):
    return dossiers.send_dossier(proposal=proposal, by=office_clerk)


def test_receive_then_accept(sent, province_operator, office_clerk):
    dossiers.receive_dossier(dossier=sent, by=province_operator)
    with pytest.raises(ValidationError):
        dossiers.receive_dossier(dossier=sent, by=province_operator)
    OutboundEmail.objects.all().delete()
    accepted = dossiers.accept_dossier(dossier=sent, by=province_operator, comment="Đủ hồ sơ")
    assert (accepted.status, accepted.comment) == (DossierStatus.ACCEPTED, "Đủ hồ sơ")
    assert list(sent.events.values_list("kind", flat=True)) == ["sent", "received", "accepted"]
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["vanphong@example.vn"]
    with pytest.raises(ValidationError):
        dossiers.return_dossier(dossier=sent, comment="Thiếu", by=province_operator)


def test_return_needs_a_comment_and_flags_items(sent, province_operator, office_clerk):
    with pytest.raises(ValidationError):
        dossiers.return_dossier(dossier=sent, comment="  ", by=province_operator)
    OutboundEmail.objects.all().delete()
    item = report_item(sent.proposal)
    returned = dossiers.return_dossier(dossier=sent, comment="Báo cáo thành tích chưa có xác nhận.", items=[item],
                                       by=province_operator)
    assert returned.status == DossierStatus.RETURNED
    event = returned.events.get(kind=DossierEventKind.RETURNED)
    assert (event.comment, list(event.flagged_items.all())) == ("Báo cáo thành tích chưa có xác nhận.", [item])
    item.refresh_from_db()
    assert item.provided is False  # asked for again: missing until the commune provides it
    email = OutboundEmail.objects.get()
    assert email.to == "vanphong@example.vn"
    assert "Báo cáo thành tích chưa có xác nhận." in email.body_text and "Đỗ Thị Lan" in email.body_text


def test_return_may_ask_for_an_item_never_uploaded(proposal, sent, province_operator):
    nomination = nomination_of(proposal)
    requirement = nomination.title.dossier_requirements.get(code=REPORT)
    DossierItem.objects.filter(nomination=nomination).delete()
    Dossier.objects.filter(pk=sent.pk).update(status=DossierStatus.SENT)
    dossiers.return_dossier(dossier=sent, comment="Thiếu báo cáo", items=[(nomination, requirement)],
                            by=province_operator)
    assert sent.events.get(kind="returned").flagged_items.get().requirement == requirement


def test_return_refuses_items_of_another_proposal(sent, province_operator, passed):  # noqa: F811
    foreign = DossierItem.objects.create(nomination=passed["lan"],
                                         requirement=passed["lan"].title.dossier_requirements.first())
    with pytest.raises(ValidationError):
        dossiers.return_dossier(dossier=sent, comment="Thiếu", items=[foreign], by=province_operator)


def test_accept_is_refused_while_an_item_is_missing(sent, province_operator):
    DossierItem.objects.filter(pk=report_item(sent.proposal).pk).update(provided=False)
    with pytest.raises(ValidationError, match="Báo cáo thành tích"):
        dossiers.accept_dossier(dossier=sent, by=province_operator)


@pytest.mark.parametrize("who", ["other_province_operator", "office_clerk", "second_commune_clerk"])
def test_only_the_provinces_operator_checks(request, sent, who):
    user = request.getfixturevalue(who)
    for step in (dossiers.receive_dossier, dossiers.accept_dossier):
        with pytest.raises(PermissionDenied):
            step(dossier=sent, by=user)
    with pytest.raises(PermissionDenied):
        dossiers.return_dossier(dossier=sent, comment="x", by=user)


# Locks and the resend -------------------------------------------------------------------------------------------------


def test_items_and_list_are_frozen_while_with_the_province_then_free_after_a_return(sent, office_clerk,
                                                                                   province_operator):
    nomination = nomination_of(sent.proposal)
    requirement = nomination.title.dossier_requirements.get(code=REPORT)
    with pytest.raises(ValidationError, match="tỉnh|province"):
        save_dossier_item(nomination=nomination, requirement=requirement, note="x", provided=True, by=office_clerk)
    with pytest.raises(ValidationError, match="tỉnh|province"):
        withdraw_nomination(decision=sent.proposal, nomination=nomination, reason="Khiếu nại", by=office_clerk)
    dossiers.return_dossier(dossier=sent, comment="Bổ sung", items=[report_item(sent.proposal)],
                            by=province_operator)
    save_dossier_item(nomination=nomination, requirement=requirement, note="Bản có xác nhận", provided=True,
                      by=office_clerk)


def test_the_nomination_page_hides_the_upload_while_with_the_province(client, sent, office_clerk,
                                                                     province_operator):
    client.force_login(office_clerk)
    url = reverse("awards:nomination_detail", args=[nomination_of(sent.proposal).pk])
    page = client.get(url).content.decode()
    assert 'id="dossier-frozen"' in page and 'type="file"' not in page
    dossiers.return_dossier(dossier=sent, comment="Bổ sung", by=province_operator)
    page = client.get(url).content.decode()
    assert 'id="dossier-frozen"' not in page and 'type="file"' in page


def test_resend_after_a_return_keeps_the_receipt_number(sent, office_clerk, province_operator):
    dossiers.receive_dossier(dossier=sent, by=province_operator)
    dossiers.return_dossier(dossier=sent, comment="Bổ sung", items=[report_item(sent.proposal)],
                            by=province_operator)
    with pytest.raises(ValidationError, match="Báo cáo thành tích"):
        dossiers.send_dossier(proposal=sent.proposal, by=office_clerk)  # the flagged item is missing again
    provide_report(nomination_of(sent.proposal))
    first_sent_at = Dossier.objects.get(pk=sent.pk).sent_at
    again = dossiers.send_dossier(proposal=sent.proposal, by=office_clerk)
    assert (again.pk, again.receipt_number, again.status) == (sent.pk, 1, DossierStatus.SENT)
    assert again.sent_at > first_sent_at
    assert list(again.events.values_list("kind", flat=True)) == ["sent", "received", "returned", "resent"]
    assert Dossier.objects.count() == 1


def test_sendable_proposals_and_the_call(proposal, office_clerk, commune, province_operator):
    assert list(dossiers.sendable_proposals(commune, 2022)) == [proposal]
    dossier = dossiers.send_dossier(proposal=proposal, by=office_clerk)
    assert list(dossiers.sendable_proposals(commune, 2022)) == []
    dossiers.return_dossier(dossier=dossier, comment="Bổ sung", by=province_operator)
    assert list(dossiers.sendable_proposals(commune, 2022)) == [proposal]
    assert dossiers.dossier_due(commune, 2022) is None
    call = DossierCall.objects.create(province=commune.province, year=2022, due_on=datetime.date(2022, 11, 15))
    assert dossiers.dossier_due(commune, 2022) == call


# Pages ----------------------------------------------------------------------------------------------------------------


def commune_pages(dossier):
    return [reverse("dossiers:dossier_list"), reverse("dossiers:dossier_detail", args=[dossier.pk])]


def operator_pages(dossier):
    return [reverse("provinces:dossier_inbox"), reverse("provinces:dossier_detail", args=[dossier.pk]),
            reverse("provinces:dossier_return", args=[dossier.pk]),
            reverse("provinces:dossier_document", args=[dossier.pk, dossier.proposal.submission_id])]


def test_commune_pages_by_persona(client, sent, office_clerk, chairman, council_member, hamlet_leader,
                                  province_operator):
    for user, status in ((office_clerk, 200), (chairman, 200), (council_member, 403), (hamlet_leader, 403),
                         (province_operator, 403)):
        client.force_login(user)
        for url in commune_pages(sent):
            assert client.get(url).status_code == status, (user, url)


def test_another_commune_of_the_province_gets_404(client, sent, second_commune_clerk):
    client.force_login(second_commune_clerk)
    assert client.get(reverse("dossiers:dossier_list")).status_code == 200
    assert client.get(reverse("dossiers:dossier_detail", args=[sent.pk])).status_code == 404
    assert client.post(reverse("dossiers:dossier_send", args=[sent.proposal_id])).status_code == 404


def test_operator_pages_by_persona(client, sent, province_operator, other_province_operator, office_clerk,
                                   settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    for user, statuses in ((province_operator, (200, 200, 200, 200)), (other_province_operator, (200, 404, 404, 404)),
                           (office_clerk, (403, 403, 403, 403))):
        client.force_login(user)
        for url, status in zip(operator_pages(sent), statuses, strict=True):
            assert client.get(url).status_code == status, (user, url)


def test_the_operator_opens_a_nominees_file_of_its_province_only(client, sent, province_operator,
                                                                 other_province_operator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "dossiers/2022").mkdir(parents=True)
    (tmp_path / "dossiers/2022/bao-cao.pdf").write_bytes(b"%PDF-1.4\n")
    item = provide_report(nomination_of(sent.proposal))
    url = reverse("provinces:dossier_file", args=[sent.pk, item.pk])
    client.force_login(province_operator)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4\n"
    client.force_login(other_province_operator)
    assert client.get(url).status_code == 404


def test_the_journey_through_the_pages(client, proposal, office_clerk, province_operator):
    client.force_login(office_clerk)
    page = client.get(reverse("awards:decision_detail", args=[proposal.pk])).content.decode()
    assert reverse("dossiers:dossier_send", args=[proposal.pk]) in page
    response = client.post(reverse("dossiers:dossier_send", args=[proposal.pk]))
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:dossier_detail", args=[dossier.pk])
    client.force_login(province_operator)
    inbox = client.get(reverse("provinces:dossier_inbox") + "?year=2022").content.decode()
    assert "001/2022" in inbox and "Xuân Sơn" in inbox
    client.post(reverse("provinces:dossier_receive", args=[dossier.pk]))
    item = report_item(proposal)
    client.post(reverse("provinces:dossier_return", args=[dossier.pk]),
                {"comment": "Bổ sung xác nhận", "items": [f"{item.nomination_id}-{item.requirement_id}"]})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    client.force_login(office_clerk)
    page = client.get(reverse("dossiers:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Bổ sung xác nhận" in page and 'id="resend"' in page
    provide_report(nomination_of(proposal))
    client.post(reverse("dossiers:dossier_send", args=[proposal.pk]))
    client.force_login(province_operator)
    client.post(reverse("provinces:dossier_accept", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED


def _bare_dossiers(commune, clerk, title, count):
    for number in range(1, count + 1):
        decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                                status=DecisionStatus.SUBMITTED)
        decision.nominations.add(Nomination.objects.create(commune=commune, year=2022, title=title,
                                                           status=NominationStatus.PASSED, household=f"Hộ {number}"))
        Dossier.objects.create(province=commune.province, commune=commune, year=2022, proposal=decision,
                               receipt_number=number, received_on=SUBMITTED_ON,
                               sent_at=datetime.datetime.now(datetime.UTC), sent_by=clerk)


def test_the_inbox_runs_a_constant_number_of_queries(client, commune, office_clerk, province_operator,
                                                     titles, no_page_cache):  # noqa: F811
    client.force_login(province_operator)
    url = reverse("provinces:dossier_inbox") + "?year=2022"
    _bare_dossiers(commune, office_clerk, titles["cstd-tinh"], 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    Dossier.objects.all().delete()
    _bare_dossiers(commune, office_clerk, titles["cstd-tinh"], 20)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(url)
    assert response.content.decode().count('data-status="sent"') == 20
    assert len(twenty) == len(one)
    assert client.get(url + "&status=returned").content.decode().count('data-status="sent"') == 0
