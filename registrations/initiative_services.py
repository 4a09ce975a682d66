"""Every state change of initiatives (sáng kiến) and writing-contest entries, and who may make it.

Views, admin actions and tests call these functions; none of them saves an initiative, an attachment or an entry by
itself. Files are written only after the upload has been checked (registrations.uploads) and are removed again if the
database work that follows fails, so a failed request leaves neither a row nor a file behind.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.enums import UnitKind
from directory.models import Unit
from directory.permissions import Actor, get_actor

from .enums import PeriodKind, PhaseKind
from .models import ContestEntry, Initiative, InitiativeAttachment, Phase
from .uploads import CheckedUpload, StoredFiles

# The units that send contest entries every period (the office's own agencies do not).
CONTEST_UNIT_KINDS = [UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP, UnitKind.SECTION, UnitKind.ORGANISATION]


# Who may do what ------------------------------------------------------------------------------------------------


def can_write_for_unit(actor: Actor | None, unit_id) -> bool:
    """The office writes for every unit of its commune; a leader only for the units they lead."""
    if actor is None:
        return False
    return actor.is_office_staff or unit_id in actor.led_unit_ids


def can_edit_initiative(actor: Actor | None, initiative: Initiative) -> bool:
    """Leaders edit their unit's initiatives until the council has reviewed them; the office always."""
    if actor is None or actor.commune.pk != initiative.commune_id:
        return False
    if actor.is_office_staff:
        return True
    return initiative.unit_id in actor.led_unit_ids and initiative.recognised is None


def writable_units(actor: Actor):
    units = Unit.objects.filter(commune=actor.commune).active_on()
    if actor.is_office_staff:
        return units
    return units.filter(pk__in=actor.led_unit_ids)


def _require_office(by) -> Actor:
    actor = get_actor(by)
    if actor is None or not actor.is_office_staff:
        raise PermissionDenied
    return actor


# Initiatives ----------------------------------------------------------------------------------------------------


def initiative_due_date(*, commune, year: int):
    """The closing date of the year's initiatives phase (01/08 in the 2022 plan), or None without one."""
    phase = (Phase.objects.filter(commune=commune, year=year, kind=PhaseKind.INITIATIVES, campaign__isnull=True)
             .order_by("closes_on").first())
    return phase.closes_on if phase else None


@audited("save_initiative")
def save_initiative(*, initiative: Initiative, authors, by, upload=None, checked: CheckedUpload | None = None):
    """Create or edit an initiative with its authors and, optionally, one more attachment.

    On creation sets the commune and submitted_at; the due date is the plan's for the initiative's year. The authors
    must belong to the initiative's unit. Nothing is kept (row or file) if any part fails.
    """
    actor = get_actor(by)
    if actor is None or not can_write_for_unit(actor, initiative.unit_id):
        raise PermissionDenied
    if initiative.pk and not can_edit_initiative(actor, initiative):
        raise PermissionDenied
    strangers = [person.full_name for person in authors if person.unit_id != initiative.unit_id]
    if strangers:
        raise ValidationError(_("%(names)s do not belong to %(unit)s.") % {
            "names": ", ".join(strangers), "unit": initiative.unit.name})
    with StoredFiles() as stored, transaction.atomic():
        initiative.commune = actor.commune
        initiative.due_on = initiative_due_date(commune=actor.commune, year=initiative.year)
        if initiative.pk is None:
            initiative.submitted_at = timezone.now()
        initiative.save()
        initiative.authors.set(authors)
        if upload is not None:
            _add_attachment(initiative=initiative, upload=upload, checked=checked, by=by, stored=stored)
    return initiative


@audited("add_attachment")
def add_attachment(*, initiative: Initiative, upload, checked: CheckedUpload, by) -> InitiativeAttachment:
    """Store a checked upload under a generated name below MEDIA_ROOT and record it; the file goes if the row fails."""
    if not can_edit_initiative(get_actor(by), initiative):
        raise PermissionDenied
    with StoredFiles() as stored, transaction.atomic():
        return _add_attachment(initiative=initiative, upload=upload, checked=checked, by=by, stored=stored)


def _add_attachment(*, initiative, upload, checked, by, stored) -> InitiativeAttachment:
    attachment = InitiativeAttachment(initiative=initiative, original_name=checked.original_name[:255],
                                      content_type=checked.content_type, size=checked.size, uploaded_by=by)
    stored.save(attachment.file, checked.generated_name(), upload)
    attachment.save()
    return attachment


@transaction.atomic
@audited("recognise_initiative")
def recognise_initiative(*, initiative: Initiative, recognised, applied, benefit: str, by) -> Initiative:
    """The office records the initiative council's finding: recognised or not, applied or not, and the benefit."""
    _require_office(by)
    initiative.recognised = recognised
    initiative.applied = applied
    initiative.benefit = (benefit or "").strip()
    initiative.save(update_fields=["recognised", "applied", "benefit"])
    return initiative


# Writing contest ------------------------------------------------------------------------------------------------


@audited("submit_contest_entry")
def submit_contest_entry(*, entry: ContestEntry, by, upload=None, checked: CheckedUpload | None = None):
    """A unit (or the office for it) sends an article for a month or quarter: text, an attachment or both."""
    actor = get_actor(by)
    if actor is None or not can_write_for_unit(actor, entry.unit_id):
        raise PermissionDenied
    if entry.period_kind == PeriodKind.MONTH and not 1 <= entry.period <= 12:
        raise ValidationError(_("A month is between 1 and 12."))
    if entry.period_kind == PeriodKind.QUARTER and not 1 <= entry.period <= 4:
        raise ValidationError(_("A quarter is between 1 and 4."))
    if not entry.text.strip() and upload is None:
        raise ValidationError(_("Write the article or attach it."))
    if entry.campaign_id and entry.plan_id is None:
        entry.plan = entry.campaign.plan
    if (entry.plan_id and entry.plan.commune_id != actor.commune.pk) or (
            entry.campaign_id and entry.campaign.plan_id != entry.plan_id):
        raise ValidationError(_("This campaign belongs to another plan."))
    with StoredFiles() as stored, transaction.atomic():
        entry.commune = actor.commune
        entry.submitted_by = by
        if upload is not None:
            entry.attachment_name = checked.original_name[:255]
            stored.save(entry.attachment, checked.generated_name(), upload)
        entry.save()
    return entry


@transaction.atomic
@audited("forward_contest_entry")
def forward_contest_entry(*, entry: ContestEntry, by) -> ContestEntry:
    """The office marks an entry as sent on to the town; marking twice keeps the first time."""
    _require_office(by)
    if entry.forwarded_at is None:
        entry.forwarded_at = timezone.now()
        entry.save(update_fields=["forwarded_at"])
    return entry


def units_missing_contest_entry(*, commune, year: int, period_kind: str, period: int):
    """Active hamlets, residential groups, sections and organisations with no entry for the period."""
    sent = ContestEntry.objects.filter(commune=commune, year=year, period_kind=period_kind, period=period)
    return (Unit.objects.filter(commune=commune, kind__in=CONTEST_UNIT_KINDS).active_on()
            .exclude(pk__in=sent.values("unit_id")).select_related("leader"))
