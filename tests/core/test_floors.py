"""The foundation stands below the features: nothing in ``core`` imports a feature app, at the
top of a module or inside a function, so any feature (or none) can be built on it."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
FEATURE_APPS = {"home", "stories", "community", "search", "demo"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module an import statement in ``path`` names, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


CORE_MODULES = sorted(CORE.rglob("*.py"))


def test_core_has_modules_to_check():
    assert len(CORE_MODULES) > 20


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda path: str(path.relative_to(CORE)))
def test_core_imports_no_feature_app(path):
    upward = [
        f"{path.relative_to(CORE.parent)}:{line} imports {module}"
        for line, module in imported_modules(path)
        if module.partition(".")[0] in FEATURE_APPS
    ]
    assert upward == []
