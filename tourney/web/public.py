"""Pages for teams, families and the hall's projector: only what the organisers released.

Every tournament page is a conditional GET (ETag / Last-Modified, see ``web.conditional``);
``?fragment=1`` returns only its live part, which ``static/js/public.js`` polls and swaps in.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from markupsafe import Markup

from tourney import labels
from tourney.config import TIMEZONE
from tourney.models import Tournament
from tourney.services import catalogue, public
from tourney.web import bracket_svg
from tourney.web.conditional import conditional, etag_of, page_args, with_etag

bp = Blueprint("public", __name__)

DEFAULT_POLL_SECONDS = 5
PROJECTOR_PAGE_SECONDS = 12
SEARCH_LENGTH = 80


def _page(template: str, tournament: Tournament, **context: Any) -> str:
    """A tournament page, or only its live part when the poller asks for ``fragment=1``.

    The full page carries the live part's ETag, so the first poll is already conditional.
    """
    context.update(
        tournament=tournament,
        time_zone=TIMEZONE,  # the "updated at" time (public.js) is the hall's clock
        poll_seconds=current_app.config.get("PUBLIC_POLL_SECONDS", DEFAULT_POLL_SECONDS),
        live_url=url_for(request.endpoint, **request.view_args, **_args(fragment="1")),
    )
    live = render_template(template, layout="public/fragment.html", **context)
    if request.args.get("fragment") == "1":
        return live
    return render_template(
        template,
        layout="public/page.html",
        live_html=Markup(live),  # our own rendered template, escaped already
        live_etag=etag_of(live.encode()),
        **context,
    )


def _query() -> str:
    """The search or filter box's text (``?q=``), cut to the box's length."""
    return request.args.get("q", "")[:SEARCH_LENGTH].strip()


def _args(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in page_args().items() if k != "fragment"}, **extra}


@bp.get("/")
def home():
    return with_etag(
        current_app.make_response(
            render_template("public/home.html", championships=catalogue.championships())
        )
    )


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.get("/t/<slug>")
@conditional
def tournament(tournament: Tournament):
    return _page("public/tournament.html", tournament, overview=public.overview(tournament))


def _draw_view(seq: int, tournament: Tournament, query: str) -> dict[str, Any]:
    """The released draw of round ``seq`` (404 if none), and its lines by team when the page
    asks for ``?by=team`` (any other value: by room)."""
    found = public.draw(tournament, seq)
    if found is None:
        abort(404)
    by_team = request.args.get("by") == "team"
    return {
        "draw": found,
        "by_team": by_team,
        "lines": public.draw_by_team(found, query) if by_team else (),
    }


@bp.get("/t/<slug>/draw/<int:seq>")
@conditional
def draw(tournament: Tournament, seq: int):
    """By room, or by team with a filter (``?q=``, matched on the server: one folding of the
    name in every alphabet, ``text.matches``, and a page that works without JavaScript)."""
    query = _query()
    return _page("public/draw.html", tournament, query=query, **_draw_view(seq, tournament, query))


@bp.get("/t/<slug>/draw/<int:seq>/projector")
@conditional
def projector(tournament: Tournament, seq: int):
    return _page(
        "public/projector.html",
        tournament,
        page_seconds=PROJECTOR_PAGE_SECONDS,
        **_draw_view(seq, tournament, ""),
    )


@bp.get("/t/<slug>/results")
@conditional
def results(tournament: Tournament):
    return _page("public/results.html", tournament, rounds=public.results(tournament))


@bp.get("/t/<slug>/motions")
@conditional
def motions(tournament: Tournament):
    return _page("public/motions.html", tournament, motions=public.motions(tournament))


@bp.get("/t/<slug>/teams")
@conditional
def teams(tournament: Tournament):
    query = _query()
    found = public.search_teams(tournament, query)
    return _page("public/teams.html", tournament, teams=found, query=query)


@bp.get("/t/<slug>/team/<key>")
@conditional
def team(tournament: Tournament, key: str):
    found = public.find_team(tournament, key)
    if found is None:
        abort(404)
    return _page("public/team.html", tournament, view=public.team_view(tournament, found))


@bp.get("/t/<slug>/standings")
@conditional
def standings(tournament: Tournament):
    return _page("public/standings.html", tournament, standings=public.team_standings(tournament))


@bp.get("/t/<slug>/speakers")
@conditional
def speakers(tournament: Tournament):
    return _page("public/speakers.html", tournament, speakers=public.speaker_standings(tournament))


@bp.get("/t/<slug>/bracket")
@conditional
def bracket(tournament: Tournament):
    found = [
        (b, bracket_svg.layout(b), labels.column_labels(b)) for b in public.brackets(tournament)
    ]
    return _page("public/bracket.html", tournament, brackets=found)


@bp.get("/t/<slug>/bracket.svg")
@conditional
def bracket_image(tournament: Tournament):
    """One category's bracket as an SVG file (the first category unless ``?category=code``)."""
    found = public.brackets(tournament)
    code = request.args.get("category")
    chosen = next((b for b in found if code in (None, b.category.code)), None)
    if chosen is None:
        abort(404)
    body = render_template(
        "public/bracket.svg", drawing=bracket_svg.layout(chosen), svg_id="bracket", standalone=True
    )
    return current_app.response_class(body, mimetype="image/svg+xml")


@bp.get("/t/<slug>/schedule")
@conditional
def schedule(tournament: Tournament):
    return _page("public/schedule.html", tournament, items=public.schedule(tournament))
