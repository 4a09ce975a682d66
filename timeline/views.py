from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.access import check_plan_permission, get_plan_for_user, require_actor
from campaigns.services import move, next_position

from .forms import TimelineTaskForm
from .models import TimelineTask


def get_task_for_user(user, pk, *, write: bool = False) -> TimelineTask:
    actor = require_actor(user)
    task = get_object_or_404(TimelineTask.objects.select_related("plan"), pk=pk, plan__commune=actor.commune)
    check_plan_permission(user, write=write)
    return task


def _appendix_url(plan) -> str:
    return reverse("campaigns:plan_detail", kwargs={"pk": plan.pk}) + "#appendix"


@login_required
def task_create(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    form = TimelineTaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.plan = plan
        task.position = next_position(plan.tasks.all())
        task.save()
        messages.success(request, _("The appendix row has been added."))
        return redirect(_appendix_url(plan))
    return render(request, "campaigns/object_form.html",
                  {"plan": plan, "form": form, "title": _("Add an appendix row")})


@login_required
def task_edit(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    form = TimelineTaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The appendix row has been saved."))
        return redirect(_appendix_url(task.plan))
    return render(request, "campaigns/object_form.html",
                  {"plan": task.plan, "form": form, "title": _("Edit appendix row"),
                   "delete_url": reverse("timeline:task_delete", args=[task.pk])})


@login_required
def task_delete(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    if request.method == "POST":
        task.delete()
        messages.success(request, _("The appendix row has been deleted."))
        return redirect(_appendix_url(task.plan))
    return render(request, "campaigns/confirm_delete.html",
                  {"plan": task.plan, "object": task, "noun": _("appendix row")})


@login_required
@require_POST
def task_move(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    move(obj=task, siblings=task.plan.tasks.all(), direction=request.POST.get("direction", "up"))
    return redirect(_appendix_url(task.plan))
