"""Issue 14, the results desk: averaged totals, a speaker-order disagreement, trainees, and the
paper form driven by the judge's script."""

from __future__ import annotations

import json
import re

from tests.integration.ballots.builders import sheet, user
from tests.web.judge import test_results_desk as base
from tests.web.judge.test_results_desk import AFF_WINS, NEG_WINS, desk_url, login_as
from tourney.services import ballots

released = base.released  # the fixture: a small tournament's round 1, panels with a trainee


def submit(released, debate, role, scores, index=0, **options):
    seat = released.seat(debate, role, index)
    return ballots.submit_from_link(seat, sheet(debate, scores, **options))


def debate_page(client, released, debate) -> str:
    login_as(client, user("director", "tab_director"))
    return client.get(desk_url(released, f"/debates/{debate.id}?lang=en")).get_data(as_text=True)


def test_averaged_totals_are_rounded_as_the_step_allows(client, released) -> None:
    debate = released.debates[0]
    submit(released, debate, "chair", AFF_WINS)  # 78 - 75
    submit(released, debate, "panellist", AFF_WINS)
    submit(released, debate, "panellist", {"aff": [25, 26, 28], "neg": [24, 25, 26]}, index=1)
    page = debate_page(client, released, debate)
    assert "78.3–75" in page  # (78 + 78 + 79) / 3 in whole points
    assert "78.333" not in page


def test_a_speaker_order_disagreement_shows_the_majority_and_how_to_settle(
    client, released
) -> None:
    debate = released.debates[0]
    aff = next(dt for dt in debate.teams if dt.side == "aff").team
    swapped = [s.id for s in aff.speakers]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    neg = [s.id for s in next(dt for dt in debate.teams if dt.side == "neg").team.speakers]
    submit(released, debate, "chair", AFF_WINS)
    submit(released, debate, "panellist", AFF_WINS)
    submit(released, debate, "panellist", NEG_WINS, index=1, speakers={"aff": swapped, "neg": neg})
    page = debate_page(client, released, debate)
    note = re.search(r'<div class="note" id="speaker-disagreement">(.*?)</div>', page, re.S)
    assert note, "the disagreement is explained"
    text = " ".join(note.group(1).split())
    assert "Affirmative, Speaker 1, Affirmative, Speaker 2" in text
    assert f"The majority (2 of 3) gives the win to Affirmative ({aff.name})." in text
    assert "paper ballot" in text and "send the ballot again" in text
    assert "The judges disagree about who gave this speech" not in page  # said once, not per slot


def test_trainees_are_not_dissent_and_get_no_paper_slot(client, released) -> None:
    debate = released.debates[0]
    submit(released, debate, "chair", AFF_WINS)
    submit(released, debate, "panellist", AFF_WINS)
    submit(released, debate, "panellist", AFF_WINS, index=1)
    submit(released, debate, "trainee", NEG_WINS)
    page = debate_page(client, released, debate)
    assert "dissent" not in page
    trainee = released.seat(debate, "trainee")
    paper = desk_url(released, f"/debates/{debate.id}/paper?judge={trainee.id}")
    assert paper.split("?")[1] not in page  # no paper-ballot link for the trainee
    assert client.get(paper).status_code == 404


def test_the_paper_form_gets_the_judges_live_totals_script(client, released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    login_as(client, user("clerk", "ballot_clerk"))
    page = client.get(
        desk_url(released, f"/debates/{debate.id}/paper?judge={chair.id}&lang=en")
    ).get_data(as_text=True)
    scripts = {
        re.sub(r"\.[0-9a-f]{12}\.js$", ".js", src) for src in re.findall(r'src="([^"]+)"', page)
    }
    assert {"/static/js/ballot_rules.js", "/static/js/ballot.js"} <= scripts
    assert "data-paper" in page
    config = json.loads(re.search(r"data-config='([^']*)'", page).group(1))
    assert config["sides"] == ["aff", "neg"] and config["messages"]["score_missing"]
