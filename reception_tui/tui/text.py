"""What the desk says, in Swedish and English: one catalogue per language."""

from __future__ import annotations

from reception_tui.domain.redirects import RedirectTargetError

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "search": "Sök person, enhet, titel, anknytning eller sökord …",
        "col.name": "Namn",
        "col.unit": "Enhet",
        "col.title": "Titel",
        "col.extension": "Ankn.",
        "col.status": "Status",
        "col.redirect": "Hänvisad till",
        "col.return": "Åter",
        "col.for": "Till",
        "col.caller": "Uppringare",
        "col.contact": "Nummer",
        "col.received": "Kom in",
        "col.due": "Senast",
        "col.attempts": "Försök",
        "expected_back": "väntas åter",
        "open": "Öppet",
        "closed": "Stängt",
        "working_day": "arbetsdag",
        "not_working_day": "ej arbetsdag",
        "read_only": "ENDAST LÄSNING",
        "loading": "Laddar …",
        "staff_summary": "{shown} av {total} personer · {away} borta",
        "staff_reading": "{total} personer · läser in, sökningen väntar …",
        "queue_summary": "{open} ärenden · {overdue} försenade · {today} ska besvaras idag",
        "filter.all": "alla",
        "filter.overdue": "försenade",
        "filter.employee": "för {name}",
        "queue_title": "Återkopplingar ({filter})",
        "no_employee": "Välj en person först.",
        "no_inquiry": "Välj ett ärende i kön först.",
        "resolved": "Ärendet från {caller} är klart. {keys} ångrar.",
        "reassigned": "Ärendet från {caller} går nu till {name}.",
        "conflict": "Någon hann före: {error}. Tryck igen för att försöka på nytt.",
        "save_failed": "Kunde inte spara: {error}",
        "failed": "Det gick inte: {error}",
        "quick_missing": "Ingen snabbstatus på den tangenten.",
        "fuzzy": "(ungefärliga träffar)",
        "help.title": "Tangenter",
        "help.letters": (
            "Bokstäver skriver alltid i sökrutan; / flyttar dit. Esc tömmer sökningen."
        ),
        "help.move": (
            "Enter eller ↓ från sökrutan går till listan. Tab byter mellan sök, personer och kö."
        ),
        "help.close": "Esc stänger",
        "reassign.title": "Flytta ärendet till",
        "reassign.hint": "Skriv ett namn, välj med ↓ och Enter. Esc avbryter.",
        "action.help": "Hjälp",
        "action.redirect": "Status/hänvisning",
        "action.message": "Meddelande",
        "action.available": "Tillgänglig",
        "action.attempt": "Logga försök",
        "action.resolve": "Klar",
        "action.reassign": "Flytta",
        "action.details": "Detaljer",
        "action.queue_filter": "Filter",
        "action.reload": "Läs om",
        "action.quit": "Avsluta",
        "action.palette": "Kommandon",
        "offline": "FRÅNKOPPLAD",
        "offline_notice": (
            "Databasen svarar inte ({error}). Listan visar senast kända läge; "
            "inget kan sparas förrän den svarar igen."
        ),
        "online": "Databasen svarar igen; listan är aktuell.",
        "not_saved": "Inte sparat: databasen svarar inte. Försök igen när den är tillbaka.",
        "save_uncertain": (
            "Oklart om det sparades: anslutningen bröts mitt i. Kontrollera raden när "
            "databasen svarar igen."
        ),
        "file_gone": "DATABASFILEN BORTA",
        "file_replaced": "DATABASFILEN UTBYTT",
        "file_gone_notice": (
            "Databasfilen {path} finns inte längre (raderad eller flyttad). Inget kan sparas, "
            "och listan visar det som senast var känt. Be den som sköter systemet att lägga "
            "tillbaka filen, så fortsätter skrivbordet av sig självt. Starta inte om under tiden."
        ),
        "file_replaced_notice": (
            "Databasfilen {path} har bytts ut medan skrivbordet hade den öppen, och den gamla "
            "filens loggfiler (-wal, -shm) ligger kvar bredvid den nya. Inget kan sparas här "
            "längre. Avsluta skrivbordet och be den som sköter systemet att se över filerna "
            "innan någon startar igen."
        ),
        "file_unusable_notice": (
            "Databasfilen {path} har bytts ut mot en fil som skrivbordet inte kan öppna "
            "({error}). Inget kan sparas. Avsluta skrivbordet och starta om när filen är i ordning."
        ),
        "file_reopened": (
            "Databasfilen {path} har bytts ut. Skrivbordet har öppnat den nya filen och läst in "
            "alla på nytt; det som sparas hamnar nu där."
        ),
        "file_back": "Databasfilen är tillbaka; det går att spara igen.",
        "file_not_saved": "Inte sparat: databasfilen som skrivbordet öppnade finns inte kvar.",
        "demo_shared": (
            "Demodatabasen är redan öppen på ett annat skrivbord och byggdes därför inte om. "
            "Här visas samma demo, och ändringar syns på båda."
        ),
        "config_reloaded": "Inställningarna i config.toml gäller nu.",
        "config_restart": "{keys} gäller först efter omstart.",
        "config_failed": "config.toml används inte, de tidigare inställningarna gäller:\n{error}",
        "staff_imported": (
            "Personallistan {file} lästes in: {added} nya, {changed} ändrade, "
            "{deactivated} avaktiverade, {unchanged} oförändrade."
        ),
        "staff_columns_ignored": "Okända kolumner hoppades över: {columns}.",
        "staff_import_failed": "Personallistan lästes inte in, inget ändrades:\n{error}",
        "staff_too_many_deactivated": (
            "{file} skulle avaktivera {count} av {active} aktiva personer ({reason}). Så ser "
            "en export ut som bara har rubrikraden eller har klippts av. Om alla verkligen har "
            "slutat: kör reception-tui staff import {file} --allow-deactivating {count}."
        ),
        "staff_encoding": "Filen lästes som {encoding}.",
        "control_character": "{field}: texten har ett styrtecken ({code}) som inte kan sparas.",
        "staff_no_rows": "filen har inga rader",
        "staff_share": "fler än {share}",
        # The desk's actions: names (footer, palette) and what they do (help, README).
        "action.undo": "Ångra",
        "action.help.help": "hjälp: alla tangenter",
        "action.redirect.help": (
            "sätt status och hänvisning: filtrera statusarna genom att skriva eller välj med en "
            "siffra, återkomsttid med förhandsvisning, hänvisa till en kollega (sök) eller ett "
            "nummer, en notering; Enter sparar, Esc avbryter"
        ),
        "action.message.help": (
            "ta ett meddelande / logga ett missat samtal till den valda personen (visar när det "
            "senast ska besvaras)"
        ),
        "action.available.help": "tillgänglig igen: status, återkomsttid, hänvisning och "
        "notering rensas",
        "action.quick.help": "snabbstatus {status}, med dess återkomsttid; hänvisning och "
        "notering rensas",
        "action.attempt.help": (
            "logga ett försök att ringa tillbaka på det valda ärendet (nådd, inget svar, "
            "röstbrevlåda, fel nummer)"
        ),
        "action.resolve.help": "markera det valda ärendet som klart (kan ångras en stund)",
        "action.undo.help": "ångra det senast klarmarkerade ärendet: öppna det igen",
        "action.reassign.help": "flytta det valda ärendet till en annan person",
        "action.details.help": "detaljer om det valda ärendet, med alla försök",
        "action.queue_filter.help": "köns filter: alla, försenade, för den valda personen",
        "action.reload.help": "läs om allt från databasen",
        "action.quit.help": "avsluta",
        "action.palette.help": "kommandopaletten: alla åtgärder ovan, efter namn",
        "read_only_refused": "Den här vyn kan bara läsa; inget ändras här.",
        "nothing_to_undo": "Inget att ångra.",
        "reopened": "Ärendet från {caller} är öppet igen.",
        "staff_empty": (
            "Ingen personal ännu. Läs in HR:s lista: reception-tui staff import FIL.csv "
            "(kolumner förnamn;efternamn;titel;enhet;anknytning;e-post, se README), "
            "eller titta runt med reception-tui --demo."
        ),
        "expected_back_status": "Väntas åter ({status})",
        "late_minutes": "försenad {n} min",
        "late_hours": "försenad {n} h",
        "late_days": "försenad {n} d",
        "palette.placeholder": "Sök bland kommandona …",
        "quit_hint": "Skrivbordet stängs med {keys}.",
        "name.title": "Välkommen till växeln",
        "name.why": (
            "Vad heter du? Namnet står i hälsningen och på allt du ändrar. Det sparas i din "
            "config.toml, så frågan kommer bara nu. (Esc: fortsätt som {login} den här gången.)"
        ),
        "name.placeholder": "För- och efternamn",
        "name.field": "Namn",
        "name.keys": "Enter sparar · Esc hoppar över",
        "name.empty": "Skriv ditt namn, eller Esc för att hoppa över.",
        "name.saved": "Hej {name}! Namnet finns nu i {path}.",
        "name.not_saved": "Namnet kunde inte sparas i {path} ({error}); det gäller den här gången.",
        "redirect_target.looks_like_time": (
            "{field}: ”{value}” ser ut som en tid ({clock}), inte som ett nummer. "
            "Skriv tiden i {time_field}."
        ),
        "redirect_target.unknown_extension": "{field}: ingen har anknytning {value}.",
        "redirect_target.own_extension": (
            "{field}: {value} är den egna anknytningen. Hänvisa till någon annan."
        ),
        "redirect_target.not_a_number": (
            "{field}: ”{value}” är varken en kollega, en anknytning eller ett giltigt "
            "telefonnummer."
        ),
    },
    "en": {
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
        "help.letters": (
            "Letters always type into the search; / goes there. Esc clears the search."
        ),
        "help.move": (
            "Enter or ↓ in the search moves to the list. "
            "Tab moves between search, people and queue."
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
        "action.quick.help": "quick status {status}, with its return time; redirect and note "
        "cleared",
        "action.attempt.help": (
            "log a callback attempt on the selected inquiry (reached, no answer, voicemail, "
            "wrong number)"
        ),
        "action.resolve.help": "resolve the selected inquiry (can be undone for a moment)",
        "action.undo.help": "undo the last resolve: the inquiry is open again",
        "action.reassign.help": "reassign the selected inquiry to another employee",
        "action.details.help": "details of the selected inquiry, with the history of attempts",
        "action.queue_filter.help": "queue filter: all, overdue, for the selected person",
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
        "quit_hint": "The desk closes with {keys}.",
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
        "redirect_target.looks_like_time": (
            "{field}: “{value}” looks like a time ({clock}), not a number: "
            "put the time in {time_field}."
        ),
        "redirect_target.unknown_extension": "{field}: nobody has extension {value}.",
        "redirect_target.own_extension": (
            "{field}: {value} is their own extension. Redirect to someone else."
        ),
        "redirect_target.not_a_number": (
            "{field}: “{value}” is neither a colleague, an extension nor a valid phone number."
        ),
    },
}


def text(language: str, key: str, **values: object) -> str:
    """The text for `key` in `language` (English when missing), with `values` filled in."""
    template = TEXT.get(language, TEXT["en"]).get(key) or TEXT["en"][key]
    return template.format(**values) if values else template


def redirect_target_problem(
    language: str, error: RedirectTargetError, *, field: str, time_field: str
) -> str:
    """Why a redirect target was refused, naming the field it was typed in (`field`) and the
    one a time belongs in (`time_field`): "Hänvisa till: ”1430” ser ut som en tid …"."""
    clock = f"{error.clock:%H:%M}" if error.clock is not None else ""
    return text(
        language,
        f"redirect_target.{error.code}",
        field=field,
        time_field=time_field,
        value=error.value,
        clock=clock,
    )
