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


def test_simulate_refuses_an_unknown_format_and_bp_eliminations(app) -> None:
    for args in (["--format", "oxford_union"], ["--format", "british_parliamentary"]):
        result = app.test_cli_runner().invoke(args=["simulate", *args])
        assert result.exit_code != 0
        assert "--format" in result.output


def test_simulate_plays_british_parliamentary_prelims(app) -> None:
    bp = ["--format", "british_parliamentary", "--teams", "8", "--rounds", "2", "--no-break"]
    result = app.test_cli_runner().invoke(args=["simulate", *bp])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] is True and all(summary["checks"].values())
    assert all(r["debates"] == 2 for r in summary["rounds"])
