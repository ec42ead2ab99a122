"""Static assets that browsers may keep for a year, and compressed answers.

``url_for('static', ...)`` adds ``?v=<hash of the file's content>``: a changed file gets a new
address, so a response to an address with the right ``v`` is cached as immutable. Text answers
(HTML, JS, CSS, JSON, SVG, YAML) are gzipped for clients that accept it; their ETag becomes weak
(the same content, another encoding), which conditional GETs still match.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from flask import Flask, Response, request

YEAR = 365 * 24 * 3600
MIN_GZIP_BYTES = 512
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


def content_hash(folder: str, filename: str, known: dict[str, tuple[float, str]]) -> str | None:
    """A short hash of the file's content, recomputed only when its modification time moves."""
    path = Path(folder) / filename
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = known.get(filename)
    if cached is None or cached[0] != mtime:
        cached = (mtime, hashlib.blake2b(path.read_bytes(), digest_size=6).hexdigest())
        known[filename] = cached
    return cached[1]


def init_assets(app: Flask) -> None:
    hashes: dict[str, tuple[float, str]] = {}

    @app.url_defaults
    def _versioned(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            found = content_hash(app.static_folder or "", values["filename"], hashes)
            if found:
                values["v"] = found

    @app.after_request
    def _cache_and_compress(response: Response) -> Response:
        if request.endpoint == "static" and response.status_code == 200:
            wanted = request.args.get("v")
            filename = (request.view_args or {}).get("filename", "")
            if wanted and wanted == content_hash(app.static_folder or "", filename, hashes):
                response.cache_control.public = True
                response.cache_control.max_age = YEAR
                response.cache_control.immutable = True
        return _gzip(response)


def _gzip(response: Response) -> Response:
    if (
        response.status_code != 200
        or response.mimetype not in COMPRESSIBLE
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "").lower()
    ):
        return response
    response.vary.add("Accept-Encoding")
    response.direct_passthrough = False
    body = response.get_data()
    if len(body) < MIN_GZIP_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    tag, weak = response.get_etag()
    if tag and not weak:
        response.set_etag(tag, weak=True)
    return response
