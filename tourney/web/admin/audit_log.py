"""The audit log page: translated event names, people and debates by name, filters, paging.

Events store codes and ids (``services.audit``); this turns each into words in the reader's
language. An event this page does not know yet shows its code, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tourney.labels import round_label, side_label
from tourney.models import AuditEvent, Tournament
from tourney.services import audit
from tourney.web.i18n import local_datetime

ACTIONS = {
    "tournament_created": _l("Tournament created"),
    "tournament_updated": _l("Settings changed"),
    "score_range_set": _l("Speaker score range changed"),
    "schedule_changed": _l("Schedule changed"),
    "participants.import": _l("Participants imported from CSV"),
    "participants.import_tabbycat": _l("Participants imported from Tabbycat"),
    "institution.add": _l("Institution added"),
    "institution.edit": _l("Institution edited"),
    "institution.remove": _l("Institution removed"),
    "team.add": _l("Team added"),
    "team.edit": _l("Team edited"),
    "team.remove": _l("Team removed"),
    "adjudicator.add": _l("Judge added"),
    "adjudicator.edit": _l("Judge edited"),
    "adjudicator.remove": _l("Judge removed"),
    "venue.add": _l("Room added"),
    "venue.edit": _l("Room edited"),
    "venue.remove": _l("Room removed"),
    "availability_changed": _l("Attendance changed"),
    "availability_group": _l("Attendance changed for a group"),
    "availability_list": _l("Attendance set from a list"),
    "motion_set": _l("Motion saved"),
    "draw_generated": _l("Draw generated"),
    "draw_allocated": _l("Judges and rooms allocated"),
    "draw_edited": _l("Draw edited"),
    "draw_released": _l("Draw released"),
    "ballot_submitted": _l("Ballot received"),
    "ballot_changed": _l("Ballot changed"),
    "result_confirmed": _l("Result confirmed"),
    "result_retracted": _l("Result retracted"),
    "round_closed": _l("Round closed"),
    "results_released": _l("Results released"),
    "break_generated": _l("Break saved"),
    "coin_toss_recorded": _l("Coin toss recorded"),
    "qualifiers_promoted": _l("Qualifiers promoted to the final"),
    "qualification_declined": _l("A qualified team declined"),
    "judge_link_revoked": _l("Judge's link revoked"),
    "judge_link_reissued": _l("Judge's link reissued"),
    "certificates.options_saved": _l("Certificate options saved"),
    "feedback_submitted": _l("Feedback received"),
    "draw_release_withdrawn": _l("Draw release withdrawn"),
    "round_reopened": _l("Round reopened"),
    "swing_teams_added": _l("Swing teams added"),
    "ballot_rules_set": _l("Ballot rules changed"),
    "links_issued": _l("Private links issued"),
    "feedback_changed": _l("Feedback changed"),
    "feedback_question_saved": _l("Feedback question saved"),
    "feedback_question_removed": _l("Feedback question removed"),
    "feedback_weights_set": _l("Feedback weights changed"),
    "team_link_revoked": _l("Team's link revoked"),
    "team_link_reissued": _l("Team's link reissued"),
}
EDITS = {
    "swap_teams": _l("two teams swapped"),
    "swap_sides": _l("sides swapped"),
    "move_adjudicator": _l("a judge moved"),
    "set_venue": _l("room changed"),
}
SUBJECTS = {"team": _l("team"), "adjudicator": _l("judge"), "venue": _l("room")}
IMPORTS = {
    "institutions": _l("institutions"),
    "teams": _l("teams"),
    "adjudicators": _l("judges"),
    "rooms": _l("rooms"),
}
ROLES = {"chair": _l("chair"), "panellist": _l("panellist"), "trainee": _l("trainee")}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def _debate(debate_id: Any, names: audit.Names, rounds: dict[int, Any]) -> str:
    debate = names.debates.get(debate_id) if isinstance(debate_id, int) else None
    if debate is None:
        return _("a removed debate")
    teams = " – ".join(dt.team.name for dt in debate.teams)
    where = debate.venue.name if debate.venue else f"#{debate.position}"
    return f"{round_label(debate.round)}, {where}: {teams}"


def describe(event: AuditEvent, names: audit.Names, rounds: dict[int, Any]) -> list[str]:
    """The event's details as short phrases, every id replaced by a name."""
    d = dict(event.details or {})
    parts: list[str] = []
    if isinstance(d.get("round"), int) and "debate_id" not in d:
        found = rounds.get(d["round"])
        parts.append(round_label(found) if found else _("Round %(number)s", number=d["round"]))
    if "debate_id" in d or "debate" in d:
        parts.append(_debate(d.get("debate_id", d.get("debate")), names, rounds))
    judge = d.get("adjudicator_id", d.get("adjudicator"))
    if judge is not None:
        parts.append(names.judges.get(judge, _("a removed judge")))
    phrases: dict[str, Callable[[Any], str]] = {
        "edit": lambda v: str(EDITS.get(v, v)),
        "teams": lambda v: (
            " ↔ ".join(names.teams.get(t, "?") for t in v)
            if isinstance(v, list)
            else _("teams: %(count)s", count=v)
        ),
        "venue": lambda v: names.venues.get(v, "?"),
        "role": lambda v: str(ROLES.get(v, v)),
        "after_release": lambda v: _("after the release") if v else "",
        "subject": lambda v: (
            f"{SUBJECTS.get(v, v)}: {_subject_name(d, names)}"
            if "id" in d
            else str(SUBJECTS.get(v, v))
        ),
        "present": lambda v: _("present") if v else _("absent"),
        "absent": lambda v: _("absent: %(count)s", count=v),
        "count": lambda v: _("affected: %(count)s", count=v),
        "debates": lambda v: _("debates: %(count)s", count=v),
        "byes": lambda v: _("byes: %(count)s", count=v) if v else "",
        "uncovered": lambda v: _("debates without a chair: %(count)s", count=v) if v else "",
        "unallocated": lambda v: _("judges not seated: %(count)s", count=v) if v else "",
        "version": lambda v: _("version %(number)s", number=v),
        "auto": lambda v: _("automatically") if v else "",
        "reason": lambda v: _("reason: %(text)s", text=v) if v else "",
        "kind": lambda v: str(IMPORTS.get(v, v)) if event.action == "participants.import" else "",
        "rows": lambda v: _("rows: %(count)s", count=v),
        "filename": lambda v: v,
        "name": lambda v: v,
        "team": lambda v: v,
        "position": lambda v: (
            side_label(v) if v in ("aff", "neg") else _("speech %(code)s", code=v)
        ),
        "low": lambda v: _(
            "from %(low)s to %(high)s, step %(step)s", low=v, high=d.get("high"), step=d.get("step")
        ),
        "day": lambda v: _date(v),
        "categories": lambda v: ", ".join(f"{code}: {n}" for code, n in v.items()),
        "layout": lambda v: v,
    }
    for key, value in d.items():
        phrase = phrases.get(key)
        if phrase is not None:
            text = phrase(value)
            if text:
                parts.append(str(text))
    return parts


def _subject_name(details: dict[str, Any], names: audit.Names) -> str:
    table = {"team": names.teams, "adjudicator": names.judges, "venue": names.venues}
    return table.get(details.get("subject"), {}).get(details.get("id"), "?")


def _date(value: Any) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def who(event: AuditEvent, names: audit.Names) -> str:
    if event.user_id is not None:
        return names.users.get(event.user_id, _("a removed account"))
    if event.actor.startswith("judge:"):
        number = event.actor.removeprefix("judge:")
        judge = names.judges.get(int(number)) if number.isdigit() else None
        return _("%(judge)s (private link)", judge=judge or "?")
    return _("the system")


def page(t: Tournament) -> str:
    filters = audit.Filters(
        round_seq=request.args.get("round", type=int),
        person=request.args.get("person") or None,
        action=request.args.get("kind") or None,
    )
    found = audit.events(t, filters, page=request.args.get("page", 1, type=int))
    options = audit.choices(t)
    rounds = {r.seq: r for r in options.rounds}
    rows = [
        (
            local_datetime(e.at),
            who(e, found.names),
            action_label(e.action),
            describe(e, found.names, rounds),
        )
        for e in found.events
    ]
    kinds = sorted(((a, action_label(a)) for a in options.actions), key=lambda pair: pair[1])
    return render_template(
        "admin/audit.html",
        t=t,
        rows=rows,
        found=found,
        filters=filters,
        options=options,
        kinds=kinds,
    )
