"""The schema of a backup file, derived from the tables, checked before anything is written.

A backup may come from anywhere (a qualifier's laptop, a mail attachment), so ``tourney import``
treats it as hostile input: the file is read only up to ``MAX_FILE_BYTES``; numbers with more
digits than any column holds, NaN and infinities are refused while parsing (before Python builds a
huge integer); then every row of every table is checked against its columns: known columns only,
the type of each value, text within the column's length, integers within INTEGER, dates that
parse, JSON values of bounded size and depth, primary keys unique, and every reference pointing at
a row of the same file. The certificate options' logo may only be a generated logo name, never a
path (its bytes are checked when the restore stores them, like an upload: ``backup``). The first
problem found is reported by table, row and column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Numeric, String, Table, Text

from tourney.documents.logo import is_stored_name
from tourney.models._base import ID_MAX
from tourney.models.users import ROLES
from tourney.services.errors import ServiceError

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_TEXT = 20_000  # a motion with its info slide, a judge's comments
MAX_JSON_CHARS = 256 * 1024  # one stored decision, explanation or settings value
MAX_JSON_DEPTH = 32
_DIGITS = len(str(ID_MAX)) + 1


class BackupError(ServiceError):
    """The file cannot be restored here; ``str(error)`` says why in plain words."""

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        super().__init__(code, **params)
        self.message = message or code

    def __str__(self) -> str:
        return self.message


def _where(table: str, index: int, column: str) -> str:
    return f"table {table!r}, row {index + 1}, column {column!r}"


# --------------------------------------------------------------------------- reading


def _refuse_number(text: str) -> Any:
    raise BackupError("backup_number", f"the number {text[:20]}… is out of range")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _DIGITS:
        _refuse_number(text)
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 40:
        _refuse_number(text)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        _refuse_number(text)
    return value


def loads(text: str) -> Any:
    """Parse a backup's text, refusing what no column can hold before it takes memory."""
    if len(text) > MAX_FILE_BYTES:
        raise BackupError("backup_size", f"the file is larger than {MAX_FILE_BYTES >> 20} MB")
    try:
        return json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_number
        )
    except RecursionError as error:
        raise BackupError("backup_nesting", "the file nests values too deeply") from error
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        raise BackupError("backup_json", f"the file is not valid JSON ({error})") from error


def read(path: Path) -> Any:
    """Parse a backup file; a file over the limit is refused without being read."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BackupError("backup_size", f"the file is larger than {MAX_FILE_BYTES >> 20} MB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BackupError("backup_encoding", "the file is not UTF-8 text") from error
    return loads(text)


# --------------------------------------------------------------------------- values


def _depth_and_size(value: Any) -> tuple[int, int]:
    """How deeply a JSON value nests and its length as text, without recursion."""
    depth, size = 0, 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        depth = max(depth, level)
        if isinstance(item, dict):
            size += sum(len(str(k)) + 4 for k in item)
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
        size += len(item) + 2 if isinstance(item, str) else 4
        if depth > MAX_JSON_DEPTH or size > MAX_JSON_CHARS:
            break
    return depth, size


def _check_integer(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "expected a whole number"
    return None if -ID_MAX - 1 <= value <= ID_MAX else "the number is out of range"


def _check_text(limit: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return "expected text"
        return None if len(value) <= limit else f"text longer than {limit} characters"

    return check


def _check_boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def _check_decimal(column: Numeric) -> Callable[[Any], str | None]:
    whole = (column.precision or 12) - (column.scale or 0)

    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return "expected a number"
        try:
            number = Decimal(str(value)) if len(str(value)) <= 40 else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= Decimal(10) ** whole:
            return "expected a number within the column's range"
        return None

    return check


def _check_date(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 10:
        return "expected a date (YYYY-MM-DD)"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "expected a date (YYYY-MM-DD)"
    return None


def _check_timestamp(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return "expected a time stamp with its time zone"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return "expected a time stamp with its time zone"
    return None if parsed.tzinfo is not None else "expected a time stamp with its time zone"


def _check_json(value: Any) -> str | None:
    depth, size = _depth_and_size(value)
    if depth > MAX_JSON_DEPTH:
        return f"nested more than {MAX_JSON_DEPTH} levels deep"
    return None if size <= MAX_JSON_CHARS else f"a value longer than {MAX_JSON_CHARS} characters"


def _checker(column: Column) -> Callable[[Any], str | None]:
    kind = getattr(column.type, "impl_instance", column.type)  # see through TypeDecorators
    if isinstance(kind, Boolean):
        return _check_boolean
    if isinstance(kind, Integer):
        return _check_integer
    if isinstance(kind, Numeric):
        return _check_decimal(kind)
    if isinstance(kind, DateTime):
        return _check_timestamp
    if isinstance(kind, Date):
        return _check_date
    if isinstance(kind, Text):
        return _check_text(MAX_TEXT)
    if isinstance(kind, String):
        return _check_text(kind.length or MAX_TEXT)
    return _check_json


# --------------------------------------------------------------------------- rows

_CERTIFICATE_TEXT = 200


def _check_settings(settings: Any) -> str | None:
    """The certificate options inside a tournament's settings: plain values, a generated logo."""
    if not isinstance(settings, dict):
        return "expected an object"
    options = settings.get("certificates", {})
    if not isinstance(options, dict):
        return "certificates: expected an object"
    logo = options.get("logo", "")
    if not isinstance(logo, str) or (logo and not is_stored_name(logo)):
        return "certificates.logo: not a stored logo name"
    for key in ("layout", "place"):
        if not isinstance(options.get(key, ""), str) or len(options.get(key, "")) > 200:
            return f"certificates.{key}: expected text"
    if _check_integer(options.get("speaker_awards", 3)):
        return "certificates.speaker_awards: expected a whole number"
    signatories = options.get("signatories", [])
    if not isinstance(signatories, list) or not all(
        isinstance(s, dict)
        and all(
            isinstance(s.get(k, ""), str) and len(s.get(k, "")) <= 200 for k in ("name", "title")
        )
        for s in signatories
    ):
        return "certificates.signatories: expected a list of names and titles"
    judges = options.get("best_adjudicators", [])
    if not isinstance(judges, list) or any(_check_integer(j) for j in judges):
        return "certificates.best_adjudicators: expected a list of ids"
    awarded = options.get("awarded_on")
    if awarded is not None and _check_date(awarded):
        return "certificates.awarded_on: expected a date"
    return None


# Rules beyond the column types, by (table, column).
EXTRA_RULES: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("tournament", "settings"): _check_settings,
    ("user", "role"): lambda role: None if role in ROLES else f"unknown role {role!r}",
}


def _required(table: Table) -> set[str]:
    return {
        c.name
        for c in table.c
        if c.primary_key or (not c.nullable and c.default is None and c.server_default is None)
    }


def _check_rows(name: str, table: Table, rows: Any) -> None:
    if not isinstance(rows, list):
        raise BackupError("backup_shape", f"table {name!r}: expected a list of rows")
    checks = {c.name: (c, _checker(c), EXTRA_RULES.get((name, c.name))) for c in table.c}
    required = _required(table)
    keys: set[tuple[Any, ...]] = set()
    primary = [c.name for c in table.primary_key.columns]
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise BackupError(
                "backup_shape", f"table {name!r}, row {index + 1}: expected an object"
            )
        unknown = set(row) - set(checks)
        if unknown:
            column = sorted(unknown)[0][:60]
            raise BackupError("backup_column", f"{_where(name, index, column)}: unknown column")
        missing = required - set(row)
        if missing:
            column = sorted(missing)[0]
            raise BackupError("backup_column", f"{_where(name, index, column)}: missing")
        for key, value in row.items():
            column, check, extra = checks[key]
            if value is None:
                if not column.nullable:
                    raise BackupError("backup_value", f"{_where(name, index, key)}: empty")
                continue
            problem = check(value) or (extra(value) if extra else None)
            if problem:
                raise BackupError("backup_value", f"{_where(name, index, key)}: {problem}")
        key = tuple(row[c] for c in primary)
        if key in keys:
            raise BackupError("backup_duplicate", f"table {name!r}, row {index + 1}: repeated id")
        keys.add(key)


def _check_references(tables: dict[str, Table], rows_by_table: dict[str, list[dict]]) -> None:
    """Every foreign key names a row of the same file (the target database is empty)."""
    present: dict[tuple[str, str], set[Any]] = {}
    for name, table in tables.items():
        for column in table.c:
            for key in column.foreign_keys:
                target = (key.column.table.name, key.column.name)
                if target not in present:
                    present[target] = {r.get(target[1]) for r in rows_by_table.get(target[0], [])}
                for index, row in enumerate(rows_by_table.get(name, [])):
                    value = row.get(column.name)
                    if value is not None and value not in present[target]:
                        raise BackupError(
                            "backup_reference",
                            f"{_where(name, index, column.name)}: refers to {target[0]} {value}, "
                            "which is not in the file",
                        )


def check(
    document: Any,
    tables: dict[str, Table],
    global_tables: Iterable[str],
    file_format: str,
    version: int,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of a well-formed backup; raises BackupError on the first problem."""
    if not isinstance(document, dict) or document.get("format") != file_format:
        raise BackupError("backup_format", "this is not a Tourney championship file")
    found = document.get("version")
    if isinstance(found, bool) or found != version:
        raise BackupError("backup_version", f"file version {str(found)[:20]!r}, expected {version}")
    sections = {"tables": document.get("tables", {}), "global": document.get("global", {})}
    if not all(isinstance(s, dict) for s in sections.values()):
        raise BackupError("backup_shape", "'tables' and 'global' must be objects")
    global_tables = set(global_tables)
    misplaced = (set(sections["tables"]) & global_tables) | (
        set(sections["global"]) - global_tables
    )
    unknown = (set(sections["tables"]) | set(sections["global"])) - set(tables)
    if unknown or misplaced:
        listed = ", ".join(sorted(str(n)[:60] for n in unknown | misplaced))
        raise BackupError("backup_tables", f"unknown or misplaced tables: {listed}")
    rows_by_table = {**sections["tables"], **sections["global"]}
    for name, rows in rows_by_table.items():
        _check_rows(name, tables[name], rows)
    _check_references(tables, rows_by_table)
    return rows_by_table
