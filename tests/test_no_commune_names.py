"""Nothing the portal shows, prints or sends names a particular commune: its names come from the commune's data.

The demo app (demo/), migrations, tests and the translation catalogue may name Xuân Sơn; comments and docstrings may
keep it as an example. Everything else (string literals of the code, the templates) must not.
"""

import io
import re
import tokenize
import unicodedata
from pathlib import Path

from django.apps import apps
from django.conf import settings

FORBIDDEN = re.compile(r"xuân sơn|xuan son|sơn tây|son tay")
EXCLUDED_DIRS = {"migrations", "tests", "locale", "__pycache__"}


def _source_roots() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots = {root for root in roots if root.is_relative_to(base) and ".venv" not in root.parts
             and root != base / "demo"}  # the demo data names its communes
    return sorted(roots | {base / "xuanson_tdkt", base / "templates"})


def _checked_files() -> list[Path]:
    files = []
    for root in _source_roots():
        for path in root.rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"}:
                continue
            if EXCLUDED_DIRS & set(path.relative_to(root).parts):
                continue
            files.append(path)
    return files


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _python_strings(source: str):
    """(line, text) of the string literals that are not docstrings (a string standing alone as a statement)."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.NL, tokenize.COMMENT)]
    statement_start = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    for index, token in enumerate(tokens):
        if token.type != tokenize.STRING:
            continue
        before = tokens[index - 1].type if index else tokenize.NEWLINE
        after = tokens[index + 1].type if index + 1 < len(tokens) else tokenize.NEWLINE
        if before in statement_start and after in (tokenize.NEWLINE, tokenize.ENDMARKER):
            continue  # a docstring
        yield token.start[0], token.string


def _offences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        pieces = list(_python_strings(text))
    else:
        pieces = [(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    return [f"{path}:{number}: {piece.strip()[:80]}" for number, piece in pieces if FORBIDDEN.search(_normal(piece))]


def test_the_scan_sees_the_apps_and_their_templates():
    names = {(path.parent.name, path.name) for path in _checked_files()}
    assert ("reports", "services.py") in names
    assert ("documents", "base.html") in names
    assert ("xuanson_tdkt", "settings.py") in names
    assert not any(path.is_relative_to(Path(settings.BASE_DIR).resolve() / "demo") for path in _checked_files())
    assert ("commands", "seed_demo.py") not in names


def test_docstrings_and_comments_are_not_strings_the_portal_uses():
    source = '"""Xuân Sơn."""\n# Sơn Tây\ndef f():\n    """Son Tay."""\n    return "Xuân Sơn"\n'
    assert [line for line, _text in _python_strings(source)] == [5]


def test_no_commune_named_in_code_or_templates():
    assert [offence for path in _checked_files() for offence in _offences(path)] == []
