"""The certificate logo travels with a backup: export, restore on another server (another instance
folder), and the certificates print it again. The restore checks the logo's bytes like an upload;
bad or missing bytes restore everything else, drop the logo and say so."""

from __future__ import annotations

import base64
import copy
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import select

from tests.conftest import _empty_tables
from tests.integration.documents.conftest import Drawn
from tests.integration.documents.test_logo import _bomb, _png_with_metadata, _upload
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney import create_app
from tourney.documents import certificate_options, logo
from tourney.extensions import db
from tourney.models import Team, Tournament
from tourney.services import backup

Restore = Callable[[dict[str, Any]], tuple[int, str]]


@pytest.fixture
def exported(app, staff, drawn: Drawn) -> Iterator[dict[str, Any]]:  # noqa: F811
    """The tournament with an uploaded logo, exported; the database then emptied for a restore."""
    assert _upload(staff("director"), _png_with_metadata()).status_code == 302
    db.session.expire_all()
    stored = certificate_options.options_for(drawn.tournament).logo
    assert certificate_options.logo_data_uri(certificate_options.options_for(drawn.tournament))
    document = json.loads(backup.dumps(backup.export_championship(drawn.tournament.championship)))
    db.session.remove()
    _empty_tables(db)
    yield document
    (logo.folder() / stored).unlink(missing_ok=True)


@pytest.fixture
def fresh(app, tmp_path: Path) -> Iterator[Flask]:
    """Another server: the same (emptied) database, an instance folder with no logos."""
    other = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "SERVER_NAME": "localhost",
            "INSTANCE_DIR": str(tmp_path / "fresh-instance"),
        }
    )
    with other.app_context(), other.test_request_context(headers={"Accept-Language": "en"}):
        yield other
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def restore(fresh: Flask, tmp_path: Path) -> Restore:
    """Run ``tourney import`` on the fresh server; its exit code and what it printed."""

    def run(document: dict[str, Any]) -> tuple[int, str]:
        path = tmp_path / "backup.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        result = fresh.test_cli_runner().invoke(args=["import", str(path)])
        assert "Traceback" not in result.output
        return result.exit_code, result.output

    return run


def _restored_logo() -> str:
    tournament = db.session.scalar(select(Tournament).where(Tournament.slug == "final-docs"))
    return certificate_options.options_for(tournament).logo


def _fresh_files() -> list[str]:
    return sorted(p.name for p in logo.folder().glob("*")) if logo.folder().exists() else []


def test_a_restored_backup_prints_the_logo_on_another_server(
    exported: dict[str, Any], restore: Restore
) -> None:
    original = exported["tables"]["tournament"][0]["settings"]["certificates"]["logo"]
    code, output = restore(exported)
    assert code == 0, output
    name = _restored_logo()
    uri = certificate_options.logo_data_uri(certificate_options.Options(logo=name))
    assert uri is not None and uri.startswith("data:image/png;base64,")
    assert logo.is_stored_name(name) and name != original  # stored again, under a new name
    assert _fresh_files() == [name]
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as image:
        assert image.size == (80, 40) and image.convert("RGB").getpixel((5, 5)) == (11, 92, 138)
    assert "logo" not in output


def _logo_bytes(document: dict[str, Any]) -> dict[str, str]:
    return document["logos"]


def _encoded(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _set_logo(data: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        (name,) = _logo_bytes(document)
        _logo_bytes(document)[name] = data

    return change


HOSTILE: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "written-before-logos-travelled": (lambda d: d.pop("logos"), "the file holds no logo"),
    "entry-missing": (lambda d: _logo_bytes(d).clear(), "the file holds no logo"),
    "section-not-an-object": (lambda d: d.update(logos=["x"]), "the file holds no logo"),
    "not-base64": (_set_logo("not base64 at all!"), "not base64"),
    "not-text": (_set_logo(12345), "not base64"),  # type: ignore[arg-type]
    "bomb": (_set_logo(_encoded(_bomb())), "too many pixels"),
    "svg": (_set_logo(_encoded(b"<svg><script>alert(1)</script></svg>")), "not a PNG or JPEG"),
    "png-zip-polyglot": (
        _set_logo(_encoded(_png_with_metadata() + b"PK\x03\x04zip-payload")),
        "other data after the picture",
    ),
    "truncated": (_set_logo(_encoded(_png_with_metadata()[:120])), "damaged"),
    "over-2MB": (_set_logo("A" * (3 * 1024 * 1024)), "larger than 2 MB"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_bad_or_missing_logo_bytes_restore_the_rest_and_drop_the_logo(
    exported: dict[str, Any], restore: Restore, case: str
) -> None:
    change, reason = HOSTILE[case]
    document = copy.deepcopy(exported)
    change(document)
    code, output = restore(document)
    assert code == 0, output
    assert "Даври ниҳоии Ҷумҳуриявӣ" in output and "logo not restored" in output
    assert reason in output
    assert _restored_logo() == ""  # no setting pointing at nothing
    assert _fresh_files() == []
    assert len(db.session.scalars(select(Team)).all()) == 8  # everything else is back


def test_logo_bytes_under_another_name_are_never_written_as_that_name(
    exported: dict[str, Any], restore: Restore
) -> None:
    document = copy.deepcopy(exported)
    (name,) = _logo_bytes(document)
    data = _logo_bytes(document)[name]
    document["logos"] = {"../../../outside.png": data, "/tmp/elsewhere.png": data, name: data}
    code, output = restore(document)
    assert code == 0, output
    assert _fresh_files() == [_restored_logo()]
    assert not (logo.folder().parent.parent / "outside.png").exists()


def test_a_restore_the_database_refuses_leaves_no_logo_file_behind(
    exported: dict[str, Any], restore: Restore
) -> None:
    document = copy.deepcopy(exported)
    users = document["global"]["user"]
    users.append({**users[0], "id": 999})  # the same username twice: refused on insert
    code, output = restore(document)
    assert code == 1 and "the database refused the file" in output
    assert _fresh_files() == []
    assert db.session.scalars(select(Tournament)).all() == []


def test_a_logo_setting_without_its_file_is_not_reported_as_printed(staff, drawn: Drawn) -> None:  # noqa: F811
    """A database restored before logos travelled names a file this server does not have: the
    Documents page says the certificates print without it, instead of 'a logo is stored'."""
    missing = f"tournament-{drawn.tournament.id}-0123456789abcdef.png"
    drawn.tournament.settings = {"certificates": {"logo": missing}}
    db.session.commit()
    page = staff("director").get("/admin/t/final-docs/documents", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert "A logo is stored and printed" not in text
    assert "The stored logo file is missing or unreadable" in text
