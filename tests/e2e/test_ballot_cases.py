"""The browser's side of the shared ballot cases: static/js/ballot_rules.js, run in Chromium,
must give exactly the errors tests/ballot_cases.json lists, as the Python validator does
(tests/web/judge/test_ballot_cases.py). The client config is the one the judge's page gets."""

from __future__ import annotations

from tests import ballot_cases
from tourney.web import ballot_form

ASK_EVERY_CASE = """asked => asked.map(([cfg, values]) =>
  TourneyBallotRules.check(cfg, values).map(e => [e.field, e.code]).sort())"""


def test_the_browser_answers_every_shared_case_like_the_server(live_server, browser) -> None:
    shared = ballot_cases.load()
    rosters = shared["rosters"]
    asked = []
    with live_server.app.test_request_context():
        for case in shared["cases"]:
            fmt = ballot_cases.format_of(case)
            config = ballot_form.client_config(fmt, ballot_cases.side_blocks(fmt, rosters))
            asked.append([config, ballot_cases.fields(case, rosters)])
    page = browser.new_page()
    page.goto(f"{live_server.url}/static/css/app.css")  # any page of the app's origin
    page.add_script_tag(url=f"{live_server.url}/static/js/ballot_rules.js")
    answers = page.evaluate(ASK_EVERY_CASE, asked)
    page.close()
    wrong = {
        case["name"]: (answer, sorted(case["errors"]))
        for case, answer in zip(shared["cases"], answers, strict=True)
        if sorted(answer) != sorted(case["errors"])
    }
    assert not wrong
