"""From uploaded bytes to a table of cells: encoding, separator, quoting, size limits.

Spreadsheets in Russian locales write ``;``-separated files; English ones write ``,``; "Unicode
text" is tab-separated UTF-16. The separator is the one under which the header row names the
most known columns. Anything that is not UTF-8 (or UTF-16 with its BOM) is refused: Windows-1251
has no Tajik letters, so decoding it would already have lost ғ ӣ қ ӯ ҳ ҷ.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from tourney.services.csv_import.columns import COMMENT
from tourney.services.participants import InvalidInput, Problem

# Rows per file: far more than any qualifier or final has, and imported well inside the worker
# timeout (bench/hostile_load.py measures it). The upload itself is capped by MAX_CONTENT_LENGTH.
MAX_ROWS = 2000
_SEP_LINE = re.compile(r"\A\s*sep=(?P<separator>[^\r\n])[ \t]*(\r\n|\r|\n)", re.IGNORECASE)
SEPARATORS = (";", ",", "\t")
_SPREADSHEET_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # xlsx/ods (zip), xls (OLE)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells); the header is row 1


def _refuse(code: str, row: int | None = None, **params: object) -> InvalidInput:
    return InvalidInput([Problem(code, row=row, params=params)])


def decode(raw: bytes) -> str:
    if raw.startswith(_SPREADSHEET_SIGNATURES):
        raise _refuse("spreadsheet_file")
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = raw.decode("utf-16")
        else:
            text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as error:
        if _looks_like_cp1251(raw):
            raise _refuse("encoding_cp1251") from error
        line = raw[: error.start].count(b"\n") + 1
        raise _refuse("encoding", line=line) from error
    if "\x00" in text:
        raise _refuse("binary_file")
    return text


_CP1251_PUNCTUATION = frozenset(b"\x85\x93\x94\x96\x97\xa0\xab\xb9\xbb")  # … “ ” – — « № »


def _looks_like_cp1251(raw: bytes) -> bool:
    """Windows-1251 Cyrillic text: its high bytes are letters (А–я at C0–FF, Ёё) or «»№–…"""
    high = [byte for byte in raw if byte >= 0x80]
    letters = sum(1 for byte in high if byte >= 0xC0 or byte in (0xA8, 0xB8))
    usual = letters + sum(1 for byte in high if byte in _CP1251_PUNCTUATION)
    return letters > 0 and usual >= 0.95 * len(high)


def read_table(text: str, known_columns: Callable[[list[str]], int]) -> Table:
    """Parse ``text`` with the separator under which the header names the most known columns.

    Excel may write a first line ``sep=;`` naming the separator; it decides, and is not a row
    (Excel does not show it, so the header stays row 1).
    """
    declared = _SEP_LINE.match(text)
    if declared:
        return _parse(text[declared.end() :], declared["separator"])
    best = max(SEPARATORS, key=lambda sep: known_columns(_first_record(text, sep)))
    return _parse(text, best)


def _first_record(text: str, separator: str) -> list[str]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return next((cells for cells in reader if _has_content(cells)), [])
    except csv.Error:
        return []


def _has_content(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _parse(text: str, separator: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, 1):
            if not _has_content(cells):
                continue
            if header is None:
                header = cells
            elif not cells[0].lstrip().startswith(COMMENT):
                if len(rows) == MAX_ROWS:
                    raise _refuse("too_many_rows", max=MAX_ROWS)
                rows.append((number, cells))
    except csv.Error as error:
        code = "cell_too_long" if "field limit" in str(error) else "broken_csv"
        raise _refuse(code, row=number + 1, line=reader.line_num) from error
    if header is None:
        raise _refuse("empty_file")
    if not rows:
        raise _refuse("no_rows")
    return Table(header, rows)
