"""Running `reception-tui` in-process as an administrator does, for the tests in this folder."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cli_runner import BAD_INPUT, NOT_FOUND, OK, UNREACHABLE, CommandLine, Result

import reception_tui

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)  # the `clock` fixture's time, a Wednesday
__all__ = ["BAD_INPUT", "NOT_FOUND", "OK", "UNREACHABLE", "Admin", "Result"]

ADMIN_CONFIG = """\
[organisation]
timezone = "Europe/Stockholm"

[desk]
receptionist = "Karin Ek"

[database]
retention_days = 365
"""
STAFF_CSV = (
    "employee_id;first_name;last_name;unit;extension\n"
    "1001;Anna;Berg;Bygglov;2101\n"
    "1002;Lars;Holm;Kansliet;2104\n"
)


Admin = CommandLine


def this_checkout() -> dict[str, str]:
    """The environment for a child interpreter that imports this checkout of the package."""
    root = Path(reception_tui.__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": str(root)}
