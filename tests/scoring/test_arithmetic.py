"""Points per kind of criterion, what may be entered, and the checks of the criteria tree."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from scoring import services
from scoring.arithmetic import format_points, input_limits, points_for, total, value_error
from scoring.enums import CriterionKind as K
from scoring.models import Criterion


def crit(kind, maximum, **extra):
    return Criterion(kind=kind, max_points=D(maximum), **extra)


@pytest.mark.parametrize(("criterion", "value", "points"), [
    # Quantitative: scaled by the share of the target achieved, capped at the maximum.
    (crit(K.QUANTITATIVE, 10, target=D(20)), "15", "7.50"),
    (crit(K.QUANTITATIVE, 10, target=D(20)), "20", "10.00"),
    (crit(K.QUANTITATIVE, 10, target=D(20)), "23", "10.00"),
    (crit(K.QUANTITATIVE, 15, target=D(100)), "0", "0.00"),
    (crit(K.QUANTITATIVE, 5, target=D(15)), "12", "4.00"),
    (crit(K.QUANTITATIVE, 10, target=D(3)), "1", "3.33"),
    # Qualitative: the points themselves.
    (crit(K.QUALITATIVE, 10), "8.5", "8.50"),
    # Fixed points per occurrence: points × count, capped.
    (crit(K.PER_OCCURRENCE, 6, points_per_occurrence=D(2)), "2", "4.00"),
    (crit(K.PER_OCCURRENCE, 6, points_per_occurrence=D(2)), "5", "6.00"),
    # Bonus added, deduction stored negative.
    (crit(K.BONUS, 10), "10", "10.00"),
    (crit(K.DEDUCTION, 5), "2", "-2.00"),
])
def test_points_per_kind(criterion, value, points):
    assert points_for(criterion, D(value)) == D(points)


def test_nothing_entered_gives_no_points():
    assert points_for(crit(K.QUALITATIVE, 10), None) is None
    assert points_for(crit(K.GROUP, 10), D(3)) is None


def test_total_adds_bonus_and_subtracts_deductions():
    assert total([D("9"), D("7.5"), None, D("5"), D("-1")]) == D("20.5")


@pytest.mark.parametrize(("criterion", "value", "message"), [
    (crit(K.QUALITATIVE, 10), "10.5", "Tối đa 10 điểm cho tiêu chí này."),
    (crit(K.BONUS, 5), "6", "Tối đa 5 điểm cho tiêu chí này."),
    (crit(K.QUALITATIVE, 10), "-1", "Không được nhập số âm."),
    (crit(K.QUANTITATIVE, 10, target=D(20)), "-3", "Không được nhập số âm."),
    (crit(K.DEDUCTION, 5), "-2", "Nhập số điểm bị trừ bằng số dương."),
    (crit(K.PER_OCCURRENCE, 6, points_per_occurrence=D(2)), "1.5", "Số lần phải là số nguyên."),
])
def test_value_errors_in_vietnamese(criterion, value, message):
    assert value_error(criterion, D(value)) == message


def test_accepted_values():
    assert value_error(crit(K.QUANTITATIVE, 10, target=D(20)), D("150")) is None  # above target: capped
    assert value_error(crit(K.QUALITATIVE, 10), D("10")) is None


def test_number_input_limits():
    assert input_limits(crit(K.QUALITATIVE, 10))["max"] == "10"
    assert "max" not in input_limits(crit(K.QUANTITATIVE, 10, target=D(20)))
    assert input_limits(crit(K.PER_OCCURRENCE, 6))["step"] == "1"


def test_points_print_with_decimal_comma():
    assert format_points(D("12.50")) == "12,5"
    assert format_points(D("-2.00")) == "-2"
    assert format_points(0) == "0"
    assert format_points(None) == ""


def test_tree_problems_sum_of_children(cluster, tree):
    assert services.tree_problems(list(cluster.criteria.all())) == []
    tree["I.1"].max_points = D(8)
    tree["I.1"].save()
    problems = services.tree_problems(list(cluster.criteria.all()))
    assert problems == ["Các tiêu chí thuộc I cộng lại 18 điểm, không phải 20."]


def test_a_child_cannot_exceed_its_group(cluster, tree, head_clerk):
    criterion = Criterion(cluster=cluster, parent=tree["II"], code="II.3", name="Thêm", kind=K.QUALITATIVE,
                          max_points=D(1))
    with pytest.raises(ValidationError) as error:
        services.save_criterion(criterion=criterion, by=head_clerk)
    assert "max_points" in error.value.message_dict
    assert not Criterion.objects.filter(code="II.3").exists()


def test_kind_needs_its_parameters(cluster, head_clerk):
    criterion = Criterion(cluster=cluster, code="V", name="Định lượng", kind=K.QUANTITATIVE, max_points=D(5))
    with pytest.raises(ValidationError) as error:
        services.save_criterion(criterion=criterion, by=head_clerk)
    assert error.value.message_dict["target"] == ["Tiêu chí định lượng cần có chỉ tiêu lớn hơn 0."]
