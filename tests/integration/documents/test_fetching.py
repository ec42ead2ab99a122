"""Documents never fetch: whatever a team name, motion or certificate text holds, WeasyPrint reads
only the app's static files and inline data (the stored logo), never another file or the network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.integration.documents.conftest import Drawn, flat_text
from tourney.documents import (
    ballots,
    booklet,
    certificate_options,
    certificates,
    draw_sheets,
    queries,
    render,
)
from tourney.extensions import db


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request made to it."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body{background:red}")

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetched(monkeypatch) -> list[str]:
    """Every URL WeasyPrint asked the fetcher for (whether served or refused)."""
    urls: list[str] = []
    original = render.StaticFilesOnly.fetch

    def recording(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(render.StaticFilesOnly, "fetch", recording)
    return urls


def _hostile(base: str) -> list[str]:
    return [
        "<img src=file:///etc/passwd>",
        f'<img src="{base}/img-in-a-name">',
        f'<link rel="stylesheet" href="{base}/sheet-in-a-name">',
        f"<div style=\"background:url('{base}/css-url-in-a-name')\">x</div>",
        f"<style>@import url({base}/import-in-a-name);</style>",
        '<iframe src="file:///etc/shadow"></iframe>',
    ]


def _every_document(drawn: Drawn) -> list[bytes]:
    t, rnd = drawn.tournament, queries.round_draw(drawn.tournament, 1)
    documents = [
        ballots.ballots_pdf(t, rnd),
        ballots.judge_cards_pdf(t),
        draw_sheets.draw_by_room_pdf(t, rnd),
        draw_sheets.draw_by_team_pdf(t, rnd),
        draw_sheets.allocation_pdf(t, rnd),
        booklet.tab_booklet_pdf(t),
    ]
    for kind in ("participation", "adjudicators"):
        documents.append(certificates.certificates_pdf(t, kind, "en"))
    return documents


def test_hostile_names_motions_and_certificate_texts_fetch_nothing(
    drawn: Drawn, listener, fetched: list[str]
) -> None:
    base, requests = listener
    texts = _hostile(base)
    for team, text in zip(drawn.teams, texts, strict=False):
        team.name = text[:120]
        team.speakers[0].name = text[:120]
    drawn.round.motions[0].text = " ".join(texts)
    judge = next(iter(drawn.judges.values()))
    judge.name = texts[0]
    db.session.commit()
    options = certificate_options.Options(
        signatories=(certificate_options.Signatory(texts[1], texts[3]),),
        best_adjudicators=(judge.id,),
        place=texts[4][:120],
    )
    certificate_options.save_options(drawn.tournament, options, user=None)

    documents = _every_document(drawn)

    assert requests == []
    root = render.static_root().resolve()
    for url in fetched:
        assert url.startswith("data:") or (
            url.startswith("file://")
            and Path(url.removeprefix("file://")).resolve().is_relative_to(root)
        ), url
    printed = flat_text(documents[0])
    assert "<imgsrc=file:///etc/passwd>" in printed  # the name is printed as the text it is


def test_the_fetcher_refuses_anything_but_static_files_even_in_raw_html(
    app, listener, fetched: list[str]
) -> None:
    """Defence in depth: even markup that escaped the templates cannot make the renderer fetch."""
    base, requests = listener
    html = (
        "<html><body>"
        + "".join(_hostile(base))
        + (
            '<img src="../../../../../etc/passwd"><img src="file://localhost/etc/hostname">'
            '<link rel="stylesheet" href="css/../../tourney/config.py">'
            f'<object data="{base}/object"></object><p>kept</p></body></html>'
        )
    )
    pdf = render.html_to_pdf(html)
    assert pdf.startswith(b"%PDF-") and b"root:" not in pdf
    assert requests == []
    assert any("passwd" in url for url in fetched)  # asked for, and refused

    fetcher = render.StaticFilesOnly(render.static_root())
    for url in (
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        f"file://{render.static_root()}/../tourney/config.py",
        f"{base}/direct",
        "https://example.com/x.css",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert requests == []
    css = next((render.static_root() / "css").glob("*.css"))
    assert fetcher.fetch(css.as_uri()) is not None
