"""Certificates on A4 landscape, in the language the organiser picks for each download.

Kinds: participation (every speaker), speaker awards (top N of the speaker tab), team awards
(champion, finalist, semi-finalist… from the elimination rounds), best adjudicator (chosen by the
organiser), and qualification to the national final. The organiser's choices (layout, logo,
signatories, top N, best adjudicators) are in ``certificate_options``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.documents.certificate_options import Options, logo_data_uri, options_for
from tourney.documents.render import Batch, batch, render_batch
from tourney.documents.results import elimination_stages
from tourney.extensions import db
from tourney.models import Adjudicator, Qualification, Team, Tournament
from tourney.services.standings import speaker_standings
from tourney.text import sort_key

KINDS = {
    "participation": _l("Participation"),
    "speakers": _l("Speaker awards"),
    "teams": _l("Team awards"),
    "adjudicators": _l("Best adjudicator"),
    "qualification": _l("Qualification to the national final"),
}


@dataclass(frozen=True)
class Recipient:
    name: str
    team: str
    title: str
    reason: str


def _teams(tournament: Tournament, ids: Iterable[int] | None = None) -> list[Team]:
    query = (
        select(Team).where(Team.tournament_id == tournament.id).options(selectinload(Team.speakers))
    )
    if ids is not None:
        query = query.where(Team.id.in_(list(ids)))
    return sorted(db.session.scalars(query), key=lambda team: sort_key(team.name))


def _members(team: Team, title: str, reason: str) -> list[Recipient]:
    return [Recipient(s.name, team.name, title, reason) for s in team.speakers]


def participation(tournament: Tournament, options: Options) -> list[Recipient]:
    reason = _("for taking part in %(tournament)s", tournament=tournament.name)
    return [r for team in _teams(tournament) for r in _members(team, _("Certificate"), reason)]


def speaker_awards(tournament: Tournament, options: Options) -> list[Recipient]:
    recipients = []
    for row, speaker in speaker_standings(tournament).rows():
        if row.rank is None or row.rank > options.speaker_awards:
            continue
        reason = _("Best speaker, place %(rank)s", rank=row.rank)
        recipients.append(Recipient(speaker.name, speaker.team.name, _("Diploma"), reason))
    return recipients


def team_awards(tournament: Tournament, options: Options) -> list[Recipient]:
    stages = elimination_stages(tournament)
    teams = {t.id: t for t in _teams(tournament, [a.team_id for a in stages])}
    return [r for a in stages for r in _members(teams[a.team_id], _("Diploma"), a.title)]


def best_adjudicators(tournament: Tournament, options: Options) -> list[Recipient]:
    if not options.best_adjudicators:
        return []
    judges = db.session.scalars(
        select(Adjudicator).where(
            Adjudicator.tournament_id == tournament.id,
            Adjudicator.id.in_(options.best_adjudicators),
        )
    )
    return [
        Recipient(j.name, "", _("Diploma"), _("Best adjudicator"))
        for j in sorted(judges, key=lambda judge: sort_key(judge.name))
    ]


def qualification(tournament: Tournament, options: Options) -> list[Recipient]:
    team_ids = db.session.scalars(
        select(Qualification.source_team_id)
        .join(Team, Team.id == Qualification.source_team_id)
        .where(Team.tournament_id == tournament.id, Qualification.status == "confirmed")
    )
    reason = _(
        "qualified for the national final of %(championship)s",
        championship=tournament.championship.name,
    )
    return [
        r
        for team in _teams(tournament, list(team_ids))
        for r in _members(team, _("Certificate"), reason)
    ]


RECIPIENTS: dict[str, Callable[[Tournament, Options], list[Recipient]]] = {
    "participation": participation,
    "speakers": speaker_awards,
    "teams": team_awards,
    "adjudicators": best_adjudicators,
    "qualification": qualification,
}


def certificates_batch(tournament: Tournament, kind: str, language: str) -> Batch | None:
    """One certificate per page; None when nobody is due one of this kind yet."""
    options = options_for(tournament)
    with force_locale(language):
        recipients = RECIPIENTS[kind](tournament, options)
    if not recipients:
        return None
    return batch(
        "documents/certificates.html",
        tournament,
        "recipients",
        recipients,
        language=language,
        options=options,
        logo=logo_data_uri(options),
        awarded_on=options.awarded_on or tournament.starts_on,
    )


def certificates_pdf(tournament: Tournament, kind: str, language: str) -> bytes | None:
    batch = certificates_batch(tournament, kind, language)
    return None if batch is None else render_batch(batch)
