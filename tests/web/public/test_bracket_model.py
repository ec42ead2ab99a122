"""The bracket model: the standard seeded shape, byes, and filling in from released data only."""

from __future__ import annotations

from tourney.services.bracket import Entrant, PlayedDebate, build

SEEDS = {seed: 100 + seed for seed in range(1, 9)}  # seed → team id


def _pairs(column) -> list[tuple[int | None, int | None]]:
    return [
        (m.top.seed if m.top else None, m.bottom.seed if m.bottom else None) for m in column.matches
    ]


def test_eight_teams_meet_in_the_standard_order() -> None:
    bracket = build(SEEDS, [])
    assert [c.teams for c in bracket.columns] == [8, 4, 2]
    assert _pairs(bracket.columns[0]) == [(1, 8), (4, 5), (2, 7), (3, 6)]
    assert _pairs(bracket.columns[1]) == [(None, None), (None, None)]
    assert bracket.champion is None


def test_top_seeds_get_byes_when_the_break_is_not_a_power_of_two() -> None:
    bracket = build({seed: 100 + seed for seed in range(1, 7)}, [])
    first = bracket.columns[0]
    assert [m.bye for m in first.matches] == [True, False, True, False]
    assert _pairs(bracket.columns[1]) == [(1, None), (2, None)]


def test_results_fill_in_winners_and_the_next_draw_reveals_them() -> None:
    quarter = [
        PlayedDebate(frozenset({101, 108}), "Room 1", winner=108),
        PlayedDebate(frozenset({104, 105}), "Room 2", winner=None),  # results not released
        PlayedDebate(frozenset({102, 107}), "Room 3", winner=102),
        PlayedDebate(frozenset({103, 106}), "Room 4", winner=103),
    ]
    semi = [PlayedDebate(frozenset({108, 105}), "Room 1")]  # the draw shows 5 beat 4
    bracket = build(SEEDS, [quarter, semi])
    first, second, final = bracket.columns
    assert first.matches[0].winner == Entrant(108, 8)
    assert first.matches[0].venue == "Room 1"
    assert first.matches[1].winner == Entrant(105, 5)
    assert _pairs(second) == [(8, 5), (2, 3)]
    assert second.matches[0].winner is None
    assert _pairs(final) == [(None, None)]


def test_the_champion_is_the_winner_of_the_final() -> None:
    bracket = build(
        {1: 11, 2: 12},
        [[PlayedDebate(frozenset({11, 12}), "Hall", winner=12)]],
    )
    assert bracket.champion == Entrant(12, 2)


def test_seeds_need_not_be_contiguous() -> None:
    bracket = build({1: 11, 3: 13, 4: 14, 7: 17}, [])
    assert _pairs(bracket.columns[0]) == [(1, 7), (3, 4)]


def test_fewer_than_two_teams_make_no_bracket() -> None:
    assert build({1: 11}, []).columns == ()
