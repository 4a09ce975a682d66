from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from directory.permissions import get_actor

from . import services
from .defaults import derived_recipients, own_recipients
from .enums import DocumentType
from .models import Document, RecipientList, Series


@login_required
def register(request):
    """The document register of one year: every numbered document, by series and type."""
    actor = get_actor(request.user)
    if actor is None or not request.user.has_perm("documents.view_register"):
        raise PermissionDenied
    documents = Document.objects.for_commune(actor.commune).select_related("series", "plan")
    years = sorted(set(documents.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else (years[0] if years else timezone.localdate().year)
    documents = documents.filter(year=year)
    series = Series.objects.filter(commune=actor.commune)
    series_id = request.GET.get("series", "")
    if series_id.isdigit():
        documents = documents.filter(series_id=int(series_id))
    doc_type = request.GET.get("type", "")
    if doc_type in DocumentType.values:
        documents = documents.filter(doc_type=doc_type)
    return render(request, "documents/register.html", {
        "documents": documents.order_by("series", "doc_type", "number"),
        "years": years, "year": year, "series_list": series, "series_id": series_id,
        "doc_types": DocumentType.choices, "doc_type": doc_type,
    })


# The commune's printed data and its "Nơi nhận" ------------------------------------------------------------------------


class RecipientForm(forms.Form):
    recipients = forms.CharField(label=gettext_lazy("recipients"), required=False, widget=forms.Textarea(
        attrs={"rows": 6}), help_text=gettext_lazy("One recipient per line; empty: back to the default."))


def _office(user):
    actor = get_actor(user)
    if actor is None or not user.has_perm("documents.manage_recipients"):
        raise PermissionDenied
    return actor


def _doc_type(doc_type):
    if doc_type not in DocumentType.values:
        raise Http404
    return DocumentType(doc_type)


@login_required
def recipients(request):
    """The commune's printed data (read only: the province's office keeps it) and the "Nơi nhận" of each kind of
    document: the commune's own list, or the default derived from its data."""
    actor = _office(request.user)
    commune = actor.commune
    own = dict(RecipientList.objects.filter(commune=commune).values_list("doc_type", "recipients"))
    rows = [{"doc_type": value, "label": label, "own": bool((own.get(value) or "").strip()),
             "lines": [line for line in ((own.get(value) or "").strip()
                                         or derived_recipients(commune, value)).splitlines() if line.strip()]}
            for value, label in DocumentType.choices]
    return render(request, "documents/recipients.html", {
        "commune": commune, "rows": rows, "series_list": Series.objects.filter(commune=commune)})


@login_required
def recipient_edit(request, doc_type):
    actor = _office(request.user)
    doc_type = _doc_type(doc_type)
    current = own_recipients(actor.commune, doc_type)
    derived = derived_recipients(actor.commune, doc_type)
    form = RecipientForm(request.POST or None, initial={"recipients": current or derived})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["recipients"]
        if text.strip() and not current and text.strip().splitlines() == derived.splitlines():
            messages.info(request, _("Nothing changed: the default recipients stay."))
        else:
            services.save_recipient_list(commune=actor.commune, doc_type=doc_type, recipients=text, by=request.user)
            messages.success(request, _("The recipients of %(type)s are saved.") % {"type": doc_type.label})
        return redirect("documents:recipients")
    return render(request, "documents/recipient_form.html", {
        "form": form, "doc_type": doc_type, "own": current is not None, "derived": derived.splitlines()})


@login_required
@require_POST
def recipient_clear(request, doc_type):
    actor = _office(request.user)
    doc_type = _doc_type(doc_type)
    services.clear_recipient_list(commune=actor.commune, doc_type=doc_type, by=request.user)
    messages.success(request, _("The recipients of %(type)s are back to the default.") % {"type": doc_type.label})
    return redirect("documents:recipients")
