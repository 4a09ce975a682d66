# ruff: noqa: F401 -- fixtures imported to be requested by name
"""The fixtures of other apps' tests the audit trail tests reuse: the decision scenario (a meeting whose published
ballots passed three commune-level nominations), the registration fixtures, the scoring cluster and the report's
series."""

from tests.awards.test_decisions_data import absent_member, commune_nominations, meeting, passed
from tests.registrations.conftest import initiative, lan, minh, open_phase, titles
from tests.reports.conftest import ubnd
from tests.scoring.conftest import cluster, head_clerk, scorer_clerk, son_dong, thanh_my
