"""Search keys for names typed in Tajik, Russian or Latin letters (pure; no Flask, no database).

A key folds case, the legacy look-alike letters found in real Tajik text (ѓ for ғ, ў for ӯ, ќ for
қ; DOMAIN §5.2), Cyrillic into Latin, and the usual spelling variants of both, so "Хуҷанд",
"Худжанд" and "Khujand" share a key and a query matches whichever alphabet a name was typed in.
Keys are for matching only; names are always shown as stored.
"""

from __future__ import annotations

import re
import unicodedata

LOOK_ALIKES = str.maketrans({"ѓ": "ғ", "ў": "ӯ", "ќ": "қ", "ҕ": "ғ", "ӂ": "ҷ"})

CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ғ": "gh",
        "д": "d",
        "е": "e",
        "ё": "yo",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "ӣ": "i",
        "і": "i",
        "й": "y",
        "к": "k",
        "қ": "q",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ӯ": "u",
        "ф": "f",
        "х": "kh",
        "ҳ": "h",
        "ц": "ts",
        "ч": "ch",
        "ҷ": "j",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)

# Spelling variants of one sound, reduced to one letter (applied in this order).
LATIN_VARIANTS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("gh", "g"),
    ("q", "k"),
    ("y", "i"),
    ("w", "v"),
)
REPEATED = re.compile(r"(.)\1+")
SEPARATORS = re.compile(r"[^0-9a-z]+")


def search_key(text: str) -> str:
    """The folded form of ``text``: lower-case Latin words separated by single spaces."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(LOOK_ALIKES)
    latin = folded.translate(CYRILLIC_TO_LATIN)
    decomposed = unicodedata.normalize("NFKD", latin).casefold()  # № → no, ō → o
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for variant, letter in LATIN_VARIANTS:
        plain = plain.replace(variant, letter)
    words = SEPARATORS.sub(" ", REPEATED.sub(r"\1", plain))
    return " ".join(words.split())


def matches(query: str, *names: str) -> bool:
    """Every word of ``query`` occurs in one of ``names`` (an empty query matches everything)."""
    haystack = " | ".join(search_key(name) for name in names)
    return all(word in haystack for word in search_key(query).split())
