"""The writing contest: units send an article per month or quarter, the office forwards them to the town and sees
which units have not sent anything for a period."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.enums import UnitKind
from registrations.models import ContestEntry
from tests import factories as f

from .test_uploads import PDF


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def entry_data(unit, **extra):
    return {"unit": unit.pk, "year": 2022, "period_kind": "month", "period": 5, "title": "Người tốt việc tốt",
            "subject": "Bà Nguyễn Thị Mai", "text": "Bà Mai hiến 200 m² đất làm đường.", **extra}


def make_entry(unit, **fields):
    values = {"commune": unit.commune, "unit": unit, "year": 2022, "period_kind": "month", "period": 5,
              "title": f"Bài của {unit.name}", "subject": "Ông Lê Văn Hùng", "text": "…"}
    return ContestEntry.objects.create(**{**values, **fields})


@pytest.mark.django_db
def test_leader_sends_an_entry_with_text(client, hamlet_leader, thon_a):
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:contest_create"), entry_data(thon_a))
    entry = ContestEntry.objects.get()
    assert response.status_code == 302 and response.url == reverse("registrations:contest_detail", args=[entry.pk])
    assert (entry.commune, entry.unit, entry.period_kind, entry.period, entry.submitted_by) == (
        thon_a.commune, thon_a, "month", 5, hamlet_leader)
    assert entry.forwarded_at is None


@pytest.mark.django_db
def test_leader_sends_an_entry_as_a_file(client, hamlet_leader, thon_a, media_root):
    client.force_login(hamlet_leader)
    upload = SimpleUploadedFile("Bài dự thi.pdf", PDF)
    response = client.post(reverse("registrations:contest_create"),
                           entry_data(thon_a, text="", period_kind="quarter", period=2, attachment=upload))
    assert response.status_code == 302
    entry = ContestEntry.objects.get()
    assert entry.attachment_name == "Bài dự thi.pdf" and "Bài" not in entry.attachment.name
    response = client.get(reverse("registrations:contest_attachment", args=[entry.pk]))
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"text": ""}, "text", "Hãy viết bài hoặc đính kèm tệp bài viết."),
    ({"period_kind": "quarter", "period": 5}, "period", "Quý phải từ 1 đến 4."),
    ({"period": 13}, "period", "Tháng phải từ 1 đến 12."),
    ({"attachment": SimpleUploadedFile("bai.pdf", b"<html>not a pdf</html>")}, "attachment",
     "Tệp «bai.pdf» không phải là PDF thật (nội dung là một định dạng không nhận ra được)."),
])
def test_invalid_entry_saves_nothing(client, hamlet_leader, thon_a, media_root, extra, field, message):
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:contest_create"), entry_data(thon_a, **extra))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not ContestEntry.objects.exists() and stored_files(media_root) == []


@pytest.mark.django_db
def test_leader_cannot_send_for_another_unit(client, hamlet_leader, thon_b):
    client.force_login(hamlet_leader)
    response = client.post(reverse("registrations:contest_create"), entry_data(thon_b))
    assert "unit" in response.context["form"].errors and not ContestEntry.objects.exists()


@pytest.mark.django_db
def test_office_marks_entries_forwarded(client, office_clerk, hamlet_leader, thon_a):
    entry = make_entry(thon_a)
    url = reverse("registrations:contest_forward", args=[entry.pk])
    client.force_login(hamlet_leader)
    assert client.post(url).status_code == 403
    client.force_login(office_clerk)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("registrations:contest_list")
    entry.refresh_from_db()
    first = entry.forwarded_at
    assert first is not None
    client.post(url)
    entry.refresh_from_db()
    assert entry.forwarded_at == first  # marking twice keeps the first time


@pytest.mark.django_db
def test_missing_view_lists_units_without_an_entry(client, office_clerk, commune, thon_a, thon_b, office_unit):
    group = f.UnitFactory(commune=commune, name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, position=3)
    f.UnitFactory(commune=commune, name="Hội Nông dân", kind=UnitKind.ORGANISATION, position=4)
    f.UnitFactory(commune=commune, name="Đảng ủy xã", kind=UnitKind.AGENCY, position=5)
    f.UnitFactory(commune=commune, name="Thôn C (đã sáp nhập)", kind=UnitKind.HAMLET,
                  valid_until=datetime.date(2020, 1, 1))
    make_entry(thon_a, period=5)
    make_entry(group, period_kind="quarter", period=2)  # another kind of period does not count for month 5
    client.force_login(office_clerk)
    response = client.get(reverse("registrations:contest_missing"),
                          {"year": 2022, "period_kind": "month", "period": 5})
    names = [unit.name for unit in response.context["units"]]
    assert names == ["Thôn B", "Tổ dân phố 1", "Hội Nông dân", "Văn phòng - Thống kê"]
    response = client.get(reverse("registrations:contest_missing"),
                          {"year": 2022, "period_kind": "quarter", "period": 2})
    assert "Tổ dân phố 1" not in [unit.name for unit in response.context["units"]]
    response = client.get(reverse("registrations:contest_missing"),
                          {"year": 2022, "period_kind": "quarter", "period": 7})
    assert response.context["units"] is None and response.context["form"].errors["period"]


@pytest.mark.django_db
def test_list_shows_only_own_unit_to_a_leader(client, hamlet_leader, office_clerk, thon_a, thon_b):
    make_entry(thon_a)
    make_entry(thon_b)
    client.force_login(hamlet_leader)
    page = client.get(reverse("registrations:contest_list")).content.decode()
    assert "Bài của Thôn A" in page and "Bài của Thôn B" not in page
    client.force_login(office_clerk)
    page = client.get(reverse("registrations:contest_list"), {"year": 2022, "period_kind": "month",
                                                              "period": 5}).content.decode()
    assert "Bài của Thôn A" in page and "Bài của Thôn B" in page
