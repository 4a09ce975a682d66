"""Demo data: the public list of the demo year's proposed awards, with one resident's opinion, answered."""

import datetime

from directory.enums import Role
from directory.models import Person
from disclosure import services
from disclosure.enums import FeedbackStatus
from disclosure.models import Disclosure

DEMO_YEAR = 2022


def seed_demo_disclosure(commune, *, year: int = DEMO_YEAR) -> Disclosure | None:
    """Post the year's postable nominations from 16/11 for the configured number of days, once (idempotent).

    The resident's opinion is answered (resolved) the same day, so it holds no decision back.
    Does nothing while the year has no postable nomination or the commune no office clerk with an account.
    """
    existing = Disclosure.objects.filter(commune=commune, year=year).first()
    if existing is not None:
        return existing
    nominations = list(services.postable_nominations(commune=commune, year=year))
    clerk = (Person.objects.filter(commune=commune, roles__role=Role.OFFICE_STAFF, user__isnull=False)
             .select_related("user").first())
    if not nominations or clerk is None:
        return None
    from django.conf import settings

    disclosure = services.post_disclosure(
        commune=commune, year=year, starts_on=datetime.date(year, 11, 16), days=settings.DISCLOSURE_DAYS,
        nominations=nominations, by=clerk.user,
    )
    feedback = services.submit_feedback(
        disclosure=disclosure, name="Nguyễn Văn Tư", contact="0912 345 678", nomination=None,
        content="Tôi nhất trí với danh sách đề nghị khen thưởng của xã.",
        today=disclosure.starts_on + datetime.timedelta(days=1),
    )
    services.handle_feedback(
        feedback=feedback, by=clerk.user, status=FeedbackStatus.RESOLVED,
        response="Văn phòng UBND xã đã tiếp nhận và ghi nhận ý kiến nhất trí của ông.",
    )
    return disclosure
