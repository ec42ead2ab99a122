"""The draw by team fits the page: long rooms (with their building) and team names wrap inside
their columns instead of pushing the Opponents column off the paper; in a two-team format the
column says "Opponent"."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from flask_babel import force_locale

from tests.integration.documents.conftest import build_tournament
from tourney.documents import draw_sheets, queries
from tourney.extensions import db

A4_WIDTH = 595.3  # points
RIGHT_MARGIN = 34.0  # 12 mm


def _words(pdf: bytes) -> list[tuple[str, float]]:
    """Every word of the PDF with the x where it ends (poppler's pdftotext -bbox)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(source), "-"], capture_output=True, check=True, text=True
        ).stdout
    words = []
    for line in html.splitlines():
        if "<word " in line:
            x_max = float(line.split('xMax="')[1].split('"')[0])
            words.append((line.split(">")[1].split("<")[0], x_max))
    return words


def test_long_rooms_and_names_stay_on_the_page(app) -> None:
    drawn = build_tournament()
    for venue in {d.venue for d in drawn.debates}:
        venue.building = "Бинои асосии литсей-интернати Президентӣ"
    drawn.teams[0].name = "Литсей-интернати Президентӣ барои хонандагони болаёқат «Ситора»"
    db.session.commit()
    for language in ("en", "tg", "ru"):
        with force_locale(language):
            pdf = draw_sheets.draw_by_team_pdf(
                drawn.tournament, queries.round_draw(drawn.tournament, 1)
            )
        words = _words(pdf)
        outside = [(w, x) for w, x in words if x > A4_WIDTH - RIGHT_MARGIN + 1]
        assert not outside, (language, outside)
        if language == "en":
            assert "Opponent" in [w for w, _x in words] and "Opponents" not in [
                w for w, _x in words
            ]
