"""Text rules for names, in one place: cleaning, comparing, searching and sorting.

- ``clean_text``: how a name is stored (NFC, trimmed, one space between words).
- ``name_key``: when two names are the same name (duplicates, matching a CSV cell to a record):
  case folded, and the legacy look-alike letters of pre-Unicode Tajik fonts (ѓ for ғ, ў for ӯ,
  ќ for қ, ҕ for ғ, ӂ for ҷ; docs/domain.md, Tajik text) read as the Tajik letters they stand for.
- ``search_key``: what a search query matches: ``name_key``, then Cyrillic into Latin and the
  usual spelling variants of both, so "Хуҷанд", "Худжанд" and "Khujand" share a key; Е and Ё
  are one letter ("Алёна", "Алена", "Alyona" and "Alena" share a key); and a place known by
  several names (Russian, Tajik, old and new: "Куляб", "Кӯлоб", "Kulob", "Kulyab") reads as one
  of them (``PLACE_NAMES``), as a whole word only. Names equal under ``name_key`` are always
  equal under ``search_key``.
- ``matches``: every word of a query occurs in one of the names, by ``search_key`` or as spelled
  before place names are read as one (so a half-typed "Kurgan" still finds "Курган-Тюбе").
- ``sort_key``: alphabetical order on screens and on paper alike. Each Tajik letter comes right
  after its base letter (Ғ after Г, Ӣ after И, Қ after К, Ӯ after У, Ҳ after Х, Ҷ after Ч) and
  the Russian Ё after Е, as in the Tajik and Russian alphabets (code-point order would put them
  all after Я); numbers inside a name sort by value (Room 2 before Room 10).

Keys are for comparing only; names are always shown as stored. Pure: no Flask, no database.
"""

from __future__ import annotations

import re
import unicodedata

# Legacy letters (lower case: keys are case-folded first) and the Tajik letters they stand for.
LOOK_ALIKES = {"ѓ": "ғ", "ў": "ӯ", "ќ": "қ", "ҕ": "ғ", "ӂ": "ҷ"}
_LOOK_ALIKES = str.maketrans(LOOK_ALIKES)

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

# Spelling variants of one sound, reduced to one letter (applied in this order). Е and Ё are
# one letter: "yo" (ё, йо) and "ye" (е said after a vowel or at the start, "Yelena") read "e".
LATIN_VARIANTS = (
    ("yo", "e"),
    ("ye", "e"),
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

# Towns and districts with several names: each name's key (as the rest of ``search_key`` folds
# it) and the one key they all read as. Names whose keys already meet are not listed
# ("Хуҷанд", "Худжанд", "Khujand"; "Душанбе", "Dushanbe"; "Ҳисор", "Hisor").
PLACE_NAMES = {
    "kuliab": "kulob",  # Куляб, Kulyab = Кӯлоб, Kulob
    "horug": "horog",  # Хоруғ, Khorugh = Хорог, Khorog
    "hojent": "hujand",  # Ходжент (old Russian) = Хуҷанд, Khujand
    "leninabad": "hujand",  # Ленинабад (Soviet name)
    "kurgan tiube": "bohtar",  # Курган-Тюбе, Kurgan-Tyube = Бохтар, Bokhtar
    "kurgan tube": "bohtar",  # Kurgan-Tube
    "kurgantiube": "bohtar",
    "kurgontepa": "bohtar",  # Қӯрғонтеппа, Qurghonteppa, Kurgonteppa
    "kurgon tepa": "bohtar",
    "ura tiube": "istaravshan",  # Ура-Тюбе, Ura-Tyube = Истаравшан, Istaravshan
    "ura tube": "istaravshan",
    "urotepa": "istaravshan",  # Ӯротеппа, Uroteppa
    "tursunzade": "tursunzoda",  # Турсунзаде = Турсунзода, Tursunzoda
    "regar": "tursunzoda",  # Регар (old name)
    "penjikent": "panjakent",  # Пенджикент, Penjikent = Панҷакент, Panjakent
    "pendzhikent": "panjakent",
    "penjakent": "panjakent",
    "panjikent": "panjakent",
    "gisar": "hisor",  # Гиссар, Gissar = Ҳисор, Hisor
    "hisar": "hisor",  # Hissar
    "kanibadam": "konibodom",  # Канибадам = Конибодом, Konibodom
    "nurek": "norak",  # Нурек = Норак, Norak
    "iavan": "evon",  # Яван, Yavan = Ёвон, Yovon
    "kofarnihon": "vahdat",  # Кофарнихон (old name) = Ваҳдат, Vahdat
    "orjonikidzeabad": "vahdat",  # Орджоникидзеабад (Soviet name)
    "garm": "rasht",  # Гарм (old name) = Рашт, Rasht
    "murgab": "murgob",  # Мургаб = Мурғоб, Murghob
    "ishkashim": "ishkoshim",  # Ишкашим = Ишкошим, Ishkoshim
}
_PLACE_NAME = re.compile(r"\b(" + "|".join(sorted(PLACE_NAMES, key=len, reverse=True)) + r")\b")

# The letters that follow a base letter in the Tajik (and Russian) alphabet.
_AFTER_BASE = {"ғ": "г", "ӣ": "и", "қ": "к", "ӯ": "у", "ҳ": "х", "ҷ": "ч", "ё": "е"}
_NUMBER = re.compile(r"(\d+)")


def clean_text(value: str) -> str:
    """NFC, trimmed, every run of whitespace (incl. no-break spaces) made one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_key(value: str) -> str:
    """The key two names are compared on: case folded, look-alikes read as Tajik letters."""
    return clean_text(value).casefold().translate(_LOOK_ALIKES)


def lookalikes_in(value: str) -> list[str]:
    """The legacy look-alike letters a name contains (as typed)."""
    return sorted({ch for ch in value if ch.casefold() in LOOK_ALIKES})


def tajik_letter(lookalike: str) -> str:
    """The Tajik letter a look-alike stands for, in the same case: Ѓ → Ғ, ў → ӯ."""
    letter = LOOK_ALIKES[lookalike.casefold()]
    return letter.upper() if lookalike.isupper() else letter


def _spelling_key(text: str) -> str:
    """``search_key`` before place names are read as one: the spelling folded, words as typed."""
    latin = name_key(text).translate(CYRILLIC_TO_LATIN)
    decomposed = unicodedata.normalize("NFKD", latin).casefold()  # № → no, ō → o
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for variant, letter in LATIN_VARIANTS:
        plain = plain.replace(variant, letter)
    return " ".join(SEPARATORS.sub(" ", REPEATED.sub(r"\1", plain)).split())


def search_key(text: str) -> str:
    """The folded form of ``text``: lower-case Latin words separated by single spaces."""
    return _PLACE_NAME.sub(lambda found: PLACE_NAMES[found.group(1)], _spelling_key(text))


def matches(query: str, *names: str) -> bool:
    """Every word of ``query`` occurs in one of ``names`` (an empty query matches everything).

    Words are compared by ``search_key`` and also as spelled before place names are read as
    one, so a query still finds the part of a name it was typing ("Kurgan" finds
    "Курган-Тюбе") as well as the town's other names ("Бохтар")."""
    keys = [key for name in names for key in (search_key(name), _spelling_key(name))]
    haystack = " | ".join(keys)
    return any(
        all(word in haystack for word in key.split())
        for key in (search_key(query), _spelling_key(query))
    )


def sort_key(text: str) -> list[tuple[int, str, int]]:
    """Alphabetical order for names in Tajik, Russian or English; numbers in numeric order."""
    key = []
    for part in _NUMBER.split(name_key(text)):
        if part.isdigit():
            key.append((0, part.zfill(12), 0))
        else:
            key.extend((1, _AFTER_BASE.get(c, c), int(c in _AFTER_BASE)) for c in part)
    return key
