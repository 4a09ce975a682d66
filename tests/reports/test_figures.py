"""Every figure of the report against the hand-counted year of tests/reports/conftest.py."""

import datetime

import pytest

from reports.figures import compute_figures

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 1)


def h1(commune, **kwargs):
    return compute_figures(commune=commune, year=2022, period="h1", today=TODAY, **kwargs)


def whole_year(commune, **kwargs):
    return compute_figures(commune=commune, year=2022, period="year", today=TODAY, **kwargs)


def test_registrations_by_title_and_unit(commune, year_data):
    reg = h1(commune)["registrations"]
    assert reg["statuses"] == {"draft": 1, "submitted": 2, "returned": 1, "accepted": 3}
    assert reg["all"] == 7
    assert reg["titles"] == ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến",
                             "Thôn, tổ dân phố văn hóa"]
    assert reg["rows"] == [
        {"unit": "Thôn A", "counts": [2, 0, 0, 1], "total": 3},
        {"unit": "Thôn B", "counts": [1, 0, 0, 0], "total": 1},
        {"unit": "Văn phòng - Thống kê", "counts": [0, 1, 1, 0], "total": 2},
    ]
    assert reg["totals"] == [3, 1, 1, 1]
    assert reg["total"] == 6
    assert (reg["units_registered"], reg["units_total"]) == (3, 4)


def test_initiatives_against_the_plan_targets(commune, year_data):
    ini = h1(commune)["initiatives"]
    assert (ini["submitted"], ini["recognised"], ini["applied"]) == (4, 3, 2)
    assert (ini["staff"], ini["staff_with_recognised"], ini["staff_percent"]) == (8, 2, 25.0)
    assert (ini["staff_target"], ini["staff_met"]) == (15, True)
    assert (ini["applied_percent"], ini["applied_target"], ini["applied_met"]) == (66.7, 70, False)


def test_contest_entries_per_unit_and_period(commune, year_data):
    contest = h1(commune)["contest"]
    assert contest["months"] == [1, 2, 3, 4, 5, 6]
    assert contest["rows"] == [
        {"unit": "Thôn A", "months": [1, 0, 2, 0, 0, 0], "quarters": 0, "total": 3},
        {"unit": "Thôn B", "months": [0] * 6, "quarters": 0, "total": 0},
        {"unit": "Văn phòng - Thống kê", "months": [0] * 6, "quarters": 1, "total": 1},
        {"unit": "Hội Phụ nữ", "months": [0] * 6, "quarters": 0, "total": 0},
    ]
    assert contest["month_totals"] == [1, 0, 2, 0, 0, 0]
    assert (contest["quarter_total"], contest["total"]) == (1, 4)
    assert contest["missing"] == ["Thôn B", "Hội Phụ nữ"]
    assert (contest["units_sent"], contest["units_total"]) == (2, 4)
    year = whole_year(commune)["contest"]
    assert (year["total"], year["units_sent"], year["missing"]) == (6, 3, ["Thôn B"])


def test_awards_by_form_and_level_with_women_and_money(commune, year_data):
    awards = h1(commune)["awards"]
    assert awards["rows"] == [
        {"title": "Lao động tiên tiến", "kind": "title", "level": "individual", "count": 2, "women": 1,
         "amount": 894000},
        {"title": "Tập thể lao động tiên tiến", "kind": "title", "level": "collective", "count": 1, "women": 0,
         "amount": 1192000},
    ]
    assert (awards["total"], awards["women"], awards["amount"]) == (3, 1, 2086000)
    year = whole_year(commune)["awards"]
    assert year["by_level"] == {"individual": 3, "collective": 1, "household": 1, "hamlet": 1}
    assert (year["total"], year["women"], year["amount"]) == (6, 2, 5438500)
    assert (year["titles"], year["forms"]) == (4, 2)
    assert [row["title"] for row in year["rows"]] == [
        "Lao động tiên tiến", "Tập thể lao động tiên tiến", "Thôn, tổ dân phố văn hóa",
        "Giấy khen của Chủ tịch UBND xã (cá nhân)", "Giấy khen của Chủ tịch UBND xã (hộ gia đình)",
    ]


def test_timeline_tasks_on_time_late_open(commune, year_data):
    assert h1(commune)["tasks"] == {"total": 3, "on_time": 1, "late": 1, "open": 1, "overdue": 1}
    assert whole_year(commune)["tasks"] == {"total": 4, "on_time": 1, "late": 1, "open": 2, "overdue": 2}


def test_plan_and_pipeline(commune, year_data):
    figures = h1(commune)
    assert figures["plan"] == {"code": "01/KH-UBND", "issued_on": "04/01/2022",
                               "summary": "Công tác thi đua, khen thưởng năm 2022", "campaigns": 1, "targets": 1}
    assert figures["nominations"] == {"statuses": {"draft": 7, "in_ballot": 0, "passed": 0, "failed": 0},
                                      "total": 7}
    assert figures["has_data"] is True


def test_a_unit_sees_only_its_own_figures(commune, thon_a, year_data):
    figures = whole_year(commune, unit_ids=[thon_a.pk])
    assert figures["registrations"]["rows"] == [{"unit": "Thôn A", "counts": [2, 1], "total": 3}]
    assert figures["registrations"]["units_total"] == 1
    assert [row["unit"] for row in figures["contest"]["rows"]] == ["Thôn A"]
    assert figures["contest"]["total"] == 4
    assert (figures["initiatives"]["submitted"], figures["initiatives"]["staff"]) == (1, 3)  # the 2021 one aside
    # lan and minh (people of Thôn A) and the hamlet's title.
    assert (figures["awards"]["total"], figures["awards"]["amount"]) == (3, 447000 + 447000 + 2235000)


def test_a_year_without_plan_or_data(commune):
    figures = compute_figures(commune=commune, year=2030, period="year", today=TODAY)
    assert figures["plan"] is None
    assert figures["has_data"] is False
    assert figures["tasks"]["total"] == 0


def test_the_figures_take_a_fixed_number_of_queries(commune, year_data, django_assert_num_queries):
    with django_assert_num_queries(11):  # the award fund's balance is the 11th
        whole_year(commune)
