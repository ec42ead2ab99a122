"""Feedback is never public, and no judge sees feedback about themselves through any page or API.

Feedback carrying a unique marker is stored, then every route a judge's link, a team's link or
the public can reach is requested: the marker (and the score) appears nowhere but on the page of
the one who wrote it, and in the tab director's pages.
"""

from __future__ import annotations

import secrets

from flask import g
from sqlalchemy import select

from tests.integration.ballots.builders import release_round, small_tournament
from tests.security.conftest import World, log_in
from tests.security.routes import ACCESS, JUDGE, PUBLIC, TEAM, targets
from tourney.extensions import db
from tourney.models import Debate, Team, User
from tourney.services import feedback, links
from tourney.services.feedback import FeedbackSubmission


def _answers(tournament_id: int, comment: str, score: int = 7) -> dict[str, str]:
    questions = feedback.questions_of(tournament_id)
    answers = {str(next(q for q in questions if q.rates).id): str(score)}
    for q in questions:
        if q.kind == "yesno" and q.required:
            answers[str(q.id)] = "no"
        if q.kind == "text":
            answers[str(q.id)] = comment
    return answers


def _give(source, debate_id: int, target_id: int, comment: str) -> None:
    answers = _answers(source.tournament_id, comment)
    submission = FeedbackSubmission(debate_id, target_id, secrets.token_hex(16), answers)
    feedback.submit_from_link(source, submission)


def _bodies(client, urls: list[str]) -> dict[str, str]:
    return {url: client.get(url).get_data(as_text=True) for url in urls}


def _reachable(app, world: World, access: set[str], token: str) -> list[str]:
    values = {**world.values, "token": token}
    return [
        t.url
        for t in targets(app, values)
        if t.method == "GET" and ACCESS.get(t.endpoint) in access and t.endpoint != "static"
    ]


def test_a_judge_and_the_public_never_see_feedback_about_the_judge(app, world: World) -> None:
    debate = db.session.scalar(
        select(Debate)
        .join(Debate.adjudicators)
        .where(Debate.adjudicators.any(adjudicator_id=world.judge.id))
    )
    chair = next(s for s in debate.adjudicators if s.role == "chair").adjudicator
    writer, other = (dt.team for dt in debate.teams)
    _give(writer, debate.id, chair.id, "MARKER-FROM-WRITER")
    _give(other, debate.id, chair.id, "MARKER-FROM-OTHER")
    client = app.test_client()
    judge_urls = _reachable(app, world, {JUDGE, PUBLIC}, chair.token)
    judge_urls += [f"/j/{chair.token}/feedback?lang={code}" for code in ("tg", "ru", "en")]
    for url, body in _bodies(client, judge_urls).items():
        assert "MARKER" not in body, url
    # A team's link shows the feedback the team wrote, never the other team's.
    page = client.get(f"/team/{writer.token}?lang=en").get_data(as_text=True)
    assert "MARKER-FROM-WRITER" in page and "MARKER-FROM-OTHER" not in page
    for url, body in _bodies(client, _reachable(app, world, {TEAM}, writer.token)).items():
        assert "MARKER-FROM-OTHER" not in body, url
    # The public API and pages, with the team's token in place of the judge's too.
    for url, body in _bodies(client, _reachable(app, world, {PUBLIC}, other.token)).items():
        assert "MARKER" not in body, url
    # A ballot clerk sees who owes feedback, not what it says.
    log_in(client, "clerk")
    progress = client.get(f"/admin/t/{world.tournament.slug}/feedback?lang=en")
    assert progress.status_code == 200 and "MARKER" not in progress.get_data(as_text=True)
    for path in ("feedback/judges", f"feedback/judges/{chair.id}", "feedback.csv", "ratings"):
        assert client.get(f"/admin/t/{world.tournament.slug}/{path}").status_code == 403
    g.pop("_login_user", None)  # the test's one app context would keep the clerk logged in
    director = app.test_client()
    log_in(director, "director")
    summary = director.get(f"/admin/t/{world.tournament.slug}/feedback/judges/{chair.id}")
    assert "MARKER-FROM-WRITER" in summary.get_data(as_text=True)


def test_a_panellist_never_sees_the_chairs_feedback_on_them(app) -> None:
    tournament = small_tournament(debates=1)
    feedback.add_default_questions(tournament)
    db.session.commit()
    released = release_round(tournament)
    debate = released.debates[0]
    chair, panellist = released.seat(debate, "chair"), released.seat(debate, "panellist")
    _give(chair, debate.id, panellist.id, "MARKER-ON-PANELLIST")
    _give(panellist, debate.id, chair.id, "MARKER-ON-CHAIR")
    client = app.test_client()
    for path in ("", "/feedback", "/feedback?lang=tg", "/csrf"):
        mine = client.get(f"/j/{panellist.token}{path}").get_data(as_text=True)
        assert "MARKER-ON-PANELLIST" not in mine, path
        theirs = client.get(f"/j/{chair.token}{path}").get_data(as_text=True)
        assert "MARKER-ON-CHAIR" not in theirs, path
    # Each sees what they wrote, and only that.
    assert "MARKER-ON-CHAIR" in client.get(f"/j/{panellist.token}/feedback").get_data(as_text=True)
    assert "MARKER-ON-PANELLIST" in client.get(f"/j/{chair.token}/feedback").get_data(as_text=True)


def test_team_links_are_random_revocable_and_reissued(app, world: World) -> None:
    team = db.session.scalar(select(Team).where(Team.tournament_id == world.tournament.id))
    director = db.session.scalar(select(User).where(User.username == "director"))
    client = app.test_client()
    old = team.token
    assert len(old) >= 24 and client.get(f"/team/{old}").status_code == 200
    not_found = client.get("/team/" + "A" * 24)
    near_misses = [old[:-1], old.upper(), str(team.id), world.judge.token]
    assert {client.get(f"/team/{g}").status_code for g in near_misses} == {404}
    assert {client.get(f"/team/{g}").get_data() for g in near_misses} == {not_found.get_data()}
    links.revoke(team, director)
    assert client.get(f"/team/{old}").status_code == 410  # replaced: "ask the tab room"
    assert client.post(f"/team/{old}/feedback", json={}).status_code == 410
    new = links.reissue(db.session.get(Team, team.id), director)
    assert new != old and client.get(f"/team/{new}").status_code == 200
