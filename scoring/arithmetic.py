"""How each kind of criterion turns what was entered into points, and what may be entered.

What is entered depends on the kind: the achieved value for a quantitative criterion (points scale with the share of
the target achieved, capped at the maximum), the points themselves for a qualitative criterion or a bonus, the number
of occurrences for fixed points per occurrence (points × count, capped), the points taken off for a deduction (stored
negative). Points are rounded to hundredths.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .enums import CriterionKind

ZERO = Decimal(0)
CENT = Decimal("0.01")


def _points(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points_for(criterion, value: Decimal | None) -> Decimal | None:
    """The signed points earned by `value` entered for `criterion` (None when nothing was entered)."""
    if value is None or criterion.kind == CriterionKind.GROUP:
        return None
    maximum = criterion.max_points
    kind = criterion.kind
    if kind == CriterionKind.QUANTITATIVE:
        if not criterion.target:
            return ZERO
        return _points(min(maximum, maximum * value / criterion.target))
    if kind == CriterionKind.PER_OCCURRENCE:
        return _points(min(maximum, (criterion.points_per_occurrence or ZERO) * value))
    if kind == CriterionKind.DEDUCTION:
        return -_points(min(maximum, value))
    return _points(min(maximum, value))  # qualitative, bonus


def value_error(criterion, value: Decimal | None) -> str | None:
    """Why `value` cannot be entered for `criterion` (a Vietnamese message), or None when it can."""
    if value is None:
        return None
    if value < 0:
        if criterion.kind == CriterionKind.DEDUCTION:
            return _("Enter the points deducted as a positive number.")
        return _("The value cannot be negative.")
    kind = criterion.kind
    if kind == CriterionKind.PER_OCCURRENCE and value != value.to_integral_value():
        return _("The number of occurrences must be a whole number.")
    capped = (CriterionKind.QUALITATIVE, CriterionKind.BONUS, CriterionKind.DEDUCTION)
    if kind in capped and value > criterion.max_points:
        return _("At most %(max)s points for this criterion.") % {"max": format_points(criterion.max_points)}
    return None


def _plain(value: Decimal) -> str:
    """"10" for 10.00, "7.5" for 7.50 (HTML number attributes)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def input_limits(criterion) -> dict:
    """min/max/step attributes of the number input for `criterion`."""
    attrs = {"min": "0", "step": "0.01", "inputmode": "decimal"}
    if criterion.kind == CriterionKind.PER_OCCURRENCE:
        attrs.update(step="1", inputmode="numeric")
    if criterion.kind in (CriterionKind.QUALITATIVE, CriterionKind.BONUS, CriterionKind.DEDUCTION):
        attrs["max"] = _plain(criterion.max_points)
    return attrs


def format_points(value: Decimal | None) -> str:
    """Points as Vietnamese print them: decimal comma, no trailing zeros ("12,5", "-2", "")."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    text = f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))
    return text.replace(".", ",")


def total(points) -> Decimal:
    """The sum of signed points (bonus added, deductions subtracted); missing points count as nothing."""
    return sum((p for p in points if p is not None), ZERO)
