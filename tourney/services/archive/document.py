"""A Debate Tabulation Archive (DebateXML, the `dta.xsd` schema) as plain data, and its XML.

Plain frozen dataclasses mirror the format's elements; `to_xml` writes them and `from_xml` reads
them back. Element ids are the format's own (xs:ID: unique in the whole file, so each kind has a
letter prefix). Reading refuses DTDs, entities and network access, so a hostile file can neither
expand nor fetch anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

MAX_BYTES = 32 * 1024 * 1024
"""Largest archive read; a national final is well under 1 MB."""


class ArchiveError(ValueError):
    """The file is not a readable archive; the message says why (English, for the log)."""


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    reference: str = ""


@dataclass(frozen=True)
class Category:
    """A break category or a speaker category (`priority` is used by break categories only)."""

    id: str
    name: str
    priority: int | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    score: int | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Motion:
    id: str
    text: str
    info_slide: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    institutions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    code: str = ""
    speakers: tuple[Speaker, ...] = ()
    break_eligibilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Adjudicator:
    id: str
    name: str
    score: str = "0"
    core: bool = False
    independent: bool = False
    institutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ballot:
    """One judgement: `value` is a score ("78.5"), or "true"/"false" for whether a team advanced."""

    adjudicators: tuple[str, ...]
    value: str
    rank: int | None = None
    minority: bool = False
    ignored: bool = False


@dataclass(frozen=True)
class Speech:
    speaker: str
    ballots: tuple[Ballot, ...]
    reply: bool = False


@dataclass(frozen=True)
class Side:
    team: str
    ballots: tuple[Ballot, ...] = ()
    speeches: tuple[Speech, ...] = ()
    forfeit: bool = False


@dataclass(frozen=True)
class Debate:
    id: str
    sides: tuple[Side, ...]
    venue: str | None = None
    motion: str | None = None
    chair: str | None = None
    adjudicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Round:
    name: str
    debates: tuple[Debate, ...] = ()
    elimination: bool = False
    break_category: str | None = None


@dataclass(frozen=True)
class Archive:
    name: str
    short: str = ""
    style: str = ""
    start_date: str | None = None
    rounds: tuple[Round, ...] = ()
    teams: tuple[Team, ...] = ()
    adjudicators: tuple[Adjudicator, ...] = ()
    institutions: tuple[Institution, ...] = ()
    motions: tuple[Motion, ...] = ()
    venues: tuple[Venue, ...] = ()
    break_categories: tuple[Category, ...] = ()
    speaker_categories: tuple[Category, ...] = field(default=())


# --- writing ---------------------------------------------------------------------------------


def _set(element: etree._Element, **attributes: object) -> etree._Element:
    """Set the attributes that have a value (None and empty lists are left out)."""
    for name, value in attributes.items():
        if value is None or value == () or value == "":
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, tuple):
            value = " ".join(value)
        element.set(name.replace("_", "-"), str(value))
    return element


def _ballot(parent: etree._Element, ballot: Ballot, team: bool) -> None:
    element = _set(
        etree.SubElement(parent, "ballot"), adjudicators=ballot.adjudicators, rank=ballot.rank
    )
    if team:
        _set(element, minority=ballot.minority or None, ignored=ballot.ignored or None)
    element.text = ballot.value


def to_xml(archive: Archive) -> bytes:
    """The archive as a UTF-8 XML document, elements in the schema's order."""
    root = _set(
        etree.Element("tournament"),
        name=archive.name,
        short=archive.short,
        style=archive.style,
        start_date=archive.start_date,
    )
    for round_ in archive.rounds:
        r = _set(
            etree.SubElement(root, "round"),
            name=round_.name,
            elimination=round_.elimination,
            break_category=round_.break_category,
        )
        for debate in round_.debates:
            d = _set(
                etree.SubElement(r, "debate"),
                id=debate.id,
                chair=debate.chair,
                venue=debate.venue,
                motion=debate.motion,
                adjudicators=debate.adjudicators,
            )
            for side in debate.sides:
                s = _set(etree.SubElement(d, "side"), team=side.team, forfeit=side.forfeit or None)
                for ballot in side.ballots:
                    _ballot(s, ballot, team=True)
                for speech in side.speeches:
                    sp = _set(
                        etree.SubElement(s, "speech"), speaker=speech.speaker, reply=speech.reply
                    )
                    for ballot in speech.ballots:
                        _ballot(sp, ballot, team=False)
    participants = etree.SubElement(root, "participants")
    for team in archive.teams:
        t = _set(
            etree.SubElement(participants, "team"),
            id=team.id,
            code=team.code,
            name=team.name,
            break_eligibilities=team.break_eligibilities,
        )
        for speaker in team.speakers:
            _set(
                etree.SubElement(t, "speaker"),
                id=speaker.id,
                institutions=speaker.institutions,
                categories=speaker.categories,
            ).text = speaker.name
    for adjudicator in archive.adjudicators:
        _set(
            etree.SubElement(participants, "adjudicator"),
            id=adjudicator.id,
            name=adjudicator.name,
            core=adjudicator.core,
            independent=adjudicator.independent,
            score=adjudicator.score,
            institutions=adjudicator.institutions,
        )
    for institution in archive.institutions:
        _set(
            etree.SubElement(root, "institution"),
            id=institution.id,
            reference=institution.reference,
        ).text = institution.name
    for motion in archive.motions:
        m = _set(etree.SubElement(root, "motion"), id=motion.id, reference=motion.reference)
        m.text = motion.text
        etree.SubElement(m, "info-slide").text = motion.info_slide
    for venue in archive.venues:
        _set(
            etree.SubElement(root, "venue"),
            id=venue.id,
            categories=venue.categories,
            score=venue.score,
        ).text = venue.name
    for category in archive.break_categories:
        _set(
            etree.SubElement(root, "break-category"), id=category.id, priority=category.priority
        ).text = category.name
    for category in archive.speaker_categories:
        _set(etree.SubElement(root, "speaker-category"), id=category.id).text = category.name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ---------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
    )


def _text(element: etree._Element) -> str:
    """The element's own text (not that of children such as a motion's info-slide)."""
    return (element.text or "").strip()


def _ids(element: etree._Element, name: str) -> tuple[str, ...]:
    return tuple((element.get(name) or "").split())


def _flag(element: etree._Element, name: str) -> bool:
    value = element.get(name, "false")
    if value not in ("true", "false", "1", "0"):
        raise ArchiveError(f"{element.tag} {name}={value!r} is not true or false")
    return value in ("true", "1")


def _int(element: etree._Element, name: str) -> int | None:
    value = element.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ArchiveError(f"{element.tag} {name}={value!r} is not a whole number") from None


def _read_ballot(element: etree._Element) -> Ballot:
    return Ballot(
        adjudicators=_ids(element, "adjudicators"),
        value=_text(element),
        rank=_int(element, "rank"),
        minority=_flag(element, "minority"),
        ignored=_flag(element, "ignored"),
    )


def _read_debate(element: etree._Element) -> Debate:
    sides = tuple(
        Side(
            team=side.get("team", ""),
            ballots=tuple(_read_ballot(b) for b in side.findall("ballot")),
            speeches=tuple(
                Speech(
                    speaker=speech.get("speaker", ""),
                    reply=_flag(speech, "reply"),
                    ballots=tuple(_read_ballot(b) for b in speech.findall("ballot")),
                )
                for speech in side.findall("speech")
            ),
            forfeit=_flag(side, "forfeit"),
        )
        for side in element.findall("side")
    )
    return Debate(
        id=element.get("id", ""),
        sides=sides,
        venue=element.get("venue"),
        motion=element.get("motion"),
        chair=element.get("chair"),
        adjudicators=_ids(element, "adjudicators"),
    )


def from_xml(data: bytes) -> Archive:
    """Read an archive; ArchiveError says what is wrong with a file that is not one."""
    if len(data) > MAX_BYTES:
        raise ArchiveError(f"the file is larger than {MAX_BYTES // 2**20} MB")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ArchiveError(f"not well-formed XML: {error}") from None
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise ArchiveError("the file declares a DTD (entities are not accepted)")
    if root.tag != "tournament":
        raise ArchiveError(f"the root element is <{root.tag}>, not <tournament>")
    participants = root.find("participants")
    members = participants if participants is not None else etree.Element("participants")
    return Archive(
        name=root.get("name", ""),
        short=root.get("short", ""),
        style=root.get("style", ""),
        start_date=root.get("start-date"),
        rounds=tuple(
            Round(
                name=r.get("name", ""),
                elimination=_flag(r, "elimination"),
                break_category=r.get("break-category"),
                debates=tuple(_read_debate(d) for d in r.findall("debate")),
            )
            for r in root.findall("round")
        ),
        teams=tuple(
            Team(
                id=t.get("id", ""),
                name=t.get("name", ""),
                code=t.get("code", ""),
                break_eligibilities=_ids(t, "break-eligibilities"),
                speakers=tuple(
                    Speaker(
                        id=s.get("id", ""),
                        name=_text(s),
                        institutions=_ids(s, "institutions"),
                        categories=_ids(s, "categories"),
                    )
                    for s in t.findall("speaker")
                ),
            )
            for t in members.findall("team")
        ),
        adjudicators=tuple(
            Adjudicator(
                id=a.get("id", ""),
                name=a.get("name", ""),
                score=a.get("score", "0"),
                core=_flag(a, "core"),
                independent=_flag(a, "independent"),
                institutions=_ids(a, "institutions"),
            )
            for a in members.findall("adjudicator")
        ),
        institutions=tuple(
            Institution(id=i.get("id", ""), name=_text(i), reference=i.get("reference", ""))
            for i in root.findall("institution")
        ),
        motions=tuple(
            Motion(
                id=m.get("id", ""),
                text=_text(m),
                info_slide=(m.findtext("info-slide") or "").strip(),
                reference=m.get("reference", ""),
            )
            for m in root.findall("motion")
        ),
        venues=tuple(
            Venue(
                id=v.get("id", ""),
                name=_text(v),
                score=_int(v, "score"),
                categories=_ids(v, "categories"),
            )
            for v in root.findall("venue")
        ),
        break_categories=tuple(
            Category(id=c.get("id", ""), name=_text(c), priority=_int(c, "priority"))
            for c in root.findall("break-category")
        ),
        speaker_categories=tuple(
            Category(id=c.get("id", ""), name=_text(c)) for c in root.findall("speaker-category")
        ),
    )
