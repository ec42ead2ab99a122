"""Who is here, for many at once: everyone (or one institution) in or out with one action, and
"who is here" from a pasted list of names.

One click per team stays in ``tournaments.set_present``; these act on a whole group in one
transaction and one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from tourney.extensions import db
from tourney.models import Adjudicator, Round, RoundAbsence, Team, User, Venue
from tourney.services import audit
from tourney.services.errors import ServiceError
from tourney.services.tournaments import SUBJECTS
from tourney.text import clean_text, name_key

MODELS = {"team": Team, "adjudicator": Adjudicator, "venue": Venue}


@dataclass(frozen=True)
class Attendance:
    """What a bulk action changed: how many of the group are now present and absent."""

    subject: str
    present: int
    absent: int


def _members(round_: Round, subject: str) -> list:
    if subject not in SUBJECTS:
        raise ServiceError("bad_subject")
    if round_.draw_public:
        raise ServiceError("draw_already_released", round=round_.seq)
    model = MODELS[subject]
    query = select(model).where(model.tournament_id == round_.tournament_id).order_by(model.id)
    return list(db.session.scalars(query))


def set_group(
    round_: Round,
    subject: str,
    present: bool,
    user: User,
    *,
    institution_id: int | None = None,
) -> Attendance:
    """Mark every team, judge or room (or only those of one institution) present or absent."""
    members = everyone = _members(round_, subject)
    if institution_id is not None:
        if subject == "venue":
            raise ServiceError("bad_subject")
        members = [m for m in members if m.institution_id == institution_id]
        if not members:  # an institution with no one here, e.g. another championship's id
            raise ServiceError("not_in_tournament")
    chosen = {m.id for m in members}
    absent = _absent(round_, subject)
    return _store(
        round_,
        subject,
        {m.id for m in everyone},
        absent - chosen if present else absent | chosen,
        user,
        action="availability_group",
        institution=institution_id,
        present=present,
        count=len(chosen),
    )


def set_from_list(round_: Round, subject: str, text: str, user: User) -> Attendance:
    """Everyone named in ``text`` (one per line: a name, or a team's code) is present, everyone
    else absent. A line that names nobody, or several, refuses the whole list: nothing changes."""
    members = _members(round_, subject)
    index: dict[str, set[int]] = {}
    for member in members:
        for word in (member.name, getattr(member, "code", "")):
            if name_key(word):
                index.setdefault(name_key(word), set()).add(member.id)
    here: set[int] = set()
    unknown, ambiguous = [], []
    for line in filter(None, (clean_text(line) for line in text.splitlines())):
        found = index.get(name_key(line), set())
        if len(found) == 1:
            here |= found
        else:
            (ambiguous if found else unknown).append(line)
    if unknown or ambiguous:
        raise ServiceError("attendance_list_unknown", unknown=unknown, ambiguous=ambiguous)
    if not here:
        raise ServiceError("attendance_list_empty")
    everyone = {m.id for m in members}
    return _store(
        round_,
        subject,
        everyone,
        everyone - here,
        user,
        action="availability_list",
        count=len(here),
    )


def _absent(round_: Round, subject: str) -> set[int]:
    column = getattr(RoundAbsence, SUBJECTS[subject])
    query = select(column).where(RoundAbsence.round_id == round_.id, column.is_not(None))
    return set(db.session.scalars(query))


def _store(
    round_: Round,
    subject: str,
    everyone: set[int],
    absent: set[int],
    user: User,
    *,
    action: str,
    **details: object,
) -> Attendance:
    """Replace the group's absences with ``absent`` (ids of ``everyone``): one transaction."""
    absent &= everyone
    column = getattr(RoundAbsence, SUBJECTS[subject])
    db.session.execute(
        delete(RoundAbsence).where(RoundAbsence.round_id == round_.id, column.is_not(None))
    )
    db.session.add_all(
        RoundAbsence(round_id=round_.id, **{SUBJECTS[subject]: member_id})
        for member_id in sorted(absent)
    )
    audit.record(
        round_.tournament_id,
        action,
        user=user,
        round=round_.seq,
        subject=subject,
        absent=len(absent),
        **details,
    )
    db.session.commit()
    return Attendance(subject, len(everyone) - len(absent), len(absent))
