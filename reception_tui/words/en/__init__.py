"""Every word the program says in English, by area: the desk, its forms, the command line,
errors, config.toml's problems, the follow-up report and the browser view's pages."""

from reception_tui.words.en import cli, config, desk, errors, forms, manager, report, web

TEXT: dict[str, str] = {
    **desk.TEXT,
    **forms.TEXT,
    **cli.TEXT,
    **errors.TEXT,
    **config.TEXT,
    **report.TEXT,
    **manager.TEXT,
    **web.TEXT,
}
