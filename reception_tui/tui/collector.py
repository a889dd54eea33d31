"""Full garbage collections while nobody types, never in the middle of a keystroke.

A full collection scans every object the collector tracks: at 100,000 people one takes tens of
milliseconds, and Python starts one whenever enough objects have come and gone, so sooner or
later during a keystroke or a save. While a desk runs, automatic full collections are off (the
younger generations are still collected as usual); the desk's own data is frozen after each
load (`gc.freeze` in DeskScreen), and the rest is collected here once nobody has typed or
clicked for a moment. Several apps in one process (tests) share one setting: the last to stop
puts back what the first found.
"""

from __future__ import annotations

import gc
from time import monotonic

IDLE_BEFORE_COLLECTING = 2.0  # seconds without a key or a click
COLLECT_AT_MOST_EVERY = 30.0  # seconds
_NO_AUTOMATIC_FULL_COLLECTIONS = 1_000_000_000


class IdleCollector:
    def __init__(self) -> None:
        self._apps = 0
        self._thresholds = gc.get_threshold()
        self._last_input = self._last_collection = monotonic()

    def start(self) -> None:
        """An app starts: turn automatic full collections off (if no other app has)."""
        if self._apps == 0:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, _NO_AUTOMATIC_FULL_COLLECTIONS)
        self._apps += 1

    def stop(self) -> None:
        """An app stops: the last one puts back the thresholds and unfreezes what was frozen."""
        if self._apps == 0:
            return  # an app that never started
        self._apps -= 1
        if self._apps == 0:
            gc.set_threshold(*self._thresholds)
            gc.unfreeze()

    def input(self) -> None:
        """Someone pressed a key or clicked."""
        self._last_input = monotonic()

    def tick(self) -> None:
        """Called every second: collect if nobody has typed for a while, and not too often."""
        now = monotonic()
        idle = now - self._last_input >= IDLE_BEFORE_COLLECTING
        if idle and now - self._last_collection >= COLLECT_AT_MOST_EVERY:
            self._last_collection = now
            gc.collect()


COLLECTOR = IdleCollector()
