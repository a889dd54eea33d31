"""The manager's screen's words (en): the unit, its staff and inquiries, the follow-up, its keys."""

TEXT: dict[str, str] = {
    "manager.title": "Manager's view",
    "manager.people": "Staff · {away} of {total} away",
    "manager.open": "Open inquiries · {open}, {overdue} of them overdue",
    "manager.figures": "Follow-up · {period}",
    "manager.office_hours": "Times: office hours",
    "manager.total": "Total",
    "manager.chart": "Share answered within the deadline, week by week",
    "manager.chart_share": "{name}: {share}",
    "manager.chart_none": "{name}: nothing to measure",
    "manager.heat": "Received by weekday and hour: {count}",
    "manager.heat_none": "No inquiries came in during the period.",
    "manager.reading": "Reading…",
    "manager.counting": "Counting…",
    "manager.away_minutes": "{n} min",
    "manager.away_hours": "{n} h",
    "manager.away_days": "{n} d",
    "manager.age": "{n} d",
    "manager.dates_title": "Choose a period",
    "manager.dates_from": "From (YYYY-MM-DD)",
    "manager.dates_to": "To (YYYY-MM-DD)",
    "manager.dates_hint": "Enter shows the period · Esc cancels",
    "manager.dates_bad": "{value} is not a date: write YYYY-MM-DD, e.g. 2026-01-31",
    "col.away_for": "Away",
    "col.age": "Age",
    "col.channel": "Channel",
    "period.last_twelve_months": "the last 12 months",
    "period.this_week": "this week",
    "period.last_week": "last week",
    "period.this_month": "this month",
    "period.last_month": "last month",
    "period.this_year": "this year",
    "period.last_year": "last year",
    "action.period_previous": "Previous period",
    "action.period_previous.help": (
        "show the period before in the list: the last 12 months, this week, last week, this "
        "month, last month, this year, last year"
    ),
    "action.period_next": "Next period",
    "action.period_next.help": "show the next period in the list",
    "action.period_dates": "Choose dates",
    "action.period_dates.help": "type the period as two dates, from and to",
    "action.unit_next": "Next unit",
    "action.unit_next.help": "show the next unit (those given with --unit or in [manager])",
    "action.unit_previous": "Previous unit",
    "action.unit_previous.help": "show the unit before",
    "help.manager": (
        "The manager's view only reads: it changes nothing. What the switchboard saves shows "
        "here within a few seconds. Times count office hours from when the inquiry came in."
    ),
}
