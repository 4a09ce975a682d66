"""Every state change of a registration: draft → submitted → accepted, or returned with a comment → resubmitted.

Each function validates against the year's rules (registrations.eligibility), saves with update_fields, writes the
history (RegistrationEvent) and notifies whoever must know. Views, the Excel importer, admin actions and tests call
these; none of them changes a registration's status by itself.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.history import audited, insert_with_history
from directory.permissions import get_actor
from notifications.services import Message, post, queue_sending
from xuanson_tdkt.bulk import insert_rows

from .eligibility import check_registration
from .enums import RegistrationStatus
from .models import Registration, RegistrationEvent
from .uploads import CheckedUpload, StoredFiles

EDITABLE_BY_UNIT = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


class RuleViolation(ValidationError):
    """A registration breaks the rules; `problems` keeps the field each message belongs to."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__([p.message for p in problems])


def can_edit(registration: Registration, user) -> bool:
    """Unit leaders edit their unit's drafts and returned registrations while the window is open; the office always."""
    actor = get_actor(user)
    if actor is None or actor.commune.pk != registration.commune_id:
        return False
    if actor.is_office_staff:
        return registration.status != RegistrationStatus.ACCEPTED
    return (
        registration.unit_id in actor.led_unit_ids
        and registration.status in EDITABLE_BY_UNIT
        and registration.phase.is_open()
    )


def _lock(registration: Registration) -> Registration:
    """Re-read the registration under a row lock, so two decisions on it (two clerks, a double click) queue up and
    the second sees the first one's status."""
    registration.status = (
        Registration.objects.select_for_update().values_list("status", flat=True).get(pk=registration.pk)
    )
    return registration


def _log(registration, *, by, action, comment=""):
    RegistrationEvent.objects.create(registration=registration, actor=by, action=action,
                                     status=registration.status, comment=comment)


def _require_rules(registration, *, by):
    actor = get_actor(by)
    problems = check_registration(registration, staff=bool(actor and actor.is_office_staff))
    if problems:
        raise RuleViolation(problems)


@transaction.atomic
@audited("save_registration")
def save_registration(*, registration: Registration, by, check_rules: bool = True, evidence_upload=None,
                      evidence_checked: CheckedUpload | None = None) -> Registration:
    """Create or edit a draft (or a returned registration); logs "created" or "edited". A checked evidence file of
    the ground "hoàn thành xuất sắc nhiệm vụ" is stored under a generated name (and removed if the save fails)."""
    if registration.pk and not can_edit(registration, by):
        raise PermissionDenied
    if check_rules:
        _require_rules(registration, by=by)
    created = registration.pk is None
    if created:
        registration.created_by = by
    with StoredFiles() as stored:
        if evidence_upload is not None and evidence_checked is not None:
            stored.save(registration.ground_evidence_file, evidence_checked.generated_name(), evidence_upload)
            registration.ground_evidence_file_name = evidence_checked.original_name[:255]
        registration.save()
    _log(registration, by=by, action="created" if created else "edited")
    return registration


@transaction.atomic
@audited("import_registrations")
def import_registrations(*, registrations: list[Registration], by) -> list[Registration]:
    """Create many new drafts at once (the Excel import), in bulk: each with its audit record and its "created" event,
    as save_registration would. The office only; the caller has checked each registration against the rules with a
    RegistrationBatch (registrations.eligibility: the same checks, the year's registrations read once)."""
    _require_office(by)
    for registration in registrations:
        registration.created_by = by
    created = insert_with_history(Registration, registrations)
    insert_rows(RegistrationEvent, [{"registration_id": registration.pk, "actor_id": by.pk, "action": "created",
                                     "status": registration.status} for registration in created])
    return created


@transaction.atomic
@audited("submit_registration")
def submit_registration(*, registration: Registration, by) -> Registration:
    """Send a draft or returned registration to the office; the rules must hold."""
    _lock(registration)
    if not can_edit(registration, by):
        raise PermissionDenied
    _require_rules(registration, by=by)
    registration.status = RegistrationStatus.SUBMITTED
    registration.save(update_fields=["status", "updated_at"])
    _log(registration, by=by, action="submitted")
    return registration


@transaction.atomic
@audited("return_registration")
def return_registration(*, registration: Registration, by, comment: str) -> Registration:
    """The office sends a submitted registration back with a comment; the unit's leader is notified."""
    _require_office(by)
    _lock(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be returned."))
    if not comment.strip():
        raise ValidationError(_("Say what must be changed."))
    registration.status = RegistrationStatus.RETURNED
    registration.office_comment = comment.strip()
    registration.save(update_fields=["status", "office_comment", "updated_at"])
    _log(registration, by=by, action="returned", comment=comment.strip())
    _notify_leader(registration, _("Registration returned: %(name)s") % {"name": registration})
    return registration


@transaction.atomic
@audited("accept_registration")
def accept_registration(*, registration: Registration, by) -> Registration:
    """The office accepts a submitted registration (the rules are checked again); the unit's leader is notified."""
    _require_office(by)
    _lock(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be accepted."))
    _require_rules(registration, by=by)
    registration.status = RegistrationStatus.ACCEPTED
    registration.office_comment = ""
    registration.save(update_fields=["status", "office_comment", "updated_at"])
    _log(registration, by=by, action="accepted")
    _notify_leader(registration, _("Registration accepted: %(name)s") % {"name": registration})
    return registration


def _require_office(user):
    actor = get_actor(user)
    if actor is None or not actor.is_office_staff:
        raise PermissionDenied


def _notify_leader(registration: Registration, title: str) -> None:
    leader = registration.unit.leader
    if leader is None or leader.user_id is None or not leader.user.is_active:
        return
    with translation.override("vi"):
        text = registration.office_comment or title
    email_ids = post([Message(
        user_id=leader.user_id, email=leader.email or leader.user.email, title=title, text=text, html="",
        url=reverse("registrations:registration_detail", args=[registration.pk]), commune_id=registration.commune_id,
    )])
    queue_sending(email_ids)


@transaction.atomic
@audited("delete_registration")
def delete_registration(*, registration: Registration, by) -> None:
    """Delete a draft or returned registration (its history goes with it); only while it may be edited."""
    if not can_edit(registration, by) or registration.status not in EDITABLE_BY_UNIT:
        raise PermissionDenied
    registration.delete()
