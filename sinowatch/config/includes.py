"""``include:``: glob patterns (relative to the including file, ``${VAR}`` allowed) pull in more
mappings. Their list values extend the including file's lists, their mappings merge; a scalar set
twice is an error, and so is a file that includes itself.
"""

from __future__ import annotations

import glob
from collections.abc import Mapping
from pathlib import Path

import yaml

from sinowatch.config.errors import KeyPath, format_path
from sinowatch.config.interpolation import interpolate
from sinowatch.config.positions import LimitError, Mark, Node, PositionLoader, yaml_problem


def read_tree(
    path: Path, environ: Mapping[str, str], problems: list[str], including: tuple[Path, ...]
) -> Node | None:
    """Parse one file and, recursively, its includes, merged into one Node tree."""
    real = path.resolve()
    if real in including:
        problems.append(f"{path}: include cycle: this file includes itself (via {including[-1]})")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    except OSError as exc:
        problems.append(f"{path}: cannot read config file: {exc.strerror}")
        return None
    loader = PositionLoader(text, str(path))
    try:
        root = loader.load_located()
    except yaml.MarkedYAMLError as exc:
        problems.append(yaml_problem(exc, str(path)))
        return None
    except LimitError as exc:
        problems.append(str(exc))
        return None
    finally:
        loader.dispose()
    problems.extend(loader.problems)
    if root is None:
        return Node({}, Mark(str(path), 1, 1))
    if not isinstance(root.value, dict):
        problems.append(f"{root.mark}: the file must be a mapping of settings (key: value)")
        return None
    include = root.value.pop("include", None)
    if include is not None:
        for where, pattern in _include_patterns(include, environ, problems):
            matches = sorted(
                match
                for match in glob.glob(pattern, root_dir=path.parent)
                if (path.parent / match).is_file()
            )
            if not matches:
                problems.append(
                    f"{where}: include: {pattern!r} matches no file "
                    f"(patterns are relative to {path.parent.resolve()})"
                )
            for match in matches:
                child = read_tree(path.parent / match, environ, problems, (*including, real))
                if child is not None:
                    _merge(root, child, (), problems)
    return root


def _include_patterns(
    include: Node, environ: Mapping[str, str], problems: list[str]
) -> list[tuple[Mark, str]]:
    """The include patterns (interpolated) with their positions."""
    items = include.value if isinstance(include.value, list) else [include]
    patterns = []
    for item in items:
        if not (isinstance(item.value, str) and item.value):
            problems.append(
                f"{item.where}: include: expected a glob pattern like watchlists/*.yaml"
            )
            continue
        try:
            patterns.append((item.where, interpolate(item.value, environ)))
        except ValueError as exc:
            problems.append(f"{item.where}: include: {exc}")
    return patterns


def _merge(base: Node, extra: Node, path: KeyPath, problems: list[str]) -> None:
    """Merge an included mapping into ``base``: lists extend, mappings merge, scalars conflict."""
    for key, node in extra.value.items():
        have = base.value.get(key)
        if have is None or have.value is None:
            base.value[key] = node
        elif isinstance(have.value, dict) and isinstance(node.value, dict):
            _merge(have, node, (*path, key), problems)
        elif isinstance(have.value, list) and isinstance(node.value, list):
            have.value.extend(node.value)
        else:
            problems.append(
                f"{node.where}: {format_path((*path, key))}: already set at {have.where}; "
                "included files may only add list items and new keys"
            )
