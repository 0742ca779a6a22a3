"""Read ``sinowatch.yaml`` into :class:`~sinowatch.settings.Settings`, or say exactly what is wrong.

Loading runs in four steps, each reporting ``FILE:LINE:COL: key.path: message`` problems:

1. YAML is parsed by :class:`PositionLoader`, which keeps the file, line and column of every
   mapping key, value and list item. It is linear in the document's size: values reached through
   aliases (``*name``, ``<<: *name``) count against :data:`MAX_ALIAS_VALUES` (a "billion laughs"
   document is refused at once), nesting is bounded by :data:`MAX_DEPTH`, and only the plain
   YAML types are accepted (:data:`ALLOWED_TAGS`: no ``!!binary``, ``!!set``, ``!!python/…``).
2. ``include:`` (glob patterns relative to the including file, ``${VAR}`` allowed) pulls in more
   mappings: their list values extend the including file's lists, their mappings merge; a scalar
   set twice is an error.
3. String values are interpolated: ``${VAR}``, ``${VAR:-default}`` (default when VAR is unset or
   empty), ``$${`` for a literal ``${``. Relative ``data_dir`` and jsonl channel ``path`` values
   resolve against the directory of the file they are written in.
4. pydantic validates the result; each error is mapped back to the key it concerns. Topic queries
   are parsed with :func:`alerts.query.parse_query`.
"""

from __future__ import annotations

import difflib
import glob
import os
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from rich.cells import cell_len

if TYPE_CHECKING:
    from alerts.query import QuerySyntaxError

from alerts.config import WatchlistSettings
from crawler.configtypes import Model
from sinowatch.settings import DuplicateError, Settings, UnknownChannelError

CONFIG_CANDIDATES = (Path("sinowatch.yaml"), Path("config") / "sinowatch.yaml")
MAX_ALIAS_VALUES = 10_000
"""How many values a file may build through aliases and merge keys, all aliases together."""
MAX_DEPTH = 50
"""How deeply mappings and lists may nest in one file."""
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)

KeyPath = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


class ConfigError(Exception):
    """The config cannot be used; ``problems`` holds one ``FILE:LINE:COL: key: message`` each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(*problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(self.problems)


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a config file."""

    file: str
    line: int
    column: int

    @classmethod
    def of(cls, mark: yaml.Mark, file: str) -> Mark:
        return cls(file, mark.line + 1, mark.column + 1)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Node:
    """A YAML value and where it was written. Mappings hold ``dict[str, Node]``, lists ``Node``s.

    ``key_mark`` is the position of the mapping key the value belongs to (None for list items
    and documents); ``interpolate`` marks plain strings that still need ``${VAR}`` expansion.
    """

    value: Any
    mark: Mark
    key_mark: Mark | None = None
    interpolate: bool = False
    source: Scalar | None = None
    """For a string: how it was written, to point into it (see :meth:`Scalar.locate`)."""

    @property
    def where(self) -> Mark:
        return self.key_mark or self.mark


@dataclass(frozen=True)
class Scalar:
    """A string scalar as written: its style and the file lines it spans (the first one whole)."""

    style: str | None
    """None for plain, ``'`` or ``"`` quoted, ``|`` literal, ``>`` folded."""
    lines: tuple[str, ...]

    def locate(self, start: Mark, value: str, position: int) -> Mark | None:
        """The file position of ``value[position]`` (``len(value)``: just after the end).

        Each written line (without its indentation, quotes or block indicator) must appear
        verbatim, in order, in the value; None when it does not (escapes such as ``\\n``).
        """
        end: Mark | None = None
        cursor = 0
        for line, column, text in self._segments(start):
            at = value.find(text, cursor)
            if at < 0:
                return None
            if position < at:  # the space or line break between two lines: end of the first
                return end or Mark(start.file, line, column + 1)
            if position < at + len(text):
                return Mark(start.file, line, column + position - at + 1)
            cursor = at + len(text)
            end = Mark(start.file, line, column + len(text) + 1)
        return end

    def _segments(self, start: Mark) -> list[tuple[int, int, str]]:
        """``(1-based line, 0-based column, text)`` of each written piece of the value."""
        lines = list(self.lines)
        if self.style in ("|", ">"):
            body = [(n, line) for n, line in enumerate(lines[1:], 1) if line.strip()]
            indent = min((len(line) - len(line.lstrip(" ")) for _, line in body), default=0)
            return [(start.line + n, indent, line[indent:].rstrip()) for n, line in body]
        first = start.column - 1 + (self.style is not None)
        if self.style is not None:  # drop the closing quote
            lines[-1] = lines[-1][: lines[-1].rstrip().rfind(self.style)]
        segments = []
        for n, line in enumerate(lines):
            column = first if n == 0 else len(line) - len(line.lstrip())
            text = line[column:].rstrip() if n == 0 else line.strip()
            if text:
                segments.append((start.line + n, column, text))
        return segments


def caret_excerpt(text: str, position: int, indent: str = "  ") -> str:
    """The line of ``text`` holding ``position``, and a ``^`` under that character."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    pad = cell_len(line[: position - line_start].replace("\t", " "))
    return f"{indent}{line.rstrip()}\n{indent}{' ' * pad}^"


class LimitError(Exception):
    """The file goes past one of the loader's bounds (aliases, nesting, tags)."""

    def __init__(self, where: Mark, message: str) -> None:
        super().__init__(f"{where}: {message}")


class PositionLoader(yaml.SafeLoader):
    """A SafeLoader that builds a :class:`Node` tree recording every key, value and item position.

    Scalars are constructed by SafeLoader itself (ints, bools, dates…); mappings and sequences
    are walked here so each child keeps its mark. Duplicate and non-string keys are reported.
    An aliased node is walked again at each alias (each copy keeps its own merges), so the
    values built through aliases are counted and bounded (:data:`MAX_ALIAS_VALUES`).
    """

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text)
        self.file = file
        self.problems: list[str] = []
        self._depth = 0
        self._walked: set[int] = set()
        self._alias_values = 0

    def load_located(self) -> Node | None:
        """The document's Node tree.

        Raises:
            LimitError: past an alias, nesting or tag bound.
            yaml.MarkedYAMLError: not valid YAML.
        """
        root = self.get_single_node()
        return None if root is None else self._located(root)

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                where = Mark.of(self.peek_event().start_mark, self.file)
                raise LimitError(where, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark.of(node.start_mark, self.file)

    def _check(self, node: yaml.Node, aliased: bool) -> bool:
        """Refuse a tag outside the plain types and count a value built through an alias.

        Returns whether ``node``'s children are reached through an alias too.
        """
        if node.tag not in ALLOWED_TAGS:
            tag = node.tag.removeprefix(_CORE)
            raise LimitError(
                self._mark(node),
                f"the YAML tag !!{tag} is not allowed in a config (write plain values)"
                if node.tag.startswith(_CORE)
                else f"the YAML tag {tag} is not allowed in a config (write plain values)",
            )
        aliased = aliased or id(node) in self._walked
        self._walked.add(id(node))
        if aliased:
            self._alias_values += 1
            if self._alias_values > MAX_ALIAS_VALUES:
                raise LimitError(
                    self._mark(node),
                    f"aliases (*name, <<: *name) expand to more than {MAX_ALIAS_VALUES:,} "
                    "values; write the values out, or use fewer nested aliases",
                )
        return aliased

    def _located(
        self, node: yaml.Node, key_mark: Mark | None = None, aliased: bool = False
    ) -> Node:
        aliased = self._check(node, aliased)
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)  # resolves YAML merge keys (<<: *anchor)
            items: dict[str, Node] = {}
            for key_node, value_node in node.value:
                self._check(key_node, aliased)
                key = self.construct_object(key_node)
                where = self._mark(key_node)
                if not isinstance(key, str):
                    self.problems.append(
                        f"{where}: key {key_node.value!r} must be a name; quote it: "
                        f"'{key_node.value}'"
                    )
                elif key in items:
                    first = items[key].where
                    self.problems.append(
                        f"{where}: duplicate key {key!r} (first at line {first.line})"
                    )
                else:
                    items[key] = self._located(value_node, where, aliased)
            return Node(items, self._mark(node), key_mark)
        if isinstance(node, yaml.SequenceNode):
            values = [self._located(item, None, aliased) for item in node.value]
            return Node(values, self._mark(node), key_mark)
        value = self.construct_object(node)
        if not isinstance(value, str):
            return Node(value, self._mark(node), key_mark)
        start, end = node.start_mark, node.end_mark
        written = start.buffer[start.pointer - start.column : end.pointer].split("\n")
        source = Scalar(node.style, tuple(written))
        return Node(value, self._mark(node), key_mark, interpolate=True, source=source)


# ${VAR} / ${VAR:-default} / $${ (escape) / a ${ that is never closed
_REFERENCE = re.compile(r"\$\$\{|\$\{([^}]*)\}|\$\{")
_NAME_DEFAULT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?", re.DOTALL)


def interpolate(text: str, environ: Mapping[str, str]) -> str:
    """Expand ``${VAR}`` and ``${VAR:-default}`` in ``text``; ``$${`` stands for ``${``.

    Raises:
        ValueError: a variable is unset and has no default, or a reference is malformed.
    """

    def replace(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole == "$${":
            return "${"
        body = match.group(1)
        if body is None:
            raise ValueError("'${' is not closed with '}' (write '$${' for a literal '${')")
        reference = _NAME_DEFAULT.fullmatch(body)
        if reference is None:
            raise ValueError(
                f"bad variable reference {whole!r} (use ${{NAME}} or ${{NAME:-default}})"
            )
        name, default = reference.groups()
        value = environ.get(name)
        if value:
            return value
        if default is not None:
            return default
        if value is None:
            raise ValueError(
                f"environment variable {name} is not set (set it, or write ${{{name}:-default}})"
            )
        return value

    return _REFERENCE.sub(replace, text)


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
    root = _read_file(path, environ, problems, ())
    if root is None or problems:
        raise ConfigError(problems)
    index: dict[KeyPath, Node] = {}
    failed: set[KeyPath] = set()
    data = _plain(root, (), index, environ, problems, failed)
    if model is Settings:
        _resolve_paths(data, index)
    problems.extend(_query_problems(data, index))
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, model, data, index, failed))
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return result


def _read_file(
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
        problems.append(_yaml_problem(exc, str(path)))
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
                child = _read_file(path.parent / match, environ, problems, (*including, real))
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
                f"{node.where}: {_format_path((*path, key))}: already set at {have.where}; "
                "included files may only add list items and new keys"
            )


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
            problems.append(_problem(node.mark, path, str(exc)))
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


def _query_problems(data: dict[str, Any], index: dict[KeyPath, Node]) -> list[str]:
    from alerts.query import QuerySyntaxError, parse_query

    problems = []
    watchlists = data.get("watchlists")
    for w, watchlist in enumerate(watchlists if isinstance(watchlists, list) else []):
        topics = watchlist.get("topics") if isinstance(watchlist, dict) else None
        for t, topic in enumerate(topics if isinstance(topics, list) else []):
            query = topic.get("query") if isinstance(topic, dict) else None
            if not isinstance(query, str):
                continue
            try:
                parse_query(query)
            except QuerySyntaxError as exc:
                path = ("watchlists", w, "topics", t, "query")
                problems.append(_query_problem(index[path], path, query, exc))
    return problems


def _query_problem(node: Node, path: KeyPath, query: str, exc: QuerySyntaxError) -> str:
    """Point at the fault in the file when the query is written as is; else in the query."""
    where = None
    if node.source is not None and node.value == query:  # not changed by ${VAR}
        where = node.source.locate(node.mark, query, exc.position)
    message = f"{exc.message} at query position {exc.position}"
    if where is None or node.source is None:
        return f"{_problem(node.mark, path, message)}\n{caret_excerpt(query, exc.position)}"
    line = node.source.lines[where.line - node.mark.line]
    excerpt = caret_excerpt(line, where.column - 1)
    return f"{_problem(where, path, message)}\n{excerpt}"


def _validation_problems(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    index: dict[KeyPath, Node],
    failed: set[KeyPath],
) -> list[str]:
    problems = []
    for error in exc.errors():
        loc = error["loc"]
        path, missing = _data_path(data, loc)
        if path in failed:
            continue  # already reported as an interpolation problem
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, UnknownChannelError):
            problems.extend(_unknown_channel_problems(cause, index))
            continue
        if isinstance(cause, DuplicateError) and (*path, cause.index, cause.key) in index:
            path = (*path, cause.index, cause.key)
        where = index[path].mark if missing else index[path].where
        message = _message(error["msg"])
        if error["type"] == "extra_forbidden":
            message = _unknown_key_message(str(loc[-1]), _model_at(model, loc[:-1]))
        elif error["type"] == "union_tag_invalid" and (*path, "type") in index:
            path = (*path, "type")
            where = index[path].where
            message = _unknown_tag_message(error["ctx"])
        elif loc and loc[-1] == "[key]":
            message = f"invalid name {path[-1]!r}: {message}"
        elif error["type"] in _SHOW_INPUT:
            message += f" (got {error['input']!r})"
        problems.append(_problem(where, path + missing, message))
    return problems


# Error types whose input is a number, flag or choice, never a secret: safe to echo back.
_SHOW_INPUT = frozenset(
    {
        "int_parsing",
        "int_from_float",
        "float_parsing",
        "bool_parsing",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "literal_error",
    }
)


def _unknown_tag_message(ctx: dict[str, Any]) -> str:
    """``type: webhok`` → unknown type 'webhok' (did you mean 'webhook'?), listing the types."""
    tag = str(ctx.get("tag"))
    expected = re.findall(r"'([^']+)'", str(ctx.get("expected_tags", "")))
    hint = difflib.get_close_matches(tag, expected, n=1)
    message = f"unknown type {tag!r}"
    if hint:
        message += f" (did you mean {hint[0]!r}?)"
    return f"{message}; types: {', '.join(expected)}"


def _unknown_channel_problems(error: UnknownChannelError, index: dict[KeyPath, Node]) -> list[str]:
    problems = []
    for w, c, name in error.refs:
        path = ("watchlists", w, "channels", c)
        hint = difflib.get_close_matches(name, error.known, n=1)
        if hint:
            known = f"did you mean {hint[0]!r}?"
        else:
            known = f"channels: {', '.join(error.known)}" if error.known else "no channels defined"
        problems.append(_problem(index[path].mark, path, f"unknown channel {name!r} ({known})"))
    return problems


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[KeyPath, KeyPath]:
    """Split a pydantic ``loc`` into the path present in the data and a missing tail.

    Parts that are neither keys nor indexes of the data (union tags such as ``email``,
    ``[key]``) are dropped; a missing last part (a required field) becomes the tail.
    """
    path: KeyPath = ()
    current = data
    for i, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
            path = (*path, part)
        elif i == len(loc) - 1 and isinstance(part, str) and part != "[key]":
            return path, (part,)
    return path, ()


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The settings model that validates the value at ``loc`` (for "did you mean" hints)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    candidates = [c for c in _members(current) if _is_model(c)]
    return candidates[0] if candidates else None


def _step(annotation: Any, part: str | int) -> Any:
    members = _members(annotation)
    for member in members:
        if _is_model(member) and isinstance(part, str):
            for name, field in member.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
        origin = get_origin(member)
        if origin is list and isinstance(part, int):
            return get_args(member)[0]
        if origin is dict and isinstance(part, str):
            return get_args(member)[1]
    for member in members:  # a discriminated-union tag, e.g. 'email' in channels.x.email.host
        if _is_model(member) and "type" in member.model_fields:
            tag = member.model_fields["type"].annotation
            if get_origin(tag) is Literal and part in get_args(tag):
                return member
    return None


def _members(annotation: Any) -> list[Any]:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [annotation]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unknown_key_message(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return f"unknown key {key!r}"
    allowed = [field.alias or name for name, field in model.model_fields.items()]
    hint = difflib.get_close_matches(key, allowed, n=1)
    if hint:
        return f"unknown key {key!r} (did you mean {hint[0]!r}?)"
    return f"unknown key {key!r} (allowed: {', '.join(allowed)})"


def _message(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg[:1].lower() + msg[1:] if msg[1:2].islower() else msg


def _lookup(data: Any, path: KeyPath) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _yaml_problem(exc: yaml.MarkedYAMLError, file: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = str(Mark.of(mark, file)) if mark else file
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem and exc.context_mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    if "block" in message or "mapping values" in message:
        message += "; check this line's indentation, and quote values that contain ': '"
    return f"{where}: invalid YAML: {message}"


def _problem(where: Mark, path: KeyPath, message: str) -> str:
    return f"{where}: {_format_path(path)}: {message}" if path else f"{where}: {message}"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _format_path(path: KeyPath) -> str:
    """``('watchlists', 0, 'experts', 2, 'name')`` → ``watchlists[0].experts[2].name``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text
