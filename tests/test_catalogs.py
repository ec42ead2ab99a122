"""Every message of the Tajik and Russian catalogs is translated, none fuzzy, none missing."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent.parent / "tourney" / "translations"


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", ["tg", "ru"])
def test_catalog_is_complete(language: str) -> None:
    template = _catalog(CATALOGS / "messages.pot")
    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if translated is None:
            problems.append(f"missing: {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif (
            not all(translated.string)
            if isinstance(translated.string, tuple)
            else not translated.string
        ):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)


def test_template_is_current() -> None:
    """The .pot lists every string the code and templates mark for translation."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = CATALOGS.parent.parent
    method_map, options_map = parse_mapping_cfg((root / "babel.cfg").open())
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    template = {
        m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(CATALOGS / "messages.pot")
    }
    missing = sorted(found - template - {""})
    assert not missing, f"run `make extract` and translate: {missing}"


@pytest.mark.parametrize("language", ["tg", "ru"])
def test_translations_keep_every_placeholder(language: str) -> None:
    """A translation that drops or renames %(name)s would crash or mislead at run time."""
    import re

    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po")
    placeholder = re.compile(r"%\(\w+\)s")
    wrong = [
        message.id
        for message in catalog
        if message.id
        and sorted(placeholder.findall(message.id)) != sorted(placeholder.findall(message.string))
    ]
    assert not wrong, wrong
