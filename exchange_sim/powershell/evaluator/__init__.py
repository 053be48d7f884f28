"""The AST walk's values that other layers see: script blocks."""

from exchange_sim.powershell.evaluator.scriptblock import ScriptBlock

__all__ = ["ScriptBlock"]
