"""The certificate logo: checked by decoding, stored re-encoded under a generated name.

An upload is only ever trusted after Pillow has decoded it: the file must start as a PNG or JPEG,
end where that image ends (nothing appended: no ZIP, HTML or script riding along), and stay under a
pixel budget read from the header before any pixel is decoded (a 17 KB PNG can declare 144
megapixels, 1.3 GB once decoded). What is stored is a fresh encoding of the decoded pixels, scaled
to at most ``STORED_SIDE`` pixels a side, without metadata (EXIF, comments, colour profiles, text
chunks), under ``tournament-<id>-<random>.<ext>``. The document renderer reads only a name of that
shape from the logo folder, so a stored setting (or a restored backup) can never point at another
file on disk.
"""

from __future__ import annotations

import base64
import re
import secrets
import struct
import warnings
from io import BytesIO
from pathlib import Path

from flask import current_app
from PIL import Image

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # about 5000 × 5000: any photo or scan of a logo; refused above, unread
STORED_SIDE = 1200  # ample for a 5 cm logo printed at 600 dpi
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_STORED_NAME = re.compile(r"tournament-\d+(-[0-9a-f]{16})?\.(png|jpg)")
_MIME = {"png": "image/png", "jpg": "image/jpeg"}


class LogoRefused(ValueError):
    """The upload is not a plain PNG or JPEG image within the limits; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def folder() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "logos"


def _png_end(data: bytes) -> int:
    """Where the PNG's IEND chunk ends (chunks walked by their lengths, nothing decoded)."""
    at = len(_PNG)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at
    raise LogoRefused("damaged")


def _kind(data: bytes) -> str:
    if data.startswith(_PNG):
        if _png_end(data) != len(data):
            raise LogoRefused("trailing_data")
        return "png"
    if data.startswith(_JPEG):
        if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
            raise LogoRefused("trailing_data")
        return "jpg"
    raise LogoRefused("not_an_image")


def clean(data: bytes) -> tuple[str, bytes]:
    """The file extension and the re-encoded image for an upload; raises LogoRefused."""
    if len(data) > MAX_BYTES:
        raise LogoRefused("too_large")
    kind = _kind(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we refuse below
            image = Image.open(BytesIO(data), formats=["PNG" if kind == "png" else "JPEG"])
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise LogoRefused("too_many_pixels")
            image.load()
            picture = image.convert("RGBA" if kind == "png" else "RGB")
    except LogoRefused:
        raise
    except Image.DecompressionBombError as error:
        raise LogoRefused("too_many_pixels") from error
    except Exception as error:  # Pillow raises many kinds (OSError, SyntaxError, struct.error…)
        raise LogoRefused("damaged") from error
    picture.thumbnail((STORED_SIDE, STORED_SIDE))
    out = BytesIO()
    if kind == "png":
        picture.save(out, "PNG", optimize=True)
    else:
        picture.save(out, "JPEG", quality=90)
    return kind, out.getvalue()


def store(tournament_id: int, data: bytes) -> str:
    """Write a cleaned upload under a new generated name; returns that name."""
    kind, cleaned = clean(data)
    folder().mkdir(parents=True, exist_ok=True)
    name = f"tournament-{tournament_id}-{secrets.token_hex(8)}.{kind}"
    (folder() / name).write_bytes(cleaned)
    return name


def remove_others(tournament_id: int, keep: str) -> None:
    """Delete the tournament's earlier logo files once the new setting is saved."""
    for old in folder().glob(f"tournament-{tournament_id}*.*"):
        if old.name != keep and _STORED_NAME.fullmatch(old.name):
            old.unlink(missing_ok=True)


def is_stored_name(name: str) -> bool:
    return bool(_STORED_NAME.fullmatch(name))


def data_uri(name: str) -> str | None:
    """The stored logo inlined as a data URI, or None: for a name that is not a generated logo
    name, a missing file, or a file that is no longer a small PNG/JPEG."""
    if not name or not is_stored_name(name):
        return None
    path = folder() / name
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    data = path.read_bytes()
    try:
        kind = _kind(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
    except Exception:  # not an image any more: print the certificate without it
        return None
    if width * height > STORED_SIDE * STORED_SIDE * 4:
        return None
    return f"data:{_MIME[kind]};base64,{base64.b64encode(data).decode()}"
