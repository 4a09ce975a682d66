"""Pages of the award fund: the commune's ledger (office, council and chairman read it; the office books income and
other spending, and reverses a mistaken entry) and the province's (its operators), each with its XLSX.

Commune pages: no person (an operator included) → 403; a unit leader → 403; another commune's entry → 404. Province
pages: operators only (others 403); another province's entry → 404. Every change goes through funds.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.permissions import get_actor
from provinces.views import _operator

from . import services, workbook
from .forms import EntryForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request, owner) -> tuple[int, list[int]]:
    """The year asked for (?year=), else this year; the years offered: those with entries, and this one."""
    today = timezone.localdate().year
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else today
    years = set(services.entries_of(owner).values_list("year", flat=True).distinct())
    return year, sorted(years | {year, today}, reverse=True)


def _commune_actor(request, *, manage: bool = False):
    actor = get_actor(request.user)
    if actor is None or not request.user.has_perm("funds.manage_fund" if manage else "funds.view_fund"):
        raise PermissionDenied
    return actor


class Area:
    """What differs between the commune's pages and the province's: the owner, the URL names, the links."""

    def __init__(self, owner, *, province: bool, can_manage: bool):
        self.owner, self.province, self.can_manage = owner, province, can_manage
        prefix = "provinces:fund" if province else "funds:ledger"
        self.ledger_url = reverse(prefix)
        self.xlsx_url = reverse(f"{prefix}_xlsx")
        self.create_url = reverse("provinces:fund_entry_create" if province else "funds:entry_create")
        self.reverse_name = "provinces:fund_entry_reverse" if province else "funds:entry_reverse"
        self.title = owner.title


def _area(request, *, province: bool, manage: bool = False) -> Area:
    if province:
        operator = _operator(request.user)
        return Area(operator.province, province=True, can_manage=True)
    actor = _commune_actor(request, manage=manage)
    return Area(actor.commune, province=False, can_manage=request.user.has_perm("funds.manage_fund"))


def _ledger(request, *, province: bool):
    area = _area(request, province=province)
    year, years = _year(request, area.owner)
    ledger = services.ledger(area.owner, year)
    for entry in ledger["entries"]:
        if entry.decision_id:
            entry.link = reverse("awards:decision_detail", args=[entry.decision_id])
            entry.code = entry.decision.code
        elif entry.province_decision_id:
            entry.link = reverse("provinces:decision_detail", args=[entry.province_decision_id])
            entry.code = entry.province_decision.document.code
        entry.reversible = (area.can_manage and entry.kind in services.MANUAL_KINDS and not entry.reverses_id
                            and not hasattr(entry, "reversed_by"))
    return render(request, "funds/ledger.html", {
        "area": area, "year": year, "years": years, "ledger": ledger, "totals": ledger["totals"],
    })


def _ledger_xlsx(request, *, province: bool):
    area = _area(request, province=province)
    year, _years = _year(request, area.owner)
    content = workbook.build_workbook(title=area.title, year=year, ledger=services.ledger(area.owner, year))
    response = HttpResponse(content, content_type=XLSX)
    slug = area.owner.slug
    response["Content-Disposition"] = f'attachment; filename="quy-thi-dua-khen-thuong-{slug}-{year}.xlsx"'
    return response


def _entry_create(request, *, province: bool):
    area = _area(request, province=province, manage=True)
    year, _years = _year(request, area.owner)
    form = EntryForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_fund_entry(owner=area.owner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is booked."))
            return redirect(f"{area.ledger_url}?year={year}")
    return render(request, "funds/entry_form.html", {"area": area, "year": year, "form": form})


def _entry_reverse(request, pk, *, province: bool):
    area = _area(request, province=province, manage=True)
    entry = get_object_or_404(services.entries_of(area.owner).select_related("created_by__person"), pk=pk)
    if request.method == "POST":
        try:
            services.reverse_fund_entry(entry=entry, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The entry is reversed."))
        return redirect(f"{area.ledger_url}?year={entry.year}")
    return render(request, "funds/entry_reverse.html", {"area": area, "entry": entry})


@login_required
def ledger(request):
    return _ledger(request, province=False)


@login_required
def ledger_xlsx(request):
    return _ledger_xlsx(request, province=False)


@login_required
def entry_create(request):
    return _entry_create(request, province=False)


@login_required
def entry_reverse(request, pk):
    return _entry_reverse(request, pk, province=False)


@login_required
def province_ledger(request):
    return _ledger(request, province=True)


@login_required
def province_ledger_xlsx(request):
    return _ledger_xlsx(request, province=True)


@login_required
def province_entry_create(request):
    return _entry_create(request, province=True)


@login_required
def province_entry_reverse(request, pk):
    return _entry_reverse(request, pk, province=True)
