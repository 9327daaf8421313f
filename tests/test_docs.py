"""The README documents every command and option the CLI has."""

from __future__ import annotations

import pytest
from conftest import ROOT

from deckgen.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme_with_help(name):
    command = cli.commands[name]
    assert f"deckgen {name}" in README
    assert command.help and command.help.strip()


@pytest.mark.parametrize(("name", "option"), sorted(
    (name, opt) for name, command in cli.commands.items() for param in command.params
    for opt in param.opts if opt.startswith("--") and opt not in ("--help", "--output")
))
def test_every_option_is_in_the_readme(name, option):
    assert option in README, f"{option} of deckgen {name} is not documented"


def test_the_readme_starts_with_the_two_commands():
    blocks = README.split("```")
    commands = [b for b in blocks[1::2]]
    assert "deckgen build seeds/000_0daa36781fbb6d74.txt -o seed.apkg" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip().split("\n")[-1] in ci.splitlines()
