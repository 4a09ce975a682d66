from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.permissions import get_actor

from . import services
from .models import AccountUnlock


def _unlocker_commune(user):
    """The commune whose accounts `user` may unlock; None for the superuser, who may unlock any."""
    if not user.has_perm("accounts.unlock_accounts"):
        raise PermissionDenied
    if user.is_superuser:
        return None
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor.commune


@login_required
def locked_list(request):
    """The accounts locked now (of the office's commune, or all for the superuser) and the latest unlocks."""
    commune = _unlocker_commune(request.user)
    history = AccountUnlock.objects.select_related("unlocked_by__person", "user__person")
    if commune is not None:
        history = history.filter(commune=commune)
    return render(request, "accounts/locked_list.html", {
        "lockouts": services.locked_accounts(commune=commune),
        "history": history[:30],
    })


@login_required
@require_POST
def unlock(request, user_id):
    commune = _unlocker_commune(request.user)
    users = get_user_model().objects.all()
    if commune is not None:
        users = users.filter(person__commune=commune)
    account = get_object_or_404(users, pk=user_id)
    if services.unlock_account(user=account, by=request.user):
        messages.success(request, _("The account %(username)s is unlocked.") % {"username": account.username})
    else:
        messages.info(request, _("The account %(username)s was not locked.") % {"username": account.username})
    return redirect("accounts:locked_list")
