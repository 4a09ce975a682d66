"""The registration fixtures (2022 catalogue, open window, people of Thôn A, an initiative) for nominations."""

from tests.registrations.conftest import initiative, lan, minh, open_phase, titles  # noqa: F401
