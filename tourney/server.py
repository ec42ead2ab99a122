"""Run the app under gunicorn from the ``tourney serve`` command."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, object]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from tourney import create_app

        return create_app()


def run_gunicorn(bind: str, workers: int) -> None:
    _Server({"bind": bind, "workers": workers, "threads": 4, "accesslog": "-", "timeout": 60}).run()
