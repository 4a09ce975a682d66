"""Pages of the dossiers sent up, on both sides of the border.

The commune's side (namespace "dossiers", /dossiers/): its dossiers and the proposals it can send, each dossier's
components and steps. Only the commune's office staff and chairman (anyone else of the commune: 403; another
commune's dossier: 404; no commune: 403).
The province's side (namespace "provinces", /province/dossiers/): the inbox, a dossier's checklist per nominee with
its files, and the receive / return / accept steps. Only the province's operators (anyone else: 403; another
province's dossier: 404). Every change goes through provinces.dossiers.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from awards.decision_views import _filename, issued_pdf
from awards.dossier import dossier_lines
from awards.enums import Decider
from awards.models import AwardDecision, CouncilMeeting, DossierItem, Nomination
from caching.pages import cached_page
from directory.permissions import get_actor
from documents.delivery import pdf_download

from . import declarations, dossiers as services
from .enums import DossierStatus
from .models import Dossier, DossierEvent, NothingToSend
from .views import _operator

# Access ---------------------------------------------------------------------------------------------------------------


def _manager(user):
    """The commune actor of its office staff or chairman; 403 for anyone else."""
    actor = get_actor(user)
    if actor is None or not (actor.is_office_staff or actor.is_chairman):
        raise PermissionDenied
    return actor


def _commune_dossier(user, pk) -> Dossier:
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    dossier = get_object_or_404(Dossier.objects.select_related("commune", "province", "proposal__submission__series"),
                                pk=pk, commune=actor.commune)
    _manager(user)
    return dossier


def _operator_dossier(user, pk) -> Dossier:
    operator = _operator(user)
    return get_object_or_404(Dossier.objects.select_related("commune", "province", "proposal__submission__series"),
                             pk=pk, province=operator.province)


def _year(request, queryset) -> tuple[int, list[int]]:
    """The year asked for (?year=), else the latest year of `queryset`'s rows, else this year; and the years to
    choose from."""
    years = set(queryset.values_list("year", flat=True).distinct())
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        year = int(asked)
    else:
        year = max(years) if years else timezone.localdate().year
    return year, sorted(years | {year}, reverse=True)


# What both sides see of one dossier ---------------------------------------------------------------------------------


def _components(dossier) -> dict:
    """The Tờ trình, the list with each nominee's dossier lines, the council's minutes and the steps."""
    nominations = list(services.proposal_nominations(dossier.proposal))
    meetings = list(CouncilMeeting.objects.filter(nominations__in=[n.pk for n in nominations], minutes__isnull=False)
                    .select_related("minutes__series").distinct().order_by("held_on", "pk"))
    events = list(DossierEvent.objects.filter(dossier=dossier).select_related("by__person", "by__province_operator")
                  .prefetch_related(Prefetch("flagged_items", queryset=DossierItem.objects.select_related(
                      "requirement", "nomination__person", "nomination__unit", "nomination__title")))
                  .order_by("at", "pk"))
    return {
        "dossier": dossier, "proposal": dossier.proposal, "meetings": meetings, "events": events,
        "rows": [{"nomination": n, "lines": dossier_lines(n)} for n in nominations],
        "missing": services.missing_parts(dossier.proposal),
    }


# The commune's side ---------------------------------------------------------------------------------------------------


@login_required
def dossier_list(request):
    actor = _manager(request.user)
    own = Dossier.objects.filter(commune=actor.commune)
    year, years = _year(request, AwardDecision.objects.filter(commune=actor.commune, submission__isnull=False)
                        .exclude(decider=Decider.COMMUNE_CHAIRMAN))
    dossiers = list(own.filter(year=year).select_related("proposal__submission__series")
                    .annotate(nominee_count=Count("proposal__nominations")).order_by("receipt_number"))
    sendable = list(services.sendable_proposals(actor.commune, year).filter(dossier__isnull=True)
                    .annotate(nominee_count=Count("nominations")))
    return render(request, "provinces/dossier_list.html", {
        "year": year, "years": years, "dossiers": dossiers, "sendable": sendable,
        "call": services.dossier_due(actor.commune, year),
        "declaration": declarations.declaration_for(actor.commune, year),
        "declare_form": NothingToSendForm(initial={"year": year}),
    })


class NothingToSendForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))


@login_required
@require_POST
def nothing_declare(request):
    """The commune declares it has no proposal for the province this year (POST year, note)."""
    actor = _manager(request.user)
    form = NothingToSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year."))
        return redirect("dossiers:dossier_list")
    year = form.cleaned_data["year"]
    try:
        declarations.declare_nothing_to_send(commune=actor.commune, year=year, note=form.cleaned_data["note"],
                                             by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Declared: no award proposal to the province for %(year)s.") % {"year": year})
    return redirect(f"{reverse('dossiers:dossier_list')}?year={year}")


@login_required
@require_POST
def nothing_withdraw(request, pk):
    actor = get_actor(request.user)
    if actor is None:
        raise PermissionDenied
    declaration = get_object_or_404(NothingToSend, pk=pk, commune=actor.commune)
    _manager(request.user)
    declarations.withdraw_nothing_to_send(declaration=declaration, by=request.user)
    messages.success(request, _("The declaration is withdrawn: the province expects the %(year)s dossiers "
                                "again.") % {"year": declaration.year})
    return redirect(f"{reverse('dossiers:dossier_list')}?year={declaration.year}")


@login_required
@require_POST
def dossier_send(request, pk):
    actor = get_actor(request.user)
    if actor is None:
        raise PermissionDenied
    proposal = get_object_or_404(AwardDecision, pk=pk, commune=actor.commune)
    _manager(request.user)
    try:
        dossier = services.send_dossier(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        existing = Dossier.objects.filter(proposal=proposal).first()
        if existing:
            return redirect("dossiers:dossier_detail", existing.pk)
        return redirect(f"{reverse('dossiers:dossier_list')}?year={proposal.year}")
    messages.success(request, _("The dossier has been sent to the province (receipt %(code)s).") % {
        "code": dossier.receipt_code})
    return redirect("dossiers:dossier_detail", dossier.pk)


@login_required
def dossier_detail(request, pk):
    dossier = _commune_dossier(request.user, pk)
    context = _components(dossier)
    context["can_send"] = dossier.status == DossierStatus.RETURNED
    return render(request, "provinces/dossier_commune_detail.html", context)


# The province's side --------------------------------------------------------------------------------------------------


@login_required
@cached_page
def dossier_inbox(request):
    operator = _operator(request.user)
    mine = Dossier.objects.filter(province=operator.province)
    year, years = _year(request, mine)
    dossiers = mine.filter(year=year).select_related("commune").prefetch_related(
        Prefetch("proposal__nominations", queryset=Nomination.objects.select_related("title").order_by(
            "title__position", "pk"))).order_by("receipt_number")
    status = request.GET.get("status", "")
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    rows = []
    for dossier in dossiers:
        nominations = list(dossier.proposal.nominations.all())
        titles = {}
        for nomination in nominations:
            titles[nomination.title.name] = titles.get(nomination.title.name, 0) + 1
        rows.append({"dossier": dossier, "count": len(nominations), "titles": sorted(titles.items())})
    return render(request, "provinces/dossier_inbox.html", {
        "province": operator.province, "year": year, "years": years, "rows": rows,
        "status": status, "statuses": DossierStatus.choices,
    })


@login_required
def operator_dossier_detail(request, pk):
    dossier = _operator_dossier(request.user, pk)
    context = _components(dossier)
    context.update({
        "can_receive": dossier.status == DossierStatus.SENT,
        "can_decide": dossier.status in (DossierStatus.SENT, DossierStatus.RECEIVED),
    })
    return render(request, "provinces/dossier_detail.html", context)


@login_required
def dossier_file(request, pk, item_pk):
    """A nominee's dossier file, for the operator of the province the dossier was sent to."""
    dossier = _operator_dossier(request.user, pk)
    item = get_object_or_404(DossierItem.objects.select_related("requirement", "nomination__person",
                                                                "nomination__unit"),
                             pk=item_pk, nomination__decisions=dossier.proposal_id)
    if not item.file:
        raise Http404
    extension = item.file.name.rsplit(".", 1)[-1]
    response = FileResponse(item.file.open("rb"), as_attachment=True,
                            filename=f"{item.requirement.name} - {item.nomination.recipient_name}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@pdf_download
def dossier_document(request, pk, document_pk):
    """The Tờ trình or the council's minutes of a dossier, for the operator of its province."""
    dossier = _operator_dossier(request.user, pk)
    proposal = dossier.proposal
    if proposal.submission_id == document_pk:
        document = proposal.submission
    else:
        meeting = get_object_or_404(CouncilMeeting.objects.select_related("minutes__series").distinct(),
                                    minutes_id=document_pk, nominations__decisions=proposal)
        document = meeting.minutes
    return issued_pdf(request, document, _filename(document.code, document.year))


def _step(request, pk, service, success, **kwargs):
    dossier = _operator_dossier(request.user, pk)
    try:
        service(dossier=dossier, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("provinces:dossier_detail", dossier.pk)


@login_required
@require_POST
def dossier_receive(request, pk):
    return _step(request, pk, services.receive_dossier, _("The dossier has been received."))


@login_required
@require_POST
def dossier_accept(request, pk):
    return _step(request, pk, services.accept_dossier, _("The dossier has been accepted."),
                 comment=request.POST.get("comment", ""))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment to the commune"), widget=forms.Textarea(attrs={"rows": 4}))
    items = forms.MultipleChoiceField(label=gettext_lazy("Items to add or correct"), required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {}
        choices = []
        for row in rows:
            nomination = row["nomination"]
            for line in row["lines"]:
                if line.document is not None:  # issued by the portal itself: nothing to upload
                    continue
                key = f"{nomination.pk}-{line.requirement.pk}"
                self.pairs[key] = (nomination, line.requirement)
                choices.append((key, f"{nomination.recipient_name}: {line.requirement.name}"))
        self.fields["items"].choices = choices


@login_required
def dossier_return(request, pk):
    dossier = _operator_dossier(request.user, pk)
    context = _components(dossier)
    form = ReturnForm(request.POST or None, rows=context["rows"])
    if request.method == "POST" and form.is_valid():
        try:
            services.return_dossier(dossier=dossier, comment=form.cleaned_data["comment"],
                                    items=[form.pairs[key] for key in form.cleaned_data["items"]], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dossier has been returned to the commune."))
            return redirect("provinces:dossier_detail", dossier.pk)
    context["form"] = form
    return render(request, "provinces/dossier_return.html", context)
