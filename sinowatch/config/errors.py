"""Config problems as ``FILE:LINE:COL: key.path: message``: pydantic errors and bad topic queries
mapped back to the key (and, for a query, the character) they concern, with "did you mean" hints.
"""

from __future__ import annotations

import difflib
import re
import types
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from rich.cells import cell_len

from sinowatch.config.positions import Mark, Node
from sinowatch.settings import DuplicateError, UnknownChannelError

if TYPE_CHECKING:
    from alerts.query import QuerySyntaxError


KeyPath = tuple[str | int, ...]


class ConfigError(Exception):
    """The config cannot be used; ``problems`` holds one ``FILE:LINE:COL: key: message`` each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(*problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(self.problems)


def caret_excerpt(text: str, position: int, indent: str = "  ") -> str:
    """The line of ``text`` holding ``position``, and a ``^`` under that character."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    pad = cell_len(line[: position - line_start].replace("\t", " "))
    return f"{indent}{line.rstrip()}\n{indent}{' ' * pad}^"


def problem(where: Mark, path: KeyPath, message: str) -> str:
    return f"{where}: {format_path(path)}: {message}" if path else f"{where}: {message}"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: KeyPath) -> str:
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


def query_problems(data: dict[str, Any], index: dict[KeyPath, Node]) -> list[str]:
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
        return f"{problem(node.mark, path, message)}\n{caret_excerpt(query, exc.position)}"
    line = node.source.lines[where.line - node.mark.line]
    excerpt = caret_excerpt(line, where.column - 1)
    return f"{problem(where, path, message)}\n{excerpt}"


def validation_problems(
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
        message = plain_message(error["msg"])
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
        problems.append(problem(where, path + missing, message))
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
        problems.append(problem(index[path].mark, path, f"unknown channel {name!r} ({known})"))
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


def plain_message(msg: str) -> str:
    """A pydantic error message without its "Value error, " prefix, lowercased like ours."""
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg[:1].lower() + msg[1:] if msg[1:2].islower() else msg
