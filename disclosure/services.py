"""Public disclosure of the proposed awards (công khai) and residents' feedback; see the app's models.

The awards app asks `decision_problems` before a decision is issued; everything else here is the disclosure's own.
"""

import datetime


def decision_problems(nominations, *, decided_on: datetime.date) -> dict[int, list[str]]:
    """Why each of these nominations may not be decided on `decided_on`: {nomination id: [Vietnamese reasons]}.

    A nomination missing from the result (or mapped to []) may be decided. Reasons: it was never posted publicly,
    its disclosure period has not ended by `decided_on`, or a complaint about it is still being handled.
    """
    return {}
