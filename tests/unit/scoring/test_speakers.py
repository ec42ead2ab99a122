from decimal import Decimal
from fractions import Fraction

import pytest

from tourney.scoring import SpeakerRoundScore, speaker_tab


def speeches(speaker, team, *scores, reply=False):
    return [
        SpeakerRoundScore(speaker, team, r, Decimal(str(s)), is_reply=reply)
        for r, s in enumerate(scores, start=1)
    ]


SCORES = [
    *speeches("ann", "A", 70, 75, 80, 71),  # avg 74, trimmed (71+75)/2 = 73, total 296
    *speeches("bob", "B", 74, 74, 74, 74),  # avg 74, trimmed 74, total 296
    *speeches("cat", "C", 78, 79),  # avg 78.5, total 157 (missed rounds)
    *speeches("ann", "A", 38, reply=True),
    *speeches("dan", "D", 36, 39, reply=True),
]


def table(tab, *fields):
    return [tuple(getattr(r, f) for f in ("speaker_id", *fields)) for r in tab.rows]


def test_average_ranks_speakers_who_missed_rounds_fairly():
    tab = speaker_tab(SCORES)
    assert table(tab, "rank", "separated_by") == [
        ("cat", 1, None),
        ("bob", 2, "average"),  # same average as ann; trimmed mean 74 > 73
        ("ann", 3, "trimmed_mean"),
    ]
    ann = tab.rows[2]
    assert (ann.average, ann.trimmed_mean, ann.total, ann.speeches) == (74, 73, 296, 4)
    assert ann.stdev == Decimal("15.5").sqrt()  # deviations -4, 1, 6, -3


def test_total_ranks_by_sum_and_then_falls_through():
    tab = speaker_tab(SCORES, "total")
    assert table(tab, "rank", "separated_by") == [
        ("bob", 1, None),  # 296 each; average equal; trimmed mean 74 > 73
        ("ann", 2, "trimmed_mean"),
        ("cat", 3, "total"),
    ]


def test_trimmed_mean_as_the_main_metric():
    tab = speaker_tab(SCORES, "trimmed_mean")
    assert [r.speaker_id for r in tab.rows] == ["cat", "bob", "ann"]
    assert tab.rows[0].trimmed_mean == Fraction(157, 2)  # fewer than three speeches: plain mean


def test_stdev_breaks_a_tie_in_favour_of_the_steadier_speaker():
    scores = [*speeches("x", "X", 70, 72, 74, 76), *speeches("y", "Y", 73, 71, 73, 75)]
    # x: avg 73, trimmed 73, total 292, stdev sqrt(5); y: avg 73, trimmed 73, stdev sqrt(2)
    tab = speaker_tab(scores)
    assert table(tab, "rank", "separated_by") == [("y", 1, None), ("x", 2, "stdev")]


def test_true_ties_share_a_rank_and_are_reported():
    scores = [*speeches("p", "P", 70, 71), *speeches("q", "Q", 71, 70)]
    tab = speaker_tab(scores)
    assert table(tab, "rank", "separated_by") == [("p", 1, None), ("q", 1, "tied")]
    assert tab.unresolved_ties == (("p", "q"),)


def test_reply_speeches_are_tabbed_separately():
    assert [r.speaker_id for r in speaker_tab(SCORES, replies=True).rows] == ["ann", "dan"]
    assert all(r.speeches == 4 for r in speaker_tab(SCORES).rows if r.speaker_id == "ann")


def test_category_tab_and_minimum_speeches():
    categories = {"ann": {"school", "tajik"}, "bob": {"university"}, "cat": {"school"}}
    tab = speaker_tab(SCORES, category="school", categories=categories, min_speeches=3)
    assert [r.speaker_id for r in tab.rows] == ["ann"]
    assert [(r.speaker_id, r.rank) for r in tab.unranked] == [("cat", None)]


def test_speaker_team_is_the_latest_one():
    scores = [SpeakerRoundScore("s", "old", 1, 70), SpeakerRoundScore("s", "new", 2, 70)]
    assert speaker_tab(scores).rows[0].team_id == "new"


def test_unknown_metric():
    with pytest.raises(ValueError):
        speaker_tab(SCORES, "median")
