"""Modal forms the desk opens over its main screen."""

from __future__ import annotations


def dialog_css(screen: str) -> str:
    """The centred, bordered dialog box (`#dialog`) that the desk's modals share."""
    return f"""
    {screen} {{
        align: center middle;
    }}
    {screen} > #dialog {{
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }}
"""
