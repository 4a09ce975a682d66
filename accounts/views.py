from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.enums import Role
from directory.models import Person, Unit
from directory.permissions import get_actor

from . import services
from .forms import InviteForm, RoleForm, UnitLeaderForm
from .models import AccountUnlock
from .tokens import invitation_token


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


# The commune's people, their accounts and roles ---------------------------------------------------------------------


def _clerk(user):
    """The office's actor; anyone else is refused (403)."""
    actor = get_actor(user)
    if actor is None or not user.has_perm("accounts.manage_accounts"):
        raise PermissionDenied
    return actor


def get_person_for_clerk(user, pk):
    """A person of the clerk's own commune (another commune's is 404)."""
    actor = _clerk(user)
    return actor, get_object_or_404(Person.objects.select_related("user", "user__invitation", "unit"),
                                    pk=pk, commune=actor.commune)


@login_required
def people(request):
    """"Tài khoản và vai trò": every person of the commune with their account's state, roles and units led."""
    actor = _clerk(request.user)
    people = (Person.objects.filter(commune=actor.commune).in_vietnamese_order()
              .select_related("unit", "user", "user__invitation").prefetch_related("roles", "led_units"))
    rows = [(person, services.account_status(person)) for person in people]
    return render(request, "accounts/people.html", {"rows": rows})


@login_required
def person_account(request, pk):
    """One person's account (invite when there is none) and roles."""
    actor, person = get_person_for_clerk(request.user, pk)
    form = None
    if person.user_id is None:
        form = InviteForm(request.POST or None, initial={"username": services.propose_username(person.full_name)})
        if request.method == "POST" and form.is_valid():
            try:
                services.invite_person(person=person, username=form.cleaned_data["username"], by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": person.email})
                return redirect("accounts:person", pk=person.pk)
    elif request.method == "POST":
        return HttpResponseRedirect(request.path)
    held = set(person.roles.values_list("role", flat=True))
    return render(request, "accounts/person.html", {
        "person": person, "status": services.account_status(person), "form": form,
        "roles": [(value, label, value in held) for value, label in Role.choices],
        "led_units": person.led_units.order_by("position", "name"),
        "leader_form": UnitLeaderForm(commune=actor.commune),
        "is_self": person.user_id == request.user.pk,
    })


def _act(request, pk, action, success):
    """Run `action(person)` for a POST of the office; a refused change is told, not raised."""
    _actor, person = get_person_for_clerk(request.user, pk)
    try:
        action(person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("accounts:person", pk=person.pk)


def _account_of(person):
    if person.user_id is None:
        raise Http404
    return person.user


@login_required
@require_POST
def resend(request, pk):
    return _act(request, pk, lambda person: services.resend_invitation(person=person, by=request.user),
                _("The invitation has been sent again; the earlier link no longer works."))


@login_required
@require_POST
def deactivate(request, pk):
    return _act(request, pk, lambda person: services.deactivate_account(user=_account_of(person), by=request.user),
                _("The account has been deactivated: it can no longer log in."))


@login_required
@require_POST
def reactivate(request, pk):
    return _act(request, pk, lambda person: services.reactivate_account(user=_account_of(person), by=request.user),
                _("The account has been reactivated."))


def _role(request):
    form = RoleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Unknown role."))
    return form.cleaned_data["role"]


@login_required
@require_POST
def role_grant(request, pk):
    return _act(request, pk, lambda person: services.grant_role(person=person, role=_role(request), by=request.user),
                _("The role has been given."))


@login_required
@require_POST
def role_revoke(request, pk):
    return _act(request, pk, lambda person: services.revoke_role(person=person, role=_role(request), by=request.user),
                _("The role has been taken away."))


@login_required
@require_POST
def unit_lead(request, pk):
    actor = _clerk(request.user)

    def lead(person):
        form = UnitLeaderForm(request.POST, commune=actor.commune)
        if not form.is_valid():
            raise ValidationError(_("Choose a unit of the commune."))
        services.set_unit_leader(unit=form.cleaned_data["unit"], person=person, by=request.user)
    return _act(request, pk, lead, _("The person now leads the unit."))


@login_required
@require_POST
def unit_leave(request, pk, unit_pk):
    actor, person = get_person_for_clerk(request.user, pk)
    unit = get_object_or_404(Unit, pk=unit_pk, commune=actor.commune, leader=person)
    return _act(request, pk, lambda person: services.set_unit_leader(unit=unit, person=None, by=request.user),
                _("The person no longer leads the unit."))


# The invited person's link --------------------------------------------------------------------------------------------


class InvitationView(PasswordResetConfirmView):
    """Django's "set a new password" page, for an invitation's token: the link works once and for INVITATION_DAYS;
    a used or expired link says which, in plain words."""

    token_generator = invitation_token
    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("accounts:invitation_done")
    reset_url_token = "set-password"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        services.accept_invitation(user=form.user, password=form.cleaned_data["new_password1"], by=form.user)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["already_used"] = bool(self.user and self.user.has_usable_password())
        context["username"] = self.user.username if self.user else ""
        return context


def invitation_done(request):
    return render(request, "accounts/invitation_done.html")
