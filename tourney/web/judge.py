"""Adjudicators' private ballot links: ``/j/<token>``. No account; the token is the key.

The page works without JavaScript (a form post with a key made by the server); ballot.js adds
the draft kept on the device, the summary before sending, and retries until the server answers.
A forged or revoked token gets the plain 404 page and nothing else.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
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
from tourney.web import ballot_errors, ballot_form
from tourney.web.i18n import LANGUAGE_COOKIE, local_datetime

bp = Blueprint("judge", __name__)
SEND_TIMEOUT_MS = 15_000  # a request silent this long is given up and retried under its key


def _judge(token: str) -> Adjudicator:
    adjudicator = ballots.adjudicator_by_token(token)
    if adjudicator is None:
        abort(404)
    return adjudicator


@bp.after_request
def _private(response):
    """The page holds a private link and a judge's scores: never cache it anywhere."""
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


@bp.get("/<token>/csrf")
def csrf(token: str):
    """A fresh CSRF token for a page left open while the session cookie was lost."""
    _judge(token)
    return jsonify(csrf=generate_csrf())


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
    if view.seat is None:
        return render_template("judge/no_debate.html", view=view, token=token), status
    debate = view.seat.debate
    fmt = view.fmt
    side_blocks = ballot_form.blocks(fmt, debate)
    config = ballot_form.client_config(fmt, side_blocks)
    config.update(
        debate_id=debate.id,
        submit_url=url_for("judge.submit", token=token),
        csrf_url=url_for("judge.csrf", token=token),
        messages=ballot_errors.client_messages(),
        text=_client_text(),
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
        key=new_token(),
        just_received=view.ballot is not None and received == view.ballot.id,
    ), status


def _debate_summary(view: JudgeView, side_blocks: list[ballot_form.SideBlock]) -> str:
    """One line naming the debate, kept with the draft in case the judge is moved elsewhere."""
    debate = view.seat.debate
    room = debate.venue.name if debate.venue else _("to be announced")
    teams = " – ".join(f"{b.label}: {b.team.name}" for b in side_blocks)
    return f"{round_label(view.round)} · {_('Room')}: {room} · {teams}"


def _client_text() -> dict[str, str]:
    """Sentences ballot.js shows; %(name)s params are filled in the browser."""
    return {
        "verdict": _("%(side)s wins %(score)s"),
        "verdict_low": _("%(side)s wins on a low-point win, %(score)s"),
        "margin": _("margin %(margin)s"),
        "tied": _("The totals are tied at %(total)s: choose the winner."),
        "incomplete": _("Enter every score to see the result."),
        "ranks": _("%(rank)s. %(side)s (%(total)s)"),
        "total": _("Total"),
        "draft_saved": _("Draft saved on this device at %(time)s."),
        "draft_not_saved": _(
            "The draft is NOT kept on this device (its storage is full or blocked): send the"
            " ballot before leaving this page."
        ),
        "retry_in": _("Next try in %(seconds)s s."),
        "moved_sent": _("The ballot for your previous debate was received (no. %(id)s)."),
        "sending": _("Sending the ballot…"),
        "offline": _(
            "Not sent: no connection to the server. The ballot is kept on this device and "
            "will be sent automatically; keep this page open."
        ),
        "received": _("Ballot received at %(time)s (version %(version)s, no. %(id)s)."),
        "changed": _(
            "You are changing a submitted ballot. Sending it again replaces it with a new version."
        ),
        "fix": _("Please correct the marked fields."),
        "refused": _("The server did not accept the ballot. Please go to the tab room."),
    }
