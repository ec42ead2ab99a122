"""Read-only JSON API under ``/api/v1/``: the same released data as the public pages.

Everything comes from ``services.public`` (the one place deciding what is public), answers are
conditional GETs like the pages, and ``static/openapi.yaml`` (also served here) documents every
response; a test validates the real responses against it. Names of rounds, sides and metrics are
codes: the API does not depend on the caller's language. A tournament lists its format's sides
with their English names, so a client can name a World Schools "aff" the Proposition.
"""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_from_directory, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from tourney.labels import side_name_en
from tourney.models import Round, Team, Tournament
from tourney.services import catalogue, public
from tourney.services.bracket import Entrant, Match
from tourney.services.formats import format_for
from tourney.web.conditional import conditional, with_etag

bp = Blueprint("api", __name__)
PREFIX = "/api/v1/"
SEARCH_LENGTH = 80  # the documented maxLength of ``q``
PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: _l("The request is not valid."),
    404: _l("Not found, or not released."),
    405: _l("This address only answers GET requests."),
    413: _l("The request is too large."),
    429: _l("Too many requests. Wait a little and try again."),
    500: _l("Something went wrong on the server."),
}
CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def problem(status: int, code: str | None = None, detail: str | None = None) -> Response:
    """An error as an RFC 9457 problem document; ``error`` keeps the machine-readable code."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status, TITLES[500])),
        "status": status,
        "error": code or CODES.get(status, "error"),
    }
    if detail:
        body["detail"] = detail
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_TYPE
    return response


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


def _not_found(code: str) -> Response:
    return problem(404, code)


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Fraction | int) -> float:
    return round(float(value), 4)


def _team(team: Team) -> dict[str, Any]:
    return {
        "id": team.id,
        "code": team.code,
        "name": team.name,
        "institution": team.institution.name if team.institution else None,
    }


def _tournament(tournament: Tournament) -> dict[str, Any]:
    return {
        "slug": tournament.slug,
        "name": tournament.name,
        "championship": tournament.championship.name,
        "stage": tournament.stage,
        "region": tournament.region.code if tournament.region else None,
        "format": tournament.format_code,
        "sides": [
            {"code": side, "name": side_name_en(tournament.format_code, side)}
            for side in format_for(tournament).sides
        ],
        "starts_on": tournament.starts_on.isoformat() if tournament.starts_on else None,
        "url": url_for("api.tournament", slug=tournament.slug),
        "page": url_for("public.tournament", slug=tournament.slug),
    }


def _round(round_: Round) -> dict[str, Any]:
    return {
        "seq": round_.seq,
        "name": round_.name,
        "kind": round_.kind,
        "draw_released_at": _time(round_.draw_released_at),
        "results_released_at": _time(public.results_time(round_)),
    }


def _seat(seat: public.Seat) -> dict[str, Any]:
    return {"side": seat.side, "team": _team(seat.team), "rank": seat.rank, "votes": seat.votes}


def _debate(debate: public.PublicDebate) -> dict[str, Any]:
    venue = debate.venue
    return {
        "room": {"name": venue.name, "building": venue.building} if venue else None,
        "teams": [_seat(seat) for seat in debate.seats],
        "adjudicators": [{"name": j.name, "role": j.role} for j in debate.judges],
    }


@bp.get("/openapi.yaml")
def openapi() -> Response:
    return send_from_directory(
        current_app.static_folder, "openapi.yaml", mimetype="application/yaml"
    )


@bp.get("/tournaments")
def tournaments() -> Response:
    found = [
        _tournament(t)
        for championship in catalogue.championships()
        for t in championship.tournaments
    ]
    return with_etag(jsonify(tournaments=found))


@bp.get("/tournaments/<slug>")
@conditional
def tournament(tournament: Tournament):
    overview = public.overview(tournament)
    return jsonify(
        tournament=_tournament(tournament),
        rounds=[_round(r) for r in overview.rounds],
        standings_public=overview.standings,
        speaker_tab_public=overview.speakers,
        break_public=overview.bracket,
    )


@bp.get("/tournaments/<slug>/rounds")
@conditional
def rounds(tournament: Tournament):
    return jsonify(rounds=[_round(r) for r in public.released_rounds(tournament)])


@bp.get("/tournaments/<slug>/rounds/<int:seq>/draw")
@conditional
def draw(tournament: Tournament, seq: int):
    found = public.draw(tournament, seq)
    if found is None:
        return _not_found("not_released")
    return jsonify(
        round=_round(found.round),
        motions=[
            {
                "text": m.text,
                "info_slide": m.info_slide,
                "division": m.division.name if m.division else None,
            }
            for m in found.motions
        ],
        debates=[_debate(d) for d in found.debates],
        byes=[_team(t) for t in found.byes],
    )


@bp.get("/tournaments/<slug>/results")
@conditional
def results(tournament: Tournament):
    return jsonify(
        rounds=[
            {"round": _round(found.round), "debates": [_debate(d) for d in found.debates]}
            for found in public.results(tournament)
        ]
    )


@bp.get("/tournaments/<slug>/motions")
@conditional
def motions(tournament: Tournament):
    return jsonify(
        motions=[
            {
                "round": _round(found.round),
                "text": found.motion.text,
                "division": found.motion.division.name if found.motion.division else None,
                "debates": found.balance.debates,
                "sides": [
                    {
                        "side": side,
                        "wins": found.balance.wins[side],
                        "average_points": _number(found.balance.average_points[side]),
                    }
                    for side in found.sides
                ],
                "p_value": _number(found.balance.p_value),
                "unbalanced": found.balance.unbalanced,
            }
            for found in public.motions(tournament)
        ]
    )


@bp.get("/tournaments/<slug>/standings")
@conditional
def standings(tournament: Tournament):
    found = public.team_standings(tournament)
    if found is None:
        return _not_found("not_public")
    return jsonify(
        rounds_counted=found.rounds_counted,
        top_n=found.top_n,
        metrics=list(found.metrics),
        rows=[
            {
                "rank": row.rank,
                "team": _team(team),
                "values": {m: _number(row.values[m]) for m in found.metrics},
            }
            for row, team in found.rows
        ],
    )


@bp.get("/tournaments/<slug>/speakers")
@conditional
def speakers(tournament: Tournament):
    found = public.speaker_standings(tournament)
    if found is None:
        return _not_found("not_public")
    return jsonify(
        rounds_counted=found.rounds_counted,
        top_n=found.top_n,
        metric=found.metric,
        rows=[
            {
                "rank": row.rank,
                "speaker": {"id": speaker.id, "name": speaker.name},
                "team": _team(team),
                "average": _number(row.average),
                "trimmed_mean": _number(row.trimmed_mean),
                "total": _number(row.total),
                "speeches": row.speeches,
            }
            for row, speaker, team in found.rows
        ],
    )


def _entrant(found: public.PublicBracket, entrant: Entrant | None) -> dict[str, Any] | None:
    if entrant is None:
        return None
    return {"seed": entrant.seed, "team": _team(found.teams[entrant.team_id])}


def _match(found: public.PublicBracket, match: Match) -> dict[str, Any]:
    return {
        "top": _entrant(found, match.top),
        "bottom": _entrant(found, match.bottom),
        "teams": [_entrant(found, entrant) for entrant in match.places],
        "bye": match.bye,
        "room": match.venue or None,
        "winner": _entrant(found, match.winner),
        "through": [_entrant(found, entrant) for entrant in match.through],
    }


@bp.get("/tournaments/<slug>/bracket")
@conditional
def bracket(tournament: Tournament):
    return jsonify(
        categories=[
            {
                "code": found.category.code,
                "name": found.category.name,
                "teams_per_debate": found.bracket.per_debate,
                "columns": [
                    {
                        "teams": column.teams,
                        "round": _round(round_) if round_ is not None else None,
                        "matches": [_match(found, m) for m in column.matches],
                        "waiting": [_entrant(found, entrant) for entrant in column.waiting],
                    }
                    for round_, column in zip(found.rounds, found.bracket.columns, strict=True)
                ],
                "champion": _entrant(found, found.bracket.champion),
            }
            for found in public.brackets(tournament)
        ]
    )


@bp.get("/tournaments/<slug>/teams")
@conditional
def teams(tournament: Tournament):
    query = request.args.get("q", "")
    if len(query) > SEARCH_LENGTH:
        detail = gettext("Search with at most %(max)s characters.", max=SEARCH_LENGTH)
        return problem(400, "query_too_long", detail)
    if "\x00" in query:  # no name holds one (and PostgreSQL cannot compare it)
        return jsonify(teams=[])
    found = public.search_teams(tournament, query)
    return jsonify(
        teams=[_team(match.team) for match in found],
        found_by_speakers={m.team.code: [s.name for s in m.speakers] for m in found if m.speakers},
    )


def _team_round(item: public.TeamRound) -> dict[str, Any]:
    seat = item.seat
    debate = _debate(item.debate) if item.debate else {"room": None, "adjudicators": []}
    return {
        "round": _round(item.round),
        "bye": item.debate is None,
        "side": seat.side if seat else None,
        "room": debate["room"],
        "opponents": [_team(s.team) for s in item.opponents],
        "adjudicators": debate["adjudicators"],
        "rank": seat.rank if seat else None,
        "votes": seat.votes if seat else None,
    }


@bp.get("/tournaments/<slug>/teams/<key>")
@conditional
def team(tournament: Tournament, key: str):
    found = public.find_team(tournament, key)
    if found is None:
        return _not_found("no_such_team")
    view = public.team_view(tournament, found)
    record = view.record
    return jsonify(
        team=_team(found),
        next=_team_round(view.next) if view.next else None,
        next_start=_time(view.next_start),
        rounds=[_team_round(r) for r in view.rounds],
        record={
            "rounds": record.rounds,
            "places": list(record.places),
            "points": record.points,
            "byes": record.byes,
            "speaker_total": _score(record.speaker_total),
        },
        speakers=[
            {"name": row.speaker.name, "total": _score(row.total), "speeches": row.speeches}
            for row in record.speakers
        ],
    )


def _score(value: Fraction | None) -> float | None:
    return _number(value) if value is not None else None
