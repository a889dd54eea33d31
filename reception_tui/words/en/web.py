"""The browser view's own words (en): the page `reception-tui serve` shows the manager's
screen in, and what it answers when it opens none."""

TEXT: dict[str, str] = {
    "web.refused_title": "The link's token is missing",
    "web.refused": (
        "This page opens only from the link the administrator gave you, the one that ends in "
        "?token=… Open that link again, or ask for a new one: unless a token is set in "
        "config.toml, each start of the server makes a new one."
    ),
    "web.full_title": "Every place is taken",
    "web.full": (
        "The manager's screen is open in {max_sessions} browser tabs already, as many as the "
        "server runs at once. Close a tab you no longer use, or try again in a while."
    ),
    "web.foreign_origin": "This page may only be opened from its own address.",
    "web.no_terminal_title": "Nothing to show here",
    "web.no_terminal": (
        "This address is the manager's screen's terminal, which its page connects to by "
        "itself. Open the link the administrator gave you."
    ),
    # The terminal's page: before it opens (?delay=1 in the link), and once it has closed.
    "web.start": "Open",
    "web.session_ended": "The manager's screen has closed.",
    "web.open_again": "Open again",
    # The terminal's page, when its terminal could not open: the cap, or a stopped server.
    "web.not_opened": (
        "The manager's screen could not be opened. It may be open in {max_sessions} tabs "
        "already, as many as the server runs at once, or the server may have stopped. Close a "
        "tab you no longer use, or try again in a while."
    ),
    "web.try_again": "Try again",
}
