"""reception-tui: a keyboard-first desk for a municipal switchboard."""

__version__ = "0.1.0"
