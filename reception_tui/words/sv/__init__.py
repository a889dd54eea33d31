"""Every word the program says in Swedish, by area: the desk, its forms, the command line,
errors and config.toml's problems."""

from reception_tui.words.sv import cli, config, desk, errors, forms

TEXT: dict[str, str] = {**desk.TEXT, **forms.TEXT, **cli.TEXT, **errors.TEXT, **config.TEXT}
