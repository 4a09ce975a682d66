"""Filters of the list endpoints, read by hand from the query string (django-filter is not installed) and checked:
a malformed value is a 400 naming the parameter, in Vietnamese, never a 500 nor a silently ignored filter."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

YEAR_MIN, YEAR_MAX = 1900, 2999


def _bad(name: str, message: str):
    return ValidationError({name: [message]})


def _raw(request, name: str) -> str | None:
    value = request.query_params.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def int_param(request, name: str) -> int | None:
    """A positive whole number (an id), or None when the parameter is absent or empty."""
    value = _raw(request, name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise _bad(name, _("“%(name)s” must be a positive whole number.") % {"name": name})
    return int(value)


def year_param(request, name: str = "year") -> int | None:
    year = int_param(request, name)
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise _bad(name, _("“%(name)s” must be a year between %(low)s and %(high)s.") % {
            "name": name, "low": YEAR_MIN, "high": YEAR_MAX})
    return year


def choice_param(request, name: str, choices) -> str | None:
    """One of `choices` (a list of values), or None when absent."""
    value = _raw(request, name)
    if value is None:
        return None
    if value not in choices:
        raise _bad(name, _("“%(name)s” must be one of: %(values)s.") % {"name": name, "values": ", ".join(choices)})
    return value


def date_param(request, name: str) -> datetime.date | None:
    """An ISO date (yyyy-mm-dd), or None when absent."""
    value = _raw(request, name)
    if value is None:
        return None
    try:
        if len(value) != 10:  # fromisoformat also takes "20220104" and week dates: only yyyy-mm-dd here
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _bad(name, _("“%(name)s” must be a date written yyyy-mm-dd.") % {"name": name}) from None


# The parameters as the schema documents them.

def id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.QUERY, description=description)


def year_parameter(description: str = "Năm (ví dụ 2022).") -> OpenApiParameter:
    return OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY, description=description)


def choice_parameter(name: str, choices, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, enum=list(choices),
                            description=description)


def date_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.DATE, OpenApiParameter.QUERY, description=description)
