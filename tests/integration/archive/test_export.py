"""A played tournament exported as a Debate Tabulation Archive: valid, and true to the tab."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import DebateResult, Tournament
from tourney.services import simulate
from tourney.services.archive.document import from_xml, to_xml
from tourney.services.archive.export import export_archive

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "debatexml"


def _played() -> Tournament:
    summary = simulate.run(8, 3, seed=3)
    assert summary["ok"], summary["checks"]
    return db.session.scalar(select(Tournament).where(Tournament.slug == summary["tournament"]))


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture
def exported(app) -> tuple[Tournament, bytes]:
    tournament = _played()
    return tournament, to_xml(export_archive(tournament))


def test_the_export_validates_against_the_archive_schema(exported):
    _, xml = exported
    schema = _schema("dta-corrected.xsd")
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    # The published schema refuses any tournament with more than one round (see README.md).
    assert not _schema("dta.xsd").validate(document)


def test_a_repeated_id_fails_the_schema(exported):
    _, xml = exported
    archive = from_xml(xml)
    debate, team = archive.rounds[0].debates[0].id, archive.teams[0].id
    broken = xml.replace(f'id="{debate}"'.encode(), f'id="{team}"'.encode())
    assert not _schema("dta-corrected.xsd").validate(etree.fromstring(broken))


def test_every_round_debate_and_counting_ballot_is_in_the_file(exported):
    tournament, xml = exported
    archive = from_xml(xml)
    rounds = sorted(tournament_rounds_of(tournament), key=lambda r: r.seq)
    assert [r.name for r in archive.rounds] == [r.name for r in rounds]
    assert [r.elimination for r in archive.rounds] == [r.kind == "elimination" for r in rounds]
    for round_, exported_round in zip(rounds, archive.rounds, strict=True):
        assert len(exported_round.debates) == len(round_.debates)
    results = db.session.scalars(
        select(DebateResult).where(DebateResult.status == "confirmed")
    ).all()
    by_id = {d.id: d for r in archive.rounds for d in r.debates}
    for result in results:
        debate = by_id[f"D{result.debate_id}"]
        decision = result.outcome
        for side in debate.sides:
            assert len(side.ballots) == len(result.ballot_ids)
            for k, ballot in enumerate(side.ballots):
                if ballot.value in ("true", "false"):
                    continue
                speech_total = sum(Decimal(s.ballots[k].value) for s in side.speeches)
                assert Decimal(ballot.value) == speech_total
        winners = {
            side.team
            for side in debate.sides
            if sum(not b.minority and b.value not in ("false",) for b in side.ballots)
        }
        assert winners  # every decided debate names at least one team the majority backed
        assert decision.voting_ballots == len(result.ballot_ids) or decision.voting_ballots


def test_the_xml_reads_back_to_the_same_archive(exported):
    _, xml = exported
    archive = from_xml(xml)
    assert from_xml(to_xml(archive)) == archive


def tournament_rounds_of(tournament: Tournament):
    from tourney.services.tournaments import rounds_of

    return rounds_of(tournament)
