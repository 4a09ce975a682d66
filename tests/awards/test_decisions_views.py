# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""The decision pages: access for every persona, the clerk's flow on the phone, errors next to the fields, downloads
that give the same bytes, and a constant number of queries on the list pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.decisions import create_decision, issue_decision, revoke_award, submit_decision
from awards.enums import AwardStatus, Decider, DecisionStatus
from awards.models import Award, AwardDecision, CouncilMeeting
from tests import factories as f
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    disclose,
    meeting,
    nominate,
    passed,
)
from tests.downloads import body

pytestmark = pytest.mark.django_db

READERS = {"office_clerk": 200, "chairman": 200, "council_member": 200, "hamlet_leader": 403,
           "other_hamlet_leader": 403, "outsider": 403}
MANAGERS = {**READERS, "council_member": 403}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


@pytest.fixture
def draft(commune, office_clerk, commune_nominations):
    return create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                           nominations=commune_nominations, by=office_clerk)


@pytest.fixture
def submitted(draft, office_clerk):
    return submit_decision(decision=draft, issued_on=datetime.date(2022, 12, 12), by=office_clerk)


@pytest.fixture
def issued(submitted, office_clerk):
    return issue_decision(allow_overspend=True, decision=submitted, issued_on=DECIDED_ON, by=office_clerk, number=15)


@pytest.fixture
def town_draft(commune, office_clerk, passed):
    return create_decision(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                           nominations=[passed["town"]], by=office_clerk)


@pytest.fixture
def foreign(other_commune):
    """A decision, an award and a meeting of another commune: 404 for every persona of Xuân Sơn."""
    chair = f.PersonFactory(commune=other_commune, full_name="Ngô Văn Khác")
    meeting = CouncilMeeting.objects.create(commune=other_commune, year=2022, held_on=datetime.date(2022, 12, 1),
                                            chair=chair)
    decision = AwardDecision.objects.create(commune=other_commune, year=2022, status=DecisionStatus.ISSUED,
                                            external_code="1/QĐ-UBND", decider=Decider.DISTRICT_CHAIRMAN)
    return {"decision": decision, "meeting": meeting}


def _status(client, user, url, method="get"):
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url).status_code


# Access -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona, expected", READERS.items())
@pytest.mark.parametrize("name", ["decision_list", "award_list"])
def test_year_pages(client, request, issued, persona, expected, name):
    assert _status(client, request.getfixturevalue(persona), reverse(f"awards:{name}") + "?year=2022") == expected


@pytest.mark.parametrize("persona, expected", READERS.items())
@pytest.mark.parametrize("name", ["decision_detail", "decision_pdf", "decision_submission_pdf",
                                  "decision_certificates"])
def test_decision_read_pages(client, request, issued, office_clerk, persona, expected, name):
    assert _status(client, request.getfixturevalue(persona), reverse(f"awards:{name}", args=[issued.pk])) == expected


@pytest.mark.parametrize("persona, expected", READERS.items())
@pytest.mark.parametrize("name", ["award_history"])
def test_award_read_pages(client, request, issued, persona, expected, name):
    award = issued.awards.first()
    assert _status(client, request.getfixturevalue(persona), reverse(f"awards:{name}", args=[award.pk])) == expected


@pytest.mark.parametrize("persona, expected", MANAGERS.items())
def test_manage_pages(client, request, draft, town_draft, persona, expected):
    user = request.getfixturevalue(persona)
    urls = [reverse("awards:decision_create") + "?year=2022",
            reverse("awards:decision_submit", args=[draft.pk]),
            reverse("awards:decision_issue", args=[draft.pk]),
            reverse("awards:decision_withdraw", args=[draft.pk, draft.nominations.first().pk]),
            reverse("awards:decision_record", args=[town_draft.pk])]
    for url in urls:
        assert _status(client, user, url) == expected, url


@pytest.mark.parametrize("persona, expected", MANAGERS.items())
def test_revoke_page(client, request, issued, persona, expected):
    url = reverse("awards:award_revoke", args=[issued.awards.first().pk])
    assert _status(client, request.getfixturevalue(persona), url) == expected


@pytest.mark.parametrize("persona, expected", MANAGERS.items())
def test_minutes_issue_page(client, request, meeting, persona, expected):
    url = reverse("awards:meeting_minutes_issue", args=[meeting.pk])
    assert _status(client, request.getfixturevalue(persona), url) == expected


@pytest.mark.parametrize("persona", ["office_clerk", "chairman", "council_member", "hamlet_leader",
                                     "other_hamlet_leader"])
def test_another_communes_objects_are_not_found(client, request, foreign, persona):
    client.force_login(request.getfixturevalue(persona))
    decision, meeting = foreign["decision"], foreign["meeting"]
    for name in ["decision_detail", "decision_submit", "decision_issue", "decision_record", "decision_pdf",
                 "decision_submission_pdf", "decision_certificates"]:
        assert client.get(reverse(f"awards:{name}", args=[decision.pk])).status_code == 404, name
    for name in ["meeting_minutes_issue", "meeting_minutes_pdf"]:
        assert client.get(reverse(f"awards:{name}", args=[meeting.pk])).status_code == 404, name
    assert client.post(reverse("awards:decision_withdraw", args=[decision.pk, 1]),
                       {"reason": "x"}).status_code == 404


def test_another_communes_award_is_not_found(client, chairman, other_commune, foreign, titles):
    award = Award.objects.create(decision=foreign["decision"], commune=other_commune, year=2022,
                                 title=titles["ldtt"], recipient_name="Ngô Văn Khác",
                                 nomination=nominate(commune=other_commune, title=titles["ldtt"]))
    client.force_login(chairman)
    for name in ["award_history", "award_revoke"]:
        assert client.get(reverse(f"awards:{name}", args=[award.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("awards:decision_list"))
    assert response.status_code == 302 and "login" in response["Location"]


# The clerk's flow ---------------------------------------------------------------------------------------------------


def test_new_decision_then_issue_then_download(client, office_clerk, commune_nominations, passed):
    client.force_login(office_clerk)
    page = client.get(reverse("awards:decision_list") + "?year=2022").content.decode()
    assert "Quyết định mới" in page
    form = client.get(reverse("awards:decision_create") + "?year=2022").content.decode()
    assert "Chủ tịch UBND xã" in form and "Vũ Văn Minh – Lao động tiên tiến" in form
    # Every nomination is ticked; only those of the chosen decider go on the list.
    response = client.post(reverse("awards:decision_create") + "?year=2022", {
        "decider": Decider.COMMUNE_CHAIRMAN,
        "nominations": [n.pk for n in commune_nominations] + [passed["town"].pk]})
    decision = AwardDecision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:decision_detail",
                                                                            args=[decision.pk])
    assert set(decision.nominations.all()) == set(commune_nominations)
    detail = client.get(response["Location"]).content.decode()
    # The decision follows its submission (Tờ trình): only the submission can be issued from a draft.
    assert "Ban hành tờ trình" in detail and "Ban hành quyết định" not in detail
    response = client.post(reverse("awards:decision_submit", args=[decision.pk]), {"issued_on": "12/12/2022"})
    assert response.status_code == 302
    assert "Ban hành quyết định" in client.get(response["Location"]).content.decode()

    response = client.post(reverse("awards:decision_issue", args=[decision.pk]),
                           {"issued_on": "15/12/2022", "confirm_overspend": "on"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.document.code == "01/QĐ-UBND"
    assert decision.awards.count() == 3
    first = client.get(reverse("awards:decision_pdf", args=[decision.pk]))
    assert first["Content-Type"] == "application/pdf"
    assert "attachment" in first["Content-Disposition"]
    data = body(first)
    assert data.startswith(b"%PDF")
    assert body(client.get(reverse("awards:decision_pdf", args=[decision.pk]))) == data
    certificates = client.get(reverse("awards:decision_certificates", args=[decision.pk]))
    assert body(certificates) == body(client.get(reverse("awards:decision_certificates", args=[decision.pk])))


def test_new_decision_without_nominations_of_the_decider(client, office_clerk, commune_nominations, passed):
    client.force_login(office_clerk)
    response = client.post(reverse("awards:decision_create") + "?year=2022", {
        "decider": Decider.DISTRICT_CHAIRMAN, "nominations": [commune_nominations[0].pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["nominations"] == ["Chọn ít nhất một đề nghị thuộc thẩm quyền đã chọn."]
    assert "Chọn ít nhất một đề nghị thuộc thẩm quyền đã chọn." in response.content.decode()
    assert not AwardDecision.objects.exists()


def test_issue_with_a_bad_date_or_a_taken_number(client, office_clerk, submitted, plan):
    draft = submitted
    f.DocumentFactory(series=plan.document.series, doc_type="QĐ", number=15, issued_on=datetime.date(2022, 3, 1))
    client.force_login(office_clerk)
    url = reverse("awards:decision_issue", args=[draft.pk])
    response = client.post(url, {"issued_on": "31/02/2022"})
    assert response.context["form"].errors["issued_on"] == [
        "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."]
    response = client.post(url, {"issued_on": "15/12/2022", "number": "15"})
    assert response.context["form"].errors["number"] == [
        "Số 15/QĐ-UBND năm 2022 đã được dùng; để trống số để lấy số tiếp theo."]
    # Before the submission: the error is next to the date field.
    response = client.post(url, {"issued_on": "11/12/2022"})
    assert response.context["form"].errors["issued_on"] == [
        "Quyết định không thể ghi ngày trước tờ trình 01/TTr-HĐTĐKT ngày 12/12/2022."]
    assert not Award.objects.exists()
    assert AwardDecision.objects.get(pk=draft.pk).status == DecisionStatus.SUBMITTED


def test_issuing_a_draft_says_the_submission_comes_first(client, office_clerk, draft):
    client.force_login(office_clerk)
    response = client.post(reverse("awards:decision_issue", args=[draft.pk]), {"issued_on": "15/12/2022"})
    assert response.status_code == 200
    assert "Cần ban hành tờ trình của quyết định này trước." in response.content.decode()
    assert not Award.objects.exists()


def test_issue_blocked_by_a_complaint_shows_why(client, office_clerk, submitted, passed):
    draft = submitted
    passed["thon_a"].complaint_open = True
    passed["thon_a"].save()
    client.force_login(office_clerk)
    detail = client.get(reverse("awards:decision_detail", args=[draft.pk])).content.decode()
    assert "khiếu nại" in detail
    response = client.post(reverse("awards:decision_issue", args=[draft.pk]), {"issued_on": "15/12/2022"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa thể ban hành quyết định:" in page and "Thôn A (Giấy khen của Chủ tịch UBND xã (tập thể))" in page
    assert not Award.objects.exists()


def test_submit_then_download_the_submission(client, chairman, draft):
    client.force_login(chairman)
    response = client.post(reverse("awards:decision_submit", args=[draft.pk]), {"issued_on": "12/12/2022"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.submission.code == "01/TTr-HĐTĐKT"
    pdf = client.get(reverse("awards:decision_submission_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and body(pdf).startswith(b"%PDF")


def test_record_external_decision_page(client, office_clerk, town_draft):
    client.force_login(office_clerk)
    url = reverse("awards:decision_record", args=[town_draft.pk])
    response = client.post(url, {"code": "", "issuer": "UBND thị xã Sơn Tây", "decided_on": "28/12/2022"})
    assert "code" in response.context["form"].errors
    response = client.post(url, {"code": "125/QĐ-UBND", "issuer": "UBND thị xã Sơn Tây",
                                 "decided_on": "28/12/2022"})
    assert response.status_code == 302
    assert town_draft.awards.get().recipient_name == "Vũ Văn Minh"


def test_revoke_page_needs_a_reason_then_shows_the_history(client, chairman, issued):
    award = issued.awards.get(position=1)
    client.force_login(chairman)
    url = reverse("awards:award_revoke", args=[award.pk])
    response = client.post(url, {"reason": "", "revoked_on": "05/01/2023"})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert Award.objects.get(pk=award.pk).status == AwardStatus.ACTIVE
    response = client.post(url, {"reason": "Kê khai gian dối", "revoked_on": "05/01/2023"})
    assert response.status_code == 302
    history = client.get(reverse("awards:award_history", args=[award.pk])).content.decode()
    assert "Đã thu hồi" in history or "Thu hồi" in history
    assert "Kê khai gian dối" in history and "Hoàng Văn Vân" in history
    listing = client.get(reverse("awards:award_list") + "?year=2022").content.decode()
    assert "Kê khai gian dối" in listing


def test_minutes_issue_and_download(client, office_clerk, meeting, passed):
    client.force_login(office_clerk)
    url = reverse("awards:meeting_minutes_issue", args=[meeting.pk])
    assert client.get(reverse("awards:meeting_minutes_pdf", args=[meeting.pk])).status_code == 404
    response = client.post(url, {"issued_on": "09/12/2022"})
    assert "issued_on" in response.context["form"].errors
    response = client.post(url, {"issued_on": "10/12/2022"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes.code == "01/BB-HĐTĐKT"
    first = body(client.get(reverse("awards:meeting_minutes_pdf", args=[meeting.pk])))
    assert first.startswith(b"%PDF")
    assert body(client.get(reverse("awards:meeting_minutes_pdf", args=[meeting.pk]))) == first


def test_minutes_page_says_why_they_cannot_be_issued_yet(client, office_clerk, meeting, passed):
    meeting.ends_at = None
    meeting.save()
    ballot = meeting.ballots.get(nomination=passed["lan"])
    ballot.status = "closed"
    ballot.save()
    client.force_login(office_clerk)
    response = client.post(reverse("awards:meeting_minutes_issue", args=[meeting.pk]), {"issued_on": "10/12/2022"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa thể ban hành biên bản:" in page
    assert "Nhập giờ kết thúc cuộc họp trước khi ban hành biên bản." in page
    assert "đã kiểm phiếu nhưng chưa công bố kết quả" in page
    meeting.refresh_from_db()
    assert meeting.minutes is None


def test_council_member_reads_but_cannot_act(client, council_member, submitted, passed):
    draft = submitted
    passed["thon_a"].complaint_open = True
    passed["thon_a"].save()
    client.force_login(council_member)
    page = client.get(reverse("awards:decision_detail", args=[draft.pk])).content.decode()
    assert "Ban hành quyết định" not in page
    assert "Rút khỏi quyết định" not in page
    url = reverse("awards:decision_withdraw", args=[draft.pk, passed["thon_a"].pk])
    assert client.post(url, {"reason": "Có khiếu nại"}).status_code == 403
    assert draft.nominations.count() == 3
    assert client.post(reverse("awards:decision_issue", args=[draft.pk]),
                       {"issued_on": "15/12/2022"}).status_code == 403
    assert not Award.objects.exists()


# Queries ------------------------------------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(commune, office_clerk, titles, n, start=0):
    for i in range(start, start + n):
        nomination = nominate(commune=commune, title=titles["giay-khen-tap-the"],
                              unit=f.UnitFactory(commune=commune, name=f"Tổ {i}"))
        disclose([nomination], by=office_clerk)
        decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                                   nominations=[nomination], by=office_clerk)
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    revoke_award(award=Award.objects.active().order_by("-pk").first(), reason="Gian dối", revoked_on=DECIDED_ON,
                 by=office_clerk)


@pytest.mark.parametrize("name", ["decision_list", "award_list"])
def test_list_pages_run_a_constant_number_of_queries(client, office_clerk, commune, titles, name,
                                                     django_assert_num_queries):
    client.force_login(office_clerk)
    url = reverse(f"awards:{name}") + "?year=2022"
    _grow(commune, office_clerk, titles, 1)
    one = _count(client, url)
    _grow(commune, office_clerk, titles, 5, start=1)
    with django_assert_num_queries(one):
        client.get(url)
