"""Errors from the domain and the store, by code (en): `error.<code>`, and the words they use."""

TEXT: dict[str, str] = {
    # --- return and received times (domain/returns.py) -----------------------------------------
    "return.expected": (
        "write a time (13, 13:30, at 13), a day (tomorrow, mon, 3/12, 2026-12-03)"
        " or an offset (+30m, +2h)"
    ),
    "return.expected_received": (
        "write a time (10:42, at 10), a day and a time (yesterday 15:10, 27/11 15:10,"
        " 2026-11-27 15:10) or now"
    ),
    "return.later_date": "write a later date",
    "error.not_an_hour_ampm": "{hour} is not an hour with am/pm: write 1-12 (9am, 2:30pm) or 14:30",
    "error.not_a_minute": "{minute} is not a minute: minutes are 0-59 (13:30)",
    "error.not_an_hour": "{hour} is not an hour: hours are 0-23 (13, 13:30, at 13)",
    "error.not_a_time": "{text} is not a time: minutes are 0-59 (13:30)",
    "error.no_such_month": (
        "there is no month {month} in {text}: write day/month (3/12) or 2026-12-03"
    ),
    "error.no_such_date": (
        "the date {text} does not exist: write an existing date (3/12, 2026-12-03)"
    ),
    "error.cannot_read": "could not read {text}: {expected}",
    "error.offset_needs_unit": "{text} needs a unit: write +30m, +2h or +1d",
    "error.not_a_unit": "{unit} is not a unit in {text}: use m (minutes), h (hours), d (days)",
    "error.offset_not_positive": "an offset must be more than zero: {expected}",
    "error.too_far_ahead": (
        "{when} is more than a year ahead: write a return time within a year (366 days)"
    ),
    "error.skipped_time": (
        "{when} does not exist: the clocks go forward from {opens} to {closes} that night;"
        " write a time before {opens} or from {closes}"
    ),
    "error.no_return_time": "no return time given: {expected}",
    "error.no_opening": "{reason}",
    "error.day_passed": "{when} has already passed: write a later day",
    "error.time_passed": "{when} has already passed: write a time after now ({now})",
    "error.no_received_time": "no received time given: {expected}",
    "error.not_a_date_time": "{text} is not a valid date and time: {expected}",
    "error.received_in_future": "received time is in the future: {expected}",
    "error.received_after_now": (
        "received time is in the future ({when}, now {now}): write when the inquiry came in"
    ),
    "error.no_time_given": "no time given: {expected}",
    "error.time_in_future": "the time is in the future: {expected}",
    "error.time_after_now": "{when} is in the future (now {now}): write when it happened",
    "error.too_long_ago": "{when} is more than a year ago: {expected}",
    "error.needs_time_of_day": "{text} needs a time of day too: {expected}",
    "error.needs_time_of_day_read_as": (
        "{text} needs a time of day too (read as the day {day}): {expected}"
    ),
    # --- the working calendar (domain/calendar.py) ---------------------------------------------
    "error.no_working_day": "no working day within {span} days after {after}",
    "error.too_few_working_days": "no {count} working days within {span} days after {after}",
    "error.no_office_opening": (
        "no office opening within {span} days after {after}:"
        " no weekday from Monday to Friday has office hours"
    ),
    # --- follow-up periods (domain/periods.py) -------------------------------------------------
    "error.period_ends_before_start": "the period ends on {end}, before it starts on {start}",
    "error.period_date_out_of_range": "the date {date} is outside {first} to {last}",
    "error.period_too_long": "the period {start} to {end} is longer than {years} years",
    # --- status and return (domain/presence.py) ------------------------------------------------
    "error.needs_return": "{status} needs a return time",
    "error.return_passed": "the return time has already passed",
    # --- the database (store/engine.py, store/repository.py) -----------------------------------
    "error.no_database_read_only": "{path}: no such database (read-only mode does not create one)",
    "error.cannot_create_database": "cannot create the database {path}: {reason}",
    "error.folder_is_a_file": (
        "cannot create the folder {folder} for the database: {file} is a file, not a folder"
    ),
    "error.cannot_create_folder": "cannot create the folder {folder} for the database: {reason}",
    "error.no_such_database": "{path}: no such database",
    "error.cannot_read_database": "cannot read {path}: {reason}",
    "error.not_a_desk_database": "{path}: not a reception-tui database",
    "error.replaced_while_opening": "{path}: replaced again while being opened",
    "error.file_gone": (
        "{path}: the database file was deleted, moved or replaced after it was opened;"
        " nothing is written to it"
    ),
    "error.not_a_url": "{url} is not a database URL: use {supported}",
    "error.backend_unsupported": "{backend} is not supported: use {supported}",
    "error.driver_unsupported": "the driver {driver} is not supported: use {supported}",
    "error.sqlite_needs_file": "an SQLite database needs a file path: use {supported}",
    "error.bad_port": "port {port} is not a port number (1-65535)",
    "error.no_answer": "the database did not answer ({detail})",
    "error.lost_while_saving": (
        "the database did not answer ({detail}); the change may or may not have been saved"
    ),
    "error.no_employee": "no employee with id {id}",
    "error.no_active_employee": "no active employee with id {id}",
    "error.no_unit": "no unit with id {id}",
    "error.no_inquiry": "no inquiry with id {id}",
    "error.before_received": "{when} is before the inquiry came in ({received})",
    "error.after_now": "{when} is in the future (now {now})",
    "error.redirect_to_self": "a person cannot be redirected to themselves",
    "error.caller_name_empty": "the caller's name is empty",
    "error.inquiry_for_nobody": "an inquiry is for an employee or a unit",
    "error.presence_changed_by": "{by} changed this person's status to {status} at {at}",
    "error.presence_cleared": "this person's status was cleared by someone else meanwhile",
    "error.presence_same_moment": "someone else set this person's status at the same moment",
    "state.open": "open",
    "state.closed": "closed",
    "error.inquiry_changed": "this item was changed by someone else meanwhile (now {state})",
    "error.inquiry_added_by": "{by} added this item at {at} (now {state})",
    "error.inquiry_resolved_by": "{by} resolved this item at {at} (now {state})",
    "error.inquiry_reopened_by": "{by} reopened this item at {at} (now {state})",
    "error.inquiry_open": "inquiry {id} is already open",
    "error.inquiry_reassigned_by": "{by} reassigned this item at {at} (now {state})",
    "error.inquiry_changed_by": "{by} changed this item at {at} (now {state})",
    "error.too_many_deactivated": (
        "the file would deactivate {count} of {active} active employees (more than {share})"
    ),
    "error.deactivated_from_no_rows": (
        "the file would deactivate {count} of {active} active employees (it has no rows)"
    ),
    # --- schema, seats, backups (store/migrate.py, store/seats.py, store/backup.py) ------------
    "error.schema_behind": (
        "the database is at schema {current}, this version needs {head}:"
        " run `reception-tui db upgrade` first"
    ),
    "error.program_behind": (
        "this reception-tui is older than the database: the database is at schema {revision},"
        " this version knows schemas up to {head}; upgrade reception-tui"
    ),
    "error.desks_open": "desks have {path} open",
    "error.backup_exists": "{path} exists; give --force to replace it",
    "error.backup_is_database": "{path} is the database itself; name another file",
    "error.no_such_backup": "{path}: no such file",
    "error.backup_names_database": "{path} is the database itself; name a backup",
    "error.not_a_usable_backup": "{path} is not a usable backup: {reason}",
    "error.backup_without_schema": "{path} is not a reception-tui database (no schema version)",
    "error.backup_schema_unknown": (
        "{path} has schema {revision}, which this version does not know (it knows up to"
        " {head}): restore it with the version of reception-tui that made it"
    ),
    "error.backup_not_upgraded": "{path} has schema {revision} and could not be upgraded: {reason}",
    "error.database_busy": (
        "another program is using {path} (a script or a command still running);"
        " try again when it has finished"
    ),
    "error.no_such_folder": "cannot write {path}: no such folder {folder}",
    "error.cannot_write": "cannot write {path}: {reason}",
    "error.damaged": "it is damaged: {problem}",
    # --- PostgreSQL's read-only role (store/roles.py) ------------------------------------------
    "error.bad_role_name": (
        "{role} is not a role name this command makes: use 1-63 letters, digits, '_', '.' or"
        " '-', starting with a letter or '_'"
    ),
    "error.role_name_reserved": "{role}: names starting with pg_ are PostgreSQL's own",
    "error.no_schema": "the connection has no schema to work in (check search_path)",
    "error.role_is_connected": "{role} is the role this command is connected as; name another role",
    "error.role_is_superuser": "{role} is a superuser, which may always write; name another role",
    "error.role_creates_roles": (
        "{role} has CREATEROLE, so it could give itself the right to write; name another role"
    ),
    "error.tables_missing": (
        "schema {schema} lacks the desk's tables {tables}: run `reception-tui db upgrade` first"
    ),
    "error.power_almighty": "is a superuser or has CREATEROLE",
    "error.power_writes": "may write {tables}",
    "error.power_creates": "may create tables in {schema}",
    "error.role_still_writes": "{role} still {what} (it owns them, or PUBLIC may); nothing changed",
    "error.member_writes": (
        "'{role}' is a member of '{member}', which {what}: revoke that first"
        " (REVOKE {member} FROM {role}); nothing changed"
    ),
    # --- text that cannot be stored (domain/text.py, domain/limits.py) -------------------------
    "error.control_character": "holds a control character ({codepoint}) at position {position}",
    "error.too_long": "longer than {limit} characters",
    "error.name_too_long": (
        "the full name spelled out for sorting is longer than {limit} characters"
    ),
    "error.unprintable": "{problem}",
    "error.in_field": "{field}: {problem}",
    "field.unit.name": "unit name",
    "field.unit.phone_hours": "phone hours",
    "field.unit.unmanned_redirect": "redirect when unmanned",
    "field.employee.employee_number": "employee number",
    "field.employee.first_name": "first name",
    "field.employee.last_name": "last name",
    "field.employee.title": "title",
    "field.employee.extension": "extension",
    "field.employee.mobile": "mobile",
    "field.employee.email": "e-mail",
    "field.employee.keywords": "keywords",
    "field.employee.visiting_address": "visiting address",
    "field.employee.sort_key": "name",
    "field.presence.status_code": "status",
    "field.presence.redirect_number": "redirect number",
    "field.presence.note": "note",
    "field.inquiry.caller_name": "caller's name",
    "field.inquiry.caller_number": "caller's number",
    "field.inquiry.caller_email": "caller's e-mail",
    "field.inquiry.subject": "subject",
    "field.callback_attempt.note": "note on the attempt",
    "field.actor": "who is at the desk",
    # --- phone numbers (domain/phones.py) ------------------------------------------------------
    "error.empty_number": "the number is empty",
    "error.not_a_phone_number": "{text} is not a phone number",
    "error.invalid_number": "{text} is not a valid phone number",
    # --- the staff file (store/importer.py) ----------------------------------------------------
    "error.staff_file": "{source}: nothing imported, {count} problem(s):\n{problems}",
    "error.staff_more_problems": "... and {count} more",
    "error.staff_problem": "line {line}, {column}: {problem}",
    "error.staff_file_problem": "{column}: {problem}",
    "error.file_too_large": "larger than {megabytes} MB: not a staff list",
    "error.file_unreadable": "{reason}",
    "error.not_encoded_as": "not {encoding} text (byte {byte})",
    "error.file_empty": "the file is empty",
    "error.csv_unreadable": "not readable as CSV: {reason}",
    "error.bad_text": "{problem}",
    "error.column_twice": "the column appears twice",
    "error.missing_column": "missing column {column}",
    "error.no_key_column": "needs a column employee_id or email to match rows",
    "error.too_many_fields": "{fields} fields but the header has {columns}",
    "error.same_person": "the same person as on line {line}",
    "error.empty": "is empty",
    "error.no_identity": "is empty, and so is email: one of them identifies the person",
    "error.not_an_email": "{value} is not an e-mail address",
    "error.not_an_extension": "{value} is neither an extension (3-6 digits) nor a number",
    "error.not_a_mobile": "{value} is not a valid phone number",
    "error.supported_urls": "sqlite:///FILE or postgresql+psycopg://USER@HOST[:PORT]/DATABASE",
    "schema.none": "none",
}
