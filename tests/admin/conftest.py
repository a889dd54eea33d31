"""What an administrator runs: `reception-tui db ...` in-process, on a real database.

`admin(*argv)` runs the command with the test's config and database appended; `admin.bare`
runs exactly `argv`. As in tests/test_cli.py, no command may read the developer's own config
or data: the working folder is `tmp_path` and the per-user folders point into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from admin_runner import ADMIN_CONFIG, STAFF_CSV, Admin

from reception_tui import config
from reception_tui.clock import FixedClock


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(config.CONFIG_ENV, raising=False)
    user = tmp_path / "user"
    monkeypatch.setattr(config, "user_config_dir", lambda: user / "config")
    monkeypatch.setattr(config, "user_data_dir", lambda: user / "data")


@pytest.fixture
def admin_config(tmp_path: Path) -> Path:
    path = tmp_path / "admin.toml"
    path.write_text(ADMIN_CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def open_admin(
    admin_config: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    engines: list[sa.Engine],
    tmp_path: Path,
) -> Callable[[str], Admin]:
    """`open_admin(url)`: an administrator on `url`, with two people imported."""

    def open_(url: str) -> Admin:
        admin = Admin(url, admin_config, clock, capsys)
        staff = tmp_path / "staff.csv"
        staff.write_text(STAFF_CSV, encoding="utf-8")
        admin.ok("staff", "import", str(staff))
        return admin

    return open_


@pytest.fixture
def admin(database_url: str, open_admin: Callable[[str], Admin]) -> Admin:
    """An administrator on each database in turn (SQLite, PostgreSQL)."""
    return open_admin(database_url)


@pytest.fixture
def sqlite_admin(sqlite_url: str, open_admin: Callable[[str], Admin]) -> Admin:
    """An administrator on an SQLite file."""
    return open_admin(sqlite_url)
