"""What a province's emulation office (Ban TĐKT) does for its communes: create and edit them with their document
series, keep the province's printed names, and invite a commune's first clerk.

The services do not ask who may call them: the views do (the province's own operator), then pass the acting user as
`by`. Nothing here names a commune: the default series are derived from the commune's kind and name.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import Invitation
from audit.history import audited
from directory.enums import PersonKind, Role
from directory.models import Commune, Person, ProvinceOperator
from documents.models import Series
from notifications.services import Message, post, queue_sending

COMMUNE_FIELDS = ("name", "kind_label", "slug", "document_place", "parent_authority", "parent_authority_until")
PROVINCE_FIELDS = ("name", "kind_label", "printed_name", "authority_name", "office_name", "chairman_name")
DEFAULT_CLERK_POSITION = "Công chức Văn phòng - Thống kê"


def _ascii(text: str) -> str:
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def propose_slug(name: str, *, taken=()) -> str:
    """The commune's code from its name ("Xuân Sơn" → "xuan-son"), with a number when the code is taken (in the
    database or in `taken`)."""
    base = slugify(_ascii(name))[:45] or "xa"
    used = {slug.lower() for slug in Commune.objects.filter(slug__startswith=base).values_list("slug", flat=True)}
    used |= {slug.lower() for slug in taken}
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def normalise(text) -> str:
    """A key to compare names: NFC, one space, case-insensitive."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text or ""))).strip().casefold()


@dataclass(frozen=True)
class SeriesData:
    code: str
    name: str
    parent_body: str
    issuing_body: str
    signing_capacity: str


def default_series(commune) -> list[SeriesData]:
    """The People's Committee's series and the emulation council's, derived from the commune's kind and name."""
    kind = commune.kind_label
    return [
        SeriesData(code="UBND", name=f"Ủy ban nhân dân {kind}", parent_body="",
                   issuing_body=f"ỦY BAN NHÂN DÂN\n{commune.upper_name}", signing_capacity="TM. ỦY BAN NHÂN DÂN"),
        SeriesData(code="HĐTĐKT", name=f"Hội đồng Thi đua - Khen thưởng {kind}",
                   parent_body=f"UBND {commune.upper_name}", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                   signing_capacity="TM. HỘI ĐỒNG"),
    ]


def check_commune_unique(*, province, name: str, slug: str, exclude_pk=None) -> None:
    """No two communes of a province share a name; no two communes anywhere share a code."""
    others = Commune.objects.exclude(pk=exclude_pk) if exclude_pk else Commune.objects.all()
    errors = {}
    if others.filter(slug__iexact=slug).exists():
        errors["slug"] = _("The code %(code)s is already used by another commune.") % {"code": slug}
    if any(normalise(other) == normalise(name)
           for other in others.filter(province=province).values_list("name", flat=True)):
        errors["name"] = _("The province already has a commune named %(name)s.") % {"name": name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
@audited("create_commune")
def create_commune(*, province, name: str, kind_label: str, slug: str = "", document_place: str = "",
                   parent_authority: str = "", parent_authority_until=None, by) -> Commune:
    """A new commune of `province` with its default document series (People's Committee and council)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the commune's name.")})
    slug = (slug or "").strip() or propose_slug(name)
    check_commune_unique(province=province, name=name, slug=slug)
    commune = Commune(province=province, name=name, kind_label=kind_label, slug=slug,
                      document_place=(document_place or "").strip(),
                      parent_authority=(parent_authority or "").strip(),
                      parent_authority_until=parent_authority_until)
    commune.full_clean()
    commune.save()
    for data in default_series(commune):
        Series.objects.create(commune=commune, **data.__dict__)
    return commune


@transaction.atomic
@audited("update_commune")
def update_commune(*, commune, changes: dict, series_formset=None, by) -> Commune:
    """Save the commune's own data and, with `series_formset` (already valid), its document series."""
    for field in COMMUNE_FIELDS:
        if field in changes:
            setattr(commune, field, changes[field])
    check_commune_unique(province=commune.province, name=commune.name, slug=commune.slug, exclude_pk=commune.pk)
    commune.full_clean()
    commune.save()
    if series_formset is not None:
        series_formset.instance = commune
        series_formset.save()
    return commune


@transaction.atomic
@audited("update_province")
def update_province(*, province, changes: dict, by):
    """Save the province's names (as printed, its People's Committee's, its emulation office's) and its chairman's."""
    for field in PROVINCE_FIELDS:
        if field in changes:
            setattr(province, field, changes[field])
    province.full_clean()
    province.save()
    return province


@transaction.atomic
@audited("invite_clerk")
def invite_clerk(*, commune, full_name: str, gender: str, email: str, position: str = DEFAULT_CLERK_POSITION,
                 username: str, by):
    """A new person of `commune` with the office role and an account, and the invitation e-mail to set a password."""
    if not email:
        raise ValidationError({"email": _("Enter the clerk's e-mail address.")})
    person = Person(commune=commune, full_name=full_name.strip(), gender=gender, email=email,
                    position=position.strip(), kind=PersonKind.OFFICIAL)
    person.full_clean(exclude=["unit", "user"])
    person.save()
    accounts.grant_role(person=person, role=Role.OFFICE_STAFF, by=by)
    return accounts.invite_person(person=person, username=username, by=by)


@transaction.atomic
@audited("invite_operator")
def invite_operator(*, province, full_name: str, email: str, username: str, position: str = "", by):
    """An account for a person of the province's emulation office, and the invitation e-mail to set a password.
    `by` is None when the deployment's first operator is created from the command line."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Enter the full name.")})
    if not email:
        raise ValidationError({"email": _("Enter the e-mail address.")})
    user = get_user_model()(username=accounts.check_username(username), email=email)
    user.set_unusable_password()
    user.save()
    ProvinceOperator.objects.create(province=province, user=user, full_name=full_name, position=position.strip())
    invitation = Invitation.objects.create(user=user, email=email, sent_at=timezone.now(), sent_by=by)
    with translation.override("vi"):
        context = {"full_name": full_name, "username": user.username, "url": accounts.invitation_url(user),
                   "days": settings.INVITATION_DAYS, "province": province}
        title = _("Your account on the emulation and commendation portal")
        text = render_to_string("provinces/email/operator_invitation.txt", context)
    queue_sending(post([Message(user_id=None, email=email, title=title, text=text, html="", url="")]))
    return invitation


def operators(province):
    """The province's operators with their accounts and invitations."""
    return (ProvinceOperator.objects.filter(province=province).select_related("user", "user__invitation")
            .order_by("full_name", "pk"))


def clerks(commune):
    """The commune's people with the office role, with their accounts and invitations."""
    return (Person.objects.filter(commune=commune, roles__role=Role.OFFICE_STAFF)
            .select_related("user", "user__invitation").distinct().order_by("sort_key", "pk"))
