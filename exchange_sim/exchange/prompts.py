"""The ShouldContinue questions Enable and New ask (§7.2, §5.3), worded once for both."""
from __future__ import annotations

CAPTION = "Confirm"


def replace_default_smtp(current: str, new: str) -> str:
    return (f"Overwrite the existing default SMTP certificate?\r\n\r\nCurrent certificate: '{current}'\r\n"
            f"Replace it with: '{new.upper()}'")


def require_ssl_on_root(cmdlet: str) -> str:
    return ("Do you want to enforce SSL on the root web site? To prevent this, use the -DoNotRequireSsl "
            f"parameter when you run the {cmdlet} cmdlet.")
