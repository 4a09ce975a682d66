# ruff: noqa: F811 -- the fixtures imported below are requested by name
"""/api/decisions/ (and a decision from above recorded through …/record/), /api/province-decisions/ and /api/awards/:
each persona's token gets what the decision and award pages give it and nothing else; awards carry only what the
decision prints."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.decisions import create_decision, issue_decision, revoke_award, submit_decision
from awards.enums import AwardStatus, Decider, DecisionStatus, NominationStatus
from awards.models import Award, AwardDecision, Nomination
from provinces import dossiers
from provinces.decisions import create_province_decision, issue_province_decision
from provinces.enums import DossierStatus, ProvinceDecisionStatus
from provinces.models import Dossier, ProvinceDecision
from tests.awards.test_decisions_data import (  # noqa: F401
    DECIDED_ON,
    absent_member,
    commune_nominations,
    meeting,
    passed,
)
from tests.provinces.dossier_data import provincial_proposal
from tests.registrations.conftest import lan, minh, titles  # noqa: F401

pytestmark = pytest.mark.django_db

DECISIONS, AWARDS, PROVINCE = "/api/decisions/", "/api/awards/", "/api/province-decisions/"
SUBMITTED_ON = datetime.date(2022, 12, 12)
AWARD_FIELDS = {"id", "year", "position", "title", "recipient_name", "recipient_detail", "amount", "amount_text",
                "decision", "status", "status_label", "revoked_on"}


@pytest.fixture
def issued(commune, office_clerk, commune_nominations):
    """The commune chairman's decision 15/QĐ-UBND granting three awards (a person, a hamlet, a household)."""
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    submit_decision(decision=decision, issued_on=SUBMITTED_ON, by=office_clerk)
    return issue_decision(decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15, allow_overspend=True)


@pytest.fixture
def town(commune, office_clerk, passed):
    """A proposal of Vũ Văn Minh's LĐTT to the town's chairman, its Tờ trình issued: the decision comes back."""
    decision = create_decision(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                               nominations=[passed["town"]], by=office_clerk)
    return submit_decision(decision=decision, issued_on=SUBMITTED_ON, by=office_clerk)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def url(base, obj) -> str:
    return f"{base}{obj.pk}/"


# The commune's decisions ----------------------------------------------------------------------------------------------


def test_decisions_per_persona(issued, town, token_for, office_clerk, chairman, council_member, hamlet_leader,
                               second_commune_clerk, province_operator, other_province_operator):
    for user in (office_clerk, chairman, council_member):  # the decision pages' readers
        assert sorted(ids(token_for(user).get(DECISIONS))) == sorted([issued.pk, town.pk]), user
        assert token_for(user).get(url(DECISIONS, issued)).status_code == 200, user
    assert ids(token_for(second_commune_clerk).get(DECISIONS)) == []
    assert token_for(second_commune_clerk).get(url(DECISIONS, issued)).status_code == 404
    for user in (hamlet_leader, province_operator, other_province_operator):
        assert token_for(user).get(DECISIONS).status_code == 403, user
        assert token_for(user).get(url(DECISIONS, issued)).status_code == 403, user


def test_a_decision_as_its_page_shows_it(issued, token_for, council_member):
    data = token_for(council_member).get(url(DECISIONS, issued)).json()
    assert {k: data[k] for k in ("code", "decided_on", "status", "decider", "nomination_count", "dossier")} == {
        "code": "15/QĐ-UBND", "decided_on": "2022-12-15", "status": "issued", "decider": "commune",
        "nomination_count": 3, "dossier": None}
    assert data["issuer"] == "Chủ tịch UBND xã Xuân Sơn"
    assert data["submission"]["issued_on"] == "2022-12-12"
    assert len(data["nominations"]) == len(data["awards"]) == 3
    assert "Đỗ Thị Lan" in [n["recipient_name"] for n in data["nominations"]]
    assert all(set(award) == AWARD_FIELDS for award in data["awards"])
    assert data["total_amount"].endswith(" đ")


def test_decision_filters(issued, town, token_for, office_clerk):
    api = token_for(office_clerk)
    assert ids(api.get(DECISIONS + "?status=issued")) == [issued.pk]
    assert ids(api.get(DECISIONS + "?status=submitted&year=2022")) == [town.pk]
    assert ids(api.get(DECISIONS + "?year=2021")) == []


# Recording a decision from above ------------------------------------------------------------------------------------


def record(api, decision, **body):
    data = {"code": "125/QĐ-UBND", "issuer": "UBND thị xã Sơn Tây", "decided_on": "28/12/2022"} | body
    return api.post(f"{url(DECISIONS, decision)}record/", data, format="json")


@pytest.mark.parametrize("decided_on", ["28/12/2022", "2022-12-28"])
def test_recording_the_decision_received_grants_its_awards(town, token_for, office_clerk, decided_on):
    response = record(token_for(office_clerk, scopes=("decide",)), town, decided_on=decided_on)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["code"], data["decided_on"], data["issuer"]) == (
        "issued", "125/QĐ-UBND", "2022-12-28", "UBND thị xã Sơn Tây")
    (award,) = data["awards"]
    assert (award["recipient_name"], award["amount"], award["amount_text"], award["decision"]["code"]) == (
        "Vũ Văn Minh", 447000, "447.000 đ", "125/QĐ-UBND")
    award_row = Award.objects.get()
    assert award_row.history.get().history_user == office_clerk
    assert AwardDecision.history.filter(id=town.pk).latest("history_date").history_change_reason == (
        "record_external_decision")


def test_the_chairman_records_too(town, token_for, chairman):
    assert record(token_for(chairman, scopes=("decide",)), town).status_code == 200


def test_who_may_not_record(town, token_for, office_clerk, council_member, hamlet_leader, second_commune_clerk,
                            province_operator):
    assert record(token_for(office_clerk, scopes=("read",)), town).status_code == 403
    assert record(token_for(office_clerk, scopes=("read", "submit")), town).status_code == 403
    for user, status in ((council_member, 403), (hamlet_leader, 403), (second_commune_clerk, 404),
                         (province_operator, 403)):
        assert record(token_for(user, scopes=("read", "decide")), town).status_code == status, user
    assert not Award.objects.exists()


def test_refusals_are_the_pages_messages(town, token_for, office_clerk):
    api = token_for(office_clerk, scopes=("decide",))
    response = record(api, town, decided_on="28-12-2022")
    assert response.status_code == 400
    assert response.json()["errors"] == {"decided_on": ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."]}
    response = record(api, town, code="", issuer="")
    assert response.status_code == 400 and set(response.json()["errors"]) == {"code", "issuer"}
    response = record(api, town, decided_on="11/12/2022")  # before its Tờ trình
    assert response.status_code == 400 and "12/12/2022" in response.json()["errors"]["decided_on"][0]
    assert not Award.objects.exists()
    assert record(api, town).status_code == 200
    response = record(api, town)  # a second time
    assert response.status_code == 400 and "đã được ghi nhận" in response.json()["detail"]
    assert Award.objects.count() == 1


def test_a_stale_version_is_a_conflict(town, token_for, office_clerk):
    api = token_for(office_clerk, scopes=("read", "decide"))
    version = api.get(url(DECISIONS, town)).json()["lock_version"]
    AwardDecision.objects.get(pk=town.pk).save(update_fields=["status"])  # a colleague's change
    response = record(api, town, lock_version=version)
    assert response.status_code == 409
    assert not Award.objects.exists()
    assert record(api, town, lock_version=version + 1).status_code == 200


def test_a_proposal_sent_to_the_province_is_not_recorded(meeting, titles, lan, office_clerk, token_for):
    proposal, _nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan,
                                                by=office_clerk, submitted_on=SUBMITTED_ON)
    dossiers.send_dossier(proposal=proposal, by=office_clerk)
    response = record(token_for(office_clerk, scopes=("decide",)), proposal)
    assert response.status_code == 400 and "tự trả về" in response.json()["detail"]


# Awards -------------------------------------------------------------------------------------------------------------


def test_awards_per_persona(issued, token_for, office_clerk, chairman, council_member, hamlet_leader,
                            second_commune_clerk, province_operator, other_province_operator):
    award = issued.awards.order_by("position").first()
    for user in (office_clerk, chairman, council_member):
        assert len(ids(token_for(user).get(AWARDS))) == 3, user
        assert token_for(user).get(url(AWARDS, award)).status_code == 200
    assert ids(token_for(second_commune_clerk).get(AWARDS)) == []
    assert token_for(second_commune_clerk).get(url(AWARDS, award)).status_code == 404
    for user in (hamlet_leader, province_operator, other_province_operator):
        assert token_for(user).get(AWARDS).status_code == 403, user
        assert token_for(user).get(url(AWARDS, award)).status_code == 403, user


def test_an_award_carries_only_what_the_decision_prints(issued, token_for, office_clerk, passed):
    lan = passed["lan"].person
    lan.email, lan.phone = "lan@example.vn", "0912345678"
    lan.save()
    revoke_award(award=Award.objects.get(person=lan), reason="Khai man thành tích của bà Lan, SĐT 0912345678",
                 revoked_on=datetime.date(2023, 3, 1), by=office_clerk)
    response = token_for(office_clerk).get(AWARDS)
    rows = {row["recipient_name"]: row for row in response.json()["results"]}
    assert all(set(row) == AWARD_FIELDS for row in rows.values())
    assert rows["Đỗ Thị Lan"] | {"id": 0} == {
        "id": 0, "year": 2022, "position": rows["Đỗ Thị Lan"]["position"],
        "title": "Giấy khen của Chủ tịch UBND xã (cá nhân)",
        "recipient_name": "Đỗ Thị Lan", "recipient_detail": "Chi hội trưởng Phụ nữ, Thôn A",
        "amount": rows["Đỗ Thị Lan"]["amount"], "amount_text": rows["Đỗ Thị Lan"]["amount_text"],
        "decision": {"id": issued.pk, "code": "15/QĐ-UBND", "decided_on": "2022-12-15"},
        "status": "revoked", "status_label": "Đã thu hồi", "revoked_on": "2023-03-01"}
    body = response.content.decode()
    for private in ("lan@example.vn", "0912345678", "Khai man", str(lan.pk) + ","):
        assert private not in body
    assert rows["Thôn A"]["status"] == AwardStatus.ACTIVE and rows["Thôn A"]["revoked_on"] is None


def test_award_filters(issued, town, token_for, office_clerk):
    api = token_for(office_clerk)
    assert len(ids(api.get(AWARDS + f"?decision={issued.pk}&year=2022"))) == 3
    assert ids(api.get(AWARDS + f"?decision={town.pk}")) == []
    assert ids(api.get(AWARDS + "?year=2021")) == []


# The province's decisions -------------------------------------------------------------------------------------------


@pytest.fixture
def province_decision(meeting, titles, lan, office_clerk, province_operator, other_commune):
    """Hà Nội's decision on Xuân Sơn's dossier (Đỗ Thị Lan, CSTĐ cấp tỉnh) and on one of Cổ Đông's."""
    proposal, _nomination = provincial_proposal(meeting=meeting, title=titles["cstd-tinh"], person=lan,
                                                by=office_clerk, submitted_on=SUBMITTED_ON)
    ours = dossiers.send_dossier(proposal=proposal, by=office_clerk)
    dossiers.accept_dossier(dossier=ours, by=province_operator)
    theirs = AwardDecision.objects.create(commune=other_commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                          status=DecisionStatus.SUBMITTED)
    theirs.nominations.add(Nomination.objects.create(commune=other_commune, year=2022, title=titles["cstd-tinh"],
                                                     status=NominationStatus.PASSED, household="Hộ ông Đào Văn Khê"))
    Dossier.objects.create(province=other_commune.province, commune=other_commune, year=2022, proposal=theirs,
                           status=DossierStatus.ACCEPTED, receipt_number=2, received_on=SUBMITTED_ON,
                           sent_at=timezone.now(), sent_by=office_clerk)
    decision = create_province_decision(province=ours.province, year=2022, dossiers=Dossier.objects.all(),
                                        by=province_operator)
    return issue_province_decision(decision=decision, issued_on=timezone.localdate(), by=province_operator,
                                   signer_name="Trần Sỹ Thanh", allow_overspend=True)


def test_province_decisions_per_persona(province_decision, token_for, office_clerk, chairman, council_member,
                                        hamlet_leader, second_commune_clerk, province_operator,
                                        other_province_operator):
    draft = ProvinceDecision.objects.create(province=province_decision.province, year=2022)
    assert sorted(ids(token_for(province_operator).get(PROVINCE))) == sorted([province_decision.pk, draft.pk])
    for user in (province_operator, office_clerk, chairman, council_member):
        assert token_for(user).get(url(PROVINCE, province_decision)).status_code == 200, user
    for user in (office_clerk, chairman, council_member):  # the commune downloads issued decisions on its dossiers
        assert ids(token_for(user).get(PROVINCE)) == [province_decision.pk], user
        assert token_for(user).get(url(PROVINCE, draft)).status_code == 404, user
    assert ids(token_for(other_province_operator).get(PROVINCE)) == []
    assert token_for(other_province_operator).get(url(PROVINCE, province_decision)).status_code == 404
    assert token_for(hamlet_leader).get(PROVINCE).status_code == 403
    assert token_for(hamlet_leader).get(url(PROVINCE, province_decision)).status_code == 403


def test_a_commune_sees_only_its_own_part_of_the_provinces_decision(province_decision, token_for, office_clerk,
                                                                    province_operator):
    ours = token_for(office_clerk).get(url(PROVINCE, province_decision)).json()
    everything = token_for(province_operator).get(url(PROVINCE, province_decision)).json()
    assert ours["code"] == everything["code"] == province_decision.document.code
    assert [d["commune"]["name"] for d in ours["dossiers"]] == ["Xã Xuân Sơn"]
    assert sorted(d["commune"]["name"] for d in everything["dossiers"]) == ["Xã Cổ Đông", "Xã Xuân Sơn"]
    assert [a["recipient_name"] for a in ours["awards"]] == ["Đỗ Thị Lan"]
    assert len(everything["awards"]) == 2
    assert all(set(a) == AWARD_FIELDS | {"commune"} for a in everything["awards"])


def test_the_operator_also_sees_drafts_and_another_commune_none(province_decision, token_for, province_operator,
                                                                second_commune_clerk, other_commune):
    # Cổ Đông's clerk: its dossier is in the decision, so it sees it, and only its own part.
    data = token_for(second_commune_clerk).get(url(PROVINCE, province_decision)).json()
    assert [a["recipient_name"] for a in data["awards"]] == ["Hộ ông Đào Văn Khê"]
    assert ids(token_for(province_operator).get(PROVINCE + "?year=2021")) == []


# Constant queries ---------------------------------------------------------------------------------------------------


def _count(api, path, rows):
    api.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert len(ids(api.get(path))) == rows
    return len(queries)


def test_the_lists_run_a_constant_number_of_queries(issued, commune, office_clerk, token_for, province_operator,
                                                    titles):
    api = token_for(office_clerk)
    before = {path: _count(api, path, rows) for path, rows in ((DECISIONS, 1), (AWARDS, 3))}
    for number in range(9):
        nomination = Nomination.objects.create(commune=commune, year=2022, title=titles["giay-khen-ho"],
                                               status=NominationStatus.PASSED, household=f"Hộ {number}")
        decision = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                                status=DecisionStatus.ISSUED, external_code=f"{number}/QĐ-UBND",
                                                external_issuer="UBND thị xã", external_date=DECIDED_ON)
        decision.nominations.add(nomination)
        Award.objects.create(decision=decision, nomination=nomination, commune=commune, year=2022,
                             title=nomination.title, recipient_name=f"Hộ {number}", amount=100000, position=1)
    after = {path: _count(api, path, rows) for path, rows in ((DECISIONS, 10), (AWARDS, 12))}
    assert after == before


def test_the_province_decisions_list_runs_a_constant_number_of_queries(province_decision, token_for,
                                                                       province_operator, office_clerk, commune):
    operator, clerk = token_for(province_operator), token_for(office_clerk)
    before = (_count(operator, PROVINCE, 1), _count(clerk, PROVINCE, 1))
    for number in range(5):
        decision = ProvinceDecision.objects.create(province=commune.province, year=2022,
                                                   status=ProvinceDecisionStatus.ISSUED)
        proposal = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                                                status=DecisionStatus.ISSUED)
        Dossier.objects.create(province=commune.province, commune=commune, year=2022, proposal=proposal,
                               status=DossierStatus.DECIDED, receipt_number=100 + number, received_on=SUBMITTED_ON,
                               sent_at=timezone.now(), sent_by=office_clerk, decision=decision)
    assert (_count(operator, PROVINCE, 6), _count(clerk, PROVINCE, 6)) == before
