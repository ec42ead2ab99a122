"""Every route of the app with the access it was given, and concrete URLs to request it.

``ACCESS`` is the decision table: a route missing from it fails the permission matrix, so
nobody adds a page without deciding who may open it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from flask import Flask
from werkzeug.routing import Rule

PUBLIC = "public"  # anyone: shows only what the organisers released
STAFF = "staff"  # any tab-room account (ballot clerk, tab director, admin)
DIRECTOR = "director"  # tab director and admin; a ballot clerk gets 403
ADMIN = "admin"  # admin only
JUDGE = "judge"  # the private link: the token is the key, no account
TEAM = "team"  # a team's private link: the token is the key, no account

ACCESS: dict[str, str] = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.set_language": PUBLIC,
    "auth.logout": STAFF,
    "public.home": PUBLIC,
    "public.favicon": PUBLIC,
    "public.tournament": PUBLIC,
    "public.bracket": PUBLIC,
    "public.bracket_image": PUBLIC,
    "public.draw": PUBLIC,
    "public.projector": PUBLIC,
    "public.schedule": PUBLIC,
    "public.speakers": PUBLIC,
    "public.standings": PUBLIC,
    "public.team": PUBLIC,
    "public.teams": PUBLIC,
    "public.results": PUBLIC,
    "public.motions": PUBLIC,
    "api.openapi": PUBLIC,
    "api.tournaments": PUBLIC,
    "api.tournament": PUBLIC,
    "api.bracket": PUBLIC,
    "api.rounds": PUBLIC,
    "api.draw": PUBLIC,
    "api.speakers": PUBLIC,
    "api.standings": PUBLIC,
    "api.teams": PUBLIC,
    "api.results": PUBLIC,
    "api.motions": PUBLIC,
    "api.team": PUBLIC,
    "judge.ballot": JUDGE,
    "judge.submit": JUDGE,
    "judge.csrf": JUDGE,
    "judge.live": JUDGE,
    "judge.service_worker": PUBLIC,  # the offline shell's script: no data in it
    "admin.add_swing_teams": DIRECTOR,
    "admin.ballot_rules": DIRECTOR,
    "admin.confirm_ready": STAFF,
    "admin.presence_group": DIRECTOR,
    "admin.presence_list": DIRECTOR,
    "judge.feedback_page": JUDGE,  # feedback the judge gives; never feedback about them
    "judge.feedback_submit": JUDGE,
    "team.page": TEAM,
    "team.csrf": TEAM,
    "team.submit": TEAM,
    "admin.dashboard": STAFF,
    "admin.tournament": STAFF,
    "admin.round_page": STAFF,
    "admin.standings_page": STAFF,
    "admin.break_page": STAFF,
    "admin.promotion": STAFF,
    "admin.schedule": STAFF,
    "admin.results_desk": STAFF,
    "admin.results_debate": STAFF,
    "admin.results_confirm": STAFF,
    "admin.results_retract": DIRECTOR,  # a clerk alone never withdraws a public result
    "admin.results_paper": STAFF,
    "admin.teams": STAFF,
    "admin.adjudicators": STAFF,
    "admin.institutions": STAFF,
    "admin.rooms": STAFF,
    "admin.export_csv": STAFF,
    "admin.export_archive_xml": DIRECTOR,
    "admin.import_tabbycat": DIRECTOR,
    "admin.import_archive_xml": DIRECTOR,
    "admin.documents": STAFF,
    "admin.ballots_pdf": DIRECTOR,  # judges' private links as QR codes
    "admin.draw_by_room_pdf": STAFF,
    "admin.draw_by_team_pdf": STAFF,
    "admin.allocation_pdf": STAFF,
    "admin.certificates_pdf": STAFF,
    "admin.tab_booklet_pdf": STAFF,
    "admin.document_job": STAFF,  # and only the user who asked for it (else 404)
    "admin.document_job_file": STAFF,
    "admin.judge_cards_pdf": DIRECTOR,  # every judge's private link, like the link page
    "admin.certificate_options": DIRECTOR,
    "admin.new_championship": DIRECTOR,
    "admin.tournament_settings": DIRECTOR,
    "admin.score_range": DIRECTOR,
    "admin.move_schedule_item": DIRECTOR,
    "admin.delete_schedule_item": DIRECTOR,
    "admin.generate": DIRECTOR,
    "admin.allocate": DIRECTOR,
    "admin.release": DIRECTOR,
    "admin.withdraw_release": DIRECTOR,
    "admin.close": DIRECTOR,
    "admin.publish": DIRECTOR,
    "admin.motion": DIRECTOR,
    "admin.swap_teams": DIRECTOR,
    "admin.late_team": DIRECTOR,
    "admin.panel_size": DIRECTOR,
    "admin.swap_sides": DIRECTOR,
    "admin.move_judge": DIRECTOR,
    "admin.set_room": DIRECTOR,
    "admin.presence": DIRECTOR,
    "admin.generate_break": DIRECTOR,
    "admin.confirm_promotion": DIRECTOR,
    "admin.decline_promotion": DIRECTOR,
    "admin.audit_log": DIRECTOR,
    "admin.judge_link": DIRECTOR,
    "admin.judge_link_change": DIRECTOR,
    "admin.import_participants": DIRECTOR,
    "admin.import_template": DIRECTOR,
    # Feedback: who still owes it and paper entry for the desk; its content for directors only.
    "admin.feedback_progress": STAFF,
    "admin.feedback_paper": STAFF,
    "admin.feedback_forms_pdf": STAFF,  # blank forms, no private link
    "admin.feedback_judges": DIRECTOR,
    "admin.feedback_judge": DIRECTOR,
    "admin.feedback_csv": DIRECTOR,
    "admin.feedback_questions": DIRECTOR,
    "admin.feedback_question_edit": DIRECTOR,
    "admin.feedback_question_remove": DIRECTOR,
    "admin.ratings_page": DIRECTOR,
    "admin.private_links": DIRECTOR,  # every judge's and team's private link
    "admin.private_links_csv": DIRECTOR,
    "admin.issue_links": DIRECTOR,
    "admin.team_link_page": DIRECTOR,
    "admin.team_cards_pdf": DIRECTOR,  # every team's private link
    "admin.team_link_change": DIRECTOR,
    **{
        f"admin.{kind}_{action}": DIRECTOR
        for kind in ("team", "adjudicator", "institution", "venue")
        for action in ("new", "edit", "remove")
    },
}

PARAMETER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str
    url: str


def targets(app: Flask, values: dict[str, object]) -> Iterator[Target]:
    """One request per rule and method, with ``values`` filled into the path."""
    rules: list[Rule] = sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule))
    for rule in rules:
        url = PARAMETER.sub(lambda m: str(values[m.group(1)]), rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield Target(rule.endpoint, method, url)


def undecided(app: Flask) -> list[str]:
    return sorted({r.endpoint for r in app.url_map.iter_rules()} - set(ACCESS))
