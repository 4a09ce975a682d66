"""Fixtures of the registration, scoring and disclosure tests, for the pages the page cache keeps."""

from tests.registrations.conftest import lan, minh, open_phase, titles  # noqa: F401
from tests.scoring.conftest import cluster, head_clerk, scorer_clerk, sheet, son_dong, thanh_my, tree  # noqa: F401
