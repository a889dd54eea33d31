"""Chefsvyns ord (sv): enheten, dess personal och ärenden, uppföljningen och dess tangenter."""

TEXT: dict[str, str] = {
    "manager.title": "Chefsvy",
    "manager.people": "Personal · {away} av {total} borta",
    "manager.open": "Öppna ärenden · {open}, varav {overdue} försenade",
    "manager.figures": "Uppföljning · {period}",
    "manager.office_hours": "Tid i kontorstimmar",
    "manager.total": "Totalt",
    "manager.chart": "Andel besvarade inom tid, vecka för vecka",
    "manager.chart_share": "{name}: {share}",
    "manager.chart_none": "{name}: inget att mäta",
    "manager.heat": "Inkomna per veckodag och timme: {count}",
    "manager.heat_none": "Inga ärenden kom in under perioden.",
    "manager.reading": "Läser in…",
    "manager.counting": "Räknar…",
    "manager.away_minutes": "{n} min",
    "manager.away_hours": "{n} tim",
    "manager.away_days": "{n} d",
    "manager.age": "{n} d",
    "manager.dates_title": "Välj period",
    "manager.dates_from": "Från (ÅÅÅÅ-MM-DD)",
    "manager.dates_to": "Till (ÅÅÅÅ-MM-DD)",
    "manager.dates_hint": "Enter visar perioden · Esc avbryter",
    "manager.dates_bad": "{value} är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31",
    "col.away_for": "Borta",
    "col.age": "Ålder",
    "col.channel": "Kanal",
    "period.last_twelve_months": "senaste 12 månaderna",
    "period.this_week": "den här veckan",
    "period.last_week": "förra veckan",
    "period.this_month": "den här månaden",
    "period.last_month": "förra månaden",
    "period.this_year": "i år",
    "period.last_year": "förra året",
    "action.period_previous": "Förra perioden",
    "action.period_previous.help": (
        "visa perioden före i listan: senaste 12 månaderna, veckan, förra veckan, månaden, "
        "förra månaden, året, förra året"
    ),
    "action.period_next": "Nästa period",
    "action.period_next.help": "visa nästa period i listan",
    "action.period_dates": "Välj datum",
    "action.period_dates.help": "skriv perioden som två datum, från och till",
    "action.unit_next": "Nästa enhet",
    "action.unit_next.help": "visa nästa enhet (de som getts med --unit eller i [manager])",
    "action.unit_previous": "Förra enheten",
    "action.unit_previous.help": "visa enheten före",
    "help.manager": (
        "Chefsvyn läser bara: den ändrar inget. Det växeln sparar syns här inom ett par "
        "sekunder. Tider räknas i kontorstid från det ärendet kom in."
    ),
}
