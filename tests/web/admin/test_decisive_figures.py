"""The break and promotion pages show the figures that decided: each team's rank, wins, speaker
points, and the metric that separated it from the team above, also for the first teams below
the line, so an organiser can see why a place or a wildcard went where it went."""

from __future__ import annotations

import random
import re

from sqlalchemy import delete, select

from tests.integration.draws.test_break_and_final import _play_round, _prelims, _qualifier
from tests.web.admin.test_round_workflow import organiser  # noqa: F401
from tourney.extensions import db
from tourney.models import Championship, Qualification, Team, User
from tourney.services import breaks, standings


def _user() -> User:
    return db.session.scalar(select(User).where(User.username == "director"))


def _rows(html: str, section: str) -> list[str]:
    part = html.split(section, 1)[1].split("</table>", 1)[0]
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " | ", row)) for row in part.split("</tr>")]
    return [re.sub(r"(\s*\|\s*)+", " | ", c).strip(" |") for c in cells if "<td" in c or "|" in c]


def test_the_break_shows_rank_wins_and_the_metric_at_the_cut(organiser) -> None:  # noqa: F811
    tournament = _qualifier("dushanbe")  # 16 teams, break of 4
    rng = random.Random(3)
    for round_ in _prelims(tournament):
        _play_round(round_, _user(), rng)
    table = standings.team_standings(tournament).standings
    page = organiser.get("/admin/t/dushanbe/break?lang=en").get_data(as_text=True)
    rows = _rows(page, "Open break")
    assert "Wins" in rows[0] and "Separated by" in rows[0]
    fourth, fifth = table.rows[3], table.rows[4]
    teams = {t.id: t.name for t in db.session.scalars(select(Team))}
    line = next(r for r in rows if teams[fourth.team_id] in r)
    out = next(r for r in rows if teams[fifth.team_id] in r)
    assert f"| {fourth.rank} |" in f"| {line} |"
    assert f"| {int(fourth.values['wins'])} |" in f"| {line} |"
    assert "below the line" in page
    separated = {"wins": "Wins", "speaks_total": "Speaker points", "tied": "tied"}
    if fifth.separated_by in separated:
        assert separated[fifth.separated_by] in out


def test_promotion_shows_the_figures_that_placed_each_team(organiser) -> None:  # noqa: F811
    championship = db.session.scalar(select(Championship))
    final = next(t for t in championship.tournaments if t.stage == "final")
    final.settings = {**(final.settings or {}), "wildcards": 1}
    db.session.execute(delete(Qualification))
    for team in db.session.scalars(select(Team).where(Team.tournament_id == final.id)):
        db.session.delete(team)
    db.session.commit()
    rng = random.Random(5)
    for qualifier in championship.tournaments:
        if qualifier.stage == "qualifier":
            for round_ in _prelims(qualifier):
                _play_round(round_, _user(), rng)
            teams = db.session.scalars(select(Team.id).where(Team.tournament_id == qualifier.id))
            breaks.record_coin_toss(qualifier, {t: 1000 - i for i, t in enumerate(teams)}, _user())
    page = organiser.get(f"/admin/championships/{championship.id}/final?lang=en").get_data(
        as_text=True
    )
    qualified = _rows(page, "Qualified by the rule")
    assert "Wins" in qualified[0] and "Average speaker points" in qualified[0]
    wildcard = next(r for r in qualified if "wildcard" in r)
    assert re.search(r"\| \d+ \| \d+ \| \d+\.\d\d \|", f"| {wildcard} |"), wildcard
    alternates = _rows(page, "Alternates, in order")
    assert len(alternates) > 1 and "Wins" in alternates[0]
