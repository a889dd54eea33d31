"""Every word the program says in English, by area: the desk, its forms, the command
line, errors."""

from reception_tui.words.en import cli, desk, errors, forms

TEXT: dict[str, str] = {**desk.TEXT, **forms.TEXT, **cli.TEXT, **errors.TEXT}
