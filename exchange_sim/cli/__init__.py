"""The `exchange-sim` command line: a typer app whose sub-commands live in sibling modules."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    from exchange_sim.cli.app import build_app

    app = build_app()
    sys.exit(app() or 0)
