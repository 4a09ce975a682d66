from .permissions import get_actor


def actor(request):
    """The logged-in person's actor (or None); cached on the user, so this costs at most one lookup a request."""
    return {"actor": get_actor(getattr(request, "user", None))}
