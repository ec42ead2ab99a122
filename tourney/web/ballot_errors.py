"""Ballot and results-desk messages: engine error codes and service refusals, translated.

Messages are %-templates (``%(min)s``) over *display* params: the engine's raw params (side codes,
speaker and judge ids) are turned into names first. The judge's page ships the untranslated-param
templates to ballot.js, which fills the same params itself, so a message reads the same whether the
browser or the server found the problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from tourney.labels import position_label, side_label
from tourney.scoring import ERROR_CODES, BallotError, Format

MESSAGES = {
    # the scoring engine's ballot codes
    "side_missing": _l("This team's speeches are missing."),
    "side_unknown": _l("This side is not part of the format."),
    "position_missing": _l("This speech is missing."),
    "position_unknown": _l("Unknown speech: %(position)s."),
    "position_repeated": _l("This speech is entered twice."),
    "speaker_missing": _l("Choose who gave this speech."),
    "speaker_not_in_team": _l("%(speaker)s is not in the team on this side."),
    "speaker_repeated": _l("%(speaker)s already gave another speech."),
    "reply_speaker_ineligible": _l(
        "The reply must be given by the speaker of speech %(positions)s."
    ),
    "score_missing": _l("Enter a score."),
    "score_out_of_range": _l("The score must be between %(min)s and %(max)s."),
    "score_off_step": _l("The score must go in steps of %(step)s."),
    "total_mismatch": _l(
        "The total on the paper (%(declared)s) differs from the sum of the scores (%(computed)s)."
    ),
    "totals_tied": _l("The totals are tied at %(total)s; this format does not allow a tie."),
    "winner_missing": _l("Choose the winner."),
    "winner_unknown": _l("Choose the winner."),
    "low_point_win_forbidden": _l(
        "The winner has fewer points (%(total)s) than %(other_side)s (%(other_total)s); "
        "this format does not allow a low-point win."
    ),
    "low_point_win_unmarked": _l(
        "The winner has fewer points: confirm the low-point win or correct the scores."
    ),
    "low_point_win_flag_wrong": _l("The winner has more points: this is not a low-point win."),
    "ranks_missing": _l("Give every team a rank."),
    "rank_invalid": _l("A rank must be from 1 to %(max)s."),
    "ranks_not_distinct": _l("Rank %(rank)s is already given to %(other_side)s."),
    "unexpected_field": _l("This field does not belong on this ballot."),
    "advancing_count": _l("Teams to choose: %(expected)s; chosen: %(count)s."),
    # input the engine never sees
    "score_invalid": _l("Enter the score as a number, e.g. 25 or 25.5."),
    "comments_too_long": _l("The comments are too long. Character limit: %(max)s."),
    "consensus_chair_only": _l("In this tournament the chair submits one ballot for the panel."),
    # the engine's panel codes (results desk)
    "no_voting_ballot": _l("No voting judge has submitted a ballot."),
    "too_many_ballots": _l("Only one consensus ballot may count; ballots received: %(count)s."),
    "duplicate_judge": _l("%(judge)s has more than one ballot."),
    "several_chairs": _l("More than one ballot comes from a chair."),
    "no_chair_for_split": _l("The panel is split evenly and the chair's ballot is missing."),
    "no_decision": _l("The ballot of %(judge)s has no winner."),
    "speaker_mismatch": _l("The judges disagree about who gave this speech: %(speakers)s."),
}

REFUSALS = {
    "not_found": _l("This page does not exist."),
    "malformed": _l("The ballot could not be read. Reload the page and try again."),
    "key_invalid": _l("The ballot could not be read. Reload the page and try again."),
    "key_reused": _l(
        "This submission belongs to another ballot. Reload the page and submit again."
    ),
    "key_content_changed": _l(
        "This ballot differs from the one first sent under the same submission, so it was not"
        " stored. Go back to the ballot and send it again."
    ),
    "not_on_panel": _l("This judge is not on the panel of this debate."),
    "round_not_released": _l("The draw of this round has not been released."),
    "round_closed": _l(
        "This round is closed: ballots can no longer be submitted. Please go to the tab room."
    ),
    "conflict": _l("Someone else changed this at the same time. Reload the page and try again."),
    "draw_changed": _l(
        "The tab room changed the draw while this ballot was being sent, so it was not stored."
        " Reload the page, check the debate and send it again."
    ),
    "ballot_invalid": _l("Please correct the marked fields."),
    "already_confirmed": _l(
        "This debate already has a confirmed result: someone confirmed it a moment ago."
    ),
    "confirm_own_entry": _l(
        "You typed in a ballot of this debate, so another person must confirm the result."
    ),
    "ballots_changed": _l(
        "The ballots changed while you were looking at them. Check them again, then confirm."
    ),
    "no_ballots": _l("No ballot that counts has arrived for this debate yet."),
    "panel_invalid": _l("The ballots do not give a result yet."),
    "not_confirmed": _l("This result is not confirmed, so it cannot be retracted."),
    "paper_round_closed": _l(
        "This round is closed: a paper ballot can only be typed in after a tab director"
        " retracts the debate's result, which reopens the round."
    ),
    "retract_forbidden": _l("Only a tab director may retract a confirmed result."),
    "reason_required": _l("Give the reason for retracting this result: it goes to the audit log."),
    "later_round_drawn": _l(
        "Round %(round)s cannot be reopened: round %(later)s was already drawn from its results."
    ),
    "break_saved": _l(
        "Round %(round)s cannot be reopened: the break was already saved from its results."
    ),
}


@dataclass
class Names:
    """How to show the ids an error names: sides, speakers, judges."""

    fmt: Format
    speakers: Mapping[int, str] = field(default_factory=dict)
    judges: Mapping[int, str] = field(default_factory=dict)

    def display(self, params: Mapping[str, Any]) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        for key, value in params.items():
            if key in ("side", "other_side", "winner"):
                shown[key] = side_label(self.fmt, str(value))
            elif key == "speaker_id":
                shown["speaker"] = self.speakers.get(value, str(value))
            elif key == "speaker_ids":
                shown["speakers"] = ", ".join(self.speakers.get(v, str(v)) for v in value)
            elif key == "judge_id":
                shown["judge"] = self.judges.get(value, str(value))
            elif key == "allowed_positions":
                shown["positions"] = " / ".join(str(v) for v in value)
            elif key == "position":
                shown[key] = position_label(str(value))
            else:
                shown[key] = value
        return shown


def message(error: BallotError, names: Names) -> str:
    template = MESSAGES.get(str(error.code))
    if template is None:
        return str(error.code)
    shown = names.display(error.params)
    text = str(template) % _Lenient(shown)
    if error.code in ERROR_CODES and "judge" in shown:  # a panel problem on one judge's ballot
        return gettext("%(judge)s: %(problem)s", judge=shown["judge"], problem=text)
    return text


def by_field(errors: Iterable[BallotError], names: Names) -> dict[str, list[str]]:
    """Messages grouped by the form field they belong to (engine field names = input names)."""
    grouped: dict[str, list[str]] = {}
    for error in errors:
        grouped.setdefault(error.field, []).append(message(error, names))
    return grouped


def refusal(code: str, **params: Any) -> str:
    return str(REFUSALS.get(code, REFUSALS["conflict"])) % _Lenient(params)


def client_messages() -> dict[str, str]:
    """The templates ballot.js fills in itself, translated for the current language."""
    return {code: str(text) for code, text in MESSAGES.items()}


class _Lenient(dict):
    """A param the template names but the error lacks shows as "?" rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"
