"""What the matcher reports: one hit per watched topic or expert found in an article."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

HitKind = Literal["topic", "expert"]
Mention = Literal["quoted", "mentioned", "byline"]


@dataclass(frozen=True, slots=True)
class Hit:
    watchlist: str
    kind: HitKind
    id: str
    name: str
    mention: Mention | None = None
    """How an expert appears (None for topics)."""
    quote: str | None = None
    """The attributed quotation, when the expert is quoted."""
    snippet: str = ""
    """The sentence around the match, matched words marked with «…»."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The parts of an article the matcher reads."""

    title: str
    text: str
    authors: tuple[str, ...] = ()
