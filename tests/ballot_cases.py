"""The shared ballot cases (tests/ballot_cases.json): read once, expanded into form fields.

The Python validator and static/js/ballot_rules.js are both asked every case with the same
flat form fields and the same client config, so their answers can be compared exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tourney.scoring import FORMATS, Format

CASES_FILE = Path(__file__).with_name("ballot_cases.json")


def load() -> dict[str, Any]:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


def format_of(case: dict[str, Any]) -> Format:
    return FORMATS[case["format"]].with_options(**case.get("options", {}))


def fields(case: dict[str, Any], rosters: dict[str, list[str]]) -> dict[str, str]:
    """The case as the names and values the ballot form posts."""
    fmt = format_of(case)
    data = {"debate_id": "1", "key": "k" * 32, "comments": ""}
    for side in fmt.sides:
        order = case.get("speakers", {}).get(side) or rosters[side]
        for index, (position, score) in enumerate(
            zip(fmt.positions, case["scores"][side], strict=True)
        ):
            speaker = order[index] if index < len(order) else order[0]  # the reply: speaker 1
            data[f"{side}.{position.code}.speaker"] = speaker
            data[f"{side}.{position.code}.score"] = score
    if fmt.teams_per_debate == 2:
        data["winner"] = case.get("winner", "")
        data["low_point_win"] = "1" if case.get("low_point_win") else ""
    else:
        for side in fmt.sides:
            data[f"ranks.{side}"] = case.get("ranks", {}).get(side, "")
    return data


def side_blocks(fmt: Format, rosters: dict[str, list[str]]) -> list[Any]:
    """Stand-ins for web.ballot_form.SideBlock: what client_config reads of a debate's teams."""
    from tourney.web.ballot_errors import side_label
    from tourney.web.ballot_form import SideBlock

    return [
        SideBlock(
            side=side,
            label=side_label(fmt, side),
            team=SimpleNamespace(
                name=f"Team {side}",
                speakers=[SimpleNamespace(id=int(i), name=f"Speaker {i}") for i in rosters[side]],
            ),
            slots=[],
        )
        for side in fmt.sides
    ]
