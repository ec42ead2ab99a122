"""The settings page: what is locked says why, and refusals give their own reason."""

from __future__ import annotations

import random
import re

from sqlalchemy import func, select

from tests.integration.draws.helpers import make_tournament
from tests.integration.organiser.test_guarded_settings import _bp_broken, _bp_data, _data, _played
from tourney.extensions import db
from tourney.models import AuditEvent, Tournament
from tourney.services import settings, simulate, tournaments


def test_a_played_tournament_shows_the_format_locked_and_refuses_a_change(director) -> None:
    tournament = _played()
    url = f"/admin/t/{tournament.slug}/settings"
    page = director.get(url).get_data(as_text=True)
    assert 'id="format-locked"' in page and "Ballots are already stored" in page
    assert re.search(r'<select[^>]*\bdisabled\b[^>]*id="format_code"', page)
    data = _data(tournament, format_code="british_parliamentary", public_top_n=0, wildcards=0)
    response = director.post(url, data=data, follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Tournament, tournament.id).format_code == "karl_popper"
    position = director.post(
        f"/admin/t/{tournament.slug}/score-range/1",
        data={"p1-score_min": "60", "p1-score_max": "80", "p1-score_step": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "score ranges can no longer change" in position


def _checkbox(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*\bname="{name}"[^>]*type="checkbox"[^>]*>', page).group(0)


def test_the_organiser_chooses_speaker_scores_in_elimination_rounds(director) -> None:
    tournament = _bp_broken(scored=False)  # prelim ballots exist; none in the break yet
    url = f"/admin/t/{tournament.slug}/settings"
    page = director.get(url).get_data(as_text=True)
    assert "Speaker scores in elimination rounds" in page
    assert 'id="elimination-scores-hint"' in page
    box = _checkbox(page, "elimination_scores")
    assert "checked" not in box and "disabled" not in box
    data = _bp_data(tournament, elimination_scores="y", public_top_n=0, wildcards=0)
    saved = director.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Tournament saved." in saved
    db.session.expire_all()
    assert settings.get(db.session.get(Tournament, tournament.id), "elimination_scores") is True
    assert "checked" in _checkbox(director.get(url).get_data(as_text=True), "elimination_scores")


def test_after_an_elimination_ballot_the_choice_is_fixed_and_a_change_refused(director) -> None:
    tournament = _bp_broken(scored=True)
    (final,) = tournaments.rounds_of(tournament, "elimination")
    simulate.play_round(final, simulate.director(), random.Random(4))
    url = f"/admin/t/{tournament.slug}/settings"
    page = director.get(url).get_data(as_text=True)
    box = _checkbox(page, "elimination_scores")
    assert "disabled" in box and "checked" in box
    assert 'id="elimination-scores-locked"' in page
    # saving the page as shown keeps the choice and saves the rest
    data = _bp_data(tournament, elimination_scores="y", public_top_n=0, wildcards=0)
    data["public_standings"] = "y"
    saved = director.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Tournament saved." in saved
    # a page loaded before the ballots came, with the box unticked, is refused with the reason
    del data["elimination_scores"]
    refused = director.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "whether its ballots carry speaker scores can no longer change" in refused
    assert "checked" in _checkbox(refused, "elimination_scores")
    db.session.expire_all()
    stored = db.session.get(Tournament, tournament.id)
    assert settings.get(stored, "elimination_scores") is True
    assert settings.get(stored, "public_standings") is True


def test_saving_the_settings_unchanged_writes_nothing_to_the_audit_log(director) -> None:
    tournament = make_tournament(8)
    url = f"/admin/t/{tournament.slug}/settings"
    data = _data(tournament, public_top_n=0, wildcards=0)

    def updates() -> int:
        return db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.tournament_id == tournament.id,
                AuditEvent.action == "tournament_updated",
            )
        )

    first = director.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Tournament saved." in first
    before = updates()
    again = director.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Tournament saved." in again
    assert updates() == before
    changed = _data(tournament, public_top_n=3, wildcards=0)
    director.post(url, data=changed, follow_redirects=True)
    assert updates() == before + 1
