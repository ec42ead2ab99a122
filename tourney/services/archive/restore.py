"""A Debate Tabulation Archive read into a new tournament, all or nothing.

The file is checked whole before anything is written: every reference names something in the
file, names fit the database, numbers are finite and in range, the style is a format Tourney
plays and every result decides under it. Then one transaction creates the tournament, its
participants, the rounds (closed, results released) with their debates, the judges' ballots
(as paper ballots, entered by the importing user) and the confirmed results the scoring engine
decides from them, exactly as if they had been typed in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Ballot,
    BreakCategory,
    Bye,
    Championship,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Institution,
    Motion,
    Round,
    RoundStatus,
    SpeakerScore,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.models import Speaker as SpeakerRow
from tourney.models._base import utcnow
from tourney.scoring import FORMATS, Format, PanelError, decide_debate
from tourney.services import audit
from tourney.services.archive import document as doc
from tourney.services.errors import ServiceError
from tourney.services.links import new_token
from tourney.services.results import ballot_input
from tourney.services.transaction import transaction

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
NAME_LIMIT = 200
SCORE_LIMIT = Decimal(1000)


def refusal(code: str, detail: str = "") -> ServiceError:
    """The archive cannot be imported; ``detail`` names the element or value (shown as is)."""
    return ServiceError(code, detail=detail)


def read(data: bytes) -> doc.Archive:
    try:
        return doc.from_xml(data)
    except doc.ArchiveError as error:
        raise refusal("archive_unreadable", str(error)) from None


def check(archive: doc.Archive) -> Format:
    """The archive's format, once every reference and value in it has been checked."""
    fmt = FORMATS.get(archive.style)
    if fmt is None:
        raise refusal("archive_style", archive.style or "—")
    names = [
        archive.name,
        *(t.name for t in archive.teams),
        *(a.name for a in archive.adjudicators),
    ]
    names += [s.name for t in archive.teams for s in t.speakers]
    names += [i.name for i in archive.institutions] + [v.name for v in archive.venues]
    for name in names:
        if not name.strip() or len(name) > NAME_LIMIT:
            raise refusal("archive_name", name[:60] or "—")
    teams = {t.id: t for t in archive.teams}
    speakers = {s.id: team.id for team in archive.teams for s in team.speakers}
    judges = {a.id for a in archive.adjudicators}
    _known(
        "institution",
        {i.id for i in archive.institutions},
        [i for t in archive.teams for s in t.speakers for i in s.institutions]
        + [i for a in archive.adjudicators for i in a.institutions],
    )
    _known("break-category", {c.id for c in archive.break_categories}, _eligibilities(archive))
    _known(
        "speaker-category",
        {c.id for c in archive.speaker_categories},
        [c for t in archive.teams for s in t.speakers for c in s.categories],
    )
    for a in archive.adjudicators:
        rating = _decimal(a.score, f"adjudicator {a.id}")
        if not Decimal(0) <= rating <= Decimal(10):
            raise refusal("archive_value", f"adjudicator {a.id} score {a.score}")
    venues, motions = {v.id for v in archive.venues}, {m.id for m in archive.motions}
    for round_ in archive.rounds:
        for debate in round_.debates:
            where = f"debate {debate.id}"
            _known("venue", venues, [debate.venue] if debate.venue else [])
            _known("motion", motions, [debate.motion] if debate.motion else [])
            _known("adjudicator", judges, [*debate.adjudicators, debate.chair])
            if len(debate.sides) not in (1, fmt.teams_per_debate):
                raise refusal("archive_sides", where)
            for side in debate.sides:
                if side.team not in teams:
                    raise refusal("archive_reference", f"{where}: team {side.team}")
                for ballot in side.ballots:
                    _known("adjudicator", judges, list(ballot.adjudicators))
                for speech in side.speeches:
                    if speakers.get(speech.speaker) != side.team:
                        raise refusal("archive_reference", f"{where}: speaker {speech.speaker}")
                    for ballot in speech.ballots:
                        _known("adjudicator", judges, list(ballot.adjudicators))
                        score = _decimal(ballot.value, where)
                        if not -SCORE_LIMIT < score < SCORE_LIMIT:
                            raise refusal("archive_value", f"{where}: {ballot.value}")
    return fmt


def _eligibilities(archive: doc.Archive) -> list[str]:
    found = [c for t in archive.teams for c in t.break_eligibilities]
    return found + [r.break_category for r in archive.rounds if r.break_category]


def _known(kind: str, ids: set[str], used: list[str | None]) -> None:
    for ref in used:
        if ref is not None and ref not in ids:
            raise refusal("archive_reference", f"{kind} {ref}")


def _decimal(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise refusal("archive_value", f"{where}: {text[:20]}") from None
    if not value.is_finite():
        raise refusal("archive_value", f"{where}: {text[:20]}")
    return value


def import_archive(
    data: bytes, championship: Championship, slug: str, user: User, name: str = ""
) -> Tournament:
    """Create a tournament in ``championship`` from an archive file, under ``name`` if given
    (else the archive's own); raises ServiceError."""
    archive = read(data)
    if name.strip():
        archive = replace(archive, name=name.strip())
    fmt = check(archive)
    if not SLUG.match(slug):
        raise refusal("bad_slug", slug)
    if db.session.scalar(select(func.count()).where(Tournament.slug == slug)):
        raise refusal("slug_taken", slug)
    if any(t.name == archive.name for t in championship.tournaments):
        raise refusal("tournament_name_taken", archive.name)
    with transaction():
        tournament = _Writer(archive, fmt, championship, slug, user).write()
        audit.record(tournament.id, "archive_imported", user=user, rounds=len(archive.rounds))
    return tournament


class _Writer:
    """One pass over a checked archive, creating rows; ids of the file map to the new rows."""

    def __init__(
        self, archive: doc.Archive, fmt: Format, championship: Championship, slug: str, user: User
    ) -> None:
        self.archive, self.fmt, self.user = archive, fmt, user
        prelims = sum(not r.elimination for r in archive.rounds)
        self.tournament = Tournament(
            championship=championship,
            name=archive.name,
            slug=slug,
            format_code=archive.style,
            prelim_rounds=prelims,
            starts_on=_date(archive.start_date),
        )
        db.session.add(self.tournament)
        self.institutions: dict[str, Institution] = {}
        self.teams: dict[str, Team] = {}
        self.speakers: dict[str, SpeakerRow] = {}
        self.judges: dict[str, Adjudicator] = {}
        self.venues: dict[str, Venue] = {}
        self.categories: dict[str, BreakCategory] = {}

    def write(self) -> Tournament:
        self._institutions()
        self._participants()
        for seq, round_ in enumerate(self.archive.rounds, start=1):
            self._round(seq, round_)
        return self.tournament

    def _institutions(self) -> None:
        championship = self.tournament.championship
        existing = {i.name: i for i in championship.institutions}
        for item in self.archive.institutions:
            row = existing.get(item.name)
            if row is None:
                row = Institution(
                    championship=championship, name=item.name, short_name=item.reference[:60]
                )
                db.session.add(row)
                existing[item.name] = row
            self.institutions[item.id] = row

    def _participants(self) -> None:
        archive, t = self.archive, self.tournament
        names = {c.id: c.name for c in archive.speaker_categories}
        for priority, category in enumerate(archive.break_categories):
            row = BreakCategory(
                tournament=t,
                code=f"c{priority + 1}",
                name=category.name[:120],
                priority=category.priority if category.priority is not None else priority,
                size=t.break_size,
                is_open=priority == 0,
            )
            db.session.add(row)
            self.categories[category.id] = row
        for k, team in enumerate(archive.teams, start=1):
            institution = next(
                (self.institutions[i] for s in team.speakers for i in s.institutions), None
            )
            row = Team(
                tournament=t,
                name=team.name,
                code=(team.code or f"T{k}")[:20],
                institution=institution,
            )
            db.session.add(row)
            self.teams[team.id] = row
            for position, speaker in enumerate(team.speakers, start=1):
                category = names.get(speaker.categories[0], "") if speaker.categories else ""
                self.speakers[speaker.id] = SpeakerRow(
                    team=row, name=speaker.name, position=position, category=category[:40]
                )
                db.session.add(self.speakers[speaker.id])
            for category_id in team.break_eligibilities:
                self.categories[category_id].eligible_teams.append(row)
        for judge in archive.adjudicators:
            institution = next((self.institutions[i] for i in judge.institutions), None)
            self.judges[judge.id] = Adjudicator(
                tournament=t, name=judge.name, rating=Decimal(judge.score), institution=institution
            )
            db.session.add(self.judges[judge.id])
        for venue in archive.venues:
            self.venues[venue.id] = Venue(
                tournament=t,
                name=venue.name,
                priority=venue.score if venue.score is not None else 1,
                accessible="accessible" in venue.categories,
            )
            db.session.add(self.venues[venue.id])
        db.session.flush()

    def _round(self, seq: int, item: doc.Round) -> None:
        now = utcnow()
        panel = max((len(d.adjudicators) for d in item.debates), default=1)
        round_ = Round(
            tournament=self.tournament,
            seq=seq,
            name=item.name[:80],
            kind="elimination" if item.elimination else "prelim",
            status=RoundStatus.CLOSED,
            panel_size=max(panel, 1),
            draw_released_at=now,
            results_released_at=now,
            break_category_id=(
                self.categories[item.break_category].id if item.break_category else None
            ),
        )
        db.session.add(round_)
        db.session.flush()  # seats repeat the round's id
        motions: dict[str, Motion] = {}
        texts = {m.id: m for m in self.archive.motions}
        for position, debate in enumerate(item.debates, start=1):
            if debate.motion and debate.motion not in motions:
                source = texts[debate.motion]
                motions[debate.motion] = Motion(
                    round=round_, text=source.text, info_slide=source.info_slide
                )
                db.session.add(motions[debate.motion])
            self._debate(round_, position, debate)

    def _debate(self, round_: Round, position: int, item: doc.Debate) -> None:
        if len(item.sides) == 1:  # a bye in the archive's terms
            db.session.add(Bye(round=round_, team=self.teams[item.sides[0].team]))
            return
        debate = Debate(round=round_, position=position, venue=self.venues.get(item.venue or ""))
        db.session.add(debate)
        sides = dict(zip(self.fmt.sides, item.sides, strict=True))
        for side, seat in sides.items():
            db.session.add(
                DebateTeam(debate=debate, round_id=round_.id, team=self.teams[seat.team], side=side)
            )
        roles = {}
        for judge in item.adjudicators:
            roles[judge] = "chair" if judge == item.chair else "panellist"
        if item.chair and item.chair not in roles:
            roles[item.chair] = "chair"
        for judge, role in roles.items():
            db.session.add(
                DebateAdjudicator(
                    debate=debate, round_id=round_.id, adjudicator=self.judges[judge], role=role
                )
            )
        db.session.flush()
        judged = self._ballots(debate, sides)
        if not judged:
            return
        ballots = [ballot for _, ballot in judged]
        inputs = [ballot_input(b, roles.get(judge, "panellist")) for judge, b in judged]
        try:
            decision = decide_debate(self.fmt, inputs)
        except PanelError:
            raise refusal("archive_result", item.id) from None
        db.session.add(
            DebateResult(
                debate=debate,
                confirmed_by_id=self.user.id,
                ballot_ids=[b.id for b in ballots],
                decision=decision.to_dict(),
            )
        )

    def _ballots(self, debate: Debate, sides: dict[str, doc.Side]) -> list[tuple[str, Ballot]]:
        """One paper ballot per judge named on the debate's team ballots, with the judge's id
        in the file."""
        judges: list[str] = []
        for seat in sides.values():
            for ballot in seat.ballots:
                judges += [j for j in ballot.adjudicators if j not in judges]
        rows = []
        positions = self.fmt.positions
        substantive = [p.code for p in positions if not p.is_reply]
        reply = next((p.code for p in positions if p.is_reply), None)
        for judge in judges:
            totals: dict[str, Decimal] = {}
            ranks: dict[str, int] = {}
            advancing: list[str] = []
            row = Ballot(
                debate=debate,
                adjudicator=self.judges[judge],
                source="paper",
                idempotency_key=new_token(),
                entered_by_id=self.user.id,
            )
            for side, seat in sides.items():
                mine = next((b for b in seat.ballots if judge in b.adjudicators), None)
                if mine is None:
                    continue
                if mine.value in ("true", "false"):
                    if mine.value == "true":
                        advancing.append(side)
                else:
                    totals[side] = Decimal(mine.value)
                if mine.rank is not None:
                    ranks[side] = mine.rank
                order = iter(substantive)
                for speech in seat.speeches:
                    scored = next((b for b in speech.ballots if judge in b.adjudicators), None)
                    if scored is None:
                        continue
                    code = reply if speech.reply else next(order, None)
                    if code is None:
                        raise refusal("archive_speeches", f"debate {debate.id}")
                    row.scores.append(
                        SpeakerScore(
                            side=side,
                            position=code,
                            speaker=self.speakers[speech.speaker],
                            score=Decimal(scored.value),
                        )
                    )
            if self.fmt.teams_per_debate > 2:
                row.ranks = ranks or None
                row.advancing = advancing or None
            elif advancing:
                row.winner_side = advancing[0]
            elif ranks:
                row.winner_side = min(ranks, key=ranks.__getitem__)
                loser = next((s for s in totals if s != row.winner_side), None)
                row.low_point_win = (
                    loser is not None and totals.get(row.winner_side, 0) < totals[loser]
                )
            elif totals:
                row.winner_side = max(totals, key=totals.__getitem__)
            db.session.add(row)
            rows.append((judge, row))
        db.session.flush()
        return rows


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise refusal("archive_value", f"start-date {text[:20]}") from None
