from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from directory.permissions import get_actor

from .enums import DocumentType
from .models import Document, Series


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
