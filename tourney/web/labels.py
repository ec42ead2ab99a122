"""Translated display names for codes stored in the database (rounds, statuses, formats, sides).

Registered as Jinja globals for every blueprint's templates.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from flask import Flask
from flask_babel import gettext as _

from tourney.models import Round, ScheduleItem

SIX_PLACES = Decimal("0.000001")


def round_label(round_: Round) -> str:
    if round_.kind == "prelim":
        return _("Round %(number)s", number=round_.name or round_.seq)
    stages = {
        "final": _("Final"),
        "semifinal": _("Semifinal"),
        "quarterfinal": _("Quarterfinal"),
        "octofinal": _("Octofinal"),
    }
    return stages.get(round_.name, round_.name)


def status_label(status: str) -> str:
    return {
        "setup": _("not drawn"),
        "drawn": _("draw ready, not public"),
        "released": _("draw public"),
        "closed": _("closed"),
    }.get(status, status)


def format_name(code: str) -> str:
    return {
        "karl_popper": _("Karl Popper"),
        "world_schools": _("World Schools"),
        "asian_parliamentary": _("Asian Parliamentary"),
        "public_forum": _("Public Forum"),
        "british_parliamentary": _("British Parliamentary"),
    }.get(code, code)


def side_label(side: str) -> str:
    return {
        "aff": _("Affirmative"),
        "neg": _("Negative"),
        "og": _("Opening Government"),
        "oo": _("Opening Opposition"),
        "cg": _("Closing Government"),
        "co": _("Closing Opposition"),
    }.get(side, side)


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
    }.get(code, code)


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


def schedule_label(item: ScheduleItem) -> str:
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
        "other": "",
    }.get(item.kind, "")


def init_labels(app: Flask) -> None:
    helpers = (round_label, status_label, format_name, side_label, metric_label, metric_value)
    for helper in (*helpers, route_label, cost_label, category_label, schedule_label):
        app.add_template_global(helper)
    app.add_template_filter(cost_label)  # for map() over an explanation's tiers
    app.add_template_filter(score_text, name="score")
