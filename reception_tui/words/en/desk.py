"""The desk's own words (en): its lists, notices, keys and help."""

TEXT: dict[str, str] = {
    "search": "Search person, unit, title, extension or keyword …",
    "col.name": "Name",
    "col.unit": "Unit",
    "col.title": "Title",
    "col.extension": "Ext.",
    "col.status": "Status",
    "col.redirect": "Redirected to",
    "col.return": "Back",
    "col.for": "For",
    "col.caller": "Caller",
    "col.contact": "Number",
    "col.received": "Received",
    "col.due": "Due",
    "col.closed": "Closed",
    "col.attempts": "Tries",
    "expected_back": "expected back",
    "open": "Open",
    "closed": "Closed",
    "working_day": "working day",
    "not_working_day": "not a working day",
    "read_only": "READ-ONLY",
    "loading": "Loading …",
    "staff_summary": "{shown} of {total} people · {away} away",
    "staff_reading": "{total} people · reading, search waits …",
    "queue_summary": "{open} open · {overdue} overdue · {today} due today",
    "filter.all": "all",
    "filter.overdue": "overdue",
    "filter.employee": "for {name}",
    "filter.closed": "closed in the past week",
    "queue_closed_summary": "{shown} closed · {open} open",
    "queue_title": "Callbacks ({filter})",
    "no_employee": "Select a person first.",
    "no_inquiry": "Select an item in the queue first.",
    "resolved": "The item from {caller} is done. {keys} undoes it.",
    "reassigned": "The item from {caller} now goes to {name}.",
    "conflict": "Someone was first: {error}. Press again to retry.",
    "save_failed": "Could not save: {error}",
    "failed": "That did not work: {error}",
    "quick_missing": "No quick status on that key.",
    "fuzzy": "(approximate matches)",
    "help.title": "Keys",
    "help.letters": ("Letters always type into the search; / goes there. Esc clears the search."),
    "help.move": (
        "Enter or ↓ in the search moves to the list. Tab moves between search, people and queue."
    ),
    "help.close": "Esc closes",
    "reassign.title": "Move the item to",
    "reassign.hint": "Type a name, pick with ↓ and Enter. Esc cancels.",
    "action.help": "Help",
    "action.redirect": "Status/redirect",
    "action.message": "Message",
    "action.available": "Available",
    "action.attempt": "Log attempt",
    "action.resolve": "Done",
    "action.reassign": "Reassign",
    "action.reopen": "Reopen",
    "action.details": "Details",
    "action.queue_filter": "Filter",
    "action.reload": "Reload",
    "action.quit": "Quit",
    "action.palette": "Commands",
    "offline": "OFFLINE",
    "offline_notice": (
        "The database does not answer ({error}). The list shows what was last known; "
        "nothing can be saved until it answers again."
    ),
    "online": "The database answers again; the list is up to date.",
    "not_saved": "Not saved: the database does not answer. Try again when it is back.",
    "save_uncertain": (
        "Unclear whether it was saved: the connection broke midway. Check the row when "
        "the database answers again."
    ),
    "file_gone": "DATABASE FILE GONE",
    "file_replaced": "DATABASE FILE REPLACED",
    "file_gone_notice": (
        "The database file {path} is no longer there (deleted or moved). Nothing can be "
        "saved, and the list shows what was last known. Ask whoever runs the system to put "
        "the file back; the desk then carries on by itself. Do not restart meanwhile."
    ),
    "file_replaced_notice": (
        "The database file {path} was replaced while the desk had it open, and the old "
        "file's journal files (-wal, -shm) are still beside the new one. Nothing can be "
        "saved here any more. Quit the desk and ask whoever runs the system to check the "
        "files before anyone starts again."
    ),
    "file_unusable_notice": (
        "The database file {path} was replaced by a file the desk cannot open ({error}). "
        "Nothing can be saved. Quit the desk and start it again once the file is sorted out."
    ),
    "file_reopened": (
        "The database file {path} was replaced. The desk has opened the new file and read "
        "everyone again; saves now go there."
    ),
    "file_back": "The database file is back; saving works again.",
    "file_not_saved": "Not saved: the database file this desk opened is no longer there.",
    "demo_shared": (
        "The demo database is already open at another desk, so it was not rebuilt. This "
        "desk shows the same demo, and changes show at both."
    ),
    "config_reloaded": "The settings in config.toml now apply.",
    "config_restart": "{keys} applies only after a restart.",
    "config_failed": "config.toml is not used, the previous settings still apply:\n{error}",
    "staff_imported": (
        "Staff list {file} imported: {added} added, {changed} changed, "
        "{deactivated} deactivated, {unchanged} unchanged."
    ),
    "staff_columns_ignored": "Unknown columns skipped: {columns}.",
    "staff_import_failed": "Staff list not imported, nothing changed:\n{error}",
    "staff_too_many_deactivated": (
        "{file} would deactivate {count} of {active} active people ({reason}). That is "
        "what a header-only or cut-off export looks like. If they have all left, run "
        "reception-tui staff import {file} --allow-deactivating {count}."
    ),
    "staff_encoding": "The file was read as {encoding}.",
    "control_character": "{field}: the text holds a control character ({code}) that "
    "cannot be saved.",
    "staff_no_rows": "the file has no rows",
    "staff_share": "more than {share}",
    # The desk's actions: names (footer, palette) and what they do (help, README).
    "action.undo": "Undo",
    "action.help.help": "help: every key",
    "action.redirect.help": (
        "set status and redirect: filter the statuses by typing or pick with a digit, "
        "return time with a live preview, redirect to a colleague (by search) or a number, "
        "a note; Enter saves, Esc cancels"
    ),
    "action.message.help": (
        "take a message / log a missed call for the selected person (shows the due time)"
    ),
    "action.available.help": "available again: status, return time, redirect and note cleared",
    "action.quick.help": "quick status {status}, with its return time; redirect and note cleared",
    "action.attempt.help": (
        "log a callback attempt on the selected inquiry (reached, no answer, voicemail, "
        "wrong number)"
    ),
    "action.resolve.help": "resolve the selected inquiry (can be undone for a moment)",
    "action.undo.help": "undo the last resolve: the inquiry is open again",
    "action.reassign.help": "reassign the selected inquiry to another employee",
    "action.reopen.help": (
        "reopen the selected closed inquiry (in the queue filter for those closed in the past week)"
    ),
    "action.details.help": "details of the selected inquiry, with the history of attempts",
    "action.queue_filter.help": (
        "queue filter: all, overdue, for the selected person, closed in the past week"
    ),
    "action.reload.help": "reload from the database",
    "action.quit.help": "quit",
    "action.palette.help": "command palette: every action above, by name",
    "read_only_refused": "This view only reads; nothing is changed here.",
    "nothing_to_undo": "Nothing to undo.",
    "reopened": "The item from {caller} is open again.",
    "staff_empty": (
        "No staff yet. Import HR's list: reception-tui staff import FILE.csv "
        "(columns first_name;last_name;title;unit;extension;email, see README), "
        "or look around with reception-tui --demo."
    ),
    "expected_back_status": "Expected back ({status})",
    "late_minutes": "{n} min late",
    "late_hours": "{n} h late",
    "late_days": "{n} d late",
    "palette.placeholder": "Search the commands …",
    "palette.nothing_found": "No command matches",
    "name.title": "Welcome to the switchboard",
    "name.why": (
        "What is your name? It is in the greeting and on everything you change. It is kept "
        "in your config.toml, so you are asked only now. (Esc: go on as {login} this time.)"
    ),
    "name.placeholder": "First and last name",
    "name.field": "Name",
    "name.keys": "Enter saves · Esc skips",
    "name.empty": "Type your name, or Esc to skip.",
    "name.saved": "Hello {name}! Your name is now in {path}.",
    "name.not_saved": "Your name could not be kept in {path} ({error}); it holds for now.",
    "date.back": "back {moment}",
    "date.yesterday": "yesterday",
    "date.tomorrow": "tomorrow",
    "date.today": "today",
    "date.in_two_days": "the day after tomorrow",
    "date.next_working_day": "next working day",
    "staff_not_imported": "{path}: not imported: {error}",
    "quit_hint": "The desk closes with {keys}.",
    "redirect_target.looks_like_time": (
        "{field}: “{value}” looks like a time ({clock}), not a "
        "number: put the time in {time_field}."
    ),
    "redirect_target.unknown_extension": "{field}: nobody has extension {value}.",
    "redirect_target.own_extension": (
        "{field}: {value} is their own extension. Redirect to someone else."
    ),
    "redirect_target.not_a_number": (
        "{field}: “{value}” is neither a colleague, an extension nor a valid phone number."
    ),
}
