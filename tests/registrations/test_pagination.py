"""The office's overview and the import preview come 50 rows to a page: the counts by title and unit stay over the
whole filtered set, page links keep the filters, the preview shows every error first and pages only the valid rows
(its other pages read the same stored file again), and the second page runs as many queries as the first."""

import re

import pytest
from django.urls import reverse

from registrations import exchange_views, views
from registrations.enums import RegistrationStatus
from tests import factories as f
from tests.registrations.test_exchange import PEOPLE_HEADERS, xlsx
from tests.test_queries import count_queries

from .conftest import register

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("registrations:overview")


def row_ids(response):
    return re.findall(r'<tr id="registration-(\d+)"', response.content.decode())


@pytest.fixture
def sixty(commune, thon_a, thon_b, titles, open_phase):
    """60 LĐTT registrations: 35 submitted in Thôn A, 25 drafts in Thôn B."""
    made = []
    for i in range(60):
        unit, status = (thon_a, RegistrationStatus.SUBMITTED) if i < 35 else (thon_b, RegistrationStatus.DRAFT)
        person = f.PersonFactory(commune=commune, unit=unit, full_name=f"Người {i:02d}")
        made.append(register(unit=unit, title=titles["ldtt"], phase=open_phase, person=person, status=status))
    return made


def test_overview_pages_the_rows_but_counts_everything(client, office_clerk, sixty):
    client.force_login(office_clerk)
    first = client.get(OVERVIEW + "?year=2022")
    assert len(row_ids(first)) == 50
    page = first.content.decode()
    assert "Trang 1/2" in page and "Trang sau" in page and "Trang trước" not in page
    ldtt = first.context["by_title"][0]
    assert (ldtt["total"], ldtt["submitted"]) == (60, 35)  # over the whole set, not the page
    assert sum(row["total"] for row in first.context["by_unit"]) == 60

    second = client.get(OVERVIEW + "?year=2022&page=2")
    assert len(row_ids(second)) == 10
    assert not set(row_ids(first)) & set(row_ids(second))
    assert {*row_ids(first), *row_ids(second)} == {str(r.pk) for r in sixty}
    assert "Trang 2/2" in second.content.decode() and "Trang trước" in second.content.decode()
    # Out of range or nonsense: the nearest page, never a 404 or a 500.
    assert client.get(OVERVIEW + "?year=2022&page=9").context["page"].number == 2
    assert client.get(OVERVIEW + "?year=2022&page=abc").context["page"].number == 1


def test_page_links_keep_the_filters(client, office_clerk, thon_a, sixty, monkeypatch):
    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 10)
    client.force_login(office_clerk)
    response = client.get(OVERVIEW, {"year": 2022, "unit": thon_a.pk, "status": "submitted", "page": 2})
    page = response.content.decode()
    assert "Trang 2/4" in page  # 35 submitted rows of Thôn A
    assert response.context["by_title"][0]["total"] == 35
    links = re.findall(r'href="\?([^"]+)"', page)
    expected = f"year=2022&amp;unit={thon_a.pk}&amp;status=submitted&amp;page="
    assert f"{expected}1" in links and f"{expected}3" in links
    # The accept buttons bring the clerk back to this very page.
    assert f'name="next" value="{OVERVIEW}?year=2022&amp;unit={thon_a.pk}&amp;status=submitted&amp;page=2"' in page


def test_a_single_page_shows_no_page_links(client, office_clerk, thon_a, titles, open_phase, lan):
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    client.force_login(office_clerk)
    page = client.get(OVERVIEW + "?year=2022").content.decode()
    assert 'id="registrations-pages"' not in page


def grow(commune, titles, phase, first, count):
    """`count` hamlets, each registered for the hamlet title and with one person registered for LĐTT (with history)."""
    from registrations.models import RegistrationEvent

    statuses = list(RegistrationStatus)
    for i in range(first, first + count):
        unit = f.UnitFactory(commune=commune, name=f"Thôn số {i}", kind="hamlet", position=10 + i)
        person = f.PersonFactory(commune=commune, unit=unit, full_name=f"Phạm Văn Nam {i}")
        for title, who in ((titles["ldtt"], person), (titles["thon-van-hoa"], None)):
            registration = register(unit=unit, title=title, phase=phase, person=who, status=statuses[i % 4],
                                    office_comment="Bổ sung")
            RegistrationEvent.objects.create(registration=registration, action="created", status="draft")


def test_second_page_runs_constant_queries(client, office_clerk, commune, titles, open_phase):
    client.force_login(office_clerk)
    url = OVERVIEW + "?year=2022&page=2"
    grow(commune, titles, open_phase, 0, 30)  # 60 rows: 10 on page 2
    few = count_queries(client, url)
    assert len(row_ids(client.get(url))) == 10
    grow(commune, titles, open_phase, 30, 30)  # 120 rows: 50 on page 2
    many = count_queries(client, url)
    assert len(row_ids(client.get(url))) == 50
    assert few == many, f"{url}: {few} queries with 10 rows on the page, {many} with 50"


# --- the import preview ------------------------------------------------------------------------------------------


def people(count, *, bad=()):
    return [[f"Người {i:03d}", "Nữ", 1980, "Thôn Z" if i in bad else "Thôn A", "", "", ""] for i in range(count)]


def test_preview_shows_every_error_first_and_pages_the_valid_rows(client, office_clerk, thon_a, monkeypatch):
    monkeypatch.setattr(exchange_views, "PREVIEW_PAGE_SIZE", 5)
    client.force_login(office_clerk)
    bad = {3, 17}
    response = client.post(reverse("registrations:import_people"),
                           {"file": xlsx(PEOPLE_HEADERS, people(20, bad=bad), "danh-sach.xlsx")})
    page = response.content.decode()
    assert [row.number for row in response.context["error_rows"]] == [5, 19]  # header on row 1
    order = [page.index(f'id="{name}"') for name in ("import-errors", "import-error-rows", "import-valid-rows")]
    assert order == sorted(order)
    assert "Dòng 5, cột D" in page and "Dòng 19, cột D" in page
    assert "2 dòng có lỗi" in page and "18 dòng hợp lệ" in page and "Trang 1/4" in page
    assert [row.number for row in response.context["page"].object_list] == [2, 3, 4, 6, 7]

    preview = reverse("registrations:import_people_preview")
    assert f'href="{preview}?page=2"' in page
    second = client.get(preview, {"page": 2})
    assert second.status_code == 200
    text = second.content.decode()
    # Page 2 of the same stored file: the errors are still all there, the valid rows move on.
    assert [row.number for row in second.context["page"].object_list] == [8, 9, 10, 11, 12]
    assert "Dòng 5, cột D" in text and "Dòng 19, cột D" in text and "Trang 2/4" in text
    assert second.context["file_name"] == "danh-sach.xlsx"


def test_valid_preview_pages_keep_the_confirm_button(client, office_clerk, thon_a, monkeypatch):
    from directory.models import Person

    monkeypatch.setattr(exchange_views, "PREVIEW_PAGE_SIZE", 5)
    client.force_login(office_clerk)
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(12))})
    second = client.get(reverse("registrations:import_people_preview"), {"page": 3})
    assert [row.number for row in second.context["page"].object_list] == [12, 13]
    assert reverse("registrations:import_people_confirm") in second.content.decode()
    before = Person.objects.count()
    assert client.post(reverse("registrations:import_people_confirm")).status_code == 302
    assert Person.objects.count() == before + 12  # all rows, not the page shown


def test_preview_page_without_a_stored_file_sends_back_to_the_upload(client, office_clerk, thon_a):
    client.force_login(office_clerk)
    response = client.get(reverse("registrations:import_people_preview"), {"page": 2})
    assert response.status_code == 302 and response.url == reverse("registrations:import_people")
    # A stored file of the other kind is not this preview.
    client.post(reverse("registrations:import_people"), {"file": xlsx(PEOPLE_HEADERS, people(3))})
    response = client.get(reverse("registrations:import_registrations_preview"))
    assert response.status_code == 302 and response.url == reverse("registrations:import_registrations")


@pytest.mark.parametrize("persona", ["council_member", "chairman", "hamlet_leader", "outsider"])
def test_preview_pages_are_for_the_office_only(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("registrations:import_people_preview")).status_code == 403
