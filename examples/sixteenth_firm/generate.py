"""Generate the sixteenth demo firm's time entries: approved history and one open month.

Saguaro Bell Partners, LLC (about 14 people, 13 of them logging here; an executive search and
leadership advisory firm in Tucson, Arizona) records time in Clockify against four clients (see
README.md next to this file; the agreements, amendment, letters, notices, records of events and
the firm policy are in ``sows/``). This script writes, in Clockify's "Detailed report" CSV layout:

- ``history.csv``      Nov 3, 2025 - Oct 30, 2026, a sample of the approved entries, with the code
                       the engagement lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/sixteenth_firm/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20261116
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.17  # share of the year's approved entries kept in history.csv
DOMAIN = "saguarobell.example"
LIMIT = 8.0  # firm policy §2.6

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "RVP-SRCH", "RVP-GUAR", "RVP-MAP",
    "PDH-ASMT", "PDH-ASMT2", "PDH-COACH", "PDH-CAPX",
    "TDC-SRCH", "TDC-HOLD", "TDC-HRLY", "TDC-PB", "TDC-ADV",
    "CFC-RET", "CFC-OVER", "CFC-LARK",
    "SBP-ADMIN", "SBP-BD", "SBP-RSRCH", "SBP-TRAIN", "SBP-RECRUIT", "SBP-MEET", "SBP-TALK",
    "SBP-TRAVEL", "SBP-PTO", "SBP-HOL", "SBP-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 11), d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 25), d(2025, 12, 26),
    d(2026, 1, 1), d(2026, 1, 19), d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7),
    d(2026, 11, 11), d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Rincon §9: signing, slate, offer, start; the departure email starts the guarantee
RVP_SIGNED, RVP_SLATE, RVP_OFFER = d(2026, 1, 12), d(2026, 3, 20), d(2026, 4, 28)
RVP_START, RVP_DEPARTURE, RVP_REPL_PROJECT = d(2026, 6, 1), d(2026, 11, 6), d(2026, 11, 10)
# Rincon §6: the written request for the VP Operations market map; its project the next day
MAP_REQUEST, MAP_PROJECT = d(2026, 11, 12), d(2026, 11, 13)
# Pima §9: signing, coaching start, cap notices (coaching PDH-CAPX to the quarter's end), A-1
PDH_SIGNED, COACH_START = d(2026, 2, 2), d(2026, 4, 6)
CAP_NOTICES = (d(2026, 6, 12), d(2026, 11, 20))
AMENDMENT_A1 = d(2026, 11, 16)
# Tumamoc §9: the advisory letter, the search letter, the hold, the pro bono notice
TDC_ADVISORY, TDC_SIGNED = d(2026, 1, 5), d(2026, 6, 8)
HOLD_FIRST, HOLD_LAST = d(2026, 9, 18), d(2026, 11, 15)
TDC_REQUEST, PB_NOTICE = d(2026, 11, 5), d(2026, 11, 12)
# Catalina Federal §9: overage notices (CFC-OVER to the month's end), Project Larkspur
CFC_NOTICES = (d(2026, 3, 24), d(2026, 8, 21), d(2026, 11, 18))
LARKSPUR = d(2026, 9, 8)


def rvp_code(day: date) -> str:
    """Rincon §3: all CFO work is guarantee work from the departure email."""
    return "RVP-GUAR" if day >= RVP_DEPARTURE else "RVP-SRCH"


def quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def coach_code(day: date) -> str:
    """Pima §3.2: coaching is PDH-CAPX from a cap notice to that quarter's end."""
    for notice in CAP_NOTICES:
        if notice <= day and quarter(day) == quarter(notice):
            return "PDH-CAPX"
    return "PDH-COACH"


def tdc_code(day: date) -> str:
    """Tumamoc §3: search work during the hold is TDC-HOLD."""
    return "TDC-HOLD" if HOLD_FIRST <= day <= HOLD_LAST else "TDC-SRCH"


def advisory_code(day: date) -> str:
    """Tumamoc §4.2: advisory to the chair is TDC-ADV from the pro bono notice to Dec 31."""
    return "TDC-ADV" if PB_NOTICE <= day <= d(2026, 12, 31) else "TDC-PB"


def cfc_code(day: date) -> str:
    """Catalina Federal §2.2: retainer work is overage from a notice's date to the month's end."""
    for notice in CFC_NOTICES:
        if notice <= day and (day.year, day.month) == (notice.year, notice.month):
            return "CFC-OVER"
    return "CFC-RET"


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    group: str  # Clockify user group
    rate: int  # standard Firm rate
    shares: dict[str, float]  # activity group -> share of the day
    terse: float = 0.2
    typos: float = 0.02
    sloppy: float = 0.08  # chance of flipping the billable default
    late: float = 0.2

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}@{DOMAIN}"


P = Person
PEOPLE = (
    P("Helena", "Marsh", "Partners", 650, {"NB": 0.4, "ADMIN": 0.15, "LARK": 0.8, "PDH": 0.05,
      "TALK": 0.1, "RVP": 0.05}, terse=0.3, sloppy=0.05),
    P("Victor", "Okonjo", "Partners", 600, {"RVP": 0.45, "RVPG": 2.0, "TDCA": 0.06, "NB": 0.6,
      "ADMIN": 0.1, "TALK": 0.1}, terse=0.25),
    P("Rosalind", "Tate", "Partners", 600, {"CFC": 0.07, "LARK": 0.8, "NB": 0.6, "ADMIN": 0.15,
      "TALK": 0.1}, terse=0.25, typos=0.015),
    P("Amir", "Haddad", "Principals", 450, {"RVP": 0.7, "RVPG": 3.0, "TALK": 0.1, "TRAIN": 0.05,
      "NB": 0.05, "RECRUIT": 0.05}, terse=0.3),
    P("Keiko", "Brandt", "Principals", 425, {"TDC": 0.5, "CFC": 0.02, "NB": 0.5, "ADMIN": 0.1,
      "TALK": 0.1, "TRAIN": 0.1}, terse=0.2, typos=0.01),
    P("Grant", "Ellery", "Principals", 425, {"COACH": 0.04, "TRAIN": 0.15, "NB": 0.5, "TALK": 0.2,
      "ADMIN": 0.1}, terse=0.35, typos=0.03, sloppy=0.12),
    P("Naomi", "Fairweather", "Assessment", 475, {"PDH": 0.6, "RVP": 0.1, "LARK": 0.6,
      "COACH": 0.01, "TRAIN": 0.05, "NB": 0.05}, terse=0.2),
    P("Lena", "Sorensen", "Research", 200, {"RVP": 0.4, "MAP": 3.0, "CFC": 0.015, "RSRCH": 0.5,
      "LARK": 0.3, "NB": 0.15, "TRAIN": 0.05}, terse=0.4, typos=0.03, sloppy=0.1),
    P("Javier", "Pineda", "Research", 185, {"RVP": 0.5, "RVPG": 2.0, "MAP": 1.5, "RSRCH": 0.25,
      "TRAIN": 0.05}, terse=0.35, typos=0.025),
    P("Tobias", "Quill", "Research", 185, {"TDC": 0.5, "RSRCH": 0.25, "RECRUIT": 0.1,
      "TRAIN": 0.05}, terse=0.35, typos=0.025),
    P("Maya", "Whitfield", "Coordination", 120, {"RVP": 0.5, "RVPG": 1.5, "PDH": 0.3,
      "ADMIN": 0.1}, terse=0.3),
    P("Ollie", "Brennan", "Coordination", 120, {"PDH": 0.5, "TDC": 0.3, "ADMIN": 0.2},
      terse=0.35, typos=0.03, sloppy=0.1),
    P("Carla", "Reyes", "Operations", 0, {"ADMIN": 0.8, "RECRUIT": 0.2}, terse=0.3,
      sloppy=0.03),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}
# November is busier on the capped work than the year's average (the records of events date its
# notices inside the month): the retainer's allowance, Q4 coaching, the chair's advice
MONTH_PACE = {"CFC": 6.0, "COACH": 3.0, "TDCA": 2.0}

# --- Clockify projects (sows/clockify_setup.md) -------------------------------------------------

RVP_CLIENT, PDH_CLIENT = "Rincon Valve & Pump Co.", "Pima Desert Health"
TDC_CLIENT, CFC_CLIENT = "Tumamoc Desert Conservancy", "Catalina Federal Credit Union"
FIRM = "Saguaro Bell"
RS, RR, RM = "RVP CFO Search", "RVP CFO Replacement (Guarantee)", "RVP Market Mapping"
PA, PC = "PDH Leadership Assessments", "PDH Team Coaching"
TS, TA = "TDC Board Search", "TDC Chair Advisory"
CT, CL = "CFC Talent Advisory", "CFC Project Larkspur"
ADM, BDP, RSY = "SBP Administration", "SBP Business Development", "SBP Research Systems"
TRN, REC, MTG = "SBP Training", "SBP Firm Recruiting", "SBP Firm Meetings"
TLK, OFF = "SBP Talks & Newsletter", "SBP Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    RS: (RVP_CLIENT, {"Research & Sourcing": Y, "Candidate Interviews": Y, "Client Meetings": Y,
                      "References": Y, "Travel": Y}),
    RR: (RVP_CLIENT, {"Research & Sourcing": N, "Candidate Interviews": N, "Client Meetings": N}),
    RM: (RVP_CLIENT, {"Market Map": Y}),
    PA: (PDH_CLIENT, {"Assessment Interviews": Y, "Psychometrics": Y, "360 Interviews": Y,
                      "Reports & Debriefs": Y, "Travel": Y}),
    PC: (PDH_CLIENT, {"Coaching Sessions": Y, "Coaching Prep": Y}),
    TS: (TDC_CLIENT, {"Research & Sourcing": Y, "Candidate Interviews": Y,
                      "Committee Meetings": Y}),
    TA: (TDC_CLIENT, {"Advisory": N}),
    CT: (CFC_CLIENT, {"Advisory": Y, "Comp Benchmarks": Y, "Hiring Support": Y}),
    CL: (CFC_CLIENT, {"Larkspur": Y}),
    ADM: (FIRM, {"Admin": N, "Timesheets & Billing": N}),
    BDP: (FIRM, {"Pitches & Proposals": N, "Scoping & Estimates": N}),
    RSY: (FIRM, {"Candidate Database": N, "LinkedIn Recruiter": N}),
    TRN: (FIRM, {"Courses & Webinars": N}),
    REC: (FIRM, {"Interviews": N, "Sourcing": N}),
    MTG: (FIRM, {"Pipeline Meeting": N, "All-Hands": N}),
    TLK: (FIRM, {"Talks": N, "Newsletter": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
OPENED = {RS: RVP_SIGNED, RR: RVP_REPL_PROJECT, RM: MAP_PROJECT, PA: PDH_SIGNED, PC: COACH_START,
          TS: TDC_SIGNED, TA: TDC_ADVISORY, CL: LARKSPUR}  # fmt: skip
CLIENT_GROUPS = ("RVP", "RVPG", "MAP", "PDH", "COACH", "TDC", "TDCA", "CFC", "LARK")
CLIENT_OF = {
    "RVP": "RVP",
    "RVPG": "RVP",
    "MAP": "RVP",
    "PDH": "PDH",
    "COACH": "PDH",
    "TDC": "TDC",
    "TDCA": "TDC",
    "CFC": "CFC",
    "LARK": "CFC",
}
MARKERS = {
    "RVP": ("Rincon", "RVP", "Rincon Valve"),
    "PDH": ("Pima", "PDH", "Pima Desert"),
    "TDC": ("Tumamoc", "TDC", "Conservancy"),
    "CFC": ("Catalina Fed", "CFC", "Catalina"),
}
HOME = {"RVP": RS, "PDH": PA, "TDC": TS, "CFC": CT}


# --- activities -------------------------------------------------------------------------------

CodeFn = Callable[[date], str]
Window = tuple[date, date]


def after(first: date, before: str, then: str) -> CodeFn:
    return lambda day: then if day >= first else before


@dataclass(frozen=True)
class Activity:
    key: str
    group: str
    project: str
    tasks: tuple[str, ...]
    templates: tuple[str, ...]
    code: str | CodeFn
    windows: tuple[Window, ...]
    who: str = ""  # first names; "" = anyone with the group
    weight: float = 1.0
    hours: tuple[float, float] = (1.0, 3.0)
    category: str = ""  # what makes it hard in the month, whatever the text
    novel: tuple[str, ...] = ()  # phrasings only the open month uses

    def code_on(self, day: date) -> str:
        return self.code if isinstance(self.code, str) else self.code(day)

    def active(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.windows)

    def can(self, person: Person) -> bool:
        return not self.who or person.first in self.who.split()


A = Activity
YEAR = ((FIRST_DAY, LAST_DAY),)


def W(first: date, last: date) -> tuple[Window, ...]:  # one date window
    return ((first, last),)


ACTIVITIES: tuple[Activity, ...] = (
    # ---- Rincon: the CFO search (fixed fee), the replacement (guarantee), the market map ----
    A("rvp_research", "RVP", RS, ("Research & Sourcing",), (
        "target list - CFO search (flow control, AZ/NM/TX)", "sourcing calls - Rincon CFO",
        "LIR outreach - CFO candidates", "position spec draft - Rincon CFO",
        "research: CFOs at pump + valve peers", "cand pipeline update - Rincon CFO",
        "screening call - {cand} (CFO)",
    ), "RVP-SRCH", W(RVP_SIGNED, d(2026, 3, 19)), who="Amir Lena Javier Victor Maya",
      weight=4.0, hours=(1.0, 3.0)),
    A("rvp_interviews", "RVP", RS, ("Candidate Interviews",), (
        "cand interview - {cand} (CFO)", "interview write-up - {cand}",
        "second interview - {cand}", "interview notes for slate - {cand}",
    ), "RVP-SRCH", W(d(2026, 2, 9), d(2026, 4, 17)), who="Amir Victor", weight=4.0,
      hours=(1.0, 2.5)),
    A("rvp_slate", "RVP", RS, ("Client Meetings",), (
        "slate report draft - Rincon CFO", "slate presentation prep", "cand profiles for slate",
    ), "RVP-SRCH", W(d(2026, 3, 9), RVP_SLATE), who="Amir Victor Lena", weight=5.0),
    A("rvp_client", "RVP", RS, ("Client Meetings", "References"), (
        "client interview debrief w/ Walter Ibsen", "finalist schedule w/ Teresa Gallardo",
        "reference calls - {cand}", "background + degree check - {cand}",
        "offer negotiation support - Laurel Pike",
    ), "RVP-SRCH", W(d(2026, 3, 23), RVP_OFFER), who="Victor Amir Maya", weight=4.0,
      hours=(0.5, 2.0)),
    A("rvp_asmt", "RVP", RS, ("Candidate Interviews",), (
        "finalist assessment - {cand} (Hogan + interview)", "assessment report - CFO finalist {cand}",
        "debrief w/ Walter Ibsen on finalist assessments",
    ), "RVP-SRCH", W(d(2026, 3, 23), d(2026, 4, 17)), who="Naomi", weight=5.0, hours=(1.0, 3.0)),
    A("rvp_checkin", "RVP", RS, ("Client Meetings",), (
        "onboarding check-in w/ Laurel Pike", "check-in call w/ Walter Ibsen re Laurel's first months",
    ), "RVP-SRCH", W(d(2026, 6, 29), d(2026, 7, 2)) + W(d(2026, 8, 27), d(2026, 9, 1)),
      who="Victor", weight=3.0, hours=(0.5, 1.0)),
    A("rvp_repl", "RVPG", RS, ("Research & Sourcing", "Candidate Interviews", "Client Meetings"), (
        "re-contact first slate cands - CFO replacement", "sourcing - CFO replacement",
        "cand interview - {cand} (CFO replacement)", "LIR outreach - Rincon CFO (2nd search)",
        "refresh target list - Rincon CFO", "call w/ Teresa Gallardo re CFO replacement timing",
        "screening call - {cand} (CFO)", "interview write-up - {cand}", "reference calls - {cand}",
    ), "RVP-GUAR", W(d(2026, 11, 9), LAST_DAY), who="Amir Victor Javier Maya", weight=5.0,
      hours=(1.0, 2.5), category="guarantee",
      novel=("CFO repl. - long list review w/ Amir", "outreach to ex-Pike shortlist (Ibsen ok'd)")),
    A("rvp_map", "MAP", RM, ("Market Map",), (
        "VP Ops market map - peer company list", "market map: VP Ops names (Nogales/Sonora plants)",
        "market map profiles - VP Operations", "VP Ops map - LIR pulls", "market map draft for Walter",
    ), "RVP-MAP", W(MAP_PROJECT, LAST_DAY), who="Lena Javier", weight=5.0, hours=(1.0, 3.0),
      category="change_order", novel=("VP Ops map - comp ranges + likely interest",)),
    A("rvp_map_scope", "NB", RS, ("Client Meetings",), (
        "scope VP Ops market map for Walter", "estimate hours - VP Ops market map",
        "market map proposal (VP Operations)",
    ), "SBP-BD", W(d(2026, 10, 26), d(2026, 11, 10)), who="Victor Lena", weight=4.0,
      hours=(0.5, 1.5), category="estimate"),
    # ---- Pima: assessments (fee per executive), team coaching (hourly, capped) ----
    A("pdh_asmt", "PDH", PA, ("Assessment Interviews", "Psychometrics", "360 Interviews",
                              "Reports & Debriefs"), (
        "assessment interview - {pexec}", "Hogan scoring - {pexec}", "360 interviews for {pexec}",
        "assessment report draft - {pexec}", "feedback debrief w/ {pexec}",
        "debrief w/ Dr. Vasquez re {pexec} report", "schedule 360s - {pexec}",
        "development plan - {pexec}",
    ), "PDH-ASMT", W(d(2026, 2, 9), d(2026, 6, 26)) + W(d(2026, 9, 14), LAST_DAY),
      who="Naomi Maya Ollie Helena", weight=4.0, hours=(1.0, 3.0), category="same_word",
      novel=("360 synthesis - {pexec} (10 raters)",)),
    A("pdh_asmt2", "PDH", PA, ("Assessment Interviews", "Psychometrics", "360 Interviews"), (
        "assessment interview - {nexec}", "Hogan invite + scoring - {nexec}",
        "schedule 360s - {nexec}", "360 interviews for {nexec}",
    ), "PDH-ASMT2", W(AMENDMENT_A1, LAST_DAY), who="Naomi Ollie", weight=5.0, hours=(1.0, 2.5),
      category="change_order"),
    A("pdh_scope", "NB", PA, ("Reports & Debriefs",), (
        "proposal - 3 more assessments for Gordon Ashby", "fee estimate - 3 added assessments",
        "A-1 amendment draft (Oyelaran, Castell, Berg)",
    ), "SBP-BD", W(d(2026, 10, 26), d(2026, 11, 13)), who="Naomi Helena", weight=4.0,
      hours=(0.5, 1.5), category="estimate"),
    A("pdh_coach", "COACH", PC, ("Coaching Sessions", "Coaching Prep"), (
        "team coaching session - senior team", "coaching prep - {topic}",
        "1:1 coaching follow-up - {cexec}", "coaching debrief w/ Gordon Ashby",
        "team coaching - {topic} module",
    ), coach_code, W(COACH_START, LAST_DAY), who="Grant Naomi", weight=4.0, hours=(1.0, 2.5),
      category="cap", novel=("offsite design - senior team coaching (Dec)",)),
    # ---- Tumamoc: board search (fixed fee, hold), pro bono advisory (capped) ----
    A("tdc_search", "TDC", TS, ("Research & Sourcing", "Candidate Interviews",
                                "Committee Meetings"), (
        "board skills matrix - Tumamoc", "position profile - finance/audit trustee",
        "research: conservation scientists for the board", "outreach - board cand {bcand}",
        "cand interview - {bcand} (board)", "Governance Cttee update", "keep-warm call - {bcand}",
        "board search target list update",
    ), tdc_code, W(TDC_SIGNED, LAST_DAY), who="Keiko Tobias Ollie", weight=3.0,
      hours=(0.8, 2.5), category="hold"),
    A("tdc_bench", "TDC", TS, ("Research & Sourcing", "Committee Meetings"), (
        "board comp benchmark - peer land trusts", "benchmark deck for Governance Cttee (Nov 19)",
        "board time-commitment survey data for benchmark",
    ), "TDC-HRLY", W(d(2026, 11, 6), d(2026, 11, 19)), who="Keiko Tobias", weight=2.0,
      hours=(1.0, 2.5), category="written_request"),
    A("tdc_adv", "TDCA", TA, ("Advisory",), (
        "advisory call w/ Margaret Oduya - ED review", "governance advice - board self-assessment",
        "chair advisory: committee charters", "call w/ Margaret re board retreat agenda",
    ), advisory_code, W(TDC_ADVISORY, LAST_DAY), who="Victor", weight=3.0, hours=(0.5, 1.5),
      category="cap"),
    # ---- Catalina Federal: retainer with allowance, Project Larkspur ----
    A("cfc_ret", "CFC", CT, ("Advisory", "Comp Benchmarks", "Hiring Support"), (
        "talent review prep - {prev}", "comp benchmark - branch manager roles",
        "interview guide - VP Lending", "interview panel - branch mgr cand {fcand}",
        "org design advice - member services", "call w/ Celeste Ng", "reference-check guide for HR team",
        "job profile - Chief Lending Officer (their recruiting)", "monthly talent review w/ Celeste",
    ), cfc_code, YEAR, who="Rosalind Keiko Lena", weight=3.0, hours=(0.5, 2.0), category="overage",
      novel=("succession bench review - branch leaders (not Larkspur)",)),
    A("cfc_lark", "LARK", CL, ("Larkspur",), (
        "Project Larkspur - board interviews", "Larkspur success profile draft",
        "Larkspur - internal cand assessment (Hogan)", "Larkspur: external benchmark",
        "Larkspur debrief w/ Harold Benn", "Larkspur - assessment interview, cand B",
        "Larkspur market map - CU CEOs in the West",
    ), "CFC-LARK", W(LARKSPUR, LAST_DAY), who="Helena Rosalind Naomi Lena", weight=4.0,
      hours=(1.0, 3.0), category="same_word"),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin",), (
        "timesheets", "expense report", "1:1 w/ Helena", "laptop setup", "Clockify cleanup",
        "perf review self-assessment", "travel booking (own)",
    ), "SBP-ADMIN", YEAR, weight=1.0, hours=(0.3, 1.2), category="same_word"),
    A("billing", "ADMIN", ADM, ("Timesheets & Billing",), (
        "{prev} invoices", "hours statements", "AR follow-up", "QBO reconciliation",
        "approve timesheets", "search instalment invoices", "utilization report",
    ), "SBP-ADMIN", YEAR, who="Carla", weight=6.0, hours=(1.0, 3.5), category="same_word"),
    A("nb", "NB", BDP, ("Pitches & Proposals",), (
        "pitch - CEO search for Sonoran Water Authority", "RFP response - U of A athletics director search",
        "proposal - CHRO search, Desert Sky Mining", "credentials deck refresh",
        "market map for prospect (hospital CNO roles)", "pitch rehearsal - Tucson Electric coop",
    ), "SBP-BD", YEAR, who="Helena Victor Rosalind Keiko Grant Amir Naomi", weight=2.0,
      category="same_word", novel=("proposal - board search for Sabino Arts Council",)),
    A("rsrch", "RSRCH", RSY, ("Candidate Database", "LinkedIn Recruiter"), (
        "Thrive ATS cleanup", "LIR seat reassignment", "candidate database dedupe",
        "LinkedIn Recruiter licence renewal", "Hogan platform account admin",
        "salary survey - AZ executive comp (firm research)",
    ), "SBP-RSRCH", YEAR, who="Lena Javier Tobias", weight=1.0, hours=(0.5, 2.0),
      category="same_word"),
    A("train", "TRAIN", TRN, ("Courses & Webinars",), (
        "AESC webinar - search ethics", "Hogan certification module", "coaching for Tobias (junior researcher)",
        "lunch-and-learn: boolean sourcing", "ICF coaching CE course", "LIR training webinar",
    ), "SBP-TRAIN", YEAR, weight=1.0, hours=(1.0, 2.5), category="same_word"),
    A("recruit", "RECRUIT", REC, ("Interviews", "Sourcing"), (
        "interview - research associate cand (our hire)", "sourcing - coordinator role (SBP)",
        "references for our new researcher", "onboarding new coordinator", "job post - research associate",
    ), "SBP-RECRUIT", YEAR, weight=1.0, hours=(0.5, 1.5), category="same_word"),
    A("talk", "TALK", TLK, ("Talks", "Newsletter"), (
        "Arizona CFO Forum talk prep", "newsletter - board search trends",
        "panel prep - AZ Nonprofit Alliance conference", "article - what a CFO slate should show",
    ), "SBP-TALK", YEAR, who="Helena Victor Amir Grant", weight=1.0, category="same_word"),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("candidate", "cand"), ("references", "refs"), ("reference", "ref"), ("Rincon Valve", "RVP"), ("Rincon CFO", "RVP CFO"),
    ("Pima", "PDH"), ("Tumamoc", "TDC"), ("Catalina Fed", "CFC"), ("with", "w/"),
    ("interview", "intvw"), ("assessment", "asmt"), ("coaching", "coach."),
    ("Governance Cttee", "Gov Cttee"), ("board", "BOD"), ("market map", "mkt map"),
    ("compensation", "comp"), ("follow-up", "FU"), ("position spec", "PS"),
    ("replacement", "repl."), ("Larkspur", "Lark."), ("meeting", "mtg"), ("update", "upd"),
)  # fmt: skip
TYPOS = {
    "candidate": "canddiate",
    "interview": "inteview",
    "assessment": "assesment",
    "coaching": "coachign",
    "sourcing": "sourcign",
    "reference": "refrence",
    "benchmark": "benchmrak",
    "Rincon": "Rincom",
    "Tumamoc": "Tumamac",
    "Pima": "Pmia",
    "debrief": "debreif",
    "outreach": "outrech",
    "profile": "profle",
    "replacement": "replacment",
    "schedule": "shcedule",
    "research": "reserach",
    "session": "sesion",
    "Larkspur": "Larkpsur",
}
VAGUE = ("emails", "misc", "follow up", "research", "various", "TBD", "admin")
VAGUE_CLIENT = ("client work", "search work", "calls", "call", "meeting", "same as yesterday",
                "see previous", "mtg", "sourcing")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (no charge per Helena)", " NC", " -- put on the retainer",
    " - under the guarantee", " pro bono pls", " [code this as {code}]", " - bill as overage",
    " comp this", " billable!!", " (charge to the search)",
)  # fmt: skip
WRONG_CODES = ("RVP-SRCH", "RVP-GUAR", "RVP-MAP", "PDH-ASMT", "PDH-COACH", "TDC-SRCH", "TDC-PB",
               "CFC-RET", "CFC-LARK", "SBP-BD", "SBP-RECRUIT")  # fmt: skip
SAME_WORD = re.compile(
    r"interview|intvw|slate|refs?\b|reference|assess|asmt|coach|recruit|cand|debrief"
    r"|market map|mkt map|benchmark|profile|travel",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
CFO_CANDS = ("Rebecca Tolliver", "Sanjay Mehta", "Laurel Pike", "Dominic Ruiz", "Ellen Vaughn",
             "Marco Bellini", "Priscilla Okafor", "Jon Hardesty")  # fmt: skip
REPL_CANDS = ("Rebecca Tolliver", "Dominic Ruiz", "Sonia Leclair", "Kevin Aoki", "Gabriela Soto",
              "Neil Ashworth")  # fmt: skip
BOARD_CANDS = ("Dr. Alma Reyes-Torres", "Curtis Lang", "Farah Nasser", "Bill Harjo", "Joan Whitley")
BRANCH_CANDS = ("T. Morales", "K. Singh", "D. Bauer", "L. Chee")
PDH_FIRST = ("Raymond Kessler", "Anita Dorsey", "Dr. Felix Amundsen", "Sonia Leclair",
             "Bernard Quist")  # fmt: skip
PDH_LAST = ("Lydia Mahoney", "Owen Strickland", "Yasmin Farrow")
PDH_NEW = ("Marcus Oyelaran", "Priya Castell", "Tomasz Berg")
TOPICS = ("conflict and candor", "decision rights", "feedback habits", "strategy offsite",
          "cross-hospital trust")  # fmt: skip


def fill(template: str, day: date, rng: Random) -> str:
    prev = (day.replace(day=1) - timedelta(1)).strftime("%b")
    cands = REPL_CANDS if day >= RVP_DEPARTURE else CFO_CANDS
    pexec = PDH_FIRST if day < d(2026, 7, 1) else PDH_LAST
    return template.format(
        prev=prev, cand=rng.choice(cands), pexec=rng.choice(pexec), nexec=rng.choice(PDH_NEW),
        cexec=rng.choice(PDH_FIRST + PDH_LAST),
        bcand=rng.choice(BOARD_CANDS), fcand=rng.choice(BRANCH_CANDS), topic=rng.choice(TOPICS),
    )  # fmt: skip


def weighted(rng: Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    pick = rng.random() * total
    for item, weight in items:
        pick -= weight
        if pick <= 0:
            return item
    return items[-1][0]


def abbreviate(text: str, rng: Random) -> str:
    hits = [(a, b) for a, b in ABBREVIATIONS if re.search(rf"\b{re.escape(a)}\b", text)]
    if not hits:
        return text
    long, short = rng.choice(hits)
    return re.sub(rf"\b{re.escape(long)}\b", short, text, count=1)


def misspell(text: str, rng: Random) -> str:
    hits = [w for w in TYPOS if w in text]
    if not hits:
        return text
    word = rng.choice(hits)
    return text.replace(word, TYPOS[word], 1)


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


@dataclass
class Sim:
    rng: Random
    month: bool = False
    entries: list[Entry] = field(default_factory=list)

    def add(self, person: Person, day: date, hours: float, project: str, task: str, text: str,
            code: str, category: str, billable: bool | None = None, tags: str = "",
            start: int = -1, scripted: bool = False) -> Entry:  # fmt: skip
        if billable is None:
            billable = self.tick(person, project, task)
        entry = Entry(person, day, max(round(hours * 10) / 10, 0.1), project, task, text, code,
                      category if self.month else "", billable, tags, start, None, scripted)  # fmt: skip
        self.entries.append(entry)
        return entry

    def tick(self, person: Person, project: str, task: str) -> bool:
        default = PROJECTS[project][1].get(task, False)
        return not default if self.rng.random() < person.sloppy else default

    def decorate(self, text: str, person: Person, category: str, novel: bool) -> tuple[str, str]:
        """Abbreviations, typos, fillers; the category names the hardest thing about the text."""
        rng = self.rng
        hard = category
        if self.month and not hard and rng.random() < 0.04:
            text, novel = rng.choice(FILLERS) + text, True
        if rng.random() < person.terse * (1.2 if self.month else 1):
            short = abbreviate(text, rng)
            if short != text:
                text, hard = short, "abbreviation" if hard in ("", "same_word") else hard
        if rng.random() < person.typos * (8 if self.month else 1):
            wrong = misspell(text, rng)
            if wrong != text:
                text, hard = wrong, "typo" if hard in ("", "same_word", "abbreviation") else hard
        if hard == "same_word" and not SAME_WORD.search(text):
            hard = ""
        if not hard and novel:
            hard = "novel"
        return text, hard or "plain"

    def tags_for(self, project: str, text: str) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            return ""
        low, tags = text.lower(), []
        if "onsite" in low or "at rincon" in low or "plant" in low:
            tags.append("Onsite")
        elif project not in (OFF, MTG) and rng.random() < 0.5:
            tags.append(rng.choice(("Remote", "Video")))
        if any(w in low for w in ("cand", "interview", "ref", "screening", "outreach")):
            tags.append("Candidate")
        if any(
            w in low for w in ("call w/", "debrief w/", "w/ walter", "w/ celeste", "w/ margaret")
        ):
            tags.append("ClientCall")
        if project == CL or "larkspur" in low:
            tags.append("Confidential")
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "overage":
            return "overage" if code == "CFC-OVER" else ""
        if act.category == "cap":
            return "cap" if code in ("PDH-CAPX", "TDC-ADV") else "same_word"
        if act.category == "hold":
            return "hold" if code == "TDC-HOLD" or day <= d(2026, 11, 20) else "same_word"
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "rvp_repl" and day >= RVP_REPL_PROJECT and rng.random() < 0.8:
            project = RR
        elif act.key in ("rvp_map_scope", "pdh_scope") and rng.random() < 0.5:
            project = BDP
        elif act.key == "tdc_bench" and rng.random() < 0.15:
            project = TA
        elif act.key == "cfc_lark" and rng.random() < 0.06:
            project = CT
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.75 else rng.choice(act.tasks)
        if task not in tasks:
            task = {
                RR: "Research & Sourcing", BDP: "Scoping & Estimates", TA: "Advisory",
                CT: "Advisory",
            }.get(project, sorted(tasks)[0])  # fmt: skip
        return project, task

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> float:
        rng = self.rng
        code = act.code_on(day)
        novel = bool(act.novel) and self.month and rng.random() < 0.3
        text = fill(rng.choice(act.novel if novel else act.templates), day, rng)
        category = self.category_of(act, day, code)
        project, task = self.project_task(act, day)
        if act.key == "cfc_lark" and project == CT and self.month:
            category = "confidential"  # Larkspur on the retainer project (Catalina §4.3)
        special = rng.random()
        rate = 1.0 if self.month else 0.45
        client = act.group in CLIENT_GROUPS
        if special > 0.24 * rate:
            pass
        elif special < 0.06 * rate and client and self.wrong_project(CLIENT_OF[act.group], day):
            project = self.wrong_project(CLIENT_OF[act.group], day)
            task, category = rng.choice(sorted(PROJECTS[project][1])), "wrong_project"
            text = self.mark_client(text, CLIENT_OF[act.group])
        elif special < 0.095 * rate and client:
            inj = rng.choice(INJECTIONS)
            own = MARKERS[rng.choice([g for g in MARKERS if g != CLIENT_OF[act.group]])][0]
            text += inj.format(own=own, code=rng.choice(WRONG_CODES))
            category = "injection"
        elif (client or special >= 0.1 * rate) and special < 0.12 * rate:
            typed = (
                code if rng.random() < 0.4 else rng.choice([c for c in WRONG_CODES if c != code])
            )
            text = rng.choice((f"{typed} {text}", f"{text} ({typed})", f"{typed}: {text}"))
            category = "code_in_text"
        elif 0.12 * rate <= special < 0.155 * rate:
            text, category = rng.choice(VAGUE + (VAGUE_CLIENT if client else ())), "vague"
        elif special >= 0.155 * rate:
            other = self.pick(person, day, exclude=act.key)
            if other is not None and other.code_on(day) != code:
                text, hours, code = self.mixed(text, hours, code, other, day)
                category = "mixed"
        tags = self.tags_for(project, text)
        text, category = self.decorate(text, person, category, novel)
        self.add(person, day, hours, project, task, text, code, category, None, tags)
        return hours

    def mixed(self, text: str, hours: float, code: str, other: Activity,
              day: date) -> tuple[str, float, str]:  # fmt: skip
        """Two activities in one entry: the most hours written decide, else the first written."""
        rng = self.rng
        second = fill(rng.choice(other.templates), day, rng)
        if rng.random() < 0.55:
            main = rng.choice((1.2, 1.5, 2.0, 2.5, 3.0))
            minor = rng.choice((0.2, 0.3, 0.5, 0.6, 0.8))
            lab = rng.choice(("({:.1f})", "({:.1f}h)", "- {:.1f}", "[{:.1f} hr]"))
            if rng.random() < 0.35:  # the dominant part is written second
                return (f"{second} {lab.format(minor)}; {text} {lab.format(main)}", main + minor,
                        code)  # fmt: skip
            return f"{text} {lab.format(main)}; {second} {lab.format(minor)}", main + minor, code
        return text + rng.choice(("; ", " + ", ", also ", " / ", " and ")) + second, hours, code

    def wrong_project(self, group: str, day: date) -> str:
        others = [HOME[g] for g in HOME if g != group and OPENED.get(HOME[g], FIRST_DAY) <= day]
        if not others:  # only one client's project is open yet
            return ""
        return others[(day.toordinal() + len(group)) % len(others)]

    def mark_client(self, text: str, group: str) -> str:
        if any(m.lower() in text.lower() for m in MARKERS[group]):
            return text
        return f"{self.rng.choice(MARKERS[group])} - {text}"

    def pick(self, person: Person, day: date, exclude: str = "") -> Activity | None:
        groups = {
            g: s for g, s in person.shares.items()
            if any(a.group == g and a.active(day) and a.can(person) for a in ACTIVITIES)
        }  # fmt: skip
        if not groups:
            return None
        if self.month:  # the open month's pace: the allowance and the caps run out in it
            groups = {g: s * MONTH_PACE.get(g, 1.0) for g, s in groups.items()}
        if HOLD_FIRST <= day <= HOLD_LAST and "TDC" in groups:  # little search work on hold
            groups["TDC"] *= 0.3
        group = weighted(self.rng, list(groups.items()))
        acts = [
            (a, a.weight) for a in ACTIVITIES
            if a.group == group and a.key != exclude and a.active(day) and a.can(person)
        ]  # fmt: skip
        return weighted(self.rng, acts) if acts else None


# --- dated events of the documents ---------------------------------------------------------------

# (day, person): (project, task, text, hours, code, category, start minute or -1)
Event = tuple[str, str, str, float, str, str, int]
H = 60  # minutes in an hour, for start times


def trip(project: str, task: str, texts: tuple[str, str], hours: float, code: str,
         middle: tuple[Event, ...], category: str = "travel") -> tuple[Event, ...]:  # fmt: skip
    go = (project, task, texts[0], hours, code, category, -1)
    back = (project, task, texts[1], hours, code, category, -1)
    return (go, *middle, back)


TO_NOGALES = ("travel Tucson to Nogales (Rincon plant)", "travel back from Nogales")
TO_GV = ("travel Tucson to Green Valley (Pima clinic)", "drive back from Green Valley")
TO_MARANA = ("travel Tucson to Marana (Pima hospital)", "travel back from Marana")
TO_PHX = ("travel Tucson to Phoenix - cand meetings", "travel Phoenix to Tucson")

EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history: Rincon ----
    (d(2026, 1, 12), "Victor"): ((RS, "Client Meetings", "signing + kickoff w/ Walter Ibsen - CFO search", 1.5, "RVP-SRCH", "", -1),),
    (d(2026, 3, 20), "Victor"): ((RS, "Client Meetings", "slate presentation to Walter Ibsen (6 cands)", 2.0, "RVP-SRCH", "", 10 * H),),
    (d(2026, 3, 20), "Amir"): ((RS, "Client Meetings", "slate presentation - Rincon CFO", 2.0, "RVP-SRCH", "", 10 * H),),
    (d(2026, 3, 26), "Amir"): trip(RS, "Travel", TO_PHX, 1.8, "RVP-SRCH", (
        (RS, "Candidate Interviews", "finalist meetings in Phoenix - Ruiz, Vaughn", 3.0, "RVP-SRCH", "", -1),)),
    (d(2026, 4, 28), "Victor"): ((RS, "Client Meetings", "offer accepted - Laurel Pike; call w/ Walter", 0.8, "RVP-SRCH", "", -1),),
    (d(2026, 6, 1), "Victor"): ((RS, "Client Meetings", "day-one call w/ Laurel Pike (start date)", 0.5, "RVP-SRCH", "", -1),),
    (d(2026, 8, 31), "Victor"): trip(RS, "Travel", TO_NOGALES, 1.2, "RVP-SRCH", (
        (RS, "Client Meetings", "90-day check-in w/ Laurel Pike at Nogales plant", 1.5, "RVP-SRCH", "", -1),)),
    # ---- history: Pima ----
    (d(2026, 2, 2), "Naomi"): ((PA, "Reports & Debriefs", "kickoff w/ Gordon Ashby - assessment programme", 1.5, "PDH-ASMT", "", -1),),
    (d(2026, 4, 6), "Grant"): ((PC, "Coaching Sessions", "first team coaching session - senior team", 3.0, "PDH-COACH", "", 13 * H),),
    (d(2026, 6, 12), "Grant"): ((PC, "Coaching Sessions", "team coaching session - Q2 hrs reached, cap notice to Gordon", 2.0, "PDH-CAPX", "", 14 * H),),
    (d(2026, 5, 14), "Naomi"): trip(PA, "Travel", TO_MARANA, 0.7, "PDH-ASMT", (
        (PA, "Assessment Interviews", "assessment interview - Bernard Quist (Marana)", 3.0, "PDH-ASMT", "", -1),)),
    (d(2026, 10, 26), "Naomi"): ((BDP, "Scoping & Estimates", "Gordon asks for 3 more assessments - scoping", 1.0, "SBP-BD", "", -1),),
    # ---- history: Tumamoc ----
    (d(2026, 6, 8), "Keiko"): ((TS, "Committee Meetings", "letter signed - board search kickoff w/ Margaret Oduya", 1.5, "TDC-SRCH", "", -1),),
    (d(2026, 9, 18), "Keiko"): ((TS, "Committee Meetings", "hold letter from Margaret - pause the board search", 0.5, "TDC-HOLD", "", -1),),
    (d(2026, 10, 9), "Tobias"): ((TS, "Candidate Interviews", "candidate update call (search on hold)", 1.0, "TDC-HOLD", "", -1),),
    # ---- history: Catalina Federal ----
    (d(2026, 3, 24), "Rosalind"): ((CT, "Advisory", "March 20 h used - overage notice to Celeste", 0.3, "CFC-OVER", "", -1),),
    (d(2026, 8, 21), "Rosalind"): ((CT, "Advisory", "Aug allowance used - overage notice to Celeste", 0.3, "CFC-OVER", "", -1),),
    (d(2026, 9, 8), "Helena"): ((CL, "Larkspur", "Project Larkspur kickoff w/ Harold Benn", 2.0, "CFC-LARK", "", -1),),
    (d(2026, 9, 8), "Rosalind"): ((CL, "Larkspur", "Larkspur workplan + board interview list", 1.5, "CFC-LARK", "", -1),),
    # ---- the open month: Rincon ----
    (d(2026, 11, 3), "Victor"): ((RS, "Client Meetings", "5-month check-in call w/ Laurel Pike", 0.8, "RVP-SRCH", "guarantee", -1),),
    (d(2026, 11, 4), "Maya"): ((RS, "Client Meetings", "schedule 180-day check-in (Walter + Laurel)", 0.3, "RVP-SRCH", "guarantee", -1),),
    (d(2026, 11, 6), "Victor"): ((RS, "Client Meetings", "call w/ Walter Ibsen - Laurel Pike resigned, replacement search", 1.2, "RVP-GUAR", "guarantee", 11 * H),),
    (d(2026, 11, 6), "Amir"): ((RS, "Research & Sourcing", "pull first-slate cands for CFO replacement", 1.5, "RVP-GUAR", "guarantee", 14 * H),),
    (d(2026, 11, 9), "Victor"): ((RS, "Client Meetings", "CFO search - re-open plan for Walter", 1.0, "RVP-GUAR", "guarantee", -1),),
    (d(2026, 11, 9), "Tobias"): ((RS, "Research & Sourcing", "sourcing - research associate for SBP (found via CFO search)", 1.0, "SBP-RECRUIT", "same_word", -1),),
    (d(2026, 11, 10), "Lena"): ((RS, "Research & Sourcing", "scope VP Ops market map - est 35 h", 1.0, "SBP-BD", "estimate", -1),),
    (d(2026, 11, 12), "Lena"): ((RS, "Research & Sourcing", "VP Ops market map - started after Walter's email", 1.5, "RVP-MAP", "change_order", 15 * H + 30),),
    (d(2026, 11, 17), "Amir"): ((RR, "Candidate Interviews", "cand interview - Sonia Leclair (CFO replacement)", 1.5, "RVP-GUAR", "same_word", -1),),
    (d(2026, 11, 19), "Lena"): trip(RM, "Market Map", TO_NOGALES, 1.2, "RVP-MAP", (
        (RM, "Market Map", "VP Ops map - plant tour + role brief w/ Teresa", 2.0, "RVP-MAP", "change_order", -1),)),
    (d(2026, 11, 23), "Victor"): ((RR, "Client Meetings", "replacement search kick-off at Rincon (Tucson)", 2.0, "RVP-GUAR", "guarantee", 9 * H + 30),),
    (d(2026, 11, 23), "Amir"): ((RR, "Client Meetings", "replacement kick-off at Rincon - PS refresh", 2.0, "RVP-GUAR", "guarantee", 9 * H + 30),),
    (d(2026, 11, 24), "Amir"): ((RR, "Candidate Interviews", "candidate interviews all day - CFO replacement (5 cands)", 9.0, "RVP-GUAR", "over_hours", 8 * H),),
    # ---- the open month: Pima ----
    (d(2026, 11, 13), "Helena"): ((PA, "Reports & Debriefs", "A-1 amendment final for Dr. Vasquez signature", 0.8, "SBP-BD", "estimate", -1),),
    (d(2026, 11, 16), "Naomi"): ((PA, "Assessment Interviews", "A-1 signed - assessment kickoff Oyelaran + Castell", 1.0, "PDH-ASMT2", "change_order", -1),),
    (d(2026, 11, 16), "Helena"): ((PA, "Reports & Debriefs", "countersign A-1, note to Gordon Ashby", 0.3, "PDH-ASMT2", "change_order", -1),),
    (d(2026, 11, 18), "Naomi"): trip(PA, "Travel", TO_GV, 0.6, "PDH-ASMT", (
        (PA, "Reports & Debriefs", "feedback debrief w/ Yasmin Farrow (Green Valley)", 2.0, "PDH-ASMT", "same_word", -1),)),
    (d(2026, 11, 19), "Grant"): ((PC, "Coaching Sessions", "team coaching session - senior team (Q4 at 28.5 h)", 2.5, "PDH-COACH", "cap", 13 * H),),
    (d(2026, 11, 20), "Grant"): (
        (PC, "Coaching Prep", "Q4 coaching hrs 30 reached - cap notice to Gordon Ashby", 0.3, "PDH-CAPX", "cap", 9 * H),
        (PC, "Coaching Prep", "coaching prep - offsite module", 1.5, "PDH-CAPX", "cap", 10 * H)),
    (d(2026, 11, 24), "Grant"): trip(PC, "Coaching Sessions", TO_MARANA, 0.7, "SBP-TRAVEL", (
        (PC, "Coaching Sessions", "1:1 coaching - Raymond Kessler (Marana)", 1.5, "PDH-CAPX", "cap", -1),)),
    # ---- the open month: Tumamoc ----
    (d(2026, 11, 5), "Keiko"): ((TS, "Research & Sourcing", "board comp benchmark - scope per Margaret's email", 1.0, "TDC-HRLY", "written_request", 14 * H),),
    (d(2026, 11, 4), "Tobias"): ((TS, "Research & Sourcing", "peer land trust board data (search paused)", 1.5, "TDC-HOLD", "hold", -1),),
    (d(2026, 11, 10), "Victor"): ((TA, "Advisory", "chair advisory - ED review timeline w/ Margaret", 1.0, "TDC-PB", "cap", -1),),
    (d(2026, 11, 12), "Victor"): (
        (TA, "Advisory", "40 pro bono hrs used - notice to Margaret Oduya", 0.3, "TDC-ADV", "cap", 9 * H),
        (RS, "Client Meetings", "Walter's email - go on the VP Ops map; kickoff w/ Lena", 0.5, "RVP-MAP", "change_order", 15 * H + 20),
        (TA, "Advisory", "advisory call w/ Margaret - ED review process", 1.0, "TDC-ADV", "cap", 16 * H)),
    (d(2026, 11, 13), "Tobias"): ((TS, "Candidate Interviews", "keep-warm emails to board cands (on hold)", 1.0, "TDC-HOLD", "hold", -1),),
    (d(2026, 11, 16), "Keiko"): ((TS, "Committee Meetings", "board search restart - call w/ Margaret Oduya", 1.0, "TDC-SRCH", "hold", -1),),
    (d(2026, 11, 19), "Keiko"): ((TS, "Committee Meetings", "Governance Cttee - present board comp benchmark", 2.0, "TDC-HRLY", "written_request", 17 * H),),
    (d(2026, 11, 19), "Victor"): ((TS, "Committee Meetings", "Governance Cttee mtg - board search relaunch", 2.0, "TDC-SRCH", "hold", 17 * H),),
    # ---- the open month: Catalina Federal ----
    (d(2026, 11, 4), "Lena"): ((CT, "Comp Benchmarks", "CEO succession - external benchmark (CU CEOs)", 2.0, "CFC-LARK", "confidential", -1),),
    (d(2026, 11, 17), "Naomi"): ((CT, "Advisory", "assessment - internal cand for Ruth Abernathy's role", 2.5, "CFC-LARK", "confidential", -1),),
    (d(2026, 11, 2), "Rosalind"): ((CT, "Advisory", "monthly talent review w/ Celeste (Oct)", 2.0, "CFC-RET", "plain", -1),),
    (d(2026, 11, 10), "Keiko"): ((CT, "Comp Benchmarks", "comp benchmark - branch manager + assistant mgr roles", 2.5, "CFC-RET", "plain", -1),),
    (d(2026, 11, 13), "Rosalind"): ((CT, "Advisory", "org design workshop w/ Celeste's leadership team", 3.0, "CFC-RET", "plain", 9 * H),),
    (d(2026, 11, 17), "Keiko"): ((CT, "Hiring Support", "interview guide - VP Lending", 1.5, "CFC-RET", "plain", -1),),
    (d(2026, 11, 18), "Rosalind"): ((CT, "Advisory", "Nov 20 h used - overage notice to Celeste", 0.3, "CFC-OVER", "overage", -1),),
    (d(2026, 11, 20), "Keiko"): ((CT, "Hiring Support", "recruiting - interview panel for CU branch mgr (Celeste's hire)", 1.5, "CFC-OVER", "same_word", -1),),
    (d(2026, 11, 25), "Rosalind"): ((CT, "Advisory", "Larkspur debrief w/ Harold Benn", 1.5, "CFC-LARK", "confidential", -1),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 11), "Amir"): (RR, "Candidate Interviews", "cand call - Kevin Aoki, CFO repl. (holiday)", 1.0, "RVP-GUAR"),
    (d(2026, 11, 27), "Lena"): (RM, "Market Map", "VP Ops map profiles (holiday, from home)", 2.0, "RVP-MAP"),
    (d(2026, 11, 27), "Carla"): (ADM, "Timesheets & Billing", "month-end invoices (holiday)", 2.0, "SBP-ADMIN"),
    (d(2026, 7, 3), "Carla"): (ADM, "Timesheets & Billing", "June invoices (holiday)", 1.5, "SBP-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Carla", d(2026, 11, 23)): "pto3", ("Javier", d(2026, 11, 30)): "sick",
               ("Ollie", d(2026, 11, 25)): "pto", ("Helena", d(2026, 11, 25)): "pto",
               ("Tobias", d(2026, 11, 20)): "sick"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("holiday", "Firm holiday", "Thanksgiving", "Veterans Day", ""),
}
LEAVE_CODE = {"pto": "SBP-PTO", "sick": "SBP-SICK", "hol": "SBP-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}
BUSY = ("Amir", "Victor", "Lena", "Naomi", "Grant", "Keiko", "Rosalind")


def scripted(sim: Sim, person: Person, day: date) -> float:
    spent = 0.0
    for project, task, note, hours, code, category, start in EVENTS.get((day, person.first), ()):
        text, cat = sim.decorate(note, person, category, False)
        tags = "Weekend" if day.weekday() >= 5 else "AfterHours" if start >= 18 * H else ""
        sim.add(person, day, hours, project, task, text, code, cat or "plain", tags=tags,
                start=start, scripted=True)  # fmt: skip
        spent += hours
    return spent


def leave_day(sim: Sim, person: Person, day: date, kind: str) -> None:
    rng = sim.rng
    if kind == "pto3":
        sim.add(person, day, 24.0, OFF, "PTO", "PTO Nov 23-25", "SBP-PTO", "leave", False,
                start=9 * H, scripted=True)  # fmt: skip
        return
    text = rng.choice(LEAVE_TEXT[kind])
    if kind == "hol" and text == "Thanksgiving" and day.month != 11:
        text = "holiday"
    sim.add(person, day, 8.0, OFF, LEAVE_TASK[kind], text, LEAVE_CODE[kind],
            "holiday" if kind == "hol" else "leave", False, start=9 * H)  # fmt: skip


def leave_plan(rng: Random) -> dict[tuple[str, date], str]:
    plan: dict[tuple[str, date], str] = {}
    days = [FIRST_DAY + timedelta(n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    workdays = [x for x in days if x.weekday() < 5 and x not in HOLIDAYS]
    for person in PEOPLE:
        for _ in range(rng.randint(3, 4)):
            i = rng.randrange(len(workdays) - 6)
            for x in workdays[i : i + rng.randint(1, 5)]:
                plan[(person.first, x)] = "pto"
        for _ in range(rng.randint(1, 3)):
            plan[(person.first, rng.choice(workdays))] = "sick"
    for key in list(plan):
        name, day = key
        busy = name in BUSY and d(2026, 11, 2) <= day <= d(2026, 11, 24)
        if (day, name) in EVENTS or busy:
            del plan[key]
    plan.update(FIXED_LEAVE)
    for n in (1, 2):  # Carla's one PTO entry covers three days
        plan[("Carla", d(2026, 11, 23) + timedelta(n))] = "covered"
    return plan


# --- the calendar -----------------------------------------------------------------------------


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times one after another from the morning (after the Monday meeting), a lunch break;
    entries with a fixed start keep it, the others skip past them."""
    rng = sim.rng
    now = 9 * H + 15 if day.weekday() == 0 else rng.choice((8 * H, 8 * H + 30, 9 * H))
    fixed = sorted(
        (e.start_min, e.start_min + round(e.hours * 60)) for e in entries if e.start_min >= 0
    )
    lunch = False
    for entry in entries:
        if entry.start_min < 0:
            if not lunch and now >= 12 * H:
                now += rng.choice((30, 45, 60))
                lunch = True
            length = round(entry.hours * 60)
            for a, b in fixed:
                if now < b and a < now + length:
                    now = b + 10
            entry.start_min = now
            now += length + rng.choice((0, 0, 5, 10))
        late = rng.random() < person.late
        entry.created = day + timedelta(rng.randint(1, 3) if late else 0)


def simulate_day(sim: Sim, person: Person, day: date, plan: dict[tuple[str, date], str]) -> None:
    rng = sim.rng
    first = len(sim.entries)
    kind = "hol" if day in HOLIDAYS else plan.get((person.first, day))
    if kind == "covered":
        return
    if kind:
        leave_day(sim, person, day, kind)
        work = HOLIDAY_WORK.get((day, person.first))
        if work:
            project, task, text, hours, code = work
            sim.add(person, day, hours, project, task, text, code, "holiday_work", start=19 * H,
                    scripted=True)  # fmt: skip
    elif day.weekday() >= 5:
        scripted(sim, person, day)
    else:
        spent = 0.0
        if day.weekday() == 0:
            note = rng.choice(
                ("pipeline meeting", "Monday pipeline mtg", "weekly pipeline review", "pipeline")
            )
            sim.add(
                person,
                day,
                0.8,
                MTG,
                "Pipeline Meeting",
                note,
                "SBP-MEET",
                "internal",
                start=8 * H + 30,
            )
            spent += 0.8
        if day.weekday() == 2 and day.day <= 7:
            sim.add(person, day, 1.0, MTG, "All-Hands", "all-hands", "SBP-MEET", "internal")
            spent += 1.0
        spent += scripted(sim, person, day)
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            low, high = act.hours
            if act.group in ("CFC", "TDCA"):  # allowance and advisory hours are few: short entries
                chunk = rng.uniform(low, high)
            elif high <= 1.5:  # small tasks
                chunk = rng.uniform(low, high * 1.5)
            else:
                chunk = rng.uniform(max(low * 2.5, 2.0), min(high * 2.2, 5.5))
            hours = min(max(round(chunk * 2) / 2, 0.5), round(target - spent, 1))
            spent += sim.work_entry(person, day, hours, act)
    clock(sim, person, day, sim.entries[first:])


def simulate(
    rng: Random, plan: dict[tuple[str, date], str], first: date, last: date, month: bool
) -> list[Entry]:
    sim = Sim(rng, month)
    day = first
    while day <= last:
        for person in PEOPLE:
            simulate_day(sim, person, day, plan)
        day += timedelta(1)
    return sim.entries


# --- the files --------------------------------------------------------------------------------


def clock_text(minute: int) -> str:
    hour, mins = divmod(minute % (24 * 60), 60)
    return f"{(hour % 12) or 12:02d}:{mins:02d}:00 {'AM' if hour < 12 else 'PM'}"


CLIENT_ORDER = {RVP_CLIENT: 1, PDH_CLIENT: 2, TDC_CLIENT: 3, CFC_CLIENT: 4}


def row(entry: Entry, history: bool) -> list[str]:
    client, _ = PROJECTS[entry.project]
    start = datetime(entry.day.year, entry.day.month, entry.day.day) + timedelta(
        minutes=entry.start_min
    )
    minutes = round(entry.hours * 60)
    end = start + timedelta(minutes=minutes)
    rate = entry.person.rate if entry.billable else 0
    invoiced = history and entry.billable and client != FIRM
    months = (entry.day.year - 2025) * 12 + entry.day.month
    invoice = f"INV-{2000 + months * 4 + CLIENT_ORDER.get(client, 0)}" if invoiced else ""
    created = entry.created or entry.day
    return [
        entry.project, client, entry.text, entry.task, entry.person.name, entry.person.group,
        entry.person.email, entry.tags, "Regular", "Yes" if entry.billable else "No",
        "Yes" if invoiced else "No", invoice, start.strftime("%m/%d/%Y"),
        clock_text(start.hour * 60 + start.minute), end.strftime("%m/%d/%Y"),
        clock_text(end.hour * 60 + end.minute), f"{minutes // 60:02d}:{minutes % 60:02d}:00",
        f"{entry.hours:.2f}", f"{rate:.2f}", f"{entry.hours * rate:.2f}", created.strftime("%m/%d/%Y"),
    ]  # fmt: skip


def order(entries: list[Entry]) -> list[Entry]:
    rank = {p.first: n for n, p in enumerate(PEOPLE)}
    return sorted(entries, key=lambda e: (e.day, e.start_min, rank[e.person.first]))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = parser.parse_args()
    rng = Random(SEED)
    plan = leave_plan(rng)
    year = simulate(rng, plan, FIRST_DAY, MONTH_START - timedelta(1), month=False)
    kept = [e for e in order(year) if e.scripted or rng.random() < HISTORY_SAMPLE]
    month = order(simulate(rng, plan, MONTH_START, LAST_DAY, month=True))
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(args.out / "history.csv", [*HEADER, LABEL], [[*row(e, True), e.code] for e in kept])
    write_csv(args.out / "month.csv", HEADER, [row(e, False) for e in month])
    seen = {e.text for e in kept}
    for e in month:  # "plain" means the exact note occurs in the history; else it is new
        if e.category in ("plain", "novel"):
            e.category = "plain" if e.text in seen else "novel"
    truth = [[str(n), e.code, e.category or "plain"] for n, e in enumerate(month, start=2)]
    write_csv(args.out / "month_truth.csv", ["line", "true_code", "category"], truth)
    counts = Counter(e.category or "plain" for e in month)
    print(f"history {len(kept)} rows, month {len(month)} rows;", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
