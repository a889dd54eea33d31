"""Running `reception-tui` in-process as an administrator does, for the tests in this folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import reception_tui
from reception_tui.cli import main
from reception_tui.clock import FixedClock

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)  # the `clock` fixture's time, a Wednesday
OK, UNREACHABLE, BAD_INPUT, NOT_FOUND = 0, 1, 2, 3

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


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def line(self) -> str:
        """stderr, which must be exactly one line (no traceback)."""
        assert "Traceback" not in self.err
        assert self.err.endswith("\n") and self.err.count("\n") == 1, repr(self.err)
        return self.err.strip()


class Admin:
    def __init__(
        self, url: str, config_file: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.url = url
        self.config_file = config_file
        self.clock = clock
        self.capsys = capsys

    def __call__(self, *argv: str) -> Result:
        return self.bare(*argv, "--config", str(self.config_file), "--database", self.url)

    def bare(self, *argv: str) -> Result:
        self.capsys.readouterr()
        try:
            code = main(list(argv), clock=self.clock)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *argv: str) -> Result:
        result = self(*argv)
        assert result.code == OK, result.err
        return result

    def on(self, url: str) -> Admin:
        """The same administrator, on another database."""
        return Admin(url, self.config_file, self.clock, self.capsys)


def this_checkout() -> dict[str, str]:
    """The environment for a child interpreter that imports this checkout of the package."""
    root = Path(reception_tui.__file__).resolve().parents[1]
    return {**os.environ, "PYTHONPATH": str(root)}
