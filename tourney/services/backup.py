"""A whole championship as one JSON file, and back into an empty database.

The file is deterministic: every table of the championship (and the global ones it refers to:
regions, tab-room accounts, the audit log) in a fixed order, rows ordered by primary key, keys
sorted, values in one canonical text form whatever the database. Ids are kept, because the target
database is empty; exporting the restored database gives the same bytes again (but for a
certificate logo, which a restore stores under a new generated name).

The certificate logos travel in the file too (``logos``: stored name → base64 of the file), since
the database keeps only their names. A restore checks each logo's bytes exactly as an upload is
checked (``documents.logo``) and stores it under a new name; a logo whose bytes are missing (a file
written before logos travelled) or refused is dropped, with a note in the restore's report, and
everything else is restored.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Select, Table, false, func, or_, select, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from tourney.documents import logo
from tourney.extensions import db
from tourney.models import Adjudicator, Championship, Institution, Team, Venue
from tourney.models.participants import CLASH_SEPARATOR
from tourney.scoring.results import upgrade_stored
from tourney.services import backup_check
from tourney.services.backup_check import BackupError
from tourney.text import name_key

__all__ = ["BackupError", "Restored", "dumps", "export_championship", "import_championship"]

FORMAT = "tourney-championship"
VERSION = 1
GLOBAL_TABLES = ("region", "user")
# Who is logged in now, documents being made: no part of a championship, never exported.
SERVER_ONLY = ("login_session", "document_job")
NAME_KEYED = {model.__tablename__ for model in (Institution, Team, Adjudicator, Venue)}


def _tables() -> dict[str, Table]:
    return {t.name: t for t in db.metadata.sorted_tables}


def _ids(table: Table, where) -> Select:
    return select(table.c.id).where(where)


def _filters(championship_id: int) -> dict[str, Callable[[dict[str, Table]], Any]]:
    """For each table, the rows that belong to the championship (a WHERE clause)."""

    def tournaments(t):
        return _ids(t["tournament"], t["tournament"].c.championship_id == championship_id)

    def in_tournaments(name):
        return lambda t: t[name].c.tournament_id.in_(tournaments(t))

    def under(name, column, parent):
        return lambda t: t[name].c[column].in_(_ids(t[parent], filters[parent](t)))

    filters: dict[str, Callable[[dict[str, Table]], Any]] = {
        "region": lambda t: true(),
        "user": lambda t: true(),
        "login_session": lambda t: false(),  # SERVER_ONLY: never exported
        "document_job": lambda t: false(),
        "championship": lambda t: t["championship"].c.id == championship_id,
        "institution": lambda t: t["institution"].c.championship_id == championship_id,
        "tournament": lambda t: t["tournament"].c.championship_id == championship_id,
        "qualification": lambda t: t["qualification"].c.championship_id == championship_id,
        "audit_event": lambda t: or_(
            t["audit_event"].c.tournament_id.is_(None),
            t["audit_event"].c.tournament_id.in_(tournaments(t)),
        ),
    }
    for name in (
        "adjudicator",
        "break_category",
        "division",
        "venue",
        "round",
        "team",
        "schedule_item",
        "feedback_question",
    ):
        filters[name] = in_tournaments(name)
    filters["speaker"] = under("speaker", "team_id", "team")
    filters["adjudicator_institution_conflict"] = under(
        "adjudicator_institution_conflict", "adjudicator_id", "adjudicator"
    )
    filters["adjudicator_team_conflict"] = under(
        "adjudicator_team_conflict", "adjudicator_id", "adjudicator"
    )
    filters["break_eligibility"] = under("break_eligibility", "break_category_id", "break_category")
    filters["breaking_team"] = under("breaking_team", "break_category_id", "break_category")
    for name in ("bye", "debate", "motion", "round_absence", "debate_adjudicator", "debate_team"):
        filters[name] = under(name, "round_id", "round")
    filters["ballot"] = under("ballot", "debate_id", "debate")
    filters["feedback"] = under("feedback", "round_id", "round")
    filters["debate_result"] = under("debate_result", "debate_id", "debate")
    filters["speaker_score"] = under("speaker_score", "ballot_id", "ballot")
    return filters


def covered_tables() -> set[str]:
    """The tables a backup covers (a test checks this is every table of the model)."""
    return set(_filters(0))


# --------------------------------------------------------------------------- export


def _dump_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        text_ = format(value.normalize(), "f")
        return "0" if text_ in ("-0", "") else text_
    return value


def export_championship(championship: Championship) -> dict[str, Any]:
    """Every row of the championship, table by table (parents first)."""
    tables = _tables()
    filters = _filters(championship.id)
    missing = set(tables) - set(filters)
    if missing:  # a new table nobody decided about: refuse rather than lose it silently
        raise BackupError("tables_not_covered", tables=", ".join(sorted(missing)))
    data: dict[str, list[dict[str, Any]]] = {}
    for name, table in tables.items():
        if name in SERVER_ONLY:
            continue
        order = list(table.primary_key.columns)
        rows = db.session.execute(select(table).where(filters[name](tables)).order_by(*order))
        data[name] = [{k: _dump_value(v) for k, v in row._mapping.items()} for row in rows]
    championship_tables = {k: v for k, v in data.items() if k not in GLOBAL_TABLES}
    return {
        "format": FORMAT,
        "version": VERSION,
        "championship": championship.name,
        "tables": championship_tables,
        "global": {name: data[name] for name in GLOBAL_TABLES},
        "logos": _export_logos(data["tournament"]),
    }


def _logo_name(tournament_row: dict[str, Any]) -> str:
    settings = tournament_row.get("settings")
    options = settings.get("certificates", {}) if isinstance(settings, dict) else {}
    name = options.get("logo", "") if isinstance(options, dict) else ""
    return name if isinstance(name, str) else ""


def _export_logos(tournament_rows: list[dict[str, Any]]) -> dict[str, str]:
    """The bytes of each tournament's stored logo file, by its name (a missing file is left out,
    and the restore will say the logo was not in the file)."""
    logos = {}
    for row in tournament_rows:
        name = _logo_name(row)
        path = logo.folder() / name
        if logo.is_stored_name(name) and path.is_file() and path.stat().st_size <= logo.MAX_BYTES:
            logos[name] = base64.b64encode(path.read_bytes()).decode("ascii")
    return logos


def dumps(document: dict[str, Any]) -> str:
    """The canonical text of a backup: sorted keys, one stable layout."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- import


def _load_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    kind_of = getattr(column.type, "impl_instance", column.type)  # see through TypeDecorators
    try:
        kind = kind_of.python_type
    except NotImplementedError:
        return value
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    return value


def _upgraded(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row from a file written before a stored shape changed, in today's shape."""
    if table == "debate_result" and isinstance(row.get("decision"), dict):
        return {**row, "decision": upgrade_stored(row["decision"])}
    if table in NAME_KEYED and isinstance(row.get("name"), str):
        # The key follows the name whatever the file says, except an older duplicate's key
        # that revision 0011 set apart.
        key = name_key(row["name"])
        if row.get("name_key") != f"{key}{CLASH_SEPARATOR}{row.get('id')}":
            return {**row, "name_key": key}
    return row


def _is_empty(conn: Connection, tables: dict[str, Table]) -> bool:
    return all(
        conn.execute(select(func.count()).select_from(t)).scalar_one() == 0 for t in tables.values()
    )


# Why a logo was not restored, by LogoRefused code (the operator reads these in the shell).
_LOGO_PROBLEMS = {
    "missing": "the file holds no logo for it (a backup made before logos were included, "
    "or the logo file was already missing when it was made)",
    "not_base64": "its bytes in the file are not base64",
    "too_large": "the logo is larger than 2 MB",
    "too_many_pixels": "the logo has too many pixels",
    "trailing_data": "the logo file carries other data after the picture",
    "not_an_image": "the logo is not a PNG or JPEG image",
    "damaged": "the logo is damaged",
}


@dataclass(frozen=True)
class Restored:
    """What a restore wrote (rows by table) and what it had to leave out, in plain words."""

    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


def _logo_bytes(logos: Any, name: str) -> bytes:
    """The bytes the file carries for a logo name; raises LogoRefused with the reason."""
    encoded = logos.get(name) if isinstance(logos, dict) else None
    if encoded is None:
        raise logo.LogoRefused("missing")
    if not isinstance(encoded, str):
        raise logo.LogoRefused("not_base64")
    if len(encoded) > 4 * -(-logo.MAX_BYTES // 3):  # refused before decoding
        raise logo.LogoRefused("too_large")
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise logo.LogoRefused("not_base64") from error


Rows = list[dict[str, Any]]


def _restore_logos(
    document: dict[str, Any], rows: Rows, written: list[Path]
) -> tuple[Rows, list[str]]:
    """Each tournament's logo checked like an upload and stored under a new name (added to
    ``written``): the tournament rows with their settings rewritten, and a note per logo dropped."""
    restored: Rows = []
    notes: list[str] = []
    for row in rows:
        name = _logo_name(row)
        if not name:
            restored.append(row)
            continue
        try:
            stored = logo.store(row["id"], _logo_bytes(document.get("logos"), name))
        except logo.LogoRefused as refused:
            stored = ""
            notes.append(
                f"Tournament {row.get('name')!r} (id {row['id']}): logo not restored: "
                f"{_LOGO_PROBLEMS[refused.code]}. Upload it again on its Documents page."
            )
        except OSError as error:
            raise BackupError("logo_write", f"cannot write a logo file: {error}") from error
        if stored:
            written.append(logo.folder() / stored)
        settings = row["settings"]
        certificates = {**settings["certificates"], "logo": stored}
        restored.append({**row, "settings": {**settings, "certificates": certificates}})
    return restored, notes


def import_championship(document: Any, *, keep_accounts: bool = False) -> Restored:
    """Restore an exported championship into an empty database, in one transaction.

    The whole file is checked first (``backup_check``); nothing is written unless every row
    passes. The file's tab-room accounts are restored switched off unless ``keep_accounts``: a
    file from elsewhere must not bring a login with it (``tourney create-admin`` adds one).
    Logo files written for the restore are removed again if the database refuses it.
    """
    tables = _tables()
    restorable = {name: t for name, t in tables.items() if name not in SERVER_ONLY}
    rows_by_table = backup_check.check(document, restorable, GLOBAL_TABLES, FORMAT, VERSION)
    if not keep_accounts:
        rows_by_table["user"] = [{**row, "active": False} for row in rows_by_table.get("user", [])]
    db.session.remove()
    counts: dict[str, int] = {}
    written: list[Path] = []
    notes: list[str] = []
    restored = False
    try:
        with db.engine.begin() as conn:
            if not _is_empty(conn, tables):
                raise BackupError("database_not_empty", "the database is not empty")
            rows_by_table["tournament"], notes = _restore_logos(
                document, rows_by_table.get("tournament", []), written
            )
            for name, table in tables.items():
                rows = [
                    _upgraded(
                        name, {key: _load_value(table.c[key], value) for key, value in row.items()}
                    )
                    for row in rows_by_table.get(name, [])
                ]
                if rows:
                    conn.execute(table.insert(), rows)
                counts[name] = len(rows)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn, tables)
        restored = True
    except (SQLAlchemyError, ValueError, TypeError, KeyError) as error:
        # A rule the checks above do not repeat (a CHECK or UNIQUE constraint): nothing was kept.
        reason = str(getattr(error, "orig", error)).splitlines()[0][:300]
        raise BackupError("backup_rejected", f"the database refused the file: {reason}") from error
    finally:
        if not restored:  # nothing of a refused restore stays behind, not even a logo file
            for path in written:
                path.unlink(missing_ok=True)
    return Restored(counts, notes)


def _reset_sequences(conn: Connection, tables: dict[str, Table]) -> None:
    """New rows after a restore get fresh ids: move each id sequence past the restored rows."""
    for name, table in tables.items():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        quoted = f'"{name}"'
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {quoted}), 0) + 1, false)"
            ),
            {"table": quoted},
        )
