"""The organiser's certificate options, kept in ``Tournament.settings["certificates"]``: layout,
signatories, how many speakers get an award, the best adjudicators, place and date, and a logo
stored as a file in the instance folder."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from tourney.extensions import db
from tourney.models import Tournament, User
from tourney.services import audit

LAYOUTS = {
    "classic": _l("Classic (serif, double frame)"),
    "modern": _l("Modern (colour band)"),
    "minimal": _l("Minimal"),
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
    extension = check_logo(logo) if logo else None
    folder = _logo_folder()
    if logo or remove_logo:
        for old in folder.glob(f"tournament-{tournament.id}.*"):
            old.unlink()
    if logo:
        folder.mkdir(parents=True, exist_ok=True)
        logo_name = f"tournament-{tournament.id}.{extension}"
        (folder / logo_name).write_bytes(logo)
    saved = replace(options, logo=logo_name)
    tournament.settings = {**(tournament.settings or {}), "certificates": saved.to_dict()}
    audit.record(tournament.id, "certificates.options_saved", user=user, layout=saved.layout)
    db.session.commit()
    return saved
