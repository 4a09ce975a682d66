"""API keys: "tdkt_<prefix>_<secret>". The prefix (8 hex digits) finds the client; only a hash of the key is stored."""

import secrets

PREFIX = "tdkt_"


def new_key() -> tuple[str, str]:
    """A fresh (key, prefix)."""
    prefix = secrets.token_hex(4)
    return f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}", prefix


def prefix_of(key: str) -> str | None:
    """The client prefix of a well-formed key, else None."""
    if not key.startswith(PREFIX):
        return None
    prefix, separator, secret = key[len(PREFIX):].partition("_")
    if not separator or not prefix or not secret or len(prefix) > 16:
        return None
    return prefix
