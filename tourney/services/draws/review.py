"""Reviewing a draw: every debate's problems, by the engines' own rules."""

from __future__ import annotations

from typing import Any

from tourney.models import Round
from tourney.pairing.allocation_rules import check_panel
from tourney.pairing.costs import evaluate_pairing
from tourney.pairing.explain import explain
from tourney.pairing.four_team import room_clashes
from tourney.pairing.records import BP_POSITIONS, PairedDebate, TeamRecord
from tourney.services import history as history_service
from tourney.services.draws.engine_input import (
    pairing_options,
    panel_of,
    round_context,
    team_records,
)


def pairing_explanation(
    round_: Round, aff: str, neg: str, records: list[TeamRecord]
) -> dict[str, Any]:
    """A two-team debate's explanation (cost, reasons, pull-ups, text) by the pairing engine's
    own rules, for a pairing made or changed by hand."""
    kind = round_.draw_type if round_.draw_type in ("random", "power") else "power"
    assessment = evaluate_pairing(aff, neg, records, pairing_options(round_), kind=kind)
    bracket = max(r.points for r in records if r.id in (aff, neg))
    paired = PairedDebate(
        aff=aff,
        neg=neg,
        bracket=bracket,
        cost=assessment.cost,
        pullup=assessment.pullup,
        reasons=assessment.reasons,
    )
    return {
        "cost": assessment.cost.as_dict(),
        "reasons": [[code, dict(params)] for code, params in assessment.reasons],
        "pullup_teams": [int(assessment.pullup)] if assessment.pullup else [],
        "explain": explain(paired),
        "bracket": bracket,
    }


def clashes(round_: Round) -> dict[int, list[list[Any]]]:
    """Every debate's problems, by the engines' own rules: pairing costs and panel conflicts."""
    history = history_service.load(round_.tournament, before_seq=round_.seq)
    records = team_records(history, set())  # a team marked absent may still sit in the draw
    options = pairing_options(round_)
    context = round_context(round_)
    teams = context.request.team_map()
    judges = context.request.adjudicator_map()
    found: dict[int, list[list[Any]]] = {}
    for debate in context.debates.values():
        problems: list[list[Any]] = []
        sides = {dt.side: str(dt.team_id) for dt in debate.teams}
        if round_.kind == "prelim" and {"aff", "neg"} <= sides.keys():
            assessment = evaluate_pairing(
                sides["aff"], sides["neg"], records, options, kind=round_.draw_type
            )
            problems += [
                [code, dict(params)] for code, params in assessment.reasons if code in CLASH_CODES
            ]
        elif round_.kind == "prelim" and len(sides) == 4:
            room = [sides[p] for p in BP_POSITIONS if p in sides]
            problems += [
                [code, dict(params)] for code, params in room_clashes(room, records, options)
            ]
        panel = panel_of(debate)
        engine_debate = next(d for d in context.request.debates if d.id == str(debate.id))
        problems += [
            [issue.code, dict(issue.params)]
            for issue in check_panel(engine_debate, panel, teams, judges, context.request.options)
        ]
        found[debate.id] = problems
    return found


CLASH_CODES = frozenset(
    {"rematch", "same_institution", "same_region", "side_streak", "side_due", "second_bye"}
)
