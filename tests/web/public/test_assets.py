"""Static assets under content-hashed addresses with a long cache lifetime; gzip for text."""

from __future__ import annotations

import gzip
import re

from tests.web.public.scenario import midway


def test_static_addresses_carry_a_content_hash_and_are_cached_for_a_year(client) -> None:
    found = midway()
    page = client.get(f"/t/{found.slug}").get_data(as_text=True)
    addresses = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert {a.split("?")[0] for a in addresses} >= {
        "/static/css/app.css",
        "/static/css/public.css",
        "/static/js/public.js",
        "/static/favicon.svg",
    }
    for address in addresses:
        assert re.search(r"\?v=[0-9a-f]{12}$", address), address
        response = client.get(address.replace("&amp;", "&"))
        assert response.status_code == 200
        assert response.cache_control.max_age == 365 * 24 * 3600
        assert response.cache_control.immutable
    stale = client.get("/static/css/app.css?v=000000000000")
    assert not stale.cache_control.immutable
    assert not client.get("/static/css/app.css").cache_control.immutable


def test_text_is_gzipped_for_clients_that_accept_it_and_stays_conditional(client) -> None:
    found = midway()
    url = f"/t/{found.slug}"
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers
    packed = client.get(url, headers={"Accept-Encoding": "gzip, br"})
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
