"""One CSV row's cells → a participant record, with names of regions, institutions and teams
resolved against what the tournament holds. Problems name the column key; the caller places
them at the file's header."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from tourney.services.csv_import.columns import (
    NO,
    REGION_NAMES,
    ROLE_HINTS,
    ROLES,
    YES,
    region_key,
)
from tourney.services.participants import (
    NO_PRIORITY,
    AdjudicatorData,
    Data,
    InstitutionData,
    Problem,
    Roster,
    TeamData,
    VenueData,
)
from tourney.text import clean_text, name_key

_WORDS_YES = {name_key(word) for word in YES}
_WORDS_NO = {name_key(word) for word in NO}
_ROLE_WORDS = {name_key(word): role for role, words in ROLES.items() for word in words}
_INTEGER = re.compile(r"[0-9]{1,6}")
_DECIMAL = re.compile(r"[0-9]{1,3}([.,][0-9]{1,6})?")


def _index(
    entities: Iterable[Any], *attrs: str, key: Callable[[str], str] = name_key
) -> dict[str, list[Any]]:
    index: dict[str, list[Any]] = {}
    for entity in entities:
        for word in {key(getattr(entity, attr)) for attr in attrs} - {""}:
            index.setdefault(word, []).append(entity)
    return index


def _region_index(regions: Iterable[Any]) -> dict[str, list[Any]]:
    """Regions by code, stored labels and the usual names (``REGION_NAMES``)."""
    index = _index(regions, "code", "name_en", "name_ru", "name_tg", key=region_key)
    for region in regions:
        for name in REGION_NAMES.get(region.code, ()):
            found = index.setdefault(region_key(name), [])
            if region not in found:
                found.append(region)
    return index


class Cells:
    """A row's values by column key, converted on request; problems are collected."""

    def __init__(self, values: dict[str, str], row: int, roster: Roster) -> None:
        self.values, self.row, self.roster = values, row, roster
        self.problems: list[Problem] = []

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def refuse(self, code: str, key: str, **params: Any) -> None:
        self.problems.append(Problem(code, key, self.row, params))

    def flag(self, key: str, default: bool) -> bool:
        word = name_key(self.text(key))
        if not word:
            return default
        if word in _WORDS_YES or word in _WORDS_NO:
            return word in _WORDS_YES
        self.refuse("bad_yes_no", key, value=self.text(key))
        return default

    def integer(self, key: str, default: int) -> int:
        value = clean_text(self.text(key))
        if not value:
            return default
        if _INTEGER.fullmatch(value):
            return int(value)
        self.refuse("bad_number", key, value=value)
        return default

    def decimal(self, key: str, default: Decimal) -> Decimal:
        value = clean_text(self.text(key))
        if not value:
            return default
        if _DECIMAL.fullmatch(value):
            return Decimal(value.replace(",", "."))
        self.refuse("bad_number", key, value=value)
        return default

    def choice(self, key: str, words: dict[str, str], default: str, accepted: str) -> str:
        """The value a cell word stands for; ``accepted`` lists the words for the message."""
        word = name_key(self.text(key))
        if not word:
            return default
        if word in words:
            return words[word]
        self.refuse("unknown_value", key, value=self.text(key), accepted=accepted)
        return default

    def reference(
        self,
        key: str,
        index: dict[str, list[Any]],
        unknown: str,
        keyed: Callable[[str], str] = name_key,
    ) -> int | None:
        """The id of the one entity the cell names; a problem if none or several do."""
        value = clean_text(self.text(key))
        if not value:
            return None
        found = index.get(keyed(value), [])
        if len(found) == 1:
            return found[0].id
        self.refuse(unknown if not found else "ambiguous", key, value=value)
        return None


class Lookup:
    """Names a cell may use for regions, institutions, divisions and teams."""

    def __init__(self, roster: Roster) -> None:
        self.regions = _region_index(roster.regions)
        self.institutions = _index(roster.institutions, "name", "short_name")
        self.divisions = _index(roster.divisions, "name")
        self.teams = _index(roster.teams, "code", "name")

    def conflicts(self, cells: Cells, key: str) -> tuple[list[int], list[int]]:
        """Teams and institutions named in a ``|``-separated cell.

        A part that names nothing but contains commas is read as a comma-separated list, so
        "RA-01, RA-02" works while "Литсейи Ҳукумати ВМКБ, ш. Хоруғ" stays one institution.
        """
        teams: list[int] = []
        institutions: list[int] = []
        for part in filter(None, (clean_text(p) for p in cells.text(key).split("|"))):
            targets = [self._target(part)]
            if targets[0] is None and "," in part:
                pieces = [self._target(clean_text(p)) for p in part.split(",") if p.strip()]
                targets = pieces if all(pieces) else targets
            for target in targets:
                if target is None:
                    cells.refuse("unknown_conflict", key, value=part)
                elif target == "ambiguous":
                    cells.refuse("ambiguous", key, value=part)
                else:
                    (teams if target[0] == "team" else institutions).append(target[1])
        return teams, institutions

    def _target(self, name: str) -> tuple[str, int] | str | None:
        key = name_key(name)
        found = [("team", t.id) for t in self.teams.get(key, [])] + [
            ("institution", i.id) for i in self.institutions.get(key, [])
        ]
        if len(found) > 1:
            return "ambiguous"
        return found[0] if found else None


def _institution(cells: Cells, lookup: Lookup) -> InstitutionData:
    return InstitutionData(
        name=cells.text("name"),
        short_name=cells.text("short_name"),
        region_id=cells.reference("region", lookup.regions, "unknown_region", region_key),
    )


def _team(cells: Cells, lookup: Lookup) -> TeamData:
    numbers = [int(k.removeprefix("speaker_")) for k in cells.values if k.startswith("speaker_")]
    return TeamData(
        name=cells.text("name"),
        speakers=[cells.text(f"speaker_{n}") for n in range(1, max(numbers, default=0) + 1)],
        code=cells.text("code"),
        institution_id=cells.reference("institution", lookup.institutions, "unknown_institution"),
        division_id=cells.reference("division", lookup.divisions, "unknown_division"),
        needs_access=cells.flag("needs_access", default=False),
        category=cells.text("category"),
    )


def _adjudicator(cells: Cells, lookup: Lookup) -> AdjudicatorData:
    data = AdjudicatorData(
        name=cells.text("name"),
        institution_id=cells.reference("institution", lookup.institutions, "unknown_institution"),
        region_id=cells.reference("region", lookup.regions, "unknown_region", region_key),
        rating=cells.decimal("rating", Decimal(5)),
        role=cells.choice("role", _ROLE_WORDS, "any", ", ".join(ROLE_HINTS)),
        needs_access=cells.flag("needs_access", default=False),
    )
    data.team_conflicts, data.institution_conflicts = lookup.conflicts(cells, "conflicts")
    return data


def _venue(cells: Cells, lookup: Lookup) -> VenueData:
    return VenueData(
        name=cells.text("name"),
        building=cells.text("building"),
        priority=cells.integer("priority", NO_PRIORITY),
        accessible=cells.flag("accessible", default=True),
    )


CONVERTERS: dict[str, Callable[[Cells, Lookup], Data]] = {
    "institutions": _institution,
    "teams": _team,
    "adjudicators": _adjudicator,
    "rooms": _venue,
}
