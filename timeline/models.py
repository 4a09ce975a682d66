"""The plan's appendix: dated tasks with who directs, who does and who helps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import TaskRole, TaskStatus


class TimelineTaskQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=TaskStatus.DONE)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def for_person(self, person):
        """Tasks a person is responsible for in any role, directly or through a unit they belong to or lead."""
        return self.filter(
            Q(assignments__person=person)
            | Q(assignments__unit__people=person)
            | Q(assignments__unit__leader=person)
        ).distinct()


class TimelineTask(Versioned):
    """A row of the appendix "Tiến độ thực hiện" of a plan."""

    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="tasks")
    position = models.PositiveIntegerField(_("position"), default=0)
    content = models.TextField(_("content"))
    directs = models.CharField(_("directs"), max_length=200, blank=True)
    does = models.CharField(_("does"), max_length=200, blank=True)
    supports = models.CharField(_("in coordination with"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    due_text = models.CharField(
        _("time as printed"), max_length=200, blank=True,
        help_text=_("Leave empty to print \"Trước ngày dd/mm/yyyy\"."),
    )
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = TimelineTaskQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("timeline task")
        verbose_name_plural = _("timeline tasks")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.content[:80]

    @property
    def time_label(self) -> str:
        if self.due_text:
            return self.due_text
        due = self.due_on.strftime("%d/%m/%Y")
        if self.starts_on:
            return gettext("From %(start)s to %(due)s") % {"start": self.starts_on.strftime("%d/%m/%Y"), "due": due}
        return gettext("Before %(due)s") % {"due": due}

    def is_overdue(self, today=None) -> bool:
        return self.status != TaskStatus.DONE and self.due_on < (today or timezone.localdate())


class TaskAssignment(models.Model):
    """Who is responsible for a task in one role: a person, or a unit (its members and its leader)."""

    task = models.ForeignKey(TimelineTask, verbose_name=_("task"), on_delete=models.CASCADE,
                             related_name="assignments")
    role = models.CharField(_("role"), max_length=10, choices=TaskRole.choices)
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="task_assignments")
    unit = models.ForeignKey("directory.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="task_assignments")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="assignment_person_xor_unit",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person or self.unit}"


class TaskUpdate(models.Model):
    """One entry of a task's progress history: a status change and/or a note, by whom and when."""

    task = models.ForeignKey(TimelineTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.task_id}: {self.get_status_display()}"


class Milestone(models.Model):
    """A dated milestone of the year outside the appendix (e.g. initiatives due 01/08), reminded like a task."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    units = models.ManyToManyField("directory.Unit", verbose_name=_("responsible units"), blank=True,
                                   related_name="milestones")
    people = models.ManyToManyField("directory.Person", verbose_name=_("responsible people"), blank=True,
                                    related_name="milestones")
    is_done = models.BooleanField(_("done"), default=False)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ReminderSettings(Versioned):
    """How a commune is reminded; one row a commune, created with the defaults when first needed."""

    commune = models.OneToOneField("directory.Commune", verbose_name=_("commune"), on_delete=models.CASCADE,
                                   related_name="reminder_settings")
    days_before = models.CharField(
        _("days before the deadline"), max_length=50, default="7,3,1",
        help_text=_("Comma-separated numbers of days, e.g. 7,3,1"),
    )
    overdue_lookback_days = models.PositiveSmallIntegerField(
        _("overdue reminder window (days)"), default=7,
        help_text=_("A task that became overdue within this many days gets its one overdue reminder."),
    )
    remind_directors = models.BooleanField(
        _("also remind those who direct"), default=False,
        help_text=_("Those who do and those who coordinate are always reminded; the chairman gets a weekly digest."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self):
        return str(self.commune)

    @property
    def offsets(self) -> list[int]:
        return sorted({int(part) for part in self.days_before.split(",") if part.strip().isdigit()}, reverse=True)


class ReminderDelivery(models.Model):
    """The claim that one reminder (source item, person, occasion) was sent. Unique, so nothing is sent twice.

    A sweep inserts its claims with its own `run_id` and ignores conflicts, then sends only the rows carrying its
    run id: a retried, doubled or concurrent sweep finds the rows already claimed and sends nothing.
    """

    source = models.CharField(_("source"), max_length=40)  # "task", "milestone", "digest"
    object_id = models.PositiveBigIntegerField(_("object"))
    person = models.ForeignKey("directory.Person", verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="reminder_deliveries")
    occasion = models.CharField(_("occasion"), max_length=30)  # "before-3", "overdue", "digest-2022-W45"
    run_id = models.UUIDField(_("sweep"), db_index=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id", "person", "occasion"],
                                    name="reminder_once_per_occasion"),
        ]

    def __str__(self):
        return f"{self.source}:{self.object_id} → {self.person} ({self.occasion})"


class CalendarToken(models.Model):
    """The secret of a user's private iCalendar feed; regenerating it revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="calendar_token")
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return f"{self.user}"
