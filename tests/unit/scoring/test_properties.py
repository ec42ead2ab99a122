"""Hypothesis properties: standings are a total order, later rounds never change earlier ones,
and no engine depends on the order of its input."""

from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tourney.scoring import (
    FORMATS,
    PRESETS,
    TEAM_METRICS,
    BreakCategory,
    SpeakerRoundScore,
    TeamRoundResult,
    compute_break,
    compute_standings,
    decide_debate,
    qualify,
    speaker_tab,
    validate_ballot,
)

from .builders import ballot, debate, roster

PROPERTY = settings(max_examples=examples(60), deadline=None)
VALUE_METRICS = [m for m in TEAM_METRICS if m not in ("head_to_head", "coin_toss")]


@st.composite
def tournaments(draw, max_teams=9, max_rounds=4):
    """Round records for a two-team tournament with power-free random draws and byes."""
    teams = list(range(draw(st.integers(2, max_teams))))
    results = []
    for round_number in range(1, draw(st.integers(1, max_rounds)) + 1):
        field = draw(st.permutations(teams))
        if len(field) % 2:
            results.append(TeamRoundResult.bye(field.pop(), round_number))
        for a, b in zip(field[::2], field[1::2], strict=True):
            votes = draw(st.sampled_from([(1, 0), (3, 0), (2, 1), (3, 2)]))
            speaks = (draw(st.integers(200, 206)), draw(st.integers(200, 206)))
            winner = a if draw(st.booleans()) else b
            results += debate(round_number, a, b, winner, speaks, votes)
    return teams, results


precedences = st.sampled_from(list(PRESETS.values())) | st.lists(
    st.sampled_from(TEAM_METRICS), min_size=1, max_size=6
)
coin_tosses = st.none() | st.dictionaries(st.integers(0, 8), st.integers(0, 3), max_size=9)


@PROPERTY
@given(tournaments(), precedences, coin_tosses)
def test_standings_are_a_total_order_explained_by_their_separators(data, precedence, toss):
    teams, results = data
    s = compute_standings(results, precedence, toss)
    assert sorted(s.team_ids) == teams
    rows = s.rows
    assert rows[0].rank == 1 and rows[0].separated_by is None
    for index, (upper, lower) in enumerate(pairwise(rows), start=1):
        if lower.separated_by == "tied":
            assert lower.rank == upper.rank
            continue
        assert lower.rank == index + 1
        code = lower.separated_by
        assert code in precedence
        earlier = precedence[: precedence.index(code)]
        for m in earlier:
            if m in VALUE_METRICS:
                assert upper.values[m] == lower.values[m]
        if code in VALUE_METRICS:
            assert upper.values[code] > lower.values[code]
        if code == "coin_toss":
            assert upper.values["coin_toss"] > lower.values["coin_toss"]
    tied = {t for group in s.unresolved_ties for t in group}
    assert tied == {r.team_id for r in rows if any(o.rank == r.rank and o is not r for o in rows)}


@PROPERTY
@given(tournaments(), precedences, coin_tosses, st.randoms(use_true_random=False))
def test_input_order_changes_nothing(data, precedence, toss, rnd):
    _, results = data
    shuffled = list(results)
    rnd.shuffle(shuffled)
    s = compute_standings(results, precedence, toss)
    assert compute_standings(shuffled, precedence, toss) == s
    categories = [BreakCategory("open", 2), BreakCategory("even", 2, 1, eligible={0, 2, 4, 6, 8})]
    assert compute_break(s, categories) == compute_break(s, list(reversed(categories)))


@PROPERTY
@given(tournaments(max_rounds=3), tournaments(max_rounds=1), precedences)
def test_a_later_round_never_changes_earlier_standings(data, later, precedence):
    teams, results = data
    last = max(r.round_number for r in results)
    extra = [
        replace(r, round_number=last + 1)
        for r in later[1]
        if r.team_id in teams and all(o in teams for o in r.opponent_ids)
    ]
    before = compute_standings(results, precedence)
    assert compute_standings([*results, *extra], precedence, up_to_round=last) == before


@PROPERTY
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(1, 4), st.integers(60, 80), st.booleans()),
        min_size=1,
        max_size=30,
        unique_by=lambda t: (t[0], t[1], t[3]),
    ),
    st.sampled_from(["average", "trimmed_mean", "total"]),
    st.randoms(use_true_random=False),
)
def test_speaker_tab_ignores_input_order(rows, metric, rnd):
    scores = [SpeakerRoundScore(s, f"T{s}", r, Decimal(v), is_reply=rep) for s, r, v, rep in rows]
    shuffled = list(scores)
    rnd.shuffle(shuffled)
    for replies in (False, True):
        assert speaker_tab(shuffled, metric, replies=replies) == speaker_tab(
            scores, metric, replies=replies
        )


WSDC = FORMATS["world_schools"]
halves = st.integers(120, 160).map(lambda n: Decimal(n) / 2)  # 60–80 in steps of 0.5
reply_halves = st.integers(60, 80).map(lambda n: Decimal(n) / 2)


@st.composite
def wsdc_ballots(draw, judge_id=None):
    scores = {side: [draw(halves) for _ in range(3)] + [draw(reply_halves)] for side in WSDC.sides}
    totals = {side: sum(v) for side, v in scores.items()}
    winner = max(WSDC.sides, key=lambda s: totals[s])
    b = ballot(WSDC, scores, winner=winner, judge_id=judge_id, is_chair=judge_id == 0)
    return b, totals["aff"] == totals["neg"]


@PROPERTY
@given(wsdc_ballots())
def test_any_in_range_ballot_won_by_the_higher_total_is_valid(generated):
    b, tied = generated
    errors = validate_ballot(WSDC, roster(WSDC), b)
    assert [e.code for e in errors] == (["totals_tied"] if tied else [])


@PROPERTY
@given(st.lists(st.integers(1, 2**31), min_size=1, max_size=5, unique=True), st.data())
def test_panel_decision_ignores_ballot_order(judges, data):
    ballots = [data.draw(wsdc_ballots(judge_id=j))[0] for j in [0, *judges]]
    ballots = [b for b in ballots if validate_ballot(WSDC, roster(WSDC), b) == []]
    if not any(b.is_chair for b in ballots):
        return
    first = decide_debate(WSDC, ballots)
    assert decide_debate(WSDC, list(reversed(ballots))) == first
    assert first.votes[first.winner] * 2 >= first.voting_ballots


@PROPERTY
@given(tournaments(), tournaments(), st.integers(0, 3), st.integers(0, 3), st.data())
def test_qualification_is_independent_of_district_order(north, south, top_k, wild, data):
    districts = {
        "khatlon": compute_standings(north[1], PRESETS["school"]),
        "sughd": compute_standings(
            [
                replace(
                    r,
                    team_id=f"s{r.team_id}",
                    opponent_ids=tuple(f"s{o}" for o in r.opponent_ids),
                )
                for r in south[1]
            ],
            PRESETS["school"],
        ),
    }
    every = [t for s in districts.values() for t in s.team_ids]
    declined = set(data.draw(st.lists(st.sampled_from(every), max_size=3)))
    result = qualify(districts, top_k, wild, declined)
    assert qualify(dict(reversed(districts.items())), top_k, wild, declined) == result
    qualified = [q.team_id for q in result.qualifiers]
    assert len(qualified) == len(set(qualified)) and not declined & set(qualified)
    tied = {t for tie in result.ties for t in tie.team_ids}
    assert len(qualified) + sum(t.open_slots for t in result.ties) <= 2 * top_k + wild
    assert not set(qualified) & {a.team_id for a in result.alternates}
    assert not tied & {a.team_id for a in result.alternates}
