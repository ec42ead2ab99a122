"""Translated messages for the codes the services refuse with."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from tourney.services.errors import ServiceError


def service_message(error: ServiceError) -> str:
    p = {
        k: v if not isinstance(v, list) else ", ".join(map(str, v)) for k, v in error.params.items()
    }
    count = error.params.get("count")
    n = count if isinstance(count, int) else 0  # the number the plural form agrees with
    messages = {
        "conflict": lambda: _(
            "Someone else changed this at the same time. Reload the page and try again."
        ),
        "draw_already_released": lambda: _(
            "The draw of round %(round)s is already released; it cannot be changed or released again.",
            **p,
        ),
        "previous_round_open": lambda: _(
            "Round %(round)s is not closed yet: confirm its results and close it first.", **p
        ),
        "previous_round_unfinished": lambda: _(
            "Round %(round)s still has debates without a confirmed result.", **p
        ),
        "too_many_teams": lambda: _(
            "%(count)s teams are present; a draw can be made for at most %(max)s. Split the field"
            " into divisions or separate tournaments.",
            **p,
        ),
        "too_few_teams": lambda: ngettext(
            "There is only %(count)s team present: a draw needs two.",
            "There are only %(count)s teams present: a draw needs two.",
            n,
            **p,
        ),
        "four_team_break_size": lambda: ngettext(
            "%(count)s team would break in %(category)s: a four-team break needs 4, 8, 16, 32…"
            " teams, or 6, 12, 24, 48… (the top third then skip the first elimination round).",
            "%(count)s teams would break in %(category)s: a four-team break needs 4, 8, 16, 32…"
            " teams, or 6, 12, 24, 48… (the top third then skip the first elimination round).",
            n,
            **p,
        ),
        "four_team_field": lambda: ngettext(
            "%(count)s team is present: a four-team draw needs a multiple of four. Add swing"
            " teams or mark teams absent.",
            "%(count)s teams are present: a four-team draw needs a multiple of four. Add swing"
            " teams or mark teams absent.",
            n,
            **p,
        ),
        "no_swing_needed": lambda: _(
            "The field already makes whole rooms of four: no swing team is needed."
        ),
        "too_many_swing_speakers": lambda: _(
            "%(count)s names for %(places)s places in the swing teams.", **p
        ),
        "swap_sides_four_teams": lambda: _(
            "In a four-team room, change positions by swapping two teams."
        ),
        "no_break": lambda: _("Generate the break before drawing an elimination round."),
        "allocate_needs_draft": lambda: _(
            "Judges and rooms can be allocated only to a drawn round that is not released yet."
        ),
        "draw_not_released": lambda: _("The draw of round %(round)s is not released.", **p),
        "release_has_ballots": lambda: _(
            "Ballots have already arrived for round %(round)s, so its draw stays released.", **p
        ),
        "draw_not_editable": lambda: _("The draw of round %(round)s can no longer be edited.", **p),
        "debate_has_ballots": lambda: _(
            "A judge has already sent a ballot for this debate, so its teams and panel stay as"
            " they are. Its room can still be changed."
        ),
        "team_not_in_draw": lambda: _("Choose two different teams of this draw."),
        "team_unknown": lambda: _("That team is not part of this tournament."),
        "team_already_in_draw": lambda: _("%(team)s is already on this draw.", **p),
        "late_team_elimination": lambda: _(
            "A late team cannot join an elimination round: only the teams that broke debate."
        ),
        "late_team_four_teams": lambda: _(
            "A four-team room needs four teams: mark the late team present and draw the round"
            " again (withdraw the release first if no ballot has arrived)."
        ),
        "debate_not_in_round": lambda: _("That debate is not part of this round."),
        "adjudicator_unknown": lambda: _("That adjudicator is not part of this tournament."),
        "venue_unknown": lambda: _("That room is not part of this tournament."),
        "bad_role": lambda: _("Unknown panel role."),
        "no_draw": lambda: _("Generate the draw first."),
        "round_not_released": lambda: _("Release the draw before closing the round."),
        "results_missing": lambda: ngettext(
            "%(count)s debate of round %(round)s has no confirmed result yet.",
            "%(count)s debates of round %(round)s have no confirmed result yet.",
            n,
            **p,
        ),
        "round_not_closed": lambda: _("Close the round before releasing its results."),
        "results_already_released": lambda: _("The results of this round are already released."),
        "prelims_not_finished": lambda: _(
            "The break needs every preliminary round closed (still open: %(rounds)s).", **p
        ),
        "break_already_used": lambda: _(
            "An elimination round is already drawn: the break can no longer be changed."
        ),
        "break_tied": lambda: _(
            "Teams are tied at the break line of %(category)s: record a coin toss first.", **p
        ),
        "no_final": lambda: _("This championship has no national final yet."),
        "qualifiers_unfinished": lambda: _(
            "These qualifiers have preliminary rounds still open: %(tournaments)s.", **p
        ),
        "qualification_tied": lambda: _(
            "Teams are tied at a qualification cut: record a coin toss first."
        ),
        "name_taken": lambda: _("A championship with this name already exists."),
        "bad_slug": lambda: _(
            "The short address may use only small Latin letters, digits and hyphens."
        ),
        "slug_taken": lambda: _("Another tournament already uses this short address."),
        "tournament_name_taken": lambda: _(
            "This championship already has a tournament named %(detail)s.", **p
        ),
        "archive_unreadable": lambda: _(
            "This file is not a readable Debate Tabulation Archive (%(detail)s). Nothing was"
            " imported.",
            **p,
        ),
        "archive_style": lambda: _(
            "The archive's format (%(detail)s) is not one Tourney plays. Nothing was imported.",
            **p,
        ),
        "archive_name": lambda: _(
            "A name in the archive is empty or longer than 200 characters (%(detail)s). Nothing"
            " was imported.",
            **p,
        ),
        "archive_value": lambda: _(
            "The archive holds a value out of range or not a number (%(detail)s). Nothing was"
            " imported.",
            **p,
        ),
        "archive_reference": lambda: _(
            "The archive refers to something it does not contain (%(detail)s). Nothing was"
            " imported.",
            **p,
        ),
        "archive_sides": lambda: _(
            "A debate in the archive has the wrong number of teams for its format (%(detail)s)."
            " Nothing was imported.",
            **p,
        ),
        "archive_speeches": lambda: _(
            "A team in the archive has more speeches than its format allows (%(detail)s). Nothing"
            " was imported.",
            **p,
        ),
        "archive_result": lambda: _(
            "The ballots of debate %(detail)s in the archive do not decide it under this format."
            " Nothing was imported.",
            **p,
        ),
        "unknown_format": lambda: _("Unknown debate format."),
        "format_locked": lambda: _(
            "Ballots are already stored in this tournament, so its format (speeches, speakers"
            " per team, score ranges) can no longer change: the stored ballots depend on it."
        ),
        "format_room_size_locked": lambda: _(
            "A round is already drawn with another number of teams per room, so the format"
            " cannot change to this one."
        ),
        "elimination_scores_locked": lambda: _(
            "An elimination round already has ballots, so whether its ballots carry speaker"
            " scores can no longer change: the stored ballots and results were made that way."
        ),
        "score_ranges_locked": lambda: _(
            "Ballots are already stored in this tournament, so its score ranges can no longer"
            " change: the stored ballots were checked against them."
        ),
        "break_saved": lambda: _(
            "The break is saved and its elimination rounds follow round %(rounds)s, so the number"
            " of preliminary rounds can no longer change.",
            **p,
        ),
        "round_in_use": lambda: _(
            "Round %(round)s is already drawn, so the number of rounds cannot go below it.", **p
        ),
        "bad_score_range": lambda: _(
            "The lowest score must be below the highest, and the step must fit between them."
        ),
        "score_not_storable": lambda: ngettext(
            "Scores run from 0 to %(max)s, with at most %(num)s decimal place.",
            "Scores run from 0 to %(max)s, with at most %(num)s decimal places.",
            n,
            max=p["max"],
        ),
        "unknown_round": lambda: _("There is no round %(round)s.", **p),
        "bad_subject": lambda: _("Unknown kind of check-in."),
        "bad_panel_size": lambda: _("A panel has 1, 3, 5, 7 or 9 voting judges."),
        "not_in_tournament": lambda: _(
            "Nothing was changed: this does not belong to this tournament. Reload the page."
        ),
        "attendance_list_unknown": lambda: (
            _("Nothing was changed: no one here is called %(names)s.", names=p["unknown"])
            if p["unknown"]
            else _(
                "Nothing was changed: %(names)s could mean several; use the full name or the"
                " team code.",
                names=p["ambiguous"],
            )
        ),
        "attendance_list_empty": lambda: _("Paste the names of who is here, one per line."),
        "already_promoted": lambda: _("Every qualifier is already in the final."),
        "already_declined": lambda: _("This team has already declined."),
        "team_has_debated": lambda: _(
            "%(team)s has already debated in the final and cannot be removed.", **p
        ),
    }
    make = messages.get(error.code)
    return make() if make else _("The request was refused (%(code)s).", code=error.code)


def release_warning(code: str, params: dict[str, Any]) -> str:
    """What is missing before a draw goes public (``draws.release_checks``)."""
    count = int(params.get("count", 0))
    messages = {
        "no_motion": lambda: _("There is no motion yet."),
        "not_allocated": lambda: _("Judges and rooms have not been allocated."),
        "debates_without_chair": lambda: _("Debates without a chair: %(count)s.", count=count),
        "debates_without_room": lambda: _("Debates without a room: %(count)s.", count=count),
    }
    make = messages.get(code)
    return make() if make else code
