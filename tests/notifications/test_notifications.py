"""In-app notifications: the bell's unread count, the list, marking read (one's own only)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def notify(user, title="Còn 3 ngày: Tổng hợp hồ sơ", url="", minutes_ago=0, read=False):
    notification = Notification.objects.create(recipient=user, title=title, url=url,
                                               read_at=timezone.now() if read else None)
    created = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=created)
    return notification


def test_bell_shows_the_unread_count(client, hamlet_leader):
    notify(hamlet_leader)
    notify(hamlet_leader, read=True)
    client.force_login(hamlet_leader)
    html = client.get(reverse("home")).content.decode()
    assert 'id="unread-count"' in html and ">1</span>" in html
    Notification.objects.update(read_at=timezone.now())
    assert 'id="unread-count"' not in client.get(reverse("home")).content.decode()


def test_unread_count_is_one_count_query(client, hamlet_leader):
    client.force_login(hamlet_leader)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("home"))
    counts = [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0].upper()


def test_no_query_for_anonymous_visitors(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("login")).status_code == 200
    assert not [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]


def test_list_newest_first_unread_highlighted_own_only(client, hamlet_leader, other_hamlet_leader):
    notify(hamlet_leader, title="Thông báo cũ", minutes_ago=60, read=True)
    notify(hamlet_leader, title="Thông báo mới", minutes_ago=1)
    notify(other_hamlet_leader, title="Của người khác")
    client.force_login(hamlet_leader)
    html = client.get(reverse("notifications:list")).content.decode()
    assert html.index("Thông báo mới") < html.index("Thông báo cũ")
    assert "Của người khác" not in html
    assert html.count("notification-unread") == 1


def test_list_is_paginated_by_30(client, hamlet_leader):
    for i in range(35):
        notify(hamlet_leader, title=f"Thông báo số {i:02d}", minutes_ago=i)
    client.force_login(hamlet_leader)
    first = client.get(reverse("notifications:list")).content.decode()
    second = client.get(reverse("notifications:list"), {"page": 2}).content.decode()
    assert "Thông báo số 00" in first and "Thông báo số 29" in first and "Thông báo số 30" not in first
    assert "Thông báo số 30" in second and "Thông báo số 34" in second and "Thông báo số 29" not in second
    assert "Trang 1/2" in first


def test_mark_read_follows_the_link(client, hamlet_leader):
    notification = notify(hamlet_leader, url="/timeline/my/")
    client.force_login(hamlet_leader)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert (response.status_code, response.url) == (302, "/timeline/my/")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_and_stay(client, hamlet_leader):
    notification = notify(hamlet_leader, url="/timeline/my/")
    client.force_login(hamlet_leader)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]), {"stay": "1"})
    assert response.url == reverse("notifications:list")
    assert Notification.objects.unread().count() == 0


def test_mark_read_without_link_or_with_a_foreign_link_returns_to_the_list(client, hamlet_leader):
    plain = notify(hamlet_leader)
    foreign = notify(hamlet_leader, url="https://evil.example/")
    client.force_login(hamlet_leader)
    for notification in (plain, foreign):
        response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
        assert response.url == reverse("notifications:list")


def test_another_users_notification_is_not_found(client, hamlet_leader, other_hamlet_leader):
    theirs = notify(other_hamlet_leader)
    client.force_login(hamlet_leader)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_marks_only_ones_own(client, hamlet_leader, other_hamlet_leader):
    for _ in range(3):
        notify(hamlet_leader)
    theirs = notify(other_hamlet_leader)
    client.force_login(hamlet_leader)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.url == reverse("notifications:list")
    assert Notification.objects.unread().filter(recipient=hamlet_leader).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_is_post_only(client, hamlet_leader):
    notification = notify(hamlet_leader)
    client.force_login(hamlet_leader)
    assert client.get(reverse("notifications:mark_read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_anonymous_is_sent_to_login(client, hamlet_leader):
    notification = notify(hamlet_leader)
    for url in [reverse("notifications:list")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    notification.refresh_from_db()
    assert notification.read_at is None
