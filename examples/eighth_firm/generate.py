"""Generate the eighth demo firm's time entries: a year of approved history and one open month.

Brackenridge Economic Analysis, LLC (about 25 people, 16 of them logging here; an economic
consulting and litigation support firm in Chicago) records time in Toggl Track against four
clients (see README.md next to this file; the engagement letters, the SOW, the State contract,
the billing guidelines and the firm policy are in ``sows/``). This script writes, in Toggl's
"Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       engagement manager approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/eighth_firm/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20261208
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.135  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 0.80  # share of the month's entries kept in month.csv (scripted ones always)
DOMAIN = "brackenridge.example"

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "HV-OPN", "HV-RBT", "HV-SUP", "HV-DEP", "HV-TST", "HV-TRV",
    "OST-FA", "OST-BM", "OST-DOC", "OST-CR", "OST-UNB",
    "AG-MRG", "AG-OVR", "AG-PI",
    "OBR-CC", "OBR-SRV", "OBR-WO",
    "BEA-ADMIN", "BEA-BD", "BEA-TRAIN", "BEA-RECRUIT", "BEA-FIRM", "BEA-KB", "BEA-TRAVEL",
    "BEA-PTO", "BEA-HOL", "BEA-SICK",
)  # fmt: skip

HOLIDAYS = {
    date(2025, 11, 27), date(2025, 11, 28), date(2025, 12, 25), date(2026, 1, 1),
    date(2026, 1, 19), date(2026, 5, 25), date(2026, 7, 3), date(2026, 9, 7),
    date(2026, 11, 26), date(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates ---------------------------------------------------------------------

HV_START = date(2025, 12, 1)
LATE_PRODUCTION = date(2026, 10, 2)
OPENING_SERVED = date(2026, 11, 6)  # HV-OPN to this day, HV-RBT from the next
RUSK_DEPO = date(2026, 11, 19)
WHITCOMBE_DEPO = date(2026, 11, 24)
OST_START = date(2026, 1, 20)
FA_ACCEPTED = date(2026, 4, 24)
BM_KICKOFF = date(2026, 5, 4)
CR1 = (date(2026, 6, 3), date(2026, 7, 24))
CR2_ASKED = date(2026, 10, 27)
CR2_APPROVED = date(2026, 11, 12)
CR_PROJECT = date(2026, 6, 3)
AG_START = date(2026, 5, 11)
NTE_NOTICE = date(2026, 11, 13)  # AG-OVR from the next day
AMENDMENT_1 = date(2026, 11, 20)
OBR_START = date(2026, 2, 9)
HO_DEPO = date(2026, 11, 17)

# Toggl clients and projects (sows/tracker_setup.md).
HV = ("Harrow & Vance LLP", "Kestrel v. Tolland")
OST = ("Ostrander Biologics", "Ostrander TP FY2026")
OSTCR = ("Ostrander Biologics", "Ostrander - change requests")
AG = ("State of Arcadia AG", "Halvern / St. Aldric merger")
OBR = ("Okafor Brandt & Reyes LLP", "Sandoval v. Corvid")
FIRM = "Brackenridge"
INTERNAL = {
    "BEA-ADMIN": "Admin", "BEA-BD": "Business Development", "BEA-TRAIN": "Training",
    "BEA-RECRUIT": "Recruiting", "BEA-FIRM": "Firm Meetings", "BEA-KB": "Knowledge & Data",
    "BEA-PTO": "Time Off", "BEA-HOL": "Time Off", "BEA-SICK": "Time Off",
}  # fmt: skip

LEVEL = {"director": 5, "manager": 4, "senior_economist": 3, "analyst": 2, "doc": 1, "none": 0}


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # matter -> weight ("HV", "OST", "AG", "OBR", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Naomi Whitcombe", "director", {"HV": 5, "OBR": 3, "IN": 3}),
    Person("Owen Fairley", "director", {"AG": 6, "IN": 3}),
    Person("Elena Marsh", "director", {"OST": 6, "IN": 3}),
    Person("Paul Ferreira", "manager", {"HV": 5, "AG": 3, "IN": 1}),
    Person("Samir Haddad", "manager", {"OST": 7, "IN": 1}),
    Person("Carla Benedetti", "manager", {"OBR": 7, "IN": 1}),
    Person("Julia Amsel", "senior_economist", {"HV": 3, "OST": 2, "OBR": 3, "IN": 1}),
    Person("Kwame Osei", "senior_economist", {"HV": 4, "AG": 4, "IN": 1}),
    Person("Rosa Delgado", "analyst", {"HV": 5, "AG": 3, "IN": 1}),
    Person("Hana Kim", "analyst", {"HV": 2, "OST": 3, "OBR": 3, "IN": 1}),
    Person("Ben Traore", "analyst", {"HV": 4, "AG": 4, "IN": 1}),
    Person("Leah Sutton", "analyst", {"AG": 4, "OBR": 4, "IN": 1}),
    Person("Tom Whelan", "analyst", {"OST": 4, "OBR": 4, "IN": 1}, date(2026, 8, 3)),
    Person("Iris Mendoza", "doc", {"HV": 5, "OBR": 3, "IN": 2}),
    Person("Gwen Talbot", "none", {"IN": 1}),
    Person("Marcy Quinlan", "none", {"IN": 1}),
]
BY_NAME = {p.name: p for p in PEOPLE}


@dataclass(frozen=True)
class Act:
    """One piece of work: where it is logged, its note, its true code and what makes it hard."""

    client: str
    project: str
    tags: tuple[str, ...]
    desc: str
    code: str
    cat: str = ""


@dataclass(frozen=True)
class Entry:
    person: Person
    day: date
    start: int  # minutes after midnight
    minutes: int
    act: Act
    billable: bool
    seconds: int = 0
    scripted: bool = False


def pick(rng: Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def act(where: tuple[str, str], tags: str, desc: str, code: str, cat: str = "") -> Act:
    return Act(where[0], where[1], tuple(t for t in tags.split(",") if t), desc, code, cat)


def internal(code: str, tags: str, desc: str, cat: str = "") -> Act:
    return act((FIRM, INTERNAL[code]), tags, desc, code, cat)


# --- Harrow & Vance: Kestrel v. Tolland -----------------------------------------------------

HV_ANALYSIS = [
    "but-for price regression, containerboard, Upper Midwest",
    "damages model - lost profits by mill",
    "HHI and market share calcs by region",
    "capacity utilization regression, robustness checks",
    "exclusive dealing contracts - foreclosure share calc",
    "shipment data cleaning Tolland 2019-2024",
    "freight cost adjustments to delivered prices",
    "exhibits for market definition section",
    "doc review TOL-0031200 to TOL-0033950 customer contracts",
    "doc review TOL-0041000-TOL-0042500 pricing emails",
    "data request to Trevor Lindh re Tolland invoice data",
    "call w/ Trevor Lindh re shipment data fields",
]
HV_DRAFT = [
    "draft opening report section IV market definition",
    "draft opening report - damages section",
    "cite check opening report footnotes",
    "opening report backup binder and production of workpapers",
]
HV_REBUTTAL = [
    "read Rusk opening report",
    "replicate Rusk but-for price regression",
    "critique of Rusk lost profits model",
    "rebuttal report outline",
    "Rusk backup data - load and check",
    "draft rebuttal section 2 - Rusk market definition",
]
HV_LATE = [
    "review KES-0414100-KES-0415900 late production invoices",
    "load Kestrel late production transaction data (KES-0412001 set)",
    "late production - reconcile Kestrel volumes to earlier data",
    "memo to Miriam on what the late production changes",
]


def hv_phase(day: date) -> str:
    return "HV-OPN" if day <= OPENING_SERVED else "HV-RBT"


def hv_work(rng: Random, p: Person, day: date) -> Act:
    phase, tag = hv_phase(day), ("opening" if day <= OPENING_SERVED else "rebuttal")
    roll = rng.random()
    if day >= LATE_PRODUCTION and roll < 0.15:
        desc = pick(rng, HV_LATE)
        if desc.startswith("review KES") and rng.random() < 0.7:
            first = rng.randrange(4121, 4199) * 100
            desc = f"review KES-0{first}-KES-0{first + rng.randrange(3, 9) * 100} late prod"
        return act(HV, "late production,data", desc, "HV-SUP", "late_production")
    if p.level == "doc":
        docs = ["Bates stamp workpapers for production", "exhibit index for report",
                "load TOL production volume 14 to review platform"]  # fmt: skip
        doc = pick(rng, docs + (["depo exhibit binders"] if day >= date(2026, 10, 1) else []))
        code = "HV-DEP" if "depo" in doc else phase
        return act(HV, "doc review" if "TOL" in doc else "", doc, code)
    if day > OPENING_SERVED and roll < 0.75:
        return act(HV, "rebuttal", pick(rng, HV_REBUTTAL), "HV-RBT", "new_phase")
    if day >= date(2026, 9, 1) and day <= OPENING_SERVED and roll < 0.55:
        return act(HV, "opening", pick(rng, HV_DRAFT), "HV-OPN")
    desc = pick(rng, HV_ANALYSIS)
    if desc.startswith("doc review") and rng.random() < 0.7:
        first = rng.randrange(300, 520) * 100
        desc = f"doc review TOL-00{first} to TOL-00{first + rng.randrange(8, 30) * 100}"
    cat = "phase_boundary" if day > OPENING_SERVED else ""
    return act(HV, tag + (",doc review" if "doc review" in desc else ""), desc, phase, cat)


# --- Ostrander: transfer pricing study ------------------------------------------------------

OST_FA = [
    "functional interview w/ Marcus Heale",
    "FAR interview prep - OBI finance",
    "intercompany transaction map",
    "functional analysis memo draft",
    "review OBI manufacturing services agreement",
]
OST_BM = [
    "comparables search in Orbis - CMO screens",
    "accept/reject matrix, round 2",
    "working capital adjustments for comparables",
    "TNMM interquartile range calc",
    "benchmarking report draft",
    "Orbis financials pull for accepted comps",
]
OST_DOC = [
    "Local File draft - OBI",
    "industry analysis section, biologics CDMO",
    "6662 documentation - method selection",
    "intercompany agreements summary for doc report",
]
OST_ROYALTY = [
    "royalty rate analysis - RoyaltySource licence search",
    "OBI cell-line licence - comparable licences screening",
    "profit split cross-check for OBI royalty",
    "royalty analysis - read OBI licence agreement",
]


def ost_general(day: date) -> str:
    return "OST-FA" if day <= FA_ACCEPTED else "OST-BM"


def ost_work(rng: Random, _p: Person, day: date) -> Act:
    roll = rng.random()
    if day >= CR2_ASKED and roll < 0.3:
        desc = pick(rng, OST_ROYALTY)
        if day < CR2_APPROVED:
            return act(OST, "", desc, "OST-UNB", "change_request")
        where = OSTCR if rng.random() < 0.8 else OST
        return act(where, "CR", "CR2 " + desc, "OST-CR", "change_request")
    if CR1[0] <= day <= CR1[1] and roll < 0.3:
        desc = pick(rng, ["CR1 Singapore service fee - cost base review",
                          "CR1 markup benchmarking for SG services", "CR1 memo draft"])  # fmt: skip
        return act(OSTCR, "CR", desc, "OST-CR")
    if roll < 0.42:
        return act(OST, "call", "monthly status call w/ Deborah Sykes", ost_general(day))
    if day <= FA_ACCEPTED:
        return act(OST, "FA", pick(rng, OST_FA), "OST-FA")
    if day >= date(2026, 9, 1) and roll < 0.62:
        return act(OST, "documentation", pick(rng, OST_DOC), "OST-DOC")
    return act(OST, "benchmarking", pick(rng, OST_BM), "OST-BM")


# --- State of Arcadia: merger review --------------------------------------------------------

AG_MERGER = [
    "diversion analysis - discharge data, Tri-County",
    "WTP model estimation",
    "review second request docs - Halvern strategic plans",
    "CID response review - St. Aldric payer contracts",
    "efficiencies claims review",
    "call w/ Daniel Ybarra re market definition",
    "white paper 2 draft - price effects",
    "patient flow maps by zip code",
    "secure workstation session - discharge data pulls",
]
AG_PI = [
    "Fairley PI declaration - draft section 3",
    "update WTP model for the PI declaration",
    "update diversion ratios for declaration exhibits",
    "mtg w/ Division litigation team re PI motion",
    "declaration exhibits - market shares",
]


def ag_phase1(day: date) -> str:
    return "AG-MRG" if day <= NTE_NOTICE else "AG-OVR"


def ag_work(rng: Random, _p: Person, day: date) -> Act:
    if day >= AMENDMENT_1 and rng.random() < 0.6:
        return act(AG, "PI", pick(rng, AG_PI), "AG-PI", "new_phase")
    cat = "nte" if day > NTE_NOTICE else ""
    return act(AG, "", pick(rng, AG_MERGER), ag_phase1(day), cat)


# --- Okafor Brandt & Reyes: Sandoval v. Corvid ----------------------------------------------

OBR_CC = [
    "Kronos punch to turnstile swipe matching",
    "pre-shift screening time distribution",
    "meal period timing by shift and facility",
    "supervisor-level variation analysis",
    "review Corvid payroll data layout",
    "Whitcombe class cert declaration draft",
    "review plaintiffs' motion for class cert",
]
OBR_SRV = [
    "survey questionnaire draft",
    "sampling frame for employee survey",
    "pilot survey results review",
    "review survey vendor fielding report",
    "code open-ended survey responses",
    "tabulate survey results by facility",
]
OBR_WO = [
    "Sandoval internal team check-in",
    "internal status mtg Sandoval",
    "proofread declaration for typos",
    "scan Corvid handbooks",
    "schedule call w/ Luis",
]


def obr_work(rng: Random, p: Person, day: date) -> Act:
    roll = rng.random()
    if roll < 0.12:
        return act(OBR, "meeting", pick(rng, OBR_WO), "OBR-WO", "guideline")
    if p.level == "doc":
        return act(OBR, "", pick(rng, ["copy and bind declaration exhibits",
                                       "organize Corvid production folders"]), "OBR-WO", "guideline")  # fmt: skip
    if date(2026, 8, 1) <= day <= date(2026, 11, 10) and roll < 0.45:
        return act(OBR, "survey", pick(rng, OBR_SRV), "OBR-SRV")
    return act(OBR, "class cert", pick(rng, OBR_CC), "OBR-CC")


# --- internal ------------------------------------------------------------------------------


def internal_work(rng: Random, p: Person, _day: date) -> Act:
    if p.name == "Gwen Talbot":
        return pick(rng, [
            internal("BEA-ADMIN", "", "invoices for October time"),
            internal("BEA-ADMIN", "", "Harrow retainer drawdown reconciliation"),
            internal("BEA-ADMIN", "", "QBO month-end close"),
            internal("BEA-KB", "", "Capital IQ licence renewal"),
        ])  # fmt: skip
    if p.name == "Marcy Quinlan":
        return pick(rng, [
            internal("BEA-RECRUIT", "", "schedule analyst candidate interviews"),
            internal("BEA-RECRUIT", "", "campus recruiting - UIUC career fair"),
            internal("BEA-ADMIN", "", "office supplies and mail"),
            internal("BEA-ADMIN", "", "conflict check - new matter intake"),
        ])  # fmt: skip
    options = [
        internal("BEA-ADMIN", "", "timesheet and expense report"),
        internal("BEA-TRAIN", "", "Stata 19 workshop"),
        internal("BEA-KB", "", "code library - regression helpers"),
        internal("BEA-RECRUIT", "", "interview analyst candidate"),
        internal("BEA-BD", "", "article draft for Antitrust Source"),
    ]
    if p.level == "director":
        options += [
            internal("BEA-BD", "", "proposal - Wexler Foods merger matter"),
            internal("BEA-BD", "", "panel prep, ABA Antitrust Fall Forum talk"),
        ]
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "HV": (HV_START, hv_work), "OST": (OST_START, ost_work), "AG": (AG_START, ag_work),
    "OBR": (OBR_START, obr_work), "IN": (FIRST_DAY, internal_work),
}  # fmt: skip


def choose_matter(rng: Random, p: Person, day: date) -> str:
    open_ = [(m, w) for m, w in p.weights.items() if MATTERS[m][0] <= day]
    if FA_ACCEPTED < day < BM_KICKOFF:  # Ostrander waits for the benchmarking kick-off
        open_ = [(m, w) for m, w in open_ if m != "OST"]
    total = sum(w for _, w in open_)
    roll = rng.random() * total
    for matter, weight in open_:
        roll -= weight
        if roll < 0:
            return matter
    return open_[-1][0]


# --- the scripted days (dated events and meetings) ------------------------------------------

Script = list[tuple[str, date, int, int, Act]]  # person, day, start minute, minutes, act


def hv_script() -> Script:
    opn, dep, tst, trv = "HV-OPN", "HV-DEP", "HV-TST", "HV-TRV"
    return [
        ("Paul Ferreira", OPENING_SERVED, 7 * 60, 630,
         act(HV, "opening", "final edits, exhibits and service of opening report", opn, "over_hours")),
        ("Naomi Whitcombe", OPENING_SERVED, 9 * 60, 180,
         act(HV, "opening", "final read and sign-off, opening report", opn)),
        ("Rosa Delgado", OPENING_SERVED, 13 * 60, 240,
         act(HV, "opening", "opening report backup production set", opn)),
        ("Julia Amsel", date(2026, 11, 9), 9 * 60 + 30, 180,
         act(HV, "rebuttal", "first read of Rusk report served Friday", "HV-RBT", "new_phase")),
        ("Paul Ferreira", date(2026, 11, 10), 8 * 60, 30,
         act(HV, "travel", "travel to Harrow & Vance office for strategy mtg", "BEA-TRAVEL", "travel")),
        ("Paul Ferreira", date(2026, 11, 10), 8 * 60 + 30, 120,
         act(HV, "meeting", "strategy mtg at H&V w/ Miriam re rebuttal plan", "HV-RBT", "new_phase")),
        ("Paul Ferreira", date(2026, 11, 4), 16 * 60, 45,
         act(HV, "", "conflict check - Kestrel adds Northland Box as a party", "BEA-ADMIN", "same_word")),
        ("Kwame Osei", date(2026, 11, 16), 10 * 60, 240,
         act(HV, "depo", "outline of questions for Rusk depo", dep, "deposition")),
        ("Kwame Osei", RUSK_DEPO, 9 * 60, 420,
         act(HV, "depo", "attend Rusk deposition w/ Miriam, real-time notes", dep, "deposition")),
        ("Paul Ferreira", RUSK_DEPO, 9 * 60, 420,
         act(HV, "depo", "attend Rusk deposition", dep, "deposition")),
        ("Naomi Whitcombe", date(2026, 11, 20), 13 * 60, 240,
         act(HV, "depo", "depo prep session w/ Miriam Okonjo", dep, "deposition")),
        ("Naomi Whitcombe", date(2026, 11, 23), 9 * 60, 210,
         act(HV, "depo", "mock cross, depo prep", dep, "deposition")),
        ("Iris Mendoza", date(2026, 11, 20), 9 * 60, 300,
         act(HV, "depo", "depo prep binders for Dr. Whitcombe", dep, "deposition")),
        ("Naomi Whitcombe", date(2026, 11, 23), 15 * 60, 150,
         act(HV, "travel", "travel Chicago to Minneapolis for depo", trv, "travel")),
        ("Paul Ferreira", date(2026, 11, 23), 15 * 60, 150,
         act(HV, "travel", "travel ORD-MSP", trv, "travel")),
        ("Naomi Whitcombe", WHITCOMBE_DEPO, 7 * 60 + 30, 75,
         act(HV, "depo", "final prep w/ Miriam before deposition", dep, "deposition")),
        ("Naomi Whitcombe", WHITCOMBE_DEPO, 9 * 60, 450,
         act(HV, "testimony", "deposition - testifying", tst, "testimony")),
        ("Paul Ferreira", WHITCOMBE_DEPO, 9 * 60, 450,
         act(HV, "depo,testimony", "attend Naomi's deposition", dep, "testimony")),
        ("Rosa Delgado", WHITCOMBE_DEPO, 9 * 60, 300,
         act(HV, "depo", "depo backup binders for Paul during Naomi's deposition", dep, "deposition")),
        ("Naomi Whitcombe", WHITCOMBE_DEPO, 17 * 60 + 30, 120,
         act(HV, "travel", "travel MSP to Chicago", trv, "travel")),
        ("Paul Ferreira", WHITCOMBE_DEPO, 17 * 60 + 30, 120,
         act(HV, "travel", "travel back from Minneapolis", trv, "travel")),
        ("Naomi Whitcombe", date(2026, 11, 25), 10 * 60, 120,
         act(HV, "depo", "read rough transcript, errata list", dep, "deposition")),
    ]  # fmt: skip


def other_script() -> Script:
    bm = "OST-BM"
    return [
        ("Samir Haddad", date(2026, 11, 5), 14 * 60, 90,
         act(OST, "", "CR2 scope and fee estimate for Deborah", "BEA-BD", "estimate")),
        ("Samir Haddad", CR2_APPROVED, 16 * 60, 60,
         act(OSTCR, "CR", "CR2 kick-off - royalty analysis work plan", "OST-CR", "change_request")),
        ("Elena Marsh", date(2026, 11, 17), 13 * 60, 180,
         act(OST, "travel", "travel ORD to BOS for benchmarking review", bm, "travel")),
        ("Elena Marsh", date(2026, 11, 18), 9 * 60, 180,
         act(OST, "meeting,benchmarking", "benchmarking review mtg at Ostrander, Cambridge", bm)),
        ("Elena Marsh", date(2026, 11, 18), 15 * 60, 180,
         act(OST, "travel", "travel BOS-ORD", bm, "travel")),
        ("Gwen Talbot", date(2026, 11, 10), 10 * 60, 60,
         internal("BEA-KB", "", "Orbis licence renewal - seats for 2027", "same_word")),
        ("Ben Traore", date(2026, 11, 10), 7 * 60, 120,
         act(AG, "travel", "travel to Harmon City (Division workstation)", "BEA-TRAVEL", "travel")),
        ("Ben Traore", date(2026, 11, 10), 9 * 60 + 30, 300,
         act(AG, "data", "workstation session - discharge data, diversion inputs", "AG-MRG")),
        ("Leah Sutton", date(2026, 11, 16), 7 * 60, 120,
         act(AG, "travel", "travel to Harmon City workstation", "BEA-TRAVEL", "travel")),
        ("Leah Sutton", date(2026, 11, 16), 9 * 60 + 30, 300,
         act(AG, "data", "workstation session - discharge data pulls", "AG-OVR", "nte")),
        ("Owen Fairley", AMENDMENT_1, 10 * 60, 90,
         act(AG, "PI,call", "call w/ Renee Castile re Amendment 1 and PI timeline", "AG-PI", "new_phase")),
        ("Owen Fairley", NTE_NOTICE, 15 * 60, 60,
         act(AG, "call", "call w/ Daniel Ybarra re remaining second request review", "AG-MRG")),
        ("Naomi Whitcombe", date(2026, 11, 12), 11 * 60, 60,
         act(OBR, "call", "call w/ Luis Reyes re Ho declaration", "OBR-CC")),
        ("Carla Benedetti", date(2026, 11, 12), 11 * 60, 60,
         act(OBR, "call", "call w/ Luis Reyes re Ho declaration", "OBR-CC")),
        ("Julia Amsel", date(2026, 11, 12), 11 * 60, 60,
         act(OBR, "call", "call w/ Luis Reyes re Ho declaration", "OBR-WO", "guideline")),
        ("Naomi Whitcombe", date(2026, 11, 16), 12 * 60, 270,
         act(OBR, "travel", "travel ORD-LAX for Ho depo", "BEA-TRAVEL", "travel")),
        ("Carla Benedetti", date(2026, 11, 16), 12 * 60, 270,
         act(OBR, "travel", "travel to LA for Ho deposition", "BEA-TRAVEL", "travel")),
        ("Hana Kim", date(2026, 11, 16), 12 * 60, 270,
         act(OBR, "travel", "travel to Los Angeles", "BEA-TRAVEL", "travel")),
        ("Naomi Whitcombe", HO_DEPO, 9 * 60, 420,
         act(OBR, "depo", "attend Ho deposition, notes for Adaeze", "OBR-CC", "deposition")),
        ("Carla Benedetti", HO_DEPO, 9 * 60, 420,
         act(OBR, "depo", "attend Ho deposition", "OBR-CC", "deposition")),
        ("Hana Kim", HO_DEPO, 9 * 60, 420,
         act(OBR, "depo", "attend Ho depo - exhibits support", "OBR-WO", "guideline")),
        ("Hana Kim", date(2026, 11, 27), 10 * 60, 240,
         act(OBR, "class cert", "declaration exhibits - swipe gap charts", "OBR-CC", "holiday_work")),
        ("Naomi Whitcombe", date(2026, 11, 9), 8 * 60, 90,
         internal("BEA-BD", "", "slides for ABA Antitrust Fall Forum talk", "same_word")),
    ]  # fmt: skip


def history_script() -> Script:
    out: Script = []
    for day in (date(2026, 3, 12), date(2026, 6, 18), date(2026, 9, 24)):
        for name, code, cat in (("Naomi Whitcombe", "OBR-CC", ""),
                                ("Carla Benedetti", "OBR-CC", ""),
                                ("Hana Kim", "OBR-WO", "guideline")):  # fmt: skip
            out.append((name, day, 14 * 60, 60,
                        act(OBR, "call", "call w/ Luis Reyes and Adaeze re data", code, cat)))  # fmt: skip
    for day in (date(2026, 2, 10), date(2026, 2, 11)):
        out.append(("Elena Marsh", day, 8 * 60, 180,
                    act(OST, "travel", "travel ORD-BOS for functional interviews", "OST-FA")))  # fmt: skip
    out.append(("Paul Ferreira", date(2026, 3, 4), 7 * 60, 240,
                act(HV, "travel", "travel Chicago to Green Bay, Tolland mill visit", "HV-TRV")))  # fmt: skip
    out.append(("Paul Ferreira", date(2026, 3, 4), 11 * 60, 240,
                act(HV, "meeting", "Tolland mill visit w/ Trevor Lindh", "HV-OPN")))  # fmt: skip
    out.append(("Kwame Osei", date(2026, 6, 2), 8 * 60, 120,
                act(AG, "travel", "travel to Harmon City workstation", "BEA-TRAVEL")))  # fmt: skip
    for name, day in (("Samir Haddad", date(2026, 10, 28)), ("Hana Kim", date(2026, 10, 29)),
                      ("Elena Marsh", date(2026, 10, 30))):  # fmt: skip
        out.append((name, day, 14 * 60, 120, act(OST, "", "royalty analysis for OBI licence - "
                    "first look at licence databases", "OST-UNB")))  # fmt: skip
    for day in (date(2026, 4, 14), date(2026, 4, 15)):
        out.append(("Naomi Whitcombe", day, 9 * 60, 180,
                    act(HV, "depo", "early prep w/ Miriam for Naomi's deposition", "HV-DEP")))  # fmt: skip
    out.append(("Gwen Talbot", date(2026, 3, 2), 10 * 60, 60,
                internal("BEA-KB", "", "Orbis licence renewal")))  # fmt: skip
    return out


# --- the ordinary days ----------------------------------------------------------------------


def workdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def leave_entry(p: Person, day: date, code: str, desc: str, tag: str) -> Entry:
    return Entry(p, day, 9 * 60, 480, internal(code, tag, desc, "holiday" if tag == "holiday"
                                               else "leave"), False)  # fmt: skip


def day_entries(rng: Random, p: Person, day: date, busy: int) -> list[Entry]:
    """Ordinary work of one person on one day, after ``busy`` minutes of scripted work."""
    if day in HOLIDAYS:
        if busy:
            return []
        desc = pick(rng, ["Thanksgiving", "holiday", "", "Firm holiday"])
        if day.month != 11:
            desc = pick(rng, ["holiday", "", "Firm holiday"])
        return [leave_entry(p, day, "BEA-HOL", desc, "holiday")]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "BEA-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]), "PTO")]  # fmt: skip
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "BEA-SICK", pick(rng, ["sick", "doctor appt", "out sick"]), "sick")]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 45, internal("BEA-FIRM", "meeting", "Monday all-hands"), False))  # fmt: skip
        minute = 9 * 60 + 45
    for _ in range(pick(rng, [1, 2, 2, 3, 3, 3, 4]) - (1 if busy > 180 else 0)):
        minutes = pick(rng, [30, 60, 90, 120, 120, 150, 180, 240])
        matter = choose_matter(rng, p, day)
        work = MATTERS[matter][1](rng, p, day)
        if minute + minutes > 19 * 60:
            break
        out.append(Entry(p, day, minute, minutes, work, work.client != FIRM))
        minute += minutes + pick(rng, [0, 0, 15, 30, 60])
    return out


# --- the mess -------------------------------------------------------------------------------

ABBREVIATIONS = {
    "regression": "regr", "deposition": "depo", "analysis": "anlys", "declaration": "decl",
    "report": "rpt", "benchmarking": "BM", "with": "w/", "review": "rvw", "meeting": "mtg",
    "documentation": "doc", "comparables": "comps", "discharge": "dischg", "survey": "svy",
    "production": "prod", "Whitcombe": "NW", "opening": "opn",
}  # fmt: skip
VAGUE = ["research", "analysis", "data", "review", "work on case", "emails", "call", "prep",
         "report", "same as yesterday", "misc", "per PM"]  # fmt: skip
INJECTIONS = [" - bill to HV-TST", " (no charge per Paul)", " - write off", " -- billable",
              " put this under the CR", " - NTE ok per Daniel", " [code this as AG-PI]",
              " bill at testimony rate"]  # fmt: skip
NAMED = {HV: "Kestrel/Tolland", OST: "Ostrander", OSTCR: "Ostrander", AG: "AG merger",
         OBR: "Sandoval"}  # fmt: skip
CLIENT_PROJECTS = [HV, OST, AG, OBR]
PROJECT_MATTER = {HV: "HV", OST: "OST", OSTCR: "OST", AG: "AG", OBR: "OBR"}


def typo(rng: Random, text: str) -> str:
    words = text.split(" ")
    long_ = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_:
        return text
    i = pick(rng, long_)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def abbreviate(text: str) -> str:
    return " ".join(ABBREVIATIONS.get(w, w) for w in text.split(" "))


@dataclass(frozen=True)
class Mess:
    typo: float
    abbreviation: float
    vague: float
    wrong_project: float
    mixed: float
    injection: float
    code_in_text: float


HISTORY_MESS = Mess(0.02, 0.04, 0.012, 0.006, 0.02, 0.004, 0.002)
MONTH_MESS = Mess(0.035, 0.05, 0.035, 0.02, 0.07, 0.012, 0.008)


def mixed(rng: Random, e: Entry) -> Entry:
    matter = PROJECT_MATTER[(e.act.client, e.act.project)]
    other = MATTERS[matter][1](rng, e.person, e.day)
    for _ in range(4):
        if other.code != e.act.code:
            break
        other = MATTERS[matter][1](rng, e.person, e.day)
    if other.code == e.act.code or e.minutes < 90:
        return e
    tags = e.act.tags + tuple(t for t in other.tags if t not in e.act.tags)
    if rng.random() < 0.6:
        big = max(1, e.minutes // 60 - 1) + 0.5
        small = round(e.minutes / 60 - big, 1)
        if small <= 0:
            return e
        first, second, code = (
            (other, e.act, e.act.code) if rng.random() < 0.5 else (e.act, other, e.act.code)
        )
        h1, h2 = (small, big) if first is other else (big, small)
        desc = f"{first.desc} {h1:.1f}h; {second.desc} {h2:.1f}h"
    else:
        desc, code = f"{e.act.desc}, then {other.desc}", e.act.code
    return replace(e, act=replace(e.act, desc=desc, tags=tags, code=code, cat="mixed"))


QUALIFIERS = [
    " cont'd", " - round 2", " (team comments)", " v2", ", cont. from Fri", " - follow-ups",
    " and QC", " - revisions", " - checks", " (edits)",
]  # fmt: skip


def messy(rng: Random, e: Entry, m: Mess) -> Entry:
    """Apply at most one kind of mess to a client entry (internal ones only get typos and
    abbreviations); otherwise, now and then, a qualifier that makes the note new."""
    a, roll = e.act, rng.random()
    if a.client != FIRM and rng.random() < 0.45:
        a = replace(a, desc=a.desc + pick(rng, QUALIFIERS))
        e = replace(e, act=a)
    client = a.client != FIRM
    edges = [("typo", m.typo), ("abbreviation", m.abbreviation)]
    if client:
        edges += [("vague", m.vague), ("wrong_project", m.wrong_project), ("mixed", m.mixed),
                  ("injection", m.injection), ("code_in_text", m.code_in_text)]  # fmt: skip
    for kind, p in edges:
        if roll >= p:
            roll -= p
            continue
        if kind == "typo" and typo(rng, a.desc) != a.desc:
            return replace(e, act=replace(a, desc=typo(rng, a.desc), cat="typo"))
        if kind == "abbreviation" and abbreviate(a.desc) != a.desc:
            return replace(e, act=replace(a, desc=abbreviate(a.desc), cat="abbreviation"))
        if kind == "vague":
            return replace(e, act=replace(a, desc=pick(rng, VAGUE), cat="vague"))
        if kind == "wrong_project" and a.project in {p[1] for p in [*CLIENT_PROJECTS, OSTCR]}:
            here = (a.client, a.project)
            opened = [c for c in CLIENT_PROJECTS if MATTERS[PROJECT_MATTER[c]][0] <= e.day]
            there = pick(rng, [c for c in opened if NAMED[c] != NAMED[here]])
            desc = f"{NAMED[here]} - {a.desc}"
            return replace(e, act=replace(a, client=there[0], project=there[1], tags=(),
                                          desc=desc, cat="wrong_project"))  # fmt: skip
        if kind == "mixed":
            return mixed(rng, e)
        if kind == "injection":
            return replace(e, act=replace(a, desc=a.desc + pick(rng, INJECTIONS), cat="injection"))
        if kind == "code_in_text":
            desc = f"{pick(rng, CODES[:17])} {a.desc}"
            return replace(e, act=replace(a, desc=desc, cat="code_in_text"))
        return e
    return e


def finish(rng: Random, e: Entry) -> Entry:
    """Billable tick from the project's default, flipped now and then; tags used unevenly."""
    billable = e.billable if rng.random() >= 0.06 else not e.billable
    tags = e.act.tags if rng.random() < 0.6 or e.scripted else ()
    if e.act.code in {"BEA-PTO", "BEA-HOL", "BEA-SICK"}:
        tags = e.act.tags
    return replace(e, billable=billable, act=replace(e.act, tags=tags),
                   seconds=rng.randrange(0, 60))  # fmt: skip


# --- building and writing -------------------------------------------------------------------


def around(fixed: list[Entry], ordinary: list[Entry]) -> list[Entry]:
    """Ordinary work before an afternoon's scripted work, or after a morning's."""
    first = min(e.start for e in fixed)
    if first >= 12 * 60:
        return [e for e in ordinary if e.start + e.minutes <= first]
    shift = max(e.start + e.minutes for e in fixed) + 15 - ordinary[0].start
    moved = [replace(e, start=e.start + shift) for e in ordinary]
    return [e for e in moved if e.start + e.minutes <= 21 * 60]


def build(rng: Random, first: date, last: date, script: Script, sample: float,
          mess: Mess) -> list[Entry]:  # fmt: skip
    scripted: dict[tuple[str, date], list[Entry]] = {}
    for name, day, start, minutes, a in script:
        p = BY_NAME[name]
        scripted.setdefault((name, day), []).append(
            Entry(p, day, start, minutes, a, a.client != FIRM, scripted=True)
        )
    out: list[Entry] = []
    for day in workdays(first, last):
        for p in PEOPLE:
            if day < p.start:
                continue
            fixed = scripted.get((p.name, day), [])
            busy = sum(e.minutes for e in fixed)
            ordinary = day_entries(rng, p, day, busy) if busy < 420 else []
            if fixed and ordinary and not ordinary[0].scripted:
                ordinary = around(fixed, ordinary)
            for e in fixed:
                out.append(finish(rng, e))
            for e in ordinary:
                if e.scripted or rng.random() < sample:
                    out.append(finish(rng, messy(rng, e, mess)))
    out.sort(key=lambda e: (e.day, e.start, e.person.name))
    return out


def clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def row(rng: Random, e: Entry) -> list[str]:
    start = e.start * 60 + e.seconds
    end = start + e.minutes * 60 + rng.randrange(-40, 41)
    a = e.act
    return [
        e.person.name, e.person.email, a.client, a.project, "", a.desc,
        "Yes" if e.billable else "No", e.day.isoformat(), clock(start), e.day.isoformat(),
        clock(end), clock(end - start), ", ".join(a.tags), "",
    ]  # fmt: skip


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def generate() -> dict[str, str]:
    rng = Random(SEED)
    history = build(rng, FIRST_DAY, MONTH_START - timedelta(days=1), history_script(),
                    HISTORY_SAMPLE, HISTORY_MESS)  # fmt: skip
    month = build(rng, MONTH_START, LAST_DAY, hv_script() + other_script(), MONTH_SAMPLE,
                  MONTH_MESS)  # fmt: skip
    seen = {e.act.desc for e in history}
    truth = [["line", "true_code", "category"]]
    for line, e in enumerate(month, start=2):
        cat = e.act.cat or ("plain" if e.act.desc in seen else "novel")
        truth.append([str(line), e.act.code, cat])
    return {
        "history.csv": csv_text([[*HEADER, LABEL]] + [[*row(rng, e), e.act.code] for e in history]),
        "month.csv": csv_text([HEADER] + [row(rng, e) for e in month]),
        "month_truth.csv": csv_text(truth),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
