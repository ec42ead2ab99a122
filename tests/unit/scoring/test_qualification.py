from tourney.scoring import CutTie, qualify

from .builders import ladder


def district(prefix, *metrics, groups=None):
    """A district's standings; teams are prefix1, prefix2, … with (wins, speaks_avg) each."""
    names = [f"{prefix}{i}" for i in range(1, len(metrics) + 1)]
    values = [{"wins": w, "speaks_avg": s} for w, s in metrics]
    if groups is None:
        return ladder(*[[n] for n in names], values=values)
    grouped, i = [], 0
    for size in groups:
        grouped.append(names[i : i + size])
        i += size
    return ladder(*grouped, values=[values[sum(groups[:k])] for k in range(len(groups))])


DISTRICTS = {
    "dushanbe": district("du", (4, 220), (3, 215), (3, 212), (2, 230)),
    "sughd": district("su", (4, 210), (3, 205), (3, 219), (1, 200)),
    "khatlon": district("kh", (3, 200), (2, 201), (2, 199), (0, 180)),
    "gbao": district("gb", (4, 205), (2, 210), (1, 190)),
}


def summary(result):
    return [(q.team_id, q.district, q.district_rank, q.how) for q in result.qualifiers]


def test_top_k_per_district_plus_best_wildcards():
    result = qualify(DISTRICTS, top_k=2, wildcards=2)
    assert summary(result) == [
        ("du1", "dushanbe", 1, "top_k"),
        ("du2", "dushanbe", 2, "top_k"),
        ("gb1", "gbao", 1, "top_k"),
        ("gb2", "gbao", 2, "top_k"),
        ("kh1", "khatlon", 1, "top_k"),
        ("kh2", "khatlon", 2, "top_k"),
        ("su1", "sughd", 1, "top_k"),
        ("su2", "sughd", 2, "top_k"),
        # Wildcards: 3 wins for su3 (219) and du3 (212); then kh3 on 2 wins.
        ("su3", "sughd", 3, "wildcard"),
        ("du3", "dushanbe", 3, "wildcard"),
    ]
    assert [q.team_id for q in result.alternates] == ["du4", "kh3", "su4", "gb3", "kh4"]
    assert result.complete and result.ties == ()


def test_a_declining_team_is_replaced_by_the_next_alternate():
    result = qualify(DISTRICTS, top_k=2, wildcards=2, declined={"du1", "su3"})
    got = summary(result)
    # du1's district seat goes to du3, the next team in Dushanbe.
    assert got[:2] == [("du2", "dushanbe", 2, "top_k"), ("du3", "dushanbe", 3, "alternate")]
    # su3 would have had the first wildcard: du4 keeps a wildcard it earned in second place,
    # and kh3 moves up into su3's seat as an alternate.
    assert got[-2:] == [("du4", "dushanbe", 4, "wildcard"), ("kh3", "khatlon", 3, "alternate")]
    assert [q.team_id for q in result.alternates] == ["su4", "gb3", "kh4"]
    assert "du1" not in [q.team_id for q in result.qualifiers]
    assert result.declined == ("du1", "su3")


def test_declines_fill_from_the_next_alternate_exactly():
    result = qualify(DISTRICTS, top_k=2, wildcards=1, declined={"su3"})
    assert summary(result)[-1] == ("du3", "dushanbe", 3, "alternate")
    assert result.alternates[0].team_id == "du4"


def test_tie_at_a_district_cut_leaves_both_that_seat_and_the_wildcard_undecided():
    districts = {
        "dushanbe": district("du", (4, 220), (3, 215), (3, 215), (1, 200), groups=[1, 2, 1]),
        "sughd": district("su", (4, 210), (1, 205)),
    }
    result = qualify(districts, top_k=2, wildcards=1)
    # Whichever of du2/du3 loses the district tie takes the wildcard; du4 is out of contention.
    assert result.ties == (
        CutTie("dushanbe", ("du2", "du3"), 1),
        CutTie("wildcard", ("du2", "du3"), 1),
    )
    assert not result.complete
    assert [q.team_id for q in result.qualifiers] == ["du1", "su1", "su2"]
    assert [q.team_id for q in result.alternates] == ["du4"]


def test_wildcards_ranked_above_a_district_tie_are_decided():
    districts = {
        "dushanbe": district("du", (4, 220), (2, 215), (2, 215), (1, 200), groups=[1, 2, 1]),
        "sughd": district("su", (4, 210), (3, 205), (3, 190), (1, 190)),
    }
    result = qualify(districts, top_k=2, wildcards=2)
    # su3 (3 wins) is above both pending teams: its wildcard is safe. The second wildcard goes to
    # the loser of du2/du3; du4 and su4 (1 win) cannot reach it.
    assert result.ties == (
        CutTie("dushanbe", ("du2", "du3"), 1),
        CutTie("wildcard", ("du2", "du3"), 1),
    )
    assert [(q.team_id, q.how) for q in result.qualifiers] == [
        ("du1", "top_k"),
        ("su1", "top_k"),
        ("su2", "top_k"),
        ("su3", "wildcard"),
    ]
    assert [q.team_id for q in result.alternates] == ["du4", "su4"]


def test_a_district_tie_below_the_wildcards_does_not_block_them():
    districts = {
        "dushanbe": district("du", (4, 220), (1, 215), (1, 215), groups=[1, 2]),
        "sughd": district("su", (4, 210), (3, 205), (3, 190), (0, 190)),
    }
    result = qualify(districts, top_k=2, wildcards=1)
    assert result.ties == (CutTie("dushanbe", ("du2", "du3"), 1),)
    assert [(q.team_id, q.how) for q in result.qualifiers][-1] == ("su3", "wildcard")
    assert [q.team_id for q in result.alternates] == ["su4"]


def test_tie_at_the_wildcard_cut_is_reported():
    districts = {
        "dushanbe": district("du", (4, 220), (2, 210)),
        "sughd": district("su", (4, 210), (2, 210)),
        "gbao": district("gb", (4, 210), (1, 210)),
    }
    result = qualify(districts, top_k=1, wildcards=1)
    assert result.ties == (CutTie("wildcard", ("du2", "su2"), 1),)
    assert [q.how for q in result.qualifiers] == ["top_k"] * 3
    assert [q.team_id for q in result.alternates] == ["gb2"]


def test_wildcard_metric_chain_is_configurable():
    result = qualify(DISTRICTS, top_k=2, wildcards=1, wildcard_precedence=("speaks_avg",))
    assert summary(result)[-1] == ("du4", "dushanbe", 4, "wildcard")


def test_a_recorded_coin_toss_settles_the_wildcard_tie():
    districts = {
        "dushanbe": district("du", (4, 220), (2, 210)),
        "sughd": district("su", (4, 210), (2, 210)),
    }
    result = qualify(districts, top_k=1, wildcards=1, coin_toss={"su2": 2, "du2": 1})
    assert result.complete
    assert [(q.team_id, q.how) for q in result.qualifiers][-1] == ("su2", "wildcard")
    assert [q.team_id for q in result.alternates] == ["du2"]
    partial = qualify(districts, top_k=1, wildcards=1, coin_toss={"su2": 2})
    assert partial.ties == (CutTie("wildcard", ("du2", "su2"), 1),)


def test_quota_per_district() -> None:
    from tourney.scoring import compute_standings
    from tourney.scoring.standings import TeamRoundResult

    def table(prefix: str, n: int):
        results = [
            TeamRoundResult(team_id=f"{prefix}{i}", round_number=1, points=n - i, won=i < n // 2)
            for i in range(n)
        ]
        return compute_standings(results, ("points",))

    result = qualify({"DU": table("d", 6), "GB": table("g", 4)}, {"DU": 3, "GB": 1}, 0)
    chosen = sorted(q.team_id for q in result.qualifiers)
    assert chosen == ["d0", "d1", "d2", "g0"]
