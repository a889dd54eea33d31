"""Full garbage collections are off while desks run, and back as they were once the last stops."""

from __future__ import annotations

import gc

from reception_tui.tui.collector import IdleCollector


def test_the_last_app_to_stop_puts_back_what_the_first_found() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()

    collector.start()
    collector.start()  # a second desk in the same process
    collector.stop()
    assert gc.get_threshold()[:2] == before[:2]
    assert gc.get_threshold()[2] > before[2]  # still off: one desk runs

    collector.stop()
    assert gc.get_threshold() == before
    collector.stop()  # one stop too many changes nothing
    assert gc.get_threshold() == before
