"""The pages where the client systems of the API are managed: a commune's office manages its commune's (under
/connections/), a province's operators the province's (under /province/connections/). List, create (the key is
shown once, on the answer to the form, and kept nowhere), revoke (after a confirmation), and each client's call log.

Anyone else signed in gets 403 (an operator on the commune's pages too, as on every commune page); another commune's
or province's client is 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from directory.permissions import get_actor, get_operator

from . import services
from .enums import Scope
from .forms import ApiClientForm, account_label
from .models import ApiCall, ApiClient

COMMUNE, PROVINCE = "commune", "province"
NAMESPACES = {COMMUNE: "api_clients", PROVINCE: "province_api_clients"}
CALLS_PAGE_SIZE = 50


def _owner(user, side):
    """The commune (its office) or the province (its operator) whose clients `user` manages; anyone else: 403."""
    if side == COMMUNE:
        actor = get_actor(user)
        if actor is None or not user.has_perm("api.manage_clients"):
            raise PermissionDenied
        owner = actor.commune
    else:
        operator = get_operator(user)
        if operator is None or not user.has_perm("provinces.operate"):
            raise PermissionDenied
        owner = operator.province
    if not services.can_manage(user, owner):
        raise PermissionDenied
    return owner


def _clients(owner):
    return ApiClient.objects.owned_by(owner).select_related(
        "user__person__unit", "user__province_operator", "created_by__person", "created_by__province_operator",
        "revoked_by__person", "revoked_by__province_operator").prefetch_related("user__person__roles")


def _get_client(user, side, pk):
    owner = _owner(user, side)
    return owner, get_object_or_404(_clients(owner), pk=pk)


def get_client_for_user(user, pk):
    """A client, under the rules of its owner's pages (its history page): a commune's for that commune's office, a
    province's for its operators; another commune's or province's is 404, anyone else is refused (403)."""
    owned = get_object_or_404(ApiClient.objects.only("commune_id"), pk=pk)
    return _get_client(user, COMMUNE if owned.commune_id else PROVINCE, pk)[1]


def who(user) -> str:
    """A person's or an operator's name for an account (its user name when it has neither)."""
    if user is None:
        return ""
    person = getattr(user, "person", None) or getattr(user, "province_operator", None)
    return person.full_name if person is not None else user.get_username()


def _context(side, owner, **extra):
    return {"side": side, "ns": NAMESPACES[side], "owner": owner, **extra}


@login_required
def client_list(request, side):
    owner = _owner(request.user, side)
    clients = _clients(owner).order_by(F("revoked_at").asc(nulls_first=True), "name", "pk")
    rows = [{"client": client, "acts_as": account_label(client.user), "created_by": who(client.created_by),
             "revoked_by": who(client.revoked_by), "scopes": [Scope(scope).label for scope in client.scopes]}
            for client in clients]
    return render(request, "api/client_list.html", _context(side, owner, rows=rows))


@login_required
def client_create(request, side):
    """The form; its answer shows the new key once (never stored, never in the session nor a message)."""
    owner = _owner(request.user, side)
    form = ApiClientForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        try:
            client, key = services.create_client(owner=owner, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = render(request, "api/client_created.html", _context(
                side, owner, client=client, key=key, acts_as=account_label(client.user)))
            add_never_cache_headers(response)  # Cache-Control: no-store: no cache, proxy or back button keeps it
            return response
    return render(request, "api/client_form.html", _context(side, owner, form=form))


@login_required
def client_revoke(request, side, pk):
    """A confirmation page; its POST stops the token for good."""
    owner, client = _get_client(request.user, side, pk)
    if request.method == "POST":
        try:
            services.revoke_client(client=client, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The token of %(name)s is revoked: its calls are refused from now on.")
                             % {"name": client.name})
        return redirect(f"{NAMESPACES[side]}:list")
    return render(request, "api/client_revoke.html", _context(
        side, owner, client=client, acts_as=account_label(client.user)))


@login_required
def client_calls(request, side, pk):
    """The client's calls, newest first."""
    owner, client = _get_client(request.user, side, pk)
    calls = ApiCall.objects.filter(client=client).only(
        "at", "method", "path", "query", "status", "duration_ms", "address").order_by("-at", "-pk")
    page = Paginator(calls, CALLS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "api/client_calls.html", _context(side, owner, client=client, page=page))
