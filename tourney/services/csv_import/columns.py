"""The columns of each CSV file: accepted headers (English, Russian, Tajik) and the templates.

Headers are part of the file format, so their words in the three languages are data here rather
than catalog entries: a file written from a Russian template must import whatever the UI
language is. A header is compared case-blind, ignoring ``_``, ``*``, a trailing ``:`` and any
hint in parentheses ("Конфликты (через |)" reads as "конфликты").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from tourney.text import clean_text, name_key

LANGUAGES = ("en", "ru", "tg")
SPEAKER_WORDS = ("speaker", "спикер", "оратор", "участник", "суханвар", "суханвари", "нотиқ")
_NUMBERED = re.compile(r"^(?P<word>\D+?)\s*(?:№|#|no\.?)?\s*(?P<number>\d{1,2})$")
COMMENT = "#"
# Cell words: the first of each tuple is what the en/ru/tg templates show.
YES = ("yes", "да", "ҳа", "y", "true", "1", "+", "x", "д", "ҳ", "✓")
NO = ("no", "нет", "не", "n", "false", "0", "-", "н")
ROLES = {
    "any": ("any", "любая", "ҳар гуна", "любой", "ҳар"),
    "wing": ("wing", "боковой", "аъзо", "panellist", "panelist", "боковой судья", "аъзои ҳайат"),
    "trainee": ("trainee", "стажёр", "таҷрибаомӯз", "стажер"),
}
# Region names as people write them, beside the stored labels ("вилояти Хатлон"): the plain
# name, the adjective, abbreviations and ISO codes. Compared after ``region_key``.
REGION_NAMES = {
    "DU": ("Dushanbe", "Душанбе", "TJ-DU"),
    "SU": ("Sughd", "Sugd", "Sogd", "Суғд", "Согд", "Согдийская", "TJ-SU"),
    "KT": ("Khatlon", "Хатлон", "Хатлонская", "TJ-KT"),
    "GB": (
        "GBAO",
        "Badakhshan",
        "Gorno-Badakhshan",
        "ВМКБ",
        "Бадахшон",
        "Вилояти Мухтори Кӯҳистони Бадахшон",
        "ГБАО",
        "Горно-Бадахшанская автономная",
        "TJ-GB",
    ),
    "RA": (
        "Districts of Republican Subordination",
        "DRS",
        "НТҶ",
        "Ноҳияҳои тобеи ҷумҳурӣ",
        "РРП",
        "Районы республиканского подчинения",
        "TJ-RA",
        "TJ-RR",
    ),
}
_REGION_WORDS = frozenset(
    {"region", "city", "province", "вилояти", "вилоят", "шаҳри", "ш.", "область", "обл.", "г."}
    | {"город"}
)


def region_key(text: str) -> str:
    """A region name without "region", "вилояти", "г." and the like: "Khatlon region" → "khatlon"."""
    words = [w for w in name_key(text).replace(".", ". ").split() if w not in _REGION_WORDS]
    return " ".join(words)


@dataclass(frozen=True)
class Column:
    key: str
    labels: tuple[str, str, str]  # en, ru, tg: the template's header
    aliases: tuple[str, ...] = ()  # more accepted headers, any language
    hints: tuple[str, str, str] | None = None  # en, ru, tg: shown in parentheses
    example: str | tuple[str, str, str] = ""  # one value, or one per language
    required: bool = False

    def label(self, language: str) -> str:
        label = self.labels[LANGUAGES.index(language)]
        return label[:1].upper() + label[1:]

    def header(self, language: str) -> str:
        label = self.label(language)
        return f"{label} ({self.hints[LANGUAGES.index(language)]})" if self.hints else label

    def sample(self, language: str) -> str:
        if isinstance(self.example, str):
            return self.example
        return self.example[LANGUAGES.index(language)]

    def accepts(self, key: str) -> bool:
        return key in {header_key(word) for word in (*self.labels, *self.aliases)}


YES_NO_HINTS = (f"{YES[0]}/{NO[0]}", f"{YES[1]}/{NO[1]}", f"{YES[2]}/{NO[2]}")
ROLE_HINTS = tuple("/".join(words[index] for words in ROLES.values()) for index in range(3))
REGION_HINTS = (
    "DU/SU/KT/GB/RA or a name",
    "DU/SU/KT/GB/RA или название",
    "DU/SU/KT/GB/RA ё ном",
)
INSTITUTION = Column(
    "institution",
    ("institution", "учреждение", "муассиса"),
    ("school", "university", "учебное заведение", "школа", "вуз", "мактаб", "донишгоҳ"),
    example="Литсейи №1 ш. Ваҳдат",
)
REGION = Column(
    "region",
    ("region", "регион", "минтақа"),
    ("область", "вилоят"),
    REGION_HINTS,
    example="RA",
)
NEEDS_ACCESS = Column(
    "needs_access",
    ("needs step-free access", "нужна доступная среда", "дастрасии бе зина"),
    ("needs access", "access", "доступная среда", "дастрасӣ"),
    YES_NO_HINTS,
    example=NO[:3],
)


@dataclass(frozen=True)
class Kind:
    """One kind of file: institutions, teams, adjudicators or rooms."""

    name: str
    columns: tuple[Column, ...]
    numbered_speakers: bool = False
    speaker_examples: tuple[str, ...] = field(default=())

    def match(self, header: str) -> str | None:
        """The column key a header names, e.g. "Спикер 2" → "speaker_2"; None if unknown."""
        key = header_key(header)
        for column in self.columns:
            if column.accepts(key):
                return column.key
        numbered = _NUMBERED.match(key)
        if self.numbered_speakers and numbered and numbered["word"] in SPEAKER_WORDS:
            number = int(numbered["number"])
            return f"speaker_{number}" if number >= 1 else None
        return None

    def required(self, speakers: int) -> list[str]:
        keys = [column.key for column in self.columns if column.required]
        if self.numbered_speakers:
            keys += [f"speaker_{n}" for n in range(1, speakers + 1)]
        return keys

    def expected_headers(self, key: str) -> str:
        """All three template headers of a column, for "column missing" messages."""
        if key.startswith("speaker_"):
            number = key.removeprefix("speaker_")
            return " / ".join(f"{word} {number}" for word in ("Speaker", "Спикер", "Суханвар"))
        column = next(c for c in self.columns if c.key == key)
        return " / ".join(column.labels)

    def template(self, language: str, speakers: int) -> bytes:
        """A blank file to fill in: the header row and one example row that the import skips."""
        header = [column.header(language) for column in self.columns]
        example = [column.sample(language) for column in self.columns]
        if self.numbered_speakers:
            word = {"en": "Speaker", "ru": "Спикер", "tg": "Суханвар"}[language]
            header += [f"{word} {n}" for n in range(1, speakers + 1)]
            example += [
                self.speaker_examples[n % len(self.speaker_examples)] for n in range(speakers)
            ]
        example[0] = f"{COMMENT} {example[0]}"
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerows([header, example])
        return buffer.getvalue().encode("utf-8-sig")


def header_key(text: str) -> str:
    key = clean_text(text).casefold().split("(")[0]
    key = key.replace("_", " ").replace("*", "").strip(" :")
    return " ".join(key.split())


KINDS: dict[str, Kind] = {
    "institutions": Kind(
        "institutions",
        (
            Column(
                "name",
                ("name", "название", "ном"),
                ("institution", "наименование", "учреждение", "номи муассиса", "муассиса"),
                example="Литсейи №1 ш. Ваҳдат",
                required=True,
            ),
            Column(
                "short_name",
                ("short name", "краткое название", "номи кӯтоҳ"),
                ("short", "abbreviation", "сокращение", "аббревиатура", "ихтисора"),
                example="Литсей 1 Ваҳдат",
            ),
            REGION,
        ),
    ),
    "teams": Kind(
        "teams",
        (
            Column(
                "name",
                ("name", "название", "ном"),
                ("team", "team name", "команда", "название команды", "даста", "номи даста"),
                example="Ваҳдат «Ситора»",
                required=True,
            ),
            Column("code", ("code", "код", "рамз"), ("шифр",), example="RA-01"),
            INSTITUTION,
            Column(
                "division",
                ("division", "лига", "лига"),
                ("league", "дивизион", "шӯъба"),
            ),
            Column(
                "category",
                ("category", "категория", "категория"),
                ("тоифа", "speaker category"),
            ),
            NEEDS_ACCESS,
        ),
        numbered_speakers=True,
        speaker_examples=("Фирӯз Раҳимов", "Зарина Каримова", "Умед Назаров", "Мадина Саидова"),
    ),
    "adjudicators": Kind(
        "adjudicators",
        (
            Column(
                "name",
                ("name", "ФИО", "ному насаб"),
                ("full name", "judge", "adjudicator", "имя", "ф.и.о.", "судья", "ном", "довар"),
                example="Нилуфар Саидова",
                required=True,
            ),
            INSTITUTION,
            REGION,
            Column(
                "rating",
                ("rating", "рейтинг", "рейтинг"),
                ("оценка", "баҳо"),
                ("0–10", "0–10", "0–10"),
                example="7,5",
            ),
            Column(
                "role",
                ("role", "роль", "нақш"),
                hints=ROLE_HINTS,
                example=ROLES["any"][:3],
            ),
            NEEDS_ACCESS,
            Column(
                "conflicts",
                ("conflicts", "конфликты", "бархӯрди манфиатҳо"),
                ("conflict", "конфликт интересов", "отводы", "муноқишаҳо"),
                (
                    "teams or institutions, separated by |",
                    "команды или учреждения через |",
                    "дастаҳо ё муассисаҳо, бо | ҷудо",
                ),
                example="RA-02|Литсей 1 Ваҳдат",
            ),
        ),
    ),
    "rooms": Kind(
        "rooms",
        (
            Column(
                "name",
                ("name", "название", "ном"),
                ("room", "аудитория", "кабинет", "комната", "ҳуҷра", "синфхона"),
                example="Ҳуҷраи 101",
                required=True,
            ),
            Column(
                "building",
                ("building", "здание", "бино"),
                ("корпус", "address", "адрес", "суроға"),
                example="Бинои асосӣ",
            ),
            Column(
                "priority",
                ("priority", "приоритет", "афзалият"),
                hints=(
                    "1 = best, blank = none",
                    "1 = лучшая, пусто = без приоритета",
                    "1 = беҳтарин, холӣ = бе афзалият",
                ),
                example="1",
            ),
            Column(
                "accessible",
                ("step-free access", "доступная среда", "дастрасии бе зина"),
                ("accessible", "доступна", "доступность", "дастрас"),
                YES_NO_HINTS,
                example=YES[:3],
            ),
        ),
    ),
}
