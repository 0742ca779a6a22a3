"""Topic queries: Lucene-style text (parsed with luqum) or ``any``/``all``/``none`` lists → one AST.

Supported syntax (anything else is a :class:`QuerySyntaxError` with the 0-based position):

- ``tariff`` a word; ``tariff*`` a prefix (at least two characters before the ``*``);
- ``"trade war"`` an exact phrase (consecutive words; words may end with ``*``);
- ``"tariff China"~10`` proximity: every word of the phrase, in any order, with at most 10 other
  words between the first and the last;
- ``AND``, ``OR``, ``NOT``, ``-term`` (must not appear), ``+term`` (must appear), parentheses;
- ``title:…`` and ``body:…`` restrict a term, phrase or group to the title or the body;
- CJK words (``中美``) match inside running CJK text, without word boundaries.

Bare terms side by side are joined by an implicit **AND** (``China tariff*`` = both must appear).
``AND`` binds tighter than ``OR``. A query must need at least one word to appear: ``NOT x`` or
``a OR NOT b`` would match articles that mention none of the query's words and are rejected.

Bounds: at most :data:`MAX_QUERY_CHARS` characters and :data:`MAX_QUERY_DEPTH` levels of
nesting (parentheses and ``NOT``/``-``/``+`` prefixes), checked before parsing, so a hostile
query is a clear :class:`QuerySyntaxError`, never a ``RecursionError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from luqum import tree
from luqum.exceptions import IllegalCharacterError, ParseError
from luqum.thread import parse as luqum_parse

from alerts.textnorm import words

if TYPE_CHECKING:
    from alerts.config import TopicSettings

Field = Literal["title", "body"]
FIELDS: tuple[Field, ...] = ("title", "body")
MIN_PREFIX_CHARS = 2
MAX_QUERY_CHARS = 10_000
MAX_QUERY_DEPTH = 32


class QuerySyntaxError(ValueError):
    """A malformed topic query; ``position`` is the 0-based offset of the problem in the query."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class Term:
    """One word as written (``prefix``: it ended with ``*``)."""

    text: str
    prefix: bool = False
    field: Field | None = None


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in order and adjacent (``slop`` None), or within ``slop`` words of each other."""

    words: tuple[Term, ...]
    slop: int | None = None
    field: Field | None = None


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[QueryNode, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[QueryNode, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: QueryNode


QueryNode = Term | Phrase | And | Or | Not

_POSITION = re.compile(r"position (\d+)")
_ESCAPE = re.compile(r"\\(.)")
_WILDCARD = re.compile(r"(?<!\\)[*?]")
"""A * or ? not escaped by a backslash."""


def parse_query(text: str) -> QueryNode:
    """Parse a Lucene-style topic query into a :data:`QueryNode` tree.

    Raises:
        QuerySyntaxError: the query is malformed or uses syntax sinowatch does not support.
    """
    if not text.strip():
        raise QuerySyntaxError("the query is empty", 0)
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is {len(text):,} characters long (at most {MAX_QUERY_CHARS:,}); "
            "split it into several topics",
            MAX_QUERY_CHARS,
        )
    _check_nesting(text)
    try:
        parsed = luqum_parse(text)
    except ParseError as exc:
        raise _syntax_error(exc, text) from None
    node = _convert(parsed, None)
    _require_positive(node)
    return node


def parse_topic(topic: TopicSettings) -> QueryNode:
    """The query of a topic: its ``query`` text, or its ``any``/``all``/``none`` lists.

    List items are words or phrases (``trade war`` is the phrase "trade war", ``tariff*`` a
    prefix); an item with quotes, parentheses or operators is parsed as a query of its own.
    ``any`` → one of them must appear, ``all`` → each must appear, ``none`` → none may appear.
    """
    if topic.query:
        return parse_query(topic.query)
    parts: list[QueryNode] = []
    if topic.any:
        parts.append(_one_or_or([_list_item(item, "any") for item in topic.any]))
    parts.extend(_list_item(item, "all") for item in topic.all)
    if topic.none:
        parts.append(Not(_one_or_or([_list_item(item, "none") for item in topic.none])))
    node = parts[0] if len(parts) == 1 else And(tuple(parts))
    _require_positive(node)
    return node


def evaluate(node: QueryNode, leaf_true: Callable[[Term | Phrase], bool]) -> bool:
    """Evaluate a query given which of its leaves are present."""
    if isinstance(node, Term | Phrase):
        return leaf_true(node)
    if isinstance(node, Not):
        return not evaluate(node.child, leaf_true)
    if isinstance(node, And):
        return all(evaluate(child, leaf_true) for child in node.children)
    return any(evaluate(child, leaf_true) for child in node.children)


# a quoted phrase (maybe unclosed), an escaped character, a parenthesis, a prefix operator
# (NOT, or -/+ written before a word), or any other word
_NESTING_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|\\.|[()]|\bNOT\b|(?<![^\s(+-])[-+]|[^\s()"\\]+')


def _check_nesting(text: str) -> None:
    """Refuse a query nested deeper than :data:`MAX_QUERY_DEPTH` before the parser recurses."""
    levels: list[int] = []  # the nesting level inside each open parenthesis
    prefixes = 0  # prefix operators applied to what comes next
    for token in _NESTING_TOKEN.finditer(text):
        value = token.group()
        level = levels[-1] if levels else 0
        if value == "(":
            levels.append(level + prefixes + 1)
            prefixes = 0
        elif value == ")":
            if levels:
                levels.pop()
            prefixes = 0
        elif value in ("NOT", "-", "+"):
            prefixes += 1
        else:
            prefixes = 0
            continue
        if level + prefixes + (value == "(") > MAX_QUERY_DEPTH:
            raise QuerySyntaxError(
                f"the query nests more than {MAX_QUERY_DEPTH} levels deep (parentheses and "
                "NOT/-/+ prefixes); simplify it",
                token.start(),
            )


_SYNTAX_CHARS = re.compile(r'["()~:]|\b(?:AND|OR|NOT)\b|(?:^|\s)[-+]')


def _list_item(item: str, where: str) -> QueryNode:
    if _SYNTAX_CHARS.search(item):
        try:
            return parse_query(item)
        except QuerySyntaxError as exc:
            raise QuerySyntaxError(
                f"in {where}: item {item!r}: {exc.message}", exc.position
            ) from None
    words = tuple(_word(word, 0) for word in item.split())
    if not words:
        raise QuerySyntaxError(f"in {where}: an empty item", 0)
    return words[0] if len(words) == 1 else Phrase(words)


def _one_or_or(nodes: list[QueryNode]) -> QueryNode:
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))


def _syntax_error(exc: ParseError, text: str) -> QuerySyntaxError:
    message = str(exc)
    match = _POSITION.search(message)
    position = int(match.group(1)) if match else len(text)
    if isinstance(exc, IllegalCharacterError):
        if text[position:].startswith('"'):
            return QuerySyntaxError("unclosed quote", position)
        return QuerySyntaxError(f"unexpected character {text[position]!r}", position)
    if match is None:
        return QuerySyntaxError(
            "the query ends too early (an operator without a term, or a missing ')')", position
        )
    found = text[position:].split(maxsplit=1)[0] if text[position:].strip() else "end"
    return QuerySyntaxError(f"unexpected {found!r}", position)


def _convert(item: tree.Item, field: Field | None) -> QueryNode:
    pos = getattr(item, "pos", 0) or 0
    if isinstance(item, tree.Word):
        return _word(item.value, pos, field)
    if isinstance(item, tree.Phrase):
        return _phrase(item.value, pos, field, None)
    if isinstance(item, tree.Proximity):
        if not isinstance(item.term, tree.Phrase):
            raise QuerySyntaxError("~N needs a quoted phrase before it", pos)
        slop = item.degree
        if not isinstance(slop, int) or slop < 0:
            raise QuerySyntaxError("proximity needs a whole number of words, e.g. ~5", pos)
        return _phrase(item.term.value, pos, field, slop)
    if isinstance(item, tree.Group | tree.FieldGroup):
        return _convert(item.expr, field)
    if isinstance(item, tree.SearchField):
        if field is not None:
            raise QuerySyntaxError(f"field {item.name!r} inside field {field!r}", pos)
        name = item.name.lower()
        if name not in FIELDS:
            raise QuerySyntaxError(f"unknown field {item.name!r} (use title: or body:)", pos)
        return _convert(item.expr, name)  # type: ignore[arg-type]
    if isinstance(item, tree.Not | tree.Prohibit):
        return Not(_convert(item.a, field))
    if isinstance(item, tree.Plus):
        return _convert(item.a, field)
    if isinstance(item, tree.AndOperation | tree.UnknownOperation):
        return And(tuple(_convert(child, field) for child in item.children))
    if isinstance(item, tree.OrOperation):
        return Or(tuple(_convert(child, field) for child in item.children))
    if isinstance(item, tree.Fuzzy):
        raise QuerySyntaxError("fuzzy terms (word~) are not supported; quote a phrase for ~N", pos)
    if isinstance(item, tree.Boost):
        raise QuerySyntaxError("boosts (^) have no meaning in a watchlist", pos)
    if isinstance(item, tree.Range):
        raise QuerySyntaxError("ranges ([a TO b]) are not supported", pos)
    if isinstance(item, tree.Regex):
        raise QuerySyntaxError("regular expressions are not supported", pos)
    raise QuerySyntaxError(f"unsupported syntax {str(item).strip()!r}", pos)


def _word(raw: str, pos: int, field: Field | None = None) -> Term:
    prefix = raw.endswith("*") and not raw.endswith("\\*")
    body = raw[:-1] if prefix else raw
    wildcard = _WILDCARD.search(body)
    if wildcard is not None:
        raise QuerySyntaxError(
            "only a trailing * (prefix) is supported as a wildcard", pos + wildcard.start()
        )
    text = _ESCAPE.sub(r"\1", body)
    found = words(text)
    if not found:
        raise QuerySyntaxError(f"{raw!r} contains no letters or digits", pos)
    if prefix and len(found[-1]) < MIN_PREFIX_CHARS:
        raise QuerySyntaxError(
            f"a prefix needs at least {MIN_PREFIX_CHARS} letters before the *", pos
        )
    return Term(text, prefix, field)


def _phrase(quoted: str, pos: int, field: Field | None, slop: int | None) -> QueryNode:
    inner = quoted[1:-1]
    words = tuple(
        _word(word.group(), pos + 1 + word.start(), field) for word in re.finditer(r"\S+", inner)
    )
    if not words:
        raise QuerySyntaxError("an empty phrase", pos)
    if len(words) == 1 and slop is None:
        return words[0]
    return Phrase(words, slop, field)


def _require_positive(node: QueryNode) -> None:
    if evaluate(node, lambda _leaf: False):
        raise QuerySyntaxError(
            "the query would match articles containing none of its words "
            "(NOT/- alone); add a word that must appear",
            0,
        )
