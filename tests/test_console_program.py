"""The command line has a console program of its own (issue 19): ``minute-taker`` is a
gui-script, which on Windows has no console, so ``list``, ``verify`` and ``export``
printed nothing in cmd.exe. ``minute-taker-cli`` runs the same subcommands, and both
programs' help lists every one of them."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

import pytest

from minute_taker import __main__ as gui_main
from minute_taker import cli

ROOT = Path(__file__).resolve().parent.parent


def test_minute_taker_cli_is_a_console_script_running_the_subcommands() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["minute-taker-cli"] == "minute_taker.cli:main"
    assert project["gui-scripts"]["minute-taker"] == "minute_taker.__main__:main"
    assert "minute-taker-cli" not in project["gui-scripts"]


def test_the_window_and_the_command_line_know_the_same_subcommands() -> None:
    assert gui_main.SUBCOMMANDS == cli.SUBCOMMANDS
    # Every command the parser has, so "minute-taker COMMAND" never opens a window on a
    # book called COMMAND.
    [commands] = [action for action in cli._parser()._actions
                  if isinstance(action, argparse._SubParsersAction)]
    assert set(cli.SUBCOMMANDS) == set(commands.choices)


def test_the_apps_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        gui_main.gui_arguments(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    usage = {"copy-book": "copy-book SOURCE TARGET"}
    for command in cli.SUBCOMMANDS:
        assert usage.get(command, f"{command} BOOK") in shown, command
    assert "minute-taker-cli" in shown


def test_the_console_programs_help_lists_every_subcommand(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    shown = capsys.readouterr().out
    for command in cli.SUBCOMMANDS:
        assert command in shown, command
    assert "minute-taker-cli" in " ".join(shown.split())
