import pytest

from tourney.scoring import BreakCategory, compute_break

from .builders import ladder


def test_top_n_break_with_seeds_for_the_pairing_engine():
    result = compute_break(ladder(*"ABCDEFGH"), [BreakCategory("open", 4)])
    open_ = result.category("open")
    assert open_.seeding == (("A", 1), ("B", 2), ("C", 3), ("D", 4))
    assert open_.complete and open_.tie_at_line == () and open_.open_slots == 0


def test_tie_at_the_break_line_is_reported_not_decided():
    open_ = compute_break(ladder("A", "B", "C", "DE", "F"), [BreakCategory("open", 4)]).category(
        "open"
    )
    assert [t.team_id for t in open_.breaking] == ["A", "B", "C"]
    assert open_.tie_at_line == ("D", "E") and open_.open_slots == 1
    assert not open_.complete


def test_a_tie_inside_the_break_is_not_a_problem_for_the_line():
    open_ = compute_break(ladder("A", "BC", "D", "E"), [BreakCategory("open", 4)]).category("open")
    assert [(t.team_id, t.seed, t.standing_rank) for t in open_.breaking] == [
        ("A", 1, 1),
        ("B", 2, 2),
        ("C", 3, 2),
        ("D", 4, 4),
    ]
    assert open_.complete


def test_a_team_breaks_only_in_its_highest_priority_category():
    standings = ladder(*"ABCDEFGH")
    russian = BreakCategory("russian", 2, priority=1, eligible={"B", "C", "F", "G"})
    result = compute_break(standings, [russian, BreakCategory("open", 2, priority=0)])
    assert [c.code for c in result.categories] == ["open", "russian"]
    assert result.category("open").seeding == (("A", 1), ("B", 2))
    ru = result.category("russian")
    assert ru.seeding == (("C", 1), ("F", 2))
    assert [(r.team_id, r.code, dict(r.params)) for r in ru.remarks] == [
        ("B", "broke_in_other_category", {"category": "open"})
    ]


def test_undecided_teams_make_lower_categories_provisional():
    standings = ladder("A", "BC", "D")
    result = compute_break(
        standings,
        [BreakCategory("open", 2), BreakCategory("school", 1, priority=1, eligible={"C", "D"})],
    )
    assert result.category("open").tie_at_line == ("B", "C")
    school = result.category("school")
    assert school.seeding == (("D", 1),) and not school.complete
    assert [r.code for r in school.remarks] == ["undecided_in_other_category"]


def test_institution_cap():
    standings = ladder(*"ABCDE")
    institutions = {"A": "lyceum1", "B": "lyceum1", "C": "lyceum1", "D": "school5"}
    result = compute_break(
        standings, [BreakCategory("open", 3, institution_cap=2)], institutions=institutions
    )
    open_ = result.category("open")
    assert open_.seeding == (("A", 1), ("B", 2), ("D", 3))
    assert [(r.team_id, r.code) for r in open_.remarks] == [("C", "capped")]


def test_category_smaller_field_than_size_breaks_everyone_eligible():
    result = compute_break(ladder(*"ABC"), [BreakCategory("english", 4, eligible={"C", "A"})])
    assert result.category("english").seeding == (("A", 1), ("C", 2))


def test_bad_categories():
    with pytest.raises(ValueError):
        BreakCategory("open", 0)
    with pytest.raises(ValueError):
        compute_break(ladder("A"), [BreakCategory("x", 1), BreakCategory("x", 2)])
