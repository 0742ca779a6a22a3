"""Credentials out of URLs before they are shown: in log lines, stored errors and command output.

A URL may carry secrets in two places: its user info (``https://user:pass@host``, or a token as
the user name ``https://TOKEN@host``) and credential-like query or fragment parameters
(``?token=…``, ``&api_key=…``, ``#access_token=…``). :func:`mask_url` replaces those values with
``****`` and leaves everything else as written, so the URL still says where it points.
:func:`mask_urls` does that for every URL found in a text. It lives in ``crawler`` (the lowest
layer) so that crawler, alerts and sinowatch code can all use it.
"""

from __future__ import annotations

import re

MASK = "****"
CREDENTIAL_NAME = re.compile(
    r"auth|token|key|secret|cookie|signature|sig$|passw|pwd|credential|session", re.I
)
"""A header or parameter name whose value is a credential (``Authorization``, ``api_key``…)."""

_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>`]+")
_BARE_USERINFO = re.compile(r"(?<![\w/:@])(?P<user>[\w.%+~-]+):(?P<password>[^\s@/:]+)@(?=[\w\[])")
"""``user:password@host`` without a scheme, as some libraries quote a netloc in their errors."""
_PARAM = re.compile(r"(?P<lead>^|[?&;#])(?P<name>[^=&;#?]+)=(?P<value>[^&;#]*)")


def is_credential_name(name: str) -> bool:
    """Whether a header or URL parameter named ``name`` holds a credential."""
    return CREDENTIAL_NAME.search(name) is not None


def mask_url(url: str) -> str:
    """``https://u:pw@host/h?token=t&x=1`` → ``https://u:****@host/h?token=****&x=1``.

    A user name without a password is masked whole (it is often a token). Works on any scheme
    and on text that does not parse as a URL (then only what can be recognised is masked).
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _mask_params(url)
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    netloc, tail = rest[:cut], rest[cut:]
    userinfo, at, host = netloc.rpartition("@")
    if at:
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{host}" if colon and user else f"{MASK}@{host}"
    return f"{scheme}://{netloc}{_mask_params(tail)}"


def mask_urls(text: str) -> str:
    """``text`` with :func:`mask_url` applied to every ``scheme://…`` URL in it, and the password
    of a bare ``user:password@host`` masked too."""
    if "://" in text:
        text = _URL.sub(lambda match: mask_url(match.group()), text)
    if "@" in text:
        text = _BARE_USERINFO.sub(lambda match: f"{match['user']}:{MASK}@", text)
    return text


def url_secrets(url: str) -> list[str]:
    """The credential values written in ``url`` (a password, a token as user name, credential
    parameters), for redacting them wherever else they appear; values under 4 characters are
    left out (too likely to occur in ordinary text)."""
    _scheme, sep, rest = url.partition("://")
    found = []
    if sep:
        netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
        userinfo, at, _host = netloc.rpartition("@")
        if at:
            user, colon, password = userinfo.partition(":")
            found.append(password if colon and user else userinfo)
    found += [match["value"] for match in _PARAM.finditer(url) if is_credential_name(match["name"])]
    return [value for value in found if len(value) >= 4]


def _mask_params(text: str) -> str:
    if "=" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        if not is_credential_name(match["name"]) or not match["value"]:
            return match.group()
        return f"{match['lead']}{match['name']}={MASK}"

    return _PARAM.sub(replace, text)
