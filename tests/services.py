"""Skip or fail a test that needs an external service (PostgreSQL, Redis, ...).

On a laptop a missing service skips the test; in CI (`REQUIRE_SERVICES=1`, see `.ci/run`) it fails it, so a
misconfigured pipeline cannot pass by silently skipping everything that matters.
"""

import os

import pytest

_TRUE = {"1", "true", "yes", "on"}


def services_required() -> bool:
    """True when the environment demands that every external service be present (REQUIRE_SERVICES=1)."""
    return os.environ.get("REQUIRE_SERVICES", "").strip().lower() in _TRUE


def require_service(name: str, reason: str) -> None:
    """Stop the current test because service `name` is unavailable: fail under REQUIRE_SERVICES=1, else skip."""
    message = f"{name} not available: {reason}"
    if services_required():
        pytest.fail(f"{message} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)
