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


def test_simulate_refuses_an_unknown_format(app) -> None:
    result = app.test_cli_runner().invoke(args=["simulate", "--format", "oxford_union"])
    assert result.exit_code != 0
    assert "--format" in result.output


def test_simulate_plays_british_parliamentary_to_a_champion_with_swing_teams(app) -> None:
    bp = ["--format", "british_parliamentary", "--teams", "18", "--rounds", "2"]
    result = app.test_cli_runner().invoke(args=["simulate", *bp])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] is True and all(summary["checks"].values())
    # 18 teams and two swing teams: five rooms; a break of 8: two semifinals and the final.
    assert [r["debates"] for r in summary["rounds"] if r["kind"] == "prelim"] == [5, 5]
    eliminations = [
        (r["name"], r["debates"]) for r in summary["rounds"] if r["kind"] == "elimination"
    ]
    assert eliminations == [("semifinal", 2), ("final", 1)]
    assert summary["champion"] and not summary["champion"].startswith("Swing")


def test_simulate_gives_feedback_and_reports_the_ratings_and_allocation(app) -> None:
    args = ["simulate", "--teams", "8", "--rounds", "3", "--seed", "4", "--panel", "3"]
    result = app.test_cli_runner().invoke(args=[*args, "--no-break"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    rounds = summary["rounds"]
    # Every team on its chair, and the judges of a panel on each other.
    assert all(r["feedback"] > 2 * r["debates"] for r in rounds)
    assert summary["feedback"] == sum(r["feedback"] for r in rounds)
    first, _, third = (r["allocation"] for r in rounds)
    assert first["feedback_weight"] == 0 and first["judges_with_feedback"] == 0
    assert third["feedback_weight"] == 0.3 and third["judges_with_feedback"] > 0
    assert third["rating_moved_max"] > 0
    assert {"panel_rating_important", "panel_rating_other"} <= set(third)
