"""Hostile logo uploads: only a decoded PNG or JPEG within limits is stored, re-encoded, under a
generated name; everything else is refused with a message and nothing is written."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from tests.integration.documents.conftest import Drawn, image_count, read_pdf
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney.documents import certificate_options, certificates, logo
from tourney.extensions import db

FORM = {"layout": "classic", "speaker_awards": "3"}


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _bomb(width: int = 12_000, height: int = 12_000) -> bytes:
    """A few hundred bytes that declare 144 megapixels of black (1.3 GB once decoded as RGB)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(b"\x00" * ((width // 8 + 1) * height), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def _png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script> secret-author-note")
    out = io.BytesIO()
    Image.new("RGB", (80, 40), "#0b5c8a").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "gps-and-author-secret"  # ImageDescription
    out = io.BytesIO()
    Image.new("RGB", (80, 40), "#7a5a12").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _stored_files() -> list[Path]:
    return sorted(logo.folder().glob("*")) if logo.folder().exists() else []


def _upload(client, data: bytes, filename: str = "logo.png"):
    return client.post(
        "/admin/t/final-docs/documents/certificates",
        data={**FORM, "logo": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )


@pytest.fixture(autouse=True)
def empty_logo_folder(app):
    for path in _stored_files():
        path.unlink()
    yield
    for path in _stored_files():
        path.unlink()


def test_a_stored_logo_is_re_encoded_without_metadata_under_a_generated_name(
    staff,  # noqa: F811
    drawn: Drawn,
) -> None:
    director = staff("director")
    for data, filename in (
        (_png_with_metadata(), "../../my logo.png"),
        (_jpeg_with_exif(), "x.jpg"),
    ):
        assert _upload(director, data, filename).status_code == 302
        db.session.expire_all()
        name = certificate_options.options_for(drawn.tournament).logo
        assert logo.is_stored_name(name) and "my logo" not in name
        files = _stored_files()
        assert [f.name for f in files] == [name]  # the earlier logo is gone
        stored = files[0].read_bytes()
        assert b"secret" not in stored and b"script" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert image.size == (80, 40)
            assert not image.info.get("Comment") and not image.getexif()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_bomb(), "too many pixels"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "SVG"),
        (_png_with_metadata() + b"PK\x03\x04" + b"zip-payload" * 10, "other data after"),
        (_jpeg_with_exif() + b"<html><script>alert(1)</script></html>", "other data after"),
        (_png_with_metadata()[:120], "damaged"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
    ids=[
        "144-megapixels",
        "svg-script",
        "png-zip-polyglot",
        "jpeg-html-polyglot",
        "truncated",
        "2MB",
    ],
)
def test_hostile_uploads_are_refused_with_a_message_and_nothing_is_written(
    staff,  # noqa: F811
    drawn: Drawn,
    data: bytes,
    message: str,
) -> None:
    before = dict(drawn.tournament.settings or {})
    response = _upload(staff("director"), data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _stored_files() == []
    db.session.expire_all()
    assert (drawn.tournament.settings or {}) == before


def test_a_logo_setting_never_reaches_another_file_on_disk(drawn: Drawn, tmp_path: Path) -> None:
    """A hand-edited setting or a restored backup may name any path: only a generated name inside
    the logo folder is ever read, and the certificate is still printed (without a logo)."""
    elsewhere = tmp_path / "private.png"
    elsewhere.write_bytes(_png_with_metadata())
    for name in (str(elsewhere), "../../../../etc/passwd", "/etc/passwd", f"../{elsewhere.name}"):
        drawn.tournament.settings = {"certificates": {"logo": name}}
        db.session.commit()
        options = certificate_options.options_for(drawn.tournament)
        assert certificate_options.logo_data_uri(options) is None
        pdf = certificates.certificates_pdf(drawn.tournament, "participation", "en")
        assert image_count(read_pdf(pdf).pages[0]) == 0


def test_a_stored_bomb_is_not_decoded_when_certificates_are_made(drawn: Drawn) -> None:
    """A file put in the logo folder before the upload checks existed is dropped, not rendered."""
    logo.folder().mkdir(parents=True, exist_ok=True)
    (logo.folder() / f"tournament-{drawn.tournament.id}.png").write_bytes(_bomb())
    drawn.tournament.settings = {"certificates": {"logo": f"tournament-{drawn.tournament.id}.png"}}
    db.session.commit()
    assert (
        certificate_options.logo_data_uri(certificate_options.options_for(drawn.tournament)) is None
    )
