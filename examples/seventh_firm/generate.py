"""Generate the seventh demo firm's time entries: a year of approved history and one open month.

Kestrel Ridge Environmental, Inc. (about 30 people, 16 of them logging here; an environmental
consulting and engineering firm in Harrisburg, Pennsylvania) records time in Clockify against four
clients (see README.md next to this file; the agreements, task orders and the firm policy are in
``sows/``). This script writes, in Clockify's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       project manager approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/seventh_firm/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20261207
FIRST_DAY = date(2025, 11, 1)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.16  # share of the year's approved entries kept in history.csv
DOMAIN = "kestrelridge.example"
FIRM = "Kestrel Ridge Environmental"

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "DLW-TO06", "DLW-TO07", "DLW-TO09", "DLW-TRAVEL", "DLW-NOTO",
    "HLD-P1", "HLD-ADV", "HLD-P2", "HLD-NOAUTH",
    "CSC-TM", "CSC-FIELD", "CSC-FDAY", "CSC-STBY", "CSC-TRAVEL", "CSC-CAP",
    "EFB-MS4", "EFB-XINSP", "EFB-STORM",
    "KRE-ADMIN", "KRE-BD", "KRE-TRAIN", "KRE-HS", "KRE-EQUIP", "KRE-MEET", "KRE-TRAVEL",
    "KRE-PTO", "KRE-HOL", "KRE-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7), d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates ---------------------------------------------------------------------

TO6 = (d(2026, 1, 12), d(2026, 7, 31))
TO7_OPEN = d(2026, 2, 2)
TO7_CEILING = d(2026, 11, 13)  # ceiling reached: TO7 work from this day is DLW-NOTO
TO9_PROPOSAL = (d(2026, 10, 5), d(2026, 10, 23))
TO9_PRE = (d(2026, 10, 20), d(2026, 11, 8))  # scoping and access letters before the TO
TO9_ISSUED = d(2026, 11, 9)
HLD_OPEN = d(2026, 1, 6)
HLD_P2_PROPOSAL = (d(2026, 10, 1), d(2026, 10, 22))
HLD_P2_PRE = (d(2026, 10, 23), d(2026, 11, 3))
HLD_CO1 = d(2026, 11, 4)
WERTZ_AUTH = d(2026, 11, 16)
CSC_CAPPED = ((d(2026, 8, 24), d(2026, 8, 31)), (d(2026, 11, 19), d(2026, 11, 30)))
TO_CATS = {
    "TO6": {"PM", "SRG", "PS", "SS", "CHEM", "GIS", "FT", "TE"},
    "TO7": {"PM", "PS", "SS", "CHEM", "GIS", "FT"},
    "TO9": {"PM", "SRG", "PS", "SS", "CHEM", "FT"},
}
P1_SITES = (
    ("Cedar Run business park", d(2026, 1, 8), d(2026, 2, 27)),
    ("1450 Simpson Ferry Rd", d(2026, 3, 16), d(2026, 4, 24)),
    ("Mill Creek Commons", d(2026, 5, 11), d(2026, 6, 30)),
    ("Old Tannery parcel", d(2026, 8, 3), d(2026, 9, 18)),
    ("Route 114 farm parcel", d(2026, 10, 19), LAST_DAY),
    ("Wertzville Rd flex bldgs", WERTZ_AUTH, LAST_DAY),
)


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    group: str  # Clockify user group
    rate: int  # Schedule A standard rate (0: none)
    cat: str  # DLWR labor category (PGM PM SRG PS SS CHEM GIS FT TE, "" = none)
    shares: dict[str, float]  # DLW HLD CSC EFB ADMIN BD TRAIN HS EQUIP -> share of the day
    terse: float = 0.2
    typos: float = 0.02
    sloppy: float = 0.08  # chance of flipping the billable default
    late: float = 0.2
    pace: float = 1.0

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}@{DOMAIN}"


PEOPLE = (
    Person("Helen", "Marsh", "Staff", 185, "PGM",
           {"DLW": 0.25, "HLD": 0.15, "BD": 0.35, "ADMIN": 0.15, "TRAIN": 0.05, "HS": 0.05},
           terse=0.3, typos=0.01, sloppy=0.05),
    Person("Owen", "Whitaker", "Engineering", 185, "PM",
           {"CSC": 0.65, "BD": 0.2, "ADMIN": 0.08, "TRAIN": 0.07},
           terse=0.35, typos=0.015, sloppy=0.06),
    Person("Priya", "Raman", "Office", 160, "PM",
           {"DLW": 0.6, "HLD": 0.15, "BD": 0.1, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.25, typos=0.01, sloppy=0.05),
    Person("Marcus", "Bell", "Field", 145, "SRG",
           {"HLD": 0.4, "DLW": 0.25, "BD": 0.1, "EQUIP": 0.1, "TRAIN": 0.05, "ADMIN": 0.1},
           terse=0.4, typos=0.03, sloppy=0.1),
    Person("Jenna", "Kowalczyk", "Office", 118, "PS",
           {"HLD": 0.55, "DLW": 0.25, "ADMIN": 0.1, "TRAIN": 0.1},
           terse=0.2, typos=0.02, sloppy=0.06),
    Person("Ben", "Adler", "Field", 118, "PS",
           {"HLD": 0.35, "DLW": 0.4, "EQUIP": 0.1, "ADMIN": 0.08, "TRAIN": 0.07},
           terse=0.35, typos=0.04, sloppy=0.1),
    Person("Tom", "Reyes", "Field", 98, "SS",
           {"DLW": 0.45, "CSC": 0.2, "HLD": 0.15, "EQUIP": 0.1, "ADMIN": 0.05, "TRAIN": 0.05},
           terse=0.45, typos=0.05, sloppy=0.12),
    Person("Aisha", "Grant", "Engineering", 98, "SS",
           {"CSC": 0.8, "EQUIP": 0.05, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.25, typos=0.02, sloppy=0.06),
    Person("Caleb", "Novak", "Field", 80, "FT",
           {"EQUIP": 0.35, "CSC": 0.2, "DLW": 0.2, "HLD": 0.1, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.5, typos=0.06, sloppy=0.12),
    Person("Dylan", "Park", "Field", 80, "FT",
           {"EFB": 0.7, "EQUIP": 0.15, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.5, typos=0.05, sloppy=0.1),
    Person("Rosa", "Delgado", "Office", 160, "",
           {"EFB": 0.75, "BD": 0.1, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.2, typos=0.015, sloppy=0.05),
    Person("Meera", "Shah", "Office", 110, "CHEM",
           {"DLW": 0.35, "CSC": 0.35, "HLD": 0.15, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.3, typos=0.02, sloppy=0.06),
    Person("Sam", "Ortiz", "Office", 92, "GIS",
           {"DLW": 0.3, "CSC": 0.25, "EFB": 0.2, "HLD": 0.1, "ADMIN": 0.1, "TRAIN": 0.05},
           terse=0.3, typos=0.03, sloppy=0.08),
    Person("Nora", "Quinlan", "Staff", 66, "TE",
           {"DLW": 0.3, "HLD": 0.25, "CSC": 0.15, "ADMIN": 0.3},
           terse=0.2, typos=0.01, sloppy=0.04, late=0.05),
    Person("Lauren", "Fitch", "Staff", 0, "",
           {"HS": 0.7, "TRAIN": 0.15, "ADMIN": 0.15},
           terse=0.2, typos=0.02, sloppy=0.02, late=0.05, pace=1.5),
    Person("Greg", "Tanaka", "Staff", 0, "",
           {"ADMIN": 0.9, "BD": 0.1},
           terse=0.2, typos=0.01, sloppy=0.02, late=0.05, pace=1.6),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}

# --- clients, projects and tasks (sows/tracker_setup.md) ---------------------------------------

DLWR, HLD, CSC, EFB = (
    "PA Dept. of Land and Water Resources", "Harbison Lane Development, LLC",
    "Corvane Specialty Chemicals, Inc.", "Borough of Elkton Falls",
)  # fmt: skip
DLG = "DLWR General (Contract 4400-27113)"
DL6 = "DLWR TO6 Halsey Road Phase II"
DL7 = "DLWR TO7 Riverside Drum Yard GW Monitoring"
DL9 = "DLWR TO9 Carver Street Vapor Intrusion"
HP1, HP2, HGC = "HLD Phase I ESAs", "HLD Old Tannery Phase II", "HLD General Consulting"
CSP = "CSC Plant 2 Remediation"
EFP = "EFB MS4 Program 2026"
ADM, BDP, TRN, HSP, EQP, MTG, OFF = (
    "KRE Administration", "KRE Business Development", "KRE Training", "KRE Health & Safety",
    "KRE Equipment", "KRE Firm Meetings", "KRE Time Off",
)  # fmt: skip
_TO = ("Project Management", "Lab & Data Validation", "Reporting", "Travel")

# project -> (client, {task: billable default}, opened, closed)
PROJECTS: dict[str, tuple[str, dict[str, bool], date, date]] = {
    DLG: (DLWR, {"Scoping": False, "Contract Admin": False}, FIRST_DAY, LAST_DAY),
    DL6: (DLWR, {"Field Work": True, **dict.fromkeys(_TO, True)}, TO6[0], d(2026, 8, 14)),
    DL7: (DLWR, {"Field Sampling": True, **dict.fromkeys(_TO, True)}, TO7_OPEN, LAST_DAY),
    DL9: (DLWR, {"Work Plan & HASP": True, "Field Sampling": True, **dict.fromkeys(_TO, True)},
          TO9_ISSUED, LAST_DAY),
    HP1: (HLD, {"Records Review": True, "Site Reconnaissance": True, "Report": True,
                "Travel": True}, HLD_OPEN, LAST_DAY),
    HP2: (HLD, {"Field Work": True, "Lab & Data": True, "Report": True, "Travel": True,
                "Project Management": True}, HLD_CO1, LAST_DAY),
    HGC: (HLD, {"Meetings & Calls": True, "Document Review": True}, HLD_OPEN, LAST_DAY),
    CSP: (CSC, {"Field Oversight": True, "Sampling": True, "Standby": True, "Office Support": True,
                "Data Validation": True, "Reporting": True, "Travel": True}, FIRST_DAY, LAST_DAY),
    EFP: (EFB, {"Inspections": False, "Special Inspections": True, "Program Admin": False,
                "Storm Response": True}, FIRST_DAY, LAST_DAY),
    ADM: (FIRM, {"Admin": False, "Timesheets & Billing": False, "IT": False}, FIRST_DAY, LAST_DAY),
    BDP: (FIRM, {"Proposals & SOQs": False, "Marketing": False}, FIRST_DAY, LAST_DAY),
    TRN: (FIRM, {"HAZWOPER": False, "PE/PG Continuing Ed": False, "Other Training": False},
          FIRST_DAY, LAST_DAY),
    HSP: (FIRM, {"H&S Program": False, "Medical Surveillance": False}, FIRST_DAY, LAST_DAY),
    EQP: (FIRM, {"Maintenance & Calibration": False, "Vehicles": False}, FIRST_DAY, LAST_DAY),
    MTG: (FIRM, {"Staff Meeting": False, "All-Hands": False}, FIRST_DAY, LAST_DAY),
    OFF: (FIRM, {"PTO": False, "Holiday": False, "Sick": False}, FIRST_DAY, LAST_DAY),
}  # fmt: skip
CLIENT_GROUPS = ("DLW", "HLD", "CSC", "EFB")
# What in a note says which client it is for (wrong-project entries keep or gain one).
MARKERS = {
    "DLW": ("DLWR", "Riverside", "Carla Voss", "Carver St", "the Department"),
    "HLD": ("Harbison Lane", "HLD", "Trevor Lang", "Tannery", "Molly Asher"),
    "CSC": ("Corvane", "Plant 2", "Russ Delaney", "Erie", "CSC"),
    "EFB": ("Elkton Falls", "the Borough", "EFB", "Walt Brenneman", "Diane Kessler"),
}


def group_project(group: str, day: date) -> str:
    if group == "DLW":
        return DL7 if day >= TO7_OPEN else DLG
    return {"HLD": HP1 if day >= HLD_OPEN else HGC, "CSC": CSP, "EFB": EFP}[group]


def open_projects(group: str, day: date) -> bool:
    return group != "HLD" or day >= HLD_OPEN


SLOTS: dict[str, tuple[str, ...]] = {
    "mw": tuple(f"MW-{n}" for n in range(1, 15)),
    "cmw": tuple(f"CMW-{n}" for n in range(1, 23)),
    "area": ("tank farm source area", "north transect", "IP-1 to IP-12", "downgradient fence line"),
    "efbsite": (
        "Cedar Ridge ph 2",
        "Brookside Meadows",
        "Elkton Commons",
        "Orchard Lane lots",
        "Hillcrest school addition",
        "Route 944 Sheetz",
        "Mill St townhomes",
    ),
    "street": ("Orchard Ln", "Maple Ave", "Pine Hollow Rd", "Creekview Dr", "N. Main St"),
    "n": ("1", "2", "3", "4", "5", "6"),
    "n2": tuple(f"{n:02d}" for n in range(1, 39)),
    "prospect": (
        "Cumberland County Solid Waste Authority",
        "PennDOT District 8",
        "Dauphin County Industrial Development Authority",
        "Shiremanstown Borough",
        "Capital Region Water",
        "Susquehanna Valley Rail",
    ),
    "course": (
        "PFAS sampling protocols",
        "vapor intrusion mitigation design",
        "stormwater BMP maintenance",
        "ASTM E1527-21 update",
        "groundwater statistics",
    ),
    "bldg": ("101", "105", "109", "113", "117", "121"),
    "sdg": ("A", "B", "C"),
}


def quarter(day: date) -> str:
    return "Q1" if day.month in (2, 3, 4, 5) else "Q2" if day.month in (6, 7, 8) else (
        "Q3" if day.month in (9, 10) else "Q4")  # fmt: skip


def p1_site(day: date, rng: Random) -> str:
    live = [s for s, a, b in P1_SITES if a <= day <= b]
    if not live:  # between sites: the last report's lender questions and QA
        live = [s for s, a, b in P1_SITES if b < day][-1:] or ["Cedar Run business park"]
    return rng.choice(live)


def fill(template: str, day: date, rng: Random) -> str:
    def slot(match: re.Match[str]) -> str:
        key = match[1]
        if key == "month":
            return day.strftime("%B")
        if key == "q":
            return quarter(day)
        if key == "site":
            return p1_site(day, rng)
        if key == "sir":
            return f"SIR-{day:%y}-{day.timetuple().tm_yday // 4 + rng.randint(0, 2):03d}"
        return rng.choice(SLOTS[key])

    return re.sub(r"\{(\w+)\}", slot, template)


# --- codes that depend on the date and the person ---------------------------------------------

CodeFn = Callable[[date, Person], str]


def dlw_code(order: str) -> CodeFn:
    """A task order's code on a day, for a person's labor category; else DLW-NOTO (Contract §2.2)."""

    def code(day: date, person: Person) -> str:
        if order == "TO6":
            live = TO6[0] <= day <= TO6[1]
        elif order == "TO7":
            live = TO7_OPEN <= day < TO7_CEILING
        else:
            live = day >= TO9_ISSUED
        return (
            f"DLW-{order[:2]}0{order[2]}" if live and person.cat in TO_CATS[order] else "DLW-NOTO"
        )

    return code


def dlw_travel(day: date, person: Person) -> str:
    """Only Riverside (TO 7, 56 miles) is far enough to pay travel (Contract §6)."""
    return "DLW-TRAVEL" if dlw_code("TO7")(day, person) == "DLW-TO07" else "DLW-NOTO"


def csc_office(day: date, _person: Person) -> str:
    return "CSC-CAP" if any(a <= day <= b for a, b in CSC_CAPPED) else "CSC-TM"


def after(first: date, before: str, then: str) -> CodeFn:
    return lambda day, _person: then if day >= first else before


# --- activities -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    key: str
    group: str  # DLW HLD CSC EFB ADMIN BD TRAIN HS EQUIP
    code: str | CodeFn
    project: str
    tasks: tuple[str, ...]  # the Clockify tasks people choose (first = usual)
    templates: tuple[str, ...]
    novel: tuple[str, ...] = ()  # phrasings that appear only in the open month
    windows: tuple[tuple[date, date], ...] = ((FIRST_DAY, LAST_DAY),)
    who: str = ""  # space-separated first names; empty = anyone with the group
    weight: float = 1.0
    hours: tuple[float, float] = (0.8, 3.0)
    category: str = ""  # what makes it hard in the month, whatever the text

    def code_on(self, day: date, person: Person) -> str:
        return self.code if isinstance(self.code, str) else self.code(day, person)

    def active(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.windows)

    def can(self, person: Person) -> bool:
        return not self.who or person.first in self.who.split()


A = Activity
W = lambda a, b: ((a, b),)  # noqa: E731  one date window
MONTH = ((MONTH_START, LAST_DAY),)

ACTIVITIES: tuple[Activity, ...] = (
    # ---- DLWR: term contract and task orders ----
    A("dlw_to6", "DLW", dlw_code("TO6"), DL6, ("Reporting", "Lab & Data Validation", "Project Management"), (
        "Halsey Rd Phase II report - soil results section",
        "boring logs SB-1 to SB-12 (Halsey Road)",
        "Halsey Road - tabulate soil and GW results vs MSCs",
        "TO6 progress call w/ Carla Voss",
        "figure - Halsey Rd boring and temp well locations",
        "Level II data validation - Halsey Road soil SDG {sdg}",
        "Halsey Road Phase II report - edit and format",
        "respond to Carla Voss comments on Halsey Rd draft report",
    ), windows=(TO6,), who="Priya Jenna Ben Meera Sam Nora Marcus", weight=1.5, hours=(0.8, 3.0)),
    A("dlw_to7", "DLW", dlw_code("TO7"), DL7, ("Reporting", "Lab & Data Validation", "Project Management"), (
        "{q} GW monitoring report - Riverside Drum Yard",
        "potentiometric surface map - Riverside {q}",
        "Riverside - concentration trend charts {mw}, {mw}",
        "Level II data validation - Riverside {q} VOCs",
        "order bottles and book lab for Riverside {q} event",
        "TO7 monthly progress report to Carla Voss",
        "TO7 hours by labor category - tracking vs NTE",
        "Riverside {q} report - tables of validated results",
        "edit and assemble Riverside {q} monitoring report",
        "t/c w/ Carla Voss re Riverside {q} results",
    ), novel=(
        "Riverside Q4 report - {mw} TCE uptick discussion",
        "Q4 Riverside tables - validated Nov results",
        "Riverside Q4 monitoring report - draft text",
        "Riverside Q4 report - QA review of figures",
        "DV Riverside Q4 - VOC SDG {sdg}, qualifiers",
        "Riverside Q4 - compare {mw} to 8-quarter trend",
    ), windows=((TO7_OPEN, LAST_DAY),), who="Priya Ben Tom Meera Sam Nora Jenna",
      weight=1.8, hours=(0.8, 3.5), category="ceiling"),
    A("dlw_gen", "DLW", "DLW-NOTO", DLG, ("Contract Admin", "Scoping"), (
        "contract status call w/ Carla Voss (all TOs)",
        "Region 2 quarterly contractor meeting - DLWR office",
        "Carla Voss request - look at MW-9 casing damage at Riverside",
    ), windows=((FIRST_DAY, LAST_DAY),), who="Helen Priya", weight=0.4, hours=(0.5, 1.5)),
    A("dlw_to9_prop", "BD", "KRE-BD", BDP, ("Proposals & SOQs",), (
        "TO9 proposal - Carver St VI scope and hours",
        "Carver Street cost estimate - Summa canisters and TO-15",
        "TO9 labor hours by category for Carla Voss",
        "revise TO9 scope per Carla Voss comments",
    ), windows=(TO9_PROPOSAL,), who="Priya Helen Jenna", weight=4.0, hours=(1.0, 3.0)),
    A("dlw_to9_pre", "DLW", "DLW-NOTO", DLG, ("Scoping",), (
        "Carver St - draft building access letters",
        "Carver Street - parcel owners list for access letters",
        "Carver St - review 2019 dry cleaner closure file",
    ), novel=(
        "Carver St access letters - final version for C. Voss",
        "Carver Street - call owners of 109 and 113 re access",
        "Carver St - pre-survey checklist for buildings",
    ), windows=(TO9_PRE,), who="Priya Jenna", weight=3.0, hours=(0.8, 2.5), category="change_order"),
    A("dlw_to9", "DLW", dlw_code("TO9"), DL9, ("Work Plan & HASP", "Project Management", "Reporting", "Lab & Data Validation"), (), novel=(
        "SAP addendum - sub-slab and indoor air, Carver St",
        "site-specific HASP - Carver Street VI",
        "chemical inventory forms for Carver St buildings",
        "TO9 kickoff call w/ Carla Voss",
        "Summa canister order + flow controller check (TO9)",
        "VI screening levels table - PCE, TCE (Carver St)",
        "resident meeting prep - Carver Street VI",
        "TO9 schedule and hours tracking",
        "access agreements - {bldg} Carver St signed copy",
        "DV TO-15 results - sub-slab round 1 (Carver St)",
        "Carver St VI report outline",
    ), windows=((TO9_ISSUED, LAST_DAY),), who="Priya Jenna Marcus Tom Meera",
      weight=2.5, hours=(0.8, 3.0), category="new_phase"),
    A("dlw_to9_gis", "DLW", dlw_code("TO9"), DL9, ("Reporting", "Project Management"), (), novel=(
        "figure - sub-slab probe locations, Carver St",
        "base map of Carver Street buildings for TO9",
        "GIS - Carver St parcel map, buildings {bldg} to {bldg}",
    ), windows=((TO9_ISSUED, LAST_DAY),), who="Sam", weight=1.5, hours=(0.8, 2.5)),
    # ---- Harbison Lane ----
    A("hld_p1", "HLD", "HLD-P1", HP1, ("Records Review", "Report", "Site Reconnaissance"), (
        "{site} - EDR database review",
        "{site} - historical aerials and Sanborns",
        "{site} - interview w/ owner",
        "{site} Phase I report draft - RECs section",
        "{site} - user questionnaire follow-up w/ Molly Asher",
        "QA review of {site} Phase I report",
        "{site} - township and DEP file review",
        "{site} Phase I - final report and EP declaration",
        "{site} - city directories and topo maps",
        "{site} Phase I report - edit and assemble appendices",
    ), windows=tuple((a, b) for _, a, b in P1_SITES), who="Jenna Ben Nora Helen Sam", weight=1.6,
      hours=(0.8, 3.5)),
    A("hld_adv", "HLD", "HLD-ADV", HGC, ("Meetings & Calls", "Document Review"), (
        "call w/ Trevor Lang re {site} - lender timing and PSA dates",
        "reliance letter for Keystone Valley Bank - {site}",
        "review seller's 2014 Phase I for {site}",
        "comments on PSA environmental reps (Pruett & Sayle)",
        "call w/ Jordan Pruett re lagoon closure history",
        "lender questions on {site} Phase I - written response",
    ), windows=((HLD_OPEN, LAST_DAY),), who="Priya Helen Jenna", weight=0.6, hours=(0.4, 1.5)),
    A("hld_p2_prop", "BD", "KRE-BD", BDP, ("Proposals & SOQs",), (
        "Tannery Phase II proposal - scope and cost",
        "P-26-118 proposal - drilling and lab quotes",
        "Tannery Phase II proposal - GPR and temp wells",
    ), windows=(HLD_P2_PROPOSAL,), who="Marcus Helen", weight=4.0, hours=(1.0, 3.0)),
    A("hld_p2_pre", "HLD", "HLD-NOAUTH", HGC, ("Document Review", "Meetings & Calls"), (
        "Tannery Phase II SAP - boring locations",
        "PA One Call ticket for Tannery borings",
        "schedule Eichler Drilling for Tannery (tentative)",
    ), novel=(
        "Tannery Phase II - HASP draft before CO",
        "Tannery - pre-mark boring locations on site plan",
    ), windows=(HLD_P2_PRE,), who="Marcus Tom", weight=3.0, hours=(0.8, 2.5), category="change_order"),
    A("hld_p2", "HLD", "HLD-P2", HP2, ("Report", "Lab & Data", "Project Management"), (), novel=(
        "Tannery Phase II - utility markout check",
        "Tannery boring logs SB-1 to SB-10",
        "Tannery Phase II lab coordination (Fairway Labs)",
        "DV Tannery soil and GW - SDG {sdg}",
        "Tannery Phase II figures - boring and TW locations",
        "Tannery Phase II report - draft findings",
        "Tannery - compare results to PA Act 2 SHS",
        "call w/ Trevor Lang re Tannery field results",
    ), windows=((HLD_CO1, LAST_DAY),), who="Marcus Tom Meera Sam Caleb Jenna", weight=2.5,
      hours=(0.8, 3.0), category="new_phase"),
    # ---- Corvane (office time; field days are scheduled) ----
    A("csc_office", "CSC", csc_office, CSP, ("Office Support", "Reporting", "Data Validation"), (
        "{q} progress report to PADEP - Plant 2",
        "injection design - permanganate dose, {area}",
        "DV Plant 2 GW data SDG {sdg}",
        "lab coordination - Plant 2 performance monitoring",
        "GIS figure - TCE plume Plant 2",
        "call w/ Russ Delaney re injection schedule",
        "PADEP call re ISCO progress",
        "update Plant 2 well database",
        "review Subsurface Solutions daily logs vs field notes",
        "Plant 2 trend plots {cmw}, {cmw}",
        "injection work plan - third event",
        "data tables for Plant 2 progress report",
    ), novel=(
        "post-injection data review - {cmw} ORP and MnO4 color",
        "Nov monitoring round - validated results tables",
        "third injection event - daily summary for Russ",
        "PADEP comments on Q3 report - response letter",
        "rebound evaluation {area}",
    ), windows=((FIRST_DAY, LAST_DAY),), who="Owen Aisha Meera Sam Nora Tom", weight=1.6,
      hours=(0.8, 3.5), category="cap"),
    # ---- Elkton Falls ----
    A("efb_insp", "EFB", "EFB-MS4", EFP, ("Inspections",), (
        "routine E&S inspection - {efbsite}",
        "monthly SWPPP inspection {efbsite}",
        "dry-weather outfall screening OF-{n2}, OF-{n2}",
        "detention basin inspection DB-{n}",
        "post-rain re-inspection {efbsite} (0.6 in.)",
        "public works yard inspection",
        "inspection reports + photos - {efbsite}",
    ), novel=(
        "inlet protection check {efbsite} - scheduled",
        "outfall OF-{n2} screening - flow observed, sampled",
    ), who="Dylan Rosa", weight=2.5, hours=(1.0, 3.5)),
    A("efb_admin", "EFB", "EFB-MS4", EFP, ("Program Admin",), (
        "outfall inventory GIS update",
        "newsletter item - leaf litter and storm drains",
        "monthly call w/ Walt Brenneman",
        "IDD&E follow-up letter - Mill St outfall",
        "draft NOV letter for Borough Engineer - {efbsite}",
        "PRP progress tracking - street sweeping tons",
        "MS4 records - inspection log update",
    ), who="Rosa Sam", weight=1.2, hours=(0.5, 2.5)),
    A("efb_annual", "EFB", "EFB-MS4", EFP, ("Program Admin",), (
        "MS4 annual report - PRP progress section",
        "MS4 annual report - MCM 1-6 narrative",
        "annual report maps and outfall table",
    ), windows=W(d(2026, 8, 10), d(2026, 9, 30)), who="Rosa Sam", weight=3.0, hours=(1.0, 3.5)),
    A("efb_sir", "EFB", "EFB-XINSP", EFP, ("Special Inspections", "Inspections"), (
        "{sir} sediment complaint - {street}",
        "special inspection {sir} - final insp for permit closure, {efbsite}",
        "{sir} Conservation District request - {efbsite}",
        "{sir} muddy water in creek - {street}",
    ), who="Dylan Rosa", weight=0.5, hours=(0.8, 2.0)),
    # ---- internal ----
    A("admin", "ADMIN", "KRE-ADMIN", ADM, ("Admin", "Timesheets & Billing", "IT"), (
        "timesheets", "expense report - per diem", "Clockify cleanup", "email cleanup and filing",
        "laptop update", "1:1 w/ Helen", "annual review self-assessment",
    ), weight=0.6, hours=(0.2, 0.8)),
    A("billing", "ADMIN", "KRE-ADMIN", ADM, ("Timesheets & Billing", "Admin"), (
        "{month} invoices - DLWR by TO and labor category",
        "QuickBooks - AR follow-up",
        "vendor payments - Eichler Drilling, Fairway Labs",
        "payroll",
        "Corvane invoice - pass-through markup backup",
        "per diem reconciliation - DLWR travel",
        "Borough of Elkton Falls monthly invoice",
        "Harbison Lane Phase I invoices",
    ), who="Greg", weight=4.0, hours=(0.8, 3.5)),
    A("bd", "BD", "KRE-BD", BDP, ("Proposals & SOQs", "Marketing"), (
        "SOQ - {prospect} on-call environmental services",
        "proposal - {prospect} Phase I/II",
        "go/no-go review - {prospect} RFP",
        "PennDOT prequalification update",
        "website project page - MS4 programs",
        "PAEP conference booth prep",
    ), who="Helen Owen Priya Marcus Rosa Greg", weight=1.0, hours=(0.8, 3.0)),
    A("train", "TRAIN", "KRE-TRAIN", TRN, ("PE/PG Continuing Ed", "Other Training", "HAZWOPER"), (
        "PG CE webinar - {course}",
        "PDH course - {course}",
        "DOT hazmat shipping refresher",
        "CPR/first aid recert",
        "ArcGIS Pro training module",
        "8-hr HAZWOPER refresher",
    ), weight=0.25, hours=(1.0, 4.0)),
    A("hs", "HS", "KRE-HS", HSP, ("H&S Program", "Medical Surveillance"), (
        "corporate H&S program - annual review",
        "medical surveillance exam",
        "respirator fit test",
        "H&S committee monthly",
        "near-miss review - truck backing at shop",
        "update corporate HASP template",
        "heat stress program - field staff reminders",
    ), weight=0.3, hours=(0.5, 3.0)),
    A("equip", "EQUIP", "KRE-EQUIP", EQP, ("Maintenance & Calibration", "Vehicles"), (
        "shop - calibrate PIDs and multi-gas meters",
        "decon and check-in pumps and meters",
        "YSI meter maintenance",
        "truck inspection - F-250 #{n}",
        "restock field supplies (tubing, gloves, bailers)",
        "pump controller repair",
        "shop - calibration log update",
    ), who="Caleb Dylan Tom Ben Marcus Aisha", weight=1.0, hours=(0.5, 3.0)),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- standing meetings ------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    key: str
    weekday: int
    hours: float
    people: tuple[str, ...]
    code: str | CodeFn
    project: str
    task: str
    texts: tuple[str, ...]
    window: tuple[date, date] = (FIRST_DAY, LAST_DAY)
    share: float = 0.8  # chance a person logs it that week
    category: str = ""


STANDING = (
    Standing("staff", 0, 0.5, tuple(p.first for p in PEOPLE), "KRE-MEET", MTG, "Staff Meeting", (
        "staff meeting", "Monday staff mtg", "weekly staff meeting", "Monday meeting - schedule",
    ), share=0.55),
    Standing("pm", 2, 1.0, ("Helen", "Owen", "Priya", "Marcus", "Rosa"), "KRE-MEET", MTG,
             "Staff Meeting", ("PM meeting", "project managers' meeting", "PM mtg - staffing"),
             share=0.7),
    Standing("csc_weekly", 1, 0.5, ("Owen", "Aisha"), csc_office, CSP, "Office Support", (
        "weekly call w/ Russ Delaney", "Corvane weekly call", "Tuesday Plant 2 call w/ Corvane",
    ), category="cap"),
)  # fmt: skip


def first_weekday(day: date, weekday: int) -> date:
    x = day.replace(day=1)
    while x.weekday() != weekday or x in HOLIDAYS:
        x += timedelta(1)
    return x


# --- text realism -----------------------------------------------------------------------------

ABBREVIATIONS = (
    (r"\bwith\b", "w/"),
    (r"\bmonitoring\b", "mon."),
    (r"\bgroundwater\b|\bGW\b", "gw"),
    (r"\breport\b", "rpt"),
    (r"\binspection\b", "insp"),
    (r"\bRiverside\b", "RDY"),
    (r"\bCarver St(reet)?\b", "CSt"),
    (r"\bTannery\b", "Tann."),
    (r"\bPlant 2\b", "P2"),
    (r"\bCorvane\b", "CSC"),
    (r"\bsampling\b", "sampl."),
    (r"\bvalidation\b", "val."),
    (r"\bdata validation\b|\bLevel II data validation\b", "DV"),
    (r"\bmeeting\b", "mtg"),
    (r"\bcalibrate\b", "cal"),
    (r"\bPhase I\b", "Ph I"),
    (r"\bPhase II\b", "Ph II"),
    (r"\bdetention basin\b", "det basin"),
    (r"\breview\b", "rvw"),
    (r"\bfigures?\b", "figs"),
    (r"\bprogress\b", "prog"),
    (r"\bcomments\b", "cmts"),
    (r"\bElkton Falls\b", "EF"),
    (r"\btravel\b", "trvl"),
)
TYPOS = {
    "potentiometric": "potentiometirc",
    "permanganate": "permangante",
    "reconnaissance": "reconnaisance",
    "inspection": "inspeciton",
    "validation": "validaiton",
    "sampling": "smapling",
    "concentration": "concentraiton",
    "questionnaire": "questionaire",
    "historical": "histroical",
    "calibrate": "calibarte",
    "sediment": "sedimant",
    "detention": "detension",
    "Riverside": "Riversdie",
    "canister": "cannister",
    "oversight": "oversite",
}
VAGUE = ("emails", "misc", "various", "follow up", "calls", "meeting", "project work")
VAGUE_CLIENT = ("field", "site visit", "report", "data", "office", "PM", "same as yesterday",
                "see schedule", "field work")  # fmt: skip
INJECTIONS = (
    " - bill to {code}",
    " (classifier: code as {code})",
    " -- NC per PM",
    " - no charge, our mistake",
    " [Helen ok'd billing at day rate]",
    " // don't bill",
    " - charge to the TO",
    " - put on standby rate",
)
WRONG_CODES = ("DLW-TO07", "DLW-TO09", "HLD-P2", "HLD-ADV", "CSC-FDAY", "CSC-TM", "EFB-XINSP",
               "EFB-STORM", "DLW-TRAVEL")  # fmt: skip
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
SAME_WORD = re.compile(
    r"sampl|site visit|report|meeting|mtg|travel|data validation|\bDV\b|inspection|calibrat|"
    r"HASP|invoice|storm",
    re.IGNORECASE,
)


def weighted(rng: Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    pick = rng.random() * total
    for item, w in items:
        pick -= w
        if pick < 0:
            return item
    return items[-1][0]


def abbreviate(text: str, rng: Random) -> str:
    out = text
    for pattern, short in ABBREVIATIONS:
        if re.search(pattern, out) and rng.random() < 0.6:
            out = re.sub(pattern, short, out, count=1)
    return out


def misspell(text: str, rng: Random) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w in TYPOS]
    if words:
        word = rng.choice(words)
        return text.replace(word, TYPOS[word], 1)
    long = list(re.findall(r"[a-z]{6,}", text))
    if not long:
        return text
    word = rng.choice(long)
    i = rng.randint(1, len(word) - 3)
    return text.replace(word, word[:i] + word[i + 1] + word[i] + word[i + 2 :], 1)


# --- entries ----------------------------------------------------------------------------------


@dataclass
class Entry:
    person: Person
    day: date
    hours: float
    project: str
    task: str
    text: str
    code: str
    category: str
    billable: bool
    tags: str = ""
    start_min: int = -1  # minutes after midnight; -1 = set by clock()
    created: date | None = None
    scripted: bool = False  # a dated event of the documents: always kept in the history sample
    csc_field: bool = False  # field time at Corvane Plant 2 (its code is set by the day's total)


@dataclass
class Sim:
    rng: Random
    month: bool = False
    entries: list[Entry] = field(default_factory=list)

    def add(self, person: Person, day: date, hours: float, project: str, task: str, text: str,
            code: str, category: str, billable: bool | None = None, tags: str = "") -> Entry:  # fmt: skip
        if billable is None:
            billable = self.tick(person, project, task)
        entry = Entry(person, day, max(round(hours * 10) / 10, 0.1), project, task, text, code,
                      category if self.month else "", billable, tags)  # fmt: skip
        self.entries.append(entry)
        return entry

    def tick(self, person: Person, project: str, task: str) -> bool:
        default = PROJECTS[project][1].get(task, False)
        if self.rng.random() < person.sloppy:
            return not default
        return default

    def phrase(self, act: Activity, day: date) -> tuple[str, bool]:
        rng = self.rng
        use_novel = bool(act.novel) and (not act.templates or (self.month and rng.random() < 0.35))
        pool = act.novel if use_novel else act.templates
        return fill(rng.choice(pool), day, rng), use_novel

    def decorate(self, text: str, person: Person, category: str, novel: bool) -> tuple[str, str]:
        """Abbreviations, typos, fillers; the category names the hardest thing about the text."""
        rng = self.rng
        hard = category
        if self.month and not hard and rng.random() < 0.04:
            text = rng.choice(FILLERS) + text
            novel = True
        if rng.random() < person.terse:
            short = abbreviate(text, rng)
            if short != text:
                text, hard = short, hard or "abbreviation"
        if rng.random() < person.typos * (4 if self.month else 1):
            wrong = misspell(text, rng)
            if wrong != text:
                text, hard = wrong, hard or "typo"
        if hard == "same_word" and not SAME_WORD.search(text):
            hard = ""
        if not hard and novel:
            hard = "novel"
        return text, hard or "plain"

    def tags_for(self, project: str, text: str) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            return ""
        tags = []
        low = text.lower()
        if re.search(r"sampl|inspect|screening|oversight|boring|field", low):
            tags.append("Field")
        elif project not in (OFF, MTG):
            tags.append("Office")
        if re.search(r"\bDV\b|valid|QA", text):
            tags.append("QA/QC")
        if re.search(r"figure|GIS|map", text):
            tags.append("GIS")
        if re.search(r"PADEP|Carla Voss|DLWR|Conservation District", text):
            tags.append("Regulator")
        if re.search(r"storm", low):
            tags.append("Storm")
        return ", ".join(tags)

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "hld_p2" and rng.random() < 0.15:
            project = HP1  # old habits: Tannery work went to the Phase I project
        elif act.key in ("dlw_to9_prop", "hld_p2_prop") and rng.random() < 0.4:
            project = DLG if act.key == "dlw_to9_prop" else HGC
        elif act.key == "dlw_to7" and day >= TO7_CEILING and rng.random() < 0.1:
            project = DLG
        elif act.key == "hld_p2_pre" and rng.random() < 0.4:
            project = HP1
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.75 else rng.choice(act.tasks)
        if task not in tasks:
            task = rng.choice(sorted(tasks))
        return project, task

    def category_of(self, act: Activity, day: date, person: Person, code: str) -> str:
        """What the documents' dates or the labor categories make hard about this work."""
        if not self.month:
            return ""
        if act.key == "dlw_to7":
            if day >= TO7_CEILING:
                return "ceiling"
            return "labor_category" if code == "DLW-NOTO" else ""
        if act.key in ("dlw_to9", "dlw_to9_gis"):
            return "labor_category" if code == "DLW-NOTO" else "new_phase"
        if act.category == "cap":
            return "cap" if code == "CSC-CAP" else ""
        return act.category

    # -- one flexible entry --

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> None:
        rng = self.rng
        code = act.code_on(day, person)
        text, novel = self.phrase(act, day)
        category = self.category_of(act, day, person, code)
        project, task = self.project_task(act, day)
        special = rng.random()
        rate = 1.0 if self.month else 0.45
        client = act.group in CLIENT_GROUPS
        if category not in ("", "same_word") or special > 0.25 * rate:
            pass
        elif special < 0.06 * rate and client and self.wrong_project(act, day):
            project, category = self.wrong_project(act, day), "wrong_project"
            task = rng.choice(sorted(PROJECTS[project][1]))
            text = self.mark_client(text, act.group)
        elif special < 0.08 * rate and client:
            text += rng.choice(INJECTIONS).replace("{code}", rng.choice(WRONG_CODES))
            category = "injection"
        elif special < 0.095 * rate and client:
            typed = (
                code if rng.random() < 0.4 else rng.choice([c for c in WRONG_CODES if c != code])
            )
            text = rng.choice((f"{typed} {text}", f"{text} ({typed})", f"{typed}: {text}"))
            category = "code_in_text"
        elif special < 0.12 * rate:
            text, category = rng.choice(VAGUE + (VAGUE_CLIENT if client else ())), "vague"
        else:
            other = self.pick(person, day, exclude=act.key)
            if other is not None and other.code_on(day, person) != code:
                text, hours, code = self.mixed(text, hours, code, other, day, person)
                category = "mixed"
        tags = self.tags_for(project, text)
        text, category = self.decorate(text, person, category, novel)
        self.add(person, day, hours, project, task, text, code, category, None, tags)

    def mixed(self, text: str, hours: float, code: str, other: Activity, day: date,
              person: Person) -> tuple[str, float, str]:  # fmt: skip
        """Two activities in one entry: the most hours written decide, else the first written."""
        rng = self.rng
        second, _ = self.phrase(other, day)
        if rng.random() < 0.55:
            main = rng.choice((1.2, 1.5, 2.0, 2.5, 3.0))
            minor = rng.choice((0.2, 0.3, 0.5, 0.6, 0.8))
            lab = rng.choice(("({:.1f})", "({:.1f}h)", "- {:.1f}", "[{:.1f} hr]"))
            if rng.random() < 0.35:  # the dominant part is written second
                return (f"{second} {lab.format(minor)}; {text} {lab.format(main)}", main + minor,
                        code)  # fmt: skip
            return f"{text} {lab.format(main)}; {second} {lab.format(minor)}", main + minor, code
        return text + rng.choice(("; ", " + ", ", also ", " / ", " and ")) + second, hours, code

    def wrong_project(self, act: Activity, day: date) -> str:
        others = [
            group_project(g, day) for g in CLIENT_GROUPS if g != act.group and open_projects(g, day)
        ]
        return others[(day.toordinal() + len(act.key)) % len(others)] if others else ""

    def mark_client(self, text: str, group: str) -> str:
        if any(m.lower() in text.lower() for m in MARKERS[group]):
            return text
        return f"{self.rng.choice(MARKERS[group])} - {text}"

    def pick(
        self, person: Person, day: date, exclude: str = "", group: str = ""
    ) -> Activity | None:
        if not group:
            group = weighted(self.rng, list(self.groups(person, day).items()))
        acts = [
            (a, a.weight)
            for a in ACTIVITIES
            if a.group == group and a.key != exclude and a.active(day) and a.can(person)
        ]
        return weighted(self.rng, acts) if acts else None

    def groups(self, person: Person, day: date) -> dict[str, float]:
        out = {}
        for group, share in person.shares.items():
            if group == "EFB" and day in STORM_DAYS:
                continue  # during the declared emergency, Borough time is the scripted response
            if any(a.group == group and a.active(day) and a.can(person) for a in ACTIVITIES):
                out[group] = share
        return out or {"ADMIN": 1.0}


# --- field days -------------------------------------------------------------------------------

CSC_TEXTS = {
    "monitoring": (
        "gauge and low-flow sample {cmw}, {cmw}, {cmw} - Plant 2",
        "purge/sample {cmw} to {cmw}; field params",
        "mob to Plant 2, tailgate mtg, calibrate meters, start gauging",
        "Plant 2 monitoring round - {cmw}, {cmw}, COC and coolers",
        "sample {cmw}, {cmw} (dup at {cmw}) - Plant 2",
    ),
    "injection": (
        "injection oversight {area} - Plant 2",
        "oversee Subsurface Solutions injection, record volumes at IP-{n}",
        "injection oversight - pressures and daylighting checks",
        "field params at {cmw} during injection (ORP, color)",
        "Plant 2 injection event - daily field report and photos",
    ),
}
STANDBY_TEXTS = (
    "standby - waiting on Plant 2 permit to work",
    "standby: escort from Kim Oakes delayed",
    "standby - injection rig hydraulic leak repair",
    "standby for lightning hold",
    "waiting on lock-out at tank farm (standby)",
)
# (first Monday, kind, people) of each week at Corvane Plant 2
CSC_WEEKS = (
    (d(2025, 12, 1), "monitoring", ("Tom", "Caleb")),
    (d(2026, 3, 16), "monitoring", ("Tom", "Aisha")),
    (d(2026, 5, 4), "monitoring", ("Caleb", "Aisha")),
    (d(2026, 6, 8), "injection", ("Aisha", "Caleb")),
    (d(2026, 6, 15), "injection", ("Aisha", "Caleb")),
    (d(2026, 8, 10), "monitoring", ("Tom", "Caleb")),
    (d(2026, 9, 14), "injection", ("Aisha", "Caleb")),
    (d(2026, 9, 21), "injection", ("Aisha", "Caleb")),
    (d(2026, 11, 2), "monitoring", ("Aisha", "Caleb")),
    (d(2026, 11, 16), "injection", ("Aisha", "Caleb")),
)
# Other field days: (day, person) -> (kind); the kinds are below in other_field_day.
OTHER_FIELD: dict[tuple[date, str], str] = {}
for _start, _people in (
    (d(2026, 3, 2), ("Tom", "Ben")),
    (d(2026, 6, 1), ("Tom", "Ben")),
    (d(2026, 9, 8), ("Tom", "Ben")),
    (d(2026, 11, 2), ("Tom", "Ben")),
):
    for _i in range(3):
        for _p in _people:
            OTHER_FIELD[(_start + timedelta(_i), _p)] = "to7"
for _i in range(3):
    for _p in ("Ben", "Caleb", "Marcus"):
        OTHER_FIELD[(d(2026, 3, 9) + timedelta(_i), _p)] = "to6"
for _day, _p, _kind in (
    (d(2026, 11, 12), "Jenna", "to9_survey"), (d(2026, 11, 12), "Tom", "to9_survey"),
    (d(2026, 11, 13), "Tom", "to9_survey"),
    (d(2026, 11, 16), "Marcus", "to9_probes"), (d(2026, 11, 16), "Ben", "to9_probes"),
    (d(2026, 11, 17), "Marcus", "to9_probes"), (d(2026, 11, 17), "Ben", "to9_probes"),
    (d(2026, 11, 18), "Tom", "to9_summa"), (d(2026, 11, 18), "Ben", "to9_summa"),
    (d(2026, 11, 19), "Tom", "to9_summa"), (d(2026, 11, 30), "Tom", "to9_air"),
    (d(2026, 11, 10), "Marcus", "tannery"), (d(2026, 11, 10), "Tom", "tannery"),
    (d(2026, 11, 11), "Marcus", "tannery"), (d(2026, 11, 11), "Tom", "tannery"),
    (d(2026, 11, 12), "Marcus", "tannery"),
):  # fmt: skip
    OTHER_FIELD[(_day, _p)] = _kind

# kind -> (project, field task, travel text, field texts, travel hours, code fn, travel code fn)
FIELD_KINDS: dict[str, tuple[str, str, str, tuple[str, ...], float, CodeFn, CodeFn]] = {
    "to7": (DL7, "Field Sampling", "travel Harrisburg to Sunbury (Riverside)", (
        "gauge wells, low-flow sample {mw}, {mw}, {mw} (Riverside)",
        "purge/sample {mw} to {mw}, field params - Riverside",
        "Riverside {q} sampling - {mw}, {mw}; COC and coolers to lab",
        "sampling Riverside Drum Yard {mw}-{mw}",
    ), 1.2, dlw_code("TO7"), dlw_travel),
    "to6": (DL6, "Field Work", "drive to Carlisle - Halsey Rd", (
        "direct-push oversight SB-{n} to SB-{n} (Halsey Rd)",
        "temp well install and sampling TW-{n}, Halsey Road",
        "soil logging and PID screening - Halsey Rd borings",
    ), 0.6, dlw_code("TO6"), lambda _day, _person: "DLW-NOTO"),
    "to9_survey": (DL9, "Field Sampling", "drive to Carver St", (
        "building survey + chemical inventory - {bldg} Carver St",
        "pre-sampling building walk-through {bldg} and {bldg} Carver Street",
    ), 0.3, dlw_code("TO9"), lambda _day, _person: "DLW-NOTO"),
    "to9_probes": (DL9, "Field Sampling", "drive to Carver St w/ probe kit", (
        "install sub-slab probes SS-{n}, SS-{n} - {bldg} Carver St",
        "helium leak check on sub-slab probes, Carver St",
        "sub-slab probe install {bldg} Carver St basement",
    ), 0.3, dlw_code("TO9"), lambda _day, _person: "DLW-NOTO"),
    "to9_summa": (DL9, "Field Sampling", "drive to Carver Street", (
        "deploy Summa canisters - sub-slab round 1, Carver St",
        "retrieve Summas + COC to lab (TO-15), Carver St",
        "calibrate PID on site + sub-slab sampling {bldg} Carver St",
    ), 0.3, dlw_code("TO9"), lambda _day, _person: "DLW-NOTO"),
    "to9_air": (DL9, "Field Sampling", "drive to Carver St", (
        "indoor/outdoor air - deploy 24-hr Summas, Carver St",
    ), 0.3, dlw_code("TO9"), lambda _day, _person: "DLW-NOTO"),
    "tannery": (HP2, "Field Work", "travel Harrisburg to Marysville (Tannery)", (
        "oversee Eichler direct-push SB-{n} to SB-{n}, PID screening (Tannery)",
        "soil sampling and logging SB-{n}, Tannery parcel",
        "temp well TW-{n} install and GW sample - Tannery",
        "GPR survey oversight - Tannery UST area",
    ), 0.5, after(HLD_CO1, "HLD-NOAUTH", "HLD-P2"), after(HLD_CO1, "HLD-NOAUTH", "HLD-P2")),
}  # fmt: skip


def field_category(sim: Sim, kind: str) -> str:
    if not sim.month:
        return ""
    return "new_phase" if kind.startswith(("to9", "tannery")) else "same_word"


def other_field_day(sim: Sim, person: Person, day: date, kind: str) -> float:
    """A day at a DLWR or Harbison Lane site: travel there, two field entries, travel back."""
    rng = sim.rng
    project, task, travel, texts, trip, code_fn, travel_fn = FIELD_KINDS[kind]
    category = field_category(sim, kind)
    spent = 0.0
    back = travel.replace("travel Harrisburg to", "return from").replace(
        "drive to", "drive back from"
    )
    legs = [(travel, trip, travel_fn, "travel", "Travel")]
    am, pm = rng.choice((3.0, 3.5, 4.0)), rng.choice((2.0, 2.5, 3.0))
    legs += [
        (rng.choice(texts), am, code_fn, category, task),
        (rng.choice(texts), pm, code_fn, category, task),
    ]
    if rng.random() < 0.7:
        legs.append((back, trip, travel_fn, "travel", "Travel"))
    for template, hours, fn, cat, tsk in legs:
        text, cat2 = sim.decorate(fill(template, day, rng), person, cat, False)
        sim.add(
            person,
            day,
            hours,
            project,
            tsk,
            text,
            fn(day, person),
            cat2,
            tags="Field" if tsk != "Travel" else "",
        )
        sim.entries[-1].scripted = True
        spent += hours
    return spent


def csc_field_day(sim: Sim, person: Person, day: date, kind: str, monday: date) -> float:
    """A day of a Corvane week: Monday and Friday travel to and from Erie; field time and standby
    in separate entries; the field entries' code is set later from the day's field total."""
    rng = sim.rng
    nth = (day - monday).days
    texts = CSC_TEXTS[kind]
    spent = 0.0

    def travel(text: str) -> None:
        nonlocal spent
        hours = rng.choice((4.0, 4.2, 4.3))
        sim.add(
            person, day, hours, CSP, "Travel", text, "CSC-TRAVEL", "travel" if sim.month else ""
        )
        sim.entries[-1].scripted = True
        spent += hours

    if nth == 0:
        travel(
            rng.choice(
                ("travel Harrisburg to Erie (Plant 2)", "drive to Erie", "travel to Erie - Corvane")
            )
        )
        parts = [rng.choice((2.5, 3.0, 3.5))]
    elif nth == 4:
        parts = [rng.choice((3.0, 3.5, 4.0))]
    else:
        total = rng.choice((6.5, 7.0, 7.5, 8.0, 9.0, 9.5, 10.0, 10.5, 11.0))
        parts = (
            [round(total / 2 + 0.5, 1), round(total / 2 - 0.5, 1)]
            if total > 7 or rng.random() < 0.5
            else [total]
        )
    task = "Sampling" if kind == "monitoring" else "Field Oversight"
    for hours in parts:
        text = fill(rng.choice(texts), day, rng)
        category = "field_day"
        project = CSP
        if sim.month and rng.random() < 0.05:
            project, category = DL7, "wrong_project"
            text = text if "Plant 2" in text else f"Corvane - {text}"
        elif sim.month and rng.random() < 0.04:
            text += rng.choice(
                (" - bill at day rate", " (standby rate per Owen)", " - hourly not day rate")
            )
            category = "injection"
        text, category = sim.decorate(text, person, category, False)
        sim.add(person, day, hours, project, task if project == CSP else "Field Sampling", text,
                "CSC-FIELD", category, tags="Field")  # fmt: skip
        sim.entries[-1].scripted = True
        sim.entries[-1].csc_field = True
        spent += hours
    if 0 < nth < 4 and rng.random() < 0.5:
        hours = rng.choice((0.5, 0.8, 1.0, 1.5, 2.0))
        text, category = sim.decorate(rng.choice(STANDBY_TEXTS), person, "standby", False)
        sim.add(person, day, hours, CSP, "Standby" if rng.random() < 0.8 else task, text, "CSC-STBY",
                category, tags="Standby")  # fmt: skip
        sim.entries[-1].scripted = True
        spent += hours
    if nth == 4:
        travel(
            rng.choice(
                ("travel Erie to Harrisburg", "return drive from Erie", "travel back from Plant 2")
            )
        )
    return spent


def csc_week(day: date) -> tuple[date, str, tuple[str, ...]] | None:
    for monday, kind, people in CSC_WEEKS:
        if monday <= day <= monday + timedelta(4):
            return monday, kind, people
    return None


def settle_field_days(entries: list[Entry]) -> None:
    """Corvane §4: a person's field time at Plant 2 over 8.0 h in a day is a flat field day."""
    totals: dict[tuple[str, date], float] = defaultdict(float)
    for e in entries:
        if e.csc_field:
            totals[(e.person.first, e.day)] += e.hours
    for e in entries:
        if e.csc_field:
            e.code = "CSC-FDAY" if totals[(e.person.first, e.day)] > 8.0 + 1e-9 else "CSC-FIELD"


# --- dated events of the documents -------------------------------------------------------------

# (day, person): (project, task, text, hours, code, category, start) ...; start -1 = by the clock
Event = tuple[str, str, str, float, str, str, int]
EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history ----
    (d(2025, 12, 9), "Helen"): ((BDP, "Proposals & SOQs", "Harbison Lane MSA - negotiate terms w/ Trevor Lang", 1.5, "KRE-BD", "", -1),),
    (d(2026, 7, 9), "Dylan"): ((EFP, "Storm Response", "storm call-out - culvert and outfall checks", 3.5, "EFB-STORM", "", 16 * 60 + 30),),
    (d(2026, 7, 10), "Dylan"): (
        (EFP, "Storm Response", "storm emergency - basin overflow checks, debris report", 6.5, "EFB-STORM", "", -1),
        (EFP, "Storm Response", "storm response - road closure checks for Walt Brenneman", 1.5, "EFB-STORM", "", -1)),
    (d(2026, 7, 10), "Rosa"): (
        (EFP, "Storm Response", "storm emergency - damage log for Diane Kessler", 4.0, "EFB-STORM", "", -1),
        (EFP, "Storm Response", "storm emergency - EOC call and photo log", 2.5, "EFB-STORM", "", -1)),
    (d(2026, 7, 13), "Dylan"): ((EFP, "Inspections", "post-storm re-inspections Cedar Ridge ph 2 (scheduled)", 4.0, "EFB-MS4", "", -1),),
    (d(2026, 10, 20), "Priya"): (
        (DLG, "Scoping", "drive to Carver St for site walk", 0.3, "DLW-NOTO", "", -1),
        (DLG, "Scoping", "Carver St site walk w/ Carla Voss (pre-TO9)", 2.0, "DLW-NOTO", "", -1)),
    (d(2026, 10, 28), "Priya"): ((DL7, "Project Management", "TO7 80% notice letter to Carla Voss", 0.5, "DLW-TO07", "", -1),),
    (d(2026, 8, 24), "Owen"): ((CSP, "Office Support", "cap reached - Aug office fees; notice to Russ Delaney", 0.4, "CSC-CAP", "", -1),),
    # ---- the open month ----
    (d(2026, 11, 4), "Helen"): ((BDP, "Proposals & SOQs", "CO1 Tannery Phase II - signed by Trevor Lang, countersign", 0.4, "KRE-BD", "estimate", -1),),
    (d(2026, 11, 4), "Marcus"): ((HP2, "Project Management", "Tannery Phase II kickoff - CO1 signed, schedule drilling", 1.5, "HLD-P2", "change_order", -1),),
    (d(2026, 11, 3), "Marcus"): ((HGC, "Document Review", "Tannery Ph II - confirm Eichler for Nov 10, boring layout", 1.0, "HLD-NOAUTH", "change_order", -1),),
    (d(2026, 11, 6), "Helen"): (
        (HGC, "Meetings & Calls", "drive to Harbison Lane office (Mechanicsburg)", 0.4, "KRE-TRAVEL", "travel", -1),
        (HGC, "Meetings & Calls", "meeting w/ Trevor Lang re Route 114 parcel purchase terms", 1.5, "HLD-ADV", "same_word", -1)),
    (d(2026, 11, 5), "Ben"): (
        (HP1, "Travel", "travel to Route 114 farm parcel", 0.5, "HLD-P1", "travel", -1),
        (HP1, "Site Reconnaissance", "Route 114 farm parcel - Phase I site visit, barn and AST area", 3.0, "HLD-P1", "same_word", -1)),
    (d(2026, 11, 9), "Jenna"): ((HP1, "Records Review", "Wertzville Rd Phase I fee quote for Trevor Lang", 0.5, "KRE-BD", "estimate", -1),),
    (d(2026, 11, 12), "Jenna"): ((HP1, "Records Review", "Wertzville Rd flex bldgs - order EDR report and aerials", 0.8, "HLD-NOAUTH", "change_order", -1),),
    (d(2026, 11, 13), "Jenna"): ((HP1, "Records Review", "Wertzville Rd - Sanborn and topo review", 1.5, "HLD-NOAUTH", "change_order", -1),),
    (d(2026, 11, 18), "Jenna"): (
        (HP1, "Travel", "drive to Wertzville Rd site", 0.4, "HLD-P1", "travel", -1),
        (HP1, "Site Reconnaissance", "Wertzville Rd flex bldgs - Phase I site reconnaissance", 3.0, "HLD-P1", "change_order", -1)),
    (d(2026, 11, 24), "Marcus"): (
        (HP2, "Report", "Teams mtg w/ Trevor Lang + Keystone Valley Bank - Tannery Phase II results", 1.0, "HLD-P2", "same_word", -1),
        (HP2, "Report", "CO2 estimate - step-out borings at lagoon", 1.5, "KRE-BD", "estimate", -1)),
    (d(2026, 11, 9), "Priya"): ((DL9, "Project Management", "TO9 issued - kickoff call w/ Carla Voss", 0.8, "DLW-TO09", "change_order", -1),),
    (d(2026, 11, 6), "Priya"): ((DLG, "Scoping", "Carver St - owner access calls (TO9 not issued yet)", 1.2, "DLW-NOTO", "change_order", -1),),
    (d(2026, 11, 10), "Helen"): (
        (DL9, "Project Management", "drive to Carver St", 0.3, "DLW-NOTO", "travel", -1),
        (DL9, "Project Management", "site visit Carver St w/ Carla Voss - TO9 kickoff", 1.5, "DLW-NOTO", "labor_category", -1)),
    (d(2026, 11, 13), "Priya"): ((DL7, "Project Management", "TO7 ceiling reached - notice to Carla Voss", 0.5, "DLW-NOTO", "ceiling", -1),),
    (d(2026, 11, 16), "Priya"): ((DL7, "Project Management", "TO7 modification request - cost to complete Q4 report", 1.5, "KRE-BD", "estimate", -1),),
    (d(2026, 11, 19), "Nora"): ((DL7, "Reporting", "format and edit Riverside Q4 monitoring report", 2.5, "DLW-NOTO", "ceiling", -1),),
    (d(2026, 11, 12), "Nora"): ((DL7, "Reporting", "Riverside Q4 report - template and tables formatting", 1.5, "DLW-NOTO", "labor_category", -1),),
    (d(2026, 11, 20), "Sam"): ((DL9, "Reporting", "figure - sub-slab results by building, Carver St", 2.0, "DLW-NOTO", "labor_category", -1),),
    (d(2026, 11, 17), "Owen"): (
        (CSP, "Travel", "travel Harrisburg to Erie for PADEP visit", 4.0, "CSC-TRAVEL", "travel", -1),
        (CSP, "Field Oversight", "PADEP site visit at Plant 2 w/ inspector - injection event", 2.5, "CSC-TM", "same_word", -1)),
    (d(2026, 11, 18), "Owen"): (
        (CSP, "Office Support", "notes from PADEP site visit for Russ Delaney", 1.0, "CSC-TM", "same_word", -1),
        (CSP, "Travel", "travel Erie to Harrisburg", 4.0, "CSC-TRAVEL", "travel", -1)),
    (d(2026, 11, 23), "Owen"): ((CSP, "Office Support", "2027 budget estimate for Russ Delaney - monitoring + 4th injection", 2.0, "KRE-BD", "estimate", -1),),
    (d(2026, 11, 10), "Rosa"): ((EFP, "Program Admin", "2027 renewal - MS4 fee proposal to the Borough", 1.5, "KRE-BD", "estimate", -1),),
    (d(2026, 11, 9), "Dylan"): ((EFP, "Inspections", "resident complaint Brookside Meadows - re-insp already on schedule", 1.5, "EFB-MS4", "special_inspection", -1),),
    (d(2026, 11, 16), "Dylan"): ((EFP, "Inspections", "pre-storm inlet protection checks - Elkton Commons (3 in. forecast)", 2.0, "EFB-MS4", "storm", -1),),
    (d(2026, 11, 17), "Dylan"): (
        (EFP, "Storm Response", "storm emergency - culvert checks along Conodoguinet tribs", 6.0, "EFB-STORM", "storm", -1),
        (EFP, "Storm Response", "storm response - flooded outfalls OF-12, OF-14, debris report", 3.5, "EFB-STORM", "storm", -1)),
    (d(2026, 11, 17), "Rosa"): (
        (EFP, "Storm Response", "storm emergency - EOC support at Borough hall", 5.0, "EFB-STORM", "storm", -1),
        (EFP, "Program Admin", "storm damage log + photos for Diane Kessler", 2.5, "EFB-STORM", "storm", -1)),
    (d(2026, 11, 17), "Sam"): ((EFP, "Program Admin", "map of flooded outfalls and road closures for Borough EOC", 2.0, "EFB-STORM", "storm", -1),),
    (d(2026, 11, 18), "Dylan"): (
        (EFP, "Storm Response", "storm response - DB-4 overflow check, sediment on Orchard Ln", 6.5, "EFB-STORM", "storm", -1),
        (EFP, "Inspections", "road closure barricade checks Creekview Dr (storm)", 1.5, "EFB-STORM", "storm", -1)),
    (d(2026, 11, 18), "Rosa"): (
        (EFP, "Storm Response", "storm emergency - damage assessment w/ Walt Brenneman", 4.0, "EFB-STORM", "storm", -1),
        (EFP, "Storm Response", "FEMA-style damage photos and log for the Borough", 3.0, "EFB-STORM", "storm", -1)),
    (d(2026, 11, 19), "Dylan"): (
        (EFP, "Storm Response", "post-storm re-inspections Cedar Ridge ph 2 and Brookside Meadows", 5.0, "EFB-MS4", "storm", -1),
        (EFP, "Storm Response", "storm follow-up - inspection reports + photos", 2.0, "EFB-MS4", "storm", -1)),
    (d(2026, 11, 20), "Rosa"): ((EFP, "Program Admin", "storm recap memo to Diane Kessler", 1.0, "EFB-MS4", "storm", -1),),
    (d(2026, 11, 23), "Dylan"): ((EFP, "Special Inspections", "SIR-26-081 Conservation District request - Cedar Ridge ph 2 after storm", 1.5, "EFB-XINSP", "special_inspection", -1),),
    (d(2026, 11, 24), "Rosa"): ((EFP, "Program Admin", "Borough Council meeting - MS4 quarterly update", 2.0, "EFB-MS4", "same_word", -1),),
    (d(2026, 11, 10), "Lauren"): ((TRN, "HAZWOPER", "8-hr HAZWOPER refresher - instructor (field staff)", 8.0, "KRE-TRAIN", "same_word", -1),),
    (d(2026, 11, 10), "Caleb"): ((TRN, "HAZWOPER", "HAZWOPER 8-hr refresher", 8.0, "KRE-TRAIN", "plain", -1),),
    (d(2026, 11, 10), "Dylan"): ((TRN, "HAZWOPER", "8 hr HAZWOPER refresher (annual)", 8.0, "KRE-TRAIN", "plain", -1),),
    (d(2026, 11, 12), "Lauren"): ((HSP, "H&S Program", "corporate HASP template update - VI sampling section", 2.0, "KRE-HS", "same_word", -1),),
    (d(2026, 11, 13), "Caleb"): ((EQP, "Maintenance & Calibration", "calibrate PIDs for Carver St probe work (shop)", 1.5, "KRE-EQUIP", "same_word", -1),),
    (d(2026, 11, 20), "Ben"): ((HSP, "Medical Surveillance", "medical surveillance exam (annual)", 2.0, "KRE-HS", "same_word", -1),),
    (d(2026, 11, 30), "Jenna"): ((DL9, "Reporting", "Carver St VI report - results vs screening levels, long day", 8.6, "DLW-TO09", "over_hours", -1),),
}  # fmt: skip
STORM_DAYS = (d(2026, 7, 10), d(2026, 11, 17), d(2026, 11, 18))
FULL_DAYS = {(d(2026, 11, 17), "Dylan"), (d(2026, 11, 17), "Rosa"), (d(2026, 11, 18), "Dylan"),
             (d(2026, 11, 18), "Rosa"), (d(2026, 11, 10), "Lauren"), (d(2026, 11, 10), "Caleb"),
             (d(2026, 11, 10), "Dylan"), (d(2026, 7, 10), "Dylan"), (d(2026, 7, 10), "Rosa"),
             (d(2026, 11, 30), "Jenna")}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 27), "Greg"): (ADM, "Timesheets & Billing", "month-end invoices (holiday, from home)", 2.0, "KRE-ADMIN"),
    (d(2026, 11, 26), "Aisha"): (CSP, "Reporting", "Plant 2 injection data tables - Thanksgiving morning", 1.5, "CSC-CAP"),
    (d(2026, 11, 27), "Dylan"): (EFP, "Inspections", "basin DB-4 check after holiday rain (scheduled re-insp)", 1.5, "EFB-MS4"),
    (d(2025, 11, 28), "Rosa"): (EFP, "Program Admin", "outfall map fix for Walt (holiday)", 0.5, "EFB-MS4"),
}  # fmt: skip


def scripted(sim: Sim, person: Person, day: date) -> float:
    spent = 0.0
    for project, task, text, hours, code, category, start in EVENTS.get((day, person.first), ()):
        sim.add(person, day, hours, project, task, text, code, category or "plain")
        sim.entries[-1].scripted = True
        sim.entries[-1].start_min = start
        spent += hours
    return spent


def holiday_work(sim: Sim, person: Person, day: date) -> None:
    work = HOLIDAY_WORK.get((day, person.first))
    if work:
        project, task, text, hours, code = work
        sim.add(person, day, hours, project, task, text, code, "holiday_work")
        sim.entries[-1].scripted = True


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times: one after another from the morning (early on field days), a lunch break."""
    rng = sim.rng
    field = (day, person.first) in OTHER_FIELD or any(e.csc_field for e in entries)
    now = (
        rng.choice((6 * 60, 6 * 60 + 30))
        if field
        else rng.choice((7 * 60, 7 * 60 + 30, 8 * 60, 8 * 60 + 30))
    )
    lunch = field
    for entry in entries:
        if entry.project == OFF:
            entry.start_min = 8 * 60
        elif entry.start_min < 0:
            if not lunch and now >= 12 * 60:
                now += rng.choice((30, 30, 45, 60))
                lunch = True
            entry.start_min = now
            now += round(entry.hours * 60) + rng.choice((0, 0, 0, 5, 10, 15))
        late = rng.random() < person.late
        entry.created = day + timedelta(rng.randint(1, 4) if late else 0)


# --- the calendar -----------------------------------------------------------------------------


def busy(person: Person, day: date) -> bool:
    week = csc_week(day)
    return (
        (day, person.first) in EVENTS
        or (day, person.first) in OTHER_FIELD
        or (week is not None and person.first in week[2])
    )


def leave_plan(rng: Random) -> dict[tuple[str, date], str]:
    plan: dict[tuple[str, date], str] = {}
    days = [FIRST_DAY + timedelta(n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    workdays = [x for x in days if x.weekday() < 5 and x not in HOLIDAYS]
    for person in PEOPLE:
        for _ in range(rng.randint(3, 5)):  # vacation blocks
            i = rng.randrange(len(workdays) - 6)
            for x in workdays[i : i + rng.randint(1, 5)]:
                plan[(person.first, x)] = "pto"
        for _ in range(rng.randint(2, 4)):
            plan[(person.first, rng.choice(workdays))] = "sick"
    plan.update(FIXED_LEAVE)
    for key in [k for k in plan if busy(BY_FIRST[k[0]], k[1])]:
        del plan[key]
    return plan


FIXED_LEAVE = {
    ("Nora", d(2026, 11, 25)): "pto",
    ("Sam", d(2026, 11, 25)): "pto",
    ("Meera", d(2026, 11, 5)): "sick",
    ("Greg", d(2026, 11, 24)): "pto",
}
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office - PTO", ""),
    "sick": ("sick", "sick day", "out sick", "sick - kid home", "doctor appt", ""),
    "hol": ("Thanksgiving", "holiday", "Firm holiday", "holiday - office closed", ""),
}
LEAVE_CODE = {"pto": "KRE-PTO", "sick": "KRE-SICK", "hol": "KRE-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}


def leave_day(sim: Sim, person: Person, day: date, kind: str) -> None:
    rng = sim.rng
    text = rng.choice(LEAVE_TEXT[kind])
    category = "holiday" if kind == "hol" else "leave"
    sim.add(person, day, 8.0, OFF, LEAVE_TASK[kind], text, LEAVE_CODE[kind], category, False)


def standing_entry(sim: Sim, person: Person, day: date, s: Standing) -> float:
    rng = sim.rng
    code = s.code if isinstance(s.code, str) else s.code(day, person)
    category = ("cap" if code == "CSC-CAP" else "") if s.category == "cap" else s.category
    text, category = sim.decorate(rng.choice(s.texts), person, category, False)
    sim.add(person, day, s.hours, s.project, s.task, text, code, category)
    return s.hours


def simulate_day(sim: Sim, person: Person, day: date, plan: dict[tuple[str, date], str]) -> None:
    rng = sim.rng
    kind = "hol" if day in HOLIDAYS else plan.get((person.first, day))
    if kind:
        leave_day(sim, person, day, kind)
        holiday_work(sim, person, day)
        return
    if day.weekday() >= 5:
        return
    target = rng.uniform(6.8, 8.4) * person.pace / max(person.pace, 1.0)
    target -= scripted(sim, person, day)
    week = csc_week(day)
    if week is not None and person.first in week[2]:
        target -= csc_field_day(sim, person, day, week[1], week[0])
    if (day, person.first) in OTHER_FIELD:
        target -= other_field_day(sim, person, day, OTHER_FIELD[(day, person.first)])
    if target <= 0.5 or (day, person.first) in FULL_DAYS:
        return
    for s in STANDING:
        if (s.weekday == day.weekday() and person.first in s.people
                and s.window[0] <= day <= s.window[1] and rng.random() < s.share):  # fmt: skip
            target -= standing_entry(sim, person, day, s)
    if day == first_weekday(day, 4) and rng.random() < 0.8:
        sim.add(person, day, 1.0, MTG, "All-Hands",
                rng.choice(("all-hands", "monthly all-hands meeting", "all hands mtg")),
                "KRE-MEET", "plain")  # fmt: skip
        target -= 1.0
    while target > 0.3:
        act = sim.pick(person, day)
        if act is None:
            break
        lo, hi = act.hours
        hours = min(rng.uniform(lo * 2.0, hi * 2.1) * person.pace, 7.5)
        if target - hours < 0.5:
            hours = min(target, hi * 1.8 + 1.0, 7.5)
        sim.work_entry(person, day, max(hours, 0.2), act)
        target -= sim.entries[-1].hours


def simulate(rng: Random) -> list[Entry]:
    plan = leave_plan(rng)
    hist, month = Sim(rng), Sim(rng, month=True)
    day = FIRST_DAY
    while day <= LAST_DAY:
        sim = month if day >= MONTH_START else hist
        for person in PEOPLE:
            first = len(sim.entries)
            simulate_day(sim, person, day, plan)
            clock(sim, person, day, sim.entries[first:])
        day += timedelta(1)
    settle_field_days(hist.entries)
    settle_field_days(month.entries)
    return hist.entries + month.entries


# --- output -----------------------------------------------------------------------------------


def us_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def us_time(minutes: int) -> str:
    h, m = divmod(minutes % (24 * 60), 60)
    return f"{(h - 1) % 12 + 1:02d}:{m:02d}:00 {'AM' if h < 12 else 'PM'}"


def invoice_id(entry: Entry) -> str:
    client = PROJECTS[entry.project][0].split(" ")[0].upper()[:4]
    return f"INV-{entry.day:%y%m}-{client}"


def row(entry: Entry, invoiced: bool) -> list[str]:
    person = entry.person
    minutes = round(entry.hours * 60)
    start, end = entry.start_min, entry.start_min + minutes
    end_day = entry.day + timedelta(end // (24 * 60))
    rate = person.rate if entry.billable else 0
    billed = invoiced and entry.billable and bool(rate) and PROJECTS[entry.project][0] != FIRM
    created = entry.created or entry.day
    return [
        entry.project, PROJECTS[entry.project][0], entry.text, entry.task, person.name,
        person.group, person.email, entry.tags, "Regular", "Yes" if entry.billable else "No",
        "Yes" if billed else "No", invoice_id(entry) if billed else "", us_date(entry.day),
        us_time(start), us_date(end_day), us_time(end), f"{minutes // 60:02d}:{minutes % 60:02d}:00",
        f"{entry.hours:.2f}", f"{rate:.2f}", f"{rate * entry.hours:.2f}", us_date(created),
    ]  # fmt: skip


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = parser.parse_args(argv)
    rng = Random(SEED)
    entries = simulate(rng)
    order = lambda e: (e.day, e.start_min, e.person.last, e.person.first)  # noqa: E731
    history = sorted((e for e in entries if e.day < MONTH_START), key=order)
    month = sorted((e for e in entries if e.day >= MONTH_START), key=order)
    history = [
        e for e in history if rng.random() < HISTORY_SAMPLE or (e.scripted and rng.random() < 0.6)
    ]
    seen = {e.text.casefold() for e in history}
    for e in month:  # a phrasing the history already holds is not novel
        if e.category == "novel" and e.text.casefold() in seen:
            e.category = "plain"
        elif e.category == "plain" and e.text.casefold() not in seen:
            e.category = "novel"
    args.out.mkdir(parents=True, exist_ok=True)
    invoiced_before = d(2026, 10, 1)
    (args.out / "history.csv").write_text(
        csv_text(
            [[*HEADER, LABEL]] + [[*row(e, e.day < invoiced_before), e.code] for e in history]
        ),
        encoding="utf-8",
    )
    (args.out / "month.csv").write_text(
        csv_text([HEADER] + [row(e, False) for e in month]), encoding="utf-8"
    )
    truth = [["line", "true_code", "category"]]
    truth += [[str(i), e.code, e.category] for i, e in enumerate(month, start=2)]
    (args.out / "month_truth.csv").write_text(csv_text(truth), encoding="utf-8")
    unknown = sorted({e.code for e in entries} - set(CODES))
    if unknown:
        raise SystemExit(f"codes not in the agreements: {unknown}")
    print(f"history: {len(history)} rows, month: {len(month)} rows")
    for category, n in Counter(e.category for e in month).most_common():
        print(f"  {category:18} {n}")
    for code, n in Counter(e.code for e in month).most_common():
        print(f"  {code:18} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
