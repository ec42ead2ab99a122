"""Adjudicators' private ballot links: ``/j/<token>``. No account; the token is the key.

The page works without JavaScript (a form post with a key made by the server); ballot.js adds
the draft kept on the device and the send under a content-bound key (offline.js), the summary
before sending and the receipt; judge_live.js follows the draw (``/<token>/live``) and registers
the app shell (``/sw.js``) that opens the page offline.
A forged token gets the plain 404 page; a revoked one says it was replaced (``private_links``).
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from tourney.config import LANGUAGES, TIMEZONE
from tourney.labels import round_label
from tourney.models import Adjudicator
from tourney.scoring import BallotError
from tourney.services import ballots
from tourney.services.ballots import BallotRejected, JudgeView, Receipt
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.services.links import new_token
from tourney.web import ballot_errors, ballot_form, feedback_form, private_links
from tourney.web.conditional import etag_of
from tourney.web.i18n import LANGUAGE_COOKIE, local_datetime

bp = Blueprint("judge", __name__)
SEND_TIMEOUT_MS = 15_000  # a request silent this long is given up and retried under its key
POLL_SECONDS = 10  # how often an open judge's page asks whether its debate changed


def _judge(token: str) -> Adjudicator:
    return private_links.resolve(token, ballots.adjudicator_by_token)


@bp.after_request
def _private(response):
    """The page holds a private link and a judge's scores: no HTTP cache keeps it. Only the
    judge's own device does, through the app shell (judge_sw.js), to open it without Wi-Fi."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<token>")
def ballot(token: str):
    view = ballots.judge_view(_judge(token))
    response = make_response(_render(view, token))
    if request.args.get("lang") in LANGUAGES:  # the judge's own language switch keeps the link
        response.set_cookie(
            LANGUAGE_COOKIE, request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


@bp.get("/sw.js")
def service_worker():
    """The judge's app shell (static/js/judge_sw.js) served from /j/ so that it may control
    every judge's page: the page opens with the kept draft when the Wi-Fi is down."""
    response = current_app.send_static_file("js/judge_sw.js")
    response.headers["Service-Worker-Allowed"] = url_for("judge.service_worker").rsplit("/", 1)[0]
    return response


@bp.get("/<token>/live")
def live(token: str):
    """What the open page follows (like the public pages, by conditional GET): the debate box,
    and the key of the form (debate, teams and sides). A changed key makes the page reload."""
    view = ballots.judge_view(_judge(token))
    if view.seat is None:
        body = {"form": None, "html": ""}
    else:
        side_blocks = ballot_form.blocks(view.fmt, view.seat.debate)
        html = render_template("judge/_debate.html", view=view, blocks=side_blocks)
        body = {"form": _form_key(view), "html": html}
    response = jsonify(body)
    response.set_etag(etag_of(response.get_data()))
    return response.make_conditional(request)


def _form_key(view: JudgeView) -> str | None:
    """Changes when the form itself must change: another debate, other teams or sides, a seat
    that may or may not submit."""
    if view.seat is None:
        return None
    debate = view.seat.debate
    teams = sorted((dt.side, dt.team_id) for dt in debate.teams)
    return f"{debate.id}:{teams}:{view.may_submit}"


@bp.get("/<token>/csrf")
def csrf(token: str):
    """A fresh CSRF token for a page left open while the session cookie was lost."""
    _judge(token)
    return jsonify(csrf=generate_csrf())


def _feedback_page(adjudicator: Adjudicator, token: str, failed=None, status: int = 200):
    return feedback_form.render_link_page(
        adjudicator,
        "feedback/judge.html",
        submit_url=url_for("judge.feedback_submit", token=token),
        csrf_url=url_for("judge.csrf", token=token),
        failed=failed,
        status=status,
        adjudicator=adjudicator,
        token=token,
    )


@bp.get("/<token>/feedback")
def feedback_page(token: str):
    """The feedback this judge gives on the others of the panel (never feedback about them)."""
    return _feedback_page(_judge(token), token)


@bp.post("/<token>/feedback")
def feedback_submit(token: str):
    adjudicator = _judge(token)
    return feedback_form.handle_submit(
        adjudicator,
        page=lambda failed, status: _feedback_page(adjudicator, token, failed, status),
        done_url=url_for("judge.feedback_page", token=token),
    )


@bp.post("/<token>/ballot")
def submit(token: str):
    adjudicator = _judge(token)
    wants_json = request.is_json
    data = request.get_json(silent=True) if wants_json else request.form
    try:
        if not isinstance(data, dict) and wants_json:
            raise ServiceError("malformed")
        submission, input_errors = ballot_form.parse(format_for(adjudicator.tournament), data)
        if input_errors:
            engine_errors = ballots.check(adjudicator.id, submission)
            raise BallotRejected(ballot_form.combine(input_errors, engine_errors))
        receipt = ballots.submit_from_link(adjudicator, submission)
    except BallotRejected as rejected:
        # The page around the errors is read only now: a good ballot never pays for it.
        view = ballots.judge_view(adjudicator)
        return _rejected(view, token, rejected.errors, data, wants_json)
    except ServiceError as refused:
        message = ballot_errors.refusal(refused.code)
        if wants_json:
            return jsonify(ok=False, code=refused.code, message=message), 409
        view = ballots.judge_view(adjudicator)
        return _render(view, token, values=dict(data), refusal=message, status=409)
    if wants_json:
        return jsonify(ok=True, receipt=_receipt_json(receipt)), 201 if receipt.created else 200
    return redirect(url_for("judge.ballot", token=token, received=receipt.ballot_id), 303)


def _receipt_json(receipt: Receipt) -> dict[str, Any]:
    return {
        "ballot_id": receipt.ballot_id,
        "debate_id": receipt.debate_id,
        "version": receipt.version,
        "submitted_at": receipt.submitted_at.isoformat(),
        "submitted_at_local": local_datetime(receipt.submitted_at),
        "created": receipt.created,
        "result_confirmed": receipt.result_confirmed,
    }


def _rejected(view: JudgeView, token: str, errors: list[BallotError], data: Any, wants_json: bool):
    names = _names(view)
    if wants_json:
        listed = [
            {"field": e.field, "code": str(e.code), "message": ballot_errors.message(e, names)}
            for e in errors
        ]
        return jsonify(ok=False, code="ballot_invalid", errors=listed), 422
    return _render(
        view,
        token,
        values=dict(data),
        errors=ballot_errors.by_field(errors, names),
        refusal=ballot_errors.refusal("ballot_invalid"),
        status=422,
    )


def _names(view: JudgeView) -> ballot_errors.Names:
    debate = view.seat.debate if view.seat else None
    speakers = {s.id: s.name for dt in debate.teams for s in dt.team.speakers} if debate else {}
    judges = {a.adjudicator_id: a.adjudicator.name for a in debate.adjudicators} if debate else {}
    return ballot_errors.Names(view.fmt, speakers, judges)


def _render(
    view: JudgeView,
    token: str,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    refusal: str = "",
    status: int = 200,
):
    live = {"live_url": url_for("judge.live", token=token), "form": _form_key(view)}
    live["sw_url"] = url_for("judge.service_worker")
    live["poll"] = current_app.config.get("JUDGE_POLL_SECONDS", POLL_SECONDS)
    if view.seat is None:
        return render_template("judge/no_debate.html", view=view, token=token, live=live), status
    debate = view.seat.debate
    fmt = view.fmt
    side_blocks = ballot_form.blocks(fmt, debate)
    config = ballot_form.page_config(fmt, side_blocks)
    config.update(
        debate_id=debate.id,
        submit_url=url_for("judge.submit", token=token),
        csrf_url=url_for("judge.csrf", token=token),
        server_ballot=view.ballot.id if view.ballot else None,
        time_zone=TIMEZONE,
        timeout_ms=current_app.config.get("BALLOT_SEND_TIMEOUT_MS", SEND_TIMEOUT_MS),
        summary=_debate_summary(view, side_blocks),
    )
    received = request.args.get("received", type=int)
    return render_template(
        "judge/ballot.html",
        view=view,
        token=token,
        fmt=fmt,
        blocks=side_blocks,
        values=values if values is not None else ballot_form.values_of(fmt, debate, view.ballot),
        errors=errors or {},
        paper=False,
        refusal=refusal,
        config=config,
        live=live,
        key=new_token(),
        just_received=view.ballot is not None and received == view.ballot.id,
    ), status


def _debate_summary(view: JudgeView, side_blocks: list[ballot_form.SideBlock]) -> str:
    """One line naming the debate, kept with the draft in case the judge is moved elsewhere."""
    debate = view.seat.debate
    room = debate.venue.name if debate.venue else _("to be announced")
    teams = " – ".join(f"{b.label}: {b.team.name}" for b in side_blocks)
    return f"{round_label(view.round)} · {_('Room')}: {room} · {teams}"
