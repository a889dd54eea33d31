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
        " byggas om (--employees används inte)"
    ),
    "cli.without_seat": (
        "{file}: {reason}; det här skrivbordet i läsläge har ingen plats, så en återställning"
        " väntar inte på det"
    ),
}
