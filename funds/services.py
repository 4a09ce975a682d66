"""The award fund's bookings and balance (see funds.models).

The decisions' services book their reward money here: the commune chairman's decision (awards.decisions.
issue_decision) in the commune's fund, the province's decision (provinces.decisions.issue_province_decision) in the
province's; a decision recorded from above the commune outside the portal is paid by the level that decides and
books nothing. Revoking an award books its money back as income in the fund that paid it. Before booking, a decision
whose reward money exceeds the fund's balance of its year is refused unless the caller allows the overspending (the
pages ask for an explicit confirmation). The booking functions are steps of those (audited) services: their history
rows carry the calling service's user and reason; they take the entry's `created_by`, not a `by` of their own.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.utils.translation import gettext as _

from audit.history import audited
from awards.models import BaseSalary
from directory.models import Commune, Province
from directory.permissions import get_actor, operates_province

from .enums import INCOME_KINDS, MANUAL_KINDS, EntryKind
from .models import FundEntry

ZERO = Decimal(0)


# The automatic entries' descriptions are the ledger's (a document the office files): Vietnamese in any language.
def spending_description(code: str) -> str:
    return f"Chi tiền thưởng theo Quyết định số {code}"


def vnd(amount) -> str:
    """1490000 → "1.490.000 đ"."""
    return f"{int(amount):,}".replace(",", ".") + " đ"


def owner_fields(owner) -> dict:
    if isinstance(owner, Commune):
        return {"commune": owner}
    if isinstance(owner, Province):
        return {"province": owner}
    raise TypeError(owner)


def entries_of(owner, year: int | None = None):
    queryset = FundEntry.objects.filter(**owner_fields(owner))
    return queryset if year is None else queryset.filter(year=year)


@dataclass(frozen=True)
class Balance:
    income: Decimal
    spending: Decimal
    # What the earlier years left in the fund: a fund's balance carries over from one year to the next.
    opening: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        return self.opening + self.income - self.spending


# An entry's contribution to its side (income or spending): its amount, negative for a reversing entry.
_SIDE_AMOUNT = Case(When(reverses__isnull=False, then=-F("amount")), default=F("amount"),
                    output_field=DecimalField(max_digits=17, decimal_places=0))
# An entry's effect on the balance: income adds, spending takes away (each the other way round for a reversal).
_SIGNED_AMOUNT = Case(When(kind__in=INCOME_KINDS, then=_SIDE_AMOUNT), default=-_SIDE_AMOUNT,
                      output_field=DecimalField(max_digits=17, decimal_places=0))


def balance(owner, year: int, *, until: datetime.date | None = None) -> Balance:
    """The fund's balance carried over from earlier years, and the income, spending and balance of a fiscal year (or
    of its entries up to `until`), in one query."""
    entries = entries_of(owner).filter(year__lte=year)
    this_year = Q(year=year)
    if until is not None:
        this_year &= Q(booked_on__lte=until)
    totals = entries.aggregate(
        opening=Sum(_SIGNED_AMOUNT, filter=Q(year__lt=year), default=Value(ZERO)),
        income=Sum(_SIDE_AMOUNT, filter=this_year & Q(kind__in=INCOME_KINDS), default=Value(ZERO)),
        spending=Sum(_SIDE_AMOUNT, filter=this_year & ~Q(kind__in=INCOME_KINDS), default=Value(ZERO)))
    return Balance(income=totals["income"] or ZERO, spending=totals["spending"] or ZERO,
                   opening=totals["opening"] or ZERO)


def reward_total(nominations, day: datetime.date) -> Decimal | None:
    """The reward money a decision on these nominations grants on `day`, as awards.decisions._grant_awards computes
    it (each title's multiple × the base salary in force, rounded to the đồng); None with no base salary in force."""
    base = BaseSalary.objects.on(day)
    if base is None:
        return None
    return sum(((nomination.title.reward_multiple * base.amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                for nomination in nominations), ZERO)


def shortfall(owner, day: datetime.date, total) -> dict | None:
    """The figures of the warning when the fund's balance in `day`'s year (with what earlier years left) does not
    cover `total`, else None."""
    if not total:
        return None
    available = balance(owner, day.year).balance
    if available >= total:
        return None
    return {"year": day.year, "balance": vnd(available), "total": vnd(total), "shortfall": vnd(total - available)}


def overspend_message(figures: dict) -> str:
    return _("The award fund of %(year)s holds %(balance)s; this decision's reward money is %(total)s: %(shortfall)s "
             "short.") % figures


def _lock_fund(owner) -> None:
    """Serialise the bookings of one fund, so two decisions issued at once cannot both pass the balance check."""
    if connection.vendor == "postgresql":
        key = f"funds:{owner._meta.model_name}:{owner.pk}"
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def _book_spending(*, owner, day, total, allow_overspend: bool, created_by, **fields) -> FundEntry | None:
    if not total:
        return None
    _lock_fund(owner)
    figures = shortfall(owner, day, total)
    if figures and not allow_overspend:
        raise ValidationError(
            overspend_message(figures) + " " + _("Confirm that you know the fund does not cover it to issue it."),
            code="overspend", params=figures)
    return FundEntry.objects.create(**owner_fields(owner), booked_on=day, kind=EntryKind.AWARDS, amount=total,
                                    created_by=created_by, **fields)


@transaction.atomic
def book_decision(*, decision, created_by, allow_overspend: bool = False) -> FundEntry | None:
    """Book the reward money of a commune chairman's decision just issued (its awards) in the commune's fund."""
    total = sum((award.amount for award in decision.awards.all()), ZERO)
    return _book_spending(owner=decision.commune, day=decision.decided_on, total=total,
                          allow_overspend=allow_overspend, created_by=created_by, decision=decision,
                          description=spending_description(decision.code))


@transaction.atomic
def book_province_decision(*, decision, created_by, allow_overspend: bool = False) -> FundEntry | None:
    """Book the reward money of the province's decision just issued (its awards on every commune's proposal)."""
    from awards.models import Award

    total = Award.objects.filter(decision__dossier__decision=decision).aggregate(
        total=Sum("amount", default=Value(ZERO)))["total"] or ZERO
    return _book_spending(owner=decision.province, day=decision.document.issued_on, total=total,
                          allow_overspend=allow_overspend, created_by=created_by, province_decision=decision,
                          description=spending_description(decision.document.code))


def book_recovery(*, award, created_by) -> FundEntry | None:
    """Book a revoked award's money back as income in the fund that paid it (if its decision was booked)."""
    if not award.amount:
        return None
    paid = FundEntry.objects.filter(kind=EntryKind.AWARDS).filter(
        Q(decision_id=award.decision_id) | Q(province_decision__dossiers__proposal_id=award.decision_id)).first()
    if paid is None:
        return None
    return FundEntry.objects.create(
        commune_id=paid.commune_id, province_id=paid.province_id, booked_on=award.revoked_on,
        kind=EntryKind.RECOVERED, amount=award.amount, award=award, decision_id=paid.decision_id,
        province_decision_id=paid.province_decision_id, created_by=created_by,
        description=(f"Thu hồi tiền thưởng: {award.title.name} – {award.recipient_name} "
                     f"({award.revocation_reason})")[:300])


# Manual entries ----------------------------------------------------------------------------------------------------


def can_manage(user, owner) -> bool:
    """The commune's office staff keep its fund; the province's operators keep the province's."""
    if isinstance(owner, Province):
        return operates_province(user, owner)
    actor = get_actor(user)
    return bool(actor and actor.commune.pk == owner.pk and actor.is_office_staff)


@transaction.atomic
@audited("add_fund_entry")
def add_fund_entry(*, owner, kind: str, booked_on: datetime.date, amount, description: str, by) -> FundEntry:
    """Book income (budget allocation, contribution, other) or other spending by hand."""
    if not can_manage(by, owner):
        raise PermissionDenied
    errors = {}
    if kind not in MANUAL_KINDS:
        errors["kind"] = _("Choose the kind of entry.")
    if booked_on is None:
        errors["booked_on"] = _("Enter the date.")
    if amount is None or Decimal(amount) <= 0 or Decimal(amount) != Decimal(amount).quantize(Decimal(1)):
        errors["amount"] = _("Enter an amount in đồng, greater than zero.")
    if not (description or "").strip():
        errors["description"] = _("Describe the entry.")
    if errors:
        raise ValidationError(errors)
    _lock_fund(owner)
    return FundEntry.objects.create(**owner_fields(owner), kind=kind, booked_on=booked_on, amount=Decimal(amount),
                                    description=description.strip(), created_by=by)


@transaction.atomic
@audited("reverse_fund_entry")
def reverse_fund_entry(*, entry: FundEntry, by) -> FundEntry:
    """Cancel a mistaken manual entry by a reversing one (same kind, amount and date, so its year's totals are
    right again); the entry itself stays in the ledger."""
    entry = FundEntry.objects.select_for_update(of=("self",)).select_related("commune", "province").get(pk=entry.pk)
    if not can_manage(by, entry.owner):
        raise PermissionDenied
    if entry.kind not in MANUAL_KINDS:
        raise ValidationError(_("Only an entry booked by hand can be reversed; the reward money of a decision follows "
                                "its awards."))
    if entry.reverses_id:
        raise ValidationError(_("A reversing entry cannot be reversed."))
    if FundEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."))
    return FundEntry.objects.create(
        commune_id=entry.commune_id, province_id=entry.province_id, kind=entry.kind, booked_on=entry.booked_on,
        amount=entry.amount, reverses=entry, created_by=by,
        description=f"Hủy bút toán ngày {entry.booked_on:%d/%m/%Y}: {entry.description}"[:300])


def ledger(owner, year: int) -> dict:
    """The year's entries in date order, each with the running balance from what earlier years left, and the year's
    totals."""
    totals = balance(owner, year)
    entries = list(entries_of(owner, year).select_related(
        "decision__document__series", "province_decision__document__series", "reverses", "reversed_by",
        "created_by__person").order_by("booked_on", "pk"))
    running = totals.opening
    for entry in entries:
        running += entry.signed_amount
        entry.running = running
    return {"entries": entries, "totals": totals}
