"""The province's view of a year across all its communes: per commune and in total, the plan issued (and its date),
the registrations by title, the initiatives against the plan's targets, the contest entries, the dossiers sent up
(by state, late, reminded), and the awards by form and level (who decided) with women's share and the money.

Every figure is the one the commune's own year-end report shows for the whole year (reports.figures: the same
querysets, counts and formulas), grouped by commune: one aggregate query per table, whatever the number of communes.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import Decider, TitleKind
from awards.models import RuleSet
from campaigns.enums import PlanStatus
from campaigns.models import Plan
from directory.collation import text_sort_key
from registrations.enums import RegistrationStatus
from registrations.models import Initiative, Registration
from reports.enums import ReportPeriod
from reports.figures import (
    AWARD_COUNTS,
    INITIATIVE_COUNTS,
    REGISTERED,
    awards_in_period,
    contest_entries,
    emulating_units,
    initiative_figures,
    officials,
    percent,
    period_end,
    staff_counts,
)

from .calls import call_for, is_expected
from .enums import DossierStatus
from .models import Dossier, DossierReminder, NothingToSend

DECIDERS = [Decider.COMMUNE_CHAIRMAN, Decider.DISTRICT_CHAIRMAN, Decider.PROVINCE_CHAIRMAN]
# The level of an award: who decided it, in a table header's few words.
LEVELS = {Decider.COMMUNE_CHAIRMAN: _("Commune level"), Decider.DISTRICT_CHAIRMAN: _("Town or district level"),
          Decider.PROVINCE_CHAIRMAN: _("Province level")}
PERIOD = ReportPeriod.YEAR
DOSSIER_STATES = list(DossierStatus)


@dataclass
class TitleColumn:
    code: str
    name: str


@dataclass
class ProvinceYear:
    province: object
    year: int
    titles: list[TitleColumn]  # the registration columns: the year's rule set's titles, then any other code used
    rows: list[dict]  # one a commune, in Vietnamese order
    total: dict  # the same keys, summed (plans: the number of communes with an issued plan)
    awards_by_title: list[dict]  # title or form × decider, with the communes behind each
    call: object = None  # the province's DossierCall of the year (its deadline), if any


def year_rule_set(province, year: int):
    """The rule set of the province's year: the one in force on 1 January (a commune's plan date may pick another
    for its own pages; the province's view needs one set of columns)."""
    return RuleSet.objects.in_force_on(datetime.date(year, 1, 1), province=province)


def _empty_row(commune, width: int) -> dict:
    return {
        "commune": commune,
        "plan": None,
        "registrations": {"by_title": [0] * width, "registered": 0, "submitted": 0, "accepted": 0},
        "initiative_counts": dict.fromkeys(INITIATIVE_COUNTS, 0),
        "staff_counts": {"staff": 0, "with_recognised": 0},
        "contest": {"total": 0, "units_sent": 0, "units_total": 0},
        "awards": {"total": 0, "titles": 0, "forms": 0, "by_decider": [0] * len(DECIDERS), "people": 0,
                   "women": 0, "amount": 0},
        # sent: dossiers of the year, whatever their state; late / reminded_on: see _dossier_state.
        "dossiers": {"sent": 0, "by_status": [0] * len(DOSSIER_STATES), "with_province": 0, "first_received": None,
                     "late": False, "outstanding": False, "reminded_on": None, "reminders": 0,
                     "nothing_declared_on": None},
    }


def _finish(row: dict) -> dict:
    """The derived figures of a row (one commune's or the total): the initiatives' targets, women's share."""
    row["initiatives"] = initiative_figures(row["initiative_counts"], row["staff_counts"])
    awards = row["awards"]
    awards["women_percent"] = percent(awards["women"], awards["people"])
    return row


def _dossier_state(row: dict, call, today: datetime.date) -> None:
    """Late: the deadline has passed, the commune existed on it, and nothing of the year is with the province (never
    sent, or returned and not sent again: "outstanding"), or its first dossier arrived after the deadline. A commune
    that declared it has no proposal this year (provinces.declarations) is neither."""
    dossiers = row["dossiers"]
    if call is None or today <= call.due_on or not is_expected(row["commune"], call):
        return
    if dossiers["nothing_declared_on"] and not dossiers["with_province"]:
        return
    dossiers["outstanding"] = not dossiers["with_province"]
    first = dossiers["first_received"]
    dossiers["late"] = dossiers["outstanding"] or first is None or first > call.due_on


def communes_of_year(province, year: int):
    """The province's communes as they were in `year`: begun by its end and not ended before it began, so a year
    before a merger counts the predecessors and a year after it the successor (the merger's own year shows both,
    each with its own records)."""
    return province.communes.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(year, 12, 31)),
        Q(valid_until__isnull=True) | Q(valid_until__gte=datetime.date(year, 1, 1)),
    )


def province_year(province, year: int, today: datetime.date | None = None) -> ProvinceYear:
    today = today or timezone.localdate()
    communes = list(communes_of_year(province, year))
    ids = [commune.pk for commune in communes]
    rule_set = year_rule_set(province, year)
    titles = [TitleColumn(t.code, t.name) for t in
              (rule_set.titles.filter(kind=TitleKind.EMULATION_TITLE).order_by("position", "pk") if rule_set else [])]

    registrations = list(
        Registration.objects.filter(commune_id__in=ids, year=year, status__in=REGISTERED)
        .values("commune_id", "title__code", "status").annotate(n=Count("pk")).order_by()
    )
    known = {column.code for column in titles}
    extra_codes = sorted({row["title__code"] for row in registrations} - known)
    if extra_codes:  # registered under another rule set's titles (e.g. before the province's own set took effect)
        names = dict(Registration.objects.filter(commune_id__in=ids, year=year, title__code__in=extra_codes)
                     .values_list("title__code", "title__name").order_by("title__code").distinct())
        titles += [TitleColumn(code, names.get(code, code)) for code in extra_codes]
    column = {title.code: index for index, title in enumerate(titles)}

    rows = {commune.pk: _empty_row(commune, len(titles)) for commune in communes}

    plans = Plan.objects.annual().filter(commune_id__in=ids, year=year).select_related("document", "document__series")
    for plan in plans:
        issued = plan.status == PlanStatus.ISSUED
        rows[plan.commune_id]["plan"] = {"issued": issued, "code": plan.document.code if issued else "",
                                         "issued_on": plan.document.issued_on if issued else None}

    for row in registrations:
        counts = rows[row["commune_id"]]["registrations"]
        counts["by_title"][column[row["title__code"]]] += row["n"]
        counts["registered"] += row["n"]
        counts["accepted" if row["status"] == RegistrationStatus.ACCEPTED else "submitted"] += row["n"]

    initiatives = Initiative.objects.filter(commune_id__in=ids, year=year)
    for row in initiatives.values("commune_id").annotate(**INITIATIVE_COUNTS).order_by():
        rows[row["commune_id"]]["initiative_counts"] = {key: row[key] for key in INITIATIVE_COUNTS}
    staff = officials().filter(commune_id__in=ids)
    for row in staff.values("commune_id").annotate(**staff_counts(initiatives)).order_by():
        rows[row["commune_id"]]["staff_counts"] = {"staff": row["staff"], "with_recognised": row["with_recognised"]}

    end = period_end(year, PERIOD)
    units = emulating_units(end).filter(commune_id__in=ids)
    for row in units.values("commune_id").annotate(n=Count("pk")).order_by():
        rows[row["commune_id"]]["contest"]["units_total"] = row["n"]
    entries = contest_entries(year, PERIOD).filter(commune_id__in=ids)
    sent = Count("unit", distinct=True, filter=Q(unit__in=units))
    for row in entries.values("commune_id").annotate(total=Count("pk"), units_sent=sent).order_by():
        rows[row["commune_id"]]["contest"].update(total=row["total"], units_sent=row["units_sent"])

    grouped = list(
        awards_in_period(year, PERIOD).filter(commune_id__in=ids)
        .values("commune_id", "title__code", "title__name", "title__kind", "title__position", "decision__decider")
        .annotate(**AWARD_COUNTS, people=Count("pk", filter=Q(person__isnull=False))).order_by()
    )
    by_title = {}
    for row in grouped:
        awards = rows[row["commune_id"]]["awards"]
        amount = int(row["amount"] or 0)
        awards["total"] += row["count"]
        awards["titles" if row["title__kind"] == TitleKind.EMULATION_TITLE else "forms"] += row["count"]
        awards["by_decider"][DECIDERS.index(row["decision__decider"])] += row["count"]
        awards["people"] += row["people"]
        awards["women"] += row["women"]
        awards["amount"] += amount
        key = (row["title__code"], row["decision__decider"])
        line = by_title.setdefault(key, {
            "code": row["title__code"], "name": row["title__name"], "kind": row["title__kind"],
            "decider": row["decision__decider"], "order": (row["title__kind"] != TitleKind.EMULATION_TITLE,
                                                          row["title__position"], row["title__code"]),
            "count": 0, "people": 0, "women": 0, "amount": 0, "communes": set()})
        line["count"] += row["count"]
        line["people"] += row["people"]
        line["women"] += row["women"]
        line["amount"] += amount
        line["communes"].add(row["commune_id"])
    call = call_for(province, year)
    returned = DOSSIER_STATES.index(DossierStatus.RETURNED)
    for row in (Dossier.objects.filter(commune_id__in=ids, year=year).values("commune_id", "status")
                .annotate(n=Count("pk"), first=Min("received_on")).order_by()):
        dossiers = rows[row["commune_id"]]["dossiers"]
        index = DOSSIER_STATES.index(row["status"])
        dossiers["sent"] += row["n"]
        dossiers["by_status"][index] += row["n"]
        dossiers["with_province"] += 0 if index == returned else row["n"]
        if dossiers["first_received"] is None or row["first"] < dossiers["first_received"]:
            dossiers["first_received"] = row["first"]
    if call is not None:
        for row in (DossierReminder.objects.filter(call=call, commune_id__in=ids).values("commune_id")
                    .annotate(last=Max("sent_on"), n=Count("pk")).order_by()):
            rows[row["commune_id"]]["dossiers"].update(reminded_on=row["last"], reminders=row["n"])
        for commune_id, declared_at in (NothingToSend.objects.filter(commune_id__in=ids, year=year)
                                        .values_list("commune_id", "declared_at")):
            rows[commune_id]["dossiers"]["nothing_declared_on"] = timezone.localdate(declared_at)
    for row in rows.values():
        _dossier_state(row, call, today)

    awards_by_title = []
    communes_by_pk = {row["commune"].pk: row["commune"] for row in rows.values()}
    for line in sorted(by_title.values(), key=lambda line: (line["order"], DECIDERS.index(line["decider"]))):
        line["communes"] = sorted((communes_by_pk[pk] for pk in line["communes"]),
                                  key=lambda commune: (text_sort_key(commune.name), commune.pk))
        line["level"] = LEVELS[line["decider"]]
        del line["order"]
        line["women_percent"] = percent(line["women"], line["people"])
        awards_by_title.append(line)

    ordered = sorted(rows.values(), key=lambda row: (text_sort_key(row["commune"].name), row["commune"].pk))
    total = _finish(_sum(ordered, len(titles)))
    return ProvinceYear(province=province, year=year, titles=titles, rows=[_finish(row) for row in ordered],
                        total=total, awards_by_title=awards_by_title, call=call)


def _sum(rows: list[dict], width: int) -> dict:
    total = _empty_row(None, width)
    total["plan"] = sum(1 for row in rows if row["plan"] and row["plan"]["issued"])
    for row in rows:
        for part in ("registrations", "initiative_counts", "staff_counts", "contest", "awards"):
            for key, value in row[part].items():
                if isinstance(value, list):
                    total[part][key] = [a + b for a, b in zip(total[part][key], value, strict=True)]
                else:
                    total[part][key] += value
    # The dossiers' total: counts summed, and the communes behind "late" and "reminded" (each a link on the page).
    dossiers = total["dossiers"]
    for key in ("sent", "with_province", "reminders"):
        dossiers[key] = sum(row["dossiers"][key] for row in rows)
    dossiers["by_status"] = [sum(column) for column in zip(*(row["dossiers"]["by_status"] for row in rows),
                                                         strict=True)] if rows else dossiers["by_status"]
    dossiers["late_communes"] = [row["commune"] for row in rows if row["dossiers"]["late"]]
    dossiers["outstanding_communes"] = [row["commune"] for row in rows if row["dossiers"]["outstanding"]]
    dossiers["reminded_communes"] = [row["commune"] for row in rows if row["dossiers"]["reminded_on"]]
    dossiers["nothing_communes"] = [row["commune"] for row in rows if row["dossiers"]["nothing_declared_on"]]
    dossiers["late"] = len(dossiers["late_communes"])
    dossiers["outstanding"] = len(dossiers["outstanding_communes"])
    dossiers["reminded_on"] = max((row["dossiers"]["reminded_on"] for row in rows
                                   if row["dossiers"]["reminded_on"]), default=None)
    return total
