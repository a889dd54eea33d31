"""Every action of the desk, once: its id, default keys, what it acts on, whether it writes.

The desk's bindings and footer, the help screen, the command palette, the read-only check,
`[keys]` in config.toml and README's key table all read this registry. Its words (a short name
and a sentence for help) are in the catalogue, under `action.<id>` and `action.<id>.help`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reception_tui.domain.records import InquiryState


class Target(Enum):
    """What an action acts on: the person under the grid's cursor, the inquiry under the
    queue's, or the desk as a whole."""

    PERSON = "person"
    INQUIRY = "inquiry"
    DESK = "desk"


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str
    """The default keys, as Textual names them ("f2", "alt+r"; several joined by ",")."""
    target: Target
    writes: bool = False
    """Changes data: hidden, and refused with a word, where the view only reads."""
    footer: bool = False
    """Shown in the footer (the rest are in help and in the palette)."""
    call: str = ""
    """The screen's action with its parameters ("quick(1)"); the id when empty."""
    words: str = ""
    """The catalogue's key for its words ("quick" for all four quick keys); the id when
    empty."""
    inquiry_state: InquiryState | None = None
    """The state an inquiry must be in for this action: it is offered only where the queue
    lists such inquiries (the closed ones in the filter for them, the open ones elsewhere).
    None: any inquiry, or none."""

    @property
    def method(self) -> str:
        return self.call or self.id

    @property
    def word_key(self) -> str:
        return self.words or self.id


QUICK_KEYS = 4
_OPEN, _CLOSED = InquiryState.OPEN, InquiryState.CLOSED  # what an inquiry action is for

ACTIONS: tuple[Action, ...] = (
    Action("help", "f1", Target.DESK, footer=True),
    Action("redirect", "f2", Target.PERSON, writes=True, footer=True),
    Action("message", "f3", Target.PERSON, writes=True, footer=True),
    Action("available", "f4", Target.PERSON, writes=True, footer=True),
    *(
        Action(
            f"quick_{n}", f"f{4 + n}", Target.PERSON, writes=True, call=f"quick({n})", words="quick"
        )
        for n in range(1, QUICK_KEYS + 1)
    ),
    Action("attempt", "f9", Target.INQUIRY, writes=True, footer=True, inquiry_state=_OPEN),
    Action("resolve", "alt+r", Target.INQUIRY, writes=True, footer=True, inquiry_state=_OPEN),
    Action("undo", "ctrl+z", Target.DESK, writes=True),
    Action("reopen", "alt+u", Target.INQUIRY, writes=True, footer=True, inquiry_state=_CLOSED),
    Action("reassign", "alt+a", Target.INQUIRY, writes=True, inquiry_state=_OPEN),
    Action("details", "alt+o", Target.INQUIRY),
    Action("queue_filter", "alt+v", Target.DESK),
    Action("reload", "ctrl+l", Target.DESK, call="app.reload"),
    Action("quit", "ctrl+q", Target.DESK),
)

_DESK = {action.id: action for action in ACTIONS}

# The manager's screen: it only reads, so its own actions move through units and periods;
# help, reload and quit are the desk's.
MANAGER_ACTIONS: tuple[Action, ...] = (
    _DESK["help"],
    Action("period_previous", "f5", Target.DESK, footer=True),
    Action("period_next", "f6", Target.DESK, footer=True),
    Action("period_dates", "f7", Target.DESK, footer=True),
    Action("unit_next", "f8", Target.DESK, footer=True),
    Action("unit_previous", "shift+f8", Target.DESK),
    _DESK["reload"],
    _DESK["quit"],
)

BY_ID: dict[str, Action] = {action.id: action for action in (*ACTIONS, *MANAGER_ACTIONS)}

DEFAULT_KEYS: dict[str, str] = {action.id: action.keys for action in BY_ID.values()}
"""Action id -> default keys: what `[keys]` in config.toml may remap."""


_BY_NAME: dict[str, Action] = {
    name: action for action in BY_ID.values() for name in (action.id, action.method.split("(")[0])
}


def named(name: str) -> Action | None:
    """An action by its id ("quick_1") or as the screen calls it ("quick", "quick(1)"); the
    quick keys differ only in their keys and words, so "quick" names one of them."""
    return _BY_NAME.get(name) or _BY_NAME.get(name.split("(")[0])


def writes(name: str) -> bool:
    """Whether an action changes data: by its id ("quick_1") or as the screen calls it
    ("quick", "quick(1)")."""
    action = named(name)
    return action is not None and action.writes


def show_keys(keys: str) -> str:
    """Keys as a person reads them: "f2,ctrl+e" -> "F2, Ctrl+E"."""
    return ", ".join(
        "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))
        for key in keys.split(",")
    )
