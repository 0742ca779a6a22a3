"""Email and message bodies from the Jinja2 templates in ``alerts/templates``.

``instant.txt``/``instant.html`` render one alert, ``digest.txt``/``digest.html`` several grouped
by watchlist (one entry per story, listing every outlet that carried it). HTML templates are
autoescaped; snippets keep the matcher's «…» marks as ``<mark>`` and links are http(s) only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from alerts.payload import sort_for_digest

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from alerts.payload import AlertView

_MARKED = re.compile(r"«([^«»]*)»")


def digest_groups(alerts: Sequence[AlertView]) -> list[tuple[str, list[AlertView]]]:
    """Alerts grouped by watchlist, one entry per story (a watchlist alerts once per story)."""
    groups: dict[str, list[AlertView]] = defaultdict(list)
    for alert in sort_for_digest(alerts):
        groups[alert.watchlist].append(alert)
    return list(groups.items())


def render(name: str, **context: object) -> tuple[str, str]:
    """The text and HTML bodies of template ``name`` (``instant`` or ``digest``)."""
    environment = _environment()
    text = environment.get_template(f"{name}.txt").render(**context)
    html = environment.get_template(f"{name}.html").render(**context)
    return text, html


@cache
def _environment() -> Environment:
    # jinja2 is imported at the first message, not when the channels' settings load
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("alerts", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["highlight"] = _highlight
    environment.filters["safe_url"] = _safe_url
    return environment


def _highlight(snippet: str) -> Markup:
    """Escape a snippet, then turn the matcher's «…» marks into <mark> elements."""
    from markupsafe import Markup, escape

    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def _safe_url(url: str) -> str:
    """Only http(s) links; anything else (javascript:, data:) becomes a dead link."""
    return url if urlsplit(url).scheme in {"http", "https"} else "#"
