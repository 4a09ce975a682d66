"""The project's own modules import each other without a cycle (issue 12, house-keeping).

The graph is built from the source with `ast`, from module-level imports only: an import inside a function runs
when the function is called, which is how a cycle used to be dodged (awards.decisions/eligibility,
notifications.services/tasks, reports.jobs/tasks). Imports under `if TYPE_CHECKING:` never run and are left out.
Migrations are left out too (Django loads them on its own).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted(
    path.parent.name for path in ROOT.glob("*/__init__.py")
    if path.parent.name not in {"tests", "bench", "scripts"}
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


def _top_level_imports(tree: ast.Module):
    """The import statements that run when the module is imported: the module body, and the bodies of its
    module-level if/try/with blocks (not functions, not classes' methods, not `if TYPE_CHECKING:`)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" not in test:
                pending += node.body
            pending += node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
            for handler in node.handlers:
                pending += handler.body
        elif isinstance(node, (ast.With, ast.ClassDef)):
            pending += node.body  # a class body runs at import time too


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _top_level_imports(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(name, path, node)
                for alias in node.names:
                    # `from package import module` imports the module; `from module import name` the module.
                    targets.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
            for target in targets:
                # `import a.b.c` runs a.b.c; a package's __init__ runs too, but ours hold no imports of note.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index, low, on_stack, stack, counter, components = {}, {}, set(), [], [0], []

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_graph_sees_the_modules_and_their_imports():
    graph = import_graph()
    assert "awards.decisions" in graph and "reports.tasks" in graph
    assert "awards.eligibility" in graph["awards.decisions"]
    assert "notifications.tasks" in graph["notifications.services"]
    assert "reports.tasks" in graph["reports.jobs"]


def test_find_cycles_finds_one():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("first, second", [
    ("awards.decisions", "awards.eligibility"),
    ("notifications.services", "notifications.tasks"),
    ("reports.jobs", "reports.tasks"),
])
def test_the_untangled_pairs_form_no_cycle(first, second):
    cycles = find_cycles(import_graph())
    assert not [cycle for cycle in cycles if first in cycle or second in cycle], cycles


def test_no_module_of_the_project_imports_itself_back():
    assert find_cycles(import_graph()) == []


def _local_imports(path: Path) -> set[str]:
    """What a module imports inside its functions (relative imports as written, e.g. ".tasks")."""
    found = set()
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize("module, partner", [
    ("awards/eligibility.py", ".decisions"), ("awards/decisions.py", ".eligibility"),
    ("notifications/services.py", ".tasks"), ("reports/jobs.py", ".tasks"), ("reports/workbook.py", ".services"),
])
def test_no_function_local_import_dodges_the_cycle_any_more(module, partner):
    assert partner not in _local_imports(ROOT / module)
