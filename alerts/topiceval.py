"""Topic queries compiled to Python functions, and which topics an article's words can make true.

Each topic's query becomes one generated function ``f(title, body, hit, present) -> bool``:
``title`` and ``body`` are the article's hits (word id → spans), ``hit`` the ids hit in either,
and ``present(k)`` says whether leaf ``k`` (a phrase or proximity leaf, cached per article)
occurs. A one-word leaf is an inline test (``17 in hit``, ``17 in title``); a phrase first tests
that all its words were hit at all. No tree is walked and no closure is called per query node.

*Candidates.* A topic needs at least one of a set of its leaves to be present (its *trigger*
leaves: every leaf of an OR, the most selective child of an AND); each leaf needs every one of
its words. So one word per trigger leaf is enough to find, from the automaton's hits, every topic
that can be true: the others are never looked at. A topic that can be true with none of its
words (``NOT x``, ``a OR NOT b``; :func:`alerts.query.parse_query` rejects them today) has no
trigger and is evaluated for every article.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain

from alerts.query import And, Not, Or, Phrase, QueryNode, QuerySyntaxError, Term

Hits = Mapping[int, object]
"""A field's hits: word id → where (only the keys are read here)."""
Present = Callable[[int], bool]
TopicFunction = Callable[[Hits, Hits, AbstractSet[int], Present], bool]
MAX_DEPTH = 150
"""Deepest nesting of AND/OR/NOT a compiled query may have (Python's parser stops near 200)."""


@dataclass(frozen=True, slots=True)
class LeafWords:
    """What evaluation needs to know of a leaf: its words and fields."""

    words: tuple[int, ...]
    """Every word id of the leaf (all must be hit for it to be present)."""
    fields: tuple[str, ...]
    """Where it may occur: ``title`` and/or ``body``."""
    single: bool
    """One word: present exactly when the word is hit in one of the fields."""


@dataclass(frozen=True, slots=True)
class TopicProgram:
    """Every topic compiled; :meth:`candidates` picks the ones an article's words can make true."""

    functions: tuple[TopicFunction, ...]
    triggers: Mapping[int, tuple[int, ...]]
    """Word id → numbers of the topics it can make true."""
    always: frozenset[int]
    """Topics that can be true without any word of theirs: evaluated for every article."""

    def candidates(self, hit: AbstractSet[int]) -> list[int]:
        """Numbers (in order) of the topics worth evaluating for an article with ``hit`` words."""
        triggers = self.triggers
        # most hit words trigger nothing: the intersection skips them, all of it in C
        found = set(chain.from_iterable(map(triggers.__getitem__, triggers.keys() & hit)))
        return sorted(found.union(self.always) if self.always else found)

    def matching(self, title: Hits, body: Hits, present: Present) -> list[int]:
        """Numbers (in order) of the topics true for an article with these hits."""
        hit = title.keys() | body.keys()
        functions = self.functions
        return [n for n in self.candidates(hit) if functions[n](title, body, hit, present)]


class TopicCompiler:
    """Topic queries compiled one at a time (a query's tree can go as soon as it is added), then
    every topic's function made by one :func:`compile` in :meth:`program`.

    ``leaves``: every leaf's words, by leaf number (it may grow between queries);
    ``rarity(word_id)`` ranks a leaf's words, the highest being the one that triggers it (a
    rarer word wakes the topic for fewer articles).
    """

    def __init__(self, leaves: Sequence[LeafWords], rarity: Callable[[int], int]) -> None:
        self._leaves = leaves
        self._rarity = rarity
        self._sources: list[str] = []
        self._triggers: dict[int, list[int]] = {}
        self._always: set[int] = set()

    def add(self, query: QueryNode, leaf_number: Callable[[Term | Phrase], int]) -> None:
        """Compile the next topic's query (its number: how many were added before);
        ``leaf_number`` maps each of its leaves to its number in ``leaves``."""
        depth = _depth(query)
        if depth > MAX_DEPTH:
            raise QuerySyntaxError(
                f"the query nests AND/OR/NOT {depth} deep; at most {MAX_DEPTH} are supported", 0
            )
        number = len(self._sources)
        expression = _expression(query, leaf_number, self._leaves)
        self._sources.append(
            f"def topic_{number}(title, body, hit, present):\n    return {expression}\n"
        )
        needed = _trigger_leaves(query, leaf_number)
        if needed is None:
            self._always.add(number)
            return
        leaves, rarity = self._leaves, self._rarity
        for word_id in {max(leaves[leaf].words, key=rarity) for leaf in needed}:
            self._triggers.setdefault(word_id, []).append(number)

    def program(self) -> TopicProgram:
        namespace: dict[str, TopicFunction] = {}
        exec(compile("".join(self._sources), "<topic queries>", "exec"), namespace)
        functions = tuple(namespace[f"topic_{number}"] for number in range(len(self._sources)))
        return TopicProgram(
            functions,
            {word: tuple(topics) for word, topics in self._triggers.items()},
            frozenset(self._always),
        )


def _expression(
    node: QueryNode, leaf_number: Callable[[Term | Phrase], int], leaves: Sequence[LeafWords]
) -> str:
    """Python source of the query: ``and``/``or``/``not`` over inline hit tests."""
    if isinstance(node, Term | Phrase):
        number = leaf_number(node)
        leaf = leaves[number]
        where = leaf.fields[0] if len(leaf.fields) == 1 else "hit"  # hit: title's or body's
        hit_in = " and ".join(f"{word} in {where}" for word in leaf.words)
        return f"({hit_in})" if leaf.single else f"({hit_in} and present({number}))"
    if isinstance(node, Not):
        return f"(not {_expression(node.child, leaf_number, leaves)})"
    joiner = " and " if isinstance(node, And) else " or "
    return "(" + joiner.join(_expression(c, leaf_number, leaves) for c in node.children) + ")"


def _depth(node: QueryNode) -> int:
    if isinstance(node, Term | Phrase):
        return 0
    if isinstance(node, Not):
        return 1 + _depth(node.child)
    return 1 + max(_depth(child) for child in node.children)


def _trigger_leaves(
    node: QueryNode, leaf_number: Callable[[Term | Phrase], int]
) -> Collection[int] | None:
    """Leaves of which at least one is present whenever ``node`` is true; None: no such set
    (``node`` can be true with no leaf present)."""
    if isinstance(node, Term | Phrase):
        return {leaf_number(node)}
    if isinstance(node, Not):
        return None
    found = [_trigger_leaves(child, leaf_number) for child in node.children]
    if isinstance(node, Or):
        return None if any(f is None for f in found) else set().union(*_known(found))
    bounded = list(_known(found))  # an AND: any one child's leaves will do; take the fewest
    return min(bounded, key=len) if bounded else None


def _known(found: Iterable[Collection[int] | None]) -> Iterable[Collection[int]]:
    return (leaves for leaves in found if leaves is not None)
