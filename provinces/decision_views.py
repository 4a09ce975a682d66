"""Pages of the province's own award decisions: the operator's (list, new draft on accepted dossiers, detail with
its dossiers and awards, issue, PDF, certificates) and the commune's download of a decision on its own dossier.

Operator pages: only an operator of the province (anyone else signed in: 403); another province's decision is 404.
Commune download: a commune member of the office, the chairman or the council (others: 403); a decision with no
dossier of the commune is 404. Every state change goes through provinces.decisions.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from awards.decision_views import _filename, found_or_404, issued_pdf
from awards.decisions import format_vnd
from awards.enums import AwardStatus, RecipientKind
from awards.models import Award, Nomination
from directory.enums import Gender
from directory.permissions import get_actor
from documents.delivery import docx_filename, pdf_download, serve_docx, serve_pdf
from funds.forms import fund_warning, overspend_allowed
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from . import decisions
from .documents import certificates_docx, certificates_pdf, province_decision_docx
from .enums import DossierStatus, ProvinceDecisionStatus
from .models import Dossier, ProvinceDecision
from .views import _operator


class DossierChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.receipt_code} – {obj.commune}"


class DossiersForm(forms.Form):
    dossiers = DossierChoiceField(label=gettext_lazy("Accepted dossiers"), queryset=Dossier.objects.none(),
                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = dossiers


class IssueForm(VersionedForm, forms.Form):
    lock_also = ("status",)

    issued_on = VietDateField(label=gettext_lazy("Date of the decision"))
    number = forms.IntegerField(label=gettext_lazy("Number"), required=False, min_value=1, max_value=9999,
                                help_text=gettext_lazy("Leave empty to take the next free number of the year."))
    signer_name = forms.CharField(label=gettext_lazy("Signed by"), max_length=120)
    signer_title = forms.ChoiceField(label=gettext_lazy("Signer's title"), choices=[
        (decisions.CHAIRMAN, gettext_lazy("Chairman")),
        (decisions.VICE_CHAIRMAN, gettext_lazy("Vice-chairman, signing for the chairman (KT. CHỦ TỊCH)")),
    ])


def _accepted(province, year):
    """Accepted dossiers of the province's year in no decision yet."""
    return (Dossier.objects.filter(province=province, year=year, status=DossierStatus.ACCEPTED,
                                   decision__isnull=True)
            .select_related("commune").order_by("receipt_number"))


def _year(request) -> int:
    asked = request.GET.get("year", "")
    return int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else timezone.localdate().year


def _decision(operator, pk) -> ProvinceDecision:
    return get_object_or_404(ProvinceDecision.objects.select_related("province", "document__series"), pk=pk,
                             province=operator.province)


@login_required
def decision_list(request):
    operator = _operator(request.user)
    year = _year(request)
    rows = list(ProvinceDecision.objects.filter(province=operator.province, year=year)
                .select_related("document__series").annotate(dossier_count=Count("dossiers"))
                .order_by("pk"))
    return render(request, "provinces/decision_list.html", {
        "province": operator.province, "year": year, "decisions": rows,
        "waiting": _accepted(operator.province, year).count(),
    })


@login_required
def decision_create(request):
    operator = _operator(request.user)
    year = _year(request)
    available = _accepted(operator.province, year)
    form = DossiersForm(request.POST or None, dossiers=available,
                        initial={"dossiers": list(available.values_list("pk", flat=True))})
    if request.method == "POST" and form.is_valid():
        try:
            decision = decisions.create_province_decision(province=operator.province, year=year,
                                                          dossiers=form.cleaned_data["dossiers"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft decision is created."))
            return redirect("provinces:decision_detail", decision.pk)
    return render(request, "provinces/decision_create.html", {"form": form, "year": year,
                                                              "province": operator.province})


def decision_figures(awards: list[Award]) -> dict:
    """Counts, money and women's share of a decision's awards in force."""
    active = [award for award in awards if award.status == AwardStatus.ACTIVE]
    people = [award for award in active if award.person_id]
    women = sum(1 for award in people if award.person.gender == Gender.FEMALE)
    return {
        "count": len(active), "total": format_vnd(sum(award.amount for award in active)),
        "collectives": sum(1 for a in active if a.title.recipient_kind in (RecipientKind.COLLECTIVE,
                                                                           RecipientKind.HAMLET)),
        "individuals": len(people), "women": women,
        "women_percent": round(women * 100 / len(people)) if people else None,
    }


@login_required
def decision_detail(request, pk):
    operator = _operator(request.user)
    decision = _decision(operator, pk)
    draft = decision.status == ProvinceDecisionStatus.DRAFT
    if request.method == "POST":
        if not draft:
            raise PermissionDenied
        try:
            if "remove" in request.POST:
                remove = request.POST.get("remove", "")
                dossier = get_object_or_404(decision.dossiers.all(), pk=int(remove) if remove.isdigit() else 0)
                decisions.remove_dossier(decision=decision, dossier=dossier, by=request.user)
            else:
                chosen = _accepted(operator.province, decision.year).filter(
                    pk__in=[int(pk) for pk in request.POST.getlist("add") if pk.isdigit()])
                decisions.add_dossiers(decision=decision, dossiers=list(chosen), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("provinces:decision_detail", decision.pk)
    nominations = Nomination.objects.select_related("title", "person", "unit").order_by("title__position", "pk")
    dossiers = list(decision.dossiers.select_related("commune", "proposal__submission__series")
                    .prefetch_related(Prefetch("proposal__nominations", queryset=nominations))
                    .order_by("commune__name", "pk"))
    awards = list(Award.objects.filter(decision__dossier__decision=decision)
                  .select_related("title", "person", "commune").order_by("commune__name", "position", "pk"))
    return render(request, "provinces/decision_detail.html", {
        "decision": decision, "dossiers": dossiers, "awards": awards, "figures": decision_figures(awards),
        "draft": draft, "addable": _accepted(operator.province, decision.year) if draft else [],
    })


@login_required
def decision_issue(request, pk):
    operator = _operator(request.user)
    decision = _decision(operator, pk)
    if decision.status != ProvinceDecisionStatus.DRAFT:
        messages.info(request, _("This decision has already been issued."))
        return redirect("provinces:decision_detail", decision.pk)
    form = IssueForm(request.POST or None, locked=decision,
                     initial={"signer_name": decision.province.chairman_name, "signer_title": decisions.CHAIRMAN})
    # The decision's reward money is booked in the province's award fund: warned when the fund does not cover it.
    warning = fund_warning(form, owner=decision.province, today=timezone.localdate(),
                           nominations=Nomination.objects.filter(decisions__dossier__decision=decision)
                           .select_related("title"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                form.claim()
                decisions.issue_province_decision(
                    decision=decision, issued_on=data["issued_on"], number=data["number"],
                    signer_name=data["signer_name"], signer_title=data["signer_title"], by=request.user,
                    allow_overspend=overspend_allowed(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is issued; the communes are notified."))
            return redirect("provinces:decision_detail", decision.pk)
    return render(request, "provinces/decision_issue.html", {"decision": decision, "form": form,
                                                             "fund_warning": warning})


@login_required
@pdf_download
def decision_pdf(request, pk):
    decision = _decision(_operator(request.user), pk)
    if decision.document is None:
        raise Http404
    return issued_pdf(request, decision.document, _filename(decision.document.code, decision.year))


@login_required
@pdf_download
def decision_certificates(request, pk):
    decision = _decision(_operator(request.user), pk)
    if decision.document is None:
        raise Http404
    return serve_pdf(request, key=f"province-certificates:{decision.pk}",
                     filename=f"bang-khen-{_filename(decision.document.code, decision.year)}",
                     build=lambda: found_or_404(certificates_pdf, decision))


@login_required
def decision_docx(request, pk):
    """The decision's Word copy, for the operator (the PDF's access)."""
    decision = _decision(_operator(request.user), pk)
    if decision.document is None:
        raise Http404
    return serve_docx(request, filename=docx_filename(_filename(decision.document.code, decision.year)),
                      build=lambda: province_decision_docx(decision))


@login_required
def decision_certificates_docx(request, pk):
    decision = _decision(_operator(request.user), pk)
    if decision.document is None:
        raise Http404
    return serve_docx(request, filename=f"bang-khen-{docx_filename(_filename(decision.document.code, decision.year))}",
                      build=lambda: found_or_404(certificates_docx, decision))


# The commune's side --------------------------------------------------------------------------------------------------


@login_required
@pdf_download
def commune_decision_pdf(request, pk):
    """The province's decision on one of the commune's own dossiers, for its office, chairman and council."""
    decision = _commune_decision(request.user, pk)
    return issued_pdf(request, decision.document, _filename(decision.document.code, decision.year))


@login_required
def commune_decision_docx(request, pk):
    """Its Word copy, with the same access."""
    decision = _commune_decision(request.user, pk)
    return serve_docx(request, filename=docx_filename(_filename(decision.document.code, decision.year)),
                      build=lambda: province_decision_docx(decision))


def _commune_decision(user, pk) -> ProvinceDecision:
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    decision = get_object_or_404(
        ProvinceDecision.objects.select_related("document__series").filter(
            Q(dossiers__commune=actor.commune), status=ProvinceDecisionStatus.ISSUED).distinct(), pk=pk)
    if not (actor.is_office_staff or actor.is_chairman or actor.is_council_member):
        raise PermissionDenied
    return decision

