"""Certificates on A4 landscape, in the language the organiser picks for each download.

Kinds: participation (every speaker), speaker awards (top N of the speaker tab), team awards
(champion, finalist, semi-finalist… from the elimination rounds), best adjudicator (chosen by the
organiser), and qualification to the national final. The organiser's choices (layout, logo,
signatories, top N, best adjudicators) live in ``Tournament.settings["certificates"]``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.documents.render import render_pdf
from tourney.documents.results import elimination_stages
from tourney.extensions import db
from tourney.models import Adjudicator, Qualification, Team, Tournament, User
from tourney.services import audit
from tourney.services.standings import speaker_standings

LAYOUTS = {
    "classic": _l("Classic (serif, double frame)"),
    "modern": _l("Modern (colour band)"),
    "minimal": _l("Minimal"),
}
KINDS = {
    "participation": _l("Participation"),
    "speakers": _l("Speaker awards"),
    "teams": _l("Team awards"),
    "adjudicators": _l("Best adjudicator"),
    "qualification": _l("Qualification to the national final"),
}
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": ("png", "image/png"), b"\xff\xd8\xff": ("jpg", "image/jpeg")}
MAX_LOGO_BYTES = 2 * 1024 * 1024


class LogoRefused(ValueError):
    """The uploaded file is not a PNG or JPEG image of at most 2 MB."""


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class Options:
    layout: str = "classic"
    signatories: tuple[Signatory, ...] = ()
    speaker_awards: int = 3
    best_adjudicators: tuple[int, ...] = ()
    place: str = ""
    awarded_on: date | None = None
    logo: str = ""  # file name under the instance folder's logos/, or "" for none

    def to_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "signatories": [{"name": s.name, "title": s.title} for s in self.signatories],
            "speaker_awards": self.speaker_awards,
            "best_adjudicators": list(self.best_adjudicators),
            "place": self.place,
            "awarded_on": self.awarded_on.isoformat() if self.awarded_on else None,
            "logo": self.logo,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Options:
        awarded = data.get("awarded_on")
        layout = data.get("layout", "classic")
        return cls(
            layout=layout if layout in LAYOUTS else "classic",
            signatories=tuple(
                Signatory(s.get("name", ""), s.get("title", ""))
                for s in data.get("signatories", [])
            ),
            speaker_awards=int(data.get("speaker_awards", 3)),
            best_adjudicators=tuple(int(i) for i in data.get("best_adjudicators", [])),
            place=data.get("place", ""),
            awarded_on=date.fromisoformat(awarded) if awarded else None,
            logo=data.get("logo", ""),
        )


def options_for(tournament: Tournament) -> Options:
    return Options.from_dict((tournament.settings or {}).get("certificates", {}))


def _logo_folder() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "logos"


def _logo_type(data: bytes) -> tuple[str, str]:
    for magic, kind in LOGO_TYPES.items():
        if data.startswith(magic):
            return kind
    raise LogoRefused("not a PNG or JPEG image")


def check_logo(data: bytes) -> str:
    """The file extension for an acceptable logo; raises LogoRefused otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoRefused("larger than 2 MB")
    extension, _mime = _logo_type(data)
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        Image.open(BytesIO(data)).verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise LogoRefused("damaged image") from error
    return extension


def logo_data_uri(options: Options) -> str | None:
    """The logo inlined as a data URI (the PDF fetcher serves nothing outside static/)."""
    if not options.logo:
        return None
    path = _logo_folder() / options.logo
    if not path.is_file():
        return None
    data = path.read_bytes()
    return f"data:{_logo_type(data)[1]};base64,{base64.b64encode(data).decode()}"


def save_options(
    tournament: Tournament,
    options: Options,
    *,
    user: User | None,
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Options:
    """Store the organiser's certificate choices (and a new logo) in one transaction."""
    logo_name = "" if remove_logo else options_for(tournament).logo
    if logo:
        extension = check_logo(logo)
        folder = _logo_folder()
        folder.mkdir(parents=True, exist_ok=True)
        logo_name = f"tournament-{tournament.id}.{extension}"
        for old in folder.glob(f"tournament-{tournament.id}.*"):
            old.unlink()
        (folder / logo_name).write_bytes(logo)
    saved = Options(**{**options.__dict__, "logo": logo_name})
    tournament.settings = {**(tournament.settings or {}), "certificates": saved.to_dict()}
    audit.record(tournament.id, "certificates.options_saved", user=user, layout=saved.layout)
    db.session.commit()
    return saved


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
    return list(db.session.scalars(query.order_by(Team.name)))


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
        select(Adjudicator)
        .where(
            Adjudicator.tournament_id == tournament.id,
            Adjudicator.id.in_(options.best_adjudicators),
        )
        .order_by(Adjudicator.name)
    )
    return [Recipient(j.name, "", _("Diploma"), _("Best adjudicator")) for j in judges]


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


def certificates_pdf(tournament: Tournament, kind: str, language: str) -> bytes | None:
    """One certificate per page; None when nobody is due one of this kind yet."""
    options = options_for(tournament)
    with force_locale(language):
        recipients = RECIPIENTS[kind](tournament, options)
        if not recipients:
            return None
        return render_pdf(
            "documents/certificates.html",
            language=language,
            tournament=tournament,
            options=options,
            logo=logo_data_uri(options),
            awarded_on=options.awarded_on or tournament.starts_on,
            recipients=recipients,
        )
