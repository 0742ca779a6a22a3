"""Dependencies point one way: ``sinowatch`` → ``alerts`` → ``crawler`` (ARCHITECTURE.md).

Only typing-only imports (under ``if TYPE_CHECKING:``) may point the other way, for settings types.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"crawler": ("alerts", "sinowatch"), "alerts": ("sinowatch",)}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import that runs: module level, in functions, not typing-only."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_runtime_imports_finds_lazy_imports_and_skips_typing_only_ones() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sinowatch.settings import Settings\n"
        "def f():\n    import sinowatch.cli\n"
    )
    assert runtime_imports(ast.parse(source)) == [(1, "typing"), (5, "sinowatch.cli")]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    violations = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in runtime_imports(tree):
            if module.split(".")[0] in FORBIDDEN[package]:
                violations.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert violations == []
