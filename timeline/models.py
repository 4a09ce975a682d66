"""The plan's appendix: dated tasks with who directs, who does and who helps."""

from django.db import models
from django.utils.translation import gettext, gettext_lazy as _


class TimelineTask(models.Model):
    """A row of the appendix "Tiến độ thực hiện" of a plan."""

    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="tasks")
    position = models.PositiveIntegerField(_("position"), default=0)
    content = models.TextField(_("content"))
    directs = models.CharField(_("directs"), max_length=200, blank=True)
    does = models.CharField(_("does"), max_length=200, blank=True)
    supports = models.CharField(_("in coordination with"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"))
    due_text = models.CharField(
        _("time as printed"), max_length=200, blank=True,
        help_text=_("Leave empty to print \"Trước ngày dd/mm/yyyy\"."),
    )

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
