"""The duplicate check reads every legacy look-alike letter the search reads (tourney.text)."""

from __future__ import annotations

import pytest

from tests.integration.participants.test_manual import loaded  # noqa: F401
from tourney.services import participants
from tourney.services.participants import InvalidInput, TeamData


@pytest.mark.parametrize("name", ["Ваҳдат «Бурӂ»", "ВАҲДАТ «БУРӁ»"])
def test_a_name_with_a_look_alike_of_an_existing_name_is_a_duplicate(loaded, name) -> None:  # noqa: F811
    tournament, user = loaded
    with pytest.raises(InvalidInput) as refused:
        participants.add(
            tournament, TeamData(name=name, code="RA-99", speakers=["А", "Б", "В"]), user
        )
    assert ("name", "duplicate") in [(p.column, p.code) for p in refused.value.problems]
