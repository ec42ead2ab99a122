"""Submitting ballots: idempotent retries, versions, the panel rules and who may submit when."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from tests.integration.ballots.builders import release_round, sheet, small_tournament, user
from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, Ballot, Debate, Round
from tourney.services import ballots, draws, links
from tourney.services.ballots import BallotRejected
from tourney.services.errors import Conflict, ServiceError

KP_WIN = {"aff": [25, 26, 27], "neg": [24, 25, 26]}  # 78 - 75
KP_LOSS = {"aff": [24, 25, 26], "neg": [25, 26, 27]}


def count(model=Ballot, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def released(app):
    return release_round(small_tournament())


def test_a_retry_with_the_same_key_returns_the_first_ballot(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    submission = sheet(debate, KP_WIN, key="k" * 32)
    first = ballots.submit_from_link(chair, submission)
    again = ballots.submit_from_link(chair, submission)
    assert first.created and not again.created
    assert (again.ballot_id, again.version) == (first.ballot_id, 1)
    assert count() == 1
    assert count(AuditEvent, AuditEvent.action == "ballot_submitted") == 1
    event = db.session.scalar(select(AuditEvent))
    assert event.actor == f"judge:{chair.id}" and event.details["ballot_id"] == first.ballot_id


def test_a_key_is_bound_to_the_content_first_stored_under_it(released) -> None:
    """A second tab reusing the key with other scores is refused, never given a receipt."""
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    ballots.submit_from_link(chair, sheet(debate, KP_WIN, key="k" * 32))
    corrected = sheet(debate, {"aff": [25, 26, 28], "neg": KP_WIN["neg"]}, key="k" * 32)
    with pytest.raises(ServiceError, match="key_content_changed"):
        ballots.submit_from_link(chair, corrected)
    assert count() == 1
    again = ballots.submit_from_link(chair, sheet(debate, KP_WIN, key="k" * 32))
    assert not again.created and again.version == 1  # the very same ballot: a retry


def test_a_receipt_says_whether_the_result_was_already_confirmed(released) -> None:
    from tourney.services import results

    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    first = ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    assert not first.result_confirmed
    for seat in debate.adjudicators:
        if seat.role == "panellist":
            ballots.submit_from_link(seat.adjudicator, sheet(debate, KP_WIN))
    desk = results.debate_desk(debate.id)
    results.confirm(debate.id, user("director", "tab_director"), desk.counted_ids)
    late = ballots.submit_from_link(
        chair, sheet(debate, {"aff": [25, 26, 28], "neg": [24, 25, 26]})
    )
    assert late.created and late.result_confirmed


def test_a_changed_ballot_is_a_new_version(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    first = ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    second = ballots.submit_from_link(
        chair, sheet(debate, {"aff": [25, 26, 28], "neg": KP_WIN["neg"]})
    )
    assert second.created and second.version == 2
    statuses = dict(db.session.execute(select(Ballot.version, Ballot.status)).all())
    assert statuses == {1: "superseded", 2: "current"}
    assert count(AuditEvent, AuditEvent.action == "ballot_changed") == 1
    assert first.ballot_id != second.ballot_id


def test_the_same_ballot_under_a_new_key_stores_nothing(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    first = ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    again = ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    assert not again.created and again.ballot_id == first.ballot_id
    assert count() == 1


def test_engine_errors_reject_the_ballot_and_store_nothing(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    with pytest.raises(BallotRejected) as rejected:
        ballots.submit_from_link(chair, sheet(debate, {"aff": [25, 26, 31], "neg": [24, 25, 26]}))
    assert [(e.field, e.code) for e in rejected.value.errors] == [
        ("aff.3.score", "score_out_of_range")
    ]
    with pytest.raises(BallotRejected) as rejected:
        ballots.submit_from_link(chair, sheet(debate, KP_LOSS, winner="aff"))
    assert [e.code for e in rejected.value.errors] == ["low_point_win_unmarked"]
    assert count() == 0


def test_a_marked_low_point_win_is_accepted_where_the_format_allows_it(released) -> None:
    debate = released.debates[0]
    receipt = ballots.submit_from_link(
        released.seat(debate, "chair"), sheet(debate, KP_LOSS, winner="aff", low_point_win=True)
    )
    assert db.session.get(Ballot, receipt.ballot_id).low_point_win


def test_who_may_submit_and_when(released) -> None:
    debate, other = released.debates
    chair = released.seat(debate, "chair")
    with pytest.raises(ServiceError, match="not_on_panel"):
        ballots.submit_from_link(released.seat(other, "chair"), sheet(debate, KP_WIN))
    released.round.status = "closed"
    db.session.commit()
    with pytest.raises(ServiceError, match="round_closed"):
        ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    released.round.status = "drawn"
    db.session.commit()
    with pytest.raises(ServiceError, match="round_not_released"):
        ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    assert count() == 0


def test_a_retry_after_the_round_closed_still_gets_its_receipt(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    submission = sheet(debate, KP_WIN)
    first = ballots.submit_from_link(chair, submission)
    released.round.status = "closed"
    db.session.commit()
    assert ballots.submit_from_link(chair, submission).ballot_id == first.ballot_id


def test_a_key_cannot_be_reused_by_another_judge(released) -> None:
    debate = released.debates[0]
    submission = sheet(debate, KP_WIN)
    ballots.submit_from_link(released.seat(debate, "chair"), submission)
    with pytest.raises(ServiceError, match="key_reused"):
        ballots.submit_from_link(released.seat(debate, "panellist"), submission)


def test_in_consensus_mode_only_the_chair_and_trainees_submit(app) -> None:
    tournament = small_tournament(debates=1)
    from tourney.scoring import FORMATS

    tournament.format_overrides = (
        FORMATS["karl_popper"].with_options(ballot_mode="consensus").to_dict()
    )
    db.session.commit()
    released = release_round(tournament)
    debate = released.debates[0]
    with pytest.raises(BallotRejected) as rejected:
        ballots.submit_from_link(released.seat(debate, "panellist"), sheet(debate, KP_WIN))
    assert [e.code for e in rejected.value.errors] == ["consensus_chair_only"]
    assert ballots.submit_from_link(released.seat(debate, "trainee"), sheet(debate, KP_WIN)).created
    assert ballots.submit_from_link(released.seat(debate, "chair"), sheet(debate, KP_WIN)).created


def test_a_paper_ballot_records_the_clerk(released) -> None:
    debate = released.debates[0]
    clerk = user("clerk", "ballot_clerk")
    chair = released.seat(debate, "chair")
    receipt = ballots.enter_paper(clerk, chair.id, sheet(debate, KP_WIN))
    ballot = db.session.get(Ballot, receipt.ballot_id)
    assert (ballot.source, ballot.entered_by_id, ballot.adjudicator_id) == (
        "paper",
        clerk.id,
        chair.id,
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ballot_submitted"))
    assert event.user_id == clerk.id and event.details["source"] == "paper"


def test_a_paper_total_that_differs_from_the_scores_is_refused(released) -> None:
    from dataclasses import replace
    from decimal import Decimal

    debate = released.debates[0]
    clerk = user("clerk", "ballot_clerk")
    submission = replace(sheet(debate, KP_WIN), declared_totals={"aff": Decimal("79")})
    with pytest.raises(BallotRejected) as rejected:
        ballots.enter_paper(clerk, released.seat(debate, "chair").id, submission)
    assert [(e.field, e.code) for e in rejected.value.errors] == [("aff.total", "total_mismatch")]


def test_a_revoked_link_finds_nobody_and_a_reissued_one_works(released) -> None:
    director = user("director", "tab_director")
    chair = released.seat(released.debates[0], "chair")
    old = chair.token
    assert ballots.adjudicator_by_token(old) == chair
    links.revoke(chair, director)
    assert ballots.adjudicator_by_token(old) is None
    new = links.reissue(chair, director)
    assert new != old and len(new) >= 22
    assert ballots.adjudicator_by_token(new) == chair
    assert ballots.adjudicator_by_token("x" * 24) is None
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["judge_link_revoked", "judge_link_reissued"]


def test_the_judge_view_shows_the_latest_released_round(released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    view = ballots.judge_view(chair)
    assert view.seat.debate_id == debate.id and view.motion.text == "This house would test"
    assert view.may_submit and view.ballot is None
    ballots.submit_from_link(chair, sheet(debate, KP_WIN))
    assert ballots.judge_view(chair).ballot.version == 1
    released.round.status = "closed"
    db.session.commit()
    view = ballots.judge_view(chair)
    assert view.round is None and view.seat is None


def test_two_identical_submits_at_once_store_one_ballot(app, released, monkeypatch) -> None:
    """Both requests pass the key check before either stores: the database keeps one."""
    debate = released.debates[0]
    chair_id = released.seat(debate, "chair").id
    submission = sheet(debate, KP_WIN)
    both_checked = threading.Barrier(2, timeout=10)
    original = ballots._same_draw  # the step after the key check, before storing
    waited = threading.local()

    def store_together(*args, **kwargs):
        if not getattr(waited, "done", False):
            waited.done = True
            both_checked.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(ballots, "_same_draw", store_together)
    receipts, failures = [], []

    def submit() -> None:
        with app.app_context():
            try:
                judge = db.session.get(Adjudicator, chair_id)
                receipts.append(ballots.submit_from_link(judge, submission))
            except Exception as error:  # reported by the assertion below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len({r.ballot_id for r in receipts}) == 1
    assert sorted(r.created for r in receipts) == [False, True]
    db.session.expire_all()
    assert count() == 1


def test_a_ballot_checked_against_a_draw_edited_meanwhile_is_refused(released, monkeypatch) -> None:
    """The organiser swaps a team of this debate after the ballot was checked but before it is
    stored (another process, same instant): the ballot names the old team, so it is refused."""
    debate, other = released.debates
    chair = released.seat(debate, "chair")
    submission = sheet(debate, KP_WIN, key="k" * 32)
    swapped = (debate.teams[0].team_id, other.teams[0].team_id)
    director = user("director", "tab_director")
    checked = ballots.validate

    def checked_then_edited(seat, sent):
        errors = checked(seat, sent)
        round_ = released.round
        draws.swap_teams(round_, *swapped, director, round_.draw_version)
        return errors

    monkeypatch.setattr(ballots, "validate", checked_then_edited)
    with pytest.raises(ServiceError) as refused:
        ballots.submit_from_link(chair, submission)
    assert refused.value.code == "draw_changed"
    assert count() == 0
    monkeypatch.setattr(ballots, "validate", checked)
    with pytest.raises(BallotRejected):  # sent again, it is checked against the new draw
        ballots.submit_from_link(chair, submission)


def test_an_edit_racing_a_ballot_being_stored_waits_and_then_refuses(
    app, released, monkeypatch
) -> None:
    """The ballot has checked the draw and holds it; the organiser's swap of its debate comes
    in that instant. The ballot is stored and the swap is refused — never both."""
    debate, other = released.debates
    chair_id = released.seat(debate, "chair").id
    submission = sheet(debate, KP_WIN, key="r" * 32)
    swapped = (debate.teams[0].team_id, other.teams[0].team_id)
    director = user("director", "tab_director")
    round_id = released.round.id
    holding = threading.Event()
    original = ballots._store_once

    def store_slowly(*args, **kwargs):
        holding.set()  # the draw is checked and held (PostgreSQL: the round row share-locked)
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(ballots, "_store_once", store_slowly)
    outcomes: dict[str, object] = {}

    def judge() -> None:
        with app.app_context():
            try:
                outcomes["ballot"] = ballots.submit_from_link(
                    db.session.get(Adjudicator, chair_id), submission
                )
            finally:
                db.session.remove()

    def organiser() -> None:
        holding.wait(10)
        with app.app_context():
            try:
                round_ = db.session.get(Round, round_id)
                draws.swap_teams(round_, *swapped, director, round_.draw_version)
                outcomes["edit"] = "done"
            except (ServiceError, Conflict) as refused:
                outcomes["edit"] = refused.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=judge), threading.Thread(target=organiser)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes["ballot"].created
    assert outcomes["edit"] in ("debate_has_ballots", "conflict")
    db.session.expire_all()
    assert {dt.team_id for dt in db.session.get(Debate, debate.id).teams} >= {swapped[0]}
