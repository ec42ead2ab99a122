"""Participants: institutions, teams with speakers, adjudicators with conflicts, and rooms.

Manual add / edit / remove, one use case and one transaction each. The rules a record must meet
(clean names, no duplicates, speakers per team, rating range) live here as ``review``, which the
CSV import (``services.csv_import``) calls for every row, so a form and a file are judged alike.

Names are stored NFC-normalised with whitespace collapsed. Duplicates are found on
``tourney.text.name_key`` (case, and the legacy look-alike letters read as Tajik letters); a name
that contains a look-alike is kept as typed, with a warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    AdjudicatorInstitutionConflict,
    Ballot,
    BreakingTeam,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Institution,
    Qualification,
    Region,
    Round,
    Speaker,
    SpeakerScore,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.models.participants import ADJUDICATOR_ROLES
from tourney.services import audit
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import format_for
from tourney.services.transaction import transaction
from tourney.text import clean_text, lookalikes_in, name_key, sort_key, tajik_letter

RATING_MAX = Decimal(10)
NO_PRIORITY = Venue.NO_PRIORITY
PRIORITY_MAX = NO_PRIORITY - 1


# --------------------------------------------------------------------------- names and problems


@dataclass(frozen=True)
class Problem:
    """One reason a record or file is refused (or a warning): a code and its parameters.

    ``column`` is a field name for forms, or the header as written for a CSV file; ``row`` is
    the spreadsheet row number (the header is row 1). The web layer translates the code.
    """

    code: str
    column: str = ""
    row: int | None = None
    params: dict[str, Any] = field(default_factory=dict)


class InvalidInput(ServiceError):
    """Refused: every problem is listed and nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("invalid", count=len(problems))
        self.problems = problems


# --------------------------------------------------------------------------- records


@dataclass
class InstitutionData:
    name: str
    short_name: str = ""
    region_id: int | None = None


@dataclass
class TeamData:
    name: str
    speakers: list[str]
    code: str = ""  # empty: the next free code, e.g. "DU-07"
    institution_id: int | None = None
    division_id: int | None = None
    needs_access: bool = False
    category: str = ""  # speaker-tab category of every speaker of the team


@dataclass
class AdjudicatorData:
    name: str
    institution_id: int | None = None
    region_id: int | None = None  # empty: the institution's region
    rating: Decimal = Decimal(5)
    role: str = "any"
    needs_access: bool = False
    team_conflicts: list[int] = field(default_factory=list)
    institution_conflicts: list[int] = field(default_factory=list)


@dataclass
class VenueData:
    name: str
    building: str = ""
    priority: int = NO_PRIORITY
    accessible: bool = True


Data = InstitutionData | TeamData | AdjudicatorData | VenueData


@dataclass(frozen=True)
class Outcome:
    entity: Any
    warnings: list[Problem]


# --------------------------------------------------------------------------- what a tournament holds


@dataclass(frozen=True)
class _Holder:
    id: int | None = None
    row: int | None = None


def _rows(model: type, where: Any, order: Any) -> list[Any]:
    return list(db.session.scalars(select(model).where(where).order_by(order)))


class Roster:
    """A tournament's participants, loaded once, with name claims for duplicate checks.

    Claims are keyed by ``(space, name_key)``; a claim is held by a stored record (``id``) or by
    an earlier row of the file being imported (``row``).
    """

    def __init__(self, tournament: Tournament) -> None:
        self.tournament = tournament
        self.speakers_per_team = format_for(tournament).speakers_per_team
        self.regions = _rows(Region, true(), Region.id)
        self.divisions = list(tournament.divisions)
        self.institutions = _rows(
            Institution, Institution.championship_id == tournament.championship_id, Institution.name
        )
        self.teams = _rows(Team, Team.tournament_id == tournament.id, Team.code)
        self.adjudicators = _rows(
            Adjudicator, Adjudicator.tournament_id == tournament.id, Adjudicator.name
        )
        self.venues = _rows(Venue, Venue.tournament_id == tournament.id, Venue.name)
        self._ids: dict[str, set[int]] = {}
        self._code_number = len(self.teams) + 1
        self._claims: dict[tuple[str, str], _Holder] = {}
        for space, entities, attr in (
            ("institution", self.institutions, "name"),
            ("team", self.teams, "name"),
            ("team_code", self.teams, "code"),
            ("adjudicator", self.adjudicators, "name"),
            ("venue", self.venues, "name"),
        ):
            for entity in entities:
                self._claims[(space, name_key(getattr(entity, attr)))] = _Holder(id=entity.id)

    def claim(
        self, space: str, value: str, column: str, *, own_id: int | None, row: int | None
    ) -> Problem | None:
        """Take ``value`` in ``space``; a problem if a stored record or an earlier row has it."""
        key = (space, name_key(value))
        holder = self._claims.get(key)
        if holder is None or (own_id is not None and holder.id == own_id):
            self._claims[key] = _Holder(id=own_id, row=row)
            return None
        if holder.row is not None:
            return Problem("duplicate_in_file", column, row, {"value": value, "first": holder.row})
        return Problem("duplicate", column, row, {"value": value})

    def is_taken(self, space: str, value: str) -> bool:
        return (space, name_key(value)) in self._claims

    def next_team_code(self) -> str:
        """The first free code after the stored teams, e.g. "DU-07" ("T-07" without a region)."""
        prefix = self.tournament.region.code if self.tournament.region else "T"
        while self.is_taken("team_code", f"{prefix}-{self._code_number:02d}"):
            self._code_number += 1
        return f"{prefix}-{self._code_number:02d}"

    def ids(self, what: str) -> set[int]:
        if what not in self._ids:
            self._ids[what] = {entity.id for entity in getattr(self, what)}
        return self._ids[what]


# --------------------------------------------------------------------------- review (the rules)


class _Review:
    """Collects the problems and warnings of one record while its fields are cleaned."""

    def __init__(self, roster: Roster, own_id: int | None, row: int | None) -> None:
        self.roster, self.own_id, self.row = roster, own_id, row
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def refuse(self, code: str, column: str = "", **params: Any) -> None:
        self.problems.append(Problem(code, column, self.row, params))

    def text(self, column: str, value: str, max_len: int, *, required: bool = False) -> str:
        cleaned = clean_text(value)
        if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in cleaned):
            self.refuse("control_characters", column)
        elif required and not cleaned:
            self.refuse("required", column)
        elif len(cleaned) > max_len:
            self.refuse("too_long", column, max=max_len, length=len(cleaned))
        elif found := lookalikes_in(cleaned):
            letters = ", ".join(f"{ch} → {tajik_letter(ch)}" for ch in found)
            self.warnings.append(
                Problem("lookalike", column, self.row, {"value": cleaned, "letters": letters})
            )
        return cleaned

    def unique(self, space: str, column: str, value: str) -> None:
        if value and not self._refused(column):
            problem = self.roster.claim(space, value, column, own_id=self.own_id, row=self.row)
            if problem:
                self.problems.append(problem)

    def known(self, column: str, value: int | None, what: str) -> None:
        if value is not None and value not in self.roster.ids(what):
            self.refuse("unknown_choice", column)

    def _refused(self, column: str) -> bool:
        return any(p.column == column for p in self.problems)


def _review_institution(data: InstitutionData, r: _Review) -> InstitutionData:
    name = r.text("name", data.name, 200, required=True)
    r.unique("institution", "name", name)
    r.known("region", data.region_id, "regions")
    return replace(data, name=name, short_name=r.text("short_name", data.short_name, 60))


def _review_team(data: TeamData, r: _Review) -> TeamData:
    name = r.text("name", data.name, 200, required=True)
    r.unique("team", "name", name)
    code = r.text("code", data.code, 20) or r.roster.next_team_code()
    r.unique("team_code", "code", code)
    r.known("institution", data.institution_id, "institutions")
    r.known("division", data.division_id, "divisions")
    speakers = [
        r.text(f"speaker_{index}", speaker, 200) for index, speaker in enumerate(data.speakers, 1)
    ]
    named = [speaker for speaker in speakers if speaker]
    expected = r.roster.speakers_per_team
    if len(named) != expected:
        r.refuse("speaker_count", "speakers", expected=expected, found=len(named))
    seen: set[str] = set()
    for index, speaker in enumerate(speakers, 1):
        if speaker and name_key(speaker) in seen:
            r.refuse("duplicate_speaker", f"speaker_{index}", value=speaker)
        seen.add(name_key(speaker))
    category = r.text("category", data.category, 40)
    return replace(data, name=name, code=code, speakers=named, category=category)


def _review_adjudicator(data: AdjudicatorData, r: _Review) -> AdjudicatorData:
    name = r.text("name", data.name, 200, required=True)
    r.unique("adjudicator", "name", name)
    r.known("institution", data.institution_id, "institutions")
    r.known("region", data.region_id, "regions")
    if not (data.rating.is_finite() and 0 <= data.rating <= RATING_MAX):
        r.refuse("rating_range", "rating", max=RATING_MAX)
    elif data.rating != data.rating.quantize(Decimal("0.01")):
        r.refuse("rating_precision", "rating")
    if data.role not in ADJUDICATOR_ROLES:
        r.refuse("unknown_choice", "role")
    for team_id in data.team_conflicts:
        r.known("team_conflicts", team_id, "teams")
    for institution_id in data.institution_conflicts:
        r.known("institution_conflicts", institution_id, "institutions")
    region_id = data.region_id
    if region_id is None and data.institution_id is not None:
        institution = next((i for i in r.roster.institutions if i.id == data.institution_id), None)
        region_id = institution.region_id if institution else None
    return replace(
        data,
        name=name,
        region_id=region_id,
        team_conflicts=sorted(set(data.team_conflicts)),
        institution_conflicts=sorted(set(data.institution_conflicts)),
    )


def _review_venue(data: VenueData, r: _Review) -> VenueData:
    name = r.text("name", data.name, 120, required=True)
    r.unique("venue", "name", name)
    if data.priority != NO_PRIORITY and not 1 <= data.priority <= PRIORITY_MAX:
        r.refuse("priority_range", "priority", max=PRIORITY_MAX)
    return replace(data, name=name, building=r.text("building", data.building, 120))


# --------------------------------------------------------------------------- writing records


def _apply_institution(entity: Institution, data: InstitutionData, roster: Roster) -> None:
    entity.championship_id = roster.tournament.championship_id
    entity.name, entity.short_name, entity.region_id = data.name, data.short_name, data.region_id


def _apply_team(entity: Team, data: TeamData, roster: Roster) -> None:
    entity.tournament_id = roster.tournament.id
    entity.name, entity.code = data.name, data.code
    entity.institution_id, entity.division_id = data.institution_id, data.division_id
    entity.needs_access = data.needs_access
    by_position = {speaker.position: speaker for speaker in entity.speakers}
    for position, name in enumerate(data.speakers, 1):
        speaker = by_position.pop(position, None)
        if speaker is None:
            entity.speakers.append(Speaker(name=name, position=position, category=data.category))
        else:
            speaker.name, speaker.category = name, data.category
    for speaker in by_position.values():
        entity.speakers.remove(speaker)


def _apply_adjudicator(entity: Adjudicator, data: AdjudicatorData, roster: Roster) -> None:
    from tourney.services.links import new_token

    entity.tournament_id = roster.tournament.id
    entity.name, entity.institution_id, entity.region_id = (
        data.name,
        data.institution_id,
        data.region_id,
    )
    entity.rating, entity.role, entity.needs_access = data.rating, data.role, data.needs_access
    entity.team_conflicts = [t for t in roster.teams if t.id in data.team_conflicts]
    entity.institution_conflicts = [
        i for i in roster.institutions if i.id in data.institution_conflicts
    ]
    if entity.id is None:
        entity.token = new_token()


def _apply_venue(entity: Venue, data: VenueData, roster: Roster) -> None:
    entity.tournament_id = roster.tournament.id
    entity.name, entity.building = data.name, data.building
    entity.priority, entity.accessible = data.priority, data.accessible


@dataclass(frozen=True)
class _Kind:
    name: str
    model: type
    review: Callable[[Any, _Review], Any]
    apply: Callable[[Any, Any, Roster], None]
    per_championship: bool = False


KINDS: dict[type, _Kind] = {
    InstitutionData: _Kind(
        "institution", Institution, _review_institution, _apply_institution, True
    ),
    TeamData: _Kind("team", Team, _review_team, _apply_team),
    AdjudicatorData: _Kind("adjudicator", Adjudicator, _review_adjudicator, _apply_adjudicator),
    VenueData: _Kind("venue", Venue, _review_venue, _apply_venue),
}
_BY_NAME = {kind.name: kind for kind in KINDS.values()}


def review(
    roster: Roster, data: Data, *, own_id: int | None = None, row: int | None = None
) -> tuple[Data, list[Problem], list[Problem]]:
    """Clean ``data`` and judge it: (cleaned data, problems, warnings). Claims its names."""
    checker = _Review(roster, own_id, row)
    cleaned = KINDS[type(data)].review(data, checker)
    return cleaned, checker.problems, checker.warnings


def build(roster: Roster, data: Data) -> Any:
    """A new, unsaved entity from reviewed data (the caller adds it to the session)."""
    kind = KINDS[type(data)]
    entity = kind.model()
    kind.apply(entity, data, roster)
    return entity


# --------------------------------------------------------------------------- use cases


def get(tournament: Tournament, kind: str, entity_id: int) -> Any | None:
    """The institution (of the championship) or team/adjudicator/venue (of the tournament)."""
    spec = _BY_NAME[kind]
    entity = db.session.get(spec.model, entity_id)
    if entity is None:
        return None
    if spec.per_championship:
        return entity if entity.championship_id == tournament.championship_id else None
    return entity if entity.tournament_id == tournament.id else None


def add(tournament: Tournament, data: Data, user: User | None) -> Outcome:
    roster = Roster(tournament)
    cleaned, problems, warnings = review(roster, data)
    if problems:
        raise InvalidInput(problems)
    entity = build(roster, cleaned)
    db.session.add(entity)
    return _commit(tournament, entity, "add", user, warnings, data)


def edit(tournament: Tournament, entity_id: int, data: Data, user: User | None) -> Outcome:
    kind = KINDS[type(data)]
    entity = get(tournament, kind.name, entity_id)
    if entity is None:
        raise ServiceError("not_found")
    roster = Roster(tournament)
    cleaned, problems, warnings = review(roster, data, own_id=entity_id)
    if isinstance(cleaned, TeamData) and not problems:
        problems = _scored_speakers_dropped(entity, len(cleaned.speakers))
    if problems:
        raise InvalidInput(problems)
    kind.apply(entity, cleaned, roster)
    return _commit(tournament, entity, "edit", user, warnings, data, own_id=entity_id)


def remove(tournament: Tournament, kind: str, entity_id: int, user: User | None) -> None:
    entity = get(tournament, kind, entity_id)
    if entity is None:
        raise ServiceError("not_found")
    blockers = removal_blockers(entity)
    if blockers:
        raise InvalidInput(blockers)
    with transaction():  # a Conflict: something started using it since we looked
        audit.record(tournament.id, f"{kind}.remove", user=user, id=entity.id, name=_label(entity))
        db.session.delete(entity)


def _commit(
    tournament: Tournament,
    entity: Any,
    verb: str,
    user: User | None,
    warnings: list[Problem],
    data: Data,
    own_id: int | None = None,
) -> Outcome:
    """Write the reviewed record. If another tab-room screen saved the same name (or took the
    same team code) between the review and this write, the unique indexes refuse it: review
    again against what is stored now, so the answer is the usual "already exists"."""
    kind = _kind_of(entity)
    try:
        with transaction():
            db.session.flush()
            audit.record(
                tournament.id, f"{kind.name}.{verb}", user=user, id=entity.id, name=_label(entity)
            )
    except Conflict:
        _, problems, _ = review(Roster(tournament), data, own_id=own_id)
        if problems:
            raise InvalidInput(problems) from None
        raise
    return Outcome(entity, warnings)


def _kind_of(entity: Any) -> _Kind:
    return next(kind for kind in KINDS.values() if isinstance(entity, kind.model))


def _label(entity: Any) -> str:
    return f"{entity.code} {entity.name}" if isinstance(entity, Team) else entity.name


def _scored_speakers_dropped(team: Team, keep: int) -> list[Problem]:
    dropped = [s.id for s in team.speakers if s.position > keep]
    if dropped and db.session.scalar(
        select(func.count()).select_from(SpeakerScore).where(SpeakerScore.speaker_id.in_(dropped))
    ):
        return [Problem("speaker_has_scores", "speakers")]
    return []


# --------------------------------------------------------------------------- what blocks a removal


def _round_names(query) -> str:
    return ", ".join(dict.fromkeys(db.session.scalars(query.order_by(Round.seq))))


def removal_blockers(entity: Any) -> list[Problem]:
    """Why ``entity`` may not be removed (empty list: it may). Records with history stay."""
    if isinstance(entity, Team):
        return _team_blockers(entity)
    if isinstance(entity, Adjudicator):
        rounds = _round_names(
            select(Round.name)
            .join(DebateAdjudicator, DebateAdjudicator.round_id == Round.id)
            .where(DebateAdjudicator.adjudicator_id == entity.id)
        )
        ballots = db.session.scalar(
            select(func.count()).select_from(Ballot).where(Ballot.adjudicator_id == entity.id)
        )
        if rounds or ballots:
            return [Problem("adjudicator_on_draw", params={"rounds": rounds or "—"})]
        return []
    if isinstance(entity, Venue):
        rounds = _round_names(
            select(Round.name)
            .join(Debate, Debate.round_id == Round.id)
            .where(Debate.venue_id == entity.id)
        )
        return [Problem("venue_on_draw", params={"rounds": rounds})] if rounds else []
    return _institution_blockers(entity)


def _team_blockers(team: Team) -> list[Problem]:
    debated = _round_names(
        select(Round.name)
        .join(DebateTeam, DebateTeam.round_id == Round.id)
        .where(DebateTeam.team_id == team.id)
    )
    byes = _round_names(
        select(Round.name).join(Bye, Bye.round_id == Round.id).where(Bye.team_id == team.id)
    )
    problems = []
    if debated:
        problems.append(Problem("team_on_draw", params={"rounds": debated}))
    if byes:
        problems.append(Problem("team_had_bye", params={"rounds": byes}))
    broke = db.session.scalar(
        select(func.count()).select_from(BreakingTeam).where(BreakingTeam.team_id == team.id)
    )
    qualified = db.session.scalar(
        select(func.count())
        .select_from(Qualification)
        .where((Qualification.source_team_id == team.id) | (Qualification.final_team_id == team.id))
    )
    if broke:
        problems.append(Problem("team_in_break"))
    if qualified:
        problems.append(Problem("team_qualified"))
    return problems


def _institution_blockers(institution: Institution) -> list[Problem]:
    def count(model: type, *where: Any) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    teams = count(Team, Team.institution_id == institution.id)
    judges = count(Adjudicator, Adjudicator.institution_id == institution.id)
    conflicts = count(
        AdjudicatorInstitutionConflict,
        AdjudicatorInstitutionConflict.institution_id == institution.id,
    )
    if teams or judges or conflicts:
        return [
            Problem(
                "institution_in_use",
                params={"teams": teams, "judges": judges, "conflicts": conflicts},
            )
        ]
    return []


# --------------------------------------------------------------------------- lists for the pages


def teams(tournament: Tournament) -> list[Team]:
    query = (
        select(Team)
        .where(Team.tournament_id == tournament.id)
        .options(
            selectinload(Team.speakers),
            selectinload(Team.institution).selectinload(Institution.region),
            selectinload(Team.division),
        )
        .order_by(Team.code)
    )
    return list(db.session.scalars(query))


def institutions(tournament: Tournament) -> list[Institution]:
    query = (
        select(Institution)
        .where(Institution.championship_id == tournament.championship_id)
        .options(selectinload(Institution.region))
    )
    return sorted(db.session.scalars(query), key=lambda row: sort_key(row.name))


def adjudicators(tournament: Tournament) -> list[Adjudicator]:
    query = (
        select(Adjudicator)
        .where(Adjudicator.tournament_id == tournament.id)
        .options(
            selectinload(Adjudicator.institution),
            selectinload(Adjudicator.region),
            selectinload(Adjudicator.team_conflicts),
            selectinload(Adjudicator.institution_conflicts),
        )
    )
    return sorted(db.session.scalars(query), key=lambda row: sort_key(row.name))


def venues(tournament: Tournament) -> list[Venue]:
    query = select(Venue).where(Venue.tournament_id == tournament.id)
    return sorted(db.session.scalars(query), key=lambda row: (row.priority, sort_key(row.name)))


def regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.id)))
