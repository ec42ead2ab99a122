"""Every public URL of a tournament (pages, live fragments, the SVG and the API)."""

from __future__ import annotations

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Round, Team, Tournament


def public_urls(tournament: Tournament) -> list[str]:
    slug = tournament.slug
    seqs = db.session.scalars(select(Round.seq).where(Round.tournament_id == tournament.id)).all()
    codes = db.session.scalars(select(Team.code).where(Team.tournament_id == tournament.id)).all()
    pages = [f"/t/{slug}", f"/t/{slug}/teams", f"/t/{slug}/standings", f"/t/{slug}/speakers"]
    pages += [f"/t/{slug}/bracket", f"/t/{slug}/schedule", f"/t/{slug}/teams?q=1"]
    pages += [f"/t/{slug}/results", f"/t/{slug}/motions"]
    pages += [f"/t/{slug}/draw/{seq}" for seq in seqs]
    pages += [f"/t/{slug}/draw/{seq}/projector" for seq in seqs]
    pages += [f"/t/{slug}/team/{code}" for code in codes]
    api = f"/api/v1/tournaments/{slug}"
    urls = ["/", "/api/v1/tournaments", f"/t/{slug}/bracket.svg", api, f"{api}/rounds"]
    urls += [
        f"{api}/{part}"
        for part in ("standings", "speakers", "bracket", "teams", "results", "motions")
    ]
    urls += [f"{api}/rounds/{seq}/draw" for seq in seqs]
    urls += [f"{api}/teams/{code}" for code in codes]
    return urls + pages + [f"{page}{'&' if '?' in page else '?'}fragment=1" for page in pages]
