"""Demo data: a fictional Swedish municipality to try the desk on, never real people.

`build_demo` fills an empty, migrated database with units, staff, presences and inquiries that
look like a working day at a municipal switchboard ("växeln"): some people at lunch or in
meetings, some sick or on holiday, a few redirected, a callback queue with items overdue and due
today, closed items from the past weeks, and a history since the first of January last year:
closed inquiries with their callback attempts, most answered within a day, more of them late in
July and before holidays, some units quicker than others (what the manager's screen and `report`
count).

Everything is derived from `random.Random(seed)` and the repository's clock and calendar, so the
same seed at the same moment gives the same data. Staff, presences and inquiries are each written
in one bulk call, so that large demos stay quick; only the few closed items and callback attempts
of the past weeks are written one by one (each carries its own time). The history goes in through
`Repository.add_history`, which checks it and counts its progress as for live inquiries.

Phone numbers are random but valid Swedish numbers, e-mail addresses are on demo.kommun.se and
example.com, names are combinations from common Swedish name lists.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

import sqlalchemy as sa

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.records import Channel, Outcome
from reception_tui.domain.returns import ReturnTimeError, parse_return_time
from reception_tui.domain.text import fold
from reception_tui.store.importer import StaffRow
from reception_tui.store.repository import NewInquiry, PastInquiry, PresenceChange, Repository
from reception_tui.store.tables import Employee

EMAIL_DOMAIN = "demo.kommun.se"
SWITCHBOARD = "+4628018100"  # 0280-181 00, the municipality's main number

# Units are split into numbered areas ("Äldreomsorg område 7") above this many people.
MAX_UNIT_SIZE = 350
AWAY_SHARE = 0.15
OPEN_PER_EMPLOYEE = 1 / 8
OPEN_CAP = 20_000
# Closed items and callback attempts are written one transaction each (they carry their own
# times), so they grow with the square root of the staff: 20 for 200 people, 63 for 2,000.
CLOSED_PER_SQRT_EMPLOYEE = 20 / math.sqrt(200)
CLOSED_CAP = 200
OPEN_ATTEMPTS_CAP = 40
# History from the first of January last year (the yearly report's default period) to
# yesterday: 25 closed inquiries a person, by default at most 100,000 (a few seconds to
# build); more on request, up to a million, for load tests.
HISTORY_PER_EMPLOYEE = 25
HISTORY_DEFAULT_CAP = 100_000
MAX_HISTORY = 1_000_000

_MINUTE = timedelta(minutes=1)
_ONE_DAY = timedelta(days=1)
# The hours e-mails arrive in when they are not written during office hours.
_EARLY, _LATE = time(6, 30), time(22, 30)
_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.VISIT)
_CHANNEL_WEIGHTS = (75, 18, 7)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `build_demo` wrote."""

    units: int
    employees: int
    away: int
    redirected: int
    inquiries_open: int
    inquiries_overdue: int
    inquiries_closed: int
    inquiries_history: int


# --- The municipality ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Role:
    title: str
    keywords: tuple[str, ...]
    weight: int = 1


@dataclass(frozen=True, slots=True)
class _UnitPlan:
    name: str
    weight: int
    head: str
    area_head: str
    addresses: tuple[str, ...]
    roles: tuple[_Role, ...]
    subjects: tuple[str, ...]


_UNITS: tuple[_UnitPlan, ...] = (
    _UnitPlan(
        "Kommunledning", 3, "Kommundirektör", "Kanslichef",
        ("Kommunhuset, Storgatan 1",),
        (
            _Role("Kanslichef", ("kansliet", "nämnder", "val")),
            _Role("Kommunsekreterare", ("kommunfullmäktige", "protokoll",
                                         "nämndsadministration"), 2),
            _Role("Registrator", ("diarium", "allmänna handlingar", "post",
                                  "offentlighetsprincipen"), 2),
            _Role("Nämndsekreterare", ("kallelser", "protokoll", "sammanträden"), 2),
            _Role("Utredare", ("utredningar", "statistik", "medborgarförslag")),
            _Role("Säkerhetssamordnare", ("krisberedskap", "säkerhet", "civilt försvar")),
            _Role("Näringslivsutvecklare", ("företagsfrågor", "näringsliv", "etablering")),
            _Role("Kommunjurist", ("juridiska frågor", "överklaganden", "avtal")),
            _Role("Folkhälsostrateg", ("folkhälsa", "ANDT", "brottsförebyggande")),
        ),
        ("Begäran om allmän handling", "Fråga om protokoll", "Medborgarförslag",
         "Vill prata med en politiker", "Fråga om kommunfullmäktige", "Företagsetablering"),
    ),
    _UnitPlan(
        "Socialtjänst", 14, "Socialchef", "Enhetschef",
        ("Socialkontoret, Kyrkogatan 8", "Familjecentralen, Parkvägen 4"),
        (
            _Role("Enhetschef", ("personalfrågor", "ärendefördelning")),
            _Role("Socialsekreterare", ("försörjningsstöd", "ekonomiskt bistånd", "nybesök",
                                         "akuta ärenden"), 6),
            _Role("Socialsekreterare barn och unga", ("orosanmälan", "barnavård",
                                                       "placeringar"), 4),
            _Role("Familjebehandlare", ("familjestöd", "föräldrastöd", "samtal"), 2),
            _Role("Familjerättssekreterare", ("faderskap", "vårdnad", "samarbetssamtal"), 1),
            _Role("LSS-handläggare", ("LSS", "personlig assistans", "korttidsboende"), 2),
            _Role("Budget- och skuldrådgivare", ("skuldsanering", "budgetrådgivning"), 1),
            _Role("Missbrukshandläggare", ("missbruk", "beroende", "öppenvård"), 2),
            _Role("Boendestödjare", ("boendestöd", "socialpsykiatri"), 3),
            _Role("Administratör", ("utbetalningar", "arkiv", "registrering"), 1),
        ),
        ("Fråga om försörjningsstöd", "Ansökan om ekonomiskt bistånd", "Vill boka tid",
         "Orosanmälan, vill bli kontaktad", "Fråga om utbetalning", "Budget- och skuldrådgivning",
         "Fråga om LSS", "Familjerätt, vårdnad"),
    ),
    _UnitPlan(
        "Bygg och miljö", 5, "Samhällsbyggnadschef", "Enhetschef",
        ("Kommunhuset, Storgatan 1", "Miljökontoret, Storgatan 3"),
        (
            _Role("Bygglovshandläggare", ("bygglov", "strandskydd", "marklov", "rivningslov",
                                          "attefallshus"), 4),
            _Role("Byggnadsinspektör", ("byggsamråd", "slutbesked", "kontrollplan", "OVK"), 2),
            _Role("Miljöinspektör", ("miljötillsyn", "enskilda avlopp", "värmepumpar",
                                     "förorenad mark"), 3),
            _Role("Livsmedelsinspektör", ("livsmedelskontroll", "registrering livsmedel"), 2),
            _Role("Hälsoskyddsinspektör", ("buller", "radon", "fukt och mögel", "ohyra"), 1),
            _Role("Alkoholhandläggare", ("serveringstillstånd", "tobak", "folköl"), 1),
            _Role("Planarkitekt", ("detaljplan", "översiktsplan", "planbesked"), 2),
            _Role("Kart- och mätingenjör", ("nybyggnadskarta", "utstakning", "lägeskontroll"), 1),
            _Role("GIS-ingenjör", ("kartor", "GIS", "adresser"), 1),
        ),
        ("Fråga om bygglov för altan", "Bygglov för garage", "Strandskyddsdispens",
         "Klagomål på buller", "Enskilt avlopp", "Nybyggnadskarta", "Serveringstillstånd",
         "Fråga om detaljplan", "Var är mitt slutbesked?", "Attefallshus, behövs anmälan?"),
    ),
    _UnitPlan(
        "Barn och utbildning", 20, "Skolchef", "Rektor",
        ("Utbildningskontoret, Skolgatan 5", "Centralskolan, Skolgatan 10",
         "Backens förskola, Backvägen 2", "Norrskolan, Norra vägen 14",
         "Ekbackens skola, Ekvägen 7"),
        (
            _Role("Rektor", ("grundskola", "elevärenden", "skolplacering"), 2),
            _Role("Förskolechef", ("förskoleplats", "barnomsorg", "förskola"), 2),
            _Role("Lärare", ("undervisning", "mentor"), 10),
            _Role("Förskollärare", ("förskola",), 8),
            _Role("Barnskötare", ("förskola",), 5),
            _Role("Skolskjutssamordnare", ("skolskjuts", "busskort", "resor"), 1),
            _Role("Skolsköterska", ("elevhälsa", "vaccinationer", "hälsobesök"), 1),
            _Role("Kurator", ("elevhälsa", "samtal"), 1),
            _Role("Studie- och yrkesvägledare", ("gymnasieval", "vuxenutbildning", "SFI"), 1),
            _Role("Handläggare barnomsorg", ("köplats", "barnomsorgsavgift", "förskoleplats",
                                             "fritidshem"), 1),
            _Role("Specialpedagog", ("särskilt stöd", "anpassningar"), 1),
            _Role("Skolmåltidssamordnare", ("skolmat", "specialkost"), 1),
        ),
        ("Skolskjuts", "Ansökan om förskoleplats", "Fråga om barnomsorgsavgift",
         "Vill boka tid", "Specialkost i skolan", "Byte av skola", "Sjukanmälan av elev",
         "Fråga om gymnasieval", "Plats på fritids"),
    ),
    _UnitPlan(
        "Teknisk förvaltning", 8, "Teknisk chef", "Driftchef",
        ("Tekniska kontoret, Industrivägen 4", "Vattenverket, Älvvägen 30",
         "Återvinningscentralen, Deponivägen 1"),
        (
            _Role("VA-ingenjör", ("vatten och avlopp", "vattenläcka", "VA-anslutning"), 2),
            _Role("Gatuingenjör", ("gator", "snöröjning", "gatubelysning", "halkbekämpning"), 2),
            _Role("Renhållningshandläggare", ("sophämtning", "avfall", "slamtömning",
                                              "återvinningscentral"), 2),
            _Role("Fastighetsförvaltare", ("kommunens lokaler", "felanmälan", "hyresavtal"), 2),
            _Role("Drifttekniker", ("vattenverk", "reningsverk", "pumpstationer"), 3),
            _Role("Parkingenjör", ("parker", "lekplatser", "träd", "badplatser"), 1),
            _Role("Trafikhandläggare", ("parkeringstillstånd", "trafikfrågor", "färdtjänst"), 1),
            _Role("Vaktmästare", ("nycklar", "lokalvård", "flytt"), 3),
            _Role("Maskinförare", ("snöröjning", "gatuarbeten"), 3),
        ),
        ("Vattenläcka på gatan", "Snöröjning", "Sophämtningen har inte kommit",
         "Fråga om vattenräkning", "Trasig gatlykta", "Parkeringstillstånd",
         "Färdtjänst", "Slamtömning", "Fallen gren i parken", "Faktura för vatten och avlopp"),
    ),
    _UnitPlan(
        "Kultur och fritid", 4, "Kultur- och fritidschef", "Enhetschef",
        ("Kulturhuset, Torget 2", "Sporthallen, Idrottsvägen 6"),
        (
            _Role("Bibliotekarie", ("biblioteket", "lån", "fjärrlån", "e-böcker"), 3),
            _Role("Fritidsledare", ("fritidsgård", "ungdomar", "lovaktiviteter"), 3),
            _Role("Föreningskonsulent", ("föreningsbidrag", "lokalbokning",
                                          "föreningsregister"), 1),
            _Role("Badmästare", ("simhallen", "simskola", "badhuset"), 2),
            _Role("Kulturutvecklare", ("evenemang", "kulturstöd", "offentlig konst"), 1),
            _Role("Anläggningsansvarig", ("idrottsanläggningar", "ishall", "skidspår",
                                          "motionsspår"), 1),
            _Role("Kulturskolelärare", ("kulturskolan", "musikundervisning"), 2),
        ),
        ("Boka idrottshall", "Föreningsbidrag", "Fråga om simskola", "Kulturskolan, anmälan",
         "Förlorat lånekort", "Skidspåren, är de preparerade?", "Evenemang i sommar"),
    ),
    _UnitPlan(
        "Äldreomsorg", 24, "Äldreomsorgschef", "Områdeschef",
        ("Solgårdens äldreboende, Ängsvägen 12", "Björkbackens äldreboende, Björkvägen 3",
         "Hemtjänsten, Norra vägen 21", "Hemtjänsten, Södra vägen 9",
         "Tallhöjdens äldreboende, Tallstigen 1"),
        (
            _Role("Enhetschef", ("äldreboende", "hemtjänst", "personalfrågor"), 1),
            _Role("Undersköterska", ("hemtjänst",), 20),
            _Role("Vårdbiträde", ("hemtjänst",), 6),
            _Role("Sjuksköterska", ("hemsjukvård", "läkemedel", "vårdplanering"), 3),
            _Role("Biståndshandläggare", ("hemtjänst", "särskilt boende", "trygghetslarm",
                                          "matdistribution"), 2),
            _Role("Arbetsterapeut", ("hjälpmedel", "bostadsanpassning"), 1),
            _Role("Fysioterapeut", ("rehabilitering", "hjälpmedel"), 1),
            _Role("Schemaläggare", ("bemanning", "vikarier", "scheman"), 1),
        ),
        ("Ansökan om hemtjänst", "Trygghetslarm", "Fråga om plats på äldreboende",
         "Anhörig vill bli uppringd", "Hjälpmedel", "Bostadsanpassning", "Matdistribution",
         "Avgift för hemtjänst", "Vill boka tid"),
    ),
    _UnitPlan(
        "Ekonomi", 3, "Ekonomichef", "Redovisningschef",
        ("Kommunhuset, Storgatan 1",),
        (
            _Role("Controller", ("budget", "uppföljning", "prognoser"), 2),
            _Role("Redovisningsekonom", ("bokslut", "redovisning", "moms"), 2),
            _Role("Ekonomiassistent", ("leverantörsfakturor", "leverantörsreskontra"), 2),
            _Role("Handläggare kundfakturor", ("fakturafrågor", "avgifter", "påminnelser",
                                               "autogiro"), 2),
            _Role("Upphandlare", ("upphandling", "avtal", "LOU", "anbud"), 2),
        ),
        ("Faktura", "Fråga om påminnelse", "Autogiro", "Leverantör undrar om betalning",
         "Fråga om upphandling", "Felaktig faktura"),
    ),
    _UnitPlan(
        "HR och lön", 3, "HR-chef", "Lönechef",
        ("Kommunhuset, Storgatan 1",),
        (
            _Role("HR-specialist", ("rekrytering", "arbetsmiljö", "rehabilitering",
                                    "förhandling"), 3),
            _Role("Löneadministratör", ("lönefrågor", "löneutbetalning", "tidrapportering",
                                        "anställningsbevis"), 3),
            _Role("Lönespecialist", ("pension", "semesterlön", "skatt"), 1),
            _Role("Rekryteringsadministratör", ("lediga jobb", "vikariepoolen",
                                                "timanställning"), 1),
        ),
        ("Lönefrågor", "Fråga om ledigt jobb", "Arbetsgivarintyg", "Tjänstgöringsintyg",
         "Fel på lönen", "Pension"),
    ),
    _UnitPlan(
        "Kommunikation", 2, "Kommunikationschef", "Enhetschef",
        ("Kommunhuset, Storgatan 1",),
        (
            _Role("Kommunikatör", ("press", "sociala medier", "nyhetsbrev"), 2),
            _Role("Webbredaktör", ("webbplatsen", "e-tjänster"), 1),
            _Role("Kommunvägledare", ("växeln", "kundtjänst", "allmänna frågor"), 3),
        ),
        ("Journalist söker pressansvarig", "Fel på webbplatsen", "E-tjänsten fungerar inte",
         "Vill annonsera i kommunens nyhetsbrev"),
    ),
    _UnitPlan(
        "Räddningstjänst", 5, "Räddningschef", "Stationschef",
        ("Räddningsstationen, Brandvägen 2", "Brandstationen Norr, Byvägen 5"),
        (
            _Role("Brandman", ("utryckning",), 8),
            _Role("Styrkeledare", ("utryckning", "övningar"), 2),
            _Role("Brandinspektör", ("brandskydd", "tillsyn", "eldningsförbud",
                                     "brandfarliga varor"), 2),
            _Role("Skorstensfejare", ("sotning", "brandskyddskontroll"), 1),
            _Role("Instruktör", ("utbildning i brandskydd", "HLR"), 1),
        ),
        ("Eldningsförbud?", "Sotning", "Brandskyddskontroll", "Tillstånd brandfarlig vara",
         "Boka utbildning i brandskydd"),
    ),
    _UnitPlan(
        "Överförmyndare", 1, "Överförmyndarchef", "Enhetschef",
        ("Kommunhuset, Storgatan 1",),
        (
            _Role("Överförmyndarhandläggare", ("god man", "förvaltare", "årsräkning",
                                               "förteckning"), 3),
            _Role("Administratör", ("arvoden", "registrering"), 1),
        ),
        ("Årsräkning", "Vill bli god man", "Arvode för god man", "Fråga om förvaltare"),
    ),
)  # fmt: skip

_FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Ingrid", "Malin",
    "Elin", "Johanna", "Linnéa", "Ida", "Åsa", "Märta", "Sofia", "Helena", "Ulla", "Birgitta",
    "Annika", "Camilla", "Jenny", "Therese", "Frida", "Hanna", "Maja", "Ebba", "Agnes", "Astrid",
    "Signe", "Britt-Marie", "Anna-Karin", "Ann-Sofie", "Eva-Lena", "Gunnel", "Inger", "Louise",
    "Fatima", "Amina", "Aino", "Dragana", "Leyla", "Zeynep",
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Nils", "Mikael", "Peter", "Jan",
    "Magnus", "Fredrik", "Daniel", "Andreas", "Stefan", "Mats", "Henrik", "Jonas", "Björn",
    "Göran", "Håkan", "Jöns", "Örjan", "Åke", "Sören", "Bengt", "Gösta", "Olle", "Sven",
    "Gustav", "Oskar", "Axel", "Viktor", "Emil", "Linus", "Per-Olof", "Jan-Erik", "Ahmed",
    "Mohammed", "Yusuf", "Juha", "Nikola",
)  # fmt: skip
_LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
    "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson", "Björk", "Bergman", "Holm",
    "Wikström", "Isaksson", "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg",
    "Nyberg", "Blomqvist", "Nordström", "Mårtensson", "Björklund", "Eliasson", "Pålsson",
    "Sandström", "Nordin", "Ström", "Åberg", "Öberg", "Ärlig", "Åström", "Hedlund",
    "Dahlberg", "Sjögren", "Falk", "Lindén", "Berg-Lundqvist", "Sjöberg-Hall", "Hassan",
    "Ali", "Virtanen", "Nieminen", "Jovanović", "Nguyen", "Kovačević", "Öhman", "Älvdal",
)  # fmt: skip

# A few fixed people (unit, place in it), so every demo has them to search for: Swedish letters,
# a name that starts another, and two people with the same name.
_FIXED_PEOPLE = {
    ("Kommunledning", 0): ("Åsa", "Öberg"),
    ("Bygg och miljö", 1): ("Jöns", "Ärlig"),
    ("Socialtjänst", 1): ("Anna", "Berg"),
    ("Socialtjänst", 2): ("Anna", "Bergström"),
    ("Teknisk förvaltning", 1): ("Lars", "Persson"),
    ("Äldreomsorg", 4): ("Lars", "Persson"),
    ("Barn och utbildning", 1): ("Ann-Sofie", "Lindén-Åberg"),
}

_COMPANIES = (
    "Malungsäters Bygg AB", "Nordins Rör & Värme", "Älvdalens Åkeri", "Dalaskogen Fastigheter",
    "Fjällstugan Sälen AB", "Konsum", "Advokatfirman Berg & Lind", "Skolskjuts i Dalarna AB",
    "Lokaltidningen", "Region Dalarna", "Försäkringskassan", "Polisen",
)  # fmt: skip
_MOBILE_PREFIXES = ("+4670", "+4670", "+4672", "+4673", "+4676", "+4679")
# (E.164 prefix, subscriber digits): area codes around the municipality, and Stockholm.
_LANDLINES = (
    ("+46280", 5), ("+46280", 5), ("+46280", 5), ("+46281", 5), ("+4623", 6),
    ("+46243", 6), ("+4626", 6), ("+468", 8), ("+4631", 7), ("+4618", 6),
)  # fmt: skip
_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

_NOTES: dict[str, tuple[str, ...]] = {
    "lunch": ("", "", "Nås på mobilen vid behov"),
    "meeting": ("Ledningsgruppsmöte", "Möte med nämnden", "Kan inte störas", "Arbetsplatsträff"),
    "out": ("Hembesök", "På platsbesök", "Hämtar post"),
    "travel": ("Konferens i Falun", "Möte i Stockholm", "Resa till Borlänge"),
    "training": ("Kurs i Falun", "Utbildning hela dagen", "Webbutbildning"),
    "vacation": ("", "Hänvisar brådskande ärenden till kollega"),
    "off": ("Komptid", "Föräldraledig", ""),
    "sick": ("", "Vabbar", ""),
    "gone": ("", "Nås på mobilen"),
}
_STATUS_WEIGHTS = {
    "lunch": 15, "meeting": 25, "out": 8, "travel": 6, "training": 6,
    "vacation": 14, "off": 8, "sick": 10, "gone": 8,
}  # fmt: skip
# Statuses that last minutes to hours; they only make sense while the office is open.
_SAME_DAY = {"lunch": (40, 75), "meeting": (30, 180), "out": (15, 45)}
# Statuses that last until the opening on the n-th working day ahead ("gone": the next opening).
_DAYS_AHEAD = {
    "travel": (1, 3), "training": (1, 2), "off": (1, 3),
    "sick": (1, 3), "vacation": (4, 15),
}  # fmt: skip
# How many minutes ago people went to lunch or a meeting, and went away otherwise.
_SINCE_MINUTES = (5, 55)
_SINCE_MINUTES_OTHER = (15, 180)


# --- Building ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    plan: _UnitPlan
    row: StaffRow


@dataclass(slots=True)
class _InquiryPlan:
    new: NewInquiry
    received_at: datetime
    closed_at: datetime | None = None
    attempts: list[tuple[datetime, Outcome, str]] = field(default_factory=list)


def default_history(employees: int) -> int:
    """How many historical inquiries a demo of `employees` people has unless told."""
    return min(HISTORY_DEFAULT_CAP, employees * HISTORY_PER_EMPLOYEE)


def build_demo(
    repository: Repository,
    statuses: Sequence[StatusCode],
    *,
    employees: int = 200,
    seed: int = 1,
    history: int | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a fictional municipality; deterministic per seed.

    About 15 % of the staff are away (statuses from `statuses` that are not available), about
    `employees` / 8 inquiries are open (at most 20,000), some of them overdue, and a few are
    closed: 20 for 200 people, at most 200. Before them come `history` closed inquiries from
    the first of January last year (None: `default_history`; at most `MAX_HISTORY`).
    """
    if employees < 1:
        raise ValueError(f"employees must be 1 or more, got {employees}")
    if history is None:
        history = default_history(employees)
    if not 0 <= history <= MAX_HISTORY:
        raise ValueError(f"history must be 0 to {MAX_HISTORY}, got {history}")
    rng = random.Random(seed)
    now = repository.clock.now()
    calendar = repository.calendar

    people = _people(rng, employees)
    repository.import_staff([person.row for person in people], deactivate_missing=False)
    employee = Employee.__table__  # type: ignore[attr-defined]
    query = sa.select(employee.c.employee_number, employee.c.id)
    with repository.engine.connect() as connection:
        by_number: dict[str, int] = {number: id_ for number, id_ in connection.execute(query)}
    ids = [by_number[str(person.row.employee_number)] for person in people]
    unit_ids = {unit.name: unit.id for unit in repository.units()}

    away, changes = _presences(rng, people, ids, statuses, now, calendar)
    # Set when people went away, oldest first, a write for each moment (whole five minutes
    # or an opening, so a few dozen), so that "away for" says something. From random
    # numbers of their own: the rest of the demo is the same as before these were added.
    since = random.Random(seed + 2)
    by_moment: dict[datetime, list[PresenceChange]] = {}
    for change in changes:
        moment = _away_since(since, change.status, now, calendar)
        by_moment.setdefault(moment, []).append(change)
    for moment in sorted(by_moment):
        _as_of(repository, moment).set_presences(by_moment[moment])

    # Its own random numbers, so that the desk's demo is the same whatever the history.
    past = _history(random.Random(seed + 1), people, ids, unit_ids, history, now, calendar)
    written = repository.add_history(past, indexes_after=True)

    open_count = min(OPEN_CAP, max(1, round(employees * OPEN_PER_EMPLOYEE)))
    closed_count = min(CLOSED_CAP, max(1, round(math.sqrt(employees) * CLOSED_PER_SQRT_EMPLOYEE)))
    plans = _inquiries(rng, people, ids, unit_ids, away, open_count, closed_count, now, calendar)
    inquiry_ids = repository.add_inquiries([plan.new for plan in plans])
    for plan, inquiry_id in zip(plans, inquiry_ids, strict=True):
        for at, outcome, note in plan.attempts:
            _as_of(repository, at).log_attempt(inquiry_id, outcome, note)
        if plan.closed_at is not None:
            _as_of(repository, plan.closed_at).resolve_inquiry(inquiry_id, expected_version=1)

    still_open = [plan for plan in plans if plan.closed_at is None]
    return DemoSummary(
        units=len(unit_ids),
        employees=len(people),
        away=len(changes),
        redirected=sum(
            1
            for change in changes
            if change.redirect_employee_id is not None or change.redirect_number is not None
        ),
        inquiries_open=len(still_open),
        inquiries_overdue=sum(1 for plan in still_open if calendar.due_at(plan.received_at) < now),
        inquiries_closed=len(plans) - len(still_open),
        inquiries_history=written,
    )


def _as_of(repository: Repository, moment: datetime) -> Repository:
    """The same database with the clock at `moment`, for writes that record when they happened."""
    return Repository(
        repository.engine,
        actor=repository.actor,
        clock=FixedClock(moment),
        calendar=repository.calendar,
    )


# --- Staff ---------------------------------------------------------------------------------------


def _unit_sizes(employees: int) -> list[tuple[_UnitPlan, str, int]]:
    """(plan, unit name, head count) for every unit in plan order; large units become areas."""
    total = sum(plan.weight for plan in _UNITS)
    shares = [employees * plan.weight / total for plan in _UNITS]
    sizes = [math.floor(share) for share in shares]
    # Largest remainder, so that the sizes add up to `employees` exactly.
    by_remainder = sorted(range(len(shares)), key=lambda i: (sizes[i] - shares[i], i))
    for i in by_remainder[: employees - sum(sizes)]:
        sizes[i] += 1
    # Every unit gets two people when there are enough, so that someone can stand in.
    if employees >= 2 * len(sizes):
        for i in range(len(sizes)):
            while sizes[i] < 2:
                sizes[sizes.index(max(sizes))] -= 1
                sizes[i] += 1
    units: list[tuple[_UnitPlan, str, int]] = []
    for plan, size in zip(_UNITS, sizes, strict=True):
        areas = math.ceil(size / MAX_UNIT_SIZE)
        if areas == 1:
            units.append((plan, plan.name, size))
        else:
            units.extend(
                (plan, f"{plan.name} område {area + 1}", size // areas + (area < size % areas))
                for area in range(areas)
            )
    return units


def _people(rng: random.Random, employees: int) -> list[_Person]:
    # Extensions are one block: 2000-9999, for more people 20000-99999, and so on.
    width = 4
    while 2 * 10 ** (width - 1) + employees > 10**width:
        width += 1
    first_extension = 2 * 10 ** (width - 1)
    mobiles = rng.sample(range(10**7), employees)
    prefixes = rng.choices(_MOBILE_PREFIXES, k=employees)
    random_float = rng.random
    emails: dict[str, int] = {}
    people: list[_Person] = []
    for plan, unit, size in _unit_sizes(employees):
        area = int(unit.rsplit(" ", 1)[1]) if unit != plan.name else 1
        address = plan.addresses[(area - 1) % len(plan.addresses)]
        roles = rng.choices(plan.roles, [role.weight for role in plan.roles], k=size)
        firsts = rng.choices(_FIRST_NAMES, k=size)
        lasts = rng.choices(_LAST_NAMES, k=size)
        for position, role in enumerate(roles):
            number = len(people) + 1
            if position == 0:
                title = plan.head if area == 1 else plan.area_head
                keywords = "ledning" if area == 1 else f"ledning, {unit.lower()}"
            else:
                title = role.title
                variants = _keyword_variants(role)
                keywords = variants[int(random_float() * len(variants))]
            fixed = _FIXED_PEOPLE.get((plan.name, position)) if area == 1 else None
            first, last = fixed or (firsts[position], lasts[position])
            local = f"{_email_part(first)}.{_email_part(last)}"
            seen = emails[local] = emails.get(local, 0) + 1
            people.append(
                _Person(
                    plan,
                    StaffRow(
                        line=number + 1,
                        employee_number=f"E{number:05d}",
                        first_name=first,
                        last_name=last,
                        title=title,
                        unit=unit,
                        extension=str(first_extension + number - 1),
                        mobile=f"{prefixes[number - 1]}{mobiles[number - 1]:07d}",
                        email=f"{local}{seen if seen > 1 else ''}@{EMAIL_DOMAIN}",
                        keywords=keywords,
                        visiting_address=address,
                    ),
                )
            )
    return people


@functools.cache
def _keyword_variants(role: _Role) -> tuple[str, ...]:
    """Two to four of a role's keywords in their listed order: people differ in what they do."""
    if len(role.keywords) <= 2:
        return (", ".join(role.keywords),)
    return tuple(
        ", ".join(chosen)
        for size in range(2, min(4, len(role.keywords)) + 1)
        for chosen in itertools.combinations(role.keywords, size)
    )


@functools.cache
def _email_part(name: str) -> str:
    """`name` as it goes into an e-mail address: "Lindén-Åberg" -> "linden-aberg"."""
    return "".join(
        ch if ch.isascii() and (ch.isalnum() or ch == "-") else "."
        for ch in fold(name).replace(" ", ".")
    ).strip(".")


# --- Presence ------------------------------------------------------------------------------------


def _presences(
    rng: random.Random,
    people: Sequence[_Person],
    ids: Sequence[int],
    statuses: Sequence[StatusCode],
    now: datetime,
    calendar: WorkingCalendar,
) -> tuple[list[int], list[PresenceChange]]:
    """(indices of the people away, their statuses): about 15 %, a third of them redirected."""
    choices = [status for status in statuses if not status.available]
    if not choices:
        return [], []
    office_open = calendar.is_open(now)
    weights = [
        0 if status.code in _SAME_DAY and not office_open else _STATUS_WEIGHTS.get(status.code, 5)
        for status in choices
    ]
    if not any(weights):
        weights = [1] * len(choices)
    away = sorted(rng.sample(range(len(people)), round(len(people) * AWAY_SHARE)))
    away_set = set(away)
    members: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        members.setdefault(person.row.unit, []).append(index)

    changes: list[PresenceChange] = []
    picked = rng.choices(choices, weights, k=len(away))
    for index, status in zip(away, picked, strict=True):
        redirect_id: int | None = None
        redirect_number: str | None = None
        roll = rng.random()
        if roll < 1 / 3:
            colleagues = members[people[index].row.unit]
            for _ in range(8):
                other = rng.choice(colleagues)
                if other != index and other not in away_set:
                    redirect_id = ids[other]
                    break
        elif roll < 0.40:
            redirect_number = SWITCHBOARD if rng.random() < 0.5 else people[index].row.mobile
        note = rng.choice(_NOTES.get(status.code, ("",))) if rng.random() < 0.35 else ""
        changes.append(
            PresenceChange(
                employee_id=ids[index],
                status=status,
                return_at=_return_time(rng, status, now, calendar),
                redirect_employee_id=redirect_id,
                redirect_number=redirect_number,
                note=note,
            )
        )
    return away, changes


def _away_since(
    rng: random.Random, status: StatusCode, now: datetime, calendar: WorkingCalendar
) -> datetime:
    """When someone went away with `status`, before `now`: the opening of one of the last
    few working days for what lasts days (sick, on holiday), minutes ago for lunch or a
    meeting, an hour or two ago for the rest; on whole five minutes."""
    if status.code in _DAYS_AHEAD:
        today = now.astimezone(calendar.tz).date()
        for back in range(rng.randint(0, 4), 30):
            opening = calendar.opening_on(_working_days_back(calendar, today, back))
            if opening < now:
                return opening.astimezone(UTC)
    low, high = _SINCE_MINUTES if status.code in _SAME_DAY else _SINCE_MINUTES_OTHER
    moment = (now - timedelta(minutes=rng.randint(low, high))).replace(second=0, microsecond=0)
    return (moment - timedelta(minutes=moment.minute % 5)).astimezone(UTC)


def _return_time(
    rng: random.Random, status: StatusCode, now: datetime, calendar: WorkingCalendar
) -> datetime:
    """A plausible return for `status`, strictly after `now`.

    Lunch, meetings and errands end later the same day (by closing time at the latest); whoever
    has gone home is back at the next opening; sickness, holidays and the like end at the
    opening of a later working day.
    """
    if status.code in _SAME_DAY:
        low, high = _SAME_DAY[status.code]
        start = now if calendar.is_open(now) else calendar.next_opening(now)
        back = start + timedelta(minutes=rng.randint(low, high))
        # Whole five minutes, as people say them.
        back = back.replace(second=0, microsecond=0)
        back += timedelta(minutes=-back.minute % 5)
        closing = calendar.closing_on(start.astimezone(calendar.tz).date())
        return min(back, closing) if closing > now else back
    if status.code == "gone":
        return calendar.next_opening(now)
    if status.code in _DAYS_AHEAD:
        low, high = _DAYS_AHEAD[status.code]
        today = now.astimezone(calendar.tz).date()
        return calendar.opening_on(calendar.add_working_days(today, rng.randint(low, high)))
    if status.default_return:
        try:
            return parse_return_time(status.default_return, now, calendar)
        except ReturnTimeError:
            pass
    return calendar.next_opening(now)


# --- Inquiries -----------------------------------------------------------------------------------

_GENERIC_SUBJECTS = (
    "Vill bli uppringd",
    "Återkommer om ärende",
    "Söker handläggare",
    "Fråga om beslut",
    "Har fått brev och har frågor",
)
_FAILED_NOTES = {
    Outcome.NO_ANSWER: ("", "Inget svar", "Ringer igen i eftermiddag"),
    Outcome.VOICEMAIL: ("Lämnat meddelande på röstbrevlådan", "Talat in meddelande"),
}


def _inquiries(
    rng: random.Random,
    people: Sequence[_Person],
    ids: Sequence[int],
    unit_ids: dict[str, int],
    away: Sequence[int],
    open_count: int,
    closed_count: int,
    now: datetime,
    calendar: WorkingCalendar,
) -> list[_InquiryPlan]:
    """Open items (some overdue, some due today, the rest recent) and closed ones, oldest first."""
    days = calendar.answer_working_days
    overdue = min(open_count, max(3, round(open_count * rng.uniform(0.12, 0.2))))
    due_today = min(open_count - overdue, max(2, round(open_count * 0.12)))
    kinds = (
        ["overdue"] * overdue
        + ["today"] * due_today
        + ["recent"] * (open_count - overdue - due_today)
        + ["closed"] * closed_count
    )
    today = now.astimezone(calendar.tz).date()
    if calendar.is_working_day(today):
        last_working_day = today
    else:
        last_working_day = _working_days_back(calendar, today, 1)
    plans: list[_InquiryPlan] = []
    for kind in kinds:
        if kind == "overdue":
            back = days + rng.randint(1, 4)
        elif kind == "today":
            back = days
        elif kind == "recent":
            back = rng.randint(0, max(0, days - 1))
        else:
            back = rng.randint(1, 15)
        channel = rng.choices(_CHANNELS, _CHANNEL_WEIGHTS)[0]
        received = None
        while received is None:
            # Nothing fits on a day that has not opened yet: take the working day before.
            day = _working_days_back(calendar, last_working_day, back)
            received = _received(rng, calendar, day, now, anytime=channel is Channel.EMAIL)
            back += 1

        # Missed calls pile up for people who are away.
        index = rng.choice(away) if away and rng.random() < 0.5 else rng.randrange(len(people))
        person = people[index]
        for_unit = rng.random() < 0.15
        subjects = person.plan.subjects if rng.random() < 0.8 else _GENERIC_SUBJECTS
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        caller = f"{first} {last}"
        if rng.random() < 0.1:
            caller = f"{caller}, {rng.choice(_COMPANIES)}"
        number: str | None = None
        email: str | None = None
        if channel is Channel.EMAIL:
            email = f"{_email_part(first)}.{_email_part(last)}@{rng.choice(_EMAIL_DOMAINS)}"
        if channel is Channel.PHONE or rng.random() < 0.5:
            number = _caller_number(rng)
        plan = _InquiryPlan(
            NewInquiry(
                caller_name=caller,
                channel=channel,
                caller_number=number,
                caller_email=email,
                employee_id=None if for_unit else ids[index],
                unit_id=unit_ids[person.row.unit] if for_unit else None,
                subject=rng.choice(subjects),
                received_at=received,
            ),
            received,
        )
        if kind == "closed":
            plan.closed_at = _closed_at(rng, calendar, received, now)
            if number is not None and rng.random() < 0.25:
                plan.attempts = _attempts_before_closing(rng, received, plan.closed_at)
        plans.append(plan)

    # A few open items with a failed callback already.
    open_plans = [
        plan for plan in plans if plan.closed_at is None and plan.new.caller_number is not None
    ]
    tried = rng.sample(open_plans, min(OPEN_ATTEMPTS_CAP, len(open_plans) // 10))
    for plan in tried:
        at = _between(rng, plan.received_at, now)
        outcome = rng.choice((Outcome.NO_ANSWER, Outcome.VOICEMAIL))
        plan.attempts = [(at, outcome, rng.choice(_FAILED_NOTES[outcome]))]
    # Oldest first, so that ids grow with the time received, as at a real desk.
    plans.sort(key=lambda plan: plan.received_at)
    return plans


def _working_days_back(calendar: WorkingCalendar, day: date, n: int) -> date:
    """The `n`-th working day strictly before `day`; `day` itself when `n` is 0."""
    for _ in range(n):
        day -= _ONE_DAY
        while not calendar.is_working_day(day):
            day -= _ONE_DAY
    return day


def _received(
    rng: random.Random, calendar: WorkingCalendar, day: date, now: datetime, *, anytime: bool
) -> datetime | None:
    """A whole minute on `day` within office hours (e-mail: often not), before `now`."""
    start, end = calendar.opening_on(day), calendar.closing_on(day)
    if anytime and rng.random() < 0.3:
        start = datetime.combine(day, _EARLY, tzinfo=calendar.tz)
        end = datetime.combine(day, _LATE, tzinfo=calendar.tz)
    end = min(end, now - _MINUTE)
    if end <= start:
        return None
    moment = start + (end - start) * rng.random()
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A moment strictly between `start` and `end`, to the second where there is room."""
    moment = start + (end - start) * rng.uniform(0.1, 0.9)
    rounded = moment.replace(microsecond=0)
    return rounded if start < rounded < end else moment


def _closed_at(
    rng: random.Random, calendar: WorkingCalendar, received: datetime, now: datetime
) -> datetime:
    """Usually the same day, else during the next working day; always before `now`."""
    if rng.random() < 0.6:
        closed = received + timedelta(minutes=rng.randint(10, 240))
    else:
        closed = calendar.next_opening(received) + timedelta(minutes=rng.randint(5, 360))
    if closed >= now:
        closed = _between(rng, received, now)
    return closed.astimezone(UTC)


def _attempts_before_closing(
    rng: random.Random, received: datetime, closed: datetime
) -> list[tuple[datetime, Outcome, str]]:
    """One or two failed calls, then the one that reached the caller just before closing."""
    failed = sorted(_between(rng, received, closed) for _ in range(rng.randint(1, 2)))
    attempts: list[tuple[datetime, Outcome, str]] = []
    for at in failed:
        outcome = rng.choice((Outcome.NO_ANSWER, Outcome.VOICEMAIL))
        attempts.append((at, outcome, rng.choice(_FAILED_NOTES[outcome])))
    if rng.random() < 0.15:
        attempts.append((closed, Outcome.WRONG_NUMBER, "Fel nummer, ärendet avslutat"))
    else:
        attempts.append((closed, Outcome.REACHED, rng.choice(("", "Ärendet klart", "Löst"))))
    return attempts


def _caller_number(rng: random.Random) -> str:
    """A valid Swedish number in E.164: mostly mobiles, else a landline nearby or in Stockholm."""
    if rng.random() < 0.6:
        return f"{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
    prefix, digits = rng.choice(_LANDLINES)
    # Subscriber numbers never start with 0 (that would be a trunk prefix) or 1 in Stockholm.
    first = rng.randint(2, 9)
    return f"{prefix}{first}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"


# --- History -------------------------------------------------------------------------------------

# Calls and messages by weekday, Monday the busiest; at weekends and on holidays only e-mails
# come in. July has fewer, and more of them are answered late: most people take their holiday
# then. So are more in the days before a holiday, when the deadline runs over it.
_WEEKDAY_VOLUME = (13.0, 11.0, 10.0, 10.0, 8.0, 0.6, 0.4)
_CLOSED_DAY_VOLUME = 0.5
_JULY_VOLUME = 0.6
_LATE_SHARE = 0.04
_JULY_LATE = 4.0
_BEFORE_HOLIDAY_LATE = 2.5
_MOST_LATE = 0.6
# Within the deadline, each further working day answers 0.3 times as many as the day before:
# with two working days 72 % are answered the day they came in, 22 % the next day.
_LATER_DAY = 0.3
_MOST_DAYS_LATE = 5
# Units differ: the quickest has a fifth of the late answers of the slowest.
_UNIT_LATE = (0.5, 2.5)
_CALLERS = 4096
_FOR_UNIT = 0.15
_REASSIGNED = 0.01
_NOT_CALLED_BACK = 0.08  # the caller called again and was helped then: closed, no attempt
_FAILED_ATTEMPTS = (0, 1, 2)
_FAILED_WEIGHTS = (65, 25, 10)
_WRONG_NUMBER = 0.04
_MOST_MINUTES_TO_CLOSE = 20
_FIRST = operator.itemgetter(0)
_T = TypeVar("_T")


def _history(
    rng: random.Random,
    people: Sequence[_Person],
    ids: Sequence[int],
    unit_ids: dict[str, int],
    count: int,
    now: datetime,
    calendar: WorkingCalendar,
) -> Iterator[PastInquiry]:
    """`count` closed inquiries received from the first of January last year until
    yesterday, oldest first."""
    if count == 0:
        return
    tz = calendar.tz
    today = now.astimezone(tz).date()
    first_day = date(today.year - 1, 1, 1)
    days = [first_day + timedelta(days=n) for n in range((today - first_day).days)]
    # Working days from the first to a month past today, where the last answers may fall.
    working = [
        day
        for day in (first_day + timedelta(days=n) for n in range(len(days) + 30))
        if calendar.office_window(day) is not None
    ]
    deadline = calendar.answer_working_days
    in_time = [_LATER_DAY**n for n in range(deadline + 1)]

    volume = []
    for day in days:
        is_open = calendar.office_window(day) is not None
        weight = _WEEKDAY_VOLUME[day.weekday()] if is_open else _CLOSED_DAY_VOLUME
        volume.append(weight * (_JULY_VOLUME if day.month == 7 else 1.0))
    per_day = [0] * len(days)
    for n in rng.choices(range(len(days)), weights=volume, k=count):
        per_day[n] += 1

    unit_late = {unit: rng.uniform(*_UNIT_LATE) for unit in sorted(unit_ids)}
    callers = _history_callers(rng)
    last = now - _MINUTE
    random_float = rng.random
    channel_of = _chooser(rng, _CHANNELS, _CHANNEL_WEIGHTS)
    wait_in_time = _chooser(rng, range(deadline + 1), in_time)
    failed_calls = _chooser(rng, _FAILED_ATTEMPTS, _FAILED_WEIGHTS)
    everyone, ids_count = len(people), len(ids)
    for day, received_today in zip(days, per_day, strict=True):
        if not received_today:
            continue
        window = calendar.office_window(day)
        early = datetime.combine(day, _EARLY, tzinfo=tz).astimezone(UTC)
        late = datetime.combine(day, _LATE, tzinfo=tz).astimezone(UTC)
        # This day if it is a working day, else the next: an answer's working days count from it.
        first = bisect.bisect_left(working, day)
        season = _late_factor(calendar, day, working, first, deadline)
        arrivals = sorted(
            (
                _arrival(random_float, channel_of, window, early, late)
                for _ in range(received_today)
            ),
            key=_FIRST,
        )
        for received, channel in arrivals:
            index = int(random_float() * everyone)
            person = people[index]
            unit = person.row.unit
            name, number, email = callers[int(random_float() * _CALLERS)]
            late_share = min(_MOST_LATE, _LATE_SHARE * season * unit_late[unit])
            if random_float() < late_share:
                wait = deadline + 1 + int(random_float() * _MOST_DAYS_LATE)
            else:
                wait = wait_in_time()
            start = first
            if window is not None and received >= window[1]:
                start += 1  # came in after closing: counted from the next working day
            opens, closes = calendar.office_window(working[start + wait])  # type: ignore[misc]
            if wait == 0 and opens < received < closes:
                answered = received + (closes - received) * random_float() ** 2
            else:
                answered = opens + (closes - opens) * random_float()
            answered = max(answered.replace(microsecond=0), received + _MINUTE)
            if answered >= last:
                answered = _between(rng, received, last)
            # As at the desk: an e-mail has its address, a call its number, and half of the
            # e-mails and visits left a number too.
            if channel is not Channel.EMAIL:
                email = None
            if channel is not Channel.PHONE and random_float() < 0.5:
                number = None
            attempts, closed = _history_attempts(
                rng, failed_calls, number, received, answered, last
            )
            for_unit = random_float() < _FOR_UNIT
            subjects = person.plan.subjects if random_float() < 0.8 else _GENERIC_SUBJECTS
            yield PastInquiry(
                caller_name=name,
                channel=channel,
                caller_number=number,
                caller_email=email,
                employee_id=None if for_unit else ids[index],
                unit_id=unit_ids[unit] if for_unit else None,
                subject=subjects[int(random_float() * len(subjects))],
                received_at=received,
                closed_at=closed,
                attempts=attempts,
                reassigned_to=(
                    ids[int(random_float() * ids_count)] if random_float() < _REASSIGNED else None
                ),
            )


def _history_callers(rng: random.Random) -> list[tuple[str, str, str]]:
    """(name, number, e-mail) of the people who call and write in the history, who call
    more than once (a history of a million needs few names, and each is checked once)."""
    callers = []
    for _ in range(_CALLERS):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        name = f"{first} {last}"
        if rng.random() < 0.1:
            name = f"{name}, {rng.choice(_COMPANIES)}"
        email = f"{_email_part(first)}.{_email_part(last)}@{rng.choice(_EMAIL_DOMAINS)}"
        callers.append((name, _caller_number(rng), email))
    return callers


def _chooser(
    rng: random.Random, values: Sequence[_T], weights: Sequence[float]
) -> Callable[[], _T]:
    """A quick `rng.choices(values, weights)[0]`, for a million draws."""
    cumulative = list(itertools.accumulate(weights))
    total, random_float = cumulative[-1], rng.random
    return lambda: values[bisect.bisect(cumulative, random_float() * total)]


def _arrival(
    random_float: Callable[[], float],
    channel_of: Callable[[], Channel],
    window: tuple[datetime, datetime] | None,
    early: datetime,
    late: datetime,
) -> tuple[datetime, Channel]:
    """When an inquiry came in on a day and by which channel: calls and visits in office
    hours, e-mails often not; on a closed day (`window` None) only e-mails."""
    if window is None:
        channel, start, end = Channel.EMAIL, early, late
    else:
        channel = channel_of()
        start, end = window
    if channel is Channel.EMAIL and random_float() < 0.3:
        start, end = early, late
    moment = start + (end - start) * random_float()
    return moment.replace(second=0, microsecond=0), channel


def _late_factor(
    calendar: WorkingCalendar, day: date, working: Sequence[date], first: int, deadline: int
) -> float:
    """How much more often than usual an inquiry received on `day` is answered late: in July,
    and when a holiday falls before its deadline (more calendar days than working days)."""
    factor = _JULY_LATE if day.month == 7 else 1.0
    due = working[min(first + deadline, len(working) - 1)]
    weekdays = sum(1 for n in range((due - day).days + 1) if (day + timedelta(n)).weekday() < 5)
    if weekdays > deadline + 1:
        factor *= _BEFORE_HOLIDAY_LATE
    return factor


def _history_attempts(
    rng: random.Random,
    failed_calls: Callable[[], int],
    number: str | None,
    received: datetime,
    answered: datetime,
    last: datetime,
) -> tuple[list[tuple[datetime, Outcome, str]], datetime]:
    """The callback attempts of an inquiry answered at `answered`, and when it was closed.

    Without a number to call it was answered by e-mail, and closed then; some callers called
    again and were helped, so nobody called them back. The others were called, sometimes
    after a failed call or two, and reached at `answered` (or found to have given a wrong
    number), and the inquiry closed a few minutes later.
    """
    if number is None or rng.random() < _NOT_CALLED_BACK:
        return [], answered
    attempts: list[tuple[datetime, Outcome, str]] = []
    for at in sorted(_between(rng, received, answered) for _ in range(failed_calls())):
        outcome = Outcome.NO_ANSWER if rng.random() < 0.6 else Outcome.VOICEMAIL
        notes = _FAILED_NOTES[outcome]
        attempts.append((at, outcome, notes[int(rng.random() * len(notes))]))
    if rng.random() < _WRONG_NUMBER:
        attempts.append((answered, Outcome.WRONG_NUMBER, "Fel nummer, ärendet avslutat"))
    else:
        attempts.append((answered, Outcome.REACHED, ""))
    closed = answered + timedelta(minutes=int(rng.random() * _MOST_MINUTES_TO_CLOSE))
    return attempts, min(closed, last)
