"""Translated display names for the codes the engines and the database use.

Sides, speech positions, panel roles, rounds, the statuses of rounds, ballots, results and
qualifications, formats, standings metrics, break categories, qualification routes and pairing
cost tiers are named here once, so the organiser's pages, the public pages, the PDFs and the CSV
exports use the same words. The web layer registers these as Jinja globals; ``tourney.documents``
imports them directly. This module sits below both: it imports neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Protocol

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tourney.scoring import Format
from tourney.scoring.breaks import STAGE_NAMES

SIX_PLACES = Decimal("0.000001")

SIDE_LABELS = {
    "aff": _l("Affirmative"),
    "neg": _l("Negative"),
    "og": _l("Opening Government"),
    "oo": _l("Opening Opposition"),
    "cg": _l("Closing Government"),
    "co": _l("Closing Opposition"),
}
# Two-team formats name their sides differently (docs/domain.md, Formats); the codes stay aff / neg.
FORMAT_SIDE_LABELS = {
    "world_schools": {"aff": _l("Proposition"), "neg": _l("Opposition")},
    "asian_parliamentary": {"aff": _l("Government"), "neg": _l("Opposition")},
    "public_forum": {"aff": _l("Pro"), "neg": _l("Con")},
}
# The same names untranslated, for the JSON API (which answers in no particular language).
SIDE_NAMES_EN = {
    "aff": "Affirmative",
    "neg": "Negative",
    "og": "Opening Government",
    "oo": "Opening Opposition",
    "cg": "Closing Government",
    "co": "Closing Opposition",
}
FORMAT_SIDE_NAMES_EN = {
    "world_schools": {"aff": "Proposition", "neg": "Opposition"},
    "asian_parliamentary": {"aff": "Government", "neg": "Opposition"},
    "public_forum": {"aff": "Pro", "neg": "Con"},
}
PANEL_ROLES = {"chair": _l("Chair"), "panellist": _l("Panellist"), "trainee": _l("Trainee")}


class RoundLike(Protocol):
    kind: str
    name: str | None
    seq: int


class BracketLike(Protocol):
    """A break bracket with its rounds (``services.public.PublicBracket``)."""

    rounds: Sequence[RoundLike | None]
    bracket: Any


def _format_code(fmt: Format | str) -> str:
    return fmt if isinstance(fmt, str) else fmt.code


def side_label(fmt: Format | str, side: str) -> str:
    """The side's name in this format (a World Schools "aff" is the Proposition)."""
    named = FORMAT_SIDE_LABELS.get(_format_code(fmt), {})
    return str(named.get(side) or SIDE_LABELS.get(side, side))


def side_name_en(fmt: Format | str, side: str) -> str:
    """The side's English name in this format, for the API."""
    named = FORMAT_SIDE_NAMES_EN.get(_format_code(fmt), {})
    return named.get(side) or SIDE_NAMES_EN.get(side, side)


def position_label(code: str) -> str:
    if code == "reply":
        return _("Reply")
    return _("Speaker %(number)s", number=code)


def role_label(role: str) -> str:
    return str(PANEL_ROLES.get(role, role))


def round_label(round_: RoundLike) -> str:
    if round_.kind == "prelim":
        return _("Round %(number)s", number=round_.name or round_.seq)
    return stage_label(round_.name or "")


def stage_label(name: str) -> str:
    """An elimination stage (``final``, ``semifinal``…) by name; other names as they are."""
    stages = {
        "final": _("Final"),
        "semifinal": _("Semifinal"),
        "quarterfinal": _("Quarterfinal"),
        "octofinal": _("Octofinal"),
    }
    return stages.get(name, name)


def column_labels(found: BracketLike) -> list[str]:
    """Each bracket column's round name, or its stage while the round does not exist yet."""
    return [
        round_label(round_)
        if round_ is not None
        else stage_label(STAGE_NAMES.get(column.teams * 2 // found.bracket.per_debate, ""))
        or _("Round of %(number)s", number=column.teams)
        for round_, column in zip(found.rounds, found.bracket.columns, strict=True)
    ]


def status_label(status: str) -> str:
    return {
        "setup": _("not drawn"),
        "drawn": _("draw ready, not public"),
        "released": _("draw public"),
        "closed": _("closed"),
    }.get(str(status), str(status))


def ballot_status_label(status: str) -> str:
    """A ballot version's status (``models.results.BALLOT_STATUSES``), as its history says it."""
    return {
        "current": _("current"),
        "superseded": _("replaced by a newer version"),
        "discarded": _("discarded"),
    }.get(status, status)


def result_status_label(status: str) -> str:
    """A debate result's status (``models.results.RESULT_STATUSES``)."""
    return {"confirmed": _("confirmed"), "retracted": _("retracted")}.get(status, status)


def qualification_status_label(status: str) -> str:
    """A team's place in the national final (``models.breaks.QUALIFICATION_STATUSES``)."""
    return {
        "proposed": _("proposed"),
        "confirmed": _("in the final"),
        "declined": _("declined"),
    }.get(status, status)


def format_name(code: str) -> str:
    return {
        "karl_popper": _("Karl Popper"),
        "world_schools": _("World Schools"),
        "asian_parliamentary": _("Asian Parliamentary"),
        "public_forum": _("Public Forum"),
        "british_parliamentary": _("British Parliamentary"),
    }.get(code, code)


def metric_label(code: str) -> str:
    return {
        "wins": _("Wins"),
        "points": _("Points"),
        "ballots": _("Ballots"),
        "speaks_total": _("Speaker points"),
        "speaks_avg": _("Average speaker points"),
        "margin_total": _("Margins"),
        "margin_avg": _("Average margin"),
        "draw_strength": _("Opponents' wins"),
        "head_to_head": _("Head to head"),
        "firsts": _("Firsts"),
        "seconds": _("Seconds"),
        "coin_toss": _("Coin toss"),
        "tied": _("tied"),
        # the speaker tab's chain
        "average": _("Average"),
        "trimmed_mean": _("Trimmed mean"),
        "total": _("Total"),
        "stdev": _("steadier scores"),
        "speeches": _("Speeches"),
    }.get(code, code)


def metric_help(code: str) -> str:
    """What a standings or speaker-tab column means, for the glossary under the public tables
    (the conventions of ``scoring.standings`` and ``scoring.speakers``, in the reader's words)."""
    return {
        "wins": _("Debates won; a bye counts as a win."),
        "points": _("Team points: 3 for first place in a debate, 2 for second, 1 for third."),
        "ballots": _(
            "Judges' votes won, counted as if every panel had three judges; a bye counts as three."
        ),
        "speaks_total": _(
            "The team's speaker scores added up; a bye counts as the team's average debate."
        ),
        "speaks_avg": _("The team's speaker scores per debate, on average."),
        "margin_total": _("By how many speaker points the team won or lost its debates, added up."),
        "margin_avg": _("By how many speaker points the team won or lost a debate, on average."),
        "draw_strength": _(
            "The wins (in four-team debates: the points) of every team this team has met, "
            "added up: how hard its draw was."
        ),
        "firsts": _("Debates in which the team came first."),
        "seconds": _("Debates in which the team came second."),
        "average": _("The speaker's scores, on average per speech."),
        "trimmed_mean": _(
            "The average without the speaker's highest and lowest score "
            "(once there are three speeches or more)."
        ),
        "total": _("The speaker's scores added up."),
        "speeches": _("The speeches counted."),
    }.get(code, "")


def metric_value(value: Fraction | Decimal | int | None) -> str:
    """Whole numbers as they are, anything else with two decimals."""
    if value is None:
        return ""
    if Fraction(value).denominator == 1:
        return str(int(value))
    return f"{float(value):.2f}"


def score_text(value: Fraction) -> str:
    """An exact score as decimal text: 75.5 for 151/2; 75.333333 for 226/3 (no finite form)."""
    with localcontext() as ctx:
        ctx.prec = 40
        number = Decimal(value.numerator) / Decimal(value.denominator)
        if Fraction(number) != value:
            number = number.quantize(SIX_PLACES)
        text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def route_label(route: str) -> str:
    return {
        "top_k": _("top of the district"),
        "wildcard": _("wildcard"),
        "alternate": _("alternate"),
        "reserve": _("alternate"),
    }.get(route, route)


def category_label(category) -> str:
    """A break category's name; the default one the break creates is named in the reader's
    language (an organiser's own categories keep the name they were given)."""
    if category.code == "open" and category.name == "Open":
        return _("Open break")
    return category.name


def cost_label(tier: str) -> str:
    """The pairing engine's cost tiers, as the draw review names them."""
    return {
        "rematch": _("rematch"),
        "bye": _("second bye"),
        "pullup": _("pull-up"),
        "institution": _("same school"),
        "region": _("same region"),
        "side_streak": _("side three times running"),
        "side": _("side balance"),
        "shape": _("bracket shape"),
    }.get(tier, tier)


def pairing_label(code: str) -> str:
    """The power-pairing methods, as the settings name them."""
    return {"fold": _("fold"), "slide": _("slide"), "adjacent": _("adjacent")}.get(code, code)


class ScheduleItemLike(Protocol):
    title: str
    kind: str
    round: RoundLike | None


def schedule_label(item: ScheduleItemLike) -> str:
    """A timetable line: its title, else its kind ("Round 2" for a round)."""
    if item.title:
        return item.title
    if item.kind == "round" and item.round is not None:
        return round_label(item.round)
    return {
        "round": _("Round"),
        "briefing": _("Briefing"),
        "break": _("Break announcement"),
        "final": _("Final"),
        "awards": _("Awards"),
    }.get(item.kind, "")


TEMPLATE_GLOBALS = (
    round_label,
    status_label,
    ballot_status_label,
    result_status_label,
    qualification_status_label,
    format_name,
    side_label,
    position_label,
    role_label,
    metric_label,
    metric_help,
    metric_value,
    route_label,
    cost_label,
    category_label,
    schedule_label,
)
