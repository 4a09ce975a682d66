"""The demo data lives in demo/ alone: no app imports it, and the directory imports no other app of the project.

Scanned with `ast` (every `import` and `from … import`, at any depth, so a lazy import inside a function counts).
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR).resolve()
# Shared infrastructure every app may use: the audit trail and the project package (settings, locking, fields, …).
INFRASTRUCTURE = {"audit", "xuanson_tdkt"}


def _project_packages() -> set[str]:
    """Top-level names of the project's own code: its apps and the project package."""
    names = {"xuanson_tdkt"}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(BASE) and ".venv" not in path.parts:
            names.add(config.name.split(".")[0])
    return names


def _python_files(root: Path):
    for path in root.rglob("*.py"):
        parts = path.relative_to(BASE).parts
        if ".venv" in parts or "__pycache__" in parts:
            continue
        yield path


def _imported_packages(path: Path) -> set[str]:
    """Top-level package names a module imports (relative imports stay inside the package: left out)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_scan_finds_imports_at_any_depth(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os.path\nfrom demo import data\ndef f():\n    from directory.models import Unit\n"
                      "from . import sibling\n")
    assert _imported_packages(module) == {"os", "demo", "directory"}


def test_the_demo_is_an_app_of_its_own():
    assert "demo" in _project_packages()
    assert settings.INSTALLED_APPS.index("demo") > max(
        settings.INSTALLED_APPS.index(name) for name in ("directory", "campaigns", "awards", "scoring", "disclosure"))


def test_nothing_outside_demo_and_tests_imports_demo():
    # The benchmarks (bench/) build their data from the demo's, as the tests do; no app and no script of the portal may.
    offenders = [
        str(path.relative_to(BASE))
        for path in _python_files(BASE)
        if path.relative_to(BASE).parts[0] not in {"demo", "tests", "bench"} and "demo" in _imported_packages(path)
    ]
    assert offenders == []


def test_the_directory_imports_only_shared_infrastructure():
    project = _project_packages()
    imports = {
        str(path.relative_to(BASE)): sorted((_imported_packages(path) & project) - {"directory"} - INFRASTRUCTURE)
        for path in _python_files(BASE / "directory")
    }
    assert {path: names for path, names in imports.items() if names} == {}
