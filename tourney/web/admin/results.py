"""The results desk: missing ballots, ballots to confirm, panel disagreements side by side, paper
ballots typed in by a clerk, retraction; and the organiser's control of judges' private links."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import partial
from typing import Any

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tourney.documents.qr import ballot_link
from tourney.labels import position_label, score_text, side_label
from tourney.models import Adjudicator, Debate, DebateResult, Round, Tournament
from tourney.models._base import parse_id
from tourney.scoring import Format, PanelErrorCode
from tourney.services import ballots, results
from tourney.services.ballots import BallotRejected
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.services.links import new_token
from tourney.services.results import DebateDesk, PanelRejected, Retraction
from tourney.web import ballot_errors, ballot_form
from tourney.web.admin import MENU, bp
from tourney.web.admin.links import change_link
from tourney.web.admin.lookup import owned_or_404, round_or_404, tournament_or_404
from tourney.web.security import role_required

DESK_ROLES = ("tab_director", "ballot_clerk")
MENU.append(("admin.results_desk", _l("Results")))


def _desk_or_404(t: Tournament, debate_id: int) -> DebateDesk:
    owned_or_404(Debate, debate_id, t)
    desk = results.debate_desk(debate_id)
    if desk is None:
        abort(404)
    return desk


def _names(desk: DebateDesk) -> ballot_errors.Names:
    speakers = {s.id: s.name for dt in desk.debate.teams for s in dt.team.speakers}
    judges = {s.adjudicator_id: s.name for s in desk.seats}
    return ballot_errors.Names(desk.fmt, speakers, judges)


def _shared(t: Tournament) -> dict[str, Any]:
    """What every results-desk template uses: side names in this format."""
    fmt = format_for(t)
    return {
        "t": t,
        "side_name": partial(side_label, fmt),
        "total_text": partial(total_text, fmt),
    }


def total_text(fmt: Format, total: Fraction) -> str:
    """A team total as the desk shows it: a panel's average is rounded to one decimal place
    finer than the format's finest step (80.3 in whole points, 80.33 in halves), never 80.333333."""
    places = max(-p.score_step.normalize().as_tuple().exponent for p in fmt.positions) + 1
    rounded = Decimal(total.numerator) / Decimal(total.denominator)
    rounded = rounded.quantize(Decimal(1).scaleb(-max(places, 0)), rounding=ROUND_HALF_UP)
    return score_text(Fraction(rounded))


def _sheets(desk: DebateDesk) -> tuple[dict, dict, set[str]]:
    """Per ballot: its speeches by slot ("aff.1") and its team totals; slots where judges differ."""
    shown = [s.ballot for s in desk.seats if s.ballot is not None] + desk.others
    sheets = {b.id: {f"{s.side}.{s.position}": s for s in b.scores} for b in shown}
    totals = {
        b.id: {
            side: sum((s.score for s in b.scores if s.side == side), Decimal(0))
            for side in desk.fmt.sides
        }
        for b in shown
    }
    named: dict[str, set[int]] = {}
    for b in desk.counted:
        for slot, speech in sheets[b.id].items():
            named.setdefault(slot, set()).add(speech.speaker_id)
    return sheets, totals, {slot for slot, ids in named.items() if len(ids) > 1}


def _speaker_disagreement(desk: DebateDesk) -> dict[str, Any] | None:
    """Judges name different speakers for some speeches: which speeches, said once, and the
    decision the majority of the voting judges gives meanwhile (two-team formats)."""
    slots = [
        e.field.rsplit(".", 1)[0]
        for e in desk.problems
        if e.code == PanelErrorCode.SPEAKER_MISMATCH
    ]
    if not slots:
        return None
    speeches = ", ".join(
        f"{side_label(desk.fmt, slot.split('.')[0])}, {position_label(slot.split('.')[1])}"
        for slot in slots
    )
    votes = Counter(b.winner_side for b in desk.counted if b.winner_side)
    shown: dict[str, Any] = {"speeches": speeches, "majority": None}
    if votes:
        (side, count), *rest = votes.most_common()
        if not rest or rest[0][1] < count:
            team = next(dt.team.name for dt in desk.debate.teams if dt.side == side)
            shown.update(
                majority=f"{side_label(desk.fmt, side)} ({team})",
                votes=count,
                judges=len(desk.counted),
            )
    return shown


def _refuse(error: ServiceError, names: ballot_errors.Names | None = None) -> None:
    flash(ballot_errors.refusal(error.code), "error")
    if isinstance(error, PanelRejected | BallotRejected) and names is not None:
        for problem in error.errors:
            flash(ballot_errors.message(problem, names), "error")


@bp.get("/t/<slug>/results")
@role_required(*DESK_ROLES)
def results_desk(slug: str):
    t = tournament_or_404(slug)
    rounds = results.desk_rounds(t)
    chosen = request.args.get("round", type=int)
    round_: Round | None = None
    if chosen is not None:
        round_ = round_or_404(t, chosen)
    elif rounds:
        round_ = rounds[-1]
    desks = results.round_desk(round_) if round_ is not None else []
    return render_template(
        "admin/results.html",
        **_shared(t),
        rounds=rounds,
        round_=round_,
        desks=desks,
        counts=results.status_counts(desks),
    )


@bp.get("/t/<slug>/results/debates/<int:debate_id>")
@role_required(*DESK_ROLES)
def results_debate(slug: str, debate_id: int):
    t = tournament_or_404(slug)
    desk = _desk_or_404(t, debate_id)
    names = _names(desk)
    versions = results.versions(debate_id)
    past = results.history(debate_id)
    people = results.user_names(
        [b.entered_by_id for b in versions] + [r.confirmed_by_id for r in past]
    )
    sheets, totals, mismatched = _sheets(desk)
    return render_template(
        "admin/results_debate.html",
        **_shared(t),
        desk=desk,
        sheets=sheets,
        totals=totals,
        mismatched=mismatched,
        speakers=names.speakers,
        problems=[
            ballot_errors.message(e, names)
            for e in desk.problems
            if e.code != PanelErrorCode.SPEAKER_MISMATCH
        ],
        speaker_disagreement=_speaker_disagreement(desk),
        sides=ballot_form.blocks(desk.fmt, desk.debate),
        versions=versions,
        past=past,
        people=people,
        may_confirm=desk.confirmable and current_user.id not in desk.entered_by,
    )


@bp.post("/t/<slug>/results/debates/<int:debate_id>/confirm")
@role_required(*DESK_ROLES)
def results_confirm(slug: str, debate_id: int):
    t = tournament_or_404(slug)
    desk = _desk_or_404(t, debate_id)
    sent = request.form.get("ballot_ids", "").split(",")
    seen = [i for i in map(parse_id, sent) if i is not None]
    try:
        results.confirm(debate_id, current_user, seen)
    except ServiceError as error:
        _refuse(error, _names(desk))
    else:
        flash(_("Result confirmed."), "success")
    return redirect(url_for("admin.results_debate", slug=slug, debate_id=debate_id))


@bp.post("/t/<slug>/results/confirmed/<int:result_id>/retract")
@role_required(*results.RETRACT_ROLES)
def results_retract(slug: str, result_id: int):
    t = tournament_or_404(slug)
    result = owned_or_404(DebateResult, result_id, t)
    debate_id = result.debate_id
    try:
        done = results.retract(result_id, current_user, request.form.get("reason", ""))
    except ServiceError as error:
        flash(ballot_errors.refusal(error.code, **error.params), "error")
    else:
        flash(_retracted(done), "success")
    return redirect(url_for("admin.results_debate", slug=slug, debate_id=debate_id))


def _retracted(done: Retraction) -> str:
    """What a retraction changed, in the organiser's words."""
    text = _("Result retracted: confirm the corrected result once the ballots are right.")
    if done.unreleased:
        text += " " + _(
            "Round %(round)s is open again and its results are no longer public: close it and"
            " release its results again when the result is confirmed.",
            round=done.round_seq,
        )
    elif done.reopened:
        text += " " + _(
            "Round %(round)s is open again: close it when the result is confirmed.",
            round=done.round_seq,
        )
    return text


@bp.route("/t/<slug>/results/debates/<int:debate_id>/paper", methods=["GET", "POST"])
@role_required(*DESK_ROLES)
def results_paper(slug: str, debate_id: int):
    """A paper ballot typed in by a clerk: the judge's form, checked by the engine."""
    t = tournament_or_404(slug)
    desk = _desk_or_404(t, debate_id)
    seat = next(
        (s for s in desk.seats if s.adjudicator_id == request.values.get("judge", type=int)),
        None,
    )
    if seat is None or not seat.counts:  # a trainee's ballot is practice: no paper slot
        abort(404)
    values: dict[str, Any] = ballot_form.values_of(desk.fmt, desk.debate, seat.ballot)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            submission, input_errors = ballot_form.parse(desk.fmt, request.form, paper=True)
            if input_errors:
                engine_errors = ballots.check(seat.adjudicator_id, submission)
                raise BallotRejected(ballot_form.combine(input_errors, engine_errors))
            receipt = ballots.enter_paper(current_user, seat.adjudicator_id, submission)
        except BallotRejected as rejected:
            errors = ballot_errors.by_field(rejected.errors, _names(desk))
            flash(ballot_errors.refusal("ballot_invalid"), "error")
            status = 422
        except ServiceError as error:
            _refuse(error)
            status = 409
        else:
            saved = _(
                "Paper ballot of %(judge)s saved (version %(version)s).",
                judge=seat.name,
                version=receipt.version,
            )
            flash(saved, "success")
            return redirect(url_for("admin.results_debate", slug=slug, debate_id=debate_id))
    return render_template(
        "admin/results_paper.html",
        **_shared(t),
        desk=desk,
        seat=seat,
        fmt=desk.fmt,
        blocks=(side_blocks := ballot_form.blocks(desk.fmt, desk.debate)),
        config=ballot_form.page_config(desk.fmt, side_blocks),
        values=values,
        errors=errors,
        paper=True,
        key=new_token(),
    ), status


def _adjudicator_or_404(t: Tournament, adjudicator_id: int) -> Adjudicator:
    return owned_or_404(Adjudicator, adjudicator_id, t)


@bp.get("/t/<slug>/adjudicators/<int:adjudicator_id>/link")
@role_required("tab_director")
def judge_link(slug: str, adjudicator_id: int):
    t = tournament_or_404(slug)
    adjudicator = _adjudicator_or_404(t, adjudicator_id)
    url = qr = None
    if adjudicator.token:
        url = ballot_link(adjudicator.token)
        qr = segno.make(url, error="m").svg_data_uri(scale=5, border=2)
    return render_template(
        "admin/results_judge_link.html", t=t, adjudicator=adjudicator, url=url, qr=qr
    )


@bp.post("/t/<slug>/adjudicators/<int:adjudicator_id>/link")
@role_required("tab_director")
def judge_link_change(slug: str, adjudicator_id: int):
    t = tournament_or_404(slug)
    return change_link(
        _adjudicator_or_404(t, adjudicator_id),
        _("The link is revoked: it no longer opens the ballot."),
        url_for("admin.judge_link", slug=slug, adjudicator_id=adjudicator_id),
    )
