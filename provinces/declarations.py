"""A commune's declaration that it has nothing to propose to its province for a year ("Không có đề nghị khen thưởng
cấp tỉnh năm …"): the province's deadline then does not make it outstanding, reminded or late.

Only the commune's office staff and chairman declare or withdraw. A declaration is refused while something of the
year is with the province or ready to go (a proposal to the province's chairman with its Tờ trình issued and not sent);
sending a dossier later simply supersedes it (provinces.dossiers.send_dossier removes it).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from awards.decisions import can_manage
from directory.models import Commune

from .calls import with_province
from .dossiers import sendable_proposals
from .models import NothingToSend


def declaration_for(commune, year: int) -> NothingToSend | None:
    return NothingToSend.objects.select_related("declared_by").filter(commune=commune, year=year).first()


@transaction.atomic
@audited("declare_nothing_to_send")
def declare_nothing_to_send(*, commune, year: int, note: str = "", by) -> NothingToSend:
    """Record that `commune` has no proposal for its province in `year` (once a year: declaring again keeps the
    first declaration and updates its note)."""
    if not can_manage(by, commune):
        raise PermissionDenied
    Commune.objects.select_for_update().filter(pk=commune.pk).first()  # one declaration or sending at a time
    if with_province(year).filter(commune=commune).exists():
        raise ValidationError(_("A dossier of %(year)s is with the province: the commune cannot declare it has no "
                                "proposal this year.") % {"year": year})
    if sendable_proposals(commune, year).exists():
        raise ValidationError(_("A proposal to the province's chairman of %(year)s has its submission (Tờ trình) "
                                "issued and is not sent: send it, or cancel it, before declaring there is no "
                                "proposal this year.") % {"year": year})
    note = (note or "").strip()
    declaration = NothingToSend.objects.select_for_update().filter(commune=commune, year=year).first()
    if declaration is None:
        declaration = NothingToSend(commune=commune, year=year, declared_by=by, declared_at=timezone.now())
    elif declaration.note == note:
        return declaration
    declaration.note = note
    declaration.save()
    return declaration


@transaction.atomic
@audited("withdraw_nothing_to_send")
def withdraw_nothing_to_send(*, declaration, by) -> None:
    """Withdraw the commune's declaration (it is then expected to send, and reminded, again)."""
    if not can_manage(by, declaration.commune):
        raise PermissionDenied
    declaration = NothingToSend.objects.select_for_update().filter(pk=declaration.pk).first()
    if declaration is not None:  # already withdrawn, or superseded by a dossier sent meanwhile: nothing to do
        declaration.delete()

