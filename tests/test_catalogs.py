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
    """A translation that drops or renames %(name)s would crash or mislead at run time.

    Each plural form keeps the placeholders of the English plural (the singular may say "one").
    """
    import re

    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po")
    placeholder = re.compile(r"%\(\w+\)s")
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(placeholder.findall(source))
        if any(sorted(placeholder.findall(form)) != expected for form in forms):
            wrong.append(message.id)
    assert not wrong, wrong


@pytest.mark.parametrize(("language", "forms"), [("tg", 2), ("ru", 3)])
def test_plural_entries_have_every_form(language: str, forms: int) -> None:
    """Russian needs three forms (1 место, 2 места, 5 мест), Tajik two (CLDR: one, other);
    every ngettext entry carries all of them, none empty."""
    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po")
    assert catalog.num_plurals == forms
    plurals = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert plurals, "no plural entries: counts must go through ngettext"
    incomplete = [
        m.id[0]
        for m in plurals
        if not isinstance(m.string, tuple) or len(m.string) != forms or not all(m.string)
    ]
    assert not incomplete, incomplete
    # The rule picks the right form: 1, 2, 5, 11, 21, 22 and 25 in Russian.
    if language == "ru":
        import gettext

        choose = gettext.c2py(catalog.plural_expr)
        assert [choose(n) for n in (1, 2, 5, 11, 21, 22, 25)] == [0, 1, 2, 2, 0, 1, 2]
