"""The scoring app's cluster fixtures, for the province's clusters (tests/provinces/test_clusters.py)."""

from tests.scoring.conftest import (  # noqa: F401 - fixtures
    bystander_clerk,
    cluster,
    head_clerk,
    scorer_clerk,
    son_dong,
    thanh_my,
    tree,
)
