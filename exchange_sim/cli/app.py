"""Assembles the typer application from the sub-command modules."""

from __future__ import annotations

import importlib

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
    for module_name in _SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        module.register(app)
    return app
