"""Sealed ballot papers: an open ballot's choices are held only encrypted, with a key the database never sees.

The key of a ballot is derived (HKDF-SHA256) from the server's SECRET_KEY and the ballot's id, so it lives in the
server's settings, never in a table, a dump or the WAL. Each paper is AES-256-GCM with a fresh random nonce, over a
choice padded to a fixed length: equal choices give different ciphertexts of the same length. After a rotation of
SECRET_KEY the previous keys in SECRET_KEY_FALLBACKS still open the papers sealed before it.
"""

import logging
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

NONCE_BYTES = 12
# Every choice is padded to this many bytes before sealing, so the ciphertext's length says nothing.
PADDED_BYTES = 16
_SALT = b"xuanson-tdkt/sealed-ballot/v1"


class UnreadablePaper(Exception):
    """No key the server holds opens this paper (SECRET_KEY changed with no fallback, or the row was altered)."""


def _key(secret: str, ballot_id: int) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=f"ballot:{ballot_id}".encode())
    return hkdf.derive(secret.encode())


def _associated_data(ballot_id: int) -> bytes:
    # Binds a paper to its ballot: a row copied to another ballot does not open there.
    return f"ballot:{ballot_id}".encode()


def seal(*, ballot_id: int, choice: str) -> tuple[bytes, bytes]:
    """The (nonce, ciphertext) of one choice, sealed with the current SECRET_KEY."""
    plain = choice.encode()
    if len(plain) >= PADDED_BYTES:
        raise ValueError("choice too long to pad")
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key(settings.SECRET_KEY, ballot_id)).encrypt(
        nonce, plain.ljust(PADDED_BYTES, b"\0"), _associated_data(ballot_id))
    return nonce, sealed


def open_paper(*, ballot_id: int, nonce: bytes, ciphertext: bytes) -> str:
    """The choice inside a sealed paper, trying SECRET_KEY then each of SECRET_KEY_FALLBACKS."""
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            padded = AESGCM(_key(secret, ballot_id)).decrypt(bytes(nonce), bytes(ciphertext),
                                                             _associated_data(ballot_id))
        except InvalidTag:
            continue
        return padded.rstrip(b"\0").decode()
    raise UnreadablePaper


def secure_delete_on(connection) -> None:
    """On SQLite, make the deletes that follow overwrite the freed pages with zeros (a per-connection pragma)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def vacuum_sealed_papers(using: str = "default") -> None:
    """VACUUM the sealed-paper table on PostgreSQL, so the deleted papers' tuples leave the data files.

    Called after the closing transaction commits (VACUUM cannot run inside a transaction). A failure is logged and
    swallowed: the ballot is closed and counted whatever happens here, and autovacuum will get there later.
    """
    from .models import SealedVote

    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    if connection.in_atomic_block:
        logger.warning("Sealed ballot papers not vacuumed: the connection is inside a transaction.")
        return
    table = connection.ops.quote_name(SealedVote._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {table}")
    except Exception:
        logger.exception("Vacuuming the sealed ballot papers failed; autovacuum will remove them later.")
