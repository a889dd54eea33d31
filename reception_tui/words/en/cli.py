"""The command line's words (en): what each command prints, its errors and its help."""

TEXT: dict[str, str] = {
    # --- how every message is said ---------------------------------------------------------------
    "cli.complaint": "reception-tui: {message}",
    "cli.option": "{option}: {problem}",
    "cli.config_error": "config error:\n{error}",
    "cli.database_error": "database error: {error}",
    "cli.cannot_open": "cannot open the database: {reason}",
    "cli.writes_read_only": "this command changes the database; it cannot run with --read-only",
    "cli.field_refused": "{option}: {problem}; nothing changed",
    "cli.zero_to": "give a number from 0 to {most}",
    "cli.at_least": "give a number of at least {number}",
    "cli.nothing_changed": "{error}; nothing changed",
    # --- finding people ------------------------------------------------------------------------
    "cli.nobody_matches": "no active employee matches {who}",
    "cli.nobody_or_no_unit_matches": "no active employee or unit matches {who}",
    "cli.ambiguous": (
        "{option}: {who} matches {count} employees; nothing changed. Use an id or extension:"
        "\n{matches}{more}"
    ),
    "cli.and_more": "\n  ... and {count} more",
    # --- redirect ------------------------------------------------------------------------------
    "cli.unknown_status": "unknown status {status}; use one of {codes}",
    "cli.conflict": "conflict, nothing changed: {error}",
    "cli.redirect_to_self": "cannot redirect someone to themselves",
    "cli.neither_colleague_nor_number": "{text} is neither an active employee nor a phone number",
    "cli.expected_back": "(expected back)",
    "cli.redirected_to": "redirected to {target}",
    # --- inquiries -----------------------------------------------------------------------------
    "cli.not_an_email": "{address} is not an e-mail address",
    "cli.no_way_to_answer": "give --number or --email, so that the caller can be answered",
    "cli.caller_empty": "the caller's name is empty",
    "cli.inquiry_added": "inquiry {id} for {name} from {caller} ({contact}), due {due}",
    "cli.state.open": "open",
    "cli.state.closed": "closed",
    "cli.state.overdue": "overdue",
    # --- tables --------------------------------------------------------------------------------
    "cli.column.id": "id",
    "cli.column.received": "received",
    "cli.column.due": "due",
    "cli.column.state": "state",
    "cli.column.for": "for",
    "cli.column.caller": "caller",
    "cli.column.contact": "contact",
    "cli.column.tries": "tries",
    "cli.column.name": "name",
    "cli.column.unit": "unit",
    "cli.column.title": "title",
    "cli.column.ext": "ext",
    "cli.column.status": "status",
    "cli.column.redirect": "redirect",
    "cli.column.return": "return",
    "cli.inactive": "(inactive)",
    # --- staff import --------------------------------------------------------------------------
    "cli.unknown_column": "{file}: unknown column {column} ignored",
    "cli.too_many_deactivated": (
        "{file}: nothing imported: {error}; a header-only or truncated export looks like this.\n"
        "  would deactivate: {names}\n"
        "If they have all left, run again with --allow-deactivating {count}"
        " (or --partial to deactivate no one)."
    ),
    "cli.staff_imported": (
        "{rows} rows: {added} added, {changed} changed, {deactivated} deactivated,"
        " {unchanged} unchanged"
    ),
    "cli.staff_new_units": ", {count} new units",
    "cli.staff_read_as": " (read as {encoding})",
    "cli.staff_dry_run": " (dry run: nothing written)",
    "cli.staff_added_were": "added (were): {names}",
    "cli.staff_added_would_be": "added (would be): {names}",
    "cli.staff_changed_were": "changed (were): {names}",
    "cli.staff_changed_would_be": "changed (would be): {names}",
    "cli.staff_deactivated_were": "deactivated (were): {names}",
    "cli.staff_deactivated_would_be": "deactivated (would be): {names}",
    "cli.staff_units_created_were": "units created (were): {names}",
    "cli.staff_units_created_would_be": "units created (would be): {names}",
    # --- database maintenance ------------------------------------------------------------------
    "cli.up_to_date": "the database is up to date (schema {schema})",
    "cli.upgraded": "upgraded the database from schema {before} to {after}",
    "cli.purged": (
        "purged {inquiries} inquiries closed more than {days} days ago (with {attempts}"
        " callback attempts) and {history} presence history entries older than that"
    ),
    "cli.would_purge": (
        "would purge {inquiries} inquiries closed more than {days} days ago (with {attempts}"
        " callback attempts) and {history} presence history entries older than that"
        " (dry run: nothing changed)"
    ),
    "cli.password_left_out": (
        "# the password is left out: it is asked for, or read from ~/.pgpass or PGPASSWORD"
    ),
    "cli.sqlite_only": "`db {command}` copies SQLite files; for PostgreSQL, run the above",
    "cli.backed_up": (
        "backed up {database} to {target} (schema {schema}, {size:,} bytes, readable by you only)"
    ),
    "cli.restore_desks_open": (
        "desks have {database} open; close every desk on it (Ctrl+Q) and try again; nothing changed"
    ),
    "cli.restored": "restored {source} into {database} (schema {schema})",
    "cli.restored_upgraded": (
        "restored {source} into {database} (schema {schema}, upgraded from schema {before})"
    ),
    "cli.replaced_kept": "the database it replaced is kept as {kept}",
    "cli.grant_needs_postgresql": (
        "`db grant-read-only` makes a PostgreSQL role; an SQLite reader is kept to reading"
        " by --read-only and by the file's permissions (see README)"
    ),
    "cli.grant_refused": (
        "the database refused: {reason} (connect as the tables' owner, with the right to"
        " create roles)"
    ),
    "cli.role_created": (
        "role {role} created: it may only read {tables} tables in schema {schema} of database"
        " {database} (SELECT and LISTEN); its sessions start read-only"
    ),
    "cli.role_updated": (
        "role {role} updated: it may only read {tables} tables in schema {schema} of database"
        " {database} (SELECT and LISTEN); its sessions start read-only"
    ),
    "cli.role_password": (
        "it has no password from us: set one in psql with \\password {name}"
        " (or ALTER ROLE {name} PASSWORD '...')"
    ),
    "cli.managers_connect": "managers connect with: --read-only --database {url}",
    "cli.role_temporary": (
        "note: like every role, it may still make temporary tables and large objects of its"
        " own, never the desk's; to take that from every role that does not need it:"
        " REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC; REVOKE EXECUTE ON FUNCTION"
        " lo_creat(integer), lo_create(oid), lo_from_bytea(oid, bytea) FROM PUBLIC"
    ),
    "cli.role_temporary_public": (
        "note: like every role, it may still make temporary tables (TEMPORARY is granted to"
        " PUBLIC) and large objects of its own, never the desk's; to take that from every role"
        " that does not need it: REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC;"
        " REVOKE EXECUTE ON FUNCTION lo_creat(integer), lo_create(oid),"
        " lo_from_bytea(oid, bytea) FROM PUBLIC"
    ),
    # --- the desk's file -----------------------------------------------------------------------
    "cli.file_gone": (
        "{path} was deleted or moved while the desk had it open; nothing was saved after"
    ),
    "cli.file_beside_old_journal": (
        "{path} was replaced while the desk had it open, but {name}-wal and {name}-shm beside"
        " it are still the old file's: with every desk closed, remove them before the new file"
        " is opened, or SQLite applies the old file's last changes to it"
    ),
    "cli.file_unusable": (
        "{path} was replaced by a file the desk could not open; nothing was saved after"
    ),
    "cli.demo_shared": (
        "the demo database {path} is open at another desk: opening it as it is, not rebuilt"
        " (--employees and --inquiries are ignored)"
    ),
    "cli.without_seat": (
        "{file}: {reason}; this read-only desk runs without a seat, so a restore will not wait"
        " for it"
    ),
    # --- help ----------------------------------------------------------------------------------
    "cli.help.config": "config file (else $RECEPTION_TUI_CONFIG, ./config.toml, user folder)",
    "cli.help.database": "database URL, overriding config: sqlite:///FILE or postgresql+psycopg://...",
    "cli.help.as": "who is at the desk: shown in the greeting, recorded on every change",
    "cli.help.demo": (
        "use the demo database (rebuilt when a desk starts on it and none has it open)"
    ),
    "cli.help.read_only": "open the database read-only (managers)",
    "cli.help.description": "A keyboard-first desk for the municipal switchboard.",
    "cli.help.epilog": (
        "Exit codes: 0 ok, 1 database unreachable, 2 bad input, 3 not found or conflict."
    ),
    "cli.help.employees": "with --demo: how many demo employees (default 200)",
    "cli.help.inquiries": (
        "with --demo: how many closed inquiries since 1 January last year (default 25 a person, at"
        " most 100,000; up to 1,000,000)"
    ),
    "cli.help.redirect": "set or clear a status and redirect",
    "cli.help.who": "an id, an extension or a unique name",
    "cli.help.status": "status code or label, any case (lunch, Meeting)",
    "cli.help.clear": "available again, no redirect",
    "cli.help.until": "return time: 13:30, tomorrow 8, mon, +2h, 3/12",
    "cli.help.to": "colleague or number calls go to",
    "cli.help.note": "a short note shown with the status",
    "cli.help.inquiry": "missed calls and messages",
    "cli.help.inquiry_add": "log a missed call or message",
    "cli.help.for": "employee or unit",
    "cli.help.caller": "the caller's name",
    "cli.help.number": "number to call back (0280-181 00, +46...)",
    "cli.help.email": "e-mail address to answer",
    "cli.help.subject": "what it is about",
    "cli.help.received": "when it came in (default now): 10:42, yesterday 15:10",
    "cli.help.inquiry_list": "list inquiries",
    "cli.help.open": "only open ones, most urgent first",
    "cli.help.json": "JSON for scripts",
    "cli.help.staff": "the staff list",
    "cli.help.staff_import": "import HR's staff CSV",
    "cli.help.dry_run": "show what would change, write nothing",
    "cli.help.partial": "the file lists only some staff: deactivate no one",
    "cli.help.allow_deactivating": (
        "let a full import deactivate up to N people even when that is more than"
        " import.max_deactivated_share of the staff (or the file has no rows)"
    ),
    "cli.help.staff_list": "list employees",
    "cli.help.all": "include inactive employees",
    "cli.help.db": "database maintenance",
    "cli.help.db_upgrade": "run pending migrations",
    "cli.help.db_purge": (
        "delete personal data older than retention_days: closed inquiries, presence history"
    ),
    "cli.help.purge_dry_run": "say what would go, change nothing",
    "cli.help.db_backup": "copy the SQLite database to PATH (mode 0600)",
    "cli.help.backup_path": "the backup file to write",
    "cli.help.force": "replace PATH if it exists",
    "cli.help.db_restore": "replace the SQLite database with the backup PATH",
    "cli.help.restore_path": "a backup made by `db backup`",
    "cli.help.db_grant": "PostgreSQL: make ROLE a login that may only read the desk's tables",
    "cli.help.role": "the role managers log in as",
    "cli.help.commands": "commands",
    "cli.help.help": "show this help and exit",
    "cli.help.version": "show the version and exit",
    "cli.help.inquiry_show": "one inquiry with its callback attempts",
    "cli.help.inquiry_id": "the inquiry's id (from inquiry list)",
    "cli.help.inquiry_reopen": "open a resolved inquiry again",
    "cli.help.inquiry_attempt": "log an attempt to call back",
    "cli.help.outcome": "how it went",
    "cli.help.at": "when it happened (default now): 10:42, yesterday 15:10, 2026-12-01 09:30",
    "cli.help.attempt_note": "a short note on the attempt",
    "cli.help.inquiry_resolve": "close an inquiry as answered",
    "cli.help.channel": "how it came in",
    "cli.help.staff_search": "find employees as the desk's search does",
    "cli.help.query": "words as typed at the desk: ann byg, bygglov",
    "cli.help.limit": "at most N, best first",
    "cli.help.staff_file": "the staff list, a CSV file from HR",
    # --- argparse's own words, by what it says (cli._ARGPARSE_WORDS) --------------------------
    "cli.argparse.usage": "usage: ",
    "cli.argparse.positionals": "positional arguments",
    "cli.argparse.options": "options",
    "cli.argparse.argument": "argument {argument_name}: {message}",
    "cli.argparse.required": "the following arguments are required: {value}",
    "cli.argparse.one_of_required": "one of the arguments {value} is required",
    "cli.argparse.unrecognized": "unrecognized arguments: {value}",
    "cli.argparse.invalid_choice": "invalid choice: {value} (choose from {choices})",
    "cli.argparse.unknown_command": "unknown command {parser_name} (choose from {choices})",
    "cli.argparse.not_a_whole_number": "{value} is not a whole number",
    "cli.argparse.invalid_value": "invalid value: {value}",
    "cli.argparse.expected_one": "expected one argument",
    "cli.argparse.expected_at_most_one": "expected at most one argument",
    "cli.argparse.expected_at_least_one": "expected at least one argument",
    "cli.argparse.expected_n": "expected {value} arguments",
    "cli.argparse.not_allowed_with": "not allowed with argument {value}",
    "cli.argparse.takes_no_value": "takes no value (got {value})",
    "cli.argparse.ambiguous": "ambiguous option: {option} could be {matches}",
    "cli.argparse.unexpected_option": "unexpected option: {value}",
    "cli.empty_query": "QUERY: give a word to search for (staff list shows everyone)",
    "cli.already_open": "inquiry {id} is open already; nothing changed",
    "cli.reopened": "inquiry {id} for {name} from {caller} is open again, due {due}",
    "cli.attempt_logged": (
        "attempt logged on inquiry {id} for {name} from {caller}: {outcome}, {at}"
    ),
    "cli.resolved": "inquiry {id} for {name} from {caller} resolved at {at}",
    "cli.already_closed": "inquiry {id} is closed already; nothing changed",
    "cli.at_least_one": "{option}: give a number of at least 1",
    "cli.no_attempts": "no callback attempts yet",
    "cli.conflict_nothing_changed": "someone was first, nothing changed: {error}",
    "cli.column.at": "at",
    "cli.column.by": "by",
    "cli.column.outcome": "outcome",
    "cli.column.note": "note",
    "cli.column.channel": "channel",
    "cli.column.subject": "subject",
    "cli.column.closed": "closed",
    "cli.help.report": "the follow-up of answer times per unit and for the whole organisation",
    "cli.help.report_from": "first day, YYYY-MM-DD (default: last calendar year)",
    "cli.help.report_to": (
        "last day, YYYY-MM-DD (default: the last of last year, or today with --from)"
    ),
    "cli.help.report_unit": "only this unit (may be given several times); default all",
    "cli.help.report_format": (
        "text for the terminal, csv for Excel, json for scripts, html to print"
    ),
    "cli.help.report_output": "write to the file instead of the terminal",
    "cli.no_such_unit": "no unit is called {name}",
    "cli.not_a_date": "{value} is not a date: write YYYY-MM-DD, e.g. 2026-01-31",
    "cli.report_written": "wrote the follow-up for {start}–{end} to {path}",
    "cli.help.manager": "the manager's view: a unit's staff, inquiries and follow-up, read-only",
    "cli.help.manager_unit": "show this unit (may be given several times); default [manager] units",
    "cli.help.serve": (
        "the manager's view in a browser, read-only, behind a secret token (the web extra)"
    ),
    "cli.help.serve_host": "listen on this address (default [web] host, 127.0.0.1)",
    "cli.help.serve_port": "listen on this port, 0 for any free one (default [web] port, 8020)",
    "cli.help.serve_unit": "show this unit (may be given several times); default [manager] units",
    "cli.serve_link": (
        "The manager's view of {scope}, in a browser, at most {max_sessions} tabs at once:\n"
        "{link}\n"
        "Give the link only to whom may see it: the token in it is the key. Stop with Ctrl+C."
    ),
    "cli.serve_needs_web": (
        "serve needs textual-serve: install the web extra (pip install 'reception-tui[web]')"
    ),
    "cli.serve_cannot_listen": "cannot listen on {host} port {port}: {reason}",
    "cli.not_a_port": "{value} is not a port: give 0 to 65535 (0: any free one)",
}
