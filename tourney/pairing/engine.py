"""The one entry point for draws: validate, then pair by teams per debate and the round's kind."""

from __future__ import annotations

from tourney.pairing.elimination import pair_elimination
from tourney.pairing.four_team import pair_four_team_round
from tourney.pairing.four_team_elimination import pair_four_team_elimination
from tourney.pairing.matched_round import pair_matched_round
from tourney.pairing.matching import RUSTWORKX
from tourney.pairing.records import ELIMINATION, Draw, PairingRequest
from tourney.pairing.validation import check_request


def pair_round(request: PairingRequest, *, solver: str = RUSTWORKX) -> Draw:
    """Draw a random, power-paired or elimination round of two-team debates or four-team rooms. Raises PairingInputError on bad input.

    Deterministic: the same request (in any team order) gives the same draw.
    """
    check_request(request)
    if request.teams_per_debate == 4:
        if request.kind == ELIMINATION:
            return pair_four_team_elimination(request)
        return pair_four_team_round(request)
    if request.kind == ELIMINATION:
        return pair_elimination(request)
    return pair_matched_round(request, solver=solver)
