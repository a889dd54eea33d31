"""Running `reception-tui` in-process, as a person at a terminal would: arguments in, exit code
and text out. One runner for the command line's tests and the administrator's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import pytest

from reception_tui.cli import main
from reception_tui.clock import FixedClock

OK, UNREACHABLE, BAD_INPUT, NOT_FOUND = 0, 1, 2, 3


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def line(self) -> str:
        """stderr, which must be exactly one line (no traceback)."""
        assert "Traceback" not in self.err
        assert self.err.endswith("\n") and self.err.count("\n") == 1, repr(self.err)
        return self.err.strip()


class CommandLine:
    """Runs `reception-tui` in-process on one database, with the test's config and clock."""

    def __init__(
        self, url: str, config_file: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.url = url
        self.config_file = config_file
        self.clock = clock
        self.capsys = capsys

    def __call__(self, *argv: str) -> Result:
        """The command with `--config` and `--database` appended, after the subcommand."""
        return self.bare(*argv, "--config", str(self.config_file), "--database", self.url)

    def bare(self, *argv: str) -> Result:
        """Exactly `argv`; argparse's own exits become exit codes like any other."""
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

    def on(self, url: str) -> Self:
        """The same person, on another database."""
        return type(self)(url, self.config_file, self.clock, self.capsys)
