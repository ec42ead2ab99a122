"""The tab room's feedback pages: progress, summaries, paper entry, questions, ratings, links."""

from __future__ import annotations

import csv
import io
import secrets

from sqlalchemy import func, select

from tests.security.conftest import World, log_in, world  # noqa: F401 - the fixture
from tourney.extensions import db
from tourney.models import Debate, Feedback, FeedbackQuestion, Round
from tourney.services import feedback
from tourney.services.feedback import FeedbackSubmission


def _debate(w: World) -> Debate:
    return db.session.scalar(
        select(Debate).where(Debate.adjudicators.any(adjudicator_id=w.judge.id))
    )


def _answers(tournament_id: int, score: str, comment: str = "") -> dict[str, str]:
    questions = feedback.questions_of(tournament_id)
    answers = {str(next(q for q in questions if q.rates).id): score}
    answers[str(next(q for q in questions if q.kind == "yesno" and q.required).id)] = "yes"
    answers[str(next(q for q in questions if q.kind == "text").id)] = comment
    return answers


def test_progress_then_paper_entry_by_a_clerk(app, world: World) -> None:  # noqa: F811
    debate = _debate(world)
    chair = world.judge
    team = debate.teams[0].team
    slug = world.tournament.slug
    client = app.test_client()
    log_in(client, "clerk")
    page = client.get(f"/admin/t/{slug}/feedback?lang=en").get_data(as_text=True)
    assert "Feedback forms received: 0 of" in page and team.name in page
    paper = (
        f"/admin/t/{slug}/feedback/paper?debate={debate.id}&target={chair.id}&source=team:{team.id}"
    )
    assert client.get(paper).status_code == 200
    form = {"debate_id": debate.id, "target_id": chair.id, "key": secrets.token_hex(16)}
    refused = client.post(paper + "&lang=en", data={**form, "q.999": "x"})
    assert refused.status_code == 422 and "Please answer this question." in refused.get_data(
        as_text=True
    )
    sent = {f"q.{k}": v for k, v in _answers(world.tournament.id, "9", "На бумаге").items()}
    done = client.post(paper, data={**form, **sent})
    assert done.status_code == 302
    stored = db.session.scalar(select(Feedback))
    assert stored.source == "paper" and stored.score is not None
    assert "Feedback forms received: 1 of" in client.get(
        f"/admin/t/{slug}/feedback?lang=en"
    ).get_data(as_text=True)


def test_summary_detail_and_csv_for_the_director(app, world: World) -> None:  # noqa: F811
    debate = _debate(world)
    tid = world.tournament.id
    for dt, score in zip(debate.teams, ("10", "4"), strict=True):
        submission = FeedbackSubmission(
            debate.id, world.judge.id, secrets.token_hex(16), _answers(tid, score, f"Ғ{score}")
        )
        feedback.submit_from_link(dt.team, submission)
    client = app.test_client()
    log_in(client, "director")
    slug = world.tournament.slug
    summary = client.get(f"/admin/t/{slug}/feedback/judges?lang=en&q={world.judge.name[:4]}")
    text = summary.get_data(as_text=True)
    assert world.judge.name in text, text[-1500:]
    assert "6.67" in text  # (10 and 3.33) / 2 on the 0–10 scale
    other = client.get(f"/admin/t/{slug}/feedback/judges?lang=en&path=chair_on_panellist")
    assert "6.67" not in other.get_data(as_text=True)
    detail = client.get(f"/admin/t/{slug}/feedback/judges/{world.judge.id}").get_data(as_text=True)
    assert "Ғ10" in detail and "Ғ4" in detail
    exported = client.get(f"/admin/t/{slug}/feedback.csv?lang=en")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert (
        len(rows) == 3
        and rows[0][1] == "Adjudicator"
        and {r[1] for r in rows[1:]} == {world.judge.name}
    )


def test_questions_can_be_added_edited_and_removed(app, world: World) -> None:  # noqa: F811
    client = app.test_client()
    log_in(client, "director")
    slug = world.tournament.slug
    base = f"/admin/t/{slug}/feedback/questions"
    count = db.session.scalar(select(func.count(FeedbackQuestion.id)))
    bad = client.post(
        base + "?lang=en", data={"text": "Pick", "kind": "choice", "paths": ["team_on_chair"]}
    )
    assert bad.status_code == 422 and "at least two answers" in bad.get_data(as_text=True)
    made = client.post(
        base + "?lang=en",
        data={
            "text": "Was the judge on time?",
            "kind": "yesno",
            "paths": ["team_on_chair", "panellist_on_chair"],
            "rounds": "2, 3",
            "required": "y",
        },
    )
    assert made.status_code == 302
    question = db.session.scalar(select(FeedbackQuestion).order_by(FeedbackQuestion.id.desc()))
    assert question.rounds == [2, 3] and question.required and question.kind == "yesno"
    edited = client.post(
        f"{base}/{question.id}?lang=ru",
        data={"text": "Судья пришёл вовремя?", "kind": "yesno", "paths": ["team_on_chair"]},
    )
    assert edited.status_code == 302
    db.session.refresh(question)
    assert question.text == {"en": "Was the judge on time?", "ru": "Судья пришёл вовремя?"}
    assert client.post(f"{base}/{question.id}/remove").status_code == 302
    assert db.session.scalar(select(func.count(FeedbackQuestion.id))) == count


def test_weights_are_set_and_the_ratings_show_their_parts(app, world: World) -> None:  # noqa: F811
    client = app.test_client()
    log_in(client, "director")
    slug = world.tournament.slug
    refused = client.post(f"/admin/t/{slug}/ratings?lang=en", data={"weight.2": "2"})
    assert refused.status_code == 422
    assert client.post(f"/admin/t/{slug}/ratings", data={"weight.2": "0,25"}).status_code == 302
    round_2 = db.session.scalar(
        select(Round).where(Round.tournament_id == world.tournament.id, Round.seq == 2)
    )
    assert str(round_2.feedback_weight) in ("0.25", "0.2500")
    page = client.get(f"/admin/t/{slug}/ratings?round=2&lang=en").get_data(as_text=True)
    assert "Current rating" in page and "weight 0.25" in page


def test_the_links_page_lists_every_judge_and_team_with_qr_and_csv(app, world: World) -> None:  # noqa: F811
    client = app.test_client()
    log_in(client, "director")
    slug = world.tournament.slug
    page = client.get(f"/admin/t/{slug}/links?lang=en").get_data(as_text=True)
    assert page.count('class="slip"') >= 2 and f"/j/{world.judge.token}" in page
    assert page.count("data:image/png;base64") == page.count('class="slip"')
    exported = client.get(f"/admin/t/{slug}/links.csv?lang=en").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert rows[0] == ["Kind", "Name", "Code or institution", "Private link"]
    assert {r[0] for r in rows[1:]} == {"Judge", "Team"}
    assert all(r[3].startswith("http") for r in rows[1:])
    pdf = client.get(f"/admin/t/{slug}/rounds/1/feedback.pdf")
    assert pdf.status_code == 200 and pdf.data[:4] == b"%PDF"


def test_team_cards_carry_each_teams_link(app, world: World) -> None:  # noqa: F811
    client = app.test_client()
    log_in(client, "director")
    pdf = client.get(f"/admin/t/{world.tournament.slug}/documents/team-cards.pdf")
    assert pdf.status_code == 200 and pdf.data[:4] == b"%PDF"
