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
        PlayedDebate(frozenset({101, 108}), "Room 1", through=frozenset({108})),
        PlayedDebate(frozenset({104, 105}), "Room 2", through=frozenset()),  # results not released
        PlayedDebate(frozenset({102, 107}), "Room 3", through=frozenset({102})),
        PlayedDebate(frozenset({103, 106}), "Room 4", through=frozenset({103})),
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
        [[PlayedDebate(frozenset({11, 12}), "Hall", through=frozenset({12}))]],
    )
    assert bracket.champion == Entrant(12, 2)


def test_seeds_need_not_be_contiguous() -> None:
    bracket = build({1: 11, 3: 13, 4: 14, 7: 17}, [])
    assert _pairs(bracket.columns[0]) == [(1, 7), (3, 4)]


def test_fewer_than_two_teams_make_no_bracket() -> None:
    assert build({1: 11}, []).columns == ()


# British Parliamentary brackets: rooms of four, two through, partial breaks.

BP_SEEDS = {seed: 100 + seed for seed in range(1, 13)}


def _rooms(column) -> list[list[int | None]]:
    return [[e.seed if e else None for e in m.places] for m in column.matches]


def test_a_twelve_team_bp_break_waits_four_seeds_and_folds_the_rest() -> None:
    bracket = build(BP_SEEDS, [], per_debate=4)
    partial, semi, final = bracket.columns
    assert [c.teams for c in bracket.columns] == [16, 8, 4]
    assert [e.seed for e in partial.waiting] == [1, 2, 3, 4]
    assert _rooms(partial) == [[5, 8, 9, 12], [6, 7, 10, 11]]
    assert _rooms(semi) == [[1, 4, None, None], [2, 3, None, None]]
    assert _rooms(final) == [[None] * 4]


def test_two_teams_through_take_their_rooms_slots_and_the_final_names_the_champion() -> None:
    partial = [
        PlayedDebate(frozenset({105, 108, 109, 112}), "A", through=frozenset({112, 109})),
        PlayedDebate(frozenset({106, 107, 110, 111}), "B"),  # results not released yet
    ]
    semi = [
        PlayedDebate(frozenset({101, 104, 109, 112}), "A", through=frozenset({101, 112})),
        PlayedDebate(frozenset({102, 103, 107, 110}), "B", through=frozenset({103, 110})),
    ]
    final = [PlayedDebate(frozenset({101, 112, 103, 110}), "Hall", through=frozenset({110}))]
    bracket = build(BP_SEEDS, [partial, semi, final], per_debate=4)
    first, second, last = bracket.columns
    assert [e.seed for e in first.matches[0].through] == [9, 12]
    # The semifinal draw shows who came through room B before its results are out.
    assert [e.seed for e in first.matches[1].through] == [7, 10]
    assert _rooms(second) == [[1, 4, 9, 12], [2, 3, 7, 10]]
    assert second.matches[0].winner is None and second.matches[0].decided
    assert _rooms(last) == [[1, 3, 10, 12]]
    assert bracket.champion == Entrant(110, 10)


def test_a_sixteen_team_bp_bracket_is_shown_so_rooms_one_and_four_feed_the_first_semi() -> None:
    bracket = build({seed: seed for seed in range(1, 17)}, [], per_debate=4)
    quarters = _rooms(bracket.columns[0])
    assert quarters == [[1, 8, 9, 16], [4, 5, 12, 13], [2, 7, 10, 15], [3, 6, 11, 14]]
    assert bracket.columns[0].waiting == []


def test_a_bp_break_that_does_not_fold_has_no_bracket() -> None:
    assert build({seed: seed for seed in range(1, 11)}, [], per_debate=4).columns == ()
