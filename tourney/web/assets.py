"""Static assets under content-hashed file names, cached for a year, and compressed answers.

``url_for('static', filename='js/ballot.js')`` gives ``/static/js/ballot.<hash>.js``, the hash
taken from the file's content: a changed file gets a new name, so an answer under the current name
is cached as immutable. A name with an old hash (a page kept from before a deploy) still gets the
current file, without the long cache lifetime; a plain name (``/static/js/ballot.js``) too.

Text answers (HTML, JS, CSS, JSON, SVG, YAML) are compressed with brotli or gzip, whichever the
client prefers (brotli on a tie); their ETag becomes weak (the same content, another encoding),
which conditional GETs still match. Static files are compressed once per content hash.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
from flask import Flask, Response, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
MIN_COMPRESS_BYTES = 512
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/problem+json",
    "application/yaml",
    "image/svg+xml",
}
HASH_LENGTH = 12
_HASHED = re.compile(rf"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.\w+)$")
# Brotli's quality 5 compresses HTML better than gzip's 6 at about the same CPU cost; static
# files are compressed once, so they get the best quality.
DYNAMIC_QUALITY = 5
STATIC_QUALITY = 11


class ContentHashes:
    """A short hash of each static file's content, recomputed only when its mtime moves."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self._known: dict[str, tuple[float, str]] = {}

    def of(self, filename: str) -> str | None:
        """None for a name outside the folder (``../``, an absolute path) or not a plain file."""
        joined = safe_join(str(self.folder), filename)
        if joined is None:
            return None
        path = Path(joined)
        try:
            if not path.is_file():
                return None
            mtime = path.stat().st_mtime
        except OSError:
            return None
        cached = self._known.get(filename)
        if cached is None or cached[0] != mtime:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=HASH_LENGTH // 2).hexdigest()
            cached = (mtime, digest)
            self._known[filename] = cached
        return cached[1]


def hashed_name(filename: str, digest: str) -> str:
    """``js/ballot.js`` → ``js/ballot.<digest>.js``."""
    path = Path(filename)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def split_hashed(filename: str) -> tuple[str, str | None]:
    """The real file name and the hash a hashed name carries (None for a plain name)."""
    found = _HASHED.match(filename)
    if found is None:
        return filename, None
    return found["stem"] + found["suffix"], found["hash"]


def init_assets(app: Flask) -> None:
    hashes = ContentHashes(app.static_folder or "")
    # (file, hash, encoding) -> compressed body; b"" for a file too small to gain from it
    packed: dict[tuple[str, str, str], bytes] = {}
    serve_file = app.view_functions["static"]

    @app.url_defaults
    def _hashed(endpoint: str, values: dict) -> None:
        if endpoint == "static" and Path(values.get("filename", "")).suffix:
            digest = hashes.of(values["filename"])
            if digest:
                values["filename"] = hashed_name(values["filename"], digest)

    def static(filename: str) -> Response:
        real, wanted = split_hashed(filename)
        digest = hashes.of(real)
        if digest is None:  # no such file, or a real name that merely looks hashed
            real, wanted, digest = filename, None, hashes.of(filename)
        response = serve_file(filename=real)
        if wanted is not None and wanted == digest and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        encoding = _chosen_encoding(response) if digest is not None else None
        if encoding:
            key = (real, digest, encoding)
            if key not in packed:
                response.direct_passthrough = False
                body = response.get_data()
                packed[key] = (
                    _compress(body, encoding, STATIC_QUALITY)
                    if len(body) >= MIN_COMPRESS_BYTES
                    else b""
                )
            if packed[key]:
                _set_body(response, packed[key], encoding)
        return response

    app.view_functions["static"] = static

    @app.after_request
    def _compress_text(response: Response) -> Response:
        encoding = _chosen_encoding(response)
        if encoding:
            response.direct_passthrough = False
            body = response.get_data()
            if len(body) >= MIN_COMPRESS_BYTES:
                _set_body(response, _compress(body, encoding, DYNAMIC_QUALITY), encoding)
        return response


def _chosen_encoding(response: Response) -> str | None:
    """``br`` or ``gzip`` when the answer is compressible text the client accepts compressed."""
    if (
        response.status_code != 200
        or response.mimetype not in COMPRESSIBLE
        or "Content-Encoding" in response.headers
    ):
        return None
    response.vary.add("Accept-Encoding")
    offered = request.accept_encodings
    br, gz = offered.quality("br"), offered.quality("gzip")
    if br > 0 and br >= gz:
        return "br"
    return "gzip" if gz > 0 else None


def _compress(body: bytes, encoding: str, quality: int) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=quality)
    return gzip.compress(body, compresslevel=min(quality, 9))


def _set_body(response: Response, body: bytes, encoding: str) -> None:
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    tag, weak = response.get_etag()
    if tag and not weak:
        response.set_etag(tag, weak=True)
