"""``${VAR}`` and ``${VAR:-default}`` in config strings; ``$${`` for a literal ``${``."""

from __future__ import annotations

import re
from collections.abc import Mapping

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
