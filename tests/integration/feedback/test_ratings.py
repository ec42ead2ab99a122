"""The current rating blends base and feedback by the round's weight; the allocator follows it."""

from __future__ import annotations

import secrets
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.integration.ballots.builders import release_round, small_tournament, user
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Round,
    RoundStatus,
    User,
)
from tourney.services import draws, feedback, ratings
from tourney.services.errors import ServiceError
from tourney.services.feedback import FeedbackSubmission


def _rate(released, debate, score: int) -> None:
    """Both teams of ``debate`` give its chair ``score`` out of 10."""
    questions = feedback.questions_of(released.tournament.id)
    scale = next(q for q in questions if q.rates)
    yes_no = next(q for q in questions if q.kind == "yesno" and q.required)
    chair = released.seat(debate, "chair")
    for dt in debate.teams:
        answers = {str(scale.id): str(score), str(yes_no.id): "yes"}
        feedback.submit_from_link(
            dt.team, FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), answers)
        )


def _field():
    """Round 1 played: judge A (base 9) got 1/10 from both teams, judge B (base 4) got 10/10.
    Round 2 is drawn with one important debate and one other, each with a team seen by each."""
    tournament = small_tournament(debates=2, panel=("chair",))
    feedback.add_default_questions(tournament)
    db.session.commit()
    released = release_round(tournament, panel=("chair",))
    first, second = released.debates
    judge_a, judge_b = released.seat(first, "chair"), released.seat(second, "chair")
    judge_a.rating, judge_b.rating = Decimal(9), Decimal(4)
    db.session.commit()
    _rate(released, first, 1)
    _rate(released, second, 10)
    released.round.status = RoundStatus.CLOSED
    teams = [dt.team_id for d in (first, second) for dt in d.teams]  # T1 T2 | T3 T4
    round_2 = Round(tournament=tournament, seq=2, name="2", status=RoundStatus.DRAWN, panel_size=1)
    db.session.add(round_2)
    db.session.flush()
    for position, (pair, importance) in enumerate(
        [((teams[0], teams[2]), 2), ((teams[1], teams[3]), 0)], start=1
    ):
        debate = Debate(round=round_2, position=position, importance=importance, bracket=0)
        for side, team_id in zip(("aff", "neg"), pair, strict=True):
            debate.teams.append(DebateTeam(round_id=round_2.id, team_id=team_id, side=side))
        db.session.add(debate)
    db.session.commit()
    return tournament, round_2, judge_a.id, judge_b.id


def _top_chair(round_: Round) -> int:
    top = db.session.scalar(
        select(Debate).where(Debate.round_id == round_.id).order_by(Debate.importance.desc())
    )
    return db.session.scalar(
        select(DebateAdjudicator.adjudicator_id).where(
            DebateAdjudicator.debate_id == top.id, DebateAdjudicator.role == "chair"
        )
    )


def test_the_rating_shows_its_parts_and_blends_by_the_round_weight(app) -> None:
    tournament, round_2, judge_a, judge_b = _field()
    director = user("director1", "tab_director")
    parts = ratings.ratings_for_round(round_2)
    assert (parts[judge_a].base, parts[judge_a].mean, parts[judge_a].count) == (9, 0, 2)
    assert parts[judge_a].current == 9  # weight 0: the base only
    ratings.set_weights(tournament, {2: Decimal("0.4")}, director)
    parts = ratings.ratings_for_round(db.session.get(Round, round_2.id))
    assert parts[judge_a].current == Decimal("5.40")  # 0.6 × 9 + 0.4 × 0
    assert parts[judge_b].current == Decimal("6.40")  # 0.6 × 4 + 0.4 × 10
    # Feedback of the round being allocated (or later ones) does not count yet.
    round_1 = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == 1)
    )
    assert ratings.ratings_for_round(round_1)[judge_a].count == 0


def test_changing_the_weight_and_allocating_again_moves_the_strongest_judge(app) -> None:
    tournament, round_2, judge_a, judge_b = _field()
    director = user("director1", "tab_director")
    draws.allocate_round(db.session.get(Round, round_2.id), director)
    assert _top_chair(round_2) == judge_a  # base 9 over base 4
    ratings.set_weights(tournament, {2: Decimal("0.8")}, director)
    draws.allocate_round(db.session.get(Round, round_2.id), director)
    assert _top_chair(round_2) == judge_b  # 0.2 × 4 + 0.8 × 10 = 8.8 over 0.2 × 9 = 1.8


def test_weights_typed_by_a_person(app) -> None:
    assert ratings.parse_weight("0,35") == Decimal("0.35")
    assert ratings.parse_weight("40%") == Decimal("0.4")
    for bad in ("", "1.5", "-0.1", "0.333", "abc", "NaN"):
        with pytest.raises(ServiceError, match="weight_invalid"):
            ratings.parse_weight(bad)


def test_on_the_pages_a_new_weight_and_allocating_again_move_the_judge(app) -> None:
    """The director sets the weight on the ratings page, allocates the drawn round again on the
    round page, and the ratings page shows the judge with the best current rating in the chair
    of the important debate."""
    tournament, round_2, judge_a, judge_b = _field()
    director = User(username="dir2", role="tab_director", display_name="Dir")
    director.set_password("pw-for-the-test")
    db.session.add(director)
    db.session.commit()
    names = {j: db.session.get(Adjudicator, j).name for j in (judge_a, judge_b)}
    top = db.session.scalar(
        select(Debate).where(Debate.round_id == round_2.id, Debate.importance == 2)
    )
    client = app.test_client()
    client.post("/login", data={"username": "dir2", "password": "pw-for-the-test"})
    base = f"/admin/t/{tournament.slug}"

    def chair_of_top() -> str:
        db.session.expire_all()
        venue = db.session.get(Debate, top.id).venue
        seat = f"Chair · {venue.name if venue else f'#{top.position}'}"
        page = client.get(f"{base}/ratings?round=2&lang=en").get_data(as_text=True)
        rows = page.split("<tbody>")[1].split("</tr>")
        row = next(r for r in rows if seat in r)
        return next(name for name in names.values() if name in row)

    client.post(f"{base}/rounds/2/allocate")
    assert chair_of_top() == names[judge_a]
    assert client.post(f"{base}/ratings?round=2", data={"weight.2": "0.8"}).status_code == 302
    client.post(f"{base}/rounds/2/allocate")
    assert chair_of_top() == names[judge_b]
