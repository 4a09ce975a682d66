from .models import Notification


def unread(request):
    """The unread count of the navbar's bell: one COUNT query a rendered page, none for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.unread().filter(recipient=user).count()}
