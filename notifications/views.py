from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    """The user's own notifications, newest first. Any account may have some, so no person is required."""
    notifications = Notification.objects.filter(recipient=request.user).only(
        "title", "body", "url", "created_at", "read_at")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one of the user's notifications read (another user's → 404) and follow its link unless asked to stay."""
    notification = get_object_or_404(Notification.objects.only("pk", "url"), pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification_id=notification.pk)
    follow = notification.url and not request.POST.get("stay")
    if follow and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications have been marked as read."))
    return redirect("notifications:list")
