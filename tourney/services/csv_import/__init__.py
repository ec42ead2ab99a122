"""CSV import of institutions, teams with speakers, adjudicators with conflicts, and rooms.

All or nothing: every row is read and judged by the same rules as the manual forms
(``participants.review``) before anything is written; one bad cell refuses the whole file with
``InvalidInput`` listing every problem by row and column. A good file is saved in one
transaction with one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tourney.extensions import db
from tourney.models import Tournament, User
from tourney.services import audit, participants
from tourney.services.csv_import.columns import KINDS, LANGUAGES, Kind
from tourney.services.csv_import.reading import Table, decode, read_table
from tourney.services.csv_import.rows import CONVERTERS, Cells, Lookup
from tourney.services.formats import format_for
from tourney.services.participants import InvalidInput, Problem, Roster
from tourney.services.transaction import transaction
from tourney.text import clean_text

__all__ = ["KINDS", "ImportReport", "InvalidInput", "Problem", "import_file", "template"]


@dataclass(frozen=True)
class ImportReport:
    kind: str
    created: int
    warnings: list[Problem]


@dataclass
class _Layout:
    """Where each known column is in the file, and the header as the organiser wrote it."""

    positions: dict[str, int]
    headers: dict[str, str]

    def where(self, problem: Problem) -> Problem:
        if problem.column == "speakers":
            speaker_columns = [h for k, h in self.headers.items() if k.startswith("speaker_")]
            return replace(problem, column=", ".join(speaker_columns))
        return replace(problem, column=self.headers.get(problem.column, problem.column))


def template(kind: str, language: str, tournament: Tournament) -> bytes:
    """The blank CSV for ``kind``: headers in ``language`` and an example row."""
    speakers = format_for(tournament).speakers_per_team
    return KINDS[kind].template(language if language in LANGUAGES else "en", speakers)


def import_file(
    tournament: Tournament, kind: str, raw: bytes, user: User | None, *, filename: str = ""
) -> ImportReport:
    """Import one file of ``kind`` ("institutions", "teams", "adjudicators", "rooms").

    Raises ``InvalidInput`` (nothing written) or ``Conflict`` (someone saved a clashing name
    at the same moment).
    """
    if kind not in KINDS:
        raise InvalidInput([Problem("unknown_kind", params={"kind": kind})])
    spec = KINDS[kind]
    roster = Roster(tournament)
    table = read_table(decode(raw), lambda header: _known_columns(spec, header))
    layout, problems, warnings = _layout(spec, table.header, roster.speakers_per_team)
    if problems:
        raise InvalidInput(problems)
    records = _records(spec, table, layout, roster, problems, warnings)
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: p.row or 0))
    with transaction():
        db.session.add_all(participants.build(roster, data) for data in records)
        audit.record(
            tournament.id,
            "participants.import",
            user=user,
            kind=kind,
            rows=len(records),
            filename=filename[:200],
        )
    return ImportReport(kind, len(records), warnings)


def _known_columns(spec: Kind, header: list[str]) -> int:
    return sum(1 for cell in header if spec.match(cell))


def _layout(
    spec: Kind, header: list[str], speakers: int
) -> tuple[_Layout, list[Problem], list[Problem]]:
    layout = _Layout({}, {})
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for position, text in enumerate(header):
        written = clean_text(text)
        key = spec.match(written)
        if not written:
            continue
        if key is None:
            warnings.append(Problem("unknown_column", written, 1))
        elif key in layout.positions:
            problems.append(Problem("duplicate_column", written, 1))
        else:
            layout.positions[key] = position
            layout.headers[key] = written
    for key in spec.required(speakers):
        if key not in layout.positions:
            problems.append(
                Problem("missing_column", row=1, params={"expected": spec.expected_headers(key)})
            )
    return layout, problems, warnings


def _records(
    spec: Kind,
    table: Table,
    layout: _Layout,
    roster: Roster,
    problems: list[Problem],
    warnings: list[Problem],
) -> list[participants.Data]:
    """Every row converted and reviewed; problems and warnings are appended as found."""
    lookup = Lookup(roster)
    records = []
    for row, cells in table.rows:
        values = {key: cells[i] for key, i in layout.positions.items() if i < len(cells)}
        row_cells = Cells(values, row, roster)
        if any(cell.strip() for i, cell in enumerate(cells) if i >= len(table.header)):
            row_cells.refuse("extra_cells", "", count=len(cells), expected=len(table.header))
        data = CONVERTERS[spec.name](row_cells, lookup)
        data, found, cautions = participants.review(roster, data, row=row)
        problems.extend(layout.where(p) for p in (*row_cells.problems, *found))
        warnings.extend(layout.where(w) for w in cautions)
        records.append(data)
    return records
