"""Dates as Vietnamese documents write them: day/month/year without leading zeros."""

from __future__ import annotations

import datetime as dt


def vi_date(value: dt.date | str | None, unknown: str = "không rõ") -> str:
    """`date(2025, 7, 23)` or "2025-07-23" → "23/7/2025"; None → `unknown`."""
    if value is None or value == "":
        return unknown
    date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{date.day}/{date.month}/{date.year}"
