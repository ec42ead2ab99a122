"""Paper ballots and judge cards, read back from the PDF."""

from __future__ import annotations

from tests.integration.documents.conftest import (
    JUDGE_NAMES,
    MARKUP_NAME,
    MOTION,
    RESERVE_JUDGE,
    REVOKED_JUDGE,
    Drawn,
    build_tournament,
    flat,
    flat_text,
    font_names,
    image_count,
    page_texts,
    read_pdf,
)
from tourney.documents import ballots, queries
from tourney.documents.qr import ballot_link

TAJIK = set("ҒӢҚӮҲҶғӣқӯҳҷ")


def _ballots(drawn: Drawn, debate_id: int | None = None) -> bytes:
    return ballots.ballots_pdf(drawn.tournament, queries.round_draw(drawn.tournament, 1), debate_id)


def test_a_round_prints_one_prefilled_page_per_judge_per_debate(drawn: Drawn) -> None:
    pdf = _ballots(drawn)
    texts = page_texts(pdf)
    assert len(texts) == 6  # panels of 3, 1, 1 and 1 judges
    first = texts[0]
    for expected in (
        drawn.tournament.name,
        "Round 1",
        "Аудиторияи 12",
        MOTION,
        JUDGE_NAMES[0],
        "Chair",
        "Affirmative",
        "Negative",
        drawn.teams[0].name,
        drawn.teams[1].name,
        "15–30",
        "Winner",
        "Judge's signature",
    ):
        assert expected in first, expected
    for speaker in drawn.teams[0].speakers + drawn.teams[1].speakers:
        assert speaker.name in first
    assert not TAJIK - set("".join(texts))
    assert [JUDGE_NAMES[i] in texts[i] for i in range(3)] == [True, True, True]
    assert "Panellist" in texts[1]


def test_fonts_are_the_shipped_dejavu_embedded(drawn: Drawn) -> None:
    names = font_names(_ballots(drawn))
    assert names and all("DejaVu" in name for name in names), names
    document = read_pdf(_ballots(drawn))
    font = document.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in font.values()
    ]
    assert all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)


def test_markup_in_a_team_name_is_printed_as_text(drawn: Drawn) -> None:
    texts = page_texts(_ballots(drawn))
    markup_pages = [t for t in texts if MARKUP_NAME in t]
    assert len(markup_pages) == 1  # debate 3, one judge


def test_each_judge_page_has_the_qr_code_of_its_private_link_unless_revoked(drawn: Drawn) -> None:
    document = read_pdf(_ballots(drawn))
    texts = [page.extract_text() for page in document.pages]
    revoked = [i for i, text in enumerate(texts) if REVOKED_JUDGE in text]
    assert len(revoked) == 1
    assert "revoked" in texts[revoked[0]]
    assert image_count(document.pages[revoked[0]]) == 0
    others = [i for i in range(len(texts)) if i not in revoked]
    assert all(image_count(document.pages[i]) == 1 for i in others)
    judge = drawn.judges[JUDGE_NAMES[0]]
    assert ballot_link(judge.token) == f"http://localhost/j/{judge.token}"
    assert ballot_link(None) is None


def test_the_public_base_url_wins_for_the_link(app, drawn: Drawn) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://tab.example.tj/"
    assert ballot_link("abc") == "https://tab.example.tj/j/abc"


def test_one_debate_prints_only_its_panel(drawn: Drawn) -> None:
    texts = page_texts(_ballots(drawn, drawn.debates[0].id))
    assert len(texts) == 3
    assert all(drawn.teams[0].name in t for t in texts)
    assert not any(drawn.teams[2].name in t for t in texts)


def test_world_schools_ballot_has_the_reply_and_half_point_ranges(app) -> None:
    drawn = build_tournament("world_schools")
    text = flat_text(_ballots(drawn, drawn.debates[1].id))
    assert "Proposition" in text and "Opposition" in text
    assert flat("Score 60–80, step 0.5") in text  # the score column
    assert flat("Reply (30–40, step 0.5)") in text  # the reply's own range


def test_consensus_format_prints_one_ranked_ballot_per_debate_for_the_chair(app) -> None:
    drawn = build_tournament("british_parliamentary")
    texts = page_texts(_ballots(drawn, drawn.debates[0].id))
    assert len(texts) == 1
    assert JUDGE_NAMES[0] in texts[0] and "Opening Government" in texts[0]
    assert "Rank" in texts[0] and "50–100" in texts[0]


def test_judge_cards_name_every_adjudicator_six_to_a_page(drawn: Drawn) -> None:
    pdf = ballots.judge_cards_pdf(drawn.tournament)
    texts = page_texts(pdf)
    assert len(texts) == 2  # seven judges
    text = "".join(texts)
    assert all(name in text for name in JUDGE_NAMES)
    assert RESERVE_JUDGE in text
    assert sum(image_count(p) for p in read_pdf(pdf).pages) == 6  # one card is revoked
