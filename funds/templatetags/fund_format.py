from django import template

from funds.services import vnd

register = template.Library()


@register.filter(name="vnd_d")
def vnd_d(value) -> str:
    """1490000 → "1.490.000 đ"; a negative balance keeps its sign."""
    value = int(value or 0)
    return ("−" if value < 0 else "") + vnd(abs(value))
