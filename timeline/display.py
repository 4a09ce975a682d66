"""How tasks look: the status a reader sees (with the derived "overdue") and the Gantt chart, computed server-side."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from .enums import TaskStatus
from .models import TimelineTask

OVERDUE = "overdue"
OVERDUE_LABEL = _("Overdue")


def shown_status(task: TimelineTask, today: datetime.date | None = None) -> tuple[str, str]:
    """(key, label) of the status a reader sees: "overdue" is derived from the due date, never stored."""
    if task.is_overdue(today or timezone.localdate()):
        return OVERDUE, OVERDUE_LABEL
    return task.status, TaskStatus(task.status).label


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    label: str
    left: str
    width: str


@dataclass(frozen=True)
class Bar:
    task: TimelineTask
    status: str
    status_label: str
    starts_on: datetime.date
    left: str
    width: str


@dataclass(frozen=True)
class Chart:
    start: datetime.date
    end: datetime.date
    months: list[Month]
    bars: list[Bar]
    today_left: str | None  # None when today is outside the chart


def _month_after(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _percent(value: float) -> str:
    # Formatted here, not in the template: Vietnamese number formatting would write "12,5%".
    return f"{value:.3f}%"


def bar_start(task: TimelineTask) -> datetime.date:
    """A task without a start date runs from the first day of the month it is due in."""
    return task.starts_on or task.due_on.replace(day=1)


def build_chart(tasks: list[TimelineTask], *, year: int, today: datetime.date) -> Chart:
    """Months across (the whole year, widened to tasks that start earlier or end later), one bar per task."""
    start = min([datetime.date(year, 1, 1)] + [bar_start(t) for t in tasks]).replace(day=1)
    end = max([datetime.date(year, 12, 31)] + [t.due_on for t in tasks])
    end = _month_after(end) - datetime.timedelta(days=1)
    total = (end - start).days + 1

    def offset(day: datetime.date) -> float:
        return (day - start).days / total * 100

    months, first = [], start
    while first <= end:
        following = _month_after(first)
        month_label = gettext("M%(month)s") % {"month": first.month}  # "T1"; months of another year also show it
        if first.year != year:
            month_label = f"{month_label}/{first.year}"
        months.append(Month(first_day=first, label=month_label, left=_percent(offset(first)),
                            width=_percent((following - first).days / total * 100)))
        first = following
    bars = []
    for task in tasks:
        begins = min(bar_start(task), task.due_on)
        status, label = shown_status(task, today)
        bars.append(Bar(task=task, status=status, status_label=label, starts_on=begins, left=_percent(offset(begins)),
                        width=_percent(((task.due_on - begins).days + 1) / total * 100)))
    today_left = _percent(offset(today) + 50 / total) if start <= today <= end else None
    return Chart(start=start, end=end, months=months, bars=bars, today_left=today_left)
