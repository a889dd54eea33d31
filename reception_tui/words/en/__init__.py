"""Every word the program says in English, by area: the desk, the command line, errors."""

from reception_tui.words.en import cli, desk, errors

TEXT: dict[str, str] = {**desk.TEXT, **cli.TEXT, **errors.TEXT}
