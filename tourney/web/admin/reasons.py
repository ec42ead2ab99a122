"""Translated sentences for the engines' structured reasons (pairing) and issues (allocation).

The engines name teams, judges and rooms by id; the page passes lookups so the sentence says
names. Unknown codes fall back to the code itself rather than failing the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from tourney.labels import pairing_label
from tourney.web.i18n import local_datetime


def _number(value: Any) -> int:
    """The count a sentence's plural agrees with (engine params may be missing or text)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _when(value: Any) -> str:
    """A stored ISO time as the pages show times; what cannot be read, as stored."""
    try:
        return local_datetime(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def describe(code: str, params: Mapping[str, Any], name: Callable[[str, Any], str]) -> str:
    """``name(kind, id)`` turns an engine id or code into a display name (kind: team, judge,
    room, side)."""
    p = dict(params)
    team = name("team", p.get("team"))
    teams = ", ".join(name("team", t) for t in p.get("teams") or ())
    judge = name("judge", p.get("judge"))
    sentences: dict[str, Callable[[], str]] = {
        "random_draw": lambda: _("Random pairing (first round)."),
        "late_team": lambda: _("%(team)s came late and was added to the draw by hand.", team=team),
        "edited_by_hand": lambda: _(
            "Edited by hand by %(user)s, %(when)s.",
            user=p.get("by") or "—",
            when=_when(p.get("at")),
        ),
        "shape": lambda: _(
            "Bracket %(bracket)s, %(pairing)s: %(deviation)s places from the ideal opponent.",
            bracket=p.get("bracket"),
            pairing=pairing_label(p.get("pairing", "")),
            deviation=p.get("deviation"),
        ),
        "pullup": lambda: ngettext(
            "%(team)s is pulled up from bracket %(low)s to %(high)s (pulled up %(times)s time before).",
            "%(team)s is pulled up from bracket %(low)s to %(high)s (pulled up %(times)s times before).",
            _number(p.get("previous_pullups", 0)),
            team=team,
            low=p.get("from_bracket"),
            high=p.get("to_bracket"),
            times=p.get("previous_pullups", 0),
        ),
        "rematch": lambda: (
            ngettext(
                "Rematch: these teams have met %(times)s time.",
                "Rematch: these teams have met %(times)s times.",
                _number(p.get("times")),
                times=p.get("times"),
            )
            if "teams" not in p
            else ngettext(
                "%(teams)s have met %(times)s time before.",
                "%(teams)s have met %(times)s times before.",
                _number(p.get("times")),
                teams=teams,
                times=p.get("times"),
            )
        ),
        "same_institution": lambda: (
            _("Both teams are from the same school.")
            if "teams" not in p
            else _("%(teams)s are from the same school.", teams=teams)
        ),
        "same_region": lambda: (
            _("Both teams are from the same region.")
            if "teams" not in p
            else _("%(teams)s are from the same region.", teams=teams)
        ),
        "bracket": lambda: _("A room of the %(bracket)s-point bracket.", bracket=p.get("bracket")),
        "position_history": lambda: ngettext(
            "%(team)s is %(position)s, a position it has had %(times)s time (its rarest: %(fewest)s).",
            "%(team)s is %(position)s, a position it has had %(times)s times (its rarest: %(fewest)s).",
            _number(p.get("times")),
            team=team,
            position=name("side", p.get("position")),
            times=p.get("times"),
            fewest=p.get("fewest"),
        ),
        "side_streak": lambda: _(
            "%(team)s takes %(side)s a third time in a row.",
            team=team,
            side=name("side", p.get("side")),
        ),
        "side_due": lambda: _(
            "%(team)s was due the other side (%(affs)s affirmative, %(negs)s negative so far).",
            team=team,
            affs=p.get("affs"),
            negs=p.get("negs"),
        ),
        "elimination": lambda: _(
            "Elimination: seed %(a)s against seed %(b)s.",
            a=(p.get("seeds") or ["?", "?"])[0],
            b=(p.get("seeds") or ["?", "?"])[-1],
        ),
        "elimination_room": lambda: _(
            "Elimination room %(room)s: seeds %(seeds)s.",
            room=p.get("room"),
            seeds=", ".join(str(seed) for seed in p.get("seeds") or ()),
        ),
        "own_institution": lambda: _(
            "%(judge)s is from the school of %(team)s.", judge=judge, team=team
        ),
        "declared_team_conflict": lambda: _(
            "%(judge)s has a declared conflict with %(team)s.", judge=judge, team=team
        ),
        "declared_institution_conflict": lambda: _(
            "%(judge)s has a declared conflict with the school of %(team)s.", judge=judge, team=team
        ),
        "judge_absent": lambda: _("%(judge)s is absent this round.", judge=judge),
        "role_not_allowed": lambda: _("%(judge)s may not sit in this role.", judge=judge),
        "judge_repeated": lambda: _("%(judge)s is on the panel twice.", judge=judge),
        "judged_before": lambda: _("%(judge)s has judged %(team)s before.", judge=judge, team=team),
        "short_panel": lambda: ngettext(
            "Only %(have)s of %(needed)s voting judge.",
            "Only %(have)s of %(needed)s voting judges.",
            _number(p.get("needed")),
            have=p.get("have"),
            needed=p.get("needed"),
        ),
        "no_conflict_free_chair": lambda: _(
            "No chair: every judge who could chair has a conflict with this debate."
        ),
        "chairs_needed_elsewhere": lambda: _(
            "No chair: every judge without a conflict chairs another debate."
        ),
        "no_chair_capable_judge": lambda: _("No chair: no judge present may chair."),
        "no_room": lambda: _("This debate has no room."),
        "no_chair": lambda: _(
            "No chair. Could chair it: %(judges)s.",
            judges=", ".join(name("judge", j) for j in p.get("candidates") or ()) or "—",
        ),
        "long_panel": lambda: ngettext(
            "%(have)s voting judge, but the round plans %(needed)s.",
            "%(have)s voting judges, but the round plans %(needed)s.",
            _number(p.get("have")),
            have=p.get("have"),
            needed=p.get("needed"),
        ),
        "room_unavailable": lambda: _(
            "%(room)s is marked absent this round.", room=name("room", p.get("room"))
        ),
        "room_not_accessible": lambda: _(
            "%(room)s has no step-free access, but %(people)s needs it.",
            room=name("room", p.get("room")),
            people=", ".join(
                [name("team", t) for t in p.get("teams") or ()]
                + [name("judge", j) for j in p.get("judges") or ()]
            ),
        ),
        "building_changed": lambda: _(
            "%(team)s changes building: %(previous)s → %(building)s.",
            team=team,
            previous=p.get("previous", ""),
            building=p.get("building", ""),
        ),
    }
    if code == "same_region" and "judge" in p:
        return _(
            "%(judge)s is from the region of %(team)s (neutral judges asked).",
            judge=judge,
            team=team,
        )
    make = sentences.get(code)
    return make() if make else code
