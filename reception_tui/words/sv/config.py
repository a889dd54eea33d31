"""Vad som är fel i config.toml (sv): filen, dess TOML och varje inställning, efter kod."""

TEXT: dict[str, str] = {
    # --- var -----------------------------------------------------------------------------------
    "config.at_line": "{path}, rad {line}",
    "config.one_of": "{choices} eller {last}",
    # --- att hitta och läsa filen --------------------------------------------------------------
    "error.config_not_found_given": "inställningsfilen finns inte (angiven med --config)",
    "error.config_not_found_named": "inställningsfilen finns inte (angiven i ${variable})",
    "error.config_unreadable": "kan inte läsas ({reason})",
    "error.config_utf16": (
        'filen är sparad som UTF-16 ("Unicode" i Anteckningar): spara den som UTF-8'
    ),
    "error.config_not_utf8": (
        "ingen UTF-8-text (byte {byte} i kolumn {column}; sparades den som Windows-1252,"
        ' "ANSI"?): spara filen som UTF-8'
    ),
    "error.config_invalid_toml": "ogiltig TOML: {detail}",
    "error.config_invalid_toml_at": "ogiltig TOML: {detail} (kolumn {column})",
    "error.config_invalid_toml_at_end": "ogiltig TOML: {detail} (i slutet av filen)",
    "error.config_long_number": "ogiltig TOML: ett tal med {digits} siffror",
    "error.config_too_deep": "listor eller tabeller i mer än {levels} nivåer",
    # --- vad tomllib hittar för fel, i dess egen ordning ---------------------------------------
    "error.toml_invalid_statement": "ogiltig rad",
    "error.toml_statement_not_ended": "förväntade en ny rad eller filens slut efter ett värde",
    "error.toml_expected": "förväntade {what}",
    "error.toml_invalid_character": "ogiltigt tecken {char}",
    "error.toml_declared_twice": "{name} anges två gånger",
    "error.toml_value_overwritten": "ett värde kan inte skrivas över",
    "error.toml_table_header_unclosed": "förväntade ']' i slutet av tabellens rubrik",
    "error.toml_immutable": "{name} kan inte ändras här: den är redan angiven i sin helhet",
    "error.toml_array_header_unclosed": "förväntade ']]' i slutet av listans rubrik",
    "error.toml_namespace_redefined": "{name} kan inte anges på nytt",
    "error.toml_no_equals": "förväntade '=' efter en nyckel",
    "error.toml_bad_key_start": "ogiltigt första tecken i en nyckel",
    "error.toml_array_unclosed": "listan avslutas aldrig",
    "error.toml_inline_key_twice": "nyckeln {name} finns två gånger i tabellen",
    "error.toml_inline_table_unclosed": "tabellen avslutas aldrig",
    "error.toml_unescaped_backslash": "ett ensamt '\\' i en text",
    "error.toml_bad_hex": "ogiltigt hexadecimalt värde",
    "error.toml_not_a_scalar": "det kodade tecknet är inget Unicode-tecken",
    "error.toml_unterminated_string": "texten avslutas aldrig",
    "error.toml_illegal_character": "otillåtet tecken {char}",
    "error.toml_bad_datetime": "ogiltigt datum eller ogiltig tidpunkt",
    "error.toml_invalid_value": "ogiltigt värde",
    # --- en inställnings värde -----------------------------------------------------------------
    "error.config_unknown_key": "okänd nyckel",
    "error.config_unknown_key_like": "okänd nyckel (menade du {suggestion}?)",
    "error.config_key_unprintable": "en nyckel {problem}",
    "error.config_missing": "saknas (nyckeln krävs)",
    "error.config_not_whole_number": "förväntade ett heltal, fick {given}",
    "error.config_not_a_number": "förväntade ett tal, fick {given}",
    "error.config_not_true_or_false": "förväntade true eller false, fick {given}",
    "error.config_not_text": "förväntade text inom citattecken, fick {given}",
    "error.config_not_a_table": "förväntade en tabell med inställningar",
    "error.config_not_a_list": "förväntade en lista ([[...]]-tabeller)",
    "error.config_not_allowed": "{given} är inte tillåtet; använd {expected}",
    "error.config_at_least": "{given} är för litet; måste vara minst {limit}",
    "error.config_at_most": "{given} är för stort; får vara högst {limit}",
    "error.config_more_than": "{given} är för litet; måste vara mer än {limit}",
    "error.config_less_than": "{given} är för stort; måste vara mindre än {limit}",
    "error.config_invalid": "{given} kan inte användas här",
    "error.config_empty": "får inte vara tom",
    "error.config_not_an_email": "{value} är ingen e-postadress",
    "error.config_not_a_time_zone": "{value} är ingen tidszon (t.ex. 'Europe/Stockholm')",
    "error.config_not_hours": '{text} är inte "TT:MM-TT:MM" (eller "" för stängt)',
    "error.config_not_a_time_of_day": "{text} är ingen tid på dygnet",
    "error.config_closes_before_opens": "{text} stänger innan det öppnar",
    "error.config_never_open": (
        "ingen veckodag från monday till friday har öppettider, så kontoret öppnar aldrig en"
        ' arbetsdag: ge minst en av dem öppettider (monday = "08:00-16:30")'
    ),
    "error.config_bad_status_code": (
        "{value} får bara ha små bokstäver a-z, siffror, '_' eller '-' (inga mellanslag)"
    ),
    "error.config_code_taken": "{code} används redan av {first}",
    "error.config_no_clearing_status": (
        "behöver en status med available = true och needs_return = false"
    ),
    "error.config_not_a_colour": "{value} är ingen färg (ett färgnamn i Rich eller #rrggbb)",
    "error.config_not_a_status": "{code} är ingen av statusarnas koder",
    "error.config_unknown_action": "okänd åtgärd {action}; åtgärderna är {known}",
    "error.config_not_a_key": "{value} är ingen tangent (t.ex. 'f2', 'ctrl+e', 'alt+r')",
    "error.config_demo_database": "{url} är demodatabasen; välj en annan fil",
    "error.config_token_short": (
        'en åtkomstkod på {length} tecken är för kort: ge minst {limit}, eller "" för en ny vid'
        " varje start"
    ),
    "error.config_token_characters": (
        "en åtkomstkod får bara ha bokstäverna A-Z och a-z, siffror, '-' och '_'"
    ),
    "error.config_not_a_host": '{value} är varken en IP-adress eller ett värdnamn ("127.0.0.1")',
    "error.config_not_a_public_url": (
        '{value} är ingen adress som "https://intranet.example.org/chef" (http eller https,'
        " utan ? och #)"
    ),
}
