"""Nominations (đề nghị khen thưởng): made from the year's accepted registrations, or directly for a Giấy khen.

Making nominations from registrations is idempotent: a registration already nominated (Nomination.registration is
one-to-one) is skipped, so the office may run it again after accepting late registrations.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.history import audited
from directory.permissions import get_actor
from registrations.enums import RegistrationStatus
from registrations.models import Registration

from .enums import RecipientKind
from .models import Nomination


def _require_office_or_chair(user, commune):
    actor = get_actor(user)
    if actor is None or actor.commune.pk != commune.pk:
        raise PermissionDenied
    if not (actor.is_office_staff or actor.is_chairman):
        raise PermissionDenied


@transaction.atomic
@audited("create_nominations_from_registrations")
def create_nominations_from_registrations(*, commune, year: int, by) -> list[Nomination]:
    """One nomination per accepted registration of the year not yet nominated; returns the new ones."""
    _require_office_or_chair(by, commune)
    pending = (
        Registration.objects.select_for_update(of=("self",))
        .filter(commune=commune, year=year, status=RegistrationStatus.ACCEPTED, nomination__isnull=True)
        .order_by("pk")
    )
    made = []
    for registration in pending:
        try:
            with transaction.atomic():
                made.append(Nomination.objects.create(
                    commune=commune, year=year, title_id=registration.title_id, person_id=registration.person_id,
                    unit_id=registration.unit_id, household=registration.household, registration=registration,
                    initiative_id=registration.initiative_id,
                ))
        except IntegrityError:
            # A second click made it a moment ago (Nomination.registration is one-to-one): already made, skip it.
            if not Nomination.objects.filter(registration=registration).exists():
                raise
    return made


@transaction.atomic
@audited("create_nomination")
def create_nomination(*, commune, year: int, title, person=None, unit=None, household: str = "",
                      achievement: str, by, initiative=None) -> Nomination:
    """A direct nomination without a registration, e.g. a Giấy khen for a sudden or thematic achievement."""
    _require_office_or_chair(by, commune)
    if title.recipient_kind == RecipientKind.INDIVIDUAL and person is None:
        raise ValidationError(_("Choose the person nominated for %(title)s.") % {"title": title.name})
    if title.recipient_kind == RecipientKind.HOUSEHOLD and not household.strip():
        raise ValidationError(_("Enter the head of household and the address."))
    if title.recipient_kind in (RecipientKind.COLLECTIVE, RecipientKind.HAMLET) and unit is None:
        raise ValidationError(_("Choose the unit nominated for %(title)s.") % {"title": title.name})
    if not achievement.strip():
        raise ValidationError(_("Describe the achievement the award is for."))
    for record in (person, unit, initiative):
        if record is not None and record.commune_id != commune.pk:
            raise PermissionDenied
    if person is not None and unit is None:
        unit = person.unit
    return Nomination.objects.create(commune=commune, year=year, title=title, person=person, unit=unit,
                                     household=household.strip(), achievement=achievement.strip(),
                                     initiative=initiative)


@transaction.atomic
@audited("set_complaint")
def set_complaint(*, nomination: Nomination, complaint_open: bool, by) -> Nomination:
    """Record that a complaint, inspection or discipline concerning the recipient is (or no longer is) being handled;
    while it is, the nomination cannot be put to the vote or decided."""
    _require_office_or_chair(by, nomination.commune)
    nomination.complaint_open = complaint_open
    nomination.save(update_fields=["complaint_open"])
    return nomination
