"""The province's own award decisions (Quyết định của Chủ tịch UBND tỉnh/thành phố): the operator groups accepted
dossiers of its communes into a draft, then issues it, numbered in the province's series.

Issuing grants the awards on each commune's proposal (awards.decisions._grant_awards, the base salary of the day
frozen), so they land in the commune's award lists and histories and count for later prerequisites; the proposal
becomes "decided" with the province's number as its external decision, the dossier "decided". The communes' office
staff are told. Only an operator of the province calls these (PermissionDenied otherwise).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.history import audited
from awards.decisions import (
    _basic_problems,
    _create_document,
    _grant_awards,
    _keep_pdf_after_commit,
    _nominations_of,
    _raise_problems,
)
from awards.enums import DecisionStatus
from awards.models import AwardDecision
from directory.collation import text_sort_key
from directory.permissions import operates_province
from documents.enums import DocumentType
from documents.models import Series
from funds import services as funds
from notifications.services import Message, post, queue_sending

from .enums import DossierEventKind, DossierStatus, ProvinceDecisionStatus
from .models import Dossier, DossierEvent, ProvinceDecision
from .services import clerks

UBND = "UBND"
CHAIRMAN = "CHỦ TỊCH"
VICE_CHAIRMAN = "PHÓ CHỦ TỊCH"


def province_series(province, code: str = UBND) -> Series:
    """The province's People's Committee series, made with the state format's lines if missing."""
    defaults = {
        UBND: {"name": f"Ủy ban nhân dân {province.title}", "issuing_body": f"ỦY BAN NHÂN DÂN\n{province.upper_name}",
               "signing_capacity": "TM. ỦY BAN NHÂN DÂN"},
    }[code]
    return Series.objects.get_or_create(province=province, commune=None, code=code, defaults=defaults)[0]


def authority(province) -> str:
    """Who decides, as the communes record it: "Chủ tịch UBND thành phố Hà Nội"."""
    return f"Chủ tịch UBND {province.title}"


def _require_operator(user, province):
    if not operates_province(user, province):
        raise PermissionDenied


def _lock(decision: ProvinceDecision) -> ProvinceDecision:
    return ProvinceDecision.objects.select_for_update(of=("self",)).select_related("province").get(pk=decision.pk)


def _locked_dossiers(pks) -> list[Dossier]:
    # Locked in primary-key order, so two drafts taking some of the same dossiers cannot deadlock.
    return list(Dossier.objects.select_for_update(of=("self",)).select_related("commune", "proposal")
                .filter(pk__in=pks).order_by("pk"))


def _check_free(decision_year: int, province, dossiers: list[Dossier], *, decision=None) -> None:
    """Refuse, naming each, dossiers not of the province and year, not accepted, or in another decision."""
    if any(dossier.province_id != province.pk for dossier in dossiers):
        raise PermissionDenied
    errors = []
    for dossier in dossiers:
        label = f"{dossier.receipt_code} ({dossier.commune})"
        if dossier.year != decision_year:
            errors.append(_("The dossier %(dossier)s is of %(year)s.") % {"dossier": label, "year": dossier.year})
        elif dossier.decision_id and (decision is None or dossier.decision_id != decision.pk):
            errors.append(_("The dossier %(dossier)s is already in another decision.") % {"dossier": label})
        elif dossier.status != DossierStatus.ACCEPTED:
            errors.append(_("The dossier %(dossier)s has not been accepted (status: %(status)s).") % {
                "dossier": label, "status": dossier.get_status_display()})
    if errors:
        raise ValidationError({"dossiers": errors})


def _attach(dossiers: list[Dossier], decision: ProvinceDecision | None) -> None:
    for dossier in dossiers:
        dossier.decision = decision
        dossier.save(update_fields=["decision"])


def _pks(items) -> list[int]:
    return [getattr(item, "pk", item) for item in items]


@transaction.atomic
@audited("create_province_decision")
def create_province_decision(*, province, year: int, dossiers, by) -> ProvinceDecision:
    """A draft decision of the province on accepted dossiers of its communes for `year`; the dossiers point to it."""
    _require_operator(by, province)
    dossiers = _locked_dossiers(_pks(dossiers))
    if not dossiers:
        raise ValidationError({"dossiers": _("Choose at least one accepted dossier.")})
    _check_free(year, province, dossiers)
    decision = ProvinceDecision.objects.create(province=province, year=year, created_by=by)
    _attach(dossiers, decision)
    return decision


def _lock_draft(decision: ProvinceDecision, by) -> ProvinceDecision:
    decision = _lock(decision)
    _require_operator(by, decision.province)
    if decision.status != ProvinceDecisionStatus.DRAFT:
        raise ValidationError(_("An issued decision cannot be changed."))
    return decision


@transaction.atomic
@audited("add_dossiers")
def add_dossiers(*, decision: ProvinceDecision, dossiers, by) -> ProvinceDecision:
    """Put more accepted dossiers of the decision's year on a draft decision."""
    decision = _lock_draft(decision, by)
    dossiers = _locked_dossiers(_pks(dossiers))
    if not dossiers:
        raise ValidationError({"dossiers": _("Choose at least one accepted dossier.")})
    _check_free(decision.year, decision.province, dossiers, decision=decision)
    _attach([dossier for dossier in dossiers if dossier.decision_id != decision.pk], decision)
    return decision


@transaction.atomic
@audited("remove_dossier")
def remove_dossier(*, decision: ProvinceDecision, dossier, by) -> Dossier:
    """Take a dossier off a draft decision: it stays accepted, free for another decision."""
    decision = _lock_draft(decision, by)
    found = _locked_dossiers([getattr(dossier, "pk", dossier)])
    if not found or found[0].decision_id != decision.pk:
        raise ValidationError(_("This dossier is not in the decision."))
    _attach(found, None)
    return found[0]


def _dossiers_of(decision: ProvinceDecision) -> list[Dossier]:
    dossiers = list(Dossier.objects.select_for_update(of=("self",)).filter(decision=decision)
                    .select_related("commune", "proposal").order_by("pk"))
    dossiers.sort(key=lambda dossier: (text_sort_key(dossier.commune.name), dossier.pk))
    return dossiers


def recipients_text(dossiers: list[Dossier]) -> str:
    """ "Nơi nhận": as Điều 3 names them, each commune's People's Committee, the archive and the office."""
    communes = []
    for dossier in dossiers:
        if dossier.commune not in communes:
            communes.append(dossier.commune)
    lines = ["Như Điều 3;"] + [f"UBND {commune.title};" for commune in communes] + ["Lưu: VT, Ban TĐKT."]
    return "\n".join(lines)


@transaction.atomic
@audited("issue_province_decision")
def issue_province_decision(*, decision: ProvinceDecision, issued_on: datetime.date, by, number: int | None = None,
                            signer_name: str = "", signer_title: str = CHAIRMAN, allow_overspend: bool = False
                            ) -> ProvinceDecision:
    """Issue the province's decision (…/QĐ-UBND in the province's series, numbered per year) and decide its dossiers.

    Dated no earlier than the latest dossier's arrival. Signed by the province's chairman (Province.chairman_name)
    unless another signer is given; a vice-chairman signs "KT. CHỦ TỊCH". For each dossier: the awards of its
    proposal's nominations are granted with the base salary of the day, the proposal becomes decided with this
    decision's number, issuer and date, the dossier "decided" with its step. The PDF is rendered and kept after the
    commit; the communes' office staff are notified. The awards' money is booked in the province's award fund
    (funds.services): refused when the fund's balance of the year does not cover it, unless `allow_overspend`.
    """
    decision = _lock(decision)
    province = decision.province
    _require_operator(by, province)
    if decision.status != ProvinceDecisionStatus.DRAFT:
        raise ValidationError(_("This decision has already been issued."))
    dossiers = _dossiers_of(decision)
    if not dossiers:
        raise ValidationError(_("The decision lists no dossier."))
    _check_free(decision.year, province, dossiers, decision=decision)
    # The complete dossier is the one last sent (a dossier returned and sent again keeps its first arrival date).
    latest = max(max(dossier.received_on, timezone.localdate(dossier.sent_at)) for dossier in dossiers)
    if issued_on < latest:
        raise ValidationError({"issued_on": _(
            "The decision cannot be dated before the latest of its dossiers arrived (%(day)s).") % {
            "day": latest.strftime("%d/%m/%Y")}})
    signer_name = " ".join((signer_name or province.chairman_name or "").split())
    if not signer_name:
        raise ValidationError({"signer_name": _(
            "Enter who signs: the province's chairman is not recorded on the province's page.")})
    if signer_title not in (CHAIRMAN, VICE_CHAIRMAN):
        raise ValidationError({"signer_title": _("Choose the signer's title.")})
    proposals = {proposal.pk: proposal for proposal in AwardDecision.objects.select_for_update(of=("self",))
                 .select_related("commune").filter(pk__in=[d.proposal_id for d in dossiers]).order_by("pk")}
    for dossier in dossiers:
        if proposals[dossier.proposal_id].status != DecisionStatus.SUBMITTED:
            raise ValidationError(_("The proposal of the dossier %(dossier)s has already been decided.") % {
                "dossier": dossier.receipt_code})
    document = _create_document(
        series=province_series(province), doc_type=DocumentType.DECISION, issued_on=issued_on, number=number,
        summary=f"Về việc khen thưởng thành tích trong phong trào thi đua năm {decision.year}",
        signer_capacity="KT. CHỦ TỊCH" if signer_title == VICE_CHAIRMAN else "", signer_title=signer_title,
        signer_name=signer_name, recipients=recipients_text(dossiers),
    )
    issuer = authority(province)
    for dossier in dossiers:
        proposal = proposals[dossier.proposal_id]
        nominations = _nominations_of(proposal)
        _raise_problems(nominations, _basic_problems(proposal, nominations),
                        _("The dossier %(dossier)s cannot be decided:") % {"dossier": dossier.receipt_code})
        _grant_awards(decision=proposal, nominations=nominations, decided_on=issued_on, by=by)
        proposal.external_code = document.code
        proposal.external_issuer = issuer
        proposal.external_date = issued_on
        proposal.status = DecisionStatus.ISSUED
        proposal.save(update_fields=["external_code", "external_issuer", "external_date", "status", "base_salary"])
        dossier.status = DossierStatus.DECIDED
        dossier.save(update_fields=["status"])
        DossierEvent.objects.create(dossier=dossier, kind=DossierEventKind.DECIDED, by=by, comment=document.code)
        decision.base_salary = proposal.base_salary
    decision.document = document
    decision.status = ProvinceDecisionStatus.ISSUED
    decision.save(update_fields=["document", "status", "base_salary"])
    funds.book_province_decision(decision=decision, created_by=by, allow_overspend=allow_overspend)
    _notify_communes(decision, dossiers)
    _keep_pdf_after_commit(document)
    return decision


def _notify_communes(decision: ProvinceDecision, dossiers: list[Dossier]) -> None:
    """Tell each commune's office staff that its proposal was decided, with a link to it."""
    messages = []
    with translation.override("vi"):
        for dossier in dossiers:
            url = reverse("awards:decision_detail", args=[dossier.proposal_id])
            title = _("The province has decided your proposal: decision %(code)s") % {"code": decision.document.code}
            text = render_to_string("provinces/email/decision_issued.txt", {
                "dossier": dossier, "document": decision.document, "authority": authority(decision.province),
                "link": settings.SITE_URL + url})
            for person in clerks(dossier.commune):
                if person.user_id and person.user.is_active:
                    messages.append(Message(user_id=person.user_id, email=person.email or person.user.email,
                                            title=title, text=text, html="", url=url, commune_id=dossier.commune_id))
    queue_sending(post(messages))
