"""Certificates of every kind, their layouts and language, read back from the PDF."""

from __future__ import annotations

import pytest

from tests.integration.documents.conftest import (
    JUDGE_NAMES,
    MARKUP_NAME,
    Drawn,
    confirm,
    font_names,
    page_texts,
    read_pdf,
)
from tourney.documents import certificate_options, certificates, logo
from tourney.extensions import db
from tourney.models import (
    Debate,
    DebateTeam,
    Qualification,
    Round,
)


def _pdf(drawn: Drawn, kind: str, language: str = "en") -> bytes | None:
    return certificates.certificates_pdf(drawn.tournament, kind, language)


@pytest.mark.parametrize("layout", sorted(certificate_options.LAYOUTS))
def test_participation_one_landscape_page_per_speaker_in_each_layout(
    drawn: Drawn, layout: str
) -> None:
    certificate_options.save_options(
        drawn.tournament, certificate_options.Options(layout=layout), user=None
    )
    pdf = _pdf(drawn, "participation")
    document = read_pdf(pdf)
    assert len(document.pages) == 24
    width, height = (float(v) for v in document.pages[0].mediabox[2:])
    assert width > height  # A4 landscape
    assert round(width / 72 * 25.4) == 297
    text = "".join(page_texts(pdf))
    assert all(s.name in text for team in drawn.teams for s in team.speakers)
    assert MARKUP_NAME in text  # the team line prints the markup as text
    assert all("DejaVu" in name for name in font_names(pdf))


def test_the_document_carries_the_chosen_language(drawn: Drawn) -> None:
    for language in ("tg", "ru", "en"):
        document = read_pdf(_pdf(drawn, "participation", language))
        assert document.trailer["/Root"]["/Lang"] == language


def test_speaker_awards_go_to_the_top_n_of_the_speaker_tab_ties_included(drawn: Drawn) -> None:
    for index, debate in enumerate(drawn.debates):
        confirm(debate, "aff", 18 + index)  # the winners' 3rd speakers score 26, 27, 28, 29
    certificate_options.save_options(
        drawn.tournament, certificate_options.Options(speaker_awards=2), user=None
    )
    texts = page_texts(_pdf(drawn, "speakers"))
    best = drawn.debates[3].teams[0].team.speakers[2]
    assert best.name in texts[0] and "place 1" in texts[0]
    # 28 points: debate 2's 3rd speaker and debate 3's 2nd speaker share second place.
    assert len(texts) == 3 and all("place 2" in t for t in texts[1:])


def _elimination(drawn: Drawn, seq: int, pairs: list[tuple[int, int]]) -> list[Debate]:
    rnd = Round(tournament=drawn.tournament, seq=seq, name="x", kind="elimination", status="drawn")
    db.session.add(rnd)
    db.session.flush()
    debates = []
    for position, (aff, neg) in enumerate(pairs, start=1):
        debate = Debate(round=rnd, position=position)
        debate.teams = [
            DebateTeam(round_id=rnd.id, team=drawn.teams[aff], side="aff"),
            DebateTeam(round_id=rnd.id, team=drawn.teams[neg], side="neg"),
        ]
        debates.append(debate)
    db.session.add_all(debates)
    db.session.commit()
    return debates


def test_team_awards_follow_the_elimination_rounds(drawn: Drawn) -> None:
    semis = _elimination(drawn, 3, [(0, 3), (1, 2)])
    confirm(semis[0], "aff", 20)
    confirm(semis[1], "neg", 20)
    texts = page_texts(_pdf(drawn, "teams"))
    assert len(texts) == 6  # the two losing semi-finalists, 3 speakers each
    assert all("Semi-finalist" in t for t in texts)
    final = _elimination(drawn, 4, [(0, 2)])
    assert len(page_texts(_pdf(drawn, "teams"))) == 6  # the final is drawn, not decided
    confirm(final[0], "neg", 20)
    texts = page_texts(_pdf(drawn, "teams"))
    assert len(texts) == 12
    assert all("Champion" in t and drawn.teams[2].name in t for t in texts[:3])
    assert all("Finalist" in t and drawn.teams[0].name in t for t in texts[3:6])


def test_no_team_awards_before_the_break(drawn: Drawn) -> None:
    assert _pdf(drawn, "teams") is None


def test_best_adjudicator_is_whom_the_organiser_chose(drawn: Drawn) -> None:
    assert _pdf(drawn, "adjudicators") is None
    chosen = drawn.judges[JUDGE_NAMES[1]]
    options = certificate_options.Options(best_adjudicators=(chosen.id,))
    certificate_options.save_options(drawn.tournament, options, user=None)
    texts = page_texts(_pdf(drawn, "adjudicators"))
    assert len(texts) == 1 and chosen.name in texts[0] and "Best adjudicator" in texts[0]


def test_qualification_for_confirmed_qualifiers_only(drawn: Drawn) -> None:
    championship = drawn.tournament.championship
    db.session.add_all(
        [
            Qualification(
                championship=championship,
                source_team=drawn.teams[0],
                status="confirmed",
                district_rank=1,
            ),
            Qualification(
                championship=championship,
                source_team=drawn.teams[1],
                status="declined",
                district_rank=2,
            ),
        ]
    )
    db.session.commit()
    texts = page_texts(_pdf(drawn, "qualification", "tg"))
    assert len(texts) == 3
    assert all(drawn.teams[0].name in t and championship.name in t for t in texts)


def test_a_logo_is_printed_and_a_damaged_one_refused(drawn: Drawn) -> None:
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (60, 30), "#7a5a12").save(picture, "JPEG")
    certificate_options.save_options(
        drawn.tournament, certificate_options.Options(), user=None, logo=picture.getvalue()
    )
    document = read_pdf(_pdf(drawn, "participation"))
    assert "/XObject" in document.pages[0]["/Resources"]
    removed = certificate_options.save_options(
        drawn.tournament, certificate_options.Options(), user=None, remove_logo=True
    )
    assert removed.logo == "" and certificate_options.logo_data_uri(removed) is None
    with pytest.raises(logo.LogoRefused):
        logo.clean(b"\x89PNG\r\n\x1a\n" + b"broken")
