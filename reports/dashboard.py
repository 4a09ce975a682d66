"""The landing page's dashboard: the commune's year for the office and the chairman, a unit's own for its leader.

Built on reports.figures (one aggregate query per table), plus one query for the overdue tasks listed and one for the
plan years: a constant number of queries whatever the size of the data. Every chart carries its numbers as text
beside the bars (readable without the chart and in print) and links to the filtered list behind it, when the viewer
may open that list.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import NominationStatus, RecipientKind
from campaigns.models import Plan
from registrations.enums import RegistrationStatus
from timeline.models import TimelineTask

from .enums import ReportPeriod
from .figures import compute_figures

OVERDUE_SHOWN = 8


def sees_dashboard(actor) -> bool:
    return bool(actor and (actor.is_office_staff or actor.is_chairman or actor.is_unit_leader))


def _url(name, query: dict | None = None, args=None) -> str | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:  # a list another issue has not built yet
        return None
    return f"{url}?{urlencode(query)}" if query else url


@dataclass
class Bar:
    label: str
    value: int
    url: str | None = None
    tone: str = "danger"
    width: float = 0.0  # percent of the chart's largest value


@dataclass
class Chart:
    key: str
    title: str
    bars: list[Bar]
    url: str | None = None
    summary: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        top = max([bar.value for bar in self.bars] or [0])
        for bar in self.bars:
            bar.width = round(100.0 * bar.value / top, 1) if top else 0.0


@dataclass
class Dashboard:
    year: int
    period: str
    years: list[int]
    scope: str  # "commune" or "units"
    figures: dict
    charts: list[Chart]
    overdue_tasks: list
    contest_month: int


def choose_year_and_period(commune, asked_year: str, asked_period: str, today: datetime.date):
    years = list(Plan.objects.filter(commune=commune).order_by("-year").values_list("year", flat=True).distinct())
    if asked_year.isdigit() and 2000 <= int(asked_year) <= 2100:
        year = int(asked_year)
    else:
        year = years[0] if years else today.year
    if asked_period in ReportPeriod.values:
        period = asked_period
    elif year == today.year and today.month <= 6:
        period = ReportPeriod.SIX_MONTHS
    else:
        period = ReportPeriod.YEAR
    return year, period, sorted({*years, year}, reverse=True)


def build_dashboard(*, actor, year: int, period: str, years: list[int], today: datetime.date | None = None):
    today = today or timezone.localdate()
    commune_view = actor.is_office_staff or actor.is_chairman
    unit_ids = None if commune_view else sorted(actor.led_unit_ids)
    figures = compute_figures(commune=actor.commune, year=year, period=period, unit_ids=unit_ids, today=today)
    end = datetime.date.fromisoformat(figures["period_end"])
    as_of = min(today, end)
    # "This period" of the writing contest: the current month, or the last month of a past period.
    contest_month = as_of.month if as_of.year == year else figures["contest"]["months"][-1]
    tasks = (TimelineTask.objects.filter(plan__commune=actor.commune, plan__year=year, due_on__lte=end)
             .overdue(as_of).order_by("due_on", "position"))
    if unit_ids is not None:
        tasks = tasks.filter(assignments__unit_id__in=unit_ids).distinct()
    overdue = list(tasks[:OVERDUE_SHOWN])
    charts = _charts(figures, year=year, commune_view=commune_view, office_view=actor.is_office_staff,
                     contest_month=contest_month)
    return Dashboard(year=year, period=period, years=years, scope="commune" if commune_view else "units",
                     figures=figures, charts=charts, overdue_tasks=overdue, contest_month=contest_month)


def _charts(f, *, year, commune_view, office_view, contest_month) -> list[Chart]:
    y = {"year": year}
    reg_list = "registrations:overview" if commune_view else "registrations:registration_list"
    registrations = Chart(
        "registrations", _("Registrations by state"),
        [Bar(label, f["registrations"]["statuses"][status],
             _url(reg_list, {**y, "status": status} if commune_view else y))
         for status, label in RegistrationStatus.choices],
        url=_url(reg_list, y),
        summary=_("%(n)s/%(total)s units registered") % {"n": f["registrations"]["units_registered"],
                                                       "total": f["registrations"]["units_total"]},
    )
    nominations = Chart(
        "nominations", _("Nominations by state"),
        [Bar(label, f["nominations"]["statuses"][status], _url("awards:nomination_list", {**y, "status": status}))
         for status, label in NominationStatus.choices],
        url=_url("awards:nomination_list", y),
    )
    tasks = f["tasks"]
    timeline = Chart(
        "tasks", _("Timeline tasks due in the period"),
        [Bar(_("Done on time"), tasks["on_time"], tone="success"), Bar(_("Done late"), tasks["late"], tone="warning"),
         Bar(_("Open, not yet due"), tasks["open"] - tasks["overdue"], tone="secondary"),
         Bar(_("Overdue"), tasks["overdue"], tone="danger")],
        url=_url("timeline:timeline", y),
    )
    month_index = f["contest"]["months"].index(contest_month) if contest_month in f["contest"]["months"] else None
    missing_now = [row["unit"] for row in f["contest"]["rows"]
                   if month_index is not None and not row["months"][month_index]]
    contest_query = {**y, "period_kind": "month", "period": contest_month}
    contest = Chart(
        "contest", _("Writing contest, month %(month)s") % {"month": f"{contest_month:02d}/{year}"},
        [Bar(_("Units that sent an entry"), len(f["contest"]["rows"]) - len(missing_now),
             _url("registrations:contest_list", y), tone="success"),
         Bar(_("Units missing this month's entry"), len(missing_now),
             _url("registrations:contest_missing", contest_query) if office_view
             else _url("registrations:contest_list", y))],
        # The units missing an entry are the office's list; the others see the entries.
        url=_url("registrations:contest_missing", contest_query) if office_view
        else _url("registrations:contest_list", y),
        summary=_("%(total)s entries in the period") % {"total": f["contest"]["total"]},
        notes=missing_now,
    )
    ini = f["initiatives"]
    initiatives = Chart(
        "initiatives", _("Initiatives against the targets"),
        [Bar(_("Submitted"), ini["submitted"], _url("registrations:initiative_list", y), tone="secondary"),
         Bar(_("Recognised"), ini["recognised"], _url("registrations:initiative_list", y), tone="primary"),
         Bar(_("Applied"), ini["applied"], _url("registrations:initiative_list", y), tone="success")],
        url=_url("registrations:initiative_list", y),
        notes=[
            _ratio_note(ini["staff_with_recognised"], ini["staff"], ini["staff_percent"], ini["staff_target"],
                        _("Staff with a recognised initiative: %(n)s/%(total)s = %(percent)s%% (target ≥ "
                          "%(target)s%%)"),
                        _("Staff with a recognised initiative: none yet (target ≥ %(target)s%%)")),
            _ratio_note(ini["applied"], ini["recognised"], ini["applied_percent"], ini["applied_target"],
                        _("Recognised initiatives applied: %(n)s/%(total)s = %(percent)s%% (target ≥ "
                          "%(target)s%%)"),
                        _("Recognised initiatives applied: none yet (target ≥ %(target)s%%)")),
        ],
    )
    awards = f["awards"]
    # The award list is the commune's, for the office, the chairman and the council: a unit leader sees the numbers.
    award_url = _url("awards:award_list", y) if commune_view else None
    awards_chart = Chart(
        "awards", _("Awards so far"),
        [Bar(str(label), awards["by_level"].get(level, 0), award_url, tone="warning")
         for level, label in RecipientKind.choices],
        url=award_url,
        summary=_("%(total)s awards, %(women)s to women, %(amount)s VND") % {
            "total": awards["total"], "women": awards["women"], "amount": f"{awards['amount']:,}".replace(",", ".")},
    )
    return [registrations, nominations, timeline, contest, initiatives, awards_chart]


def _ratio_note(n, total, percent, target, text, text_when_none) -> str:
    """ "2/8 = 25% (target ≥ 15%)", the percentage in the language's own format (66,7 in Vietnamese); a ratio of
    nothing (0/0) says so instead of printing 0/0 = 0%."""
    if not total:
        return text_when_none % {"target": target}
    return text % {"n": n, "total": total, "percent": floatformat(percent, -1), "target": target}
