"""The Python side of the shared ballot cases: the form parser plus the scoring engine must give
exactly the errors tests/ballot_cases.json lists (the browser's side: tests/e2e)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import ballot_cases
from tourney.scoring import DebateContext, validate_ballot
from tourney.web import ballot_form

SHARED = ballot_cases.load()


def python_answer(case: dict) -> list[list[str]]:
    fmt = ballot_cases.format_of(case)
    rosters = SHARED["rosters"]
    submission, input_errors = ballot_form.parse(fmt, ballot_cases.fields(case, rosters))
    context = DebateContext({side: {int(i) for i in rosters[side]} for side in fmt.sides})
    seat = SimpleNamespace(adjudicator_id=1, role="chair")
    engine = validate_ballot(fmt, context, submission.ballot_input(seat))
    return sorted([e.field, str(e.code)] for e in ballot_form.combine(input_errors, engine))


@pytest.mark.parametrize("case", SHARED["cases"], ids=lambda case: case["name"])
def test_the_python_validator_answers_every_shared_case(case: dict) -> None:
    assert python_answer(case) == sorted(case["errors"])
