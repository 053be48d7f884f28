"""DESIGN.md's who-may-import-whom rule, checked on the source of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "exchange_sim"

# Layer -> layers it may import (besides itself). `targets -> certs` is allowed so the simulated
# target can read certificate values without lab re-exporting them (noted in the issue note).
ALLOWED: dict[str, set[str]] = {
    "cli": {"*"},
    "remoting": {"powershell", "lab"},
    "listeners": {"lab"},
    "exchange": {"powershell", "targets"},
    "windows": {"powershell", "lab", "certs"},
    "targets": {"lab", "certs"},
    "lab": {"certs", "db"},
    "powershell": set(),
    "certs": set(),
    "db": set(),
}


def _layer_of(module_path: Path) -> str:
    relative = module_path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imported_layers(module_path: Path) -> set[str]:
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    layers: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "exchange_sim" and len(parts) > 1:
                layers.add(parts[1])
    return layers


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_layers_design_allows(module_path: Path) -> None:
    layer = _layer_of(module_path)
    allowed = ALLOWED[layer]
    if "*" in allowed:
        return
    forbidden = {imported for imported in _imported_layers(module_path) if imported != layer and imported not in allowed}
    assert not forbidden, f"{module_path.relative_to(PACKAGE)} ({layer}) imports {sorted(forbidden)}"
