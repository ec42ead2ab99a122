"""The feedback form as the web shows it: one form per piece of feedback owed, on a team's link,
a judge's link and the clerk's paper page; parsing what comes back and naming its problems.

The form works without JavaScript (a post with a key made by the server, answered by a redirect
or by the page with the problems marked); the same route takes JSON for the device's sender.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import jsonify, redirect, render_template, request
from flask_babel import gettext as _

from tourney.models import Feedback, FeedbackQuestion
from tourney.models._base import parse_id
from tourney.scoring.feedback import AnswerError
from tourney.services import feedback
from tourney.services.errors import ServiceError
from tourney.services.feedback import (
    Duty,
    FeedbackRejected,
    FeedbackSubmission,
    QuestionView,
    Receipt,
    Source,
)
from tourney.services.links import new_token
from tourney.web.i18n import current_language, local_datetime


@dataclass
class FormView:
    """One piece of feedback owed, ready to render."""

    duty: Duty
    questions: list[QuestionView]
    key: str
    stored: Feedback | None = None
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    refusal: str = ""

    @property
    def path_label(self) -> str:
        return feedback.path_label(self.duty.path)


def question_views(questions: Sequence[FeedbackQuestion]) -> list[QuestionView]:
    return feedback.question_views(questions, current_language())


def stored_values(stored: Feedback | None) -> dict[str, str]:
    """A stored feedback's answers as the form's field values."""
    if stored is None:
        return {}
    shown = {}
    for question_id, answer in (stored.answers or {}).items():
        if isinstance(answer, bool):
            shown[f"q.{question_id}"] = "yes" if answer else "no"
        else:
            shown[f"q.{question_id}"] = str(answer)
    return shown


def form_view(
    duty: Duty, questions: Sequence[FeedbackQuestion], stored: Feedback | None
) -> FormView:
    return FormView(
        duty,
        question_views(feedback.questions_for(duty, questions)),
        new_token(),
        stored,
        stored_values(stored),
    )


MESSAGES = {
    "answer_missing": lambda p: _("Please answer this question."),
    "answer_invalid": lambda p: _("Choose one of the answers offered."),
    "answer_out_of_range": lambda p: _(
        "Choose a whole number from %(min)s to %(max)s.", min=p["min"], max=p["max"]
    ),
    "answer_too_long": lambda p: _(
        "At most %(max_length)s characters, please.", max_length=p["max_length"]
    ),
    "answers_empty": lambda p: _("Answer at least one question before sending."),
}


def message(error: AnswerError) -> str:
    return MESSAGES[error.code](error.params)


def by_field(errors: Sequence[AnswerError]) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for error in errors:
        name = "form" if error.field == "form" else f"q.{error.field}"
        shown.setdefault(name, []).append(message(error))
    return shown


def refusal(code: str) -> str:
    messages = {
        "feedback_invalid": _("Please correct the marked answers."),
        "feedback_not_owed": _("This feedback form is not yours to send."),
        "round_not_released": _("Feedback opens when the draw of the round is released."),
        "key_invalid": _("The form was damaged on the way. Reload the page and send it again."),
        "key_reused": _(
            "This form was already sent with other answers. Reload the page to change them."
        ),
        "conflict": _("Someone else changed this at the same time. Reload the page and try again."),
        "malformed": _("The form was damaged on the way. Reload the page and send it again."),
    }
    return messages.get(code, messages["malformed"])


def client_text() -> dict[str, str]:
    """Sentences the device's sender shows."""
    return {
        "draft_saved": _("Draft saved on this device at %(time)s."),
        "sending": _("Sending…"),
        "offline": _(
            "Not sent: no connection to the server. Your answers are kept on this device and "
            "will be sent automatically; keep this page open."
        ),
        "received": _("Feedback received at %(time)s (version %(version)s)."),
        "refused": _("The server did not accept the feedback. Please go to the tab room."),
    }


def parse(data: Mapping[str, Any]) -> FeedbackSubmission:
    """A submission from the form (``q.<id>`` fields) or JSON (``answers``): ids checked here,
    answers by the service."""
    debate_id = parse_id(str(data.get("debate_id", "")))
    target_id = parse_id(str(data.get("target_id", "")))
    key = data.get("key")
    if debate_id is None or target_id is None or not isinstance(key, str):
        raise ServiceError("malformed")
    if isinstance(data.get("answers"), dict):
        answers = {str(k): v for k, v in data["answers"].items()}
    else:
        answers = {k[2:]: v for k, v in data.items() if isinstance(k, str) and k.startswith("q.")}
    if any(not isinstance(v, str | int | bool) or "\x00" in str(v) for v in answers.values()):
        raise ServiceError("malformed")
    return FeedbackSubmission(debate_id, target_id, key, answers)


def receipt_json(receipt: Receipt) -> dict[str, Any]:
    return {
        "feedback_id": receipt.feedback_id,
        "version": receipt.version,
        "submitted_at": receipt.submitted_at.isoformat(),
        "submitted_at_local": local_datetime(receipt.submitted_at),
        "created": receipt.created,
    }


# --------------------------------------------------------------------------- the link pages


def link_forms(source: Source) -> list[tuple[Any, list[FormView]]]:
    """The source's debates, newest first, each with its forms (the source's own answers in)."""
    questions = feedback.questions_of(source.tournament_id)
    given = feedback.given_by(source)
    return [
        (
            shown.debate,
            [form_view(d, questions, given.get((d.debate_id, d.target_id))) for d in shown.duties],
        )
        for shown in feedback.forms_of(source)
    ]


def render_link_page(
    source: Source,
    template: str,
    *,
    submit_url: str,
    csrf_url: str,
    failed: FormView | None = None,
    status: int = 200,
    **context: Any,
):
    debates = link_forms(source)
    if failed is not None:  # the form sent back with its problems, as it was typed
        for _debate, forms in debates:
            for i, form in enumerate(forms):
                if form.duty.form_id == failed.duty.form_id:
                    forms[i] = failed
    received = request.args.get("received", type=int)
    config = {"submit_url": submit_url, "csrf_url": csrf_url, "text": client_text()}
    return render_template(
        template,
        debates=debates,
        received=received,
        submit_url=submit_url,
        config=config,
        **context,
    ), status


def handle_submit(source: Source, *, page, done_url: str):
    """A feedback post from a private link: JSON for the device's sender, a form otherwise.

    ``page(failed, status)`` renders the link page with one form's problems shown."""
    wants_json = request.is_json
    data = request.get_json(silent=True) if wants_json else request.form.to_dict()
    try:
        if not isinstance(data, dict):
            raise ServiceError("malformed")
        submission = parse(data)
        receipt = feedback.submit_from_link(source, submission)
    except FeedbackRejected as rejected:
        if wants_json:
            listed = [
                {"field": e.field, "code": e.code, "message": message(e)} for e in rejected.errors
            ]
            return jsonify(ok=False, code=rejected.code, errors=listed), 422
        return page(_failed(source, data, by_field(rejected.errors)), 422)
    except ServiceError as refused:
        if wants_json:
            return jsonify(ok=False, code=refused.code, message=refusal(refused.code)), 409
        return page(_failed(source, data or {}, {}, refusal(refused.code)), 409)
    if wants_json:
        return jsonify(ok=True, receipt=receipt_json(receipt)), 201 if receipt.created else 200
    anchor = f"#form-{submission.debate_id}-{submission.target_id}"
    return redirect(f"{done_url}?received={receipt.feedback_id}{anchor}", 303)


def _failed(
    source: Source,
    data: Mapping[str, Any],
    errors: dict[str, list[str]],
    refused: str = "",
) -> FormView | None:
    """The form that was sent, with its values and problems; None if it names no form of ours."""
    debate_id = parse_id(str(data.get("debate_id", "")))
    target_id = parse_id(str(data.get("target_id", "")))
    for _debate, forms in link_forms(source):
        for form in forms:
            if (form.duty.debate_id, form.duty.target_id) == (debate_id, target_id):
                form.values = {k: str(v) for k, v in data.items() if k.startswith("q.")}
                form.errors = errors
                form.refusal = refused or refusal("feedback_invalid")
                return form
    return None
