"""Malformed input from a logged-in tab director: every organiser form answers with a message
(never a 500) and changes nothing. Each form is first read from its page, so the request is the
one a browser would send with one field made hostile."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.security.conftest import World, log_in
from tourney.documents import certificate_options
from tourney.extensions import db

REMOVED = object()  # the field is left out of the request


class _FormReader(HTMLParser):
    """The fields of the first POST form with a given action, as a browser would send them."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.fields: dict[str, str] | None = None
        self._inside = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and self.fields is None:
            self._inside = (a.get("action") or "") == self.action
            self.fields = {} if self._inside else None
        if not self._inside:
            return
        if tag == "option" and self._select:
            if self._select not in self.fields or "selected" in a:
                self.fields[self._select] = a.get("value") or ""
        elif not a.get("name"):
            return
        elif tag == "select":
            self._select = a["name"]
        elif tag == "input" and a.get("type") in ("checkbox", "radio", "file"):
            if "checked" in a:
                self.fields[a["name"]] = a.get("value") or "y"
        elif tag in ("input", "textarea"):
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None


def form_fields(client: FlaskClient, page: str, action: str) -> dict[str, str]:
    response = client.get(page)
    assert response.status_code == 200, page
    for candidate in (action, ""):  # a form posting back to its own page has no action
        reader = _FormReader(candidate)
        reader.feed(response.get_data(as_text=True))
        if reader.fields:
            return reader.fields
    raise AssertionError(f"no form posting to {action} on {page}")


def fingerprint() -> dict[str, list[tuple]]:
    """Every row of every table: what "nothing changed" means."""
    db.session.expire_all()
    rows = {}
    for table in db.metadata.sorted_tables:
        if table.name == "login_session":  # the director's own session, touched by each request
            continue
        rows[table.name] = sorted(map(repr, db.session.execute(select(table)).all()))
    db.session.rollback()
    return rows


S, R = "/admin/t/dushanbe/settings", "/admin/t/dushanbe/rounds/1"
DOCUMENTS, RANGE = "/admin/t/dushanbe/documents", "/admin/t/dushanbe/score-range/1"
NUMBERS = ["abc", "NaN", "inf", "-inf", "1e309", "99999999999999999999999", "-1", ""]
VERSIONS = ["abc", "NaN", "1e309", "3.5", "-1", str(2**70), "", REMOVED]
TOO_BIG = str(2**70)  # an id beyond what a column holds


def one(field: str, values: list[Any], **fixed: Any) -> list[dict[str, Any]]:
    return [{**fixed, field: value} for value in values]


# (page with the form, where it posts, each request's hostile fields). The released draw of
# round 1 is still editable, so a well-formed edit would change it.
FORMS: dict[str, tuple[str, str, list[dict[str, Any]]]] = {
    "swap sides": (R, f"{R}/debates/{{debate_id}}/swap-sides", one("version", VERSIONS)),
    "swap teams": (
        R,
        f"{R}/swap-teams",
        one("version", VERSIONS) + one("team_a", [TOO_BIG, "-1", "x"]),
    ),
    "move judge": (
        R,
        f"{R}/move-judge",
        one("version", VERSIONS) + one("adjudicator", [TOO_BIG]) + one("debate", [TOO_BIG]),
    ),
    "room": (
        R,
        f"{R}/set-room?prefix=d{{debate_id}}",
        one("d{debate_id}-version", VERSIONS) + one("d{debate_id}-debate", VERSIONS),
    ),
    "settings": (
        S,
        S,
        [
            *one("public_top_n", NUMBERS),
            *one("prelim_rounds", NUMBERS),
            *one("break_size", NUMBERS),
            *one("qualify_top", NUMBERS),
            *one("wildcards", ["abc", "NaN", "1e309", "-1"]),
        ],
    ),
    "score range": (
        S,
        RANGE,
        [
            *one("p1-score_min", [*NUMBERS, REMOVED]),
            *one("p1-score_max", [*NUMBERS, REMOVED, "100000"]),  # beyond a score column
            *one("p1-score_step", [*NUMBERS, REMOVED, "0", "0.001"]),  # finer than stored
            {"p1-score_min": "90", "p1-score_max": "60"},
            {"p1-score_min": "60", "p1-score_max": "60"},
        ],
    ),
    "certificates": (
        DOCUMENTS,
        f"{DOCUMENTS}/certificates",
        [
            {"signatories-1-name": REMOVED, "signatories-1-title": "Rector"},
            {"signatories-1-name": " ", "signatories-1-title": "Rector"},
            *one("speaker_awards", NUMBERS),
        ],
    ),
    "room (new)": ("/admin/t/dushanbe/rooms/new", "", one("priority", NUMBERS[:-1], name="Z")),
    "judge (new)": (
        "/admin/t/dushanbe/adjudicators/new",
        "",
        one("rating", [*NUMBERS, REMOVED], name="Z"),
    ),
}


def _fill(template: str, world: World) -> str:
    return template.replace("{debate_id}", str(world.values["debate_id"]))


@pytest.mark.parametrize("form", FORMS)
def test_hostile_form_fields_are_refused_and_change_nothing(app, world: World, form: str) -> None:
    page, action, requests = FORMS[form]
    client = app.test_client()
    log_in(client, "director")
    action = _fill(action, world)
    sent_by_the_page = form_fields(client, page, action)
    failures = []
    for hostile in requests:
        before = fingerprint()
        data: dict[str, Any] = dict(sent_by_the_page)
        for name, value in hostile.items():
            data.pop(_fill(name, world), None)
            if value is not REMOVED:
                data[_fill(name, world)] = value
        try:
            status = client.post(action or page, data=data).status_code
        except Exception as error:  # the test app propagates what would be a 500
            status = f"{type(error).__name__}: {error}"
        if not isinstance(status, int) or status >= 500 or fingerprint() != before:
            failures.append((hostile, status))
    assert failures == [], "\n".join(map(repr, failures))


JSON_BODIES = [[1, 2], "text", 5, None, {"version": {"nested": 1}}, {"version": [1]}, {}]


def test_a_signatory_without_a_position_field_is_saved_without_one(app, world: World) -> None:
    client = app.test_client()
    log_in(client, "director")
    data = form_fields(client, DOCUMENTS, f"{DOCUMENTS}/certificates")
    data["signatories-0-name"] = "Rector"
    del data["signatories-0-title"]
    assert client.post(f"{DOCUMENTS}/certificates", data=data).status_code == 302
    options = certificate_options.options_for(world.tournament)
    assert options.signatories == (certificate_options.Signatory("Rector", ""),)


JSON_TARGETS = [
    f"{R}/debates/{{debate_id}}/swap-sides",
    f"{R}/swap-teams",
    f"{R}/set-room?prefix=d{{debate_id}}",
    f"{R}/withdraw-release",
    S,
    RANGE,
    "/admin/t/dushanbe/teams/new",
    f"{DOCUMENTS}/certificates",
]


def test_a_json_body_to_an_organiser_form_is_refused_and_changes_nothing(app, world: World) -> None:
    client = app.test_client()
    log_in(client, "director")
    failures = []
    for target in JSON_TARGETS:
        for body in JSON_BODIES:
            before = fingerprint()
            try:
                response = client.post(
                    _fill(target, world), data=json.dumps(body), content_type="application/json"
                )
                status = response.status_code
            except Exception as error:
                status = f"{type(error).__name__}: {error}"
            if not isinstance(status, int) or not 400 <= status < 500 or fingerprint() != before:
                failures.append((target, body, status))
    assert failures == [], "\n".join(map(repr, failures))


@pytest.mark.parametrize("maximum", ["NaN", "100000"])
def test_a_score_range_a_ballot_cannot_store_is_refused_with_the_limit(
    app, world: World, maximum: str
) -> None:
    client = app.test_client()
    log_in(client, "director")
    data = form_fields(client, S, RANGE) | {"p1-score_max": maximum}
    english = {"Accept-Language": "en"}
    response = client.post(RANGE, data=data, headers=english, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Scores run from 0 to 9999.99, with at most 2 decimal places." in page
