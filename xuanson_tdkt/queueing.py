"""Queueing work for the worker without letting a broker outage undo what the user just saved.

Every task queued by the web process after a save goes through `enqueue`. When the broker (Redis) cannot be reached
it gives up after the short publish retry policy of the settings, logs a warning and returns False; the work itself
is never lost, because it already waits in the database (an outbox e-mail, a report job) where a beat sweep picks it
up once the broker is back. During a request, `BrokerNoticeMiddleware` turns each failure into a warning message on
the next page, next to the success message of the save.
"""

import logging
from contextvars import ContextVar

import redis.exceptions
from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What a broker outage raises on publish: kombu wraps the transport's connection errors in OperationalError; a
# refused or timed-out socket may surface as OSError (the file-system broker's full or missing folder as well).
BROKER_ERRORS = (OperationalError, OSError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

WORK_DELAYED = _(
    "Saved. The background job service is temporarily interrupted; what remains will be done automatically when it "
    "is back."
)

# The notices of the current request; None outside a request (a worker, a management command).
_notices: ContextVar[list | None] = ContextVar("broker_notices", default=None)


def enqueue(task, *args, notice=WORK_DELAYED, **kwargs) -> bool:
    """Publish `task(*args, **kwargs)` for the worker; False (logged, and told to the current request's user with
    `notice`) when the broker cannot be reached. Never raises a broker error.

    The caller must have saved whatever lets a sweep queue the work again. The task's result is never waited for,
    so none is stored: a result backend that is down cannot block the publish either.
    """
    try:
        task.apply_async(args=args, kwargs=kwargs, ignore_result=True)
    except BROKER_ERRORS as error:
        logger.warning("could not queue %s%r: broker unreachable (%s); a sweep will queue it again",
                       task.name, args, error)
        notices = _notices.get()
        if notices is not None and notice and notice not in notices:
            notices.append(notice)
        return False
    return True


class BrokerNoticeMiddleware:
    """Tells the user when work queued during the request could not reach the broker (see `enqueue`).

    Must come after MessageMiddleware, so the warnings are stored with the request's other messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        notices = []
        token = _notices.set(notices)
        try:
            response = self.get_response(request)
        finally:
            _notices.reset(token)
        for notice in notices:
            messages.warning(request, notice, fail_silently=True)
        return response
