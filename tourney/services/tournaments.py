"""Setting up championships and tournaments: options, rounds, score ranges, motions, schedule."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select

from tourney.extensions import db
from tourney.models import (
    Ballot,
    Championship,
    Debate,
    DebateResult,
    Motion,
    Region,
    Round,
    RoundAbsence,
    ScheduleItem,
    SpeakerScore,
    Tournament,
    User,
)
from tourney.models.draw import DRAW_PUBLIC
from tourney.scoring import FORMATS
from tourney.services import audit, feedback, ownership, settings
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.services.settings import DEFAULTS
from tourney.services.transaction import transaction

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TOURNAMENT_FIELDS = ("name", "stage", "format_code", "prelim_rounds", "break_size", "qualify_top")


def create_championship(name: str, season: str, user: User) -> Championship:
    championship = Championship(name=unicodedata.normalize("NFC", name.strip()), season=season)
    with transaction(lambda: ServiceError("name_taken", name=name)):
        db.session.add(championship)
        db.session.flush()
        audit.record(None, "championship_created", user=user, name=championship.name)
    return championship


def _ballot_stored(tournament: Tournament, kind: str | None = None) -> bool:
    """Whether any ballot or result is stored for a debate of the tournament (of rounds of
    this ``kind`` only, when given)."""
    if tournament.id is None:
        return False
    in_tournament = (
        select(Debate.id)
        .join(Round, Round.id == Debate.round_id)
        .where(Round.tournament_id == tournament.id)
    )
    if kind is not None:
        in_tournament = in_tournament.where(Round.kind == kind)
    return any(
        db.session.scalar(select(model.id).where(model.debate_id.in_(in_tournament)).limit(1))
        for model in (Ballot, DebateResult)
    )


def stored_data_lock(tournament: Tournament) -> str | None:
    """Why the settings that define stored data (format, speakers per team, score ranges) can
    no longer change: ``"ballots_exist"`` once any ballot or result is stored, else None.

    Ballots name speeches and scores by the format's positions and scales; changing those under
    them would make every stored ballot unreadable."""
    return "ballots_exist" if _ballot_stored(tournament) else None


def elimination_scores_lock(tournament: Tournament) -> str | None:
    """Why ``elimination_scores`` can no longer change: ``"elimination_ballots_exist"`` once an
    elimination round has a ballot or result, else None.

    The setting decides what an elimination ballot holds (ranks and speaker scores, or only the
    teams that go through); the stored ones were checked against it and results decided from
    them, so a change would leave them matching neither the judges' form nor the tab."""
    return "elimination_ballots_exist" if _ballot_stored(tournament, "elimination") else None


def _check_elimination_scores_change(tournament: Tournament, data: dict[str, Any]) -> None:
    if "elimination_scores" not in data:
        return
    if bool(data["elimination_scores"]) != bool(
        settings.get(tournament, "elimination_scores")
    ) and elimination_scores_lock(tournament):
        raise ServiceError("elimination_scores_locked")


def _check_format_change(tournament: Tournament, code: str) -> None:
    """A new format is refused once ballots exist, or while a draw of another room size exists."""
    if tournament.id is None or tournament.format_code == code:
        return
    if stored_data_lock(tournament):
        raise ServiceError("format_locked")
    if FORMATS[code].teams_per_debate != format_for(tournament).teams_per_debate and any(
        not r.is_setup for r in rounds_of(tournament)
    ):
        raise ServiceError("format_room_size_locked")


def _apply(tournament: Tournament, data: dict[str, Any]) -> None:
    slug = str(data["slug"]).strip().lower()
    if not SLUG.match(slug):
        raise ServiceError("bad_slug", slug=slug)
    if data["format_code"] not in FORMATS:
        raise ServiceError("unknown_format", code=data["format_code"])
    _check_format_change(tournament, data["format_code"])
    _check_elimination_scores_change(tournament, data)
    with db.session.no_autoflush:
        taken = db.session.scalar(
            select(Tournament.id).where(Tournament.slug == slug, Tournament.id != tournament.id)
            if tournament.id is not None
            else select(Tournament.id).where(Tournament.slug == slug)
        )
    if taken is not None:
        raise ServiceError("slug_taken", slug=slug)
    if tournament.format_code != data["format_code"]:
        tournament.format_overrides = None
    tournament.slug = slug
    for key in TOURNAMENT_FIELDS:
        setattr(tournament, key, data[key])
    tournament.name = unicodedata.normalize("NFC", tournament.name.strip())
    tournament.starts_on = data.get("starts_on")
    region_code = data.get("region") or None
    tournament.region = (
        db.session.scalar(select(Region).where(Region.code == region_code)) if region_code else None
    )
    tournament.settings = {
        **(tournament.settings or {}),
        **{key: data[key] for key in DEFAULTS if key in data},
        **({"wildcards": int(data["wildcards"] or 0)} if "wildcards" in data else {}),
    }


def _sync_prelim_rounds(tournament: Tournament) -> None:
    """Create the missing prelim rounds; drop surplus ones that were never drawn."""
    rounds = db.session.scalars(
        select(Round).where(Round.tournament_id == tournament.id).order_by(Round.seq)
    ).all()
    prelims = [r for r in rounds if r.kind == "prelim"]
    if len(prelims) != tournament.prelim_rounds and len(prelims) < len(rounds):
        raise ServiceError("break_saved", rounds=len(prelims))
    panel = int(settings.get(tournament, "panel_size"))
    for surplus in prelims[tournament.prelim_rounds :]:
        if not surplus.is_setup:
            raise ServiceError("round_in_use", round=surplus.seq)
        db.session.delete(surplus)
    for seq in range(len(prelims) + 1, tournament.prelim_rounds + 1):
        db.session.add(
            Round(
                tournament_id=tournament.id,
                seq=seq,
                name=str(seq),
                kind="prelim",
                draw_type="random" if seq == 1 else "power",
                panel_size=panel,
            )
        )
    for round_ in prelims[: tournament.prelim_rounds]:
        if round_.is_setup:
            round_.panel_size = panel


def save_tournament(
    championship: Championship, tournament: Tournament | None, data: dict[str, Any], user: User
) -> Tournament:
    """Create (``tournament`` None) or update a tournament, keeping its prelim rounds in step."""
    creating = tournament is None
    if tournament is None:
        tournament = Tournament(championship=championship, settings={})
        db.session.add(tournament)
        feedback.add_default_questions(tournament)
    with transaction():  # a Conflict is only a race: the slug was checked above
        _apply(tournament, data)
        changed = creating or _pending_changes()
        db.session.flush()
        _sync_prelim_rounds(tournament)
        changed = _pending_changes() or changed
        db.session.flush()
        if changed:  # saving the page as it was shown leaves no line in the audit log
            audit.record(
                tournament.id, "tournament_created" if creating else "tournament_updated", user=user
            )
    return tournament


def _pending_changes() -> bool:
    """Whether the session holds a real change (a value set to what it was is none)."""
    session = db.session
    return bool(session.new or session.deleted) or any(
        session.is_modified(row) for row in session.dirty
    )


_SCORE_COLUMN = SpeakerScore.__table__.c.score.type
SCORE_PLACES = _SCORE_COLUMN.scale
SCORE_LIMIT = Decimal(10) ** (_SCORE_COLUMN.precision - SCORE_PLACES) - Decimal(10) ** -SCORE_PLACES
"""The highest speaker score a ballot can store (9999.99)."""


def _storable_score(value: Decimal) -> bool:
    return (
        value.is_finite()
        and value.as_tuple().exponent >= -SCORE_PLACES
        and 0 <= value <= SCORE_LIMIT
    )


def set_score_range(
    tournament: Tournament, position: str, low: Decimal, high: Decimal, step: Decimal, user: User
) -> None:
    """Adjust one speech position's scale for this tournament (e.g. a local Karl Popper scale)."""
    if stored_data_lock(tournament):
        raise ServiceError("score_ranges_locked")
    if not all(_storable_score(value) for value in (low, high, step)):
        raise ServiceError("score_not_storable", max=SCORE_LIMIT, count=SCORE_PLACES)
    if not (low < high and step > 0 and (high - low) % step == 0):
        raise ServiceError("bad_score_range")
    try:
        adjusted = format_for(tournament).with_score_range(position, low, high, step)
    except (KeyError, ValueError) as error:
        raise ServiceError("bad_score_range") from error
    tournament.format_overrides = adjusted.to_dict()
    audit.record(
        tournament.id,
        "score_range_set",
        user=user,
        position=position,
        low=str(low),
        high=str(high),
        step=str(step),
    )
    db.session.commit()


PANEL_SIZES = (1, 3, 5, 7, 9)


def set_round_panel_size(round_: Round, size: int, user: User) -> None:
    """Voting judges per debate for this round (e.g. 5 for the final); the next allocation
    uses it. Until the draw is released."""
    if size not in PANEL_SIZES:
        raise ServiceError("bad_panel_size", size=size)
    if round_.draw_public:
        raise ServiceError("draw_already_released", round=round_.seq)
    round_.panel_size = size
    audit.record(round_.tournament_id, "panel_size_set", user=user, round=round_.seq, size=size)
    db.session.commit()


def set_motion(round_: Round, text: str, info_slide: str, user: User) -> None:
    """The round's motion (one per round); editable until the draw is released."""
    if round_.draw_public:
        raise ServiceError("draw_already_released", round=round_.seq)
    text = unicodedata.normalize("NFC", text.strip())
    if round_.motions:
        round_.motions[0].text = text
        round_.motions[0].info_slide = info_slide.strip()
    else:
        round_.motions.append(Motion(text=text, info_slide=info_slide.strip()))
    audit.record(round_.tournament_id, "motion_set", user=user, round=round_.seq)
    db.session.commit()


def add_schedule_item(
    tournament: Tournament,
    *,
    kind: str,
    title: str,
    day: date,
    start: time,
    building: str,
    round_seq: int | None,
    user: User,
) -> ScheduleItem:
    round_id = None
    if kind == "round":
        round_id = db.session.scalar(
            select(Round.id).where(Round.tournament_id == tournament.id, Round.seq == round_seq)
        )
        if round_id is None:
            raise ServiceError("unknown_round", round=round_seq)
    item = ScheduleItem(
        tournament_id=tournament.id,
        kind=kind,
        round_id=round_id,
        title=title.strip(),
        day=day,
        start_minute=start.hour * 60 + start.minute,
        building=building.strip(),
    )
    db.session.add(item)
    audit.record(tournament.id, "schedule_changed", user=user, kind=kind, day=day.isoformat())
    db.session.commit()
    return item


def move_schedule_item(item: ScheduleItem, day: date, start: time, user: User) -> None:
    """Moving a round (or any item) is one edit."""
    item.day = day
    item.start_minute = start.hour * 60 + start.minute
    audit.record(item.tournament_id, "schedule_changed", user=user, item=item.id)
    db.session.commit()


def delete_schedule_item(item: ScheduleItem, user: User) -> None:
    audit.record(item.tournament_id, "schedule_changed", user=user, removed=item.id)
    db.session.delete(item)
    db.session.commit()


def rounds_of(
    tournament: Tournament, kind: str | None = None, *, draw_public: bool = False
) -> list[Round]:
    """The tournament's rounds in order; only prelims or eliminations when ``kind`` says so,
    only those whose draw is public (released or closed) with ``draw_public``."""
    query = select(Round).where(Round.tournament_id == tournament.id)
    if kind is not None:
        query = query.where(Round.kind == kind)
    if draw_public:
        query = query.where(Round.status.in_(DRAW_PUBLIC))
    return list(db.session.scalars(query.order_by(Round.seq)))


def schedule(tournament: Tournament) -> list[ScheduleItem]:
    return list(
        db.session.scalars(
            select(ScheduleItem)
            .where(ScheduleItem.tournament_id == tournament.id)
            .order_by(ScheduleItem.day, ScheduleItem.start_minute, ScheduleItem.id)
        )
    )


SUBJECTS = {"team": "team_id", "adjudicator": "adjudicator_id", "venue": "venue_id"}


def set_present(round_: Round, subject: str, subject_id: int, present: bool, user: User) -> None:
    """Check a team, judge or room in (present) or out (absent) for a round: one click."""
    if subject not in SUBJECTS:
        raise ServiceError("bad_subject")
    if not ownership.owned_by(round_.tournament_id, subject, subject_id):
        raise ServiceError("not_in_tournament")
    if round_.draw_public:
        raise ServiceError("draw_already_released", round=round_.seq)
    column = getattr(RoundAbsence, SUBJECTS[subject])
    with transaction(refusal=None):  # two clicks at once: the same state either way
        db.session.execute(
            delete(RoundAbsence).where(RoundAbsence.round_id == round_.id, column == subject_id)
        )
        if not present:
            db.session.add(RoundAbsence(round_id=round_.id, **{SUBJECTS[subject]: subject_id}))
        audit.record(
            round_.tournament_id,
            "availability_changed",
            user=user,
            round=round_.seq,
            subject=subject,
            id=subject_id,
            present=present,
        )
