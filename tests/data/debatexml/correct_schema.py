"""Derive the corrected schema used by the tests from the published one (see README.md here)."""

from pathlib import Path

from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"
HERE = Path(__file__).parent
tree = etree.parse(HERE / "dta.xsd")
repeated = {
    "round",
    "debate",
    "side",
    "ballot",
    "speech",
    "team",
    "speaker",
    "adjudicator",
    "feedback",
    "answer",
    "institution",
    "motion",
    "venue",
    "question",
    "break-category",
    "speaker-category",
}
with_text = {
    "ballot",
    "speaker",
    "answer",
    "institution",
    "motion",
    "venue",
    "question",
    "break-category",
    "speaker-category",
}
for el in tree.iter(XS + "element"):
    name = el.get("name")
    if name in repeated and el.getparent().tag == XS + "sequence":
        el.set("minOccurs", "0")
        el.set("maxOccurs", "unbounded")
    if name in with_text:
        ct = el.find(XS + "complexType")
        if ct is not None:
            ct.set("mixed", "true")
tree.write(HERE / "dta-corrected.xsd", xml_declaration=True, encoding="UTF-8")
