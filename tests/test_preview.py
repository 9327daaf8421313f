"""The preview page: every card, as Anki renders it, in a real headless Chromium.

Screenshots (day and night, desktop and phone width) go to ``test-artifacts/`` for a
person to look at; they are not committed.
"""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import LECTURE, ROOT, SEED

from deckgen.pipeline import preview_deck
from deckgen.preview import preview_cards

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is needed for this test: apt-get install chromium (see .ci/run)"
    return path


def run_chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def dump_dom(tmp_path: Path, url: str) -> str:
    return run_chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", url)


@pytest.fixture(scope="module")
def preview_apkg(tmp_path_factory, kiwi) -> Path:
    """The seed and the test lecture in one deck: every kind of card."""
    from deckgen.pipeline import build_deck

    out = tmp_path_factory.mktemp("both") / "both.apkg"
    return build_deck([SEED, LECTURE], out, kiwi=kiwi).path


@pytest.fixture(scope="module")
def seed_preview(tmp_path_factory, preview_apkg) -> Path:
    out = tmp_path_factory.mktemp("preview") / "preview.html"
    preview_deck([preview_apkg], out)
    return out


def test_every_card_appears_front_and_back(seed_preview, preview_apkg, tmp_path):
    cards, _ = preview_cards(preview_apkg)
    dom = dump_dom(tmp_path, seed_preview.as_uri())
    assert dom.count('class="dg-face dg-front card"') == len(cards)
    assert dom.count('class="dg-face dg-back card"') == len(cards)
    for kind in ("definition", "idea", "quote", "term"):
        assert f'id="kind-{kind}"' in dom
    assert "출처" in dom


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Serves the page under test and records every other request it receives."""

    page = b""
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/page.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(self.page)
            return
        # Made by the page, not by Chromium itself (its own checks, its favicon probe).
        if self.headers.get("Referer") and self.path != "/favicon.ico":
            type(self).requests.append(f"{self.headers.get('Host')}{self.path}")
        self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


def fetched_by(tmp_path: Path, page: bytes) -> list[str]:
    """HTTP requests a page makes, to any host: every host name resolves to a recording server."""
    _Recorder.page, _Recorder.requests = page, []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        run_chromium(tmp_path, f"--host-resolver-rules=MAP * 127.0.0.1:{port}",
                     "--virtual-time-budget=3000", "--dump-dom", "http://deckgen.test/page.html")
    finally:
        server.shutdown()
        server.server_close()
    return list(_Recorder.requests)


def static_fetches(html: str) -> list[str]:
    """Everything in the page that would make a browser fetch something (links aside)."""
    return re.findall(r'<(?:img|script|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)='
                      r'(?!"data:)[^>]*>|url\((?!data:)[^)]*\)|@import[^;]*', html, flags=re.I)


def test_the_page_fetches_nothing(seed_preview, tmp_path):
    html = seed_preview.read_text(encoding="utf-8")
    assert static_fetches(html) == []
    assert fetched_by(tmp_path, seed_preview.read_bytes()) == []
    assert 'data-resources="0"' in dump_dom(tmp_path, seed_preview.as_uri())


def test_the_fetch_checks_see_fetches(tmp_path):
    page = ('<link rel=stylesheet href="https://cdn.example.com/a.css">'
            '<style>@font-face { src: url(https://fonts.example.com/f.woff2) }</style>'
            '<body><img src="http://fonts.example.com/x.png"></body>')
    assert len(static_fetches(page)) == 3
    assert fetched_by(tmp_path, page.encode()) == ["fonts.example.com/x.png"]


@pytest.mark.parametrize(("name", "width", "fragment"), [
    ("desktop-day", 1280, ""), ("desktop-night", 1280, "#night"),
    ("phone-day", 390, ""), ("phone-night", 390, "#night"),
])
def test_screenshots(seed_preview, tmp_path, name, width, fragment):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"preview-{name}.png"
    shot.unlink(missing_ok=True)
    run_chromium(tmp_path, f"--window-size={width},2400", f"--screenshot={shot}",
                 seed_preview.as_uri() + fragment)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_own_renderer_matches_anki(preview_apkg):
    with_anki, _ = preview_cards(preview_apkg, use_anki=True)
    without_anki, _ = preview_cards(preview_apkg, use_anki=False)
    assert len(with_anki) == len(without_anki)

    def text(html: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    assert sorted(text(c.front) for c in with_anki) == sorted(text(c.front) for c in without_anki)
    assert sorted(text(c.back) for c in with_anki) == sorted(text(c.back) for c in without_anki)
