"""The dossier of a nomination, checked against its title's list of components (DossierRequirement, as data).

A component is provided by an upload the office marks as provided, or by a document the portal issued itself: the
council's minutes (biên bản) of a meeting that voted on the nomination, and the submission (tờ trình) of a decision
that lists it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from audit.history import audited
from provinces.enums import LOCKED_STATUSES
from registrations.uploads import check_upload

from .models import AwardDecision, CouncilMeeting, DossierItem, DossierRequirement, Nomination

MINUTES_CODE = "bien-ban-binh-xet"
SUBMISSION_CODE = "to-trinh"


@dataclass(frozen=True)
class DossierLine:
    requirement: DossierRequirement
    item: DossierItem | None
    document: object | None  # a documents.Document the portal issued that serves as this component

    @property
    def provided(self) -> bool:
        return self.document is not None or (self.item is not None and self.item.provided)


def with_dossier(nominations):
    """Prefetch what dossier_lines needs, so a list of nominations costs a fixed number of queries."""
    return nominations.prefetch_related(
        "title__dossier_requirements",
        "dossier_items",
        Prefetch("meetings", queryset=CouncilMeeting.objects.filter(minutes__isnull=False).select_related(
            "minutes__series")),
        Prefetch("decisions", queryset=AwardDecision.objects.filter(submission__isnull=False).select_related(
            "submission__series")),
    )


def dossier_lines(nomination: Nomination) -> list[DossierLine]:
    """Each component of the title's dossier with its upload and/or the issued document that provides it."""
    items = {item.requirement_id: item for item in nomination.dossier_items.all()}
    minutes = next((m.minutes for m in nomination.meetings.all() if m.minutes_id), None)
    submission = next((d.submission for d in nomination.decisions.all() if d.submission_id), None)
    generated = {MINUTES_CODE: minutes, SUBMISSION_CODE: submission}
    requirements = sorted(nomination.title.dossier_requirements.all(), key=lambda r: (r.position, r.pk))
    return [DossierLine(r, items.get(r.pk), generated.get(r.code)) for r in requirements]


def missing_items(nomination: Nomination) -> list[DossierRequirement]:
    """The components not provided yet, in the title's order."""
    return [line.requirement for line in dossier_lines(nomination) if not line.provided]


def sent_up(nomination: Nomination) -> bool:
    """Whether the nomination's proposal is with the province (provinces.dossiers): its items are frozen then."""
    return AwardDecision.objects.filter(nominations=nomination, dossier__status__in=LOCKED_STATUSES).exists()


@transaction.atomic
@audited("save_dossier_item")
def save_dossier_item(*, nomination: Nomination, requirement: DossierRequirement, by, upload=None, note: str = "",
                      provided: bool | None = None) -> DossierItem:
    """Attach a file (content-checked, size-limited) and/or a note to a dossier component; a file marks it provided
    unless the office says otherwise."""
    from directory.permissions import get_actor

    actor = get_actor(by)
    if actor is None or actor.commune.pk != nomination.commune_id or not actor.is_office_staff:
        raise PermissionDenied
    if requirement.title_id != nomination.title_id:
        raise ValidationError(_("This component is not part of the dossier of %(title)s.") % {
            "title": nomination.title.name})
    # The proposals listing it are locked first, as send_dossier locks its proposal: a send and a save of an item
    # cannot cross (the send checks the items, then the item changes under a dossier that has gone).
    list(AwardDecision.objects.select_for_update().filter(nominations=nomination).values_list("pk", flat=True))
    if sent_up(nomination):
        raise ValidationError(_("The dossier has been sent to the province: its items can change only once the "
                                "province returns it."))
    item, _created = DossierItem.objects.get_or_create(nomination=nomination, requirement=requirement)
    fields = ["note", "provided"]
    if upload is not None:
        checked = check_upload(upload)
        # Stored under a random name with the detected extension (the uploader's name may carry path tricks).
        upload.name = checked.generated_name()
        if item.file:
            # The old file goes only once the new one is saved for good.
            old_name, storage = item.file.name, item.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
        item.file = upload
        fields.append("file")
    item.note = note.strip()
    item.provided = bool(item.file) if provided is None else provided
    item.save(update_fields=fields)
    return item
