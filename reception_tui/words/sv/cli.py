"""Kommandoradens ord (sv): vad varje kommando skriver, dess fel och dess hjälp."""

TEXT: dict[str, str] = {
    # --- hur varje meddelande sägs ---------------------------------------------------------------
    "cli.complaint": "reception-tui: {message}",
    "cli.option": "{option}: {problem}",
    "cli.config_error": "fel i inställningarna:\n{error}",
    "cli.database_error": "fel i databasen: {error}",
    "cli.cannot_open": "kan inte öppna databasen: {reason}",
    "cli.writes_read_only": "kommandot ändrar i databasen; det kan inte köras med --read-only",
    "cli.field_refused": "{option}: {problem}; inget ändrades",
    "cli.zero_to": "ange ett tal från 0 till {most}",
    "cli.at_least": "ange ett tal som är minst {number}",
    "cli.nothing_changed": "{error}; inget ändrades",
    # --- att hitta personer --------------------------------------------------------------------
    "cli.nobody_matches": "ingen aktiv person passar {who}",
    "cli.nobody_or_no_unit_matches": "ingen aktiv person eller enhet passar {who}",
    "cli.ambiguous": (
        "{option}: {who} passar {count} personer; inget ändrades. Ange id eller anknytning:"
        "\n{matches}{more}"
    ),
    "cli.and_more": "\n  ... och {count} till",
    # --- hänvisning ----------------------------------------------------------------------------
    "cli.unknown_status": "okänd status {status}; använd någon av {codes}",
    "cli.conflict": "någon hann före, inget ändrades: {error}",
    "cli.redirect_to_self": "en person kan inte hänvisas till sig själv",
    "cli.neither_colleague_nor_number": (
        "{text} är varken en aktiv person eller ett telefonnummer"
    ),
    "cli.expected_back": "(väntas åter)",
    "cli.redirected_to": "hänvisad till {target}",
    # --- ärenden -------------------------------------------------------------------------------
    "cli.not_an_email": "{address} är ingen e-postadress",
    "cli.no_way_to_answer": "ange --number eller --email, så att uppringaren kan få svar",
    "cli.caller_empty": "uppringarens namn är tomt",
    "cli.inquiry_added": (
        "ärende {id} till {name} från {caller} ({contact}), ska besvaras senast {due}"
    ),
    "cli.state.open": "öppet",
    "cli.state.closed": "stängt",
    "cli.state.overdue": "försenat",
    # --- tabeller ------------------------------------------------------------------------------
    "cli.column.id": "id",
    "cli.column.received": "kom in",
    "cli.column.due": "senast",
    "cli.column.state": "läge",
    "cli.column.for": "till",
    "cli.column.caller": "uppringare",
    "cli.column.contact": "kontakt",
    "cli.column.tries": "försök",
    "cli.column.name": "namn",
    "cli.column.unit": "enhet",
    "cli.column.title": "titel",
    "cli.column.ext": "ankn.",
    "cli.column.status": "status",
    "cli.column.redirect": "hänvisad till",
    "cli.column.return": "åter",
    "cli.inactive": "(inaktiv)",
    # --- personallistan ------------------------------------------------------------------------
    "cli.unknown_column": "{file}: okänd kolumn {column} hoppades över",
    "cli.too_many_deactivated": (
        "{file}: inget lästes in: {error}; så ser en export ut som bara har rubrikraden eller"
        " har klippts av.\n"
        "  skulle avaktiveras: {names}\n"
        "Om alla verkligen har slutat: kör igen med --allow-deactivating {count}"
        " (eller --partial för att inte avaktivera någon)."
    ),
    "cli.staff_imported": (
        "{rows} rader: {added} nya, {changed} ändrade, {deactivated} avaktiverade,"
        " {unchanged} oförändrade"
    ),
    "cli.staff_new_units": ", {count} nya enheter",
    "cli.staff_read_as": " (lästes som {encoding})",
    "cli.staff_dry_run": " (provkörning: inget skrevs)",
    "cli.staff_added_were": "nya: {names}",
    "cli.staff_added_would_be": "skulle läggas till: {names}",
    "cli.staff_changed_were": "ändrade: {names}",
    "cli.staff_changed_would_be": "skulle ändras: {names}",
    "cli.staff_deactivated_were": "avaktiverade: {names}",
    "cli.staff_deactivated_would_be": "skulle avaktiveras: {names}",
    "cli.staff_units_created_were": "nya enheter: {names}",
    "cli.staff_units_created_would_be": "enheter som skulle skapas: {names}",
    # --- databasens skötsel --------------------------------------------------------------------
    "cli.up_to_date": "databasen är aktuell (schemaversion {schema})",
    "cli.upgraded": "databasen uppgraderades från schemaversion {before} till {after}",
    "cli.purged": (
        "tog bort {inquiries} ärenden som stängdes för mer än {days} dagar sedan (med"
        " {attempts} försök till återkoppling) och {history} äldre poster om närvaro"
    ),
    "cli.would_purge": (
        "skulle ta bort {inquiries} ärenden som stängdes för mer än {days} dagar sedan (med"
        " {attempts} försök till återkoppling) och {history} äldre poster om närvaro"
        " (provkörning: inget ändrades)"
    ),
    "cli.password_left_out": (
        "# lösenordet är utelämnat: det efterfrågas, eller läses från ~/.pgpass eller PGPASSWORD"
    ),
    "cli.sqlite_only": "`db {command}` kopierar SQLite-filer; för PostgreSQL, kör raden ovan",
    "cli.backed_up": (
        "säkerhetskopierade {database} till {target} (schemaversion {schema}, {size} byte,"
        " bara du kan läsa den)"
    ),
    "cli.restore_desks_open": (
        "skrivbord har {database} öppen; stäng varje skrivbord som har den (Ctrl+Q) och"
        " försök igen; inget ändrades"
    ),
    "cli.restored": "återställde {source} till {database} (schemaversion {schema})",
    "cli.restored_upgraded": (
        "återställde {source} till {database} (schemaversion {schema}, uppgraderad från"
        " schemaversion {before})"
    ),
    "cli.replaced_kept": "databasen som ersattes finns kvar som {kept}",
    "cli.grant_needs_postgresql": (
        "`db grant-read-only` skapar en roll i PostgreSQL; en läsare av SQLite hålls till att"
        " läsa av --read-only och av filens rättigheter (se README)"
    ),
    "cli.grant_refused": (
        "databasen vägrade: {reason} (anslut som tabellernas ägare, med rätt att skapa roller)"
    ),
    "cli.role_created": (
        "rollen {role} skapades: den får bara läsa {tables} tabeller i schemat {schema} i"
        " databasen {database} (SELECT och LISTEN); dess sessioner börjar i läsläge"
    ),
    "cli.role_updated": (
        "rollen {role} uppdaterades: den får bara läsa {tables} tabeller i schemat {schema} i"
        " databasen {database} (SELECT och LISTEN); dess sessioner börjar i läsläge"
    ),
    "cli.role_password": (
        "den har inget lösenord från oss: sätt ett i psql med \\password {name}"
        " (eller ALTER ROLE {name} PASSWORD '...')"
    ),
    "cli.managers_connect": "chefer ansluter med: --read-only --database {url}",
    "cli.role_temporary": (
        "obs: som varje roll får den fortfarande skapa egna tillfälliga tabeller och stora"
        " objekt, aldrig skrivbordets; för att ta det från varje roll som inte behöver det:"
        " REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC; REVOKE EXECUTE ON FUNCTION"
        " lo_creat(integer), lo_create(oid), lo_from_bytea(oid, bytea) FROM PUBLIC"
    ),
    "cli.role_temporary_public": (
        "obs: som varje roll får den fortfarande skapa egna tillfälliga tabeller (TEMPORARY är"
        " givet till PUBLIC) och stora objekt, aldrig skrivbordets; för att ta det från varje"
        " roll som inte behöver det: REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC;"
        " REVOKE EXECUTE ON FUNCTION lo_creat(integer), lo_create(oid),"
        " lo_from_bytea(oid, bytea) FROM PUBLIC"
    ),
    # --- skrivbordets fil ----------------------------------------------------------------------
    "cli.file_gone": (
        "{path} raderades eller flyttades medan skrivbordet hade den öppen; inget sparades"
        " efter det"
    ),
    "cli.file_beside_old_journal": (
        "{path} byttes ut medan skrivbordet hade den öppen, men {name}-wal och {name}-shm"
        " bredvid den hör fortfarande till den gamla filen: ta bort dem när alla skrivbord är"
        " stängda, innan den nya filen öppnas, annars för SQLite in den gamla filens sista"
        " ändringar i den"
    ),
    "cli.file_unusable": (
        "{path} byttes ut mot en fil som skrivbordet inte kunde öppna; inget sparades efter det"
    ),
    "cli.demo_shared": (
        "demodatabasen {path} är öppen på ett annat skrivbord: den öppnas som den är, utan att"
        " byggas om (--employees och --inquiries används inte)"
    ),
    "cli.without_seat": (
        "{file}: {reason}; det här skrivbordet i läsläge har ingen plats, så en återställning"
        " väntar inte på det"
    ),
    # --- hjälp ---------------------------------------------------------------------------------
    "cli.help.config": (
        "inställningsfil (annars $RECEPTION_TUI_CONFIG, ./config.toml, användarens mapp)"
    ),
    "cli.help.database": (
        "databasens adress, före inställningarna: sqlite:///FIL eller postgresql+psycopg://..."
    ),
    "cli.help.as": "vem som sitter i växeln: visas i hälsningen, sparas vid varje ändring",
    "cli.help.demo": (
        "använd demodatabasen (byggs om när ett skrivbord startar på den och inget annat har"
        " den öppen)"
    ),
    "cli.help.read_only": "öppna databasen bara för läsning (chefer)",
    "cli.help.description": "Ett skrivbord för kommunens växel, gjort för tangentbordet.",
    "cli.help.epilog": (
        "Slutkoder: 0 klart, 1 databasen nås inte, 2 felaktig indata, 3 finns inte eller någon"
        " hann före."
    ),
    "cli.help.employees": "med --demo: hur många personer demon har (200 om inget anges)",
    "cli.help.inquiries": (
        "med --demo: hur många avslutade ärenden sedan 1 januari förra året (25 per person om"
        " inget anges, högst 100 000; upp till 1 000 000)"
    ),
    "cli.help.redirect": "sätt eller ta bort en status och hänvisning",
    "cli.help.who": "ett id, en anknytning eller ett namn som bara en person har",
    "cli.help.status": "statuskod eller benämning, stora eller små bokstäver (lunch, Möte)",
    "cli.help.clear": "tillgänglig igen, ingen hänvisning",
    "cli.help.until": "återkomst: 13:30, imorgon 8, mån, +2t, 3/12",
    "cli.help.to": "kollega eller nummer som samtalen går till",
    "cli.help.note": "en kort anteckning som visas med statusen",
    "cli.help.inquiry": "missade samtal och meddelanden",
    "cli.help.inquiry_add": "skriv upp ett missat samtal eller meddelande",
    "cli.help.for": "person eller enhet",
    "cli.help.caller": "uppringarens namn",
    "cli.help.number": "nummer att ringa tillbaka till (0280-181 00, +46...)",
    "cli.help.email": "e-postadress att svara till",
    "cli.help.subject": "vad det gäller",
    "cli.help.received": "när det kom in (annars nu): 10:42, igår 15:10",
    "cli.help.inquiry_list": "lista ärenden",
    "cli.help.open": "bara öppna, de mest brådskande först",
    "cli.help.json": "JSON för skript",
    "cli.help.staff": "personallistan",
    "cli.help.staff_import": "läs in personallistan från HR (CSV)",
    "cli.help.dry_run": "visa vad som skulle ändras, skriv inget",
    "cli.help.partial": "filen har bara en del av personalen: avaktivera ingen",
    "cli.help.allow_deactivating": (
        "låt en hel inläsning avaktivera upp till N personer även när det är fler än"
        " import.max_deactivated_share av personalen (eller filen saknar rader)"
    ),
    "cli.help.staff_list": "lista personer",
    "cli.help.all": "ta med inaktiva personer",
    "cli.help.db": "skötsel av databasen",
    "cli.help.db_upgrade": "kör väntande migreringar",
    "cli.help.db_purge": (
        "radera personuppgifter äldre än retention_days: stängda ärenden, historik om närvaro"
    ),
    "cli.help.purge_dry_run": "säg vad som skulle tas bort, ändra inget",
    "cli.help.db_backup": "kopiera SQLite-databasen till PATH (läge 0600)",
    "cli.help.backup_path": "säkerhetskopian som ska skrivas",
    "cli.help.force": "ersätt PATH om den finns",
    "cli.help.db_restore": "ersätt SQLite-databasen med säkerhetskopian PATH",
    "cli.help.restore_path": "en säkerhetskopia gjord med `db backup`",
    "cli.help.db_grant": (
        "PostgreSQL: gör ROLE till en inloggning som bara får läsa skrivbordets tabeller"
    ),
    "cli.help.role": "rollen som chefer loggar in som",
    "cli.help.commands": "kommandon",
    "cli.help.help": "visa den här hjälpen och avsluta",
    "cli.help.version": "visa versionen och avsluta",
    "cli.help.inquiry_show": "ett ärende med dess försök att ringa tillbaka",
    "cli.help.inquiry_id": "ärendets id (från inquiry list)",
    "cli.help.inquiry_reopen": "öppna ett stängt ärende igen",
    "cli.help.inquiry_attempt": "logga ett försök att ringa tillbaka",
    "cli.help.outcome": "hur det gick",
    "cli.help.at": "när det hände (annars nu): 10:42, igår 15:10, 2026-12-01 09:30",
    "cli.help.attempt_note": "en kort anteckning om försöket",
    "cli.help.inquiry_resolve": "stäng ett ärende som besvarat",
    "cli.help.channel": "hur det kom in",
    "cli.help.staff_search": "hitta personer som skrivbordets sökning gör",
    "cli.help.query": "ord som i skrivbordets sökruta: ann byg, bygglov",
    "cli.help.limit": "högst N, de bästa först",
    "cli.help.staff_file": "personallistan, en CSV-fil från HR",
    # --- argparses egna ord, efter vad den säger (cli._ARGPARSE_WORDS) --------------------------
    "cli.argparse.usage": "användning: ",
    "cli.argparse.positionals": "argument",
    "cli.argparse.options": "flaggor",
    "cli.argparse.argument": "argument {argument_name}: {message}",
    "cli.argparse.required": "följande argument krävs: {value}",
    "cli.argparse.one_of_required": "ett av argumenten {value} krävs",
    "cli.argparse.unrecognized": "okända argument: {value}",
    "cli.argparse.invalid_choice": "ogiltigt val: {value} (välj bland {choices})",
    "cli.argparse.unknown_command": "okänt kommando {parser_name} (välj bland {choices})",
    "cli.argparse.not_a_whole_number": "{value} är inget heltal",
    "cli.argparse.invalid_value": "ogiltigt värde: {value}",
    "cli.argparse.expected_one": "förväntade ett argument",
    "cli.argparse.expected_at_most_one": "förväntade högst ett argument",
    "cli.argparse.expected_at_least_one": "förväntade minst ett argument",
    "cli.argparse.expected_n": "förväntade {value} argument",
    "cli.argparse.not_allowed_with": "får inte användas med argumentet {value}",
    "cli.argparse.takes_no_value": "tar inget värde (fick {value})",
    "cli.argparse.ambiguous": "tvetydig flagga: {option} kan vara {matches}",
    "cli.argparse.unexpected_option": "oväntad flagga: {value}",
    "cli.empty_query": "QUERY: skriv ett ord att söka på (staff list visar alla)",
    "cli.already_open": "ärende {id} är redan öppet; inget ändrades",
    "cli.reopened": "ärende {id} till {name} från {caller} är öppet igen, senast {due}",
    "cli.attempt_logged": (
        "försök loggat på ärende {id} till {name} från {caller}: {outcome}, {at}"
    ),
    "cli.resolved": "ärende {id} till {name} från {caller} stängt som besvarat {at}",
    "cli.already_closed": "ärende {id} är redan stängt; inget ändrades",
    "cli.at_least_one": "{option}: ange ett tal, minst 1",
    "cli.no_attempts": "inga försök att ringa tillbaka ännu",
    "cli.conflict_nothing_changed": "någon hann före, inget ändrades: {error}",
    "cli.column.at": "när",
    "cli.column.by": "av",
    "cli.column.outcome": "utfall",
    "cli.column.note": "anteckning",
    "cli.column.channel": "kanal",
    "cli.column.subject": "ärende",
    "cli.column.closed": "stängt",
    "cli.help.report": "uppföljningen av svarstiderna per enhet och för hela organisationen",
    "cli.help.report_from": "första dagen, ÅÅÅÅ-MM-DD (annars förra kalenderåret)",
    "cli.help.report_to": (
        "sista dagen, ÅÅÅÅ-MM-DD (annars förra årets sista, eller i dag med --from)"
    ),
    "cli.help.report_unit": "bara den här enheten (kan ges flera gånger); annars alla",
    "cli.help.report_format": (
        "text för terminalen, csv för Excel, json för skript, html att skriva ut"
    ),
    "cli.help.report_output": "skriv till filen i stället för till terminalen",
    "cli.no_such_unit": "ingen enhet heter {name}",
    "cli.not_a_date": "{value} är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2026-01-31",
    "cli.report_written": "skrev uppföljningen för {start}–{end} till {path}",
    "cli.help.manager": "chefsvyn: en enhets personal, ärenden och uppföljning, bara för läsning",
    "cli.help.manager_unit": "visa den här enheten (kan ges flera gånger); annars [manager] units",
    "cli.help.serve": (
        "chefsvyn i en webbläsare, bara för läsning, bakom en hemlig åtkomstkod (tillägget web)"
    ),
    "cli.help.serve_host": "lyssna på den här adressen (annars [web] host, 127.0.0.1)",
    "cli.help.serve_port": "lyssna på den här porten, 0 för valfri ledig (annars [web] port, 8020)",
    "cli.help.serve_unit": "visa den här enheten (kan ges flera gånger); annars [manager] units",
    "cli.serve_link": (
        "Chefsvyn för {scope}, i en webbläsare, högst {max_sessions} flikar på en gång:\n"
        "{link}\n"
        "Ge länken bara till den som får se vyn: åtkomstkoden i den är nyckeln. Stoppa med Ctrl+C."
    ),
    "cli.serve_needs_web": (
        "serve behöver textual-serve: installera tillägget web (pip install 'reception-tui[web]')"
    ),
    "cli.serve_cannot_listen": "kan inte lyssna på {host} port {port}: {reason}",
    "cli.not_a_port": "{value} är ingen port: ge 0 till 65535 (0: valfri ledig)",
}
