"""Feedback: who owes whom, idempotent versioned submissions, paper entry, the tab room's views."""

from __future__ import annotations

import secrets
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.integration.ballots.builders import release_round, small_tournament, user
from tourney.extensions import db
from tourney.models import Feedback, FeedbackQuestion, Team
from tourney.services import feedback
from tourney.services.errors import ServiceError
from tourney.services.feedback import FeedbackRejected, FeedbackSubmission


def _released():
    tournament = small_tournament(debates=2)
    feedback.add_default_questions(tournament)
    db.session.commit()
    return release_round(tournament)


def _question(tournament_id: int, kind: str) -> FeedbackQuestion:
    return next(q for q in feedback.questions_of(tournament_id) if q.kind == kind)


def _answers(tournament_id: int, score: int, comment: str = "") -> dict[str, str]:
    scale = next(q for q in feedback.questions_of(tournament_id) if q.rates)
    yes_no = next(
        q for q in feedback.questions_of(tournament_id) if q.kind == "yesno" and q.required
    )
    text = _question(tournament_id, "text")
    return {str(scale.id): str(score), str(yes_no.id): "yes", str(text.id): comment}


def test_a_new_tournament_has_the_default_questions_in_three_languages(app) -> None:
    released = _released()
    questions = feedback.questions_of(released.tournament.id)
    assert [q.kind for q in questions] == ["scale", "yesno", "choice", "yesno", "text"]
    rating = questions[0]
    assert rating.rates and (rating.min_value, rating.max_value) == (1, 10) and rating.required
    assert set(rating.text) == {"tg", "ru", "en"}
    assert rating.text["en"].startswith("Overall")
    assert rating.text["tg"] != rating.text["en"] and rating.text["ru"] != rating.text["en"]
    assert all(set(c) == {"tg", "ru", "en"} for c in questions[2].choices)


def test_duties_follow_the_paths(app) -> None:
    released = _released()
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    panellists = [a.adjudicator for a in debate.adjudicators if a.role == "panellist"]
    trainee = released.seat(debate, "trainee")
    duties = [d for d in feedback.duties_of_round(released.round) if d.debate_id == debate.id]
    pairs = {(d.path, d.source_key, d.target_id) for d in duties}
    teams = {f"team:{dt.team_id}" for dt in debate.teams}
    assert {(p, s, t) for p, s, t in pairs if p == "team_on_chair"} == {
        ("team_on_chair", key, chair.id) for key in teams
    }
    assert {(s, t) for p, s, t in pairs if p == "panellist_on_chair"} == {
        (f"judge:{j.id}", chair.id) for j in panellists
    }
    assert {t for p, s, t in pairs if p == "chair_on_panellist"} == {
        j.id for j in [*panellists, trainee]
    }
    assert len(duties) == 2 + 2 + 3


def test_a_retry_stores_once_and_a_change_is_a_new_version(app) -> None:
    released = _released()
    debate = released.debates[0]
    team = debate.teams[0].team
    chair = released.seat(debate, "chair")
    tid = released.tournament.id
    key = secrets.token_hex(16)
    sent = FeedbackSubmission(debate.id, chair.id, key, _answers(tid, 8, "Clear reasons"))
    first = feedback.submit_from_link(team, sent)
    again = feedback.submit_from_link(team, sent)
    assert first.created and not again.created and again.feedback_id == first.feedback_id
    # The same key with other answers is refused: the key is bound to what was sent.
    with pytest.raises(ServiceError) as refused:
        feedback.submit_from_link(
            team, FeedbackSubmission(debate.id, chair.id, key, _answers(tid, 2))
        )
    assert refused.value.code == "key_reused"
    changed = feedback.submit_from_link(
        team, FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), _answers(tid, 6))
    )
    assert changed.created and changed.version == 2
    rows = db.session.scalars(select(Feedback).order_by(Feedback.version)).all()
    assert [(f.version, f.status) for f in rows] == [(1, "superseded"), (2, "current")]
    assert rows[1].score == Decimal("5.56")  # 6 on 1–10
    # The same answers again under a new key: nothing new.
    same = feedback.submit_from_link(
        team, FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), _answers(tid, 6))
    )
    assert not same.created and same.version == 2
    assert db.session.scalar(select(func.count(Feedback.id))) == 2


def test_feedback_is_refused_when_not_owed_or_incomplete(app) -> None:
    released = _released()
    debate, other = released.debates
    team = debate.teams[0].team
    tid = released.tournament.id
    chair = released.seat(debate, "chair")
    panellist = released.seat(debate, "panellist")
    cases = [
        (team, FeedbackSubmission(debate.id, panellist.id, secrets.token_hex(16), {})),
        (
            team,
            FeedbackSubmission(
                other.id, released.seat(other, "chair").id, secrets.token_hex(16), {}
            ),
        ),
        (chair, FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), {})),
    ]
    for source, submission in cases:
        with pytest.raises(ServiceError) as refused:
            feedback.submit_from_link(source, replace_answers(submission, _answers(tid, 5)))
        assert refused.value.code == "feedback_not_owed"
    scale = next(q for q in feedback.questions_of(tid) if q.rates)
    with pytest.raises(FeedbackRejected) as rejected:
        feedback.submit_from_link(
            team,
            FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), {str(scale.id): "11"}),
        )
    codes = {(e.field, e.code) for e in rejected.value.errors}
    assert (str(scale.id), "answer_out_of_range") in codes
    assert any(code == "answer_missing" for _, code in codes)
    assert db.session.scalar(select(func.count(Feedback.id))) == 0


def replace_answers(submission: FeedbackSubmission, answers: dict) -> FeedbackSubmission:
    return FeedbackSubmission(submission.debate_id, submission.target_id, submission.key, answers)


def test_progress_summary_paper_entry_and_csv(app) -> None:
    released = _released()
    debate = released.debates[0]
    tid = released.tournament.id
    chair = released.seat(debate, "chair")
    clerk = user("clerk1", "ballot_clerk")
    a, b = (dt.team for dt in debate.teams)
    feedback.submit_from_link(
        a, FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), _answers(tid, 10, "Тоза"))
    )
    receipt = feedback.enter_paper(
        clerk,
        released.tournament,
        f"team:{b.id}",
        FeedbackSubmission(debate.id, chair.id, secrets.token_hex(16), _answers(tid, 1)),
    )
    paper = db.session.get(Feedback, receipt.feedback_id)
    assert paper.source == "paper" and paper.entered_by_id == clerk.id
    rows = feedback.progress(released.round)
    arrived = [r for r in rows if r.feedback is not None]
    assert len(arrived) == 2 and len(rows) == 14
    summary = next(
        s for s in feedback.summaries(released.tournament) if s.adjudicator.id == chair.id
    )
    assert summary.count == 2 and summary.mean == 5  # 10 → 10.00 and 1 → 0.00 on the 0–10 scale
    assert summary.trend == [(1, 5)]
    assert [text for _, text in summary.comments] == ["Тоза"]
    with app.test_request_context("/?lang=en"):
        header, lines = feedback.csv_rows(released.tournament, "en")
    assert "Score (0–10)" in header and len(lines) == 2
    assert {line[1] for line in lines} == {chair.name}
    assert db.session.scalar(select(func.count(Team.id)).where(Team.token.is_not(None))) == 0
