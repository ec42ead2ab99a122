"""The round's draw, one module per job.

- ``engine_input``: the database's teams, judges and rooms as the engines' records;
- ``generation``: pair the round (pairing engine) and save the draw;
- ``allocation``: place judges and rooms (allocation engine);
- ``review``: each debate's clashes, by the engines' own rules;
- ``edits``: the organiser's changes to a draft or released draw;
- ``lifecycle``: release the draw, close the round, release its results;
- ``claims``: the optimistic claim on ``Round.draw_version`` that all of them share.

Each public function is one use case and one transaction. Every change of a round's draw claims
the round first with a conditional UPDATE on ``draw_version`` (or ``status``), so of two tab-room
screens acting at once exactly one wins and the other gets a ``Conflict``. The names below are the
package's public interface (``from tourney.services import draws; draws.generate_draw(...)``).
"""

from tourney.services.draws.allocation import allocate_round
from tourney.services.draws.claims import absences
from tourney.services.draws.edits import (
    add_late_team,
    move_adjudicator,
    set_venue,
    swap_sides,
    swap_teams,
)
from tourney.services.draws.generation import generate_draw
from tourney.services.draws.lifecycle import (
    ballots_arrived,
    close_round,
    missing_results,
    release_checks,
    release_draw,
    release_results,
    withdraw_release,
)
from tourney.services.draws.review import CLASH_CODES, DebateReview, clashes, review

__all__ = [
    "CLASH_CODES",
    "DebateReview",
    "absences",
    "add_late_team",
    "allocate_round",
    "ballots_arrived",
    "clashes",
    "close_round",
    "generate_draw",
    "missing_results",
    "move_adjudicator",
    "release_checks",
    "release_draw",
    "release_results",
    "review",
    "set_venue",
    "swap_sides",
    "swap_teams",
    "withdraw_release",
]
