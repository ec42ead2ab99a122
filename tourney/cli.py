"""The ``tourney`` command: init-db, create-admin, demo, serve, and the JSON engines."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext


def main() -> None:
    from tourney import create_app

    FlaskGroup(create_app=lambda: create_app(), help="Tourney: debate tournament management.")()


def register_commands(app: Flask) -> None:
    for command in (init_db, create_admin, demo, serve, pair, allocate):
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
@with_appcontext
def demo(password: str) -> None:
    """Load the demo championship: four district qualifiers and a national final."""
    from tourney.services import demo as demo_data

    if demo_data.exists():
        click.echo("The demo championship is already loaded.")
        return
    summary = demo_data.load(password=password)
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
