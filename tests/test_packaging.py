"""deckgen installs whole: a regular and an editable install both import every module
and find the card templates.

Each test installs a copy of the project into a fresh virtual environment (no
network: no dependencies, no build isolation; the test environment's packages are
linked in with a .pth file) and asks the installed deckgen to render its note types.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import ROOT

# Every module of the package imports from the install (a subpackage missing from
# setup.cfg would fail here), and the note types render from the shipped templates.
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "deckgen").rglob("*.py") if path.stem != "__main__"
)
PROBE = (
    "import importlib, deckgen, deckgen.render as r\n"
    f"for name in {MODULES!r}: importlib.import_module(name)\n"
    "specs = r.render_note_types(r.make_env(), ['definition', 'idea', 'quote', 'term'])\n"
    "assert all(front and back for s in specs for _, _, front, back in s.templates)\n"
    "print(deckgen.__file__); print(r.builtin_templates_dir())\n"
)


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("deckgen", "templates"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    return project


def make_venv(tmp_path: Path) -> str:
    """A venv that sees this environment's packages (jinja2, setuptools...) but not deckgen."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def install(python: str, *args: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--disable-pip-version-check",
            "-q",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            *args,
        ],
        check=True,
    )


def probe(python: str, cwd: Path) -> tuple[str, Path]:
    result = subprocess.run(
        [python, "-c", PROBE], capture_output=True, text=True, cwd=cwd, check=True
    )
    module, templates = result.stdout.strip().splitlines()
    return module, Path(templates)


def test_regular_install_finds_the_templates(tmp_path):
    project = copy_project(tmp_path)
    python = make_venv(tmp_path)
    install(python, str(project))
    shutil.rmtree(project)  # the installed package must not need the source tree

    module, templates = probe(python, tmp_path)
    assert module.startswith(str(tmp_path / "venv"))
    assert templates == Path(module).parent / "templates"


def test_editable_install_finds_the_templates(tmp_path):
    project = copy_project(tmp_path)
    python = make_venv(tmp_path)
    install(python, "-e", str(project))

    module, templates = probe(python, tmp_path)
    assert module == str(project / "deckgen" / "__init__.py")
    assert templates == project / "templates"
