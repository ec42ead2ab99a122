"""The organiser's certificate options, kept in ``Tournament.settings["certificates"]``: layout,
signatories, how many speakers get an award, the best adjudicators, place and date, and a logo
stored as a file in the instance folder."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from tourney.documents import logo as logo_file
from tourney.extensions import db
from tourney.models import Tournament, User
from tourney.services import audit

LAYOUTS = {
    "classic": _l("Classic (serif, double frame)"),
    "modern": _l("Modern (colour band)"),
    "minimal": _l("Minimal"),
}


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


def logo_data_uri(options: Options) -> str | None:
    """The logo inlined as a data URI (the PDF fetcher serves nothing outside static/)."""
    return logo_file.data_uri(options.logo)


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
        logo_name = logo_file.store(tournament.id, logo)  # raises LogoRefused before any write
    saved = replace(options, logo=logo_name)
    tournament.settings = {**(tournament.settings or {}), "certificates": saved.to_dict()}
    audit.record(tournament.id, "certificates.options_saved", user=user, layout=saved.layout)
    db.session.commit()
    if logo or remove_logo:
        logo_file.remove_others(tournament.id, keep=logo_name)
    return saved
