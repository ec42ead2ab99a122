"""The JSON command: request parsing and validation, response shape, exit codes."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from typing import Any

import pytest

from tourney.pairing.allocate import main
from tourney.pairing.allocation_json import AllocationInputError, from_json

REQUEST: dict[str, Any] = {
    "seed": 1,
    "panel_size": 3,
    "options": {"neutral_region": False},
    "debates": [
        {"id": "D1", "teams": ["T01", "T09"], "importance": 2},
        {"id": "D2", "teams": ["T02", "T03"]},
    ],
    "teams": [
        {"id": "T01", "institution": "Лицей 1", "region": "Sughd"},
        {"id": "T09", "institution": "Лицей 2", "region": "Dushanbe"},
        {"id": "T02", "institution": "Гимназия 5", "region": "GBAO", "needs_access": True},
        {"id": "T03", "institution": "Школа 7", "region": "Khatlon"},
    ],
    "adjudicators": [
        {"id": "J1", "institution": "Лицей 1", "region": "Sughd", "rating": 9},
        {"id": "J2", "institution": "ТНУ", "region": "Dushanbe", "rating": 8, "seen": ["T01"]},
        {"id": "J3", "institution": "ТНУ", "rating": 6, "conflicts": ["T03", "inst:лицей 2"]},
        {"id": "J4", "institution": "X", "rating": 5, "role": "wing"},
        {"id": "J5", "institution": "Y", "rating": 7},
        {"id": "J6", "institution": "Z", "rating": 4},
        {"id": "J7", "institution": "Z", "rating": 3, "role": "trainee"},
        {"id": "J8", "institution": "Z", "rating": 3, "absent": True},
    ],
    "rooms": [
        {"id": "R1", "priority": 1, "accessible": False},
        {"id": "R2", "priority": 2, "accessible": True},
    ],
}


def run(request: Any) -> tuple[int, str, str]:
    stdin = io.StringIO(request if isinstance(request, str) else json.dumps(request))
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(stdin, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_allocates_the_request_and_answers_json():
    code, out, err = run(REQUEST)
    assert (code, err) == (0, "")
    response = json.loads(out)
    assert set(response) == {"panels", "unallocated", "uncovered"}
    panels = {p["debate"]: p for p in response["panels"]}
    assert set(panels) == {"D1", "D2"}
    # J1 (Лицей 1) and J3 (conflict with Лицей 2 and T03) may not judge either debate's teams.
    assert "J1" not in [panels["D1"]["chair"], *panels["D1"]["panellists"]]
    assert "J3" in response["unallocated"]
    assert "J8" not in response["unallocated"]
    assert panels["D2"]["room"] == "R2"  # T02 needs access
    for panel in panels.values():
        for warning in panel["warnings"]:
            assert set(warning) == {"code", "params", "message"}
    short = [w for p in panels.values() for w in p["warnings"] if w["code"] == "short_panel"]
    assert [w["params"] for w in short] == [{"needed": 3, "have": 2}]


def with_change(path: str, value: Any) -> dict[str, Any]:
    """REQUEST with one field replaced; path like 'adjudicators.0.rating'."""
    request = copy.deepcopy(REQUEST)
    *parents, last = path.split(".")
    target: Any = request
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return request


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ("{", "not valid JSON"),
        ([], "expected an object"),
        (with_change("panel_size", 2), "panel_size: expected an odd size"),
        (with_change("options.neutral", True), "options.neutral: unknown field"),
        (with_change("adjudicators.0.rating", "high"), "adjudicators[0].rating: expected a number"),
        (with_change("adjudicators.1.role", "chair"), "adjudicators[1].role: expected one of"),
        (with_change("adjudicators.2.absent", "yes"), "adjudicators[2].absent: expected true"),
        (with_change("adjudicators.3.id", "J1"), "adjudicators[3].id: duplicate id 'J1'"),
        (with_change("debates.1.teams", ["T02", "T99"]), "unknown team 'T99'"),
        (with_change("debates.1.teams", ["T02", "T01"]), "team 'T01' is also in debate 'D1'"),
        (with_change("debates.0.importance", 1.5), "debates[0].importance: expected an integer"),
        (with_change("teams.0.id", ""), "teams[0].id: must not be empty"),
        (with_change("rooms", {"id": "R1"}), "rooms: expected a list"),
    ],
)
def test_bad_input_fails_with_one_line_and_no_output(request_: Any, message: str):
    code, out, err = run(request_)
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err


def test_missing_rating_is_an_error():
    request = copy.deepcopy(REQUEST)
    del request["adjudicators"][0]["rating"]
    with pytest.raises(AllocationInputError, match=r"adjudicators\[0\]\.rating: missing"):
        from_json(request)


def test_importance_is_derived_from_brackets_when_not_given():
    request = copy.deepcopy(REQUEST)
    request["debates"] = [
        {"id": "D1", "teams": ["T01", "T09"], "bracket": 2},
        {"id": "D2", "teams": ["T02", "T03"], "bracket": 3},
    ]
    assert [d.importance for d in from_json(request).debates] == [0, 1]
    request["options"]["bubble_bracket"] = 2
    assert [d.importance for d in from_json(request).debates] == [1, 1]
    request["debates"][0]["importance"] = 5
    assert [d.importance for d in from_json(request).debates] == [5, 1]


@pytest.mark.slow  # a new interpreter: seconds of wall time on a busy machine
def test_runs_as_a_module():
    done = subprocess.run(
        [sys.executable, "-m", "tourney.pairing.allocate"],
        input=json.dumps(REQUEST),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["panels"][0]["debate"] == "D1"
