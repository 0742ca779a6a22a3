"""YAML with positions: every mapping key, value and list item keeps its file, line and column.

:class:`PositionLoader` is linear in the document's size: values reached through aliases
(``*name``, ``<<: *name``) count against :data:`MAX_ALIAS_VALUES` (a "billion laughs" document is
refused at once), nesting is bounded by :data:`MAX_DEPTH`, and only the plain YAML types are
accepted (:data:`ALLOWED_TAGS`: no ``!!binary``, ``!!set``, ``!!python/…``).

PyYAML rather than ruamel.yaml: ruamel's round-trip parser keeps positions too, but it alone
costs about twice this whole loader on the default config (measured for issue 18: 29 ms vs
16 ms CPU to parse ``config/``), and the alias and nesting bounds would still be ours to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_ALIAS_VALUES = 10_000
"""How many values a file may build through aliases and merge keys, all aliases together."""
MAX_DEPTH = 50
"""How deeply mappings and lists may nest in one file."""
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


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


def yaml_problem(exc: yaml.MarkedYAMLError, file: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = str(Mark.of(mark, file)) if mark else file
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem and exc.context_mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    if "block" in message or "mapping values" in message:
        message += "; check this line's indentation, and quote values that contain ': '"
    return f"{where}: invalid YAML: {message}"
