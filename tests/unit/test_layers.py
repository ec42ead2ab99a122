"""The import contract between the layers (docs/design.md, "Layers"), checked on the source.

Every ``import`` in ``tourney/`` counts, also those inside functions: a lazy import still ties
the layers together. The rules:

- ``pairing`` and ``scoring`` are pure: no Flask, SQLAlchemy or any other layer of the app, and
  each uses the other only through its package (``tourney.scoring``), never its modules;
- ``labels`` and ``text`` sit below ``services``, ``documents`` and ``web``, and use none of them;
- ``services`` and ``documents`` never import ``web``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tourney"
FRAMEWORKS = ("flask", "flask_babel", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug")
APP_LAYERS = ("tourney.models", "tourney.services", "tourney.web", "tourney.documents")
APP_LAYERS += ("tourney.extensions", "tourney.cli", "tourney.config")
PURE = ("tourney.pairing", "tourney.scoring")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every module the file (module ``module``) imports, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _is_module(name: str) -> bool:
    """``tourney.scoring.formats`` is a module; ``tourney.scoring.Format`` is a name."""
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").exists() or path.is_dir()


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _violations(module: str, imported: set[str]) -> list[str]:
    wrong = []
    for target in sorted(imported):
        if _within(module, PURE):
            if _within(target, FRAMEWORKS) or _within(target, APP_LAYERS):
                wrong.append(f"{module} (pure) imports {target}")
            own = module.split(".")[1]
            for other in PURE:
                # ``from tourney.scoring import X`` is the package; X may be a name, not a module
                inside = other.split(".")[1] != own and target.startswith(other + ".")
                if inside and _is_module(target):
                    wrong.append(f"{module} imports {target}, an internal of {other}")
        if _within(module, ("tourney.labels", "tourney.text")) and _within(
            target, ("tourney.services", "tourney.documents", "tourney.web", "tourney.models")
        ):
            wrong.append(f"{module} imports {target}, a layer above it")
        if _within(module, ("tourney.services", "tourney.documents")) and _within(
            target, ("tourney.web",)
        ):
            wrong.append(f"{module} imports {target} (web sits above it)")
    return wrong


def _all_violations(root: Path) -> list[str]:
    wrong = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = _module_name(path)
        wrong.extend(_violations(module, _imports(path, module)))
    return wrong


def test_the_layers_import_only_downwards() -> None:
    assert _all_violations(PACKAGE) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("tourney.pairing.costs", "import flask", "imports flask"),
        ("tourney.scoring.ballots", "from sqlalchemy import select", "imports sqlalchemy"),
        ("tourney.pairing.engine", "from tourney.scoring.formats import Format", "internal"),
        ("tourney.scoring.results", "from tourney.pairing.records import AFF", "internal"),
        ("tourney.scoring.results", "from tourney.services import public", "imports tourney.serv"),
        ("tourney.documents.ballots", "from tourney.web import ballot_errors", "web sits above"),
        ("tourney.services.public", "def f():\n    from tourney.web.labels import x", "web sits"),
        ("tourney.labels", "from tourney.services.formats import format_for", "layer above"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path: Path, module: str, source: str, expected: str) -> None:
    """The checker itself: each rule catches a planted import (here in a copy of the package)."""
    path = tmp_path / Path(*module.split("."))
    path = path.with_suffix(".py")
    path.parent.mkdir(parents=True)
    path.write_text(source + "\n", encoding="utf-8")
    found = _violations(module, _imports(path, module))
    assert any(expected in line for line in found), found


def test_pairing_through_the_package_is_allowed() -> None:
    assert (
        _violations("tourney.pairing.engine", {"tourney.scoring", "tourney.scoring.Format"}) == []
    )


@pytest.mark.slow  # a new interpreter
def test_importing_the_engines_loads_neither_flask_nor_sqlalchemy() -> None:
    code = (
        "import sys, tourney.pairing, tourney.pairing.allocate, tourney.scoring;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.slow  # a new interpreter
def test_the_pairing_command_loads_no_scipy_for_two_team_rounds() -> None:
    """scipy's import is most of a cold start; only four-team rooms and allocation need it."""
    code = (
        "import sys, io, json; from tourney.pairing.cli import main;"
        "request = {'kind': 'random', 'seed': 1, 'teams': [{'id': t} for t in 'abcd']};"
        "main(io.StringIO(json.dumps(request)), io.StringIO(), sys.stderr);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
