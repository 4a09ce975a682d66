"""Every figure of a report and of the dashboard, computed from the portal's data in one place.

`compute_figures` returns plain JSON-ready data (ints, strings, lists, dicts): a draft report and the dashboard show
it live; an issued report stores it (Report.frozen) and prints, exports and shows only the stored copy. The number
of queries is fixed (one aggregate per table), whatever the size of the commune's data.

Period: registrations and initiatives belong to the year and are counted whole; contest entries count for the
months (and quarters) of the period; awards decided by the end of the period; timeline tasks due by then.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from awards.enums import NominationStatus, RecipientKind, TitleKind
from awards.models import Award, Nomination
from campaigns.models import CampaignTarget, Plan
from directory.enums import Gender, PersonKind
from directory.models import Person, Unit
from funds.services import balance as fund_balance
from registrations.enums import PeriodKind, RegistrationStatus
from registrations.initiative_services import CONTEST_UNIT_KINDS
from registrations.models import ContestEntry, Initiative, Registration
from timeline.enums import TaskStatus
from timeline.models import TaskAssignment, TimelineTask

from .enums import ReportPeriod

# Registrations sent to the office (a returned one is still registered, only being corrected); drafts are not.
REGISTERED = [RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED, RegistrationStatus.ACCEPTED]
LEVELS = [RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD, RecipientKind.HAMLET]


def period_end(year: int, period: str) -> datetime.date:
    return datetime.date(year, 6, 30) if period == ReportPeriod.SIX_MONTHS else datetime.date(year, 12, 31)


def period_months(period: str) -> list[int]:
    return list(range(1, 7)) if period == ReportPeriod.SIX_MONTHS else list(range(1, 13))


def period_label(year: int, period: str) -> str:
    # Document wording: fixed Vietnamese whatever the interface language.
    return f"6 tháng đầu năm {year}" if period == ReportPeriod.SIX_MONTHS else f"năm {year}"


def initiative_targets() -> tuple[int, int]:
    """The plan's initiative targets: ≥15% of staff with a recognised initiative, ≥70% of initiatives applied."""
    return (getattr(settings, "REPORTS_INITIATIVE_STAFF_TARGET_PERCENT", 15),
            getattr(settings, "REPORTS_INITIATIVE_APPLIED_TARGET_PERCENT", 70))


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def compute_figures(*, commune, year: int, period: str, unit_ids=None, today: datetime.date | None = None) -> dict:
    """All figures for a commune's year and period; with `unit_ids`, only those units' own figures."""
    end = period_end(year, period)
    today = today or datetime.date.today()
    units = _units(commune, end, unit_ids)  # read once: registrations and the contest both go through them
    figures = {
        "commune": str(commune),
        "year": year,
        "period": period,
        "period_label": period_label(year, period),
        "period_end": end.isoformat(),
        "scope": "units" if unit_ids is not None else "commune",
        "plan": _plan(commune, year),
        "registrations": _registrations(commune, year, unit_ids, units),
        "nominations": _nominations(commune, year, unit_ids),
        "initiatives": _initiatives(commune, year, unit_ids),
        "contest": _contest(commune, year, period, unit_ids, units),
        "awards": _awards(commune, year, period, end, unit_ids),
        "tasks": _tasks(commune, year, end, min(today, end), unit_ids),
        "fund": _fund(commune, year, end) if unit_ids is None else None,
    }
    figures["has_data"] = bool(
        figures["registrations"]["all"] or figures["initiatives"]["submitted"] or figures["contest"]["total"]
        or figures["awards"]["total"] or figures["nominations"]["total"]
    )
    return figures


def _plan(commune, year) -> dict | None:
    plan = (Plan.objects.annual().filter(commune=commune, year=year).select_related("document", "document__series")
            .annotate(campaign_count=Count("campaigns", distinct=True)).first())
    if plan is None:
        return None
    return {"code": plan.document.code, "issued_on": plan.document.issued_on.strftime("%d/%m/%Y"),
            "summary": plan.document.summary, "campaigns": plan.campaign_count,
            "targets": CampaignTarget.objects.filter(campaign__plan=plan).count()}


def emulating_units(end):
    """The units that emulate (register, write contest entries) and exist at the period's end, of every commune."""
    return Unit.objects.filter(kind__in=CONTEST_UNIT_KINDS).active_on(end)


def _units(commune, end, unit_ids):
    units = emulating_units(end).filter(commune=commune)
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    return list(units.order_by("position", "name").values("pk", "name"))


def _registrations(commune, year, unit_ids, emulating) -> dict:
    queryset = Registration.objects.filter(commune=commune, year=year)
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=unit_ids)
    grouped = list(
        queryset.values("unit_id", "unit__name", "unit__position", "title_id", "title__name", "title__position",
                        "status")
        .annotate(n=Count("pk")).order_by()
    )
    statuses = {status.value: 0 for status in RegistrationStatus}
    titles, units, cells = {}, {}, {}
    for row in grouped:
        statuses[row["status"]] += row["n"]
        if row["status"] not in REGISTERED:
            continue
        titles[row["title_id"]] = (row["title__position"], row["title__name"])
        units[row["unit_id"]] = (row["unit__position"], row["unit__name"])
        key = (row["unit_id"], row["title_id"])
        cells[key] = cells.get(key, 0) + row["n"]
    title_ids = sorted(titles, key=lambda pk: (titles[pk], pk))
    rows = []
    for unit_id in sorted(units, key=lambda pk: (units[pk], pk)):
        counts = [cells.get((unit_id, title_id), 0) for title_id in title_ids]
        rows.append({"unit": units[unit_id][1], "counts": counts, "total": sum(counts)})
    totals = [sum(row["counts"][i] for row in rows) for i in range(len(title_ids))]
    emulating_ids = {unit["pk"] for unit in emulating}
    return {
        "statuses": statuses,
        "all": sum(statuses.values()),
        "titles": [titles[pk][1] for pk in title_ids],
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
        "units_registered": len(emulating_ids & set(units)),
        "units_total": len(emulating_ids),
    }


def _nominations(commune, year, unit_ids) -> dict:
    queryset = Nomination.objects.filter(commune=commune, year=year)
    if unit_ids is not None:
        # As the nomination list the chart links to shows a unit leader: by the nomination's unit only.
        queryset = queryset.filter(unit_id__in=unit_ids)
    counts = dict(queryset.values_list("status").annotate(n=Count("pk")).order_by())
    statuses = {status.value: counts.get(status.value, 0) for status in NominationStatus}
    return {"statuses": statuses, "total": sum(statuses.values())}


# The initiatives' counts, for `aggregate` (one commune) or `values("commune_id").annotate` (many at once).
INITIATIVE_COUNTS = {
    "submitted": Count("pk"),
    "recognised": Count("pk", filter=Q(recognised=True)),
    "applied": Count("pk", filter=Q(applied=True)),
}


def staff_counts(initiatives) -> dict:
    """The staff (officials) and those of them author of a recognised initiative among `initiatives` of their own
    commune, for `aggregate` or `annotate` on a queryset of people."""
    return {
        "staff": Count("pk", distinct=True),
        "with_recognised": Count("pk", distinct=True, filter=Q(
            initiatives__in=initiatives.filter(recognised=True), initiatives__commune=F("commune"))),
    }


def officials():
    return Person.objects.filter(kind=PersonKind.OFFICIAL)


def _initiatives(commune, year, unit_ids) -> dict:
    queryset = Initiative.objects.filter(commune=commune, year=year)
    staff = officials().filter(commune=commune)
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=unit_ids)
        staff = staff.filter(unit_id__in=unit_ids)
    return initiative_figures(queryset.aggregate(**INITIATIVE_COUNTS), staff.aggregate(**staff_counts(queryset)))


def initiative_figures(counts: dict, staff: dict) -> dict:
    """The initiatives against the plan's targets, from INITIATIVE_COUNTS and staff_counts (one commune's, or summed
    over many)."""
    counts = {key: counts.get(key) or 0 for key in INITIATIVE_COUNTS}
    staff_counts = {key: staff.get(key) or 0 for key in ("staff", "with_recognised")}
    staff_target, applied_target = initiative_targets()
    staff_percent = percent(staff_counts["with_recognised"], staff_counts["staff"])
    applied_percent = percent(counts["applied"], counts["recognised"])
    return {
        **counts,
        "staff": staff_counts["staff"],
        "staff_with_recognised": staff_counts["with_recognised"],
        "staff_percent": staff_percent,
        "staff_target": staff_target,
        "staff_met": staff_percent >= staff_target,
        "applied_percent": applied_percent,
        "applied_target": applied_target,
        "applied_met": counts["recognised"] > 0 and applied_percent >= applied_target,
    }


def contest_entries(year, period):
    """Contest entries counted for the period: its months, and the quarters that end in it (every commune's)."""
    months = period_months(period)
    quarters = [q for q in range(1, 5) if q * 3 <= months[-1]]
    return ContestEntry.objects.filter(year=year).filter(
        Q(period_kind=PeriodKind.MONTH, period__in=months) | Q(period_kind=PeriodKind.QUARTER, period__in=quarters)
    )


def _contest(commune, year, period, unit_ids, units) -> dict:
    months = period_months(period)
    quarters = [q for q in range(1, 5) if q * 3 <= months[-1]]
    queryset = contest_entries(year, period).filter(commune=commune)
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=unit_ids)
    counts = {}
    for row in queryset.values("unit_id", "period_kind", "period").annotate(n=Count("pk")).order_by():
        counts[(row["unit_id"], row["period_kind"], row["period"])] = row["n"]
    rows, missing = [], []
    for unit in units:
        by_month = [counts.get((unit["pk"], PeriodKind.MONTH, m), 0) for m in months]
        by_quarter = sum(counts.get((unit["pk"], PeriodKind.QUARTER, q), 0) for q in quarters)
        total = sum(by_month) + by_quarter
        rows.append({"unit": unit["name"], "months": by_month, "quarters": by_quarter, "total": total})
        if not total:
            missing.append(unit["name"])
    return {
        "months": months,
        "rows": rows,
        "month_totals": [sum(row["months"][i] for row in rows) for i in range(len(months))],
        "quarter_total": sum(row["quarters"] for row in rows),
        "total": sum(row["total"] for row in rows),
        "missing": missing,
        "units_sent": len(rows) - len(missing),
        "units_total": len(rows),
    }


def awards_in_period(year, period):
    """The awards in force of the year decided by the period's end (every commune's)."""
    queryset = (
        Award.objects.active().filter(year=year)
        .annotate(decided_on=Coalesce("decision__document__issued_on", "decision__external_date"))
    )
    dated = Q(decided_on__lte=period_end(year, period))
    if period == ReportPeriod.YEAR:
        dated |= Q(decided_on__isnull=True)  # a decision received without its date still counts for the year
    return queryset.filter(dated)


# The awards' counts, for `values(...).annotate`: how many, how many to women, the money.
AWARD_COUNTS = {
    "count": Count("pk"),
    "women": Count("pk", filter=Q(person__gender=Gender.FEMALE)),
    "amount": Sum("amount"),
}


def _awards(commune, year, period, end, unit_ids) -> dict:
    queryset = awards_in_period(year, period).filter(commune=commune)
    if unit_ids is not None:
        queryset = queryset.filter(Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids))
    grouped = (
        queryset.values("title_id", "title__name", "title__kind", "title__recipient_kind", "title__position")
        .annotate(**AWARD_COUNTS)
        .order_by("-title__kind", "title__position", "title_id")  # titles ("title") before forms
    )
    rows = []
    by_level = {level.value: 0 for level in LEVELS}
    for row in grouped:
        amount = int(row["amount"] or Decimal(0))
        rows.append({"title": row["title__name"], "kind": row["title__kind"], "level": row["title__recipient_kind"],
                     "count": row["count"], "women": row["women"], "amount": amount})
        by_level[row["title__recipient_kind"]] = by_level.get(row["title__recipient_kind"], 0) + row["count"]
    return {
        "rows": rows,
        "by_level": by_level,
        "titles": sum(r["count"] for r in rows if r["kind"] == TitleKind.EMULATION_TITLE),
        "forms": sum(r["count"] for r in rows if r["kind"] == TitleKind.AWARD_FORM),
        "total": sum(r["count"] for r in rows),
        "women": sum(r["women"] for r in rows),
        "amount": sum(r["amount"] for r in rows),
    }


def _fund(commune, year, end) -> dict:
    """The commune's award fund of the year by the period's end (funds.services.balance): what earlier years left,
    income, spending, balance, in đồng."""
    totals = fund_balance(commune, year, until=end)
    return {"opening": int(totals.opening), "income": int(totals.income), "spending": int(totals.spending),
            "balance": int(totals.balance)}


def _tasks(commune, year, end, as_of, unit_ids) -> dict:
    queryset = TimelineTask.objects.filter(plan__commune=commune, plan__year=year, due_on__lte=end)
    if unit_ids is not None:
        queryset = queryset.filter(
            pk__in=TaskAssignment.objects.filter(unit_id__in=unit_ids).values("task_id")
        )
    done = Q(status=TaskStatus.DONE)
    counts = queryset.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=done & (Q(done_on__isnull=True) | Q(done_on__lte=F("due_on")))),
        late=Count("pk", filter=done & Q(done_on__gt=F("due_on"))),
        open=Count("pk", filter=~done),
        overdue=Count("pk", filter=~done & Q(due_on__lt=as_of)),
    )
    return counts

