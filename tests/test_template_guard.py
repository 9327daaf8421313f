"""A shared --templates folder that misbehaves: one line naming the template, no deck.

Each case writes one template into a fresh folder and builds the lecture's study set
with it; a build that went through would have put the problem into every card (or
into a package Anki refuses or repairs).
"""

from __future__ import annotations

import pytest

from deckgen import template_guard
from deckgen.cli import cli
from deckgen.pipeline import save_study_set

LOOPS = ("{% for a in range(100000) %}{% for b in range(100000) %}"
         "{% for c in range(100000) %}x{% endfor %}{% endfor %}{% endfor %}")
TEMPLATES = {
    "endless loops": ("fields/source.html", LOOPS, ("still rendering", "characters for one card")),
    "a huge string": ("fields/source.html", "{{ 'x' * 3000000000 }}", ("too large",)),
    "a huge range": ("fields/source.html", "{% for i in range(10**9) %}{% endfor %}",
                     ("too large", "range")),
    "a macro calling itself": ("fields/context.html",
                               "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
                               ("calls itself",)),
    "an unknown field": ("idea.back.html", "{{ f.cloze('Text') }} {{ '{{Secret}}' }}",
                         ("{{Secret}} names no field",)),
    "a cloze front without its cloze": ("idea.front.html", "<p>{{ f.Context }}</p>",
                                        ("needs its {{cloze:Text}}",)),
    "a section never closed": ("definition.back.html", "{{ f.begin('Hint') }}{{ f.Hint }}",
                               ("is never closed",)),
    "a section closed but not open": ("definition.back.html", "{{ f.Term }}{{ f.end('Hint') }}",
                                      ("closes a section that is not open",)),
}


@pytest.fixture
def study(tmp_path, lecture_study_set):
    path = tmp_path / "lecture.json"
    save_study_set(lecture_study_set, path)
    return path


def build_with(runner, study, templates, out):
    return runner.invoke(cli, ["build", str(study), "-o", str(out), "--templates", str(templates)])


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_misbehaving_template_is_one_line_naming_it(name, runner, tmp_path, study,
                                                      monkeypatch):
    monkeypatch.setattr(template_guard, "MAX_SECONDS", 1.0)
    file, text, messages = TEMPLATES[name]
    folder = tmp_path / "mine"
    (folder / file).parent.mkdir(parents=True, exist_ok=True)
    (folder / file).write_text(text, encoding="utf-8")
    out = tmp_path / "deck.apkg"

    result = build_with(runner, study, folder, out)

    assert result.exit_code == 1, (name, result.output)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: template ") and file.split("/")[-1] in line, line
    assert any(m in line for m in messages), line
    assert not out.exists()


@pytest.mark.parametrize("linked", ["a file", "a folder"])
def test_a_link_out_of_the_templates_folder_is_refused(linked, runner, tmp_path, study):
    secret = tmp_path / "private"
    secret.mkdir()
    (secret / "source.html").write_text("PRIVATE KEY", encoding="utf-8")
    folder = tmp_path / "shared"
    folder.mkdir()
    if linked == "a file":
        (folder / "fields").mkdir()
        (folder / "fields" / "source.html").symlink_to(secret / "source.html")
    else:
        (folder / "fields").symlink_to(secret)
    out = tmp_path / "deck.apkg"

    result = build_with(runner, study, folder, out)

    assert result.exit_code == 1, result.output
    [line] = result.stderr.strip().splitlines()
    assert "outside the templates folder" in line and "PRIVATE" not in result.output
    assert not out.exists()


def test_a_link_within_the_folder_and_a_modest_loop_are_fine(runner, tmp_path, study):
    folder = tmp_path / "mine"
    (folder / "fields").mkdir(parents=True)
    (folder / "base.html").write_text(
        '<span class="dg-source-name">{% for i in range(3) %}·{% endfor %} {{ name }}</span>',
        encoding="utf-8")
    (folder / "fields" / "source.html").symlink_to(folder / "base.html")
    out = tmp_path / "deck.apkg"
    result = build_with(runner, study, folder, out)
    assert result.exit_code == 0, result.output
