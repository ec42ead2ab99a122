"""Where each box and line of a break bracket goes; ``templates/public/bracket.svg`` draws it.

The drawing is built on the server (no JavaScript) with presentation attributes only, since the
Content-Security-Policy forbids inline styles. Its natural size keeps 14 px text readable on a
phone (the page scrolls sideways); on a projector the page scales it up to the screen's width.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from tourney.labels import category_label, column_labels
from tourney.services.bracket import Entrant, Match
from tourney.services.public import PublicBracket

BOX_WIDTH = 250
ROW_HEIGHT = 26
NAME_X = 28  # the seed sits left of the name, the winner's tick right of it
NAME_WIDTH = BOX_WIDTH - NAME_X - 24
VENUE_LINE = 30  # room for the venue line under each box
GAP = 40
MARGIN = 8
HEADER = 34
NAME_CHARS = 20  # bold DejaVu Sans at 14 px: ~9.5 px a letter; longer names are also clipped


@dataclass(frozen=True)
class Row:
    x: float
    y: float  # top of the row
    seed: str
    name: str  # shortened to fit the box
    title: str  # the full name
    won: bool
    lost: bool


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    rows: tuple[Row, ...]
    venue: str


@dataclass(frozen=True)
class Header:
    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    box_width: int
    row_height: int
    name_x: int
    name_width: int
    title: str
    headers: tuple[Header, ...]
    boxes: tuple[Box, ...]
    paths: tuple[str, ...]


def _shorten(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _row(found: PublicBracket, match: Match, entrant: Entrant | None, x: float, y: float) -> Row:
    if entrant is None:
        name = _("Bye") if match.bye else "—"
        return Row(x, y, "", name, name, False, False)
    team = found.teams[entrant.team_id]
    won = match.decided and entrant in match.through
    lost = match.decided and not won
    return Row(x, y, str(entrant.seed), _shorten(team.name), team.name, won, lost)


def layout(found: PublicBracket) -> Layout:
    columns = found.bracket.columns
    labels = column_labels(found)
    step = BOX_WIDTH + GAP
    places = found.bracket.per_debate
    box_height = places * ROW_HEIGHT
    pitch = box_height + VENUE_LINE
    centres: list[list[float]] = []
    boxes: list[Box] = []
    paths: list[str] = []
    for index, column in enumerate(columns):
        x = MARGIN + index * step
        if index == 0:
            ys = [HEADER + n * pitch + box_height / 2 for n in range(len(column.matches))]
        else:
            previous = centres[-1]
            one_to_one = len(previous) == len(column.matches)  # after a partial first round
            feeders = [
                [previous[n]] if one_to_one else [previous[2 * n], previous[2 * n + 1]]
                for n in range(len(column.matches))
            ]
            ys = [sum(f) / len(f) for f in feeders]
            for fed, y in zip(feeders, ys, strict=True):
                for feeder in fed:
                    paths.append(f"M{x - GAP} {feeder}H{x - GAP / 2}V{y}H{x}")
        centres.append(ys)
        for match, y in zip(column.matches, ys, strict=True):
            top = y - box_height / 2
            rows = tuple(
                _row(found, match, entrant, x, top + n * ROW_HEIGHT)
                for n, entrant in enumerate(match.places)
            )
            boxes.append(Box(x, top, rows, match.venue))
    headers = [Header(MARGIN + i * step + BOX_WIDTH / 2, label) for i, label in enumerate(labels)]
    champion = found.bracket.champion
    if columns:
        x = MARGIN + len(columns) * step
        y = centres[-1][0]
        paths.append(f"M{x - GAP} {y}H{x}")
        headers.append(Header(x + BOX_WIDTH / 2, _("Champion")))
        row = _champion_row(found, champion, x, y - ROW_HEIGHT / 2)
        boxes.append(Box(x, y - ROW_HEIGHT / 2, (row,), ""))
    first = len(columns[0].matches) if columns else 0
    return Layout(
        width=int(2 * MARGIN + (len(columns) + 1) * step - GAP),
        height=int(HEADER + max(first, 1) * pitch),
        box_width=BOX_WIDTH,
        row_height=ROW_HEIGHT,
        name_x=NAME_X,
        name_width=NAME_WIDTH,
        title=_("Break bracket: %(category)s", category=category_label(found.category)),
        headers=tuple(headers),
        boxes=tuple(boxes),
        paths=tuple(paths),
    )


def _champion_row(found: PublicBracket, champion: Entrant | None, x: float, y: float) -> Row:
    if champion is None:
        return Row(x, y, "", "—", "—", False, False)
    team = found.teams[champion.team_id]
    return Row(x, y, str(champion.seed), _shorten(team.name), team.name, True, False)
