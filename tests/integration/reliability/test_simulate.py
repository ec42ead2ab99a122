"""`tourney simulate`: a whole tournament through the real services, one JSON summary."""

from __future__ import annotations

import json


def test_simulate_prints_a_summary_whose_checks_hold(app) -> None:
    result = app.test_cli_runner().invoke(
        args=["simulate", "--teams", "5", "--rounds", "2", "--seed", "3", "--no-break"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] is True
    assert all(summary["checks"].values())
    assert [r["round"] for r in summary["rounds"]] == [1, 2]
    assert all(r["queries"] > 0 and r["debates"] == 2 for r in summary["rounds"])
    assert summary["ballots"] == 4
    assert summary["rematches"] == 0


def test_simulate_refuses_an_unsupported_format(app) -> None:
    result = app.test_cli_runner().invoke(args=["simulate", "--format", "british_parliamentary"])
    assert result.exit_code != 0
    assert "--format" in result.output
