"""The office's pages: posting a list (with the right nominations ticked), handling feedback, withdrawing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationStatus
from demo.disclosure import seed_demo_disclosure
from disclosure import services
from disclosure.models import Disclosure, Feedback
from tests import factories as f
from tests.conftest import login

from .conftest import decide, nominate, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidates(titles, lan, minh, thon_a, cstdcs, gdvh):
    """What may be posted (passed CSTĐCS, draft GĐVH) and what may not (draft CSTĐCS, failed, decided, 2021)."""
    person = f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Cao Văn Hùng")
    decided = nominate(titles["ldtt"], person=lan)
    decide([decided])
    return {
        "ok": [cstdcs, gdvh],
        "not": [
            nominate(titles["cstdcs"], person=person, status=NominationStatus.DRAFT),
            nominate(titles["ldtt"], person=person, status=NominationStatus.FAILED),
            nominate(titles["ldtt"], person=minh, status=NominationStatus.IN_BALLOT),
            decided,
            nominate(titles["ldtt"], person=person, year=2021),
        ],
    }


def test_the_form_offers_passed_nominations_and_drafts_without_a_ballot(client, office_clerk, candidates):
    login(client, office_clerk)
    response = client.get(reverse("disclosure:create") + "?year=2022")
    form = response.context["form"]
    assert list(form.fields["nominations"].queryset) == candidates["ok"]
    assert form.initial["nominations"] == [n.pk for n in candidates["ok"]]
    assert form.initial["starts_on"] == timezone.localdate()
    assert form.fields["days"].initial == 10


def test_nominations_already_posted_are_offered_but_not_ticked(client, office_clerk, cstdcs, gdvh):
    post([cstdcs], by=office_clerk)
    login(client, office_clerk)
    form = client.get(reverse("disclosure:create") + "?year=2022").context["form"]
    assert form.initial["nominations"] == [gdvh.pk]


def test_post_a_list(client, chairman, candidates, settings):
    settings.DISCLOSURE_DAYS = 7
    login(client, chairman)
    cstdcs, gdvh = candidates["ok"]
    response = client.post(reverse("disclosure:create") + "?year=2022", {
        "heading": "", "starts_on": "16/11/2022", "days": "10", "nominations": [cstdcs.pk, gdvh.pk]})
    disclosure = Disclosure.objects.get()
    assert response.status_code == 302 and response.url == reverse("disclosure:detail", args=[disclosure.pk])
    assert (disclosure.heading, disclosure.starts_on, disclosure.ends_on, disclosure.posted_by) == (
        "Công khai danh sách đề nghị khen thưởng năm 2022", datetime.date(2022, 11, 16),
        datetime.date(2022, 11, 25), chairman)
    assert set(disclosure.nominations.all()) == {cstdcs, gdvh}
    detail = client.get(response.url).content.decode()
    assert "từ 16/11/2022 đến 25/11/2022" in detail and "26/11/2022" in detail
    # The default length comes from the setting.
    assert Disclosure._meta.get_field("days").get_default() == 7


def test_bad_input_is_shown_next_to_the_fields_and_saves_nothing(client, office_clerk, candidates):
    login(client, office_clerk)
    url = reverse("disclosure:create") + "?year=2022"
    response = client.post(url, {"heading": "", "starts_on": "2022-11-16", "days": "0", "nominations": []})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "starts_on": ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 04/01/2022."],
        "days": ["Danh sách phải được niêm yết công khai ít nhất 10 ngày (thời gian công khai theo quy định)."],
        "nominations": ["Hãy chọn các đề nghị khen thưởng cần công khai."],
    }
    draft_cstdcs = candidates["not"][0]
    response = client.post(url, {"starts_on": "16/11/2022", "days": "10", "nominations": [draft_cstdcs.pk]})
    assert "nominations" in response.context["form"].errors
    assert Disclosure.objects.count() == 0


def test_the_form_refuses_a_posting_shorter_than_the_required_days(client, office_clerk, candidates, settings):
    login(client, office_clerk)
    url = reverse("disclosure:create") + "?year=2022"
    cstdcs, gdvh = candidates["ok"]
    data = {"heading": "", "starts_on": "16/11/2022", "days": "1", "nominations": [cstdcs.pk, gdvh.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "days": ["Danh sách phải được niêm yết công khai ít nhất 10 ngày (thời gian công khai theo quy định)."]}
    assert 'min="10"' in response.content.decode() and "Ít nhất 10 ngày." in response.content.decode()
    assert Disclosure.objects.count() == 0
    settings.DISCLOSURE_DAYS = 1  # the period is a setting, read when the form is built
    assert client.post(url, data).status_code == 302


def test_the_service_refuses_what_may_not_be_posted(office_clerk, hamlet_leader, commune, candidates):
    from django.core.exceptions import PermissionDenied, ValidationError

    for nomination in candidates["not"]:
        with pytest.raises(ValidationError):
            services.post_disclosure(commune=commune, year=2022, starts_on=timezone.localdate(), days=10,
                                     nominations=[nomination], by=office_clerk)
    with pytest.raises(PermissionDenied):
        services.post_disclosure(commune=commune, year=2022, starts_on=timezone.localdate(), days=10,
                                 nominations=candidates["ok"], by=hamlet_leader)
    assert Disclosure.objects.count() == 0


def test_handle_feedback_as_a_complaint(client, office_clerk, disclosure, cstdcs):
    feedback = services.submit_feedback(disclosure=disclosure, name="Nguyễn Văn Tư", contact="0912345678",
                                        content="Ông Minh chưa có sáng kiến.")
    login(client, office_clerk)
    url = reverse("disclosure:feedback_handle", args=[feedback.pk])
    assert client.get(url).context["form"].initial["status"] == "handling"

    response = client.post(url, {"status": "resolved", "response": "", "is_complaint": "on", "nomination": ""})
    assert response.context["form"].errors == {
        "response": ["Hãy ghi nội dung trả lời hoặc kết quả xử lý."],
        "nomination": ["Hãy chọn đề nghị khen thưởng bị khiếu nại."],
    }
    feedback.refresh_from_db()
    assert (feedback.status, feedback.is_complaint, feedback.events.count()) == ("new", False, 1)

    response = client.post(url, {"status": "handling", "response": "", "is_complaint": "on",
                                 "nomination": cstdcs.pk})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.is_complaint, feedback.nomination, feedback.handled_by) == (
        "handling", True, cstdcs, office_clerk)
    assert cstdcs.pk in services.decision_problems([cstdcs], decided_on=disclosure.decision_from)
    detail = client.get(reverse("disclosure:detail", args=[disclosure.pk])).content.decode()
    assert "Khiếu nại" in detail and "0912345678" in detail

    client.post(url, {"status": "resolved", "response": "Đã xác minh, sáng kiến được công nhận.",
                      "is_complaint": "on", "nomination": cstdcs.pk})
    assert services.decision_problems([cstdcs], decided_on=disclosure.decision_from) == {}
    history = client.get(url).content.decode()
    assert "Nhận từ trang công khai" in history and "Đã xác minh, sáng kiến được công nhận." in history
    assert [e.status for e in Feedback.objects.get().events.all()] == ["new", "handling", "resolved"]


def test_withdraw_takes_the_list_off_the_public_page(client, office_clerk, disclosure):
    login(client, office_clerk)
    client.post(reverse("disclosure:withdraw", args=[disclosure.pk]))
    html = client.get(reverse("disclosure:public_index", args=["xuan-son"])).content.decode()
    assert "Vũ Văn Minh" not in html
    assert client.get(reverse("disclosure:public_feedback", args=["xuan-son", disclosure.pk])).status_code == 404


def test_the_list_of_a_year_takes_constant_queries(client, django_assert_num_queries, office_clerk, titles,
                                                   thon_a):
    login(client, office_clerk)
    url = reverse("disclosure:list") + "?year=2022"

    def another_list(i):
        people = [f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name=f"Người {i}-{k}") for k in range(3)]
        disclosure = post([nominate(titles["ldtt"], person=p) for p in people], by=office_clerk)
        services.submit_feedback(disclosure=disclosure, name="A", contact="0912345678", content="B")

    another_list(0)
    client.get(url)
    with django_assert_num_queries(len(_queries(client, url))) as one:
        client.get(url)
    for i in range(1, 6):
        another_list(i)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('id="disclosure-') == 6


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return context.captured_queries


def test_the_detail_takes_constant_queries(client, django_assert_num_queries, office_clerk, titles, thon_a,
                                           disclosure, cstdcs):
    login(client, office_clerk)
    url = reverse("disclosure:detail", args=[disclosure.pk])
    services.submit_feedback(disclosure=disclosure, name="A", contact="0912345678", content="B", nomination=cstdcs)
    count = len(_queries(client, url))
    people = [f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name=f"Người {k}") for k in range(5)]
    disclosure.nominations.add(*[nominate(titles["ldtt"], person=p) for p in people])
    for k in range(5):
        services.submit_feedback(disclosure=disclosure, name=f"A{k}", contact="0912345678", content="B",
                                 nomination=cstdcs)
    with django_assert_num_queries(count):
        client.get(url)


def test_demo_disclosure_is_idempotent(office_clerk, commune, cstdcs, gdvh):
    first = seed_demo_disclosure(commune)
    assert first is not None and first.starts_on == datetime.date(2022, 11, 16)
    assert set(first.nominations.all()) == {cstdcs, gdvh} and first.feedback.count() == 1
    assert seed_demo_disclosure(commune) == first
    assert Disclosure.objects.count() == 1 and Feedback.objects.count() == 1


def test_demo_disclosure_does_nothing_without_nominations(office_clerk, commune):
    assert seed_demo_disclosure(commune) is None
    assert Disclosure.objects.count() == 0
