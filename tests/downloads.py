"""Helpers of the tests of document downloads (documents.delivery)."""

import os
import time


def body(response) -> bytes:
    """The bytes of a download (a streamed file)."""
    return b"".join(response.streaming_content)


def age(path, days: float) -> None:
    """Make a file look unused (and unchanged) for `days` days."""
    past = time.time() - days * 86400
    os.utime(path, (past, past))
