"""Manual add / edit / remove: the same rules as the import, audit events, and removals refused
for anything with history on the draw."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.integration.participants.helpers import (
    demo_file,
    director,
    make_qualifier,
    row_counts,
)
from tourney.extensions import db
from tourney.models import (
    AuditEvent,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Institution,
    Round,
    Team,
    Venue,
)
from tourney.services import participants
from tourney.services.csv_import import import_file
from tourney.services.errors import ServiceError
from tourney.services.participants import (
    AdjudicatorData,
    InstitutionData,
    InvalidInput,
    TeamData,
    VenueData,
)


@pytest.fixture
def loaded(app):
    """The RA qualifier with the demo institutions, teams, judges and rooms, and a director."""
    tournament, user = make_qualifier(), director()
    for kind in ("institutions", "teams", "adjudicators", "rooms"):
        import_file(tournament, kind, demo_file(kind), user)
    return tournament, user


def _codes(error: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.column, p.code) for p in error.value.problems]


def _team(code: str) -> Team:
    return db.session.scalar(select(Team).where(Team.code == code))


def test_add_a_team_with_the_next_free_code(loaded) -> None:
    tournament, user = loaded
    outcome = participants.add(
        tournament,
        TeamData(name=" Ваҳдат   «Нав» ", speakers=["Аҳмад", "Бобур", "Ваҳҳоб"]),
        user,
    )
    team = outcome.entity
    assert (team.name, team.code) == ("Ваҳдат «Нав»", "RA-11")
    assert [(s.position, s.name) for s in team.speakers] == [
        (1, "Аҳмад"),
        (2, "Бобур"),
        (3, "Ваҳҳоб"),
    ]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "team.add"))
    assert (
        event.details == {"id": team.id, "name": "RA-11 Ваҳдат «Нав»"} and event.user_id == user.id
    )


def test_a_form_is_judged_like_a_csv_row(loaded) -> None:
    tournament, user = loaded
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        participants.add(
            tournament,
            TeamData(name="ваҳдат «ситора»", code="RA-02", speakers=["А", "", ""]),
            user,
        )
    assert _codes(refused) == [
        ("name", "duplicate"),
        ("code", "duplicate"),
        ("speakers", "speaker_count"),
    ]
    with pytest.raises(InvalidInput) as refused:
        participants.add(
            tournament,
            AdjudicatorData(name="X", rating=Decimal("10.5"), role="chief", team_conflicts=[10**6]),
            user,
        )
    assert _codes(refused) == [
        ("rating", "rating_range"),
        ("role", "unknown_choice"),
        ("team_conflicts", "unknown_choice"),
    ]
    with pytest.raises(InvalidInput) as refused:
        participants.add(tournament, VenueData(name="\x07", priority=0), user)
    assert _codes(refused) == [("name", "control_characters"), ("priority", "priority_range")]
    assert row_counts() == before


def test_edit_a_team_keeps_its_speakers_and_its_own_name(loaded) -> None:
    tournament, user = loaded
    team = _team("RA-01")
    speaker_ids = [s.id for s in team.speakers]
    outcome = participants.edit(
        tournament,
        team.id,
        TeamData(
            name=team.name,
            code="RA-01",
            speakers=["Фирӯза Раҳимова", "Шаҳром Назаров", "Дилноза Қодирова-Каримова"],
            institution_id=team.institution_id,
            needs_access=True,
            category="мактаб",
        ),
        user,
    )
    assert outcome.warnings == []
    db.session.expire_all()
    team = _team("RA-01")
    assert [s.id for s in team.speakers] == speaker_ids
    assert team.speakers[2].name == "Дилноза Қодирова-Каримова" and team.needs_access
    assert {s.category for s in team.speakers} == {"мактаб"}
    with pytest.raises(InvalidInput) as refused:
        participants.edit(
            tournament,
            team.id,
            TeamData(name="Ваҳдат «Бурҷ»", code="RA-01", speakers=["А", "Б", "В"]),
            user,
        )
    assert _codes(refused) == [("name", "duplicate")]


def test_edit_an_adjudicator_replaces_conflicts_and_warns_about_lookalikes(loaded) -> None:
    tournament, user = loaded
    judge = next(a for a in participants.adjudicators(tournament) if a.name == "Баҳодур Каримов")
    token = judge.token
    school = db.session.scalar(select(Institution).where(Institution.short_name == "ДО Рашт"))
    outcome = participants.edit(
        tournament,
        judge.id,
        AdjudicatorData(
            name="Баҳодур Каримов",
            institution_id=school.id,
            rating=Decimal("8.25"),
            role="wing",
            team_conflicts=[_team("RA-05").id],
            institution_conflicts=[school.id],
        ),
        user,
    )
    db.session.expire_all()
    assert outcome.warnings == []
    assert [t.code for t in judge.team_conflicts] == ["RA-05"]
    assert [i.id for i in judge.institution_conflicts] == [school.id]
    assert judge.region.code == "RA" and judge.token == token and judge.rating == Decimal("8.25")
    outcome = participants.add(
        tournament, InstitutionData(name="Мактаби Ѓарм", region_id=None), user
    )
    assert [(w.column, w.code) for w in outcome.warnings] == [("name", "lookalike")]


def test_entities_of_another_tournament_are_not_found(loaded) -> None:
    _tournament, user = loaded
    other = make_qualifier("other")
    team = _team("RA-01")
    assert participants.get(other, "team", team.id) is None
    assert participants.get(other, "institution", team.institution_id) is None
    with pytest.raises(ServiceError):
        participants.remove(other, "team", team.id, user)


def _debate(tournament, team_codes: list[str], venue: Venue | None, judges=()) -> Round:
    round_ = Round(tournament_id=tournament.id, seq=1, name="1")
    db.session.add(round_)
    db.session.flush()
    debate = Debate(round=round_, position=1, venue=venue)
    db.session.add(debate)
    for side, code in zip(("aff", "neg"), team_codes, strict=True):
        debate.teams.append(DebateTeam(round_id=round_.id, team=_team(code), side=side))
    for judge in judges:
        debate.adjudicators.append(
            DebateAdjudicator(round_id=round_.id, adjudicator=judge, role="chair")
        )
    db.session.commit()
    return round_


def test_removing_anything_on_the_draw_is_refused_with_the_rounds(loaded) -> None:
    tournament, user = loaded
    venue = participants.venues(tournament)[0]
    judge = participants.adjudicators(tournament)[0]
    round_ = _debate(tournament, ["RA-01", "RA-02"], venue, [judge])
    db.session.add(Bye(round=round_, team=_team("RA-03")))
    db.session.commit()
    before = row_counts()
    cases = [
        ("team", _team("RA-01").id, "team_on_draw"),
        ("team", _team("RA-03").id, "team_had_bye"),
        ("adjudicator", judge.id, "adjudicator_on_draw"),
        ("venue", venue.id, "venue_on_draw"),
        ("institution", _team("RA-05").institution_id, "institution_in_use"),
    ]
    for kind, entity_id, code in cases:
        with pytest.raises(InvalidInput) as refused:
            participants.remove(tournament, kind, entity_id, user)
        assert [p.code for p in refused.value.problems] == [code]
    assert refused.value.problems[0].params == {"teams": 2, "judges": 1, "conflicts": 0}
    assert participants.removal_blockers(_team("RA-01"))[0].params == {"rounds": "1"}
    assert row_counts() == before


def test_remove_what_has_no_history(loaded) -> None:
    tournament, user = loaded
    team = _team("RA-04")  # named in a judge's conflicts: the conflict goes with the team
    participants.remove(tournament, "team", team.id, user)
    for venue in participants.venues(tournament)[:1]:
        participants.remove(tournament, "venue", venue.id, user)
    judge = next(a for a in participants.adjudicators(tournament) if a.name == "Манижа Раҳмонова")
    participants.remove(tournament, "adjudicator", judge.id, user)
    orphan = participants.add(tournament, InstitutionData(name="Мактаби нав"), user).entity
    participants.remove(tournament, "institution", orphan.id, user)
    counts = row_counts()
    assert (counts["team"], counts["speaker"], counts["venue"], counts["adjudicator"]) == (
        9,
        27,
        5,
        6,
    )
    assert counts["adjudicator_team_conflict"] == 1  # Каримов: RA-03 left
    assert counts["adjudicator_institution_conflict"] == 0
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("%.remove"))
    )
    assert sorted(actions) == [
        "adjudicator.remove",
        "institution.remove",
        "team.remove",
        "venue.remove",
    ]
