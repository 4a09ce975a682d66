"""Which objects have a history page, and how each is opened: through the same helper as the object's own page, so
another commune's object is 404 and a unit leader sees only their unit's, exactly as there."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


@dataclass(frozen=True)
class Entry:
    resolve: Callable  # (user, pk) -> the object, or Http404 / PermissionDenied
    page: str | None = None  # the URL name of the object's own page (one pk argument)
    unit_of: Callable | None = None  # the unit id a leader must lead to see the history


def _plan(user, pk):
    from campaigns.access import get_plan_for_user
    return get_plan_for_user(user, pk)


def _section(user, pk):
    from campaigns.access import get_section_for_user
    return get_section_for_user(user, pk)


def _paragraph(user, pk):
    from campaigns.access import get_paragraph_for_user
    return get_paragraph_for_user(user, pk)


def _campaign(user, pk):
    from campaigns.access import get_campaign_for_user
    return get_campaign_for_user(user, pk)


def _task(user, pk):
    from timeline.views import get_visible_task
    return get_visible_task(user, pk)


def _registration(user, pk):
    from registrations.views import get_registration_for_user
    return get_registration_for_user(user, pk)


def _phase(user, pk):
    from registrations.views import get_phase_for_user
    return get_phase_for_user(user, pk)


def _initiative(user, pk):
    from registrations.initiative_views import get_initiative_for_user
    return get_initiative_for_user(user, pk)


def _contest_entry(user, pk):
    from registrations.initiative_views import get_entry_for_user
    return get_entry_for_user(user, pk)


def _nomination(user, pk):
    from awards.nomination_views import get_nomination_for_user
    return get_nomination_for_user(user, pk)


def _meeting(user, pk):
    from awards.meeting_views import get_meeting_for_user
    return get_meeting_for_user(user, pk)


def _ballot(user, pk):
    from awards.meeting_views import _meetings_of
    from awards.models import Ballot
    _actor, meetings = _meetings_of(user)
    return get_object_or_404(Ballot.objects.filter(meeting__in=meetings), pk=pk)


def _decision(user, pk):
    from awards.decision_views import get_decision_for_user
    return get_decision_for_user(user, pk)


def _award(user, pk):
    from awards.decision_views import get_award_for_user
    return get_award_for_user(user, pk)


def _certificate_layout(user, pk):
    from awards.certificate_views import _office
    from awards.models import CertificateLayout
    actor = _office(user)  # PermissionDenied for all but the office
    return get_object_or_404(CertificateLayout, pk=pk, commune=actor.commune)


def _rule_set(user, pk):
    from awards.views import _visible_rule_sets  # PermissionDenied for who reads no rules
    return get_object_or_404(_visible_rule_sets(user), pk=pk)


def _title(user, pk):
    from awards.models import Title
    from awards.views import _visible_rule_sets  # PermissionDenied for who reads no rules
    return get_object_or_404(Title.objects.select_related("rule_set"), pk=pk,
                             rule_set__in=_visible_rule_sets(user))


def _unit(user, pk):
    from directory.views import _visible_units
    _actor, units = _visible_units(user)
    return get_object_or_404(units, pk=pk)


def _person(user, pk):
    from directory.models import Person
    from directory.views import _visible_units
    actor, units = _visible_units(user)
    people = Person.objects.filter(commune=actor.commune)
    if not actor.sees_whole_commune:
        people = people.filter(unit__in=units)
    return get_object_or_404(people, pk=pk)


def _document(user, pk):
    from directory.permissions import get_actor
    from documents.models import Document
    actor = get_actor(user)
    if actor is None or not user.has_perm("documents.view_register"):
        raise PermissionDenied
    return get_object_or_404(Document.objects.for_commune(actor.commune), pk=pk)


def _report(user, pk):
    from reports.access import get_report_for_user
    return get_report_for_user(user, pk)


def _cluster(user, pk):
    from scoring.permissions import get_cluster_for_user
    return get_cluster_for_user(user, pk)


def _sheet(user, pk):
    from scoring.permissions import get_sheet_for_user
    return get_sheet_for_user(user, pk)


def _disclosure(user, pk):
    from disclosure.views import get_disclosure_for_user
    return get_disclosure_for_user(user, pk)


def _feedback(user, pk):
    from disclosure.models import Feedback
    from disclosure.views import get_disclosure_for_user
    feedback = get_object_or_404(Feedback, pk=pk)
    get_disclosure_for_user(user, feedback.disclosure_id, write=True)
    return feedback


def _api_client(user, pk):
    from api.pages import get_client_for_user
    return get_client_for_user(user, pk)


def _own_unit(obj):
    return obj.unit_id


HISTORY_PAGES = {
    "campaigns.plan": Entry(_plan, "campaigns:plan_detail"),
    "campaigns.section": Entry(_section, "campaigns:section_edit"),
    "campaigns.paragraph": Entry(_paragraph, "campaigns:paragraph_edit"),
    "campaigns.campaign": Entry(_campaign, "campaigns:campaign_detail"),
    "timeline.timelinetask": Entry(_task, "timeline:task_detail"),
    "registrations.phase": Entry(_phase, "registrations:phase_edit"),
    "registrations.registration": Entry(_registration, "registrations:registration_detail", _own_unit),
    "registrations.initiative": Entry(_initiative, "registrations:initiative_detail", _own_unit),
    "registrations.contestentry": Entry(_contest_entry, "registrations:contest_detail", _own_unit),
    "awards.nomination": Entry(_nomination, "awards:nomination_detail", _own_unit),
    "awards.councilmeeting": Entry(_meeting, "awards:meeting_detail"),
    "awards.ballot": Entry(_ballot),
    "awards.awarddecision": Entry(_decision, "awards:decision_detail"),
    "awards.award": Entry(_award, "awards:award_history"),
    "awards.certificatelayout": Entry(_certificate_layout),
    "awards.ruleset": Entry(_rule_set, "awards:rule_set_detail"),
    "awards.title": Entry(_title, "awards:title_edit"),
    "directory.unit": Entry(_unit, "directory:unit_detail", lambda unit: unit.pk),
    "directory.person": Entry(_person, "directory:person_edit", _own_unit),
    "documents.document": Entry(_document),
    "reports.report": Entry(_report, "reports:report_detail"),
    "scoring.cluster": Entry(_cluster, "scoring:cluster_detail"),
    "scoring.scoresheet": Entry(_sheet, "scoring:sheet_detail"),
    "disclosure.disclosure": Entry(_disclosure, "disclosure:detail"),
    "disclosure.feedback": Entry(_feedback),
    "api.apiclient": Entry(_api_client),
}
