"""Counts agree with their noun in every language: "1 team" in English, "2 команды" and
"5 команд" in Russian (ngettext with the catalogs' plural forms)."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

from tourney.services.errors import ServiceError
from tourney.web.admin.messages import service_message
from tourney.web.admin.reasons import describe


def _refusal(code: str, **params: object) -> str:
    return service_message(ServiceError(code, **params))


def test_service_messages_agree_with_their_count(app) -> None:
    with app.test_request_context():
        with force_locale("en"):
            assert _refusal("too_few_teams", count=1).startswith("There is only 1 team present")
            assert "1 debate of round 2 has" in _refusal("results_missing", count=1, round=2)
        with force_locale("ru"):
            two = _refusal("four_team_field", count=2)
            five = _refusal("four_team_field", count=5)
            twenty_one = _refusal("four_team_field", count=21)
            assert "2 команды" in two and "5 команд" in five and "21 команда" in twenty_one


def test_draw_reasons_and_page_counts_agree(app) -> None:
    def name(kind: str, key: object) -> str:
        return str(key)

    with app.test_request_context():
        with force_locale("en"):
            once = describe("rematch", {"times": 1}, name)
            assert once == "Rematch: these teams have met 1 time."
        with force_locale("ru"):
            assert "встречались 2 раза" in describe("rematch", {"times": 2}, name)
            page = render_template_string(
                "{{ ngettext('Tied at the break line for %(slots)s place:',"
                " 'Tied at the break line for %(slots)s places:', n, slots=n) }}",
                n=2,
            )
            assert "2 места" in page
