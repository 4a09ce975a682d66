"""The stored preview of an Excel import: the file is read and checked once per upload, the preview's pages read the
stored rows, the preview is its uploader's alone and expires, and the confirm step saves exactly what was previewed
(refused, with a Vietnamese message, when it is gone or the commune's data changed since)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.enums import Role
from directory.models import Person, Unit
from registrations import exchange_views, previews
from registrations.models import ImportPreview, ImportPreviewRow, Registration, RegistrationEvent
from tests.conftest import _persona
from tests.registrations.test_exchange import PEOPLE_HEADERS, REGISTRATION_HEADERS, YEAR, phase, register, xlsx
from tests.test_queries import count_queries
from xuanson_tdkt import spreadsheets

__all__ = ["phase"]  # the fixture, used by the tests below

pytestmark = pytest.mark.django_db
GONE = "Hãy tải tệp lên lại: tệp đã xem trước không còn nữa."


def people(count, *, bad=()):
    return [[f"Người {i:03d}", "Nữ", 1980, "Thôn Z" if i in bad else "Thôn A", "", "", ""] for i in range(count)]


@pytest.fixture
def reads(monkeypatch):
    """How many times a workbook was opened and a row checked."""
    counts = {"workbooks": 0, "rows": 0}
    open_workbook, check = spreadsheets.open_workbook, spreadsheets.PlannedImporter.check

    def counted_open(source):
        counts["workbooks"] += 1
        return open_workbook(source)

    def counted_check(self, row):
        counts["rows"] += 1
        return check(self, row)

    monkeypatch.setattr(spreadsheets, "open_workbook", counted_open)
    monkeypatch.setattr(spreadsheets.PlannedImporter, "check", counted_check)
    return counts


def test_later_pages_read_the_stored_rows_and_check_nothing_again(client, office_clerk, thon_a, reads, monkeypatch):
    monkeypatch.setattr(exchange_views, "PREVIEW_PAGE_SIZE", 5)
    client.force_login(office_clerk)
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(20, bad={3}))})
    assert reads == {"workbooks": 1, "rows": 20}
    preview = reverse("registrations:import_people_preview")
    for number in (2, 3, 4):
        page = client.get(preview, {"page": number})
        assert page.status_code == 200 and page.context["page"].number == number
    assert [row.number for row in page.context["page"].object_list] == [18, 19, 20, 21]
    assert "Dòng 5, cột D" in page.content.decode()  # the errors are on every page
    assert reads == {"workbooks": 1, "rows": 20}  # no page read the file or checked a row again


def test_a_page_costs_the_same_queries_whatever_the_file(client, office_clerk, thon_a, monkeypatch):
    monkeypatch.setattr(exchange_views, "PREVIEW_PAGE_SIZE", 5)
    client.force_login(office_clerk)
    preview = reverse("registrations:import_people_preview")
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(12))})
    small = count_queries(client, f"{preview}?page=3")  # 2 rows on the page
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(120, bad={7}))})
    large = count_queries(client, f"{preview}?page=20")  # 5 rows
    assert small == large, f"a page of a 12-row file ran {small} queries, of a 120-row file {large}"


def test_the_preview_is_its_uploaders_alone(client, office_clerk, commune, office_unit, thon_a):
    other_clerk = _persona("vanphong2", commune=commune, unit=office_unit, roles=[Role.OFFICE_STAFF],
                           full_name="Lê Thị Thu")
    client.force_login(office_clerk)
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(3))})
    token = client.session[exchange_views.SESSION_KEY]["token"]

    # The other clerk of the same commune, even holding the token in their session, finds no preview.
    client.force_login(other_clerk)
    session = client.session
    session[exchange_views.SESSION_KEY] = {"kind": "people", "token": token}
    session.save()
    response = client.get(reverse("registrations:import_people_preview"), {"page": 1})
    assert response.status_code == 302 and response.url == reverse("registrations:import_people")
    before = Person.objects.count()
    response = client.post(reverse("registrations:import_people_confirm"), follow=True)
    assert GONE in response.content.decode()
    assert Person.objects.count() == before
    assert ImportPreview.objects.filter(token=token).exists()  # still the uploader's, untouched


def test_a_new_upload_replaces_the_users_preview_and_expired_ones_go(client, office_clerk, thon_a):
    client.force_login(office_clerk)
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(3))})
    first = ImportPreview.objects.get()
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(4))})
    second = ImportPreview.objects.get()
    assert second.pk != first.pk and second.row_count == 4
    assert not ImportPreviewRow.objects.filter(preview_id=first.pk).exists()

    ImportPreview.objects.update(created_at=timezone.now() - previews.EXPIRES_AFTER - datetime.timedelta(minutes=1))
    response = client.get(reverse("registrations:import_people_preview"))
    assert response.status_code == 302  # expired: no longer shown
    before = Person.objects.count()
    response = client.post(reverse("registrations:import_people_confirm"), follow=True)
    assert GONE in response.content.decode() and Person.objects.count() == before
    # The next upload (of anyone) removes what has expired.
    client.post(reverse("registrations:import_registrations"), {"file": xlsx(REGISTRATION_HEADERS, [])})
    assert not ImportPreview.objects.filter(pk=second.pk).exists()
    assert not ImportPreviewRow.objects.filter(preview_id=second.pk).exists()


def test_confirm_saves_the_previewed_rows_without_reading_the_file(client, office_clerk, phase, thon_a,
                                                                   hamlet_leader, reads):
    client.force_login(office_clerk)
    an = hamlet_leader.person
    client.post(reverse("registrations:import_registrations"), {"file": xlsx(REGISTRATION_HEADERS, [
        [YEAR, "Thôn A", "Lao động tiên tiến", an.full_name, "", ""],
        [YEAR, "Thôn A", "thon-van-hoa", "", "", ""],
    ])})
    response = client.post(reverse("registrations:import_registrations_confirm"))
    assert response.status_code == 302
    assert reads["workbooks"] == 1  # the upload's only
    saved = Registration.objects.order_by("pk")
    assert [(r.title.code, r.person_id, r.created_by_id) for r in saved] == [
        ("ldtt", an.pk, office_clerk.pk), ("thon-van-hoa", None, office_clerk.pk)]
    # Audited as a bulk import: the history names the clerk and the service, each has its "created" event.
    for registration in saved:
        record = registration.history.get()
        assert (record.history_user_id, record.history_change_reason) == (office_clerk.pk, "import_registrations")
    assert RegistrationEvent.objects.filter(action="created", actor=office_clerk).count() == 2
    assert not ImportPreview.objects.exists()
    # A second click finds nothing to confirm.
    response = client.post(reverse("registrations:import_registrations_confirm"), follow=True)
    assert GONE in response.content.decode() and Registration.objects.count() == 2


def test_confirm_is_refused_when_the_data_changed_since_the_preview(client, office_clerk, phase, thon_a,
                                                                   hamlet_leader):
    client.force_login(office_clerk)
    an = hamlet_leader.person
    client.post(reverse("registrations:import_registrations"), {"file": xlsx(REGISTRATION_HEADERS, [
        [YEAR, "Thôn A", "thon-van-hoa", "", "", ""],
        [YEAR, "Thôn A", "Lao động tiên tiến", an.full_name, "", ""],
    ])})
    register(phase, thon_a, "ldtt", person=an)  # meanwhile, in the portal
    response = client.post(reverse("registrations:import_registrations_confirm"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa nhập gì: dữ liệu của xã đã thay đổi sau khi xem trước" in page
    assert "Dòng 3, cột C (Danh hiệu)" in page  # the row that no longer passes, named
    assert Registration.objects.count() == 1  # nothing of the file, not even the row still valid
    assert [row.number for row in response.context["error_rows"]] == [3]


def test_a_changed_but_valid_preview_is_shown_again_before_it_is_saved(client, office_clerk, thon_a):
    client.force_login(office_clerk)
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(2))})
    # Thôn A is renamed and a new Thôn A made: the names of the file now mean another unit.
    Unit.objects.filter(pk=thon_a.pk).update(name="Thôn A cũ")
    new_a = Unit.objects.create(commune=thon_a.commune, kind=thon_a.kind, name="Thôn A", position=9)
    before = Person.objects.count()
    response = client.post(reverse("registrations:import_people_confirm"))
    assert response.status_code == 400 and Person.objects.count() == before
    assert "dữ liệu của xã đã thay đổi sau khi xem trước" in response.content.decode()
    assert response.context["result"].is_valid  # checked again: still valid, now into the new Thôn A
    assert client.post(reverse("registrations:import_people_confirm")).status_code == 302
    assert set(Person.objects.filter(full_name__startswith="Người ").values_list("unit", flat=True)) == {new_a.pk}


def test_the_errors_come_right_after_the_row_number_so_a_phone_shows_them(client, office_clerk, thon_a):
    import re

    client.force_login(office_clerk)
    page = client.post(reverse("registrations:import_people"),
                       {"file": xlsx(PEOPLE_HEADERS, people(3, bad={1}), "danh-sach.xlsx")}).content.decode()
    table = page.split('id="import-error-rows"', 1)[1].split("</table>", 1)[0]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert headers[:3] == ["Dòng", "Lỗi", "Họ và tên"]
    first_row = table.split('<tr class="table-danger">', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first_row, re.S)
    assert cells[0].strip() == "3" and "Dòng 3, cột D" in cells[1] and cells[2] == "Người 001"
