"""The public page (no login): the lists posted now, residents' feedback with its spam limits, and the honour
board of the awards in force."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.enums import AwardStatus, DecisionStatus, NominationStatus
from disclosure import services
from disclosure.models import Feedback, FeedbackEvent
from notifications.models import Notification
from tests import factories as f

from .conftest import decide, nominate, post

pytestmark = pytest.mark.django_db

GOOD = {"name": "Nguyễn Văn Tư", "contact": "0912 345 678", "content": "Tôi nhất trí với danh sách.", "website": ""}


def feedback_url(disclosure):
    return reverse("disclosure:public_feedback", args=[disclosure.commune.slug, disclosure.pk])


def test_the_public_page_lists_who_is_proposed_without_anyones_contact(client, disclosure, cstdcs, gdvh, minh):
    minh.phone, minh.email = "0987 654 321", "minh@example.vn"
    minh.save()
    services.submit_feedback(disclosure=disclosure, name="Người góp ý", contact="0911 222 333", content="Ý kiến")
    html = client.get(reverse("disclosure:public_index", args=["xuan-son"])).content.decode()
    assert "Vũ Văn Minh" in html and "Thôn A" in html and "Chiến sĩ thi đua cơ sở" in html
    assert "Hộ ông Đỗ Văn Hải, xóm Đông" in html and "Gia đình văn hóa" in html
    start, end = disclosure.starts_on, disclosure.ends_on
    assert f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}" in html
    assert "Gửi ý kiến về danh sách này" in html
    for private in ("0987 654 321", "minh@example.vn", "0911 222 333", "Người góp ý"):
        assert private not in html


def test_what_the_public_page_shows(client, office_clerk, titles, lan, minh, thon_a):
    today = timezone.localdate()
    running = nominate(titles["ldtt"], person=lan)
    post([running], by=office_clerk, starts_on=today)
    awaiting = nominate(titles["ldtt"], person=minh)
    post([awaiting], by=office_clerk, starts_on=today - datetime.timedelta(days=30))
    decided = nominate(titles["giay-khen-tap-the"], unit=f.UnitFactory(commune=lan.commune, name="Thôn Đoài"))
    post([decided], by=office_clerk, starts_on=today - datetime.timedelta(days=30))
    decide([decided])
    failed = nominate(titles["cstdcs"], person=f.PersonFactory(commune=lan.commune, full_name="Đinh Thị Hoa"))
    post([failed], by=office_clerk, starts_on=today - datetime.timedelta(days=30))
    failed.status = NominationStatus.FAILED
    failed.save()
    withdrawn = nominate(titles["ldtt"], person=f.PersonFactory(commune=lan.commune, full_name="Lý Văn Toàn"))
    services.withdraw_disclosure(disclosure=post([withdrawn], by=office_clerk, starts_on=today), by=office_clerk)
    later = nominate(titles["ldtt"], person=f.PersonFactory(commune=lan.commune, full_name="Mai Văn Sáu"))
    post([later], by=office_clerk, starts_on=today + datetime.timedelta(days=3))

    html = client.get(reverse("disclosure:public_index", args=["xuan-son"])).content.decode()
    assert "Đỗ Thị Lan" in html
    assert "Vũ Văn Minh" in html  # ended, decision not made yet: shown without the form
    assert html.count("Gửi ý kiến về danh sách này") == 1
    assert "đang chuẩn bị quyết định khen thưởng" in html
    for gone in ("Thôn Đoài", "Đinh Thị Hoa", "Lý Văn Toàn", "Mai Văn Sáu"):
        assert gone not in html


def test_feedback_is_saved_and_the_office_is_notified(client, disclosure, cstdcs, office_clerk, chairman):
    response = client.post(feedback_url(disclosure), {**GOOD, "nomination": cstdcs.pk})
    assert response.status_code == 302
    assert response.url == reverse("disclosure:public_index", args=["xuan-son"])
    feedback = Feedback.objects.get()
    assert (feedback.name, feedback.contact, feedback.content, feedback.nomination, feedback.status) == (
        "Nguyễn Văn Tư", "0912 345 678", "Tôi nhất trí với danh sách.", cstdcs, "new")
    assert list(FeedbackEvent.objects.values_list("action", "status", "actor")) == [("received", "new", None)]
    notification = Notification.objects.get()
    assert notification.recipient == office_clerk
    assert notification.title.startswith("Ý kiến mới về danh sách công khai")
    assert notification.url == reverse("disclosure:detail", args=[disclosure.pk])
    page = client.get(response.url).content.decode()
    assert "Cảm ơn ông/bà. Ý kiến đã được gửi đến Văn phòng UBND xã." in page


def test_the_sixth_feedback_within_an_hour_is_refused(client, disclosure):
    for i in range(5):
        assert client.post(feedback_url(disclosure), {**GOOD, "content": f"Ý kiến {i}"}).status_code == 302
    response = client.post(feedback_url(disclosure), {**GOOD, "content": "Ý kiến thứ sáu"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Ông/bà đã gửi nhiều ý kiến trong một giờ qua" in html
    assert "Ý kiến thứ sáu" in html  # the text comes back, so nothing is lost
    assert Feedback.objects.count() == 5
    # Another address is not limited.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(feedback_url(disclosure), GOOD).status_code == 302
    assert Feedback.objects.count() == 6


def test_posts_arriving_while_one_is_being_saved_cannot_pass_the_limit(client, disclosure, monkeypatch):
    """Each accepted post is counted before it is saved: five more posts arriving while the first one is still
    being saved (as simultaneous requests would) find the first one counted, so only four of them pass."""
    real_submit = services.submit_feedback
    inner = []

    def submit_while_others_arrive(**kwargs):
        if not inner:
            inner.append("started")
            for i in range(5):
                inner.append(client.post(feedback_url(disclosure), {**GOOD, "content": f"Cùng lúc {i}"}).status_code)
        return real_submit(**kwargs)

    monkeypatch.setattr(services, "submit_feedback", submit_while_others_arrive)
    assert client.post(feedback_url(disclosure), GOOD).status_code == 302
    assert inner[1:] == [302, 302, 302, 302, 429]
    assert Feedback.objects.count() == 5


def test_invalid_feedback_does_not_use_up_the_limit(client, disclosure):
    for _ in range(6):
        assert client.post(feedback_url(disclosure), {**GOOD, "contact": ""}).status_code == 200
    assert client.post(feedback_url(disclosure), GOOD).status_code == 302


def test_the_honeypot_saves_nothing_and_tells_the_robot_nothing(client, disclosure):
    response = client.post(feedback_url(disclosure), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Feedback.objects.count() == 0 and Notification.objects.count() == 0


def test_errors_are_vietnamese_next_to_the_fields_and_keep_the_input(client, disclosure):
    data = {"name": "Trần Thị Cúc", "contact": "gọi tôi", "content": "x" * 2001, "website": ""}
    response = client.post(feedback_url(disclosure), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "contact": ["Vui lòng nhập số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ e-mail."],
        "content": ["Nội dung ý kiến không quá 2000 ký tự (hiện có 2001 ký tự)."],
    }
    html = response.content.decode()
    assert 'value="Trần Thị Cúc"' in html and 'value="gọi tôi"' in html and "x" * 2001 in html
    assert "Ý kiến của ông/bà chưa được gửi" in html
    assert Feedback.objects.count() == 0

    response = client.post(feedback_url(disclosure), {"name": " ", "contact": "tu@", "content": "", "website": ""})
    assert response.context["form"].errors == {
        "name": ["Vui lòng nhập họ và tên."],
        "contact": ["Địa chỉ e-mail không hợp lệ, ví dụ: ten@gmail.com."],
        "content": ["Vui lòng nhập nội dung ý kiến."],
    }
    assert client.post(feedback_url(disclosure), {**GOOD, "contact": "tu@example.vn"}).status_code == 302


def test_feedback_about_a_nomination_of_another_list_is_refused(client, disclosure, titles, lan, office_clerk):
    elsewhere = nominate(titles["ldtt"], person=lan)
    post([elsewhere], by=office_clerk)
    response = client.post(feedback_url(disclosure), {**GOOD, "nomination": elsewhere.pk})
    assert response.status_code == 200 and "nomination" in response.context["form"].errors
    assert not Feedback.objects.filter(disclosure=disclosure).exists()


def test_after_the_posting_ends_feedback_is_refused_clearly(client, office_clerk, cstdcs):
    today = timezone.localdate()
    ended = post([cstdcs], by=office_clerk, starts_on=today - datetime.timedelta(days=10), days=10)
    assert ended.ends_on == today - datetime.timedelta(days=1)
    response = client.post(feedback_url(ended), GOOD)
    html = response.content.decode()
    assert f"Thời gian công khai đã kết thúc ngày {ended.ends_on:%d/%m/%Y}; không nhận thêm ý kiến" in html
    assert "Tôi nhất trí với danh sách." in html
    assert Feedback.objects.count() == 0
    # And the service refuses too, whatever calls it.
    with pytest.raises(Exception, match="kết thúc"):
        services.submit_feedback(disclosure=ended, name="A", contact="0912345678", content="B")


def test_a_list_not_started_yet_is_not_public(client, office_clerk, cstdcs):
    later = post([cstdcs], by=office_clerk, starts_on=timezone.localdate() + datetime.timedelta(days=1))
    assert client.get(feedback_url(later)).status_code == 404


def test_feedback_needs_the_csrf_token(disclosure):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(feedback_url(disclosure), GOOD).status_code == 403
    page = browser.get(feedback_url(disclosure))
    token = page.cookies["csrftoken"].value
    assert browser.post(feedback_url(disclosure), {**GOOD, "csrfmiddlewaretoken": token}).status_code == 302
    assert Feedback.objects.count() == 1


def test_the_honour_board_shows_only_awards_in_force(client, titles, lan, minh, thon_a):
    ldtt_lan, ldtt_minh = nominate(titles["ldtt"], person=lan), nominate(titles["ldtt"], person=minh)
    tt = nominate(titles["giay-khen-tap-the"], unit=thon_a)
    _decision, (award_lan, award_minh, _award_tt) = decide([ldtt_lan, ldtt_minh, tt], code="15/QĐ-UBND",
                                                           on=datetime.date(2022, 12, 5))
    award_minh.status, award_minh.revocation_reason = AwardStatus.REVOKED, "Gian lận hồ sơ"
    award_minh.save()
    draft = nominate(titles["ldtt"], person=f.PersonFactory(commune=lan.commune, full_name="Hà Văn Nhất"))
    decide([draft], code="16/QĐ-UBND", status=DecisionStatus.DRAFT)

    html = client.get(reverse("disclosure:honour_board", args=["xuan-son", 2022])).content.decode()
    assert "Bảng vinh danh năm 2022" in html
    assert "Lao động tiên tiến" in html and "Đỗ Thị Lan" in html and "Thôn A" in html
    assert "Quyết định số 15/QĐ-UBND ngày 05/12/2022" in html
    assert "Giấy khen của Chủ tịch UBND xã (tập thể)" in html
    assert "Vũ Văn Minh" not in html and "Gian lận" not in html  # revoked
    assert "Hà Văn Nhất" not in html and "16/QĐ-UBND" not in html  # decision not issued
    assert html.index("Lao động tiên tiến") < html.index("Giấy khen của Chủ tịch UBND xã (tập thể)")
    index = client.get(reverse("disclosure:public_index", args=["xuan-son"])).content.decode()
    assert reverse("disclosure:honour_board", args=["xuan-son", 2022]) in index
    empty = client.get(reverse("disclosure:honour_board", args=["xuan-son", 2021])).content.decode()
    assert "Năm này chưa có quyết định khen thưởng." in empty


def _people(commune, unit, count, start=0):
    return [f.PersonFactory(commune=commune, unit=unit, full_name=f"Người {i}") for i in range(start, start + count)]


def test_the_public_page_takes_constant_queries(client, django_assert_num_queries, office_clerk, titles, thon_a):
    commune = thon_a.commune
    url = reverse("disclosure:public_index", args=["xuan-son"])
    post([nominate(titles["ldtt"], person=p) for p in _people(commune, thon_a, 1)], by=office_clerk)
    client.get(url)
    with django_assert_num_queries(4) as one:
        client.get(url)
    for _ in range(3):
        post([nominate(titles["ldtt"], person=p) for p in _people(commune, thon_a, 8, start=10)], by=office_clerk)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Gửi ý kiến về danh sách này") == 4


def test_the_honour_board_takes_constant_queries(client, django_assert_num_queries, titles, thon_a):
    commune = thon_a.commune
    url = reverse("disclosure:honour_board", args=["xuan-son", 2022])
    decide([nominate(titles["ldtt"], person=p) for p in _people(commune, thon_a, 1)])
    with django_assert_num_queries(3) as one:
        client.get(url)
    decide([nominate(titles["ldtt"], person=p) for p in _people(commune, thon_a, 10, start=10)], code="16/QĐ-UBND")
    decide([nominate(titles["giay-khen-ca-nhan"], person=p) for p in _people(commune, thon_a, 10, start=30)],
           code="17/QĐ-UBND")
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("list-group-item") == 21


def test_the_honour_board_does_not_repeat_the_unit_the_position_names(client, titles, lan, thon_a):
    from awards.models import position_and_unit

    assert position_and_unit("Công chức Địa chính - Xây dựng", "Địa chính - Xây dựng") == \
        "Công chức Địa chính - Xây dựng"
    assert position_and_unit("Trưởng thôn", "Thôn A") == "Trưởng thôn, Thôn A"
    assert position_and_unit("", "Thôn A") == "Thôn A"
    _decision, (award,) = decide([nominate(titles["ldtt"], person=lan)])
    # An award granted before: its stored detail repeats the unit.
    award.recipient_detail = "Công chức Địa chính - Xây dựng, Địa chính - Xây dựng"
    award.save()
    html = client.get(reverse("disclosure:honour_board", args=["xuan-son", 2022])).content.decode()
    assert "Công chức Địa chính - Xây dựng</span>" in html
    assert "Xây dựng, Địa chính - Xây dựng" not in html
