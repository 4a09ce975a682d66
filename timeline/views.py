from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django_celery_beat.models import PeriodicTask

from caching.pages import cached_page
from campaigns.access import check_plan_permission, get_plan_for_user, require_actor
from campaigns.models import Plan
from campaigns.services import move, next_position
from campaigns.views import confirm_delete

from . import services
from .display import OVERDUE, build_chart
from .enums import TaskRole, TaskStatus
from .forms import ReminderSettingsForm, ScheduleForm, TaskStatusForm, TimelineTaskForm
from .ical import build_feed
from .models import CalendarToken, ReminderSettings, TaskAssignment, TaskUpdate, TimelineTask
from .personal import milestones_concerning, roles_of, unit_ids_of

# The periodic tasks office staff may reschedule, with what each does.
BEAT_TASKS = {
    "timeline.send_reminders": gettext_lazy("Daily deadline reminders"),
    "timeline.send_weekly_digest": gettext_lazy("Weekly list of late tasks for the chairman"),
    "notifications.flush_outbox": gettext_lazy("Resend e-mails left in the outbox"),
}


def get_task_for_user(user, pk, *, write: bool = False) -> TimelineTask:
    actor = require_actor(user)
    task = get_object_or_404(TimelineTask.objects.select_related("plan"), pk=pk, plan__commune=actor.commune)
    check_plan_permission(user, write=write)
    return task


def require_timeline_viewer(user):
    actor = require_actor(user)
    if not user.has_perm("timeline.view_timeline"):
        raise PermissionDenied
    return actor


def get_visible_task(user, pk) -> TimelineTask:
    """A task for reading: no person → 403, another commune's task → 404, then the timeline permission."""
    actor = require_actor(user)
    queryset = TimelineTask.objects.select_related("plan", "plan__document", "plan__document__series")
    task = get_object_or_404(queryset, pk=pk, plan__commune=actor.commune)
    if not user.has_perm("timeline.view_timeline"):
        raise PermissionDenied
    return task


def _appendix_url(plan) -> str:
    return reverse("campaigns:plan_detail", kwargs={"pk": plan.pk}) + "#appendix"


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


# Appendix rows (office staff) ------------------------------------------------------------------------------------


@login_required
def task_create(request, plan_pk):
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    form = TimelineTaskForm(request.POST or None, commune=plan.commune)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            task = form.save(commit=False)
            task.plan = plan
            task.position = next_position(plan.tasks.all())
            task.save()
            form.save_m2m()  # the responsible units and people
        messages.success(request, _("The appendix row has been added."))
        return redirect(_appendix_url(plan))
    return render(request, "campaigns/object_form.html",
                  {"plan": plan, "form": form, "title": _("Add an appendix row")})


@login_required
def task_edit(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    form = TimelineTaskForm(request.POST or None, instance=task, commune=task.plan.commune)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The appendix row has been saved."))
        return redirect(_appendix_url(task.plan))
    return render(request, "campaigns/object_form.html",
                  {"plan": task.plan, "form": form, "title": _("Edit appendix row"),
                   "delete_url": reverse("timeline:task_delete", args=[task.pk])})


@login_required
def task_delete(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    return confirm_delete(request, task, task.plan, _("appendix row"), next_url=_appendix_url(task.plan))


@login_required
@require_POST
def task_move(request, pk):
    task = get_task_for_user(request.user, pk, write=True)
    move(obj=task, siblings=task.plan.tasks.all(), direction=request.POST.get("direction", "up"), by=request.user)
    return redirect(_appendix_url(task.plan))


# The year's timeline, a task, my tasks ----------------------------------------------------------------------------


@login_required
@cached_page
def timeline(request):
    """The year's tasks as a Gantt chart and a list; by default the year of the commune's latest plan."""
    actor = require_timeline_viewer(request.user)
    plans = {plan.year: plan for plan in Plan.objects.annual().filter(commune=actor.commune).select_related("document")}
    today = timezone.localdate()
    asked = request.GET.get("year", "")
    if asked.isdigit() and 1900 <= int(asked) <= 2999:
        year = int(asked)
    else:
        year = max(plans, default=today.year)
    tasks = list(TimelineTask.objects.filter(plan__commune=actor.commune, plan__year=year).order_by("position", "pk"))
    chart = build_chart(tasks, year=year, today=today)
    counts = {key: sum(1 for bar in chart.bars if bar.status == key)
              for key in [TaskStatus.DONE, TaskStatus.IN_PROGRESS, OVERDUE]}
    return render(request, "timeline/timeline.html", {
        "year": year, "years": sorted(plans, reverse=True), "plan": plans.get(year), "chart": chart,
        "today": today, "counts": counts,
    })


@login_required
def task_detail(request, pk):
    """A task, who is responsible for it and its progress history; those who may, report progress here (POST)."""
    task = get_visible_task(request.user, pk)
    can_update = request.user.has_perm("timeline.update_task", task)
    form = None
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        form = TaskStatusForm(request.POST, task=task)
        if form.is_valid():
            services.update_task_status(task=task, by=request.user, status=form.cleaned_data["status"],
                                        note=form.cleaned_data["note"])
            messages.success(request, _("The progress of the task has been recorded."))
            return redirect(_safe_next(request, reverse("timeline:task_detail", args=[task.pk])))
    elif can_update:
        form = TaskStatusForm(task=task)
    assignments = TaskAssignment.objects.filter(task=task).select_related("unit", "person", "person__unit")
    # Per role: the text printed in the appendix column of the same name, then the units and people named.
    responsible = [
        (role.label, getattr(task, role.value), [a.unit for a in assignments if a.role == role and a.unit_id],
         [a.person for a in assignments if a.role == role and a.person_id])
        for role in TaskRole
    ]
    updates = TaskUpdate.objects.filter(task=task).select_related("author__person")
    return render(request, "timeline/task_detail.html", {
        "task": task, "plan": task.plan, "responsible": responsible, "updates": updates, "form": form,
    })


@login_required
@cached_page
def my_tasks(request):
    """Tasks and milestones naming the user or their unit: open ones by due date, then done ones."""
    actor = require_timeline_viewer(request.user)
    person = actor.person
    unit_ids = unit_ids_of(person)
    # The office may update any task (same rule as "timeline.update_task"); others the tasks they do.
    updates_all = request.user.has_perm("timeline.update_task")
    tasks = services.tasks_concerning(request.user).select_related("plan").prefetch_related("assignments").order_by(
        "due_on", "pk")
    rows = []
    for task in tasks:
        roles = roles_of(task, person=person, unit_ids=unit_ids)
        can_update = updates_all or TaskRole.DOES in roles
        rows.append({"task": task, "roles": [role.label for role in roles],
                     "form": TaskStatusForm(task=task) if can_update else None})
    open_rows = [row for row in rows if row["task"].status != TaskStatus.DONE]
    done_rows = [row for row in rows if row["task"].status == TaskStatus.DONE]
    milestones = sorted(milestones_concerning(actor), key=lambda m: (m.is_done, m.due_on, m.pk))
    return render(request, "timeline/my_tasks.html", {
        "open_rows": open_rows, "done_rows": done_rows, "milestones": milestones, "today": timezone.localdate(),
    })


# Reminder settings (office staff) ---------------------------------------------------------------------------------


@login_required
def reminder_settings(request):
    actor = require_actor(request.user)
    if not request.user.has_perm("timeline.manage_reminders"):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    config = ReminderSettings.objects.filter(commune=actor.commune).first() or ReminderSettings(commune=actor.commune)
    form = ReminderSettingsForm(data, instance=config, prefix="settings")
    periodic_tasks = PeriodicTask.objects.filter(task__in=BEAT_TASKS).select_related(
        "crontab", "interval", "solar", "clocked").order_by("task", "name")
    schedules = []
    if request.user.has_perm("timeline.manage_schedules"):
        schedules = [(task, BEAT_TASKS[task.task], ScheduleForm(data, periodic_task=task)) for task in periodic_tasks]
    if data is not None:
        valid = [form.is_valid()] + [schedule_form.is_valid() for _task, _label, schedule_form in schedules]
        if all(valid):
            with transaction.atomic():
                form.save()
                for _task, _label, schedule_form in schedules:
                    schedule_form.save()
            messages.success(request, _("The reminder settings have been saved."))
            return redirect("timeline:reminder_settings")
    schedule_errors = any(schedule_form.errors for _task, _label, schedule_form in schedules)
    return render(request, "timeline/reminder_settings.html", {
        "form": form, "schedules": schedules, "schedule_errors": schedule_errors,
        "shared_schedules": [] if schedules else periodic_tasks,
    })


# The private calendar feed ----------------------------------------------------------------------------------------


@login_required
def calendar(request):
    require_timeline_viewer(request.user)
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = settings.SITE_URL + reverse("timeline:calendar_feed", args=[token.token]) if token else ""
    webcal_url = "webcal://" + feed_url.split("://", 1)[1] if feed_url else ""
    return render(request, "timeline/calendar.html", {"token": token, "feed_url": feed_url, "webcal_url": webcal_url})


@login_required
@require_POST
def calendar_regenerate(request):
    require_timeline_viewer(request.user)
    services.calendar_token_for(request.user, regenerate=True)
    messages.success(request, _("A new calendar link has been created; the old link no longer works."))
    return redirect("timeline:calendar")


@login_required
@require_POST
def calendar_revoke(request):
    require_timeline_viewer(request.user)
    services.revoke_calendar_token(request.user)
    messages.success(request, _("The calendar link has been revoked."))
    return redirect("timeline:calendar")


@require_safe
def calendar_feed(request, token):
    """No login: the secret token is the credential, so a phone's calendar can subscribe."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    response = HttpResponse(build_feed(found.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tdkt.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
