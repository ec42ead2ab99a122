"""The JSON API answers with the released data, exactly as static/openapi.yaml documents it: the
document is a valid OpenAPI 3.1 description, and every real response matches its schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_break import advance_in, played_prelims
from tests.web.public.scenario import scenario
from tourney.extensions import db
from tourney.models import Division, Motion
from tourney.services import breaks
from tourney.services.tournaments import rounds_of

SPEC_PATH = Path(__file__).resolve().parents[3] / "static" / "openapi.yaml"
SPEC_URI = "urn:tourney-openapi"


@pytest.fixture(scope="module")
def spec() -> dict:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    validate(document)
    return document


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _check(spec: dict, template: str, url: str, client, status: int = 200) -> dict:
    """GET ``url`` and validate the body against the spec's schema for ``template``."""
    response = client.get(url)
    assert response.status_code == status, url
    content = spec["paths"][template]["get"]["responses"][str(status)]
    pointer = _pointer("paths", template, "get", "responses", str(status))
    if "$ref" in content:
        pointer = content["$ref"].removeprefix("#/")
    media = _pointer(response.mimetype)  # problem documents are application/problem+json
    schema = {"$ref": f"{SPEC_URI}#/{pointer}/content/{media}/schema"}
    registry = Registry().with_resource(SPEC_URI, Resource.from_contents(spec, DRAFT202012))
    validator = jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.FormatChecker()
    )
    validator.validate(response.json)
    return response.json


def test_every_response_matches_the_openapi_document(app, client, spec) -> None:
    found = scenario(prelims=2)
    division = Division(tournament=found.tournament, name="Russian league", language="ru")
    db.session.add(division)
    first = found.round(1)
    first.motions.append(Motion(text="Second motion", division=division))
    db.session.commit()
    found.play(1)
    found.play(2)
    found.set(public_standings=True, public_speaker_tab=True)
    found.break_teams()
    found.play(3)  # semifinals, results released
    found.release(4)  # the final's draw
    slug, code = found.slug, found.round(4).debates[0].teams[0].team.code
    base = f"/api/v1/tournaments/{slug}"

    listing = _check(spec, "/tournaments", "/api/v1/tournaments", client)
    assert [t["slug"] for t in listing["tournaments"]] == [slug]
    detail = _check(spec, "/tournaments/{slug}", base, client)
    assert detail["break_public"] and detail["standings_public"]
    rounds = _check(spec, "/tournaments/{slug}/rounds", f"{base}/rounds", client)
    assert [r["seq"] for r in rounds["rounds"]] == [1, 2, 3, 4]
    for seq in (1, 2, 3, 4):
        draw = _check(
            spec, "/tournaments/{slug}/rounds/{seq}/draw", f"{base}/rounds/{seq}/draw", client
        )
        decided = all(s["rank"] is not None for d in draw["debates"] for s in d["teams"])
        assert decided == (seq != 4)
    assert (
        len(
            _check(spec, "/tournaments/{slug}/rounds/{seq}/draw", f"{base}/rounds/1/draw", client)[
                "motions"
            ]
        )
        == 2
    )
    standings = _check(spec, "/tournaments/{slug}/standings", f"{base}/standings", client)
    assert standings["rounds_counted"] == 2  # the break is public: the last prelim counts
    speakers = _check(spec, "/tournaments/{slug}/speakers", f"{base}/speakers", client)
    assert len(speakers["rows"]) == 8 * 3
    bracket = _check(spec, "/tournaments/{slug}/bracket", f"{base}/bracket", client)
    assert [c["teams"] for c in bracket["categories"][0]["columns"]] == [4, 2]
    teams = _check(spec, "/tournaments/{slug}/teams", f"{base}/teams?q={code}", client)
    assert [t["code"] for t in teams["teams"]] == [code]
    team = _check(spec, "/tournaments/{slug}/teams/{key}", f"{base}/teams/{code}", client)
    assert team["next"]["round"]["seq"] == 4 and team["next"]["rank"] is None

    for template, url in [
        ("/tournaments/{slug}", "/api/v1/tournaments/nope"),
        ("/tournaments/{slug}/rounds/{seq}/draw", f"{base}/rounds/9/draw"),
        ("/tournaments/{slug}/teams/{key}", f"{base}/teams/NOPE"),
    ]:
        _check(spec, template, url, client, status=404)
    found.set(public_standings=False)
    _check(spec, "/tournaments/{slug}/standings", f"{base}/standings", client, status=404)


def test_every_api_route_is_documented(app, spec) -> None:
    documented = {"/api/v1" + path for path in spec["paths"]}
    routes = {
        rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert routes == documented


def test_the_document_is_served(client) -> None:
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.data)["openapi"] == "3.1.0"


def test_a_bp_bracket_matches_the_openapi_document(app, client, spec) -> None:

    tournament = played_prelims(24, 12)
    breaks.generate_break(tournament, organiser())
    partial = rounds_of(tournament, "elimination")[0]
    advance_in(partial, lambda room: set(sorted(room.values())[:2]))
    found = _check(
        spec,
        "/tournaments/{slug}/bracket",
        f"/api/v1/tournaments/{tournament.slug}/bracket",
        client,
    )
    (bracket,) = found["categories"]
    assert bracket["teams_per_debate"] == 4
    first, semi, final = bracket["columns"]
    assert final["teams"] == 4 and final["matches"][0]["teams"] == [None] * 4
    assert [e["seed"] for e in first["waiting"]] == [1, 2, 3, 4]
    assert [[e["seed"] for e in m["teams"]] for m in first["matches"]] == [
        [5, 8, 9, 12],
        [6, 7, 10, 11],
    ]
    assert all(len(m["through"]) == 2 and m["winner"] is None for m in first["matches"])
    assert [len(m["teams"]) for m in semi["matches"]] == [4, 4]
    assert bracket["champion"] is None
