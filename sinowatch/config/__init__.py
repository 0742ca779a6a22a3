"""Config loading, one concern a module; :mod:`sinowatch.config_loader` puts them together.

- :mod:`~sinowatch.config.positions`: YAML keeping line and column; bounded aliases, nesting, tags.
- :mod:`~sinowatch.config.includes`: ``include:`` globs, merged into one tree.
- :mod:`~sinowatch.config.interpolation`: ``${VAR}`` and ``${VAR:-default}``.
- :mod:`~sinowatch.config.errors`: :class:`ConfigError` and ``FILE:LINE:COL: key: message``.
"""
