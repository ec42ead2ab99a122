"""One rule for which motion a debate gets (Round.motion_for): the judge's page and the paper
ballot name the same single motion — the division's, else the round's general one."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.integration.documents.conftest import (
    JUDGE_NAMES,
    MOTION,
    build_tournament,
    flat,
    flat_text,
)
from tourney.documents import ballots as paper
from tourney.extensions import db
from tourney.models import Division, Motion
from tourney.services import ballots

LEAGUE_MOTION = "Эта палата верит, что каждая школа должна иметь дебатный клуб."
SPARE_MOTION = "Ин палата бовар дорад, ки имтиҳонҳо бояд бекор шаванд."


def test_judge_page_and_paper_ballot_give_a_debate_the_same_motion(app) -> None:
    drawn = build_tournament()
    league = Division(tournament=drawn.tournament, name="Лигаи русӣ", language="ru")
    db.session.add(league)
    db.session.flush()
    drawn.round.motions.append(Motion(text=LEAGUE_MOTION, division_id=league.id))
    drawn.round.motions.append(Motion(text=SPARE_MOTION))  # a second general motion
    for seat in drawn.debates[0].teams:
        seat.team.division_id = league.id
    drawn.round.status = "released"
    drawn.round.draw_released_at = datetime.now(UTC)
    db.session.commit()
    for debate, expected in ((drawn.debates[0], LEAGUE_MOTION), (drawn.debates[1], MOTION)):
        chair = debate.adjudicators[0].adjudicator
        assert chair.name in JUDGE_NAMES
        assert ballots.judge_view(chair).motion.text == expected
        printed = flat_text(paper.ballots_pdf(drawn.tournament, drawn.round, debate.id))
        others = {LEAGUE_MOTION, MOTION, SPARE_MOTION} - {expected}
        assert flat(expected) in printed
        assert not any(flat(other) in printed for other in others)
