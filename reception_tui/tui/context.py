"""What the app's screens share: the settings in force, the repository, the clock, whether
this seat only reads, and the desk's model of what has been read."""

from __future__ import annotations

from dataclasses import dataclass

from reception_tui.clock import Clock
from reception_tui.config import Settings
from reception_tui.domain.desk import DeskModel
from reception_tui.domain.presence import StatusCode
from reception_tui.store.repository import Repository


@dataclass
class DeskContext:
    settings: Settings
    repository: Repository
    clock: Clock
    read_only: bool
    model: DeskModel

    @property
    def language(self) -> str:
        return self.settings.organisation.language

    @property
    def statuses(self) -> tuple[StatusCode, ...]:
        return self.model.statuses

    @property
    def default_status(self) -> str:
        return self.settings.available_status().code
