"""Two tab-room screens acting at once: exactly one wins, the other gets a clear refusal.

Each race runs two threads, each with its own app context (its own session and connection). A
barrier holds both until each has read what it needs and is about to write, so the writes really
overlap — on PostgreSQL and on SQLite alike.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from tourney.extensions import db
from tourney.models import (
    Championship,
    Debate,
    DebateResult,
    Qualification,
    Round,
    Team,
    Tournament,
    User,
)
from tourney.services import ballots, draws, qualification, results, simulate
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.web.admin.messages import service_message

BARRIER_SECONDS = 30


def _race(app: Flask, action: Callable[[], Any]) -> list[Any]:
    """Run ``action`` in two threads at once; each outcome is a return value or a ServiceError."""
    outcomes: list[Any] = [None, None]

    def worker(index: int) -> None:
        with app.app_context():
            try:
                outcomes[index] = action()
            except ServiceError as error:
                outcomes[index] = error
            except Exception as error:
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BARRIER_SECONDS * 2)
    return outcomes


def _hold_before(monkeypatch, module, name: str) -> None:
    """Make both threads meet right after ``module.name`` returns (both have read, none wrote)."""
    barrier = threading.Barrier(2, timeout=BARRIER_SECONDS)
    original = getattr(module, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        value = original(*args, **kwargs)
        barrier.wait()
        return value

    monkeypatch.setattr(module, name, held)


def _one_winner(app: Flask, outcomes: list[Any]) -> ServiceError:
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    refusal = errors[0]
    assert isinstance(refusal, ServiceError), repr(refusal)
    with app.test_request_context():
        assert service_message(refusal)  # the tab room reads a sentence, not a stack trace
    return refusal


def test_two_draw_generations_of_one_round(app: Flask, monkeypatch) -> None:
    tournament = simulate.build_field(8, 1, "karl_popper", random.Random(1))
    round_id = db.session.scalar(select(Round.id).where(Round.tournament_id == tournament.id))
    user_id = simulate.director().id
    db.session.remove()
    _hold_before(monkeypatch, draws.generation, "pair_round")

    def generate() -> int:
        round_ = db.session.get(Round, round_id)
        return draws.generate_draw(round_, db.session.get(User, user_id)).draw_version

    refusal = _one_winner(app, _race(app, generate))
    assert refusal.code == "conflict"
    round_ = db.session.get(Round, round_id)
    assert round_.draw_version == 1
    assert db.session.scalar(select(func.count(Debate.id)).where(Debate.round_id == round_id)) == 4


def test_two_confirmations_of_one_debate(app: Flask, monkeypatch) -> None:
    tournament = simulate.build_field(4, 1, "karl_popper", random.Random(2))
    user = simulate.director()
    round_ = db.session.scalar(select(Round).where(Round.tournament_id == tournament.id))
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    fmt = format_for(tournament)
    debate = simulate.debates_of(round_)[0]
    for seat in simulate.counting_seats(debate, fmt):
        ballots.submit_from_link(
            seat.adjudicator, simulate.random_submission(debate, fmt, random.Random(3))
        )
    debate_id, user_id = debate.id, user.id
    seen = results.debate_desk(debate_id).counted_ids
    db.session.remove()
    _hold_before(monkeypatch, results, "_open_desk")

    def confirm() -> int:
        return results.confirm(debate_id, db.session.get(User, user_id), seen).id

    refusal = _one_winner(app, _race(app, confirm))
    assert refusal.code == "already_confirmed"
    confirmed = select(func.count(DebateResult.id)).where(
        DebateResult.debate_id == debate_id, DebateResult.status == "confirmed"
    )
    assert db.session.scalar(confirmed) == 1


def test_two_promotions_of_one_qualifier(app: Flask, monkeypatch) -> None:
    tournament = simulate.build_field(4, 1, "karl_popper", random.Random(4))
    tournament.qualify_top = 2
    db.session.add(
        Tournament(
            championship=tournament.championship,
            name="Final",
            slug=f"{tournament.slug}-final",
            stage="final",
        )
    )
    user = simulate.director()
    round_ = db.session.scalar(select(Round).where(Round.tournament_id == tournament.id))
    simulate.play_round(round_, user, random.Random(5))
    simulate.settle_ties(tournament, user, random.Random(6))
    championship_id, user_id = tournament.championship_id, user.id
    db.session.remove()
    _hold_before(monkeypatch, qualification, "compute")

    def promote() -> int:
        championship = db.session.get(Championship, championship_id)
        return qualification.confirm(championship, db.session.get(User, user_id))

    refusal = _one_winner(app, _race(app, promote))
    # PostgreSQL refuses the second writer; SQLite may serialise the two, so the second finds
    # everyone already seated. Either way it is told so, and nothing is seated twice.
    assert refusal.code in ("conflict", "already_promoted")
    promoted = select(func.count(Qualification.id)).where(
        Qualification.championship_id == championship_id
    )
    assert db.session.scalar(promoted) == 2
    finals = select(func.count(Team.id)).join(Tournament).where(Tournament.stage == "final")
    assert db.session.scalar(finals) == 2


@pytest.fixture(autouse=True)
def _no_leftover_threads():
    yield
    assert threading.active_count() < 10
