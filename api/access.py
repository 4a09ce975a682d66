"""Who a token's account is, for the endpoints: the same Actor (commune member) or operator the pages use.

A commune endpoint refuses an account that is no commune member with 403, as the commune's pages do (an operator's
token reads the province's side instead); objects outside the actor's commune are simply not in its querysets, so
they answer 404.
"""

from rest_framework.exceptions import PermissionDenied

from directory.permissions import get_actor, get_operator


def commune_actor(request):
    actor = get_actor(request.user)
    if actor is None:
        raise PermissionDenied
    return actor


def operator(request):
    found = get_operator(request.user)
    if found is None:
        raise PermissionDenied
    return found
