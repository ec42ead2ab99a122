from fractions import Fraction

import pytest

from tourney.scoring import PRESETS, TeamRoundResult, compute_standings

from .builders import debate

SCHOOL = PRESETS["school"]


def order(standings):
    return [(r.team_id, r.rank, r.separated_by) for r in standings.rows]


def test_wins_then_ballots_then_speaks():
    results = [
        *debate(1, "A", "B", "A", (230, 220), votes=(3, 0)),
        *debate(1, "C", "D", "C", (210, 215), votes=(2, 1)),
        *debate(2, "A", "C", "C", (225, 226), votes=(2, 1)),
        *debate(2, "B", "D", "B", (221, 219), votes=(2, 1)),
    ]
    s = compute_standings(results, SCHOOL)
    # C: 2 wins. A: 1 win, ballots 3+1=4. B: 1 win, ballots 0+2=2. D: 0 wins.
    assert order(s) == [("C", 1, None), ("A", 2, "wins"), ("B", 3, "ballots"), ("D", 4, "wins")]
    assert s.row("A").values["ballots"] == 4
    assert s.row("A").values["speaks_total"] == 455
    assert s.row("A").values["speaks_avg"] == Fraction(455, 2)
    assert s.row("A").values["margin_total"] == 10 - 1
    assert s.unresolved_ties == ()


def test_ballots_are_normalised_to_a_panel_of_three():
    # docs/domain.md, Standings: a 3–2 split on a panel of five gives 1.8 vs 1.2; a solo judge counts as 3.
    results = [*debate(1, "A", "B", "A", votes=(3, 2)), *debate(2, "A", "B", "B")]
    s = compute_standings(results, SCHOOL)
    assert s.row("A").values["ballots"] == Fraction(9, 5)
    assert s.row("B").values["ballots"] == Fraction(6, 5) + 3


def test_draw_strength_sums_the_opponents_wins():
    results = [
        *debate(1, "A", "B", "A", (200, 200)),
        *debate(1, "C", "D", "C", (200, 200)),
        *debate(2, "A", "D", "D", (200, 200)),
        *debate(2, "B", "C", "B", (200, 200)),
    ]
    s = compute_standings(results, SCHOOL)
    # Every team is on one win and 400 speaks; A met B and D (1 + 1), C met D and B (1 + 1) …
    assert {t: s.row(t).values["draw_strength"] for t in "ABCD"} == {t: 2 for t in "ABCD"}
    # … so the chain falls through to head-to-head, which cannot split four teams.
    assert s.unresolved_ties == (("A", "B", "C", "D"),)
    assert [r.rank for r in s.rows] == [1, 1, 1, 1]


def test_head_to_head_separates_exactly_two_tied_teams():
    results = [
        *debate(1, "A", "B", "B", (200, 200)),
        *debate(2, "A", "C", "A", (200, 200)),
        *debate(2, "B", "D", "D", (200, 200)),
        *debate(1, "C", "D", "C", (200, 200)),
    ]
    s = compute_standings(results, ("wins", "speaks_total", "head_to_head"))
    pairs = {r.team_id: r for r in s.rows}
    # A, B, C, D all have 1 win and 400 speaks; head-to-head cannot apply to a group of four.
    assert pairs["A"].rank == pairs["B"].rank
    s2 = compute_standings(
        [r for r in results if r.team_id in "AB" and r.round_number == 1], SCHOOL
    )
    assert order(s2) == [("B", 1, None), ("A", 2, "wins")]
    two_tied = [
        *debate(1, "A", "B", "B", (200, 210)),
        *debate(2, "A", "C", "A", (210, 200)),
        *debate(2, "B", "D", "D", (200, 210)),
    ]
    s3 = compute_standings(two_tied, ("wins", "speaks_total", "head_to_head"))
    assert order(s3)[:2] == [("B", 1, None), ("A", 2, "head_to_head")]


def test_coin_toss_settles_what_the_chain_cannot_and_is_reported_otherwise():
    results = [*debate(1, "A", "B", "A", (200, 200)), *debate(1, "C", "D", "C", (200, 200))]
    untossed = compute_standings(results, ("wins", "speaks_total", "coin_toss"))
    assert order(untossed) == [("A", 1, None), ("C", 1, "tied"), ("B", 3, "wins"), ("D", 3, "tied")]
    assert untossed.unresolved_ties == (("A", "C"), ("B", "D"))
    tossed = compute_standings(
        results, ("wins", "speaks_total", "coin_toss"), coin_toss={"A": 1, "C": 2, "B": 5}
    )
    assert order(tossed) == [
        ("C", 1, None),
        ("A", 2, "coin_toss"),
        ("B", 3, "wins"),
        ("D", 3, "tied"),
    ]
    assert tossed.unresolved_ties == (("B", "D"),)


def test_a_bye_is_a_win_with_the_teams_average_speaks():
    results = [
        *debate(1, "A", "B", "B", (200, 210)),
        *debate(2, "A", "C", "A", (220, 200)),
        TeamRoundResult.bye("A", 3),
    ]
    row = compute_standings(results, SCHOOL).row("A")
    assert row.values["wins"] == 2 and row.rounds == 3
    assert row.values["speaks_avg"] == 210
    assert row.values["speaks_total"] == 630
    assert row.values["ballots"] == 3 + 3
    assert row.values["margin_total"] == Fraction(15, 1)  # -10 + 20 + the average margin 5


def test_bp_preset_points_speaks_firsts_seconds():
    def bp(round_number, ranked, speaks):
        teams = list(ranked)
        return [
            TeamRoundResult(
                team_id=t,
                round_number=round_number,
                opponent_ids=tuple(o for o in teams if o != t),
                points=3 - i,
                won=i == 0,
                rank=i + 1,
                speaker_total=speaks[t],
            )
            for i, t in enumerate(teams)
        ]

    results = [
        *bp(1, "ABCD", {"A": 150, "B": 150, "C": 150, "D": 140}),
        *bp(2, "DCBA", {"A": 150, "B": 150, "C": 150, "D": 160}),
    ]
    s = compute_standings(results, PRESETS["bp"])
    # Every team has 3 points and 300 speaks; A and D have a first, B and C a second.
    assert order(s) == [("A", 1, None), ("D", 1, "tied"), ("B", 3, "firsts"), ("C", 3, "tied")]
    # Two rounds against the three others, each on 3 points.
    assert s.row("A").values["draw_strength"] == 2 * 3 * 3


def test_up_to_round_hides_later_rounds():
    results = [*debate(1, "A", "B", "A"), *debate(2, "A", "B", "B"), *debate(3, "A", "B", "B")]
    s = compute_standings(results, SCHOOL, up_to_round=1)
    assert order(s)[0] == ("A", 1, None)
    assert s.row("A").rounds == 1


def test_teams_without_results_are_listed_last():
    s = compute_standings(debate(1, "A", "B", "A"), SCHOOL, teams=["Z"], coin_toss={"B": 1, "Z": 0})
    assert s.team_ids == ("A", "B", "Z")
    assert s.row("Z").values["wins"] == 0 and s.row("Z").rounds == 0


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="two results"):
        compute_standings([*debate(1, "A", "B", "A"), *debate(1, "A", "C", "A")], SCHOOL)
    with pytest.raises(ValueError, match="unknown"):
        compute_standings([], ("wins", "charm"))


def test_integer_team_ids_sort_numerically_inside_a_true_tie():
    results = [*debate(1, 10, 2, 10), *debate(1, 9, 1, 9)]
    s = compute_standings(results, ("wins",))
    assert s.team_ids == (9, 10, 1, 2)


def test_unranked_teams_are_left_out_but_count_for_their_opponents_draw_strength():
    results = [
        *debate(1, "A", "S", "S", (200, 210)),  # S, a swing team, beat A
        *debate(1, "B", "C", "B", (200, 190)),
        *debate(2, "A", "C", "A", (200, 190)),
        *debate(2, "B", "S", "B", (200, 190)),
    ]
    s = compute_standings(results, SCHOOL, unranked={"S"})
    assert [r.team_id for r in s.rows] == ["B", "A", "C"]
    assert [r.rank for r in s.rows] == [1, 2, 3]
    # A met S (1 win) and C (0 wins): S's win still counts for A.
    assert s.row("A").values["draw_strength"] == 1
