"""Every word the program says in English, by area: the desk, its forms, the command line,
errors, config.toml's problems and the follow-up report."""

from reception_tui.words.en import cli, config, desk, errors, forms, manager, report

TEXT: dict[str, str] = {
    **desk.TEXT,
    **forms.TEXT,
    **cli.TEXT,
    **errors.TEXT,
    **config.TEXT,
    **report.TEXT,
    **manager.TEXT,
}
