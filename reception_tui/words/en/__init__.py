"""Every word the program says in English, by area: the desk, the command line, errors and
config.toml's problems."""

from reception_tui.words.en import cli, config, desk, errors

TEXT: dict[str, str] = {**desk.TEXT, **cli.TEXT, **errors.TEXT, **config.TEXT}
