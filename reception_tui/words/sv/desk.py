"""The desk's own words (sv): its lists, notices, keys and help."""

TEXT: dict[str, str] = {
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
    "col.closed": "Klar",
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
    "filter.closed": "klara senaste veckan",
    "queue_closed_summary": "{shown} klara · {open} öppna",
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
    "help.letters": ("Bokstäver skriver alltid i sökrutan; / flyttar dit. Esc tömmer sökningen."),
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
    "action.reopen": "Öppna igen",
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
    "action.reopen.help": (
        "öppna det valda klara ärendet igen (i köns filter för dem som blev klara senaste veckan)"
    ),
    "action.details.help": "detaljer om det valda ärendet, med alla försök",
    "action.queue_filter.help": (
        "köns filter: alla, försenade, för den valda personen, klara senaste veckan"
    ),
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
    "palette.nothing_found": "Inget kommando passar",
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
    "date.back": "åter {moment}",
    "date.yesterday": "igår",
    "date.tomorrow": "imorgon",
    "date.today": "idag",
    "date.in_two_days": "i övermorgon",
    "date.next_working_day": "nästa arbetsdag",
    "staff_not_imported": "{path}: lästes inte in: {error}",
    "quit_hint": "Skrivbordet stängs med {keys}.",
    "redirect_target.looks_like_time": (
        "{field}: ”{value}” ser ut som en tid ({clock}), inte som "
        "ett nummer. Skriv tiden i {time_field}."
    ),
    "redirect_target.unknown_extension": "{field}: ingen har anknytning {value}.",
    "redirect_target.own_extension": (
        "{field}: {value} är den egna anknytningen. Hänvisa till någon annan."
    ),
    "redirect_target.not_a_number": (
        "{field}: ”{value}” är varken en kollega, en anknytning eller ett giltigt telefonnummer."
    ),
}
