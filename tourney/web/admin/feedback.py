"""The tab room's feedback pages: progress per round, per-judge summaries, paper forms typed in by
a clerk, the questions, the CSV export, and the judges' ratings with the rounds' feedback weights.

Who sees what: any tab-room account sees who still owes feedback and may type in paper forms; the
content of feedback (summaries, comments, CSV) and the ratings are for tab directors. No page
outside the tab room ever shows feedback.
"""

from __future__ import annotations

from decimal import Decimal

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tourney.extensions import db
from tourney.models import Adjudicator, Debate, DebateAdjudicator, FeedbackQuestion, Tournament
from tourney.models.feedback import FEEDBACK_PATHS
from tourney.services import csv_export, feedback, ratings
from tourney.services.errors import ServiceError
from tourney.services.feedback import FeedbackRejected, QuestionData
from tourney.services.tournaments import rounds_of
from tourney.web import feedback_form
from tourney.web.admin import MENU, bp
from tourney.web.admin.lookup import round_or_404, tournament_or_404
from tourney.web.i18n import current_language
from tourney.web.security import role_required

DESK_ROLES = ("tab_director", "ballot_clerk")
MENU.append(("admin.feedback_progress", _l("Feedback")))

KIND_LABELS = {
    "scale": _l("Scale (whole numbers from … to …)"),
    "yesno": _l("Yes / no"),
    "choice": _l("One of several"),
    "text": _l("Text"),
}


def _public_rounds(t: Tournament):
    return [r for r in rounds_of(t) if r.draw_public]


def _chosen_round(t: Tournament):
    rounds = _public_rounds(t)
    seq = request.args.get("round", type=int)
    if seq is not None:
        return rounds, round_or_404(t, seq)
    return rounds, (rounds[-1] if rounds else None)


@bp.get("/t/<slug>/feedback")
@role_required(*DESK_ROLES)
def feedback_progress(slug: str):
    """Who still owes feedback in a round (the content is not shown here)."""
    t = tournament_or_404(slug)
    rounds, round_ = _chosen_round(t)
    rows = feedback.progress(round_) if round_ is not None else []
    only_owed = request.args.get("owed") == "1"
    shown = [r for r in rows if r.feedback is None] if only_owed else rows
    return render_template(
        "feedback/admin_progress.html",
        t=t,
        rounds=rounds,
        round_=round_,
        rows=shown,
        total=len(rows),
        arrived=sum(1 for r in rows if r.feedback is not None),
        only_owed=only_owed,
        path_label=feedback.path_label,
    )


def _filters(t: Tournament) -> tuple[int | None, str | None, str]:
    seq = request.args.get("round", type=int)
    path = request.args.get("path") or None
    if path is not None and path not in FEEDBACK_PATHS:
        path = None
    return seq, path, (request.args.get("q") or "").strip()


@bp.get("/t/<slug>/feedback/judges")
@role_required("tab_director")
def feedback_judges(slug: str):
    t = tournament_or_404(slug)
    seq, path, name = _filters(t)
    shown = feedback.summaries(t, round_seq=seq, path=path)
    if name:
        shown = [s for s in shown if name.casefold() in s.adjudicator.name.casefold()]
    return render_template(
        "feedback/admin_judges.html",
        t=t,
        summaries=shown,
        rounds=_public_rounds(t),
        seq=seq,
        path=path,
        name=name,
        paths=[(p, feedback.path_label(p)) for p in FEEDBACK_PATHS],
    )


@bp.get("/t/<slug>/feedback/judges/<int:adjudicator_id>")
@role_required("tab_director")
def feedback_judge(slug: str, adjudicator_id: int):
    t = tournament_or_404(slug)
    summary = next((s for s in feedback.summaries(t) if s.adjudicator.id == adjudicator_id), None)
    if summary is None:
        abort(404)
    questions = feedback.questions_of(t.id, active_only=False)
    language = current_language()
    return render_template(
        "feedback/admin_judge.html",
        t=t,
        summary=summary,
        received=feedback.current_feedback(t.id, target_id=adjudicator_id),
        questions=questions,
        words=lambda texts: feedback.words(texts, language),
        answer_text=lambda q, a: feedback.answer_text(q, a, language),
        source_name=feedback.source_name,
        path_label=feedback.path_label,
    )


@bp.get("/t/<slug>/feedback.csv")
@role_required("tab_director")
def feedback_csv(slug: str):
    t = tournament_or_404(slug)
    header, rows = feedback.csv_rows(t, current_language())
    return Response(
        csv_export.to_csv(header, rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}-feedback.csv"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/t/<slug>/feedback/paper", methods=["GET", "POST"])
@role_required(*DESK_ROLES)
def feedback_paper(slug: str):
    """A paper feedback form typed in by a clerk: the debate, who gave it, and about whom."""
    t = tournament_or_404(slug)
    debate_id = request.values.get("debate", type=int)
    target_id = request.values.get("target", type=int)
    source_key = request.values.get("source", "")
    debate = db.session.get(Debate, debate_id) if debate_id else None
    if debate is None or debate.round.tournament_id != t.id:
        abort(404)
    duty = next(
        (
            d
            for d in feedback.duties_of_round(debate.round)
            if (d.debate_id, d.target_id, d.source_key) == (debate.id, target_id, source_key)
        ),
        None,
    )
    if duty is None:
        abort(404)
    stored = next(
        (
            r.feedback
            for r in feedback.progress(debate.round)
            if r.duty == duty and r.feedback is not None
        ),
        None,
    )
    form = feedback_form.form_view(duty, feedback.questions_of(t.id), stored)
    status = 200
    if request.method == "POST":
        try:
            submission = feedback_form.parse(request.form.to_dict())
            receipt = feedback.enter_paper(current_user, t, source_key, submission)
        except FeedbackRejected as rejected:
            form.values = {k: v for k, v in request.form.items() if k.startswith("q.")}
            form.errors = feedback_form.by_field(rejected.errors)
            flash(feedback_form.refusal(rejected.code), "error")
            status = 422
        except ServiceError as error:
            flash(feedback_form.refusal(error.code), "error")
            status = 409
        else:
            saved = _(
                "Paper feedback of %(source)s on %(judge)s saved (version %(version)s).",
                source=duty.source_name,
                judge=duty.target_name,
                version=receipt.version,
            )
            flash(saved, "success")
            return redirect(
                url_for("admin.feedback_progress", slug=slug, round=debate.round.seq, owed=1)
            )
    hidden = {"debate": debate.id, "target": duty.target_id, "source": source_key}
    return render_template(
        "feedback/admin_paper.html", t=t, form=form, duty=duty, hidden=hidden
    ), status


# --------------------------------------------------------------------------- questions


class QuestionForm(FlaskForm):
    text = StringField(_l("Question"), validators=[InputRequired(), Length(max=500)])
    kind = SelectField(_l("Kind of answer"), choices=list(KIND_LABELS.items()))
    min_value = IntegerField(_l("Lowest"), validators=[Optional(), NumberRange(0, 100)])
    max_value = IntegerField(_l("Highest"), validators=[Optional(), NumberRange(0, 100)])
    choices = TextAreaField(
        _l("Answers to choose from (one per line)"), validators=[Length(max=2000)]
    )
    required = BooleanField(_l("An answer is required"))
    paths = SelectMultipleField(
        _l("Who answers"),
        choices=[(p, feedback.PATH_LABELS[p]) for p in FEEDBACK_PATHS],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    rounds = StringField(
        _l("Rounds (numbers separated by commas; empty = every round)"),
        validators=[Length(max=200)],
    )
    rates = BooleanField(_l("This answer is the feedback score used in the rating"))

    def data_of(self) -> QuestionData:
        rounds = tuple(int(p) for p in (self.rounds.data or "").replace(" ", "").split(",") if p)
        return QuestionData(
            text=self.text.data or "",
            kind=self.kind.data,
            required=bool(self.required.data),
            min_value=self.min_value.data,
            max_value=self.max_value.data,
            choices=tuple(
                line.strip() for line in (self.choices.data or "").splitlines() if line.strip()
            ),
            paths=tuple(self.paths.data or ()),
            rounds=rounds,
            rates=bool(self.rates.data),
        )

    def fill(self, question: FeedbackQuestion, language: str) -> None:
        self.text.data = feedback.words(question.text, language)
        self.kind.data = question.kind
        self.min_value.data, self.max_value.data = question.min_value, question.max_value
        self.choices.data = "\n".join(feedback.words(c, language) for c in question.choices)
        self.required.data = question.required
        self.paths.data = list(question.paths)
        self.rounds.data = ", ".join(map(str, question.rounds))
        self.rates.data = question.rates


def _rounds_valid(form: QuestionForm) -> bool:
    parts = (form.rounds.data or "").replace(" ", "").split(",")
    if all(p.isascii() and p.isdigit() and len(p) < 4 for p in parts if p):
        return True
    form.rounds.errors = [*form.rounds.errors, _("Write round numbers such as 1, 2, 3.")]
    return False


QUESTION_REFUSALS = {
    "question_text": _l("Write the question (at most 500 characters)."),
    "question_kind": _l("Choose the kind of answer."),
    "question_paths": _l("Choose who answers the question."),
    "question_scale": _l("A scale needs a lowest and a highest whole number, from 0 to 100."),
    "question_choices": _l("Write at least two answers to choose from, one per line."),
    "question_rates_scale": _l("Only a scale question can give the feedback score."),
    "question_answered": _l(
        "This question has answers already: its kind, range and number of answers stay as they"
        " are. Add a new question instead."
    ),
}


def _question_or_404(t: Tournament, entity_id: int) -> FeedbackQuestion:
    question = db.session.get(FeedbackQuestion, entity_id)
    if question is None or question.tournament_id != t.id or not question.active:
        abort(404)
    return question


def _question_page(t: Tournament, question: FeedbackQuestion | None):
    form = QuestionForm()
    language = current_language()
    if request.method == "GET" and question is not None:
        form.fill(question, language)
    elif request.method == "GET":
        form.kind.data, form.min_value.data, form.max_value.data = "scale", 1, 5
        form.paths.data = list(FEEDBACK_PATHS)
    status = 200
    if form.validate_on_submit() and _rounds_valid(form):
        try:
            feedback.save_question(t, question, form.data_of(), language, current_user)
        except ServiceError as error:
            flash(str(QUESTION_REFUSALS[error.code]), "error")
            status = 422
        else:
            flash(_("The question is saved."), "success")
            return redirect(url_for("admin.feedback_questions", slug=t.slug))
    elif request.method == "POST":
        status = 422
    return render_template(
        "feedback/admin_questions.html",
        t=t,
        form=form,
        editing=question,
        questions=feedback.questions_of(t.id),
        words=lambda texts: feedback.words(texts, language),
        kind_label=lambda k: KIND_LABELS[k],
        path_label=feedback.path_label,
    ), status


@bp.route("/t/<slug>/feedback/questions", methods=["GET", "POST"])
@role_required("tab_director")
def feedback_questions(slug: str):
    return _question_page(tournament_or_404(slug), None)


@bp.route("/t/<slug>/feedback/questions/<int:entity_id>", methods=["GET", "POST"])
@role_required("tab_director")
def feedback_question_edit(slug: str, entity_id: int):
    t = tournament_or_404(slug)
    return _question_page(t, _question_or_404(t, entity_id))


@bp.post("/t/<slug>/feedback/questions/<int:entity_id>/remove")
@role_required("tab_director")
def feedback_question_remove(slug: str, entity_id: int):
    t = tournament_or_404(slug)
    feedback.remove_question(_question_or_404(t, entity_id), current_user)
    flash(_("The question is removed from the form; answers already given stay."), "success")
    return redirect(url_for("admin.feedback_questions", slug=slug))


# --------------------------------------------------------------------------- ratings


@bp.route("/t/<slug>/ratings", methods=["GET", "POST"])
@role_required("tab_director")
def ratings_page(slug: str):
    """Each judge's rating with its parts for a round, and every round's feedback weight."""
    t = tournament_or_404(slug)
    all_rounds = rounds_of(t)
    status = 200
    if request.method == "POST":
        try:
            weights = {
                r.seq: ratings.parse_weight(request.form.get(f"weight.{r.seq}", ""))
                for r in all_rounds
                if f"weight.{r.seq}" in request.form
            }
        except ServiceError:
            flash(
                _("A weight is a number from 0 to 1 with at most two decimals (or 0–100%)."),
                "error",
            )
            status = 422
        else:
            ratings.set_weights(t, weights, current_user)
            flash(
                _(
                    "The weights are saved. Allocate a drawn round again to place judges by the"
                    " new ratings."
                ),
                "success",
            )
            return redirect(
                url_for("admin.ratings_page", slug=slug, round=request.args.get("round"))
            )
    seq = request.args.get("round", type=int)
    round_ = round_or_404(t, seq) if seq else ratings.next_round(t)
    rows = []
    seats: dict[int, DebateAdjudicator] = {}
    if round_ is not None:
        parts = ratings.ratings_for_round(round_)
        judges = {j.id: j for j in _judges(t)}
        rows = sorted(
            ((judges[i], p) for i, p in parts.items()),
            key=lambda row: (-row[1].current, row[0].name),
        )
        # Where the allocation put each judge: allocating again after a weight change shows
        # the strongest current ratings moving to the important rooms.
        seats = {
            s.adjudicator_id: s
            for s in db.session.scalars(
                select(DebateAdjudicator)
                .where(DebateAdjudicator.round_id == round_.id)
                .options(selectinload(DebateAdjudicator.debate).selectinload(Debate.venue))
            )
        }
    return render_template(
        "feedback/admin_ratings.html",
        t=t,
        rounds=all_rounds,
        round_=round_,
        rows=rows,
        seats=seats,
        weight_text=lambda w: f"{Decimal(w or 0).normalize():f}",
    ), status


def _judges(t: Tournament) -> list[Adjudicator]:
    return list(db.session.scalars(select(Adjudicator).where(Adjudicator.tournament_id == t.id)))
