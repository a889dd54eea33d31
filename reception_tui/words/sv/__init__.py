"""Every word the program says in Swedish, by area: the desk, the command line, errors."""

from reception_tui.words.sv import cli, desk, errors

TEXT: dict[str, str] = {**desk.TEXT, **cli.TEXT, **errors.TEXT}
