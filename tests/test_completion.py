"""Shell completion: ``--install-completion``/``--show-completion``, and what completes.

The script a shell installs calls ``sinowatch`` back with ``_SINOWATCH_COMPLETE`` set; these tests
make that call in-process (which shell the script is for depends on the shell running the tests).
"""

from __future__ import annotations

from typer.testing import CliRunner

from sinowatch.cli import app


def complete(words: str) -> str:
    """What bash completion offers for ``words`` (the script calls us back like this)."""
    env = {
        "_SINOWATCH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="sinowatch")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_commands_subcommands_and_options_complete() -> None:
    assert complete("sinowatch sou").split() == ["sources"]
    assert complete("sinowatch ch").split() == ["check"]
    assert complete("sinowatch sources ").split() == ["export", "import"]
    assert "--into" in complete("sinowatch sources import --").split()


def test_help_offers_install_and_show_completion() -> None:
    result = CliRunner().invoke(app, ["--help"], prog_name="sinowatch", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
