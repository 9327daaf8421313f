"""Writing outputs the way a user's file system expects.

Every output goes to a temporary file beside its target, then replaces the target in
one rename, so an interrupted run never leaves a half-written file behind.  Beyond
that, a write

* goes through a symbolic link to the file it names (the link stays a link), and
  refuses a target that is not a regular file (a device, a folder);
* gives a new file the mode the umask allows (0644 under the usual 022) and an
  existing file keeps its own;
* removes the temporary files of earlier runs that were killed before their rename,
  once the process that made them is gone (their names carry its id);
* with ``-`` as the path, goes to standard output (text outputs only).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import DeckgenError

STDOUT = Path("-")
_STALE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")


def check_name(path: Path, what: str = "the file name") -> None:
    """Refuse a file name that is not UTF-8: names go into the deck, the study set and
    Anki, which hold only Unicode (Python keeps the bad bytes as lone surrogates)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise DeckgenError(f"{shown}: {what} is not valid UTF-8; rename it (names go into "
                           "the deck)") from None


def is_stdout(path: Path) -> bool:
    return str(path) == "-"


def resolve_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: a link's final target, checked."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.exists() and not target.is_file():
        what = "a folder" if target.is_dir() else "not a regular file"
        raise DeckgenError(f"{path}: {what}; give the path of a file to write")
    return target


def write_text(path: Path, text: str) -> Path:
    """Write a text file (UTF-8) atomically, or to standard output for ``-``."""
    if is_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return path
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside the file ``path`` names; it replaces that file only if
    the block succeeds, with the file's own mode (a new file's: the umask's)."""
    target = resolve_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DeckgenError(f"{path}: folder {folder} does not exist; create it first")
    remove_stale_temporaries(folder, target.name)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                        dir=folder)
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot write in {folder} ({exc.strerror})") from None
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # Reading the umask means setting it; done once, before any thread writes.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temporaries(folder: Path, name: str) -> list[Path]:
    """Delete ``.NAME.PID.*.tmp`` files in ``folder`` whose process no longer runs."""
    removed: list[Path] = []
    try:
        entries = list(folder.glob(f".{glob_escape(name)}.*.tmp"))
    except OSError:
        return removed
    for entry in entries:
        match = _STALE.match(entry.name)
        if match is None or match["name"] != name or _running(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True
