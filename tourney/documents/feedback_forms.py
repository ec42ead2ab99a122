"""Paper feedback forms for a round: one page per piece of feedback owed, for rooms without
tablets. A clerk types the filled forms in (Feedback → Type in a paper form)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale

from tourney.documents.ballots import room_name
from tourney.documents.render import Batch, batch, render_batch
from tourney.labels import round_label
from tourney.models import Round, Tournament
from tourney.services import feedback
from tourney.services.feedback import QuestionView, question_views


@dataclass(frozen=True)
class FormPage:
    room: str
    source: str
    target: str
    path: str
    questions: list[QuestionView]


def feedback_forms_batch(tournament: Tournament, rnd: Round) -> Batch:
    """A page per piece of feedback owed in the round."""
    questions = feedback.questions_of(tournament.id)
    language = str(get_locale())
    rooms = {d.id: room_name(d) for d in rnd.debates}
    pages = [
        FormPage(
            rooms.get(duty.debate_id, ""),
            duty.source_name,
            duty.target_name,
            feedback.path_label(duty.path),
            question_views(feedback.questions_for(duty, questions), language),
        )
        for duty in feedback.duties_of_round(rnd)
    ]
    return batch(
        "documents/feedback_forms.html",
        tournament,
        "pages",
        pages,
        language=language,
        round_label=round_label(rnd),
    )


def feedback_forms_pdf(tournament: Tournament, rnd: Round) -> bytes:
    return render_batch(feedback_forms_batch(tournament, rnd))
