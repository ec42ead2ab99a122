"""Allocate judges and rooms to the debates of a round: ``python -m tourney.pairing.allocate``.

Reads one JSON request on stdin and writes the allocation as JSON on stdout. Bad input exits
with status 2 and one line on stderr (nothing on stdout).

Request (fields marked * are optional; defaults in brackets)::

    {
      "seed": 1,                      * tie-breaks between equally good allocations [0]
      "panel_size": 3,                * voting judges per debate: 1, 3, 5, 7 or 9 [3]
      "options": {                    *
        "neutral_region": false,      * judges never sit on a team of their own region [false]
        "room_priority": false,       * the most important debates get the best rooms [false]
        "trainees": true,             * place trainee judges, one per debate per pass [true]
        "bubble_bracket": 2           * bracket of the bubble rooms, for derived importance
      },
      "debates": [{"id": "D1", "teams": ["T01", "T09"],
                   "importance": 2,   * higher matters more [0, or derived from "bracket"]
                   "bracket": 3}],    * if importance is absent: the top and bubble brackets
                                        get importance 1, other debates 0
      "teams": [{"id": "T01", "institution": "…", "region": "…",
                 "needs_access": false,       * needs an accessible room [false]
                 "previous_building": "A"}],  * building of the previous round [""]
      "adjudicators": [{"id": "J1", "institution": "…", "region": "…", "rating": 7.5,
                        "role": "any",        * "any" | "wing" (never chairs) | "trainee" [any]
                        "conflicts": ["T03", "inst:Лицей 2"],  * team ids or inst:<name> [[]]
                        "seen": ["T01"],      * teams judged before (a soft cost) [[]]
                        "needs_access": false, "absent": false, "previous_building": ""}],
      "rooms": [{"id": "R1",
                 "priority": 1,               * higher is better [0]
                 "accessible": true,          * [false]
                 "building": "A"}]            * [""]
    }

Unknown top-level or option fields are errors; unknown fields inside records are ignored.

Response::

    {"panels": [{"debate": "D1", "chair": "J1", "panellists": ["J4", "J7"], "trainees": [],
                 "room": "R1", "warnings": [{"code": "judged_before",
                 "params": {"judge": "J4", "team": "T01"}, "message": "…"}]}],
     "unallocated": ["J9"],
     "uncovered": [{"code": "no_conflict_free_chair", "params": {"debate": "D7", …}, …}]}

A debate is uncovered when it has no chair; short panels are warnings (``short_panel``).
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from tourney.pairing.adjudicators import allocate_adjudicators
from tourney.pairing.allocation_json import AllocationInputError, from_json, to_json
from tourney.pairing.allocation_model import Allocation, AllocationRequest
from tourney.pairing.rooms import allocate_rooms


def allocate(request: AllocationRequest) -> Allocation:
    """Judges first (their access needs matter for rooms), then rooms."""
    return allocate_rooms(request, allocate_adjudicators(request))


def main(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    try:
        request = from_json(json.load(stdin))
    except json.JSONDecodeError as error:
        stderr.write(f"error: request is not valid JSON: {error}\n")
        return 2
    except AllocationInputError as error:
        stderr.write(f"error: {error}\n")
        return 2
    json.dump(to_json(allocate(request)), stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.stdin, sys.stdout, sys.stderr))
