"""Hostile input to the feedback links: malformed bodies are refused with a message, never a 500,
and nothing is stored."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import func, select

from tests.integration.ballots.builders import release_round, small_tournament
from tourney.extensions import db
from tourney.models import Debate, Feedback
from tourney.services import feedback

BODIES = [
    [],
    "text",
    {},
    {"debate_id": "x", "target_id": 1, "key": "k" * 20},
    {"debate_id": 2**40, "target_id": 2**40, "key": "k" * 20, "answers": {}},
    {"debate_id": 1, "target_id": 1, "key": 5, "answers": {}},
    {"debate_id": 1, "target_id": 1, "key": "short", "answers": {"1": "5"}},
    {"debate_id": 1, "target_id": 1, "key": "k" * 200, "answers": {"1": "5"}},
    {"debate_id": 1, "target_id": 1, "key": "k" * 20, "answers": {"1": {"nested": 1}}},
    {"debate_id": 1, "target_id": 1, "key": "k" * 20, "answers": {"1": ["5"]}},
    {"debate_id": 1, "target_id": 1, "key": "k" * 20, "answers": "5"},
]


@pytest.fixture
def team_and_debate(app):
    tournament = small_tournament(debates=1)
    feedback.add_default_questions(tournament)
    db.session.commit()
    released = release_round(tournament)
    debate = released.debates[0]
    team = debate.teams[0].team
    team.token = secrets.token_urlsafe(18)
    db.session.commit()
    return team.token, debate.id, released.seat(debate, "chair").id


@pytest.mark.parametrize("body", BODIES)
def test_malformed_json_is_refused_without_storing(app, team_and_debate, body) -> None:
    token, _, _ = team_and_debate
    response = app.test_client().post(f"/team/{token}/feedback", json=body)
    assert response.status_code in (409, 422), response.get_data(as_text=True)[:300]
    answer = response.get_json()
    assert answer["ok"] is False and (answer.get("message") or answer.get("errors"))
    assert db.session.scalar(select(func.count(Feedback.id))) == 0


def test_out_of_range_and_foreign_answers_are_named(app, team_and_debate) -> None:
    token, debate_id, chair_id = team_and_debate
    debate = db.session.get(Debate, debate_id)
    scale = next(q for q in feedback.questions_of(debate.round.tournament_id) if q.rates)
    body = {
        "debate_id": debate_id,
        "target_id": chair_id,
        "key": secrets.token_hex(16),
        "answers": {str(scale.id): "99999999999", "424242": "anything"},
    }
    response = app.test_client().post(f"/team/{token}/feedback?lang=en", json=body)
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.get_json()["errors"]}
    assert "from 1 to 10" in fields[str(scale.id)]
    assert "424242" not in fields  # a question that is not asked is ignored
    assert db.session.scalar(select(func.count(Feedback.id))) == 0
