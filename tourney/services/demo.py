"""The demo championship: four district qualifiers and a national final of 12 teams of three."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Championship,
    Institution,
    Motion,
    Qualification,
    Region,
    Round,
    Speaker,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.services import feedback, links, settings
from tourney.services.demo_data import (
    FEMALE,
    FIRST_NAMES,
    MOTIONS,
    QUALIFIERS,
    REGIONS,
    ROOMS,
    SURNAMES,
    TEAM_NICKNAMES,
)
from tourney.services.tournaments import rounds_of

CHAMPIONSHIP_NAME = "Чемпионати ҷумҳуриявии мубоҳисаи ҷавонон — 2026"
FINAL_QUOTAS = {"DU": 4, "SU": 3, "KT": 3, "GB": 2}
DEMO_USERS = [("admin", "admin"), ("director", "tab_director"), ("clerk", "ballot_clerk")]


def exists() -> bool:
    return (
        db.session.scalar(select(Championship).where(Championship.name == CHAMPIONSHIP_NAME))
        is not None
    )


def ensure_regions() -> dict[str, Region]:
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    for code, en, ru, tg in REGIONS:
        if code not in regions:
            regions[code] = Region(code=code, name_en=en, name_ru=ru, name_tg=tg)
            db.session.add(regions[code])
    return regions


def _person(rng: random.Random, taken: set[str]) -> str:
    while True:
        first = rng.choice(FIRST_NAMES)
        surname = rng.choice(SURNAMES)
        if first in FEMALE and surname.endswith("ов"):
            surname += "а"
        if surname.endswith("ев") and first in FEMALE:
            surname += "а"
        name = f"{first} {surname}"
        if name not in taken:
            taken.add(name)
            return name


def _rounds(tournament: Tournament, count: int, rng: random.Random) -> None:
    for seq in range(1, count + 1):
        rnd = Round(
            tournament=tournament,
            seq=seq,
            name=f"{seq}",
            kind="prelim",
            draw_type="random" if seq == 1 else "power",
            panel_size=settings.get(tournament, "panel_size"),
        )
        rnd.motions.append(Motion(text=MOTIONS[(seq - 1 + rng.randrange(3)) % len(MOTIONS)]))
        db.session.add(rnd)


def _venues(tournament: Tournament, count: int) -> None:
    for index, (name, building) in enumerate(ROOMS[:count]):
        db.session.add(
            Venue(
                tournament=tournament,
                name=name,
                building=building,
                priority=1 if index < 3 else 2,
                accessible=index % 4 == 0,
            )
        )


def _adjudicators(
    tournament: Tournament,
    count: int,
    institutions: list[Institution],
    region: Region,
    rng: random.Random,
    names: set[str],
) -> None:
    from tourney.services.links import new_token

    for index in range(count):
        institution = rng.choice(institutions) if index % 3 else None
        db.session.add(
            Adjudicator(
                tournament=tournament,
                name=_person(rng, names),
                institution=institution,
                region=institution.region if institution else region,
                rating=Decimal(str(round(rng.uniform(3, 9.5), 1))),
                role="trainee" if index % 9 == 8 else "any",
                token=new_token(),
            )
        )


def load(password: str = "demo", seed: int = 2026, played: bool = False) -> dict[str, int]:
    """Create the demo championship; returns counts for the CLI.

    Quick (``played`` False): the qualifiers are set up but not played and the final's teams are
    seated directly. Played: every qualifier is played through the real services (draws, judges'
    ballots, confirmation, break, eliminations), the qualifiers are promoted to the final by the
    qualification rule, and the final's first round is drawn and released, waiting for ballots.
    """
    rng = random.Random(seed)
    regions = ensure_regions()
    championship = Championship(name=CHAMPIONSHIP_NAME, season="2026")
    db.session.add(championship)
    names: set[str] = set()
    teams_by_region: dict[str, list[Team]] = {}
    counts = {"tournaments": 0, "teams": 0, "adjudicators": 0}

    for code, (name, slug, schools, team_count) in QUALIFIERS.items():
        region = regions[code]
        tournament = Tournament(
            championship=championship,
            name=name,
            slug=slug,
            stage="qualifier",
            region=region,
            format_code="karl_popper",
            prelim_rounds=4,
            break_size=4,
            qualify_top=FINAL_QUOTAS[code],
            starts_on=date(2026, 3, 14),
            settings={"panel_size": 1},
        )
        db.session.add(tournament)
        feedback.add_default_questions(tournament)
        institutions = [
            Institution(championship=championship, name=full, short_name=short, region=region)
            for full, short in schools
        ]
        db.session.add_all(institutions)
        teams = []
        for index in range(team_count):
            institution = institutions[index % len(institutions)]
            nickname = TEAM_NICKNAMES[index % len(TEAM_NICKNAMES)]
            team = Team(
                tournament=tournament,
                name=f"{institution.short_name} «{nickname}»",
                code=f"{code}-{index + 1:02d}",
                institution=institution,
                token=links.new_token(),
            )
            team.speakers = [Speaker(name=_person(rng, names), position=p) for p in (1, 2, 3)]
            teams.append(team)
        db.session.add_all(teams)
        teams_by_region[code] = teams
        _rounds(tournament, 4, rng)
        _venues(tournament, (team_count + 1) // 2)
        _adjudicators(tournament, team_count // 2 + 2, institutions, region, rng, names)
        counts["tournaments"] += 1
        counts["teams"] += team_count
        counts["adjudicators"] += team_count // 2 + 2

    final = Tournament(
        championship=championship,
        name="Финали ҷумҳуриявӣ",
        slug="final",
        stage="final",
        format_code="karl_popper",
        prelim_rounds=4,
        break_size=4,
        starts_on=date(2026, 4, 18),
        settings={"panel_size": 3, "avoid_same_region": True, "neutral_judges": True},
    )
    db.session.add(final)
    feedback.add_default_questions(final)
    if not played:
        _promote_demo_finalists(championship, final, teams_by_region)
    _rounds(final, 4, rng)
    _venues(final, 6)
    final_institutions = list(championship.institutions)
    _adjudicators(final, 21, final_institutions, regions["RA"], rng, names)
    counts["tournaments"] += 1
    counts["teams"] += sum(FINAL_QUOTAS.values())
    counts["adjudicators"] += 21

    for username, role in DEMO_USERS:
        if db.session.scalar(select(User).where(User.username == username)) is None:
            user = User(username=username, role=role, display_name=username.capitalize())
            user.set_password(password)
            db.session.add(user)
    db.session.commit()
    if played:
        _play(championship, rng)
    if played:  # the finalists promoted by the qualification rule get their feedback links
        director = db.session.scalar(select(User).where(User.username == "director"))
        links.issue_missing(final, director)
    return counts


def _play(championship: Championship, rng: random.Random) -> None:
    """Play the qualifiers, promote to the final, and release the final's first draw."""
    from tourney.services import breaks, draws, qualification, simulate

    director = db.session.scalar(select(User).where(User.username == "director"))
    for qualifier in [t for t in championship.tournaments if t.stage == "qualifier"]:
        for round_ in rounds_of(qualifier, "prelim"):
            simulate.play_round(round_, director, rng)
        simulate.settle_ties(qualifier, director, rng)
        breaks.generate_break(qualifier, director)
        for round_ in rounds_of(qualifier, "elimination"):
            simulate.play_round(round_, director, rng)
    qualification.confirm(championship, director)
    final = next(t for t in championship.tournaments if t.stage == "final")
    first = rounds_of(final, "prelim")[0]
    draws.generate_draw(first, director)
    draws.allocate_round(first, director)
    draws.release_draw(first, director)


def _promote_demo_finalists(
    championship: Championship, final: Tournament, teams_by_region: dict[str, list[Team]]
) -> None:
    """Seat each district's first teams in the final, linked back to where they qualified."""
    for code, quota in FINAL_QUOTAS.items():
        for rank, source in enumerate(teams_by_region[code][:quota], start=1):
            team = Team(
                tournament=final,
                name=source.name,
                code=source.code,
                institution=source.institution,
                token=links.new_token(),
            )
            team.speakers = [Speaker(name=s.name, position=s.position) for s in source.speakers]
            db.session.add(team)
            db.session.add(
                Qualification(
                    championship=championship,
                    source_team=source,
                    final_team=team,
                    status="confirmed",
                    route="top_k",
                    district_rank=rank,
                )
            )
