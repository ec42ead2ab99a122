"""`python -m tourney.pairing`: JSON in, JSON out; bad input gives one line on stderr only."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings

from tests.hypothesis_profiles import examples
from tests.unit.pairing.builders import requests
from tourney.pairing.cli import main
from tourney.pairing.codec import request_from_json, request_to_json
from tourney.pairing.records import POWER

REQUEST = {
    "kind": "power",
    "seed": 1,
    "options": {"pairing": "fold", "avoid_same_institution": True, "avoid_same_region": False},
    "teams": [
        {"id": "T01", "institution": "A", "region": "Sughd", "points": 1, "rank": 1,
         "opponents": ["T02"], "sides": ["aff"], "byes": 0, "pullups": 0},
        {"id": "T02", "institution": "B", "region": "Sughd", "points": 1, "rank": 2,
         "opponents": ["T01"], "sides": ["neg"], "byes": 0, "pullups": 0},
        {"id": "T03", "institution": "A", "region": "GBAO", "points": 0, "rank": 3,
         "opponents": ["T04"], "sides": ["aff"]},
        {"id": "T04", "institution": "C", "region": "GBAO", "points": 0, "rank": 4,
         "opponents": ["T03"], "sides": ["neg"]},
        {"id": "T05", "institution": "D", "region": "Khatlon", "points": 0, "rank": 5},
    ],
}  # fmt: skip


def run(text: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(io.StringIO(text), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_a_request_gives_debates_with_costs_explanations_and_the_bye():
    code, out, err = run(json.dumps(REQUEST))
    assert (code, err) == (0, "")
    response = json.loads(out)
    assert response["byes"] == ["T05"]
    ids = sorted(t for d in response["debates"] for t in (d["aff"], d["neg"]))
    assert ids == ["T01", "T02", "T03", "T04"]
    for debate in response["debates"]:
        assert debate["cost"]["rematch"] == 0
        assert set(debate["cost"]) >= {
            "rematch",
            "bye",
            "pullup",
            "institution",
            "region",
            "side",
            "shape",
        }
        assert debate["explain"].startswith(f"{debate['aff']} (aff) v {debate['neg']} (neg): ")
        assert all(set(reason) == {"code", "params"} for reason in debate["reasons"])


def broken(**changes: object) -> str:
    request = json.loads(json.dumps(REQUEST))
    for path, value in changes.items():
        *parents, key = path.split("__")
        target = request
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is None:
            del target[key]
        else:
            target[key] = value
    return json.dumps(request)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (broken(teams__1__id="T01"), "duplicate team id 'T01'"),
        (broken(teams__0__opponents=["T99"]), "unknown opponent id 'T99'"),
        (broken(teams__2__rank=None), "missing field 'rank'"),
        (broken(kind="swiss"), "kind must be one of"),
        (broken(seed=None), "missing field 'seed'"),
        (broken(teams__0__points="two"), "points must be int"),
        (broken(teams__0__sides=["prop"]), "sides of team 'T01'"),
        (broken(options={"pairing": "zigzag"}), "options.pairing"),
        ('{"kind": "power", "teams": [', "not valid JSON"),
        ("[]", "request must be dict"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_nothing_on_stdout(text, message):
    code, out, err = run(text)
    assert code != 0
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.slow  # a new interpreter: seconds of wall time on a busy machine
def test_runs_as_a_module():
    done = subprocess.run(
        [sys.executable, "-m", "tourney.pairing"],
        input=json.dumps(REQUEST),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["byes"] == ["T05"]


@settings(max_examples=examples(50), deadline=None)
@given(requests(POWER, max_teams=8))
def test_a_request_survives_a_json_round_trip(request):
    assert request_from_json(json.loads(json.dumps(request_to_json(request)))) == request
