"""Listing ``link_selector`` values: CSS (cssselect via parsel) or ``xpath:`` + an XPath (lxml).

:func:`selector_error` compiles one without a page, so a bad selector is a config error found by
``sinowatch check`` rather than a traceback in the middle of a crawl.
"""

from __future__ import annotations

from cssselect import SelectorError
from lxml import etree
from parsel import Selector

XPATH_PREFIX = "xpath:"


def selector_error(selector: str) -> str | None:
    """Why a ``link_selector`` cannot be used (None when it compiles as CSS or ``xpath:``)."""
    probe = Selector(text="<html></html>")
    try:
        if selector.startswith(XPATH_PREFIX):
            expression = selector[len(XPATH_PREFIX) :].strip()
            if not expression:
                return "empty XPath after 'xpath:'"
            etree.XPath(expression)
        else:
            probe.css(selector)
    except (SelectorError, etree.XPathError, ValueError) as exc:
        kind = "XPath" if selector.startswith(XPATH_PREFIX) else "CSS selector"
        return f"invalid {kind} {selector!r}: {exc}"
    return None
