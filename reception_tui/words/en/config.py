"""What is wrong with config.toml (en): the file, its TOML and each setting, by code."""

TEXT: dict[str, str] = {
    # --- where ---------------------------------------------------------------------------------
    "config.at_line": "{path}, line {line}",
    "config.one_of": "{choices} or {last}",
    # --- finding and reading the file ----------------------------------------------------------
    "error.config_not_found_given": "no such config file (given with --config)",
    "error.config_not_found_named": "no such config file (named by ${variable})",
    "error.config_unreadable": "cannot read ({reason})",
    "error.config_utf16": 'the file is UTF-16 text (Notepad\'s "Unicode"): save it as UTF-8',
    "error.config_not_utf8": (
        'not UTF-8 text (byte {byte} at column {column}; was it saved as Windows-1252, "ANSI"?):'
        " save the file as UTF-8"
    ),
    "error.config_invalid_toml": "invalid TOML: {detail}",
    "error.config_invalid_toml_at": "invalid TOML: {detail} (column {column})",
    "error.config_invalid_toml_at_end": "invalid TOML: {detail} (at the end of the file)",
    "error.config_long_number": "invalid TOML: a number of {digits} digits",
    "error.config_too_deep": "lists or tables nested more than {levels} levels deep",
    # --- what tomllib finds wrong, in its own order ----------------------------------------------
    "error.toml_invalid_statement": "invalid statement",
    "error.toml_statement_not_ended": "expected a new line or the end of the file after a value",
    "error.toml_expected": "expected {what}",
    "error.toml_invalid_character": "found invalid character {char}",
    "error.toml_declared_twice": "cannot declare {name} twice",
    "error.toml_value_overwritten": "cannot overwrite a value",
    "error.toml_table_header_unclosed": "expected ']' at the end of a table declaration",
    "error.toml_immutable": "cannot change {name} here: it was given in full before",
    "error.toml_array_header_unclosed": "expected ']]' at the end of an array declaration",
    "error.toml_namespace_redefined": "cannot redefine {name}",
    "error.toml_no_equals": "expected '=' after a key",
    "error.toml_bad_key_start": "invalid first character of a key",
    "error.toml_array_unclosed": "unclosed list",
    "error.toml_inline_key_twice": "the key {name} appears twice in the table",
    "error.toml_inline_table_unclosed": "unclosed table",
    "error.toml_unescaped_backslash": "a lone '\\' in a string",
    "error.toml_bad_hex": "invalid hex value",
    "error.toml_not_a_scalar": "the escaped character is not a Unicode character",
    "error.toml_unterminated_string": "unterminated string",
    "error.toml_illegal_character": "illegal character {char}",
    "error.toml_bad_datetime": "invalid date or date and time",
    "error.toml_invalid_value": "invalid value",
    # --- a setting's value ---------------------------------------------------------------------
    "error.config_unknown_key": "unknown key",
    "error.config_unknown_key_like": "unknown key (did you mean {suggestion}?)",
    "error.config_key_unprintable": "a key {problem}",
    "error.config_missing": "missing (this key is required)",
    "error.config_not_whole_number": "expected a whole number, got {given}",
    "error.config_not_a_number": "expected a number, got {given}",
    "error.config_not_true_or_false": "expected true or false, got {given}",
    "error.config_not_text": "expected text in quotes, got {given}",
    "error.config_not_a_table": "expected a table of settings",
    "error.config_not_a_list": "expected a list ([[...]] tables)",
    "error.config_not_allowed": "{given} is not allowed; use {expected}",
    "error.config_at_least": "{given} is too small; must be at least {limit}",
    "error.config_at_most": "{given} is too large; must be at most {limit}",
    "error.config_more_than": "{given} is too small; must be more than {limit}",
    "error.config_less_than": "{given} is too large; must be less than {limit}",
    "error.config_invalid": "{given} cannot be used here",
    "error.config_empty": "must not be empty",
    "error.config_not_an_email": "{value} is not an e-mail address",
    "error.config_not_a_time_zone": "{value} is not a time zone (e.g. 'Europe/Stockholm')",
    "error.config_not_hours": '{text} is not "HH:MM-HH:MM" (or "" for closed)',
    "error.config_not_a_time_of_day": "{text} is not a time of day",
    "error.config_closes_before_opens": "{text} closes before it opens",
    "error.config_never_open": (
        "no weekday from monday to friday has hours, so the office never opens on a working day:"
        ' give at least one of them hours (monday = "08:00-16:30")'
    ),
    "error.config_bad_status_code": (
        "{value} must be lower-case letters a-z, digits, '_' or '-' (no spaces)"
    ),
    "error.config_code_taken": "{code} is already used by {first}",
    "error.config_no_clearing_status": (
        "needs a status with available = true and needs_return = false"
    ),
    "error.config_not_a_colour": "{value} is not a colour (a Rich colour name or #rrggbb)",
    "error.config_not_a_status": "{code} is not one of the statuses' codes",
    "error.config_unknown_action": "unknown action {action}; actions are {known}",
    "error.config_not_a_key": "{value} is not a key (e.g. 'f2', 'ctrl+e', 'alt+r')",
    "error.config_demo_database": "{url} is the demo database; choose another file",
    "error.config_token_short": (
        'a token of {length} characters is too short: give at least {limit}, or "" for a new'
        " one at every start"
    ),
    "error.config_token_characters": (
        "a token may hold only the letters A-Z and a-z, digits, '-' and '_'"
    ),
    "error.config_not_a_host": '{value} is neither an IP address nor a host name ("127.0.0.1")',
    "error.config_not_a_public_url": (
        '{value} is no address such as "https://intranet.example.org/manager" (http or https,'
        " without ? or #)"
    ),
}
