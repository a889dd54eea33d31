"""A field's own keys, handled in turn with what is typed into it.

Textual types a printable key into the focused field as soon as the field reads it, but runs
the field's key bindings (Backspace, Ctrl+U, arrows, Enter) only once the key has bubbled up to
the app. Typed slowly that makes no difference; in a burst (a fast typist, a slow remote
desktop, keys sent in one go) "ab", Backspace, "c" could end as "ab" and "x", Ctrl+U, "yz" as
nothing. Fields call `run_own_binding` first in their key handler, so their own keys act in the
order they were pressed.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run `widget`'s own (non-priority) binding for `event` now; True when one ran."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False
