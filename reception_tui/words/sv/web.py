"""Webbvyns egna ord (sv): sidan som `reception-tui serve` visar chefsvyn i, och vad den
svarar när den inte öppnar någon."""

TEXT: dict[str, str] = {
    "web.refused_title": "Länkens åtkomstkod saknas",
    "web.refused": (
        "Sidan öppnas bara från länken som administratören gav dig, den som slutar på "
        "?token=… Öppna den länken igen eller be om en ny: om ingen åtkomstkod står i "
        "config.toml får servern en ny vid varje start."
    ),
    "web.full_title": "Alla platser är upptagna",
    "web.full": (
        "Chefsvyn är redan öppen i {max_sessions} flikar i webbläsare, så många som servern kör "
        "på en gång. Stäng en flik du inte längre använder, eller försök igen om en stund."
    ),
    "web.foreign_origin": "Sidan får bara öppnas från sin egen adress.",
    "web.no_terminal_title": "Här finns inget att visa",
    "web.no_terminal": (
        "Adressen är chefsvyns terminal, som sidan själv ansluter till. Öppna länken som "
        "administratören gav dig."
    ),
    # The terminal's page: before it opens (?delay=1 in the link), and once it has closed.
    "web.start": "Öppna",
    "web.session_ended": "Chefsvyn är stängd.",
    "web.open_again": "Öppna igen",
    # The terminal's page, when its terminal could not open: the cap, or a stopped server.
    "web.not_opened": (
        "Chefsvyn kunde inte öppnas. Kanske är den redan öppen i {max_sessions} flikar, så "
        "många som servern kör på en gång, eller så har servern stoppats. Stäng en flik du "
        "inte längre använder, eller försök igen om en stund."
    ),
    "web.try_again": "Försök igen",
}
