"""The ``tourney`` command: init-db, create-admin, demo, serve, and the JSON engines."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext


def main() -> None:
    from tourney import create_app

    FlaskGroup(create_app=lambda: create_app(), help="Tourney: debate tournament management.")()


def register_commands(app: Flask) -> None:
    for command in (init_db, create_admin, demo, serve, pair, allocate, export, import_, simulate):
        app.cli.add_command(command)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (runs the Alembic migrations)."""
    from flask_migrate import upgrade

    upgrade()
    click.echo("Database is up to date.")


@click.command("create-admin")
@click.option("--username", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--role", type=click.Choice(["admin", "tab_director", "ballot_clerk"]), default="admin"
)
@with_appcontext
def create_admin(username: str, password: str, role: str) -> None:
    """Create a tab-room account (an admin unless --role says otherwise)."""
    from tourney.services import accounts

    try:
        accounts.create_user(username, password, role)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {role} {username!r}.")


@click.command()
@click.option("--password", default="demo", show_default=True, help="Password of the demo users.")
@click.option(
    "--quick", is_flag=True, help="Set up only: don't play the qualifiers through the services."
)
@with_appcontext
def demo(password: str, quick: bool) -> None:
    """Load the demo championship: four played district qualifiers and a national final."""
    from tourney.services import demo as demo_data

    if demo_data.exists():
        click.echo("The demo championship is already loaded.")
        return
    summary = demo_data.load(password=password, played=not quick)
    click.echo(
        f"Loaded {summary['tournaments']} tournaments, {summary['teams']} teams, "
        f"{summary['adjudicators']} adjudicators. Log in as 'admin', 'director' or "
        f"'clerk' with password {password!r}."
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the app with gunicorn (production server)."""
    from tourney.server import run_gunicorn

    run_gunicorn(f"{host}:{port}", workers)


@click.command()
def pair() -> None:
    """Pair a round: JSON request on stdin, JSON draw on stdout."""
    from tourney.pairing.cli import main as pairing_main

    sys.exit(pairing_main(sys.stdin, sys.stdout, sys.stderr))


@click.command()
def allocate() -> None:
    """Allocate adjudicators and rooms: JSON request on stdin, JSON panels on stdout."""
    from tourney.pairing.allocate import main as allocate_main

    sys.exit(allocate_main(sys.stdin, sys.stdout, sys.stderr))


@click.command()
@click.option(
    "--championship", "name", help="Name or id of the championship (default: the only one)."
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-")
@with_appcontext
def export(name: str | None, output: str) -> None:
    """Write a whole championship as one JSON file (a backup that `tourney import` restores)."""
    from tourney.services import backup, catalogue

    championships = catalogue.championships()
    chosen = [c for c in championships if name in (None, c.name, str(c.id))]
    if len(chosen) != 1:
        names = ", ".join(f"{c.id}: {c.name}" for c in championships) or "none"
        raise click.ClickException(f"Choose one championship with --championship ({names}).")
    with click.open_file(output, "w", encoding="utf-8") as stream:
        stream.write(backup.dumps(backup.export_championship(chosen[0])))


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--keep-accounts",
    is_flag=True,
    help="Restore the file's tab-room accounts able to log in (only for your own backup).",
)
@with_appcontext
def import_(source: Path, keep_accounts: bool) -> None:
    """Restore a championship exported with `tourney export` into an empty database.

    The file is checked whole before anything is written. Its accounts are restored switched
    off unless --keep-accounts is given; `tourney create-admin` adds a way in.
    """
    from tourney.services import backup, backup_check

    try:
        restored = backup.import_championship(
            backup_check.read(source), keep_accounts=keep_accounts
        )
    except backup.BackupError as error:
        raise click.ClickException(f"Cannot import: {error}") from error
    counts = restored.counts
    click.echo(f"Imported {sum(counts.values())} rows into {len(counts)} tables.")
    for note in restored.notes:
        click.echo(note)
    if counts.get("user") and not keep_accounts:
        click.echo(
            f"The file's {counts['user']} tab-room accounts were restored switched off; "
            "create one with `tourney create-admin` (or import again with --keep-accounts)."
        )


@click.command()
@click.option("--teams", default=16, show_default=True, type=click.IntRange(2, 2000))
@click.option("--rounds", default=4, show_default=True, type=click.IntRange(1, 12))
@click.option("--format", "format_code", default="karl_popper", show_default=True)
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--panel", default=1, show_default=True, type=click.IntRange(1, 5))
@click.option("--no-break", is_flag=True, help="Stop after the preliminary rounds.")
@click.option("--database-url", help="Run on this database (migrated first) instead of the app's.")
@with_appcontext
def simulate(
    teams: int,
    rounds: int,
    format_code: str,
    seed: int,
    panel: int,
    no_break: bool,
    database_url: str | None,
) -> None:
    """Play a whole made-up tournament through the real services; print a JSON summary."""
    import json
    from contextlib import nullcontext

    from flask_migrate import upgrade

    from tourney import config, create_app
    from tourney.scoring import FORMATS
    from tourney.services import simulate as simulation

    if format_code not in FORMATS:
        choices = ", ".join(FORMATS)
        raise click.BadParameter(f"choose one of {choices}", param_hint="--format")
    context = nullcontext()
    if database_url:
        url = config.normalise_database_url(database_url)
        context = create_app({"SQLALCHEMY_DATABASE_URI": url}).app_context()
    with context:
        upgrade()
        summary = simulation.run(
            teams, rounds, format_code, seed, panel_size=panel, eliminations=not no_break
        )
    click.echo(json.dumps(summary, indent=1))
    if not summary["ok"]:
        sys.exit(1)
