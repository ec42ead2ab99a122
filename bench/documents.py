"""How fast the printed documents render. Targets: 200 ballots in one PDF <= 5 s, 36 certificates
<= 3 s (DESIGN §9).

Run: .venv/bin/python bench/documents.py [--ballots 200] [--repeat 3]
(--ballots 4000: 1,000 debates, 2,000 teams, for the documents a large tournament makes in the
background; it prints each one's estimated pages and whether it goes to the background.)

Builds a throwaway SQLite database with the demo championship plus one large drawn round (panels
of a chair, two panellists and a trainee, so four ballots per debate), then times each document
warm (fonts already decoded once per process, as in a running server) and prints wall-clock and
CPU seconds. The machine's other load shows in wall-clock time, so both are printed.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader
from sqlalchemy import select

from tourney import create_app
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Motion,
    Round,
    Speaker,
    Team,
    Tournament,
    Venue,
)
from tourney.services import demo
from tourney.services.demo_data import FIRST_NAMES, SURNAMES
from tourney.services.links import new_token

PANEL = ("chair", "panellist", "panellist", "trainee")


def _names(rng: random.Random):
    taken: set[str] = set()
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in taken:
            taken.add(name)
            yield name


def big_round(final: Tournament, ballots: int) -> Round:
    """A copy of the final's setup with enough debates for ``ballots`` ballots, drawn."""
    rng = random.Random(9)
    names = _names(rng)
    debates = -(-ballots // len(PANEL))
    tournament = Tournament(
        championship=final.championship,
        name="Bench — Ҷом 2026",
        slug="bench-documents",
        stage="final",
        format_code=final.format_code,
        settings={},
    )
    rnd = Round(tournament=tournament, seq=1, name="1", status="drawn")
    rnd.motions.append(
        Motion(text="Ин палата бовар дорад, ки ҳар мактаб бояд клуби мубоҳиса дошта бошад.")
    )
    db.session.add_all([tournament, rnd])
    for index in range(debates):
        teams = []
        for side in ("aff", "neg"):
            team = Team(
                tournament=tournament,
                name=f"Даста «Қуллаи {2 * index + len(teams)}»",
                code=f"B-{2 * index + len(teams):03d}",
            )
            team.speakers = [Speaker(name=next(names), position=p) for p in (1, 2, 3)]
            teams.append((side, team))
        venue = Venue(
            tournament=tournament, name=f"Аудиторияи {100 + index}", building="Бинои асосӣ"
        )
        debate = Debate(round=rnd, position=index + 1, venue=venue)
        db.session.add(debate)
        db.session.flush()
        debate.teams = [DebateTeam(round_id=rnd.id, team=t, side=s) for s, t in teams]
        debate.adjudicators = [
            DebateAdjudicator(
                round_id=rnd.id,
                role=role,
                adjudicator=Adjudicator(tournament=tournament, name=next(names), token=new_token()),
            )
            for role in PANEL
        ]
    db.session.commit()
    return rnd


def timed(label: str, target: float | None, repeat: int, make: Callable[[], bytes]) -> None:
    make()  # warm: fonts decoded, templates compiled
    walls, cpus, pages = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = make()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    best = min(walls)
    verdict = "" if target is None else (" ok" if best <= target else " OVER TARGET")
    goal = "" if target is None else f"  target <= {target:.1f} s"
    print(
        f"{label:<34} {pages:>4} pages  wall best {best:5.2f} s  median {statistics.median(walls):5.2f} s"
        f"  cpu best {min(cpus):5.2f} s{goal}{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ballots", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="tourney-bench-documents-")
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SERVER_NAME": "tab.example"}
    )
    from tourney.documents import ballots, booklet, certificates, draw_sheets, jobs, queries

    with app.app_context(), app.test_request_context():
        db.create_all()
        demo.load()
        final = db.session.scalar(select(Tournament).where(Tournament.slug == "final"))
        rnd = big_round(final, args.ballots)
        bench = rnd.tournament
        drawn = queries.round_draw(bench, 1)
        print(f"WeasyPrint documents, {len(drawn.debates)} debates, repeat {args.repeat}")
        timed(
            f"{args.ballots} ballots, one PDF",
            5.0,
            args.repeat,
            lambda: ballots.ballots_pdf(bench, queries.round_draw(bench, 1)),
        )
        timed(
            "36 participation certificates",
            3.0,
            args.repeat,
            lambda: certificates.certificates_pdf(final, "participation", "tg"),
        )
        timed(
            "draw by room",
            None,
            args.repeat,
            lambda: draw_sheets.draw_by_room_pdf(bench, queries.round_draw(bench, 1)),
        )
        timed(
            "draw by team",
            None,
            args.repeat,
            lambda: draw_sheets.draw_by_team_pdf(bench, queries.round_draw(bench, 1)),
        )
        timed(
            "judges' allocation",
            None,
            args.repeat,
            lambda: draw_sheets.allocation_pdf(bench, queries.round_draw(bench, 1)),
        )
        timed("judges' cards", None, args.repeat, lambda: ballots.judge_cards_pdf(bench))
        timed("team cards", None, args.repeat, lambda: ballots.team_cards_pdf(bench))
        timed("tab booklet", None, args.repeat, lambda: booklet.tab_booklet_pdf(bench))
        for label, make in (
            ("team cards", ballots.team_cards_batch),
            ("tab booklet", booklet.tab_booklet_batch),
        ):
            made = make(bench)
            where = "background" if made.pages > jobs.BACKGROUND_FROM else "request"
            print(f"{label}: estimated {made.pages} pages, made in the {where}")


if __name__ == "__main__":
    main()
