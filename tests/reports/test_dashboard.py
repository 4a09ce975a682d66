"""The landing page's dashboard: who sees which, the figures it shows, and a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registrations.enums import PeriodKind, RegistrationStatus
from registrations.models import ContestEntry, Phase, Registration
from tests import factories as f

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def bars(html: str, chart: str) -> dict[str, int]:
    """{bar label: number} of one chart, read from the numbers printed beside the bars."""
    section = html.split(f'id="chart-{chart}"', 1)[1].split('class="card h-100"', 1)[0]
    return {label: int(value) for label, value in re.findall(
        r'data-bar="([^"]+)".*?<strong class="text-end" data-value>(\d+)</strong>', section, re.S)}


def test_who_sees_the_dashboard(client, personas, year_data):
    expected = {"office_clerk": "commune", "chairman": "commune", "hamlet_leader": "units",
                "other_hamlet_leader": "units", "council_member": None, "outsider": None}
    for persona, user in personas.items():
        client.force_login(user)
        html = client.get(HOME).content.decode()
        scope = re.search(r'data-scope="(\w+)"', html)
        assert (scope.group(1) if scope else None) == expected[persona], persona
        if persona == "outsider":
            assert "chưa được gắn với" in html


def test_the_office_sees_the_commune_figures(client, office_clerk, year_data):
    client.force_login(office_clerk)
    html = client.get(HOME, {"year": 2022, "period": "h1"}).content.decode()
    assert bars(html, "registrations") == {"Dự thảo": 1, "Đăng ký": 2, "Trả lại để bổ sung": 1, "Đã tiếp nhận": 3}
    assert "3/4 đơn vị đăng ký" in html
    assert bars(html, "tasks") == {"Hoàn thành đúng hạn": 1, "Hoàn thành muộn": 1, "Chưa đến hạn": 0,
                                   "Quá hạn": 1}
    assert bars(html, "initiatives") == {"Đăng ký": 4, "Được công nhận": 3, "Được áp dụng": 2}
    assert bars(html, "awards")["Cá nhân"] == 2
    assert "3 lượt khen thưởng, 1 lượt là nữ, 2.086.000 đồng" in html
    # June 2022: nobody sent a monthly entry, so all four units are missing this month's.
    assert bars(html, "contest") == {"Đơn vị đã gửi bài": 0, "Đơn vị chưa gửi bài tháng này": 4}
    assert f"{reverse('registrations:contest_missing')}?year=2022&amp;period_kind=month&amp;period=6" in html
    march = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    assert "Cả năm" in march


def test_a_unit_leader_sees_only_their_units(client, hamlet_leader, other_hamlet_leader, year_data):
    client.force_login(hamlet_leader)
    html = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    # Thôn A: accepted 2 (thôn văn hóa, lan), submitted 1 (minh), draft 1.
    assert bars(html, "registrations") == {"Dự thảo": 1, "Đăng ký": 1, "Trả lại để bổ sung": 0, "Đã tiếp nhận": 2}
    assert "1/1 đơn vị đăng ký" in html
    assert "Thôn B" not in html and "Văn phòng - Thống kê" not in html and "Hội Phụ nữ" not in html
    assert "3 lượt khen thưởng" in html
    assert reverse("registrations:contest_missing") not in html
    client.force_login(other_hamlet_leader)
    html = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    assert bars(html, "registrations") == {"Dự thảo": 0, "Đăng ký": 0, "Trả lại để bổ sung": 1, "Đã tiếp nhận": 0}
    assert "Thôn A" not in html


def _queries(client, **query):
    with CaptureQueriesContext(connection) as context:
        assert client.get(HOME, query).status_code == 200
    return len(context)


def test_the_dashboard_runs_a_constant_number_of_queries(client, office_clerk, commune, titles, year_data):
    client.force_login(office_clerk)
    client.get(HOME)
    few = _queries(client, year=2022, period="year")
    phase = Phase.objects.first()
    for i in range(30):
        unit = f.UnitFactory(commune=commune, name=f"Tổ dân phố {i}", kind="residential_group", position=100 + i)
        person = f.PersonFactory(commune=commune, unit=unit)
        Registration.objects.create(commune=commune, year=2022, phase=phase, unit=unit, title=titles["ldtt"],
                                    recipient_kind="individual", person=person, status=RegistrationStatus.ACCEPTED)
        ContestEntry.objects.create(commune=commune, unit=unit, year=2022, period_kind=PeriodKind.MONTH,
                                    period=1 + i % 12, title="Bài", subject="Ông A")
        f.TaskFactory(plan=year_data["lan"].commune.plans.get(), position=100 + i)
    assert _queries(client, year=2022, period="year") == few


def test_a_leader_dashboard_runs_a_constant_number_of_queries(client, hamlet_leader, thon_a, commune, titles,
                                                              year_data):
    client.force_login(hamlet_leader)
    client.get(HOME)
    few = _queries(client, year=2022, period="year")
    phase = Phase.objects.first()
    for _i in range(20):
        person = f.PersonFactory(commune=commune, unit=thon_a)
        Registration.objects.create(commune=commune, year=2022, phase=phase, unit=thon_a, title=titles["ldtt"],
                                    recipient_kind="individual", person=person, status=RegistrationStatus.ACCEPTED)
    assert _queries(client, year=2022, period="year") == few


def test_a_unit_leader_counts_nominations_like_the_list_they_open(client, hamlet_leader, year_data):
    # Thôn A's own nominations: only the thôn văn hóa one names the unit (lan's and minh's name no unit), as the
    # nomination list shows a leader.
    client.force_login(hamlet_leader)
    html = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    assert sum(bars(html, "nominations").values()) == 1
    listed = client.get(reverse("awards:nomination_list"), {"year": 2022})
    assert listed.status_code == 200


def dashboard_links(html: str) -> list[str]:
    section = html.split('class="dashboard', 1)[1].split("</section>", 1)[0]
    return sorted({link.replace("&amp;", "&") for link in re.findall(r'href="([^"#]+)"', section)})


@pytest.mark.parametrize("persona", ["office_clerk", "chairman", "hamlet_leader", "other_hamlet_leader"])
def test_every_dashboard_link_opens_for_its_viewer(client, personas, year_data, persona):
    client.force_login(personas[persona])
    html = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    links = dashboard_links(html)
    assert links
    for link in links:
        url = link if link.startswith("/") else f"{HOME}{link}"
        assert client.get(url).status_code == 200, (persona, url)
    if persona.endswith("hamlet_leader"):
        assert reverse("awards:award_list") not in html
        assert "3 lượt khen thưởng" in html or persona == "other_hamlet_leader"


def test_bar_widths_are_css_numbers_whatever_the_language(client, office_clerk, year_data):
    """Vietnamese number formatting writes 45,5: a CSS width must keep the dot, or every bar shrinks to 2 px."""
    import re

    client.force_login(office_clerk)
    page = client.get("/?year=2022", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    widths = re.findall(r'class="dash-bar[^"]*" data-width="([^"]*)%"', page)
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", width) for width in widths), widths


def test_ratios_use_the_vietnamese_decimal_comma_and_say_when_there_is_nothing(client, office_clerk, commune,
                                                                              year_data):
    client.force_login(office_clerk)
    html = client.get(HOME, {"year": 2022, "period": "year"}).content.decode()
    assert "2/3 = 66,7%" in html and "= 66.7%" not in html  # recognised initiatives applied
    assert "2/8 = 25%" in html
    empty = client.get(HOME, {"year": 2031, "period": "year"}).content.decode()
    assert "0/0 =" not in empty and "= 0.0%" not in empty and "0/8 = 0% (chỉ tiêu ≥ 15%)" in empty
    assert "Sáng kiến được công nhận đã áp dụng: chưa có (chỉ tiêu ≥ 70%)" in empty
