"""The demo's public list: its one resident opinion is answered, so the demo decision of 15/12/2022 may follow."""

import datetime

import pytest

from demo.disclosure import seed_demo_disclosure
from disclosure.enums import FeedbackStatus
from disclosure.services import decision_problems

pytestmark = pytest.mark.django_db


def test_the_demo_opinion_is_resolved_and_holds_no_decision(commune, office_clerk, cstdcs, gdvh):
    disclosure = seed_demo_disclosure(commune)
    feedback = disclosure.feedback.get()
    assert (feedback.status, feedback.handled_by) == (FeedbackStatus.RESOLVED, office_clerk)
    assert feedback.response
    assert [e.action for e in feedback.events.all()] == ["received", "handled"]
    assert decision_problems([cstdcs, gdvh], decided_on=datetime.date(2022, 12, 15)) == {}
    assert seed_demo_disclosure(commune) == disclosure  # idempotent
