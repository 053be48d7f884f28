"""The lab clock: real time, a pinned moment, or real time shifted by an offset.

The setting lives in the database and is read on every `now()`, so `exchange-sim lab clock` in
another process takes effect in a running service at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from exchange_sim.lab.errors import LabError
from exchange_sim.lab.transactions import TransactionScope

ClockMode = Literal["real", "pinned", "shifted"]


@dataclass(frozen=True)
class ClockSetting:
    mode: ClockMode
    pinned_at: datetime | None = None
    offset: timedelta = timedelta(0)


def parse_moment(text: str) -> datetime:
    """ISO 8601 date or date-time; a moment without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as error:
        raise LabError(
            f"'{text}' is not a date; use ISO 8601, for example 2026-01-01 or 2026-01-01T09:00:00Z"
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def parse_shift(text: str) -> timedelta:
    """`+30d`, `-2d`, `+12h`, `90m`, `-45s` — a signed amount and a unit."""
    cleaned = text.strip()
    units = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    if len(cleaned) < 2 or cleaned[-1].lower() not in units:
        raise LabError(f"'{text}' is not a clock shift; use a signed amount and d, h, m or s: +30d")
    try:
        amount = float(cleaned[:-1])
    except ValueError as error:
        raise LabError(f"'{text}' is not a clock shift; use a signed amount and d, h, m or s: +30d") from error
    return timedelta(**{units[cleaned[-1].lower()]: amount})


class LabClock:
    def __init__(self, scope: TransactionScope) -> None:
        self._scope = scope

    def setting(self) -> ClockSetting:
        row = self._scope.db.execute(
            "SELECT mode, pinned_at, offset_seconds FROM clock WHERE id = 1"
        ).fetchone()
        if row is None or row[0] == "real":
            return ClockSetting("real")
        if row[0] == "pinned":
            return ClockSetting("pinned", pinned_at=datetime.fromisoformat(row[1]))
        return ClockSetting("shifted", offset=timedelta(seconds=row[2] or 0.0))

    def now(self) -> datetime:
        setting = self.setting()
        if setting.mode == "pinned" and setting.pinned_at is not None:
            return setting.pinned_at
        return datetime.now(timezone.utc) + setting.offset

    def pin(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        self._write("pinned", moment.astimezone(timezone.utc).isoformat(), 0.0)

    def shift(self, delta: timedelta) -> None:
        """A pinned clock moves its pin; a running clock adds to its offset."""
        setting = self.setting()
        if setting.mode == "pinned" and setting.pinned_at is not None:
            self.pin(setting.pinned_at + delta)
            return
        self._write("shifted", None, (setting.offset + delta).total_seconds())

    def real(self) -> None:
        self._write("real", None, 0.0)

    def _write(self, mode: ClockMode, pinned_at: str | None, offset_seconds: float) -> None:
        with self._scope.transaction():
            self._scope.db["clock"].upsert(
                {"id": 1, "mode": mode, "pinned_at": pinned_at, "offset_seconds": offset_seconds},
                pk="id",
            )
