"""Assembles the typer application from the sub-command modules."""

from __future__ import annotations

import importlib
import sys

import typer

# Each module exposes `register(app: typer.Typer) -> None`; a module that is not there yet is skipped
# so the CLI stays usable while layers land one by one.
_SUBCOMMAND_MODULES = (
    "exchange_sim.cli.run",
    "exchange_sim.cli.parse",
    "exchange_sim.cli.shell",
    "exchange_sim.cli.lab",
    "exchange_sim.cli.serve",
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="exchange-sim",
        help="Exchange certificate management without Exchange: run runbooks on a simulated lab.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    @app.callback()
    def _root() -> None:
        """Exchange certificate management without Exchange: run runbooks on a simulated lab."""

    # Import only the module of the command being run: `serve` pulls in aiohttp and `lab` sqlite, which
    # `run --command 1+1` must not pay for (cold start is measured by scripts/bench_startup.py).
    wanted = f"exchange_sim.cli.{sys.argv[1]}" if len(sys.argv) > 1 else ""
    modules = (wanted,) if wanted in _SUBCOMMAND_MODULES else _SUBCOMMAND_MODULES
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        module.register(app)
    return app
