from django import template

from ..arithmetic import format_points

register = template.Library()


@register.filter
def points(value):
    """Points with a decimal comma and no trailing zeros: 12,5 · -2 · (empty for none)."""
    return format_points(value)


@register.filter
def field_of(fields, role):
    return fields.get(role)
