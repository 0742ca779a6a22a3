"""Dependencies point one way: ``sinowatch`` → ``alerts`` → ``crawler`` (ARCHITECTURE.md).

No exception: a typing-only import (under ``if TYPE_CHECKING:``) and a module named in an
``importlib.import_module("...")`` / ``__import__("...")`` call count like any other import. Each
layer defines the settings models it reads, so no lower layer needs a higher one's types.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"crawler": ("alerts", "sinowatch"), "alerts": ("sinowatch",)}
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__"})
"""Calls whose first argument, a string constant, names a module that gets imported."""


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every absolute import anywhere in ``tree``: module level, in functions,
    under ``if TYPE_CHECKING:``, and string-named ones (``importlib.import_module("x.y")``)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and (module := _dynamically_imported(node)):
            found.append((node.lineno, module))
    return sorted(found)


def _dynamically_imported(call: ast.Call) -> str | None:
    """``"x.y"`` of ``import_module("x.y")``, ``importlib.import_module("x.y")``, ``__import__``."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name not in DYNAMIC_IMPORTS or not call.args:
        return None
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def test_every_kind_of_import_is_found_typing_only_and_string_named_ones_too() -> None:
    source = (
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sinowatch.settings import Settings\n"
        "def f():\n    import sinowatch.cli\n"
        "    return importlib.import_module('sinowatch.app'), __import__('sinowatch.logs')\n"
        "from . import sibling\n"  # relative: within the package, never a layer crossing
    )
    assert imported_modules(ast.parse(source)) == [
        (1, "importlib"),
        (2, "typing"),
        (4, "sinowatch.settings"),
        (6, "sinowatch.cli"),
        (7, "sinowatch.app"),
        (7, "sinowatch.logs"),
    ]


def layer_violations(root: Path, package: str) -> list[str]:
    """``file:line: imports module`` for each import in ``root/package`` of a higher layer."""
    violations = []
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported_modules(tree):
            if module.split(".")[0] in FORBIDDEN[package]:
                violations.append(f"{path.relative_to(root)}:{line}: imports {module}")
    return violations


def test_a_typing_only_import_of_a_higher_layer_is_a_violation(tmp_path: Path) -> None:
    (tmp_path / "alerts").mkdir()
    (tmp_path / "alerts" / "hook.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from crawler.models import Article\n"
        "if TYPE_CHECKING:\n    from sinowatch.settings import Settings\n",
        encoding="utf-8",
    )
    assert layer_violations(tmp_path, "alerts") == ["alerts/hook.py:4: imports sinowatch.settings"]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    assert layer_violations(ROOT, package) == []
