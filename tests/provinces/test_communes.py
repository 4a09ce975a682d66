"""The province's communes: the list with its state columns (a constant number of queries), search and Vietnamese
order; creating a commune derives its document series; editing saves the series; the province's own names."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from campaigns.enums import PlanStatus
from directory.enums import Role
from directory.models import Commune
from documents.models import Series
from provinces import services

from ..factories import CommuneFactory, PersonFactory, PlanFactory, RoleFactory, SeriesFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def row_of(page: str, slug: str) -> str:
    start = page.index(f'data-commune="{slug}"')
    return page[start:page.index("</tr>", start)]


def clerk(commune, *, username, invited=False, accepted=False, password=True):
    user = UserFactory(username=username)
    if not password:
        user.set_unusable_password()
        user.save()
    person = PersonFactory(commune=commune, user=user, email=f"{username}@example.vn")
    RoleFactory(person=person, role=Role.OFFICE_STAFF)
    if invited:
        Invitation.objects.create(user=user, email=person.email, sent_at=timezone.now(),
                                  accepted_at=timezone.now() if accepted else None)
    return person


def test_state_columns(client, province_operator, commune):
    province = commune.province
    year = timezone.localdate().year
    # Xuân Sơn: series and a current unit, an active clerk, this year's plan issued.
    SeriesFactory(commune=commune)
    UnitFactory(commune=commune)
    clerk(commune, username="vp-xs")
    PlanFactory(commune=commune, year=year, status=PlanStatus.ISSUED, document__issued_on=datetime.date(year, 1, 4))
    # Minh Châu: series but only an ended unit; its clerk invited, not yet accepted; a draft plan.
    minh = CommuneFactory(name="Minh Châu", slug="minh-chau", province=province)
    SeriesFactory(commune=minh)
    UnitFactory(commune=minh, valid_until=datetime.date(2020, 1, 1))
    clerk(minh, username="vp-mc", invited=True, password=False)
    PlanFactory(commune=minh, year=year, document__issued_on=datetime.date(year, 1, 4))
    # An Bình: nothing; its only "clerk" has no office role.
    an = CommuneFactory(name="An Bình", slug="an-binh", province=province)
    PersonFactory(commune=an, user=UserFactory(username="khong-vp"))

    client.force_login(province_operator)
    page = client.get(reverse("provinces:commune_list")).content.decode()
    xs, mc, ab = row_of(page, "xuan-son"), row_of(page, "minh-chau"), row_of(page, "an-binh")
    assert "text-bg-success" in xs.split('class="state-setup"')[1].split("</td>")[0]
    assert "no units yet" in mc or "chưa có đơn vị" in mc
    assert all("text-bg-success" in part.split("</td>")[0]
               for part in xs.split('class="state-')[2:])  # clerk active, plan issued
    assert "text-bg-warning" in mc.split('class="state-clerk"')[1].split("</td>")[0]  # invited
    assert "text-bg-secondary" in mc.split('class="state-plan"')[1].split("</td>")[0]  # a draft is not issued
    assert all("text-bg-secondary" in part.split("</td>")[0] for part in ab.split('class="state-')[1:])
    # Vietnamese order by name: An Bình, Minh Châu, Xuân Sơn.
    assert page.index("an-binh") < page.index("minh-chau") < page.index("xuan-son")


def test_an_accepted_invitation_is_an_active_clerk(commune):
    clerk(commune, username="vp-xs", invited=True, accepted=True)
    from provinces.views import communes_with_state
    state = communes_with_state(commune.province).get(pk=commune.pk)
    assert (state.clerk_active, state.clerk_invited) == (True, False)


def test_search_ignores_case_and_accents(client, province_operator, commune):
    CommuneFactory(name="Minh Châu", slug="minh-chau", province=commune.province)
    client.force_login(province_operator)
    page = client.get(reverse("provinces:commune_list"), {"q": "xuan son"}).content.decode()
    assert "xuan-son" in page and "minh-chau" not in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_whatever_the_number_of_communes(client, province_operator, commune,
                                                                         django_assert_num_queries, count):
    for number in range(count - 1):
        other = CommuneFactory(province=commune.province)
        SeriesFactory(commune=other)
        UnitFactory(commune=other)
        clerk(other, username=f"vp{number}", invited=number % 2 == 0, password=number % 2 == 1)
    client.force_login(province_operator)
    client.get(reverse("provinces:commune_list"))  # warm the session
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("provinces:commune_list"))
    assert response.content.decode().count("data-commune=") == count


# The same for 3 and for 30 communes: the page's own (session, user, operator, actor, notifications) and one for the
# communes with their state.
QUERIES = 8


def test_create_commune_derives_its_series(client, province_operator, commune):
    client.force_login(province_operator)
    response = client.post(reverse("provinces:commune_create"), {
        "name": " Minh  Châu ", "kind_label": "phường", "slug": "", "document_place": "",
        "parent_authority": "thị xã Sơn Tây", "parent_authority_until": "30/06/2025"})
    assert response.status_code == 302
    made = Commune.objects.get(slug="minh-chau")
    assert (made.name, made.province, made.kind_label, made.parent_authority_until) == (
        "Minh Châu", commune.province, "phường", datetime.date(2025, 6, 30))
    series = {s.code: s for s in Series.objects.filter(commune=made)}
    assert series["UBND"].issuing_body_lines == ["ỦY BAN NHÂN DÂN", "PHƯỜNG MINH CHÂU"]
    assert series["UBND"].signing_capacity == "TM. ỦY BAN NHÂN DÂN"
    assert series["HĐTĐKT"].parent_body == "UBND PHƯỜNG MINH CHÂU"
    assert series["HĐTĐKT"].name == "Hội đồng Thi đua - Khen thưởng phường"
    assert made.history.first().history_user == province_operator
    assert made.history.first().history_change_reason == "create_commune"


def test_create_refuses_a_duplicate_name_or_code(client, province_operator, commune):
    client.force_login(province_operator)
    response = client.post(reverse("provinces:commune_create"), {"name": "xuân sơn", "kind_label": "xã"},
                           HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and "name" in response.context["form"].errors
    response = client.post(reverse("provinces:commune_create"), {"name": "Minh Châu", "kind_label": "xã",
                                                                 "slug": "xuan-son"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    assert Commune.objects.count() == 1


def test_the_same_name_in_another_province_is_fine(other_province_operator, commune):
    operator = other_province_operator.province_operator
    made = services.create_commune(province=operator.province, name="Xuân Sơn", kind_label="xã", by=None)
    assert made.slug == "xuan-son-2"


def test_edit_commune_and_its_series(client, province_operator):
    operator = province_operator.province_operator
    made = services.create_commune(province=operator.province, name="Minh Châu", kind_label="xã",
                                   by=province_operator)
    ubnd, council = Series.objects.filter(commune=made).order_by("pk")
    client.force_login(province_operator)
    page = client.get(reverse("provinces:commune_edit", args=[made.pk])).content.decode()
    assert "XÃ MINH CHÂU" in page
    data = {
        "name": "Minh Châu", "kind_label": "xã", "slug": "minh-chau", "document_place": "Minh Châu",
        "parent_authority": "huyện Ba Vì", "parent_authority_until": "30/06/2025",
        "series-TOTAL_FORMS": "3", "series-INITIAL_FORMS": "2", "series-MIN_NUM_FORMS": "0",
        "series-MAX_NUM_FORMS": "1000",
        "series-0-id": ubnd.pk, "series-0-code": "UBND", "series-0-name": ubnd.name, "series-0-parent_body": "",
        "series-0-issuing_body": "ỦY BAN NHÂN DÂN\r\nXÃ MINH CHÂU", "series-0-signing_capacity": "TM. UBND",
        "series-1-id": council.pk, "series-1-code": "HĐTĐKT", "series-1-name": council.name,
        "series-1-parent_body": council.parent_body, "series-1-issuing_body": council.issuing_body,
        "series-1-signing_capacity": council.signing_capacity, "series-1-DELETE": "on",
        "series-2-code": "VP", "series-2-name": "Văn phòng", "series-2-parent_body": "",
        "series-2-issuing_body": "VĂN PHÒNG", "series-2-signing_capacity": "TL. CHỦ TỊCH",
    }
    response = client.post(reverse("provinces:commune_edit", args=[made.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made.refresh_from_db()
    assert made.parent_authority == "huyện Ba Vì"
    assert sorted(Series.objects.filter(commune=made).values_list("code", "signing_capacity")) == [
        ("UBND", "TM. UBND"), ("VP", "TL. CHỦ TỊCH")]


def test_a_series_with_documents_is_not_removed(client, province_operator, plan):
    commune = plan.commune
    series = plan.document.series
    client.force_login(province_operator)
    data = {
        "name": commune.name, "kind_label": "xã", "slug": commune.slug, "document_place": "",
        "parent_authority": commune.parent_authority, "parent_authority_until": "",
        "series-TOTAL_FORMS": "1", "series-INITIAL_FORMS": "1", "series-MIN_NUM_FORMS": "0",
        "series-MAX_NUM_FORMS": "1000", "series-0-id": series.pk, "series-0-code": series.code,
        "series-0-name": series.name, "series-0-parent_body": "", "series-0-issuing_body": series.issuing_body,
        "series-0-signing_capacity": series.signing_capacity, "series-0-DELETE": "on",
    }
    response = client.post(reverse("provinces:commune_edit", args=[commune.pk]), data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert Series.objects.filter(pk=series.pk).exists()


def test_the_operator_edits_the_provinces_names(client, province_operator, commune):
    client.force_login(province_operator)
    response = client.post(reverse("provinces:province_edit"), {
        "name": "Hà Nội", "kind_label": "thành phố", "printed_name": "", "authority_name": "",
        "office_name": "Ban Thi đua - Khen thưởng Hà Nội"})
    assert response.status_code == 302
    commune.province.refresh_from_db()
    assert commune.province.office_title == "Ban Thi đua - Khen thưởng Hà Nội"
    assert commune.province.history.first().history_change_reason == "update_province"
