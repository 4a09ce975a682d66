"""Who someone is in the portal, and the predicates every app's rules are built from.

The actor of a request (person, commune, roles, units led) is computed once and cached on the user object; the
predicates below are the only place that looks at roles. Object access is scoped by commune (other commune → 404)
and, for unit leaders, by unit (another unit → 404).
"""

from dataclasses import dataclass, field

import rules

from .enums import Role


@dataclass(frozen=True)
class Actor:
    user: object
    person: object
    commune: object
    roles: frozenset = field(default_factory=frozenset)
    led_unit_ids: frozenset = field(default_factory=frozenset)

    @property
    def is_office_staff(self) -> bool:
        return Role.OFFICE_STAFF in self.roles

    @property
    def is_chairman(self) -> bool:
        return Role.CHAIRMAN in self.roles

    @property
    def is_council_member(self) -> bool:
        # The chairman of the People's Committee chairs the council, so he is a member too.
        return Role.COUNCIL_MEMBER in self.roles or self.is_chairman

    @property
    def is_unit_leader(self) -> bool:
        return bool(self.led_unit_ids)

    @property
    def sees_whole_commune(self) -> bool:
        return self.is_office_staff or self.is_council_member


def get_actor(user) -> Actor | None:
    """The actor for a user, or None for anonymous users and accounts not linked to a person."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_tdkt_actor", False)
    if cached is not False:
        return cached
    from .models import Person

    person = Person.objects.select_related("commune").filter(user=user).first()
    actor = None
    if person is not None:
        actor = Actor(
            user=user,
            person=person,
            commune=person.commune,
            roles=frozenset(person.roles.values_list("role", flat=True)),
            led_unit_ids=frozenset(person.led_units.active_on().values_list("pk", flat=True)),
        )
    user._tdkt_actor = actor
    return actor


@rules.predicate
def is_commune_member(user) -> bool:
    return get_actor(user) is not None


@rules.predicate
def is_office_staff(user) -> bool:
    actor = get_actor(user)
    return bool(actor and actor.is_office_staff)


@rules.predicate
def is_council_member(user) -> bool:
    actor = get_actor(user)
    return bool(actor and actor.is_council_member)


@rules.predicate
def is_chairman(user) -> bool:
    actor = get_actor(user)
    return bool(actor and actor.is_chairman)


@rules.predicate
def is_unit_leader(user) -> bool:
    actor = get_actor(user)
    return bool(actor and actor.is_unit_leader)


@rules.predicate
def leads_unit(user, unit) -> bool:
    actor = get_actor(user)
    return bool(actor and unit is not None and unit.pk in actor.led_unit_ids)


sees_whole_commune = is_office_staff | is_council_member


def get_operator(user):
    """The ProvinceOperator row of a user (with its province), or None; cached on the user object."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_tdkt_operator", False)
    if cached is not False:
        return cached
    from .models import ProvinceOperator

    operator = ProvinceOperator.objects.select_related("province").filter(user=user, user__is_active=True).first()
    user._tdkt_operator = operator
    return operator


@rules.predicate
def is_province_operator(user) -> bool:
    return get_operator(user) is not None


@rules.predicate
def operates_province(user, province) -> bool:
    """The user is an operator of `province` (a Province, or anything with a province_id such as a Commune)."""
    operator = get_operator(user)
    if operator is None or province is None:
        return False
    province_id = getattr(province, "province_id", None) or getattr(province, "pk", None)
    return operator.province_id == province_id
