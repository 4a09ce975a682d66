from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from caching.pages import cached_page, shared_value
from campaigns.services import plans_for_commune
from directory.models import Commune
from directory.permissions import get_actor, get_operator
from provinces.calls import call_for
from provinces.models import NothingToSend
from reports.dashboard import build_dashboard, choose_year_and_period, sees_dashboard


@login_required
@cached_page
def home(request):
    """The landing page: the dashboard for the office, the chairman and unit leaders (their units' own), then the
    commune's plans; an account without a person sees an explanation."""
    actor = get_actor(request.user)
    if actor is None and get_operator(request.user) is not None:
        return redirect("provinces:commune_list")  # the province's emulation office has its own area
    plans = plans_for_commune(actor.commune)[:5] if actor else []
    dashboard = None
    if sees_dashboard(actor):
        year, period, years = choose_year_and_period(
            actor.commune, request.GET.get("year", ""), request.GET.get("period", ""), timezone.localdate())
        # The same for everyone of the commune in the same place (office, chairman, or leader of the same units).
        scope = (actor.commune.pk, actor.is_office_staff, actor.is_chairman, tuple(sorted(actor.led_unit_ids)))
        dashboard = shared_value(("dashboard", *scope, year, period, tuple(years), get_language(),
                                  timezone.localdate()),
                                 lambda: build_dashboard(actor=actor, year=year, period=period, years=years))
    # The office sends the year's dossiers up: it sees the province's deadline for them.
    dossier_call = None
    if actor is not None and actor.is_office_staff:
        dossier_call = call_for(actor.commune.province_id, dashboard.year if dashboard else timezone.localdate().year)
        # A commune that declared it has nothing to propose that year owes nothing by the deadline.
        if dossier_call and NothingToSend.objects.filter(commune=actor.commune, year=dossier_call.year).exists():
            dossier_call = None
    return render(request, "home.html", {"plans": plans, "dashboard": dashboard, "dossier_call": dossier_call})


class PortalLoginView(LoginView):
    """The login page, with the way in for residents: each commune's public pages (lists posted, honour board)."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["public_communes"] = public_communes()
        return context


def public_communes():
    """The communes that post lists publicly, linked from the login page (also when it says an account is locked)."""
    return Commune.objects.filter(disclosures__isnull=False).distinct().order_by("name")
