"""Read ``sinowatch.yaml`` into :class:`~sinowatch.settings.Settings`, or say exactly what is wrong.

Loading runs in four steps, each reporting ``FILE:LINE:COL: key.path: message`` problems:

1. YAML is parsed with positions and bounds (:mod:`sinowatch.config.positions`): aliases,
   nesting and tags are limited, so a hostile file is refused with a reason.
2. ``include:`` pulls in more files (:mod:`sinowatch.config.includes`).
3. String values are interpolated (:mod:`sinowatch.config.interpolation`): ``${VAR}``,
   ``${VAR:-default}`` (default when VAR is unset or empty), ``$${`` for a literal ``${``.
   Relative ``data_dir`` and jsonl channel ``path`` values resolve against the directory of the
   file they are written in.
4. pydantic validates the result; each error is mapped back to the key it concerns
   (:mod:`sinowatch.config.errors`). Topic queries are parsed with
   :func:`alerts.query.parse_query`.

This module is the config's public face: import what you need from here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from alerts.config import WatchlistSettings
from crawler.configtypes import Model
from sinowatch.config.errors import (
    ConfigError,
    KeyPath,
    caret_excerpt,
    problem,
    query_problems,
    validation_problems,
)
from sinowatch.config.includes import read_tree
from sinowatch.config.interpolation import interpolate
from sinowatch.config.positions import MAX_ALIAS_VALUES, MAX_DEPTH, Node
from sinowatch.settings import Settings

__all__ = [
    "CONFIG_CANDIDATES",
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "ConfigError",
    "caret_excerpt",
    "find_config",
    "interpolate",
    "load_settings",
    "load_watchlist_file",
]


CONFIG_CANDIDATES = (Path("sinowatch.yaml"), Path("config") / "sinowatch.yaml")
ModelT = TypeVar("ModelT", bound=BaseModel)


def find_config(explicit: Path | None) -> Path:
    """The config file to use: ``explicit``, else ./sinowatch.yaml, else ./config/sinowatch.yaml."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(
                [
                    f"{explicit}: config file not found; check --config, or run "
                    "`sinowatch init` to write a starter config"
                ]
            )
        return explicit
    for candidate in CONFIG_CANDIDATES:
        if candidate.is_file():
            return candidate
    looked = " and ".join(f"./{c}" for c in CONFIG_CANDIDATES)
    raise ConfigError(
        [
            f"no config file found (looked for {looked}); pass --config FILE, or run "
            "`sinowatch init` to write a starter config here"
        ]
    )


def load_settings(path: Path, *, environ: Mapping[str, str] | None = None) -> Settings:
    """Load, interpolate and validate a config file and its includes.

    Raises:
        ConfigError: with every problem found, each naming file, line, column and key.
    """
    return _load(path, Settings, os.environ if environ is None else environ)


class _WatchlistFile(Model):
    """A standalone watchlists file: the same shape as an included ``watchlists/*.yaml``."""

    watchlists: list[WatchlistSettings]


def load_watchlist_file(
    path: Path, *, environ: Mapping[str, str] | None = None
) -> list[WatchlistSettings]:
    """Load a file holding a top-level ``watchlists:`` list (e.g. for ``inspect --watchlist-file``).

    Raises:
        ConfigError: as :func:`load_settings`.
    """
    loaded = _load(path, _WatchlistFile, os.environ if environ is None else environ)
    return loaded.watchlists


def _load(path: Path, model: type[ModelT], environ: Mapping[str, str]) -> ModelT:
    problems: list[str] = []
    root = read_tree(path, environ, problems, ())
    if root is None or problems:
        raise ConfigError(problems)
    index: dict[KeyPath, Node] = {}
    failed: set[KeyPath] = set()
    data = _plain(root, (), index, environ, problems, failed)
    if model is Settings:
        _resolve_paths(data, index)
    problems.extend(query_problems(data, index))
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, model, data, index, failed))
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return result


def _plain(
    node: Node,
    path: KeyPath,
    index: dict[KeyPath, Node],
    environ: Mapping[str, str],
    problems: list[str],
    failed: set[KeyPath],
) -> Any:
    """Turn a Node tree into plain data, interpolating strings and indexing every path."""
    index[path] = node
    if isinstance(node.value, dict):
        return {
            key: _plain(child, (*path, key), index, environ, problems, failed)
            for key, child in node.value.items()
        }
    if isinstance(node.value, list):
        return [
            _plain(child, (*path, i), index, environ, problems, failed)
            for i, child in enumerate(node.value)
        ]
    if node.interpolate:
        try:
            return interpolate(node.value, environ)
        except ValueError as exc:
            problems.append(problem(node.mark, path, str(exc)))
            failed.add(path)
    return node.value


def _resolve_paths(data: dict[str, Any], index: dict[KeyPath, Node]) -> None:
    """Make relative file paths absolute against the directory of the file that wrote them.

    An unset ``data_dir`` gets its default relative to the main config file.
    """
    if "data_dir" not in data:
        data["data_dir"] = str(Settings.model_fields["data_dir"].default)
        index[("data_dir",)] = index[()]
    targets: list[KeyPath] = [("data_dir",)]
    channels = data.get("channels")
    if isinstance(channels, dict):
        targets += [
            ("channels", name, "path")
            for name, channel in channels.items()
            if isinstance(channel, dict) and channel.get("type") == "jsonl"
        ]
    for path in targets:
        parent = _lookup(data, path[:-1])
        value = parent.get(path[-1]) if isinstance(parent, dict) else None
        if isinstance(value, str) and value:
            base = Path(index[path].mark.file).parent
            parent[path[-1]] = os.path.abspath(base / Path(value).expanduser())


def _lookup(data: Any, path: KeyPath) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data
