# ruff: noqa: F811 -- the fixtures imported below are requested by name
"""/api/dossiers/ and the signed file links: each persona's token gets what the dossier pages give it (the commune's
office and chairman their commune's dossiers, the province's operator its inbox) and nothing else; sending through
the API is sending from the page (same rules, same refusals, same dossier in the province's inbox)."""

import datetime

import lxml.html
import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api import files
from api.keys import new_key
from api.models import ApiClient, key_hash
from awards.enums import Decider, DecisionStatus, NominationStatus
from awards.models import AwardDecision, DossierItem, Nomination
from notifications.models import Notification, OutboundEmail
from provinces import dossiers
from provinces.enums import DossierStatus
from provinces.models import Dossier
from tests.api.conftest import api_client
from tests.awards.test_decisions_data import absent_member, meeting  # noqa: F401
from tests.provinces.dossier_data import REPORT, provide_report, provincial_proposal
from tests.registrations.conftest import lan, minh, titles  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/api/dossiers/"
SUBMITTED_ON = datetime.date(2022, 12, 12)
PDF = b"%PDF-1.4\n"


def detail(dossier) -> str:
    return f"{URL}{dossier.pk}/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "dossiers/2022").mkdir(parents=True)
    (tmp_path / "dossiers/2022/bao-cao.pdf").write_bytes(PDF)
    return tmp_path


@pytest.fixture
def proposal(meeting, titles, lan, office_clerk, province_operator, media):
    """Xuân Sơn's proposal of Đỗ Thị Lan for CSTĐ cấp tỉnh, complete (her report a file) and ready to send."""
    proposal, nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan,
                                               by=office_clerk, submitted_on=SUBMITTED_ON)
    provide_report(nomination)
    return proposal


@pytest.fixture
def second_proposal(meeting, titles, minh, office_clerk):
    """Its twin: Vũ Văn Minh's proposal for the same title, from the same meeting (its minutes issued already)."""
    meeting.refresh_from_db()
    proposal, nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=minh,
                                               by=office_clerk, submitted_on=SUBMITTED_ON)
    provide_report(nomination)
    return proposal


@pytest.fixture
def sent(proposal, office_clerk):
    return dossiers.send_dossier(proposal=proposal, by=office_clerk)


def receipts(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["receipt_code"] for row in response.json()["results"]]


# Reading --------------------------------------------------------------------------------------------------------------


def test_the_list_per_persona(sent, token_for, office_clerk, chairman, council_member, hamlet_leader,
                              second_commune_clerk, province_operator, other_province_operator):
    for user in (office_clerk, chairman, province_operator):
        assert receipts(token_for(user).get(URL)) == ["001/2022"], user
    for user in (second_commune_clerk, other_province_operator):  # their own (empty) list
        assert receipts(token_for(user).get(URL)) == [], user
    for user in (council_member, hamlet_leader):  # the commune's dossier pages are the office's and chairman's
        assert token_for(user).get(URL).status_code == 403, user


def test_an_account_of_no_commune_nor_province_gets_403(sent, outsider):
    key, prefix = new_key()  # a token whose account has since left its commune (no person, no operator)
    ApiClient.objects.create(name="x", user=outsider, key_prefix=prefix, key_hash=key_hash(key),
                             province=sent.province)
    assert api_client(key).get(URL).status_code == 403
    assert api_client(key).get(detail(sent)).status_code == 403


def test_the_detail_per_persona(sent, token_for, office_clerk, chairman, council_member, hamlet_leader,
                                second_commune_clerk, province_operator, other_province_operator):
    expected = {office_clerk: 200, chairman: 200, province_operator: 200, council_member: 403, hamlet_leader: 403,
                second_commune_clerk: 404, other_province_operator: 404}
    for user, status in expected.items():
        assert token_for(user).get(detail(sent)).status_code == status, user


def test_the_list_rows_are_the_inbox_columns(sent, token_for, province_operator):
    row = token_for(province_operator).get(URL).json()["results"][0]
    assert {key: row[key] for key in ("receipt_code", "year", "status", "status_label", "received_on", "commune",
                                      "nominee_count", "titles")} == {
        "receipt_code": "001/2022", "year": 2022, "status": "sent", "status_label": "Đã gửi, chờ tiếp nhận",
        "received_on": sent.received_on.isoformat(), "commune": {"id": sent.commune_id, "name": "Xã Xuân Sơn"},
        "nominee_count": 1, "titles": [{"title": "Chiến sĩ thi đua cấp tỉnh", "count": 1}]}


def test_filters_year_and_status(sent, token_for, province_operator, office_clerk):
    operator = token_for(province_operator)
    assert receipts(operator.get(URL + "?year=2022&status=sent")) == ["001/2022"]
    assert receipts(operator.get(URL + "?status=returned")) == []
    assert receipts(operator.get(URL + "?year=2021")) == []
    assert receipts(token_for(office_clerk).get(URL + "?year=2021")) == []


def test_the_detail_shows_the_page_components(sent, token_for, office_clerk, province_operator):
    for user in (office_clerk, province_operator):
        data = token_for(user).get(detail(sent)).json()
        assert data["submission"]["code"] == sent.proposal.submission.code
        assert [m["held_on"] for m in data["minutes"]] == ["2022-12-10"]
        assert data["missing"] == []
        (nominee,) = data["nominees"]
        assert (nominee["recipient_name"], nominee["title"]) == ("Đỗ Thị Lan", "Chiến sĩ thi đua cấp tỉnh")
        items = {item["requirement_code"]: item for item in nominee["items"]}
        assert items[REPORT]["provided"] is True and items[REPORT]["file_url"].startswith("http://testserver/api/files/")
        assert all(item["file_url"] is None for code, item in items.items() if code != REPORT)
        assert [(e["kind"], e["by"]) for e in data["events"]] == [("sent", "Nguyễn Thị Hương")]


def test_a_returned_dossier_shows_the_comment_and_the_items_asked_for(sent, token_for, office_clerk,
                                                                       province_operator):
    item = DossierItem.objects.get(nomination__decisions=sent.proposal, requirement__code=REPORT)
    dossiers.return_dossier(dossier=sent, comment="Bổ sung xác nhận", items=[item], by=province_operator)
    data = token_for(office_clerk).get(detail(sent)).json()
    assert (data["status"], data["comment"]) == ("returned", "Bổ sung xác nhận")
    returned = data["events"][-1]
    assert (returned["kind"], returned["by"], returned["comment"]) == ("returned", "Đinh Thị Thu", "Bổ sung xác nhận")
    assert returned["flagged_items"] == [{"recipient_name": "Đỗ Thị Lan", "requirement": item.requirement.name}]
    assert data["missing"] and "Đỗ Thị Lan" in data["missing"][0]


def test_the_list_runs_a_constant_number_of_queries(proposal, token_for, office_clerk, province_operator, titles,
                                                   commune):
    def bare(number):
        decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                                status=DecisionStatus.SUBMITTED)
        for household in range(2):
            decision.nominations.add(Nomination.objects.create(
                commune=commune, year=2022, title=titles["cstd-tinh" if household else "ldtt"],
                status=NominationStatus.PASSED, household=f"Hộ {number}.{household}"))
        Dossier.objects.create(province=commune.province, commune=commune, year=2022, proposal=decision,
                               receipt_number=number, received_on=SUBMITTED_ON,
                               sent_at=datetime.datetime.now(datetime.UTC), sent_by=office_clerk)

    clients = {"commune": token_for(office_clerk), "operator": token_for(province_operator)}
    bare(1)
    counts = {}
    for side, api in clients.items():
        api.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert len(receipts(api.get(URL))) == 1
        counts[side] = len(queries)
    for number in range(2, 11):
        bare(number)
    for side, api in clients.items():
        with CaptureQueriesContext(connection) as queries:
            assert len(receipts(api.get(URL))) == 10
        assert len(queries) == counts[side], side


# Signed file links ----------------------------------------------------------------------------------------------------


def file_url_of(response) -> str:
    (nominee,) = response.json()["nominees"]
    return next(item["file_url"] for item in nominee["items"] if item["file_url"])


def test_the_signed_link_opens_the_file_without_a_token(sent, token_for, office_clerk, province_operator, client):
    for user in (office_clerk, province_operator):
        url = file_url_of(token_for(user).get(detail(sent)))
        response = client.get(url)  # no key, no session: the signature is the authorisation
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert "Đỗ Thị Lan" in response["Content-Disposition"] or "%C4%90%E1%BB%97" in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"


def test_a_tampered_link_is_404_and_an_expired_one_410(sent, token_for, office_clerk, client, settings):
    url = file_url_of(token_for(office_clerk).get(detail(sent)))
    token = url.rstrip("/").rsplit("/", 1)[1]
    value, timestamp, signature = token.rsplit(":", 2)
    other = DossierItem.objects.create(nomination=sent.proposal.nominations.get(),
                                       requirement=Nomination.objects.get().title.dossier_requirements.exclude(
                                           code=REPORT).first(), file="dossiers/2022/bao-cao.pdf")
    forged = signing.TimestampSigner(salt="another-salt").sign_object({"kind": "dossier-item", "pk": other.pk})
    swapped = signing.b64_encode(f'{{"kind":"dossier-item","pk":{other.pk}}}'.encode()).decode()
    for bad in (f"{value}:{timestamp}:{signature[:-2]}xx", forged, "not-a-token", f"{swapped}:{timestamp}:{signature}"):
        response = client.get(reverse("api:file", args=[bad]))
        assert response.status_code == 404, bad
        assert response.json()["detail"] == "Liên kết tải tệp không hợp lệ."
        assert client.post(reverse("api:file", args=[bad])).status_code == 404

    class OldSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(datetime.datetime.now().timestamp()) - settings.API_FILE_LINK_SECONDS - 5)

    item = DossierItem.objects.get(nomination__decisions=sent.proposal, requirement__code=REPORT)
    old = OldSigner(salt=files.SALT).sign_object({"kind": "dossier-item", "pk": item.pk})
    response = client.get(reverse("api:file", args=[old]))
    assert response.status_code == 410
    assert "hết hạn" in response.json()["detail"]
    settings.API_FILE_LINK_SECONDS = 3600  # the same link, within a longer validity, opens
    assert client.get(reverse("api:file", args=[old])).status_code == 200


def test_a_link_to_a_file_since_removed_is_404(sent, token_for, office_clerk, client):
    url = file_url_of(token_for(office_clerk).get(detail(sent)))
    DossierItem.objects.filter(nomination__decisions=sent.proposal, requirement__code=REPORT).update(file="")
    assert client.get(url).status_code == 404


def test_no_link_for_who_may_not_see_the_dossier(sent, token_for, council_member, second_commune_clerk,
                                                 other_province_operator):
    for user in (council_member, second_commune_clerk, other_province_operator):
        response = token_for(user).get(detail(sent))
        assert response.status_code in (403, 404) and b"/api/files/" not in response.content


# Sending --------------------------------------------------------------------------------------------------------------


def send(api, proposal):
    return api.post(URL, {"proposal": proposal.pk}, format="json")


def test_sending_through_the_api(proposal, token_for, office_clerk):
    response = send(token_for(office_clerk, scopes=("read", "submit")), proposal)
    assert response.status_code == 201, response.content
    data = response.json()
    dossier = Dossier.objects.get()
    assert (data["id"], data["receipt_code"], data["status"]) == (dossier.pk, "001/2022", "sent")
    assert dossier.sent_by == office_clerk and dossier.proposal == proposal


def test_the_chairman_sends_too(proposal, token_for, chairman):
    assert send(token_for(chairman, scopes=("submit",)), proposal).status_code == 201


def test_who_may_not_send(proposal, token_for, office_clerk, council_member, hamlet_leader, second_commune_clerk,
                          province_operator):
    assert send(token_for(office_clerk, scopes=("read",)), proposal).status_code == 403  # a read token
    assert send(token_for(office_clerk, scopes=("read", "decide")), proposal).status_code == 403  # not "submit"
    for user, status in ((council_member, 403), (hamlet_leader, 403), (second_commune_clerk, 404),
                         (province_operator, 403)):
        assert send(token_for(user, scopes=("read", "submit")), proposal).status_code == status, user
    assert not Dossier.objects.exists()


def test_a_refusal_is_the_pages_message(meeting, titles, lan, office_clerk, token_for):
    proposal, _nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan,
                                                by=office_clerk, submitted_on=SUBMITTED_ON, with_report=False)
    api = token_for(office_clerk, scopes=("submit",))
    response = send(api, proposal)
    assert response.status_code == 400
    assert response.json()["errors"][0] == "Chưa thể gửi hồ sơ:"
    assert "Đỗ Thị Lan" in response.json()["detail"] and "Báo cáo thành tích" in response.json()["detail"]
    assert not Dossier.objects.exists()
    assert send(api, AwardDecision(pk=proposal.pk + 1000)).status_code == 404
    assert api.post(URL, {"proposal": "x"}, format="json").status_code == 400


def test_a_second_send_is_refused_and_nothing_is_duplicated(proposal, token_for, office_clerk, province_operator):
    api = token_for(office_clerk, scopes=("submit",))
    assert send(api, proposal).status_code == 201
    notifications = Notification.objects.count()
    response = send(api, proposal)
    assert response.status_code == 400
    assert response.json()["detail"] == "Hồ sơ này đã được gửi (Đã gửi, chờ tiếp nhận)."
    assert Dossier.objects.count() == 1
    assert Dossier.objects.get().events.count() == 1
    assert Notification.objects.count() == notifications


def test_a_returned_dossier_is_sent_again_through_the_api(sent, token_for, office_clerk, province_operator):
    dossiers.return_dossier(dossier=sent, comment="Bổ sung", by=province_operator)
    response = send(token_for(office_clerk, scopes=("submit",)), sent.proposal)
    assert response.status_code == 200
    assert (response.json()["receipt_code"], response.json()["status"]) == ("001/2022", "sent")
    assert [e["kind"] for e in response.json()["events"]] == ["sent", "returned", "resent"]


# The same dossier in the province's inbox, sent from the page or through the API --------------------------------------


def _inbox_rows(client, operator):
    client.force_login(operator)
    page = client.get(reverse("provinces:dossier_inbox") + "?year=2022")
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.content.decode())
    return {row.findtext(".//td/a"): (dict(row.attrib), [cell.text_content().split() for cell in row.findall("td")])
            for row in tree.xpath('//table[@id="inbox"]/tbody/tr')}


def test_a_dossier_sent_through_the_api_is_in_the_inbox_as_one_sent_from_the_page(
        proposal, second_proposal, client, token_for, office_clerk, province_operator, no_page_cache,
        django_capture_on_commit_callbacks):
    client.force_login(office_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:dossier_send", args=[proposal.pk]))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert send(token_for(office_clerk, scopes=("submit",)), second_proposal).status_code == 201
    by_page, by_api = Dossier.objects.get(proposal=proposal), Dossier.objects.get(proposal=second_proposal)

    def facts(dossier):
        code = dossier.receipt_code
        return {
            "row": (dossier.province, dossier.commune, dossier.year, dossier.status, dossier.received_on,
                    dossier.sent_by, dossier.comment, dossier.decision),
            "events": list(dossier.events.values_list("kind", "by", "comment")),
            "history": list(Dossier.history.filter(id=dossier.pk).values_list("history_user",
                                                                               "history_change_reason")),
            "notifications": sorted((n.recipient_id, n.title.replace(code, "#"), n.body.replace(code, "#"),
                                     n.url.replace(str(dossier.pk), "#"))
                                    for n in Notification.objects.filter(title__contains=code)),
            "emails": sorted((e.to, e.subject.replace(code, "#"), e.body_text.replace(code, "#")
                              .replace(f"/{dossier.pk}/", "/#/"))
                             for e in OutboundEmail.objects.filter(subject__contains=code)),
        }

    assert (by_page.receipt_number, by_api.receipt_number) == (1, 2)  # the province's numbering runs on
    assert facts(by_page) == facts(by_api)
    assert facts(by_api)["row"][3] == DossierStatus.SENT and facts(by_api)["notifications"]
    assert facts(by_api)["events"] == [("sent", office_clerk.pk, "")]

    rows = _inbox_rows(client, province_operator)
    assert set(rows) == {"001/2022", "002/2022"}
    page_attributes, page_cells = rows["001/2022"]
    api_attributes, api_cells = rows["002/2022"]
    assert page_attributes == api_attributes == {"data-status": "sent", "data-commune": "xuan-son"}
    assert page_cells[1:] == api_cells[1:]  # arrived on, commune, nominees and titles, state
    assert [page_cells[0], api_cells[0]] == [["001/2022"], ["002/2022"]]
    listed = token_for(province_operator).get(URL).json()["results"]
    strip = {"id", "receipt_code", "receipt_number", "proposal", "sent_at"}
    assert [{k: v for k, v in row.items() if k not in strip} for row in listed] == [
        {k: v for k, v in listed[0].items() if k not in strip}] * 2
