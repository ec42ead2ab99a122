"""Hostile ballot submissions: never a server error, never a partial write."""

from __future__ import annotations

import random
import secrets

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.hypothesis_profiles import examples
from tourney.extensions import db
from tourney.models import Ballot, Round, SpeakerScore
from tourney.services import draws, simulate
from tourney.services.formats import format_for

FIELDS = [
    "debate_id",
    "key",
    "winner",
    "low_point_win",
    "comments",
    *(
        f"{side}.{pos}.{part}"
        for side in ("aff", "neg", "og")
        for pos in ("1", "2", "3", "reply", "0")
        for part in ("score", "speaker")
    ),
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "NaN",
            "Infinity",
            "-1",
            "1e999",
            "15",
            "30",
            "29.5",
            "0x10",
            "٣٠",
            "<b>",
            "'; DROP TABLE ballot;--",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
JSON_VALUE = st.one_of(
    TEXT,
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture
def released(app):
    """A released round whose first debate's chair is the hostile judge (built once per test:
    hypothesis examples share function-scoped fixtures)."""
    tournament = simulate.build_field(2, 1, "karl_popper", random.Random(1))
    user = simulate.director()
    round_ = db.session.scalar(select(Round).where(Round.tournament_id == tournament.id))
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    debate = simulate.debates_of(round_)[0]
    seat = debate.adjudicators[0]
    return debate, seat.adjudicator.token, 2 * len(format_for(tournament).positions)


def _valid_fields(debate) -> dict[str, str]:
    submission = simulate.random_submission(
        debate, format_for(debate.round.tournament), random.Random(2)
    )
    fields = {"debate_id": str(debate.id), "winner": submission.winner or ""}
    for s in submission.speeches:
        fields[f"{s.side}.{s.position}.score"] = str(s.score)
        fields[f"{s.side}.{s.position}.speaker"] = str(s.speaker_id)
    return fields


def _no_partial_ballots(positions: int) -> None:
    counts = db.session.execute(
        select(Ballot.id, func.count(SpeakerScore.id)).outerjoin(SpeakerScore).group_by(Ballot.id)
    ).all()
    assert all(n == positions for _, n in counts), counts


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=8),
    extra=st.dictionaries(st.text(max_size=12), TEXT, max_size=3),
    as_json=st.booleans(),
)
def test_form_fields_mutated_from_a_valid_ballot(client, released, changes, extra, as_json) -> None:
    debate, token, positions = released
    before = db.session.scalar(select(func.count(Ballot.id)))
    data = {**_valid_fields(debate), "key": secrets.token_hex(12), **changes, **extra}
    response = client.post(f"/j/{token}/ballot", **({"json": data} if as_json else {"data": data}))
    assert response.status_code < 500
    db.session.expire_all()
    after = db.session.scalar(select(func.count(Ballot.id)))
    if response.status_code >= 400:
        assert after == before
    _no_partial_ballots(positions)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=st.one_of(JSON_VALUE, st.dictionaries(st.text(max_size=20), JSON_VALUE, max_size=6)))
def test_arbitrary_json_bodies(client, released, body) -> None:
    _, token, positions = released
    before = db.session.scalar(select(func.count(Ballot.id)))
    response = client.post(f"/j/{token}/ballot", json=body)
    assert 400 <= response.status_code < 500
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Ballot.id))) == before
    _no_partial_ballots(positions)


@pytest.mark.parametrize("as_json", [False, True])
def test_a_nul_character_is_refused_with_a_message_and_nothing_is_stored(
    client, released, as_json
) -> None:
    """PostgreSQL cannot store NUL in text: found by the property above, refused up front."""
    debate, token, _ = released
    data = {**_valid_fields(debate), "key": secrets.token_hex(12), "comments": "ok\x00"}
    sent = {"json": data} if as_json else {"data": data}
    response = client.post(f"/j/{token}/ballot?lang=en", **sent)
    assert response.status_code == (422 if as_json else 400)
    text = response.get_json()["message"] if as_json else response.get_data(as_text=True)
    assert "NUL character" in text
    assert db.session.scalar(select(func.count(Ballot.id))) == 0
    login = client.post("/login?lang=en", data={"username": "x\x00", "password": "y"})
    assert login.status_code == 400 and "NUL character" in login.get_data(as_text=True)
    assert client.get("/t/%00/standings").status_code == 404


def test_numbers_beyond_a_database_integer_are_not_found_rather_than_a_server_error(
    client, released
) -> None:
    debate, token, _ = released
    slug = debate.round.tournament.slug
    huge = str(2**31)
    for path in (f"/t/{slug}/draw/{huge}", f"/t/{slug}/team/{huge}", f"/t/{slug}/team/²"):
        assert client.get(path).status_code == 404, path
    data = {**_valid_fields(debate), "key": secrets.token_hex(12), "debate_id": huge}
    response = client.post(f"/j/{token}/ballot", json=data)
    assert response.status_code == 409 and response.get_json()["code"] == "malformed"
    assert db.session.scalar(select(func.count(Ballot.id))) == 0
