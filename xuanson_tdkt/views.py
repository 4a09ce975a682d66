from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from campaigns.services import plans_for_commune
from directory.permissions import get_actor


@login_required
def home(request):
    """The landing page: the commune's plans and where to go next; an account without a person sees an explanation."""
    actor = get_actor(request.user)
    plans = plans_for_commune(actor.commune)[:5] if actor else []
    return render(request, "home.html", {"plans": plans})
