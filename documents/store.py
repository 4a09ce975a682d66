"""Rendered documents kept on disk under names taken from what they hold, so WeasyPrint runs once per content.

Two kinds of files under settings.RENDERED_DIR:

- ``pdf/ab/<sha256 of the bytes>.pdf``: a PDF, rendered here or copied from an issued document's stored file (see
  documents.delivery); its name is the ETag of the downloads;
- ``html/ab/<sha256 of the renderer and the HTML>``: the name of the PDF that HTML rendered to. The renderer part
  (WeasyPrint's and pydyf's versions, the shipped font files) makes an upgrade or a new font render again.

A document whose HTML is unchanged (same data, template, renderer and fonts) is read back instead of rendered. Files
are written under a temporary name, synced and renamed, so a reader never meets half a file; processes asking for
the same new HTML at once wait for one rendering (an flock on one of 256 lock files, chosen by the hash).

A file's access time records its last use, set explicitly (so the mount's atime options do not matter) at most once
an hour; `remove_unused` deletes what nobody used in a number of days. Issued documents' own files (MEDIA_ROOT)
are never touched here: what is under RENDERED_DIR can always be rendered or copied again.
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

# Bump to render everything again (a change in how documents are rendered that the fingerprint does not see).
STORE_VERSION = "1"
# Seconds between two updates of a file's "last used" time.
TOUCH_EVERY = 3600


@dataclass(frozen=True)
class StoredPdf:
    sha256: str  # of the bytes
    path: Path
    size: int

    def read(self) -> bytes:
        return self.path.read_bytes()


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """What else than the HTML decides the bytes of a PDF: the renderer's versions and the fonts' files."""
    import pydyf
    import weasyprint

    digest = hashlib.sha256(f"{STORE_VERSION}|weasyprint {weasyprint.__version__}|pydyf {pydyf.__version__}".encode())
    for path in sorted(Path(settings.DOCUMENT_FONT_DIR).glob("*.ttf")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def html_key(html: str) -> str:
    return hashlib.sha256(f"{renderer_fingerprint()}\n{html}".encode()).hexdigest()


def _root() -> Path:
    return Path(settings.RENDERED_DIR)


def pdf_path(sha256: str) -> Path:
    return _root() / "pdf" / sha256[:2] / f"{sha256}.pdf"


def _index_path(key: str) -> Path:
    return _root() / "html" / key[:2] / key


def pdf_for_html(html: str, render: Callable[[str], bytes]) -> StoredPdf:
    """The stored PDF of `html`, calling `render(html)` only if this HTML was never rendered (or its file was
    removed as unused)."""
    key = html_key(html)
    found = _lookup(key)
    if found is not None:
        return found
    with _lock(key):
        found = _lookup(key)  # rendered by another process while this one waited
        if found is not None:
            return found
        stored = keep(render(html))
        _write(_index_path(key), stored.sha256.encode())
        return stored


def keep(pdf: bytes) -> StoredPdf:
    """Store these bytes (once: a file of the same content is only marked used)."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    stored = stored_pdf(sha256)
    if stored is None:
        path = pdf_path(sha256)
        _write(path, pdf)
        stored = StoredPdf(sha256, path, len(pdf))
    return stored


def stored_pdf(sha256: str) -> StoredPdf | None:
    """The stored PDF of these bytes' hash (marked used), None if there is none."""
    path = pdf_path(sha256)
    size = _touch(path)
    return None if size is None else StoredPdf(sha256, path, size)


def _lookup(key: str) -> StoredPdf | None:
    index = _index_path(key)
    try:
        sha256 = index.read_text().strip()
    except FileNotFoundError:
        return None
    stored = stored_pdf(sha256)
    if stored is not None:
        _touch(index)
    return stored


def _touch(path: Path) -> int | None:
    """Mark a file used now (its access time; the modification time stays) and return its size; None if missing."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    now = time.time()
    if status.st_atime < now - TOUCH_EVERY:
        with contextlib.suppress(FileNotFoundError):
            os.utime(path, (now, status.st_mtime))
    return status.st_size


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def _lock(key: str):
    locks = _root() / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{key[:2]}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_unused(*, days: int) -> dict[str, int]:
    """Delete the PDFs and index entries not used for `days` days, and temporary files a crash left behind.
    Returns how many files of each kind were deleted. A document asked for again is rendered (or copied) again."""
    cutoff = time.time() - days * 86400
    removed = {"pdf": 0, "html": 0, "temporary": 0}
    for kind in ("pdf", "html"):
        folder = _root() / kind
        if not folder.is_dir():
            continue
        for path in folder.glob("*/*"):
            try:
                status = path.stat()
            except FileNotFoundError:
                continue
            if path.name.endswith(".tmp"):
                if status.st_mtime < time.time() - 86400:
                    removed["temporary"] += _unlink(path)
            elif max(status.st_atime, status.st_mtime) < cutoff:
                removed[kind] += _unlink(path)
    return removed


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1
