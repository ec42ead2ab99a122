"""Static assets under content-hashed addresses with a long cache lifetime; gzip for text."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli

from tests.web.public.scenario import midway
from tourney.web.assets import ContentHashes


def test_static_files_have_content_hashed_names_and_are_cached_for_a_year(client, app) -> None:
    found = midway()
    page = client.get(f"/t/{found.slug}").get_data(as_text=True)
    addresses = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    hashed = re.compile(r"^(/static/.+)\.([0-9a-f]{12})(\.\w+)$")
    plain = {m[1] + m[3] for m in map(hashed.match, addresses) if m}
    assert plain >= {
        "/static/css/app.css",
        "/static/css/public.css",
        "/static/js/public.js",
        "/static/favicon.svg",
    }
    for address in addresses:
        match = hashed.match(address)
        assert match, address
        real = Path(app.static_folder, match[1].removeprefix("/static/") + match[3])
        assert match[2] == hashlib.blake2b(real.read_bytes(), digest_size=6).hexdigest()
        response = client.get(address)
        assert response.status_code == 200
        assert response.data == real.read_bytes()
        assert response.cache_control.max_age == 365 * 24 * 3600
        assert response.cache_control.immutable
    # a page kept from before a deploy asks for an old hash: the current file, no long cache
    stale = client.get("/static/css/app.000000000000.css")
    assert stale.status_code == 200
    assert stale.data == Path(app.static_folder, "css/app.css").read_bytes()
    assert not stale.cache_control.immutable
    assert not client.get("/static/css/app.css").cache_control.immutable
    assert client.get("/static/css/nothing.000000000000.css").status_code == 404


def test_text_is_compressed_with_brotli_or_gzip_as_the_client_prefers(client) -> None:
    found = midway()
    url = f"/t/{found.slug}"
    plain = client.get(url).data
    for accepted, expected in (
        ("gzip, deflate, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("gzip", "gzip"),
        ("br", "br"),
        ("identity", None),
    ):
        response = client.get(url, headers={"Accept-Encoding": accepted})
        assert response.headers.get("Content-Encoding") == expected, accepted
        unpack = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[expected]
        assert unpack(response.data) == plain
    script = re.search(r'src="(/static/js/public\.[0-9a-f]+\.js)"', plain.decode())[1]
    packed = client.get(script, headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.data) == client.get(script).data
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_compressed_answers_stay_conditional(client) -> None:
    found = midway()
    url = f"/t/{found.slug}"
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    etag = packed.headers["ETag"]
    assert etag.startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304
    for address in ("/static/js/public.js", f"/api/v1/tournaments/{found.slug}/rounds"):
        response = client.get(address, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        if len(client.get(address).data) >= 512:
            assert response.headers["Content-Encoding"] == "gzip", address


def test_content_hashes_never_read_outside_the_static_folder(tmp_path) -> None:
    """The hash is taken before the file is served, so the name must be checked first: a
    request for ``../`` (or a device such as /dev/zero) must not be read at all."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "app.css").write_text("body {}")
    (tmp_path / "secret.txt").write_text("not for the web")
    hashes = ContentHashes(str(static))
    assert hashes.of("app.css")
    for name in ("../secret.txt", "/etc/hostname", "../../../../dev/zero", "."):
        assert hashes.of(name) is None, name
