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
    "resolved": "Ärendet från {caller} är klart.",
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
    "date.back": "åter {moment}",
    "date.yesterday": "igår",
    "date.tomorrow": "imorgon",
    "staff_not_imported": "{path}: lästes inte in: {error}",
}
