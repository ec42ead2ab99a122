"""Noticeboard sheets and the tab booklet, read back from the PDF."""

from __future__ import annotations

from tests.integration.documents.conftest import (
    JUDGE_NAMES,
    MARKUP_NAME,
    RESERVE_JUDGE,
    Drawn,
    confirm,
    flat,
    flat_text,
    font_names,
    page_texts,
)
from tourney.documents import booklet, draw_sheets, queries
from tourney.extensions import db
from tourney.models import BreakCategory, BreakingTeam
from tourney.text import sort_key

ROOMS_IN_ORDER = ["Аудиторияи 3", "Аудиторияи 7", "Аудиторияи 12", "Аудиторияи 101"]


def _round(drawn: Drawn):
    return queries.round_draw(drawn.tournament, 1)


def _has(text: str, *names: str) -> bool:
    return all(flat(name) in text for name in names)


def test_names_sort_in_tajik_alphabetical_and_numeric_order() -> None:
    names = ["Дилшод", "Ғафур", "Гулнора", "Ҷамшед", "Чаман", "Аудиторияи 12", "Аудиторияи 3"]
    assert sorted(names, key=sort_key) == [
        "Аудиторияи 3",
        "Аудиторияи 12",
        "Гулнора",
        "Ғафур",
        "Дилшод",
        "Чаман",
        "Ҷамшед",
    ]


def test_draw_by_room_lists_rooms_in_order_with_teams_and_panels(drawn: Drawn) -> None:
    rows = draw_sheets.by_room(drawn.tournament, _round(drawn))
    assert [r.room for r in rows] == ROOMS_IN_ORDER
    assert [p.name for p in rows[2].panel] == JUDGE_NAMES[:3]  # the chair first
    pdf = draw_sheets.draw_by_room_pdf(drawn.tournament, _round(drawn))
    text = flat_text(pdf)
    assert _has(text, "Draw by room", "Round 1", *ROOMS_IN_ORDER, MARKUP_NAME)
    assert _has(text, *(team.name for team in drawn.teams))
    assert _has(text, *(name for name in JUDGE_NAMES if name != RESERVE_JUDGE))
    assert all("DejaVu" in name for name in font_names(pdf))


def test_draw_by_team_gives_every_team_its_room_side_and_opponent(drawn: Drawn) -> None:
    rows = draw_sheets.by_team(drawn.tournament, _round(drawn))
    assert [r.team_name for r in rows] == sorted((t.name for t in drawn.teams), key=sort_key)
    sitora = next(r for r in rows if r.team_name == "Ситора")
    assert (sitora.side_label, sitora.room) == ("Negative", "Аудиторияи 101")
    assert sitora.opponents == [f"{MARKUP_NAME} (Affirmative)"]
    text = flat_text(draw_sheets.draw_by_team_pdf(drawn.tournament, _round(drawn)))
    assert _has(text, "Draw by team", *(r.team_name for r in rows), *sitora.opponents)


def test_allocation_sheet_lists_every_judge_and_who_is_in_reserve(drawn: Drawn) -> None:
    rows, reserve = draw_sheets.by_judge(drawn.tournament, _round(drawn))
    allocated = sorted((n for n in JUDGE_NAMES if n != RESERVE_JUDGE), key=sort_key)
    assert [r.name for r in rows] == allocated
    assert reserve == [RESERVE_JUDGE]
    text = flat_text(draw_sheets.allocation_pdf(drawn.tournament, _round(drawn)))
    assert _has(text, *allocated)
    assert _has(text[text.index(flat("Not allocated this round")) :], RESERVE_JUDGE)


def test_tab_booklet_has_standings_speakers_results_and_bracket(drawn: Drawn) -> None:
    for index, debate in enumerate(drawn.debates):
        confirm(debate, "aff", 18 + index)
    category = BreakCategory(tournament=drawn.tournament, code="open", name="Кушод", size=4)
    db.session.add(category)
    db.session.flush()
    for seed, team in enumerate(drawn.teams[:4], start=1):
        db.session.add(BreakingTeam(break_category_id=category.id, team=team, seed=seed))
    db.session.commit()
    pdf = booklet.tab_booklet_pdf(drawn.tournament)
    texts = page_texts(pdf)
    assert len(texts) >= 4  # standings, speakers, results, bracket each start a page
    text = flat_text(pdf)
    assert _has(text, "Team standings", "Speaker tab", "Results by round", "Break bracket")
    winners = [d.teams[0].team.name for d in drawn.debates]
    standings = texts[0]
    assert all(name in standings for name in winners)
    assert _has(text, *(s.name for team in drawn.teams for s in team.speakers))
    assert _has(text, "Semifinal", "Кушод", MARKUP_NAME)


def test_an_empty_tab_booklet_still_prints(drawn: Drawn) -> None:
    text = flat_text(booklet.tab_booklet_pdf(drawn.tournament))
    assert _has(text, "No confirmed results yet.")
