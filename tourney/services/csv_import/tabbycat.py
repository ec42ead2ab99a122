"""Tabbycat's CSV folder (the files of its ``importtournament`` command) into a tournament.

Files, by name: ``institutions.csv`` (name, code, abbreviation, region), ``speakers.csv`` (one
row per speaker: name, institution, team_name, use_institution_prefix, …), ``adjudicators.csv``
or ``judges.csv`` (name, institution, test_score, institution_conflicts, team_conflicts,
trainee, …) and ``venues.csv`` (name, priority, category). What Tourney has no place for
(gender, e-mail, adjudicator–adjudicator conflicts, venue categories, other files) is listed as
a warning, never silently dropped.

All or nothing: the files are created in order (institutions, teams, judges, rooms) in one
transaction, each step reading what the one before flushed; any refused row rolls all back.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from tourney.extensions import db
from tourney.models import Tournament, User
from tourney.services import audit, participants
from tourney.services.csv_import.columns import region_key
from tourney.services.csv_import.reading import Table, decode, read_table
from tourney.services.csv_import.rows import Cells, Lookup
from tourney.services.participants import (
    NO_PRIORITY,
    AdjudicatorData,
    Data,
    InstitutionData,
    InvalidInput,
    Problem,
    Roster,
    TeamData,
    VenueData,
)
from tourney.services.transaction import transaction
from tourney.text import clean_text, name_key

# File name → what it holds; the order is the order of creation.
FILES = {
    "institutions.csv": "institutions",
    "speakers.csv": "speakers",
    "adjudicators.csv": "adjudicators",
    "judges.csv": "adjudicators",
    "venues.csv": "venues",
}
ORDER = ("institutions", "speakers", "adjudicators", "venues")
# Columns Tourney reads; every other column of a file is reported as ignored.
MAPPED = {
    "institutions": ("name", "code", "region"),
    "speakers": ("name", "institution", "team_name", "use_institution_prefix"),
    "adjudicators": (
        "name",
        "institution",
        "test_score",
        "institution_conflicts",
        "team_conflicts",
        "trainee",
    ),
    "venues": ("name", "priority"),
}
REQUIRED = {
    "institutions": ("name",),
    "speakers": ("name", "team_name"),
    "adjudicators": ("name",),
    "venues": ("name",),
}
_TRUE = {"1", "true", "yes", "y"}
MAX_ZIP_FILES = 20
MAX_FILE_BYTES = 2 * 1024 * 1024  # one CSV, uncompressed


@dataclass
class TabbycatReport:
    created: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _refuse(code: str, **params: object) -> InvalidInput:
    return InvalidInput([Problem(code, params=params)])


def read_zip(raw: bytes) -> dict[str, bytes]:
    """The CSV files of a .zip by lower-case base name; refuses unsafe or oversized members."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, ValueError) as error:
        raise _refuse("tabbycat_bad_zip") from error
    if len(members) > MAX_ZIP_FILES:
        raise _refuse("tabbycat_zip_too_many", max=MAX_ZIP_FILES)
    files: dict[str, bytes] = {}
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise _refuse("tabbycat_unsafe_path", name=info.filename[:100])
        if "__MACOSX" in path.parts or path.name.startswith("."):
            continue
        if info.file_size > MAX_FILE_BYTES:
            raise _refuse("tabbycat_file_too_big", name=path.name, max=MAX_FILE_BYTES // 1024)
        try:
            with archive.open(info) as member:
                data = member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError) as error:  # encrypted, corrupt
            raise _refuse("tabbycat_bad_zip") from error
        if len(data) > MAX_FILE_BYTES:  # the header lied about the size
            raise _refuse("tabbycat_file_too_big", name=path.name, max=MAX_FILE_BYTES // 1024)
        files[path.name.lower()] = data
    return files


def import_folder(
    tournament: Tournament, files: dict[str, bytes], user: User | None
) -> TabbycatReport:
    """Import Tabbycat's files (base name → bytes). Raises ``InvalidInput``, nothing written."""
    report = TabbycatReport()
    tables: dict[str, tuple[str, Table]] = {}
    for name, raw in sorted(files.items()):
        kind = FILES.get(name.lower())
        if kind is None or kind in tables:
            report.warnings.append(Problem("tabbycat_file_ignored", name))
            continue
        tables[kind] = (name, _read(name, kind, raw, report.warnings))
    if not tables:
        raise _refuse("tabbycat_no_files", names=", ".join(n for n in FILES if n != "judges.csv"))
    problems: list[Problem] = []
    with transaction():
        for kind in ORDER:
            if kind in tables:
                name, table = tables[kind]
                roster = Roster(tournament)
                records = _STEPS[kind](table, roster, Lookup(roster), _Out(name, problems, report))
                db.session.add_all(participants.build(roster, data) for data in records)
                db.session.flush()
                report.created[kind] = len(records)
        if problems:
            raise InvalidInput(problems)
        audit.record(
            tournament.id,
            "participants.import_tabbycat",
            user=user,
            rows=sum(report.created.values()),
            filename=", ".join(name for name, _table in tables.values())[:200],
        )
    return report


def _read(name: str, kind: str, raw: bytes, warnings: list[Problem]) -> Table:
    try:
        table = read_table(decode(raw), lambda header: sum(_key(h) in MAPPED[kind] for h in header))
    except InvalidInput as refused:
        raise InvalidInput([_in(name, p) for p in refused.problems]) from refused
    keys = [_key(cell) for cell in table.header]
    missing = [column for column in REQUIRED[kind] if column not in keys]
    if missing:
        raise InvalidInput(
            [Problem("missing_column", name, 1, {"expected": column}) for column in missing]
        )
    for cell in table.header:
        if cell.strip() and _key(cell) not in MAPPED[kind]:
            warnings.append(Problem("tabbycat_column_ignored", f"{name}: {clean_text(cell)}", 1))
    return table


def _in(name: str, problem: Problem) -> Problem:
    column = f"{name}: {problem.column}" if problem.column else name
    return Problem(problem.code, column, problem.row, problem.params)


def _key(header: str) -> str:
    return clean_text(header).casefold().replace(" ", "_")


@dataclass
class _Out:
    """Where a step's problems and warnings go, with the file's name in the column."""

    name: str
    problems: list[Problem]
    report: TabbycatReport

    def add(self, found: list[Problem], cautions: list[Problem] = ()) -> None:
        self.problems.extend(_in(self.name, p) for p in found)
        self.report.warnings.extend(_in(self.name, p) for p in cautions)


def _rows(table: Table, roster: Roster) -> list[Cells]:
    keys = [_key(cell) for cell in table.header]
    return [
        Cells({k: v for k, v in zip(keys, cells, strict=False) if k}, row, roster)
        for row, cells in table.rows
    ]


def _yes(cells: Cells, key: str) -> bool:
    return name_key(cells.text(key)) in _TRUE


def _reviewed(roster: Roster, data: Data, row: int, out: _Out) -> Data:
    cleaned, found, cautions = participants.review(roster, data, row=row)
    out.add(found, cautions)
    return cleaned


def _institutions(table: Table, roster: Roster, lookup: Lookup, out: _Out) -> list[Data]:
    """Institutions belong to the championship: one another stage already has is used as it is."""
    stored = {name_key(institution.name) for institution in roster.institutions}
    records = []
    for cells in _rows(table, roster):
        if name_key(cells.text("name")) in stored:
            value = clean_text(cells.text("name"))
            out.add([], [Problem("tabbycat_institution_kept", "name", cells.row, {"value": value})])
            continue
        region = clean_text(cells.text("region"))
        region_id = None
        if region:
            found = lookup.regions.get(region_key(region), [])
            if len(found) == 1:
                region_id = found[0].id
            else:
                out.add(
                    [], [Problem("tabbycat_region_ignored", "region", cells.row, {"value": region})]
                )
        data = InstitutionData(cells.text("name"), cells.text("code"), region_id)
        records.append(_reviewed(roster, data, cells.row, out))
        out.add(cells.problems)
    return records


def _teams(table: Table, roster: Roster, lookup: Lookup, out: _Out) -> list[Data]:
    """One team per (institution, team_name), its speakers in the file's order."""
    groups: dict[tuple[str, str], list[Cells]] = {}
    for cells in _rows(table, roster):
        key = (name_key(cells.text("institution")), name_key(cells.text("team_name")))
        groups.setdefault(key, []).append(cells)
    records = []
    for rows in groups.values():
        first = rows[0]
        institution_id = first.reference("institution", lookup.institutions, "unknown_institution")
        name = clean_text(first.text("team_name"))
        if _yes(first, "use_institution_prefix") and institution_id is not None:
            institution = next(i for i in roster.institutions if i.id == institution_id)
            name = f"{institution.short_name or institution.name} {name}"
        data = TeamData(name, [cells.text("name") for cells in rows], institution_id=institution_id)
        records.append(_reviewed(roster, data, first.row, out))
        out.add(first.problems)
    return records


def _adjudicators(table: Table, roster: Roster, lookup: Lookup, out: _Out) -> list[Data]:
    records = []
    for cells in _rows(table, roster):
        data = AdjudicatorData(
            cells.text("name"),
            institution_id=cells.reference(
                "institution", lookup.institutions, "unknown_institution"
            ),
            rating=cells.decimal("test_score", Decimal(5)),
            role="trainee" if _yes(cells, "trainee") else "any",
            team_conflicts=_names(cells, "team_conflicts", lookup.teams, "unknown_team"),
            institution_conflicts=_names(
                cells, "institution_conflicts", lookup.institutions, "unknown_institution"
            ),
        )
        records.append(_reviewed(roster, data, cells.row, out))
        out.add(cells.problems)
    return records


def _names(cells: Cells, key: str, index: dict, unknown: str) -> list[int]:
    """The ids a comma-separated Tabbycat cell names ("Yale 2, Hybrid Team")."""
    ids = []
    for part in filter(None, (clean_text(p) for p in cells.text(key).split(","))):
        found = Cells({key: part}, cells.row, cells.roster)
        entity_id = found.reference(key, index, unknown)
        cells.problems.extend(found.problems)
        if entity_id is not None:
            ids.append(entity_id)
    return ids


def _venues(table: Table, roster: Roster, lookup: Lookup, out: _Out) -> list[Data]:
    """Tabbycat's priority is "higher is better" on any scale; Tourney's is a rank, 1 = best."""
    rows = _rows(table, roster)
    numbers = [cells.integer("priority", -1) for cells in rows]
    ranks = {value: rank for rank, value in enumerate(sorted(set(numbers) - {-1}, reverse=True), 1)}
    records = []
    for cells, number in zip(rows, numbers, strict=True):
        data = VenueData(cells.text("name"), priority=ranks.get(number, NO_PRIORITY))
        records.append(_reviewed(roster, data, cells.row, out))
        out.add(cells.problems)
    return records


_STEPS: dict[str, Callable[[Table, Roster, Lookup, _Out], list[Data]]] = {
    "institutions": _institutions,
    "speakers": _teams,
    "adjudicators": _adjudicators,
    "venues": _venues,
}
