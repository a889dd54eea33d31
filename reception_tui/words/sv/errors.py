"""Fel från domänen och lagringen, efter kod (sv): `error.<kod>`, och orden de använder."""

TEXT: dict[str, str] = {
    # --- återkomsttider och när något kom in (domain/returns.py) -------------------------------
    "return.expected": (
        "skriv en tid (13, 13:30, kl 13), en dag (imorgon, mån, 3/12, 2026-12-03)"
        " eller en stund framåt (+30m, +2t)"
    ),
    "return.expected_received": (
        "skriv en tid (10:42, kl 10), en dag och en tid (igår 15:10, 27/11 15:10,"
        " 2026-11-27 15:10) eller nu"
    ),
    "return.later_date": "skriv ett senare datum",
    "error.not_an_hour_ampm": (
        "{hour} är ingen timme med am/pm: skriv 1-12 (9am, 2:30pm) eller 14:30"
    ),
    "error.not_a_minute": "{minute} är ingen minut: minuterna går från 0 till 59 (13:30)",
    "error.not_an_hour": "{hour} är ingen timme: timmarna går från 0 till 23 (13, 13:30, kl 13)",
    "error.not_a_time": "{text} är ingen tid: minuterna går från 0 till 59 (13:30)",
    "error.no_such_month": (
        "det finns ingen månad {month} i {text}: skriv dag/månad (3/12) eller 2026-12-03"
    ),
    "error.no_such_date": (
        "datumet {text} finns inte: skriv ett datum som finns (3/12, 2026-12-03)"
    ),
    "error.cannot_read": "kunde inte läsa {text}: {expected}",
    "error.offset_needs_unit": "{text} behöver en enhet: skriv +30m, +2t eller +1d",
    "error.not_a_unit": (
        "{unit} är ingen enhet i {text}: använd m (minuter), t (timmar), d (dagar)"
    ),
    "error.offset_not_positive": "en stund framåt måste vara mer än noll: {expected}",
    "error.too_far_ahead": (
        "{when} ligger mer än ett år fram: skriv en återkomst inom ett år (366 dagar)"
    ),
    "error.skipped_time": (
        "{when} finns inte: klockan ställs fram från {opens} till {closes} den natten;"
        " skriv en tid före {opens} eller från {closes}"
    ),
    "error.no_return_time": "ingen återkomst angiven: {expected}",
    "error.no_opening": "{reason}",
    "error.day_passed": "{when} har redan varit: skriv en senare dag",
    "error.time_passed": "{when} har redan varit: skriv en tid efter nu ({now})",
    "error.no_received_time": "ingen tid angiven för när det kom in: {expected}",
    "error.not_a_date_time": "{text} är inget giltigt datum med tid: {expected}",
    "error.received_in_future": "tiden då det kom in ligger i framtiden: {expected}",
    "error.received_after_now": (
        "tiden då det kom in ligger i framtiden ({when}, nu {now}): skriv när ärendet kom in"
    ),
    "error.no_time_given": "ingen tid angiven: {expected}",
    "error.time_in_future": "tiden ligger i framtiden: {expected}",
    "error.time_after_now": "{when} ligger i framtiden (nu {now}): skriv när det hände",
    "error.too_long_ago": "{when} är mer än ett år sedan: {expected}",
    "error.needs_time_of_day": "{text} behöver en tid på dagen också: {expected}",
    "error.needs_time_of_day_read_as": (
        "{text} behöver en tid på dagen också (läst som dagen {day}): {expected}"
    ),
    # --- arbetskalendern (domain/calendar.py) --------------------------------------------------
    "error.no_working_day": "ingen arbetsdag inom {span} dagar efter {after}",
    "error.too_few_working_days": "inte {count} arbetsdagar inom {span} dagar efter {after}",
    "error.no_office_opening": (
        "kontoret öppnar inte inom {span} dagar efter {after}:"
        " ingen veckodag från måndag till fredag har öppettider"
    ),
    # --- uppföljningens perioder (domain/periods.py) -------------------------------------------
    "error.period_ends_before_start": "perioden slutar {end}, innan den börjar {start}",
    "error.period_date_out_of_range": "datumet {date} ligger utanför {first}–{last}",
    "error.period_too_long": "perioden {start}–{end} är längre än {years} år",
    # --- status och återkomst (domain/presence.py) ----------------------------------------------
    "error.needs_return": "{status} kräver en återkomsttid",
    "error.return_passed": "återkomsttiden har redan varit",
    # --- databasen (store/engine.py, store/repository.py) --------------------------------------
    "error.no_database_read_only": (
        "{path}: databasen finns inte (endast läsning skapar ingen ny)"
    ),
    "error.cannot_create_database": "kan inte skapa databasen {path}: {reason}",
    "error.folder_is_a_file": (
        "kan inte skapa mappen {folder} för databasen: {file} är en fil, inte en mapp"
    ),
    "error.cannot_create_folder": "kan inte skapa mappen {folder} för databasen: {reason}",
    "error.no_such_database": "{path}: databasen finns inte",
    "error.cannot_read_database": "kan inte läsa {path}: {reason}",
    "error.not_a_desk_database": "{path}: ingen databas för reception-tui",
    "error.replaced_while_opening": "{path}: byttes ut igen medan den öppnades",
    "error.file_gone": (
        "{path}: databasfilen raderades, flyttades eller byttes ut efter att den öppnades;"
        " inget skrivs till den"
    ),
    "error.not_a_url": "{url} är ingen databasadress: använd {supported}",
    "error.backend_unsupported": "{backend} stöds inte: använd {supported}",
    "error.driver_unsupported": "drivrutinen {driver} stöds inte: använd {supported}",
    "error.sqlite_needs_file": "en SQLite-databas behöver en fil: använd {supported}",
    "error.bad_port": "{port} är inget portnummer (1-65535)",
    "error.no_answer": "databasen svarade inte ({detail})",
    "error.lost_while_saving": (
        "databasen svarade inte ({detail}); ändringen kan ha sparats eller inte"
    ),
    "error.no_employee": "ingen person med id {id}",
    "error.no_active_employee": "ingen aktiv person med id {id}",
    "error.no_unit": "ingen enhet med id {id}",
    "error.no_inquiry": "inget ärende med id {id}",
    "error.before_received": "{when} är innan ärendet kom in ({received})",
    "error.after_now": "{when} ligger i framtiden (nu {now})",
    "error.redirect_to_self": "en person kan inte hänvisas till sig själv",
    "error.caller_name_empty": "uppringarens namn är tomt",
    "error.inquiry_for_nobody": "ett ärende gäller en person eller en enhet",
    "error.presence_changed_by": "{by} ändrade personens status till {status} kl. {at}",
    "error.presence_cleared": "någon annan tog bort personens status under tiden",
    "error.presence_same_moment": "någon annan satte personens status i samma ögonblick",
    "state.open": "öppet",
    "state.closed": "stängt",
    "error.inquiry_changed": "någon annan ändrade ärendet under tiden (nu {state})",
    "error.inquiry_added_by": "{by} lade till ärendet kl. {at} (nu {state})",
    "error.inquiry_resolved_by": "{by} stängde ärendet kl. {at} (nu {state})",
    "error.inquiry_reopened_by": "{by} öppnade ärendet igen kl. {at} (nu {state})",
    "error.inquiry_open": "ärende {id} är redan öppet",
    "error.inquiry_reassigned_by": "{by} flyttade ärendet kl. {at} (nu {state})",
    "error.inquiry_changed_by": "{by} ändrade ärendet kl. {at} (nu {state})",
    "error.too_many_deactivated": (
        "filen skulle avaktivera {count} av {active} aktiva personer (fler än {share})"
    ),
    "error.deactivated_from_no_rows": (
        "filen skulle avaktivera {count} av {active} aktiva personer (den har inga rader)"
    ),
    # --- schema, platser, säkerhetskopior (store/migrate.py, seats.py, backup.py) --------------
    "error.schema_behind": (
        "databasen har schemaversion {current}, den här versionen behöver {head}:"
        " kör `reception-tui db upgrade` först"
    ),
    "error.program_behind": (
        "det här reception-tui är äldre än databasen: databasen har schemaversion {revision},"
        " den här versionen känner till versioner upp till {head}; uppgradera reception-tui"
    ),
    "error.desks_open": "skrivbord har {path} öppen",
    "error.backup_exists": "{path} finns redan; ange --force för att ersätta den",
    "error.backup_is_database": "{path} är själva databasen; ange en annan fil",
    "error.no_such_backup": "{path}: filen finns inte",
    "error.backup_names_database": "{path} är själva databasen; ange en säkerhetskopia",
    "error.not_a_usable_backup": "{path} går inte att använda som säkerhetskopia: {reason}",
    "error.backup_without_schema": (
        "{path} är ingen databas för reception-tui (ingen schemaversion)"
    ),
    "error.backup_schema_unknown": (
        "{path} har schemaversion {revision}, som den här versionen inte känner till (den"
        " känner till versioner upp till {head}): återställ den med den version av"
        " reception-tui som gjorde den"
    ),
    "error.backup_not_upgraded": (
        "{path} har schemaversion {revision} och kunde inte uppgraderas: {reason}"
    ),
    "error.database_busy": (
        "ett annat program använder {path} (ett skript eller ett kommando som fortfarande"
        " körs); försök igen när det är klart"
    ),
    "error.no_such_folder": "kan inte skriva {path}: mappen {folder} finns inte",
    "error.cannot_write": "kan inte skriva {path}: {reason}",
    "error.damaged": "den är skadad: {problem}",
    # --- PostgreSQL-rollen som bara läser (store/roles.py) -------------------------------------
    "error.bad_role_name": (
        "{role} är inget rollnamn som det här kommandot skapar: använd 1-63 bokstäver, siffror,"
        " '_', '.' eller '-', och börja med en bokstav eller '_'"
    ),
    "error.role_name_reserved": "{role}: namn som börjar med pg_ tillhör PostgreSQL",
    "error.no_schema": "anslutningen har inget schema att arbeta i (se över search_path)",
    "error.role_is_connected": (
        "{role} är rollen som kommandot är anslutet som; ange en annan roll"
    ),
    "error.role_is_superuser": (
        "{role} är superanvändare och får alltid skriva; ange en annan roll"
    ),
    "error.role_creates_roles": (
        "{role} har CREATEROLE och kan ge sig själv rätt att skriva; ange en annan roll"
    ),
    "error.tables_missing": (
        "schemat {schema} saknar skrivbordets tabeller {tables}: kör `reception-tui db upgrade`"
        " först"
    ),
    "error.power_almighty": "är superanvändare eller har CREATEROLE",
    "error.power_writes": "får skriva i {tables}",
    "error.power_creates": "får skapa tabeller i {schema}",
    "error.role_still_writes": (
        "{role} {what} fortfarande (den äger dem, eller så får PUBLIC det); inget ändrades"
    ),
    "error.member_writes": (
        "'{role}' är medlem i '{member}', som {what}: ta bort det först"
        " (REVOKE {member} FROM {role}); inget ändrades"
    ),
    # --- text som inte kan sparas (domain/text.py, domain/limits.py) ---------------------------
    "error.control_character": "har ett styrtecken ({codepoint}) på position {position}",
    "error.too_long": "längre än {limit} tecken",
    "error.name_too_long": "hela namnet utskrivet för sortering är längre än {limit} tecken",
    "error.unprintable": "{problem}",
    "error.in_field": "{field}: {problem}",
    "field.unit.name": "enhetens namn",
    "field.unit.phone_hours": "telefontider",
    "field.unit.unmanned_redirect": "hänvisning när enheten är obemannad",
    "field.employee.employee_number": "anställningsnummer",
    "field.employee.first_name": "förnamn",
    "field.employee.last_name": "efternamn",
    "field.employee.title": "titel",
    "field.employee.extension": "anknytning",
    "field.employee.mobile": "mobil",
    "field.employee.email": "e-post",
    "field.employee.keywords": "sökord",
    "field.employee.visiting_address": "besöksadress",
    "field.employee.sort_key": "namn",
    "field.presence.status_code": "status",
    "field.presence.redirect_number": "hänvisningsnummer",
    "field.presence.note": "anteckning",
    "field.inquiry.caller_name": "uppringarens namn",
    "field.inquiry.caller_number": "uppringarens nummer",
    "field.inquiry.caller_email": "uppringarens e-post",
    "field.inquiry.subject": "ärende",
    "field.callback_attempt.note": "anteckning om försöket",
    "field.actor": "vem som sitter i växeln",
    # --- telefonnummer (domain/phones.py) ------------------------------------------------------
    "error.empty_number": "numret är tomt",
    "error.not_a_phone_number": "{text} är inget telefonnummer",
    "error.invalid_number": "{text} är inget giltigt telefonnummer",
    # --- personallistan (store/importer.py) ----------------------------------------------------
    "error.staff_file": "{source}: inget lästes in, {count} fel:\n{problems}",
    "error.staff_more_problems": "... och {count} till",
    "error.staff_problem": "rad {line}, {column}: {problem}",
    "error.staff_file_problem": "{column}: {problem}",
    "error.file_too_large": "större än {megabytes} MB: ingen personallista",
    "error.file_unreadable": "{reason}",
    "error.not_encoded_as": "ingen text i {encoding} (byte {byte})",
    "error.file_empty": "filen är tom",
    "error.csv_unreadable": "går inte att läsa som CSV: {reason}",
    "error.bad_text": "{problem}",
    "error.column_twice": "kolumnen finns två gånger",
    "error.missing_column": "kolumnen {column} saknas",
    "error.no_key_column": "behöver en kolumn employee_id eller email för att känna igen rader",
    "error.too_many_fields": "{fields} fält men rubrikraden har {columns}",
    "error.same_person": "samma person som på rad {line}",
    "error.empty": "är tom",
    "error.no_identity": "är tom, liksom email: en av dem behövs för att känna igen personen",
    "error.not_an_email": "{value} är ingen e-postadress",
    "error.not_an_extension": "{value} är varken en anknytning (3-6 siffror) eller ett nummer",
    "error.not_a_mobile": "{value} är inget giltigt telefonnummer",
    "error.supported_urls": (
        "sqlite:///FIL eller postgresql+psycopg://ANVÄNDARE@VÄRD[:PORT]/DATABAS"
    ),
    "schema.none": "ingen",
}
