"""Generate the nineteenth demo firm's time entries: approved history and one open month.

Lanterna Language Partners, LLC (14 people, 13 of them logging here; a translation, localization
and multilingual content agency in Albuquerque, New Mexico) records time in Clockify against four
clients (see README.md next to this file; the agreements, change order, amendment, purchase
orders, notices, records of events and the firm policy are in ``sows/``). This script writes, in
Clockify's "Detailed report" CSV layout:

- ``history.csv``      Nov 3, 2025 - Oct 30, 2026, a sample of the approved entries, with the code
                       the account lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/nineteenth_firm/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20261119
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.155  # share of the year's approved entries kept in history.csv
DOMAIN = "lanterna.example"
LIMIT = 7.5  # firm policy §2.7

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "MQS-WORD", "MQS-LENG", "MQS-LQA", "MQS-RUSH", "MQS-TERM", "MQS-CO2", "MQS-WARR",
    "AVH-SET", "AVH-RND3", "AVH-INTC", "AVH-INTX",
    "RPL-CTA", "RPL-CTB", "RPL-DEPO", "RPL-HOLD",
    "BMF-TRAN", "BMF-DON", "BMF-DTP", "BMF-DTPX",
    "LAN-ADMIN", "LAN-BD", "LAN-TECH", "LAN-TRAIN", "LAN-RECRUIT", "LAN-MEET", "LAN-TRAVEL",
    "LAN-PTO", "LAN-HOL", "LAN-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 1, 19), d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7), d(2026, 10, 12),
    d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Mesa Quartz §10: signing; rush windows (request to delivery); the terminology project; CO-2;
# the warranty bug reports (inside / outside 30 days of the release)
MQS_SIGNED = d(2025, 11, 3)
RUSH_0316 = (d(2026, 3, 16), d(2026, 3, 18))
RUSH_1105 = (d(2026, 11, 5), d(2026, 11, 9))
RUSH_1119 = (d(2026, 11, 19), d(2026, 11, 24))
TERM_SIGNED, TERM_DELIVERED = d(2026, 8, 3), d(2026, 11, 13)
CO2_QUOTE, CO2_SIGNED, CO2_PROJECT = d(2026, 10, 28), d(2026, 11, 9), d(2026, 11, 10)
LB73A, LB74A, LB74B = d(2026, 8, 11), d(2026, 11, 4), d(2026, 11, 24)
# Ambrose Valley §7-8: purchase orders of the sets, third rounds, allowance notices
AVH_SIGNED, INT_START = d(2025, 12, 1), d(2026, 1, 5)
DS_PO = {"DS-01": d(2025, 12, 1), "DS-02": d(2026, 2, 9), "DS-03": d(2026, 5, 4),
         "DS-04": d(2026, 9, 14), "DS-05": d(2026, 11, 17)}  # fmt: skip
DS_DONE = {"DS-01": d(2026, 3, 6), "DS-02": d(2026, 6, 19), "DS-03": d(2026, 8, 7),
           "DS-04": d(2026, 11, 25), "DS-05": LAST_DAY}  # fmt: skip
DS_ROUND3 = {"DS-03": d(2026, 7, 20), "DS-04": d(2026, 11, 12)}
DS05_QUOTE = d(2026, 11, 5)
INT_NOTICES = (d(2026, 4, 22), d(2026, 11, 20))
# Ridgely & Poole §8: letter, depositions project, matter 2026-031, hold and release
RPL_SIGNED, RPL_DEPO_PROJECT, VU_ADDED = d(2026, 2, 2), d(2026, 3, 2), d(2026, 5, 11)
HOLD_FIRST, RELEASE = d(2026, 10, 16), d(2026, 11, 16)
DEPO_DAYS = (d(2026, 4, 14), d(2026, 6, 23), d(2026, 9, 29), d(2026, 11, 10), d(2026, 11, 18))
LEVEL_A = ("Rafael", "Hao")
# Bosque Museum §7: agreement, DTP work order, donation letter, NTE notice, Amendment 1
BMF_SIGNED, DTP_ORDER, DONATION = d(2026, 1, 12), d(2026, 6, 1), d(2026, 7, 6)
NTE_NOTICE, AMENDMENT_1 = d(2026, 11, 4), d(2026, 11, 18)


def term_code(day: date) -> str:
    """Mesa Quartz §5.2: termbase work is the fixed-fee project to its delivery, then per word."""
    return "MQS-TERM" if TERM_SIGNED <= day <= TERM_DELIVERED else "MQS-WORD"


def set_code(ds: str) -> Callable[[date], str]:
    """Ambrose Valley §2.3: a set's work is AVH-RND3 from its third round's return."""
    third = DS_ROUND3.get(ds)
    return lambda day: "AVH-RND3" if third is not None and day >= third else "AVH-SET"


def int_code(day: date) -> str:
    """Ambrose Valley §3.2: coordination is AVH-INTX from a notice to that month's end."""
    for notice in INT_NOTICES:
        if notice <= day and (day.year, day.month) == (notice.year, notice.month):
            return "AVH-INTX"
    return "AVH-INTC"


def vu_code(level: str) -> Callable[[date], str]:
    """Ridgely & Poole §4: the Vu Family Trust matter is RPL-HOLD from the hold letter to the day
    before the release letter."""
    return lambda day: "RPL-HOLD" if HOLD_FIRST <= day < RELEASE else level


def dtp_code(day: date) -> str:
    """Bosque Museum §4.2-4.3: DTP is BMF-DTPX from the NTE notice to the day before Amendment 1."""
    return "BMF-DTPX" if NTE_NOTICE <= day < AMENDMENT_1 else "BMF-DTP"


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    group: str  # Clockify user group
    rate: int  # standard Firm hourly rate
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
        plain = unicodedata.normalize("NFKD", f"{self.first}.{self.last}".lower().replace(" ", ""))
        return f"{plain.encode('ascii', 'ignore').decode()}@{DOMAIN}"


P = Person
PEOPLE = (
    P("Renata", "Quiroz", "Accounts", 150, {"RPL": 0.15, "BMF": 0.1, "NB": 0.35, "ADMIN": 0.2,
      "DON": 0.05}, terse=0.3, sloppy=0.05),
    P("Julian", "Achterberg", "Accounts", 140, {"MQS": 0.3, "AVH": 0.2, "NB": 0.3, "CO2": 0.6,
      "ADMIN": 0.1}, terse=0.25),
    P("Wes", "Tillery", "Project Management", 95, {"MQS": 0.8, "RUSH": 1.2, "RPL": 0.4,
      "VU": 0.3, "CO2": 0.6, "ADMIN": 0.05}, terse=0.35, typos=0.025),
    P("Noor", "Sabbagh", "Project Management", 95, {"AVH": 0.6, "INT": 0.5, "BMF": 0.2,
      "DON": 0.15, "NB": 0.05}, terse=0.3),
    P("Lucía", "Benavides", "Linguists", 80, {"MQS": 0.9, "RUSH": 1.0, "AVH": 0.5, "RPL": 0.4,
      "BMF": 0.2, "DON": 0.2, "TRAIN": 0.05}, terse=0.3, typos=0.03),
    P("Rafael", "Ortega", "Linguists", 115, {"MQS": 0.4, "RUSH": 0.9, "AVH": 0.3, "RPL": 0.7,
      "DON": 0.1, "TRAIN": 0.05}, terse=0.25, typos=0.015),
    P("Mei Lin", "Zhou", "Linguists", 80, {"MQS": 1.0, "RUSH": 1.0, "AVH": 0.5, "VU": 0.2,
      "TRAIN": 0.05}, terse=0.3, typos=0.03),
    P("Hao", "Chen", "Linguists", 115, {"MQS": 0.5, "RUSH": 0.9, "AVH": 0.2, "VU": 0.5,
      "TRAIN": 0.1}, terse=0.25, typos=0.02),
    P("Thu", "Nguyen", "Linguists", 80, {"MQS": 0.8, "RUSH": 1.0, "AVH": 0.4, "VU": 0.4,
      "DON": 0.4, "TRAIN": 0.05}, terse=0.3, typos=0.03, sloppy=0.1),
    P("Owen", "Pryce", "Production", 70, {"AVH": 0.6, "BMFD": 0.5, "RPL": 0.15, "VU": 0.1,
      "NB": 0.05}, terse=0.4, typos=0.03, sloppy=0.12),
    P("Sunil", "Raman", "Production", 125, {"MQS": 1.0, "RUSH": 0.9, "CO2": 0.4, "TECH": 0.4},
      terse=0.35, typos=0.025),
    P("Greta", "Vollmer", "Production", 90, {"TERM": 1.0, "AVH": 0.15, "TECH": 0.5, "CO2": 0.5,
      "TRAIN": 0.05}, terse=0.25),
    P("Paula", "Weiss", "Operations", 0, {"ADMIN": 0.8, "RECRUIT": 0.25}, terse=0.3,
      sloppy=0.03),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}
# November's pace: the allowance and the NTE run out in it (the notices are dated in it)
MONTH_PACE = {"INT": 2.0, "BMFD": 1.5, "CO2": 1.0}

# --- Clockify projects (sows/clockify_setup.md) -------------------------------------------------

MQS_CLIENT, AVH_CLIENT = "Mesa Quartz Software", "Ambrose Valley Health"
RPL_CLIENT, BMF_CLIENT = "Ridgely & Poole LLP", "Bosque Museum of Folk Art"
FIRM = "Lanterna"
ML, MT, MC = "MQS TallyPine Localization", "MQS Termbase Project", "MQS pt-BR & Korean (CO-2)"
AP, AI = "AVH Patient Materials", "AVH Interpreting Coordination"
RE, RD = "RPL Exhibit Translation", "RPL Depositions"
BT, BD, BX = "BMF Museum Translation", "BMF DTP", "BMF Threads Across Rivers"
ADM, BDP, TEC = "LAN Administration", "LAN Business Development", "LAN Language Technology"
TRN, REC, MTG, OFF = "LAN Training", "LAN Recruiting & Vendors", "LAN Firm Meetings", "LAN Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    ML: (MQS_CLIENT, {"Translation": N, "Review & QA": N, "Localization Engineering": Y,
                      "Linguistic Testing": Y, "Project Management": N}),
    MT: (MQS_CLIENT, {"Terminology": N}),
    MC: (MQS_CLIENT, {"Language Set-up": Y, "Project Management": Y}),
    AP: (AVH_CLIENT, {"Translation": N, "Client Review": N, "DTP": N, "Project Management": N}),
    AI: (AVH_CLIENT, {"Scheduling": N, "Reporting": N}),
    RE: (RPL_CLIENT, {"Certified Translation": Y, "Certification Review": Y, "Formatting": Y,
                      "Project Management": Y}),
    RD: (RPL_CLIENT, {"Interpreting": Y, "Prep": Y}),
    BT: (BMF_CLIENT, {"Translation": Y, "Project Management": Y}),
    BD: (BMF_CLIENT, {"DTP": Y}),
    BX: (BMF_CLIENT, {"Translation": N, "Review": N}),
    ADM: (FIRM, {"Admin": N, "Billing & Word Counts": N}),
    BDP: (FIRM, {"Quotes & Proposals": N, "Sample Translations": N}),
    TEC: (FIRM, {"CAT & TMS": N, "Termbases & TMs": N, "Licences": N}),
    TRN: (FIRM, {"Courses": N, "Certification Exams": N}),
    REC: (FIRM, {"Hiring": N, "Freelancer Onboarding": N}),
    MTG: (FIRM, {"Production Meeting": N, "All-Hands": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
OPENED = {ML: MQS_SIGNED, MT: TERM_SIGNED, MC: CO2_PROJECT, AP: AVH_SIGNED, AI: INT_START,
          RE: RPL_SIGNED, RD: RPL_DEPO_PROJECT, BT: BMF_SIGNED, BD: DTP_ORDER,
          BX: DONATION}  # fmt: skip
CLIENT_GROUPS = ("MQS", "RUSH", "TERM", "CO2", "AVH", "INT", "RPL", "VU", "BMF", "BMFD", "DON")
CLIENT_OF = {
    "MQS": "MQS", "RUSH": "MQS", "TERM": "MQS", "CO2": "MQS", "AVH": "AVH", "INT": "AVH",
    "RPL": "RPL", "VU": "RPL", "BMF": "BMF", "BMFD": "BMF", "DON": "BMF",
}  # fmt: skip
MARKERS = {
    "MQS": ("Mesa Quartz", "MQS", "TallyPine"),
    "AVH": ("Ambrose Valley", "AVH", "Ambrose"),
    "RPL": ("Ridgely & Poole", "RPL", "Ridgely"),
    "BMF": ("Bosque Museum", "BMF", "museum"),
}
HOME = {"MQS": ML, "AVH": AP, "RPL": RE, "BMF": BT}

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
        return not self.who or person.first.split()[0] in self.who.split()


A = Activity
YEAR = ((FIRST_DAY, LAST_DAY),)


def W(first: date, last: date) -> tuple[Window, ...]:  # one date window
    return ((first, last),)


AVH_WHO = "Noor Lucía Rafael Mei Thu Hao Owen Greta"
ACTIVITIES: tuple[Activity, ...] = (
    # ---- Mesa Quartz: per-word jobs, engineering, testing, termbase, CO-2, warranty ----
    A("mqs_word", "MQS", ML, ("Translation", "Review & QA"), (
        "{job} UI strings {lang} - translation", "{job} help articles {lang} - TEP",
        "review {job} {lang} (editing + proofreading)", "Xbench QA - {job} {lang}",
        "MT post-editing {job} {lang}", "queries to Dana re {job} strings",
        "release notes {lang} - {job}", "apply client feedback {job} {lang}",
    ), "MQS-WORD", YEAR, who="Lucía Rafael Mei Lin Hao Thu Wes", weight=5.0, hours=(1.0, 3.0),
      category="same_word", novel=("{job} {lang} - TM leverage check + PE of fuzzy matches",)),
    A("mqs_pm", "MQS", ML, ("Project Management",), (
        "{job} handoff - word counts + FL assignment", "{job} PM - deadlines w/ Kiran",
        "{job} delivery to Mesa Quartz TMS", "{job} FL check-in ({fl})",
    ), "MQS-WORD", YEAR, who="Wes Julian", weight=3.0, hours=(0.5, 1.5), category="same_word"),
    A("mqs_leng", "MQS", ML, ("Localization Engineering",), (
        "{job} XLIFF prep + placeholder check", "pseudo-localization build - TallyPine {rel}",
        "fix broken tags in strings_{loc}.json", "screenshot automation - {rel} build",
        "repo connector sync - TallyPine", "localized build check {rel} (Android)",
    ), "MQS-LENG", YEAR, who="Sunil Wes", weight=4.0, hours=(1.0, 3.0)),
    A("mqs_lqa", "MQS", ML, ("Linguistic Testing",), (
        "LQA in build {rel} - {lang} truncations", "linguistic testing {rel} iOS - {lang}",
        "in-context review {rel} screenshots {lang}", "log LQA issues {rel} {lang}",
    ), "MQS-LQA", YEAR, who="Lucía Mei Lin Thu Hao Rafael Sunil", weight=2.5, hours=(1.0, 3.0),
      category="same_word", novel=("LQA {rel} - RTL/CJK line-break issues in invoices screen",)),
    A("mqs_term", "TERM", MT, ("Terminology",), (
        "TallyPine termbase - term extraction", "termbase {lang} equivalents + definitions",
        "glossary draft {lang} - accounting terms", "term review call w/ Dana (termbase)",
        "termbase import to memoQ - TallyPine", "forbidden terms list - TallyPine TB",
    ), term_code, W(TERM_SIGNED, LAST_DAY), who="Greta Lucía Mei Lin Thu", weight=4.0,
      hours=(1.0, 3.0), category="same_word",
      novel=("TB update: new 7.5 terms (payroll) {lang}",)),
    A("mqs_rush1", "RUSH", ML, ("Translation", "Review & QA", "Localization Engineering"), (
        "TP-1105 hotfix strings {lang}", "TP-1105 review {lang}", "TP-1105 build check",
        "TP-1105 payroll tax strings - QA", "TP-1105 PM + delivery",
    ), "MQS-RUSH", W(*RUSH_1105), who="Lucía Rafael Mei Lin Hao Thu Wes Sunil", weight=5.0,
      hours=(1.0, 3.0), category="rush"),
    A("mqs_rush2", "RUSH", ML, ("Translation", "Review & QA", "Localization Engineering"), (
        "TP-1119 1099/W-2 screens {lang}", "TP-1119 review {lang}", "TP-1119 year-end forms QA",
        "TP-1119 build + screenshots", "TP-1119 PM - FL split + delivery",
    ), "MQS-RUSH", W(*RUSH_1119), who="Lucía Rafael Mei Lin Hao Thu Wes Sunil", weight=5.0,
      hours=(1.0, 3.0), category="rush"),
    A("mqs_warr", "MQS", ML, ("Linguistic Testing", "Translation"), (
        "LB-7.4-A fixes {lang}", "fix reported 7.4 issues (LB-7.4-A) {lang}",
        "LB-7.4-A - rebuild + verify fixes", "7.4 bug batch A - {lang} corrections",
    ), "MQS-WARR", W(LB74A, LAST_DAY), who="Lucía Mei Lin Thu Sunil Hao", weight=3.0,
      hours=(0.5, 2.0), category="warranty"),
    A("mqs_warr73", "MQS", ML, ("Linguistic Testing",), (
        "LB-7.3-A fixes {lang}", "7.3 reported issues - corrections {lang}",
    ), "MQS-WARR", W(LB73A, d(2026, 8, 28)), who="Lucía Mei Lin Thu Sunil", weight=3.0,
      hours=(0.5, 2.0)),
    A("mqs_lb74b", "MQS", ML, ("Linguistic Testing",), (
        "LB-7.4-B fixes {lang}", "7.4 bug batch B - corrections {lang}",
    ), "MQS-LQA", W(LB74B, LAST_DAY), who="Lucía Mei Lin Thu Sunil", weight=4.0,
      hours=(0.5, 2.0), category="warranty"),
    A("mqs_co2", "CO2", MC, ("Language Set-up", "Project Management"), (
        "pt-BR TM seeding + alignment", "Korean style guide draft", "KO QA profile in Xbench",
        "termbase extension pt-BR/KO", "new-language FL test review ({nfl})",
        "onboard KO freelancers (NDA, rates)",
        "CO-2 PM - pt-BR + KO kickoff",
    ), "MQS-CO2", W(CO2_SIGNED, LAST_DAY), who="Julian Wes Greta Sunil", weight=5.0,
      hours=(1.0, 2.5), category="change_order",
      novel=("KO font fallback test in TallyPine build",)),
    A("mqs_co2_quote", "NB", ML, ("Project Management",), (
        "quote pt-BR + Korean for Dana", "pt-BR/KO word counts for quote",
        "CO-2 draft (pt-BR, KO)", "sample translation pt-BR for Mesa Quartz",
    ), "LAN-BD", W(CO2_QUOTE, d(2026, 11, 8)), who="Julian Wes", weight=5.0, hours=(0.5, 1.5),
      category="estimate"),
    # ---- Ambrose Valley: document sets (fixed fee, rounds), interpreting coordination ----
    A("avh_ds01", "AVH", AP, ("Translation", "Client Review", "DTP", "Project Management"), (
        "DS-01 discharge forms {lang}", "DS-01 review round comments {lang}",
        "DS-01 layout {lang}", "DS-01 glossary {lang}",
    ), "AVH-SET", W(DS_PO["DS-01"], DS_DONE["DS-01"]), who=AVH_WHO, weight=4.0, hours=(1.0, 3.0)),
    A("avh_ds02", "AVH", AP, ("Translation", "Client Review", "DTP", "Project Management"), (
        "DS-02 maternity booklets {lang}", "DS-02 round 2 changes {lang}", "DS-02 DTP booklet {n}",
        "DS-02 newborn care - review {lang}",
    ), "AVH-SET", W(DS_PO["DS-02"], DS_DONE["DS-02"]), who=AVH_WHO, weight=4.0, hours=(1.0, 3.0)),
    A("avh_ds03", "AVH", AP, ("Translation", "Client Review", "DTP", "Project Management"), (
        "DS-03 cardiology guides {lang}", "DS-03 review round {lang}", "DS-03 layout guide {n}",
        "DS-03 comments from Marisol {lang}",
    ), set_code("DS-03"), W(DS_PO["DS-03"], DS_DONE["DS-03"]), who=AVH_WHO, weight=4.0, hours=(1.0, 3.0)),
    A("avh_ds04", "AVH", AP, ("Translation", "Client Review", "DTP", "Project Management"), (
        "DS-04 diabetes handouts {lang}", "DS-04 round comments {lang} - changes",
        "DS-04 re-layout handout {n}", "DS-04 review {lang}", "DS-04 final PDFs {lang}",
        "DS-04 formatting - booklet {lang}",
    ), set_code("DS-04"), W(DS_PO["DS-04"], DS_DONE["DS-04"]), who=AVH_WHO, weight=5.0, hours=(1.0, 3.0),
      category="round", novel=("DS-04 insulin handout - reviewer's terminology {lang}",)),
    A("avh_ds05", "AVH", AP, ("Translation", "Project Management", "DTP"), (
        "DS-05 intake forms {lang}", "DS-05 file prep + word count", "DS-05 forms layout {lang}",
        "DS-05 glossary - behavioral health {lang}",
    ), "AVH-SET", W(DS_PO["DS-05"], LAST_DAY), who=AVH_WHO, weight=5.0, hours=(1.0, 2.5),
      category="change_order"),
    A("avh_ds05_quote", "NB", AP, ("Project Management",), (
        "quote - behavioral health intake set", "BH intake forms word count for quote",
        "sample translation BH intake form (ES)",
    ), "LAN-BD", W(DS05_QUOTE, DS_PO["DS-05"] - timedelta(1)), who="Noor Julian Lucía",
      weight=5.0, hours=(0.5, 1.5), category="estimate"),
    A("avh_int", "INT", AI, ("Scheduling", "Reporting"), (
        "interpreter scheduling - {ilang} appts", "confirm interpreters for week of {wk}",
        "cancellations + rebooking ({ilang})", "interpreter credential check ({fl})",
        "{prev} interpreting usage report", "discharge interpreter requests - 4 West",
    ), int_code, W(INT_START, LAST_DAY), who="Noor", weight=3.0, hours=(0.5, 2.0),
      category="allowance", novel=("Navajo interpreter for Los Lunas clinic - sourcing",)),
    # ---- Ridgely & Poole: exhibits by level, holds; depositions are scripted events ----
    A("rpl_del_a", "RPL", RE, ("Certified Translation", "Certification Review"), (
        "Delgado exhibits - translation ES (Ex. {n})", "cert review Delgado Ex. {n}",
        "certificate of accuracy - Delgado Ex. {n}", "Delgado: payroll records ES>EN",
        "depo prep - Delgado glossary (trucking terms)",
    ), "RPL-CTA", W(RPL_SIGNED, LAST_DAY), who="Rafael", weight=4.0, hours=(1.0, 3.0),
      category="same_word"),
    A("rpl_del_b", "RPL", RE, ("Certified Translation", "Formatting", "Project Management"), (
        "Delgado exhibits - translation ES (Ex. {n})", "format certified Delgado Ex. {n} (Bates)",
        "Delgado text messages ES>EN", "exhibit glossary - Delgado", "Delgado - notary run",
        "Delgado exhibit log + PM",
    ), "RPL-CTB", W(RPL_SIGNED, LAST_DAY), who="Lucía Owen Wes", weight=3.0, hours=(1.0, 3.0),
      category="same_word"),
    A("rpl_vu_a", "VU", RE, ("Certified Translation", "Certification Review"), (
        "Vu Family Trust - cert review ZH contracts", "2026-031 Ex. {n} ZH>EN",
        "certificate of accuracy - Vu Ex. {n}", "Vu matter - Chinese bank letters",
    ), vu_code("RPL-CTA"), W(VU_ADDED, LAST_DAY), who="Hao", weight=4.0, hours=(1.0, 3.0),
      category="hold"),
    A("rpl_vu_b", "VU", RE, ("Certified Translation", "Formatting", "Project Management"), (
        "Vu Family Trust - VI letters translation", "2026-031 Ex. {n} VI>EN",
        "format Vu exhibits (Bates, stamps)", "Vu matter - exhibit log", "Vu Trust emails - draft translation",
    ), vu_code("RPL-CTB"), W(VU_ADDED, LAST_DAY), who="Thu Mei Lin Owen Wes", weight=3.0,
      hours=(1.0, 3.0), category="hold"),
    # ---- Bosque Museum: nonprofit rate, the donated exhibition, DTP under the NTE ----
    A("bmf_tran", "BMF", BT, ("Translation", "Project Management"), (
        "museum website - collection pages ES", "family activity sheets ES/VI",
        "newsletter {prev} - ES", "grant summary ES (NEA)", "audio guide script - permanent collection",
        "review gallery guide ES",
    ), "BMF-TRAN", W(BMF_SIGNED, LAST_DAY), who="Lucía Rafael Thu Noor Renata", weight=3.0,
      hours=(1.0, 2.5)),
    A("bmf_don", "DON", BX, ("Translation", "Review"), (
        "Threads Across Rivers - object labels {xlang}", "Threads catalogue essay {xlang}",
        "exhibition wall text {xlang} - review", "Threads audio guide {xlang}",
        "Threads glossary (weaving terms) {xlang}",
    ), "BMF-DON", W(DONATION, LAST_DAY), who="Lucía Rafael Thu Noor", weight=4.0,
      hours=(1.0, 3.0), category="same_word"),
    A("bmf_dtp", "BMFD", BD, ("DTP",), (
        "Threads labels layout {xlang}", "catalogue pages DTP - Threads", "bilingual panels DTP",
        "gallery guide layout ES/EN", "diacritics check VI labels (InDesign)",
        "print-ready PDFs - Threads panels",
    ), dtp_code, W(DTP_ORDER, LAST_DAY), who="Owen", weight=4.0, hours=(1.0, 3.0),
      category="cap", novel=("exhibition map DTP - bilingual",)),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin",), (
        "timesheets", "expense report", "1:1 w/ Renata", "laptop update", "Clockify cleanup",
        "performance review self-assessment", "HR paperwork",
    ), "LAN-ADMIN", YEAR, weight=1.0, hours=(0.3, 1.2), category="same_word"),
    A("billing", "ADMIN", ADM, ("Billing & Word Counts",), (
        "{prev} invoices", "word-count reports for per-word invoices", "AR follow-up",
        "QuickBooks reconciliation", "approve timesheets", "NTE balance report - museum",
    ), "LAN-ADMIN", YEAR, who="Paula", weight=6.0, hours=(1.0, 3.5), category="same_word"),
    A("nb", "NB", BDP, ("Quotes & Proposals", "Sample Translations"), (
        "RFP - county language access services", "quote - UNM Hospital consent forms",
        "sample translation for prospect (ZH)", "proposal - Sandia Labs tech docs",
        "capabilities deck refresh", "marketing brochure DTP (ours)",
    ), "LAN-BD", YEAR, who="Renata Julian Noor Owen", weight=2.0, category="same_word",
      novel=("quote - Santa Fe Opera surtitles (ES)",)),
    A("tech", "TECH", TEC, ("CAT & TMS", "Termbases & TMs", "Licences"), (
        "memoQ server update", "TM cleanup - legal ES", "firm termbase maintenance (medical)",
        "Trados licence renewal", "QA profile update (Xbench)", "MT engine settings - DeepL glossary",
    ), "LAN-TECH", YEAR, who="Sunil Greta", weight=1.0, hours=(0.5, 2.0), category="same_word"),
    A("train", "TRAIN", TRN, ("Courses", "Certification Exams"), (
        "ATA certification exam prep", "court interpreter CE webinar",
        "memoQ advanced training", "ATA practice test", "mentoring junior linguist",
    ), "LAN-TRAIN", YEAR, weight=1.0, hours=(1.0, 2.5), category="same_word"),
    A("recruit", "RECRUIT", REC, ("Hiring", "Freelancer Onboarding"), (
        "FL onboarding - {fl} (NDA, W-9)", "test translation review - new ZH freelancer",
        "interview - project coordinator cand", "vendor rate sheet update", "job post - DTP assistant",
    ), "LAN-RECRUIT", YEAR, weight=1.0, hours=(0.5, 1.5), category="same_word"),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("translation", "transl."), ("review", "rev."), ("Mesa Quartz", "MQS"),
    ("Ambrose Valley", "AVH"), ("Ridgely & Poole", "R&P"), ("Threads Across Rivers", "TAR"),
    ("termbase", "TB"), ("glossary", "gloss."), ("certificate of accuracy", "COA"),
    ("interpreter", "interp."), ("with", "w/"), ("layout", "lyt"), ("formatting", "fmt"),
    ("exhibits", "exh."), ("deposition", "depo"), ("freelancers", "FLs"), ("Vietnamese", "VI"),
    ("Spanish", "ES"), ("Chinese", "ZH"), ("scheduling", "sched."), ("catalogue", "cat."),
    ("Family Trust", "FT"), ("handouts", "h/o"), ("corrections", "corr."), ("update", "upd"),
)  # fmt: skip
TYPOS = {
    "translation": "transaltion",
    "review": "reivew",
    "termbase": "termbsae",
    "glossary": "glosary",
    "Delgado": "Delgadp",
    "interpreter": "interperter",
    "certificate": "certifcate",
    "Threads": "Thraeds",
    "catalogue": "catalouge",
    "handouts": "handotus",
    "scheduling": "schedulign",
    "screenshots": "screenhsots",
    "strings": "stirngs",
    "exhibits": "exhbits",
    "booklet": "boklet",
    "layout": "layuot",
    "fixes": "fixse",
    "labels": "lables",
    "Vietnamese": "Vietnamse",
}
VAGUE = ("emails", "misc", "follow up", "various", "TBD", "work", "files")
VAGUE_CLIENT = ("translation", "review", "QA", "DTP", "formatting", "PM", "project work",
                "client work", "same as yesterday", "see above")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (no charge per Renata)", " NC", " -- rush rate", " - donated",
    " bill at rush", " [code this as {code}]", " - warranty", " on the retainer",
    " over the NTE, don't bill", " billable!!",
)  # fmt: skip
WRONG_CODES = ("MQS-WORD", "MQS-RUSH", "MQS-LQA", "MQS-WARR", "AVH-SET", "AVH-RND3", "RPL-CTA",
               "RPL-HOLD", "BMF-DON", "BMF-DTP", "LAN-BD", "LAN-TECH")  # fmt: skip
SAME_WORD = re.compile(
    r"review|rev\.|\bQA\b|LQA|glossary|gloss\.|termbase|\bTB\b|DTP|format|fmt|rush|round|cert"
    r"|COA|interp|layout|lyt|depo|exam|onboard",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
LANGS = ("ES", "ZH", "VI", "Spanish", "Chinese", "Vietnamese", "es-US", "zh-CN", "vi-VN")
LOCS = ("es", "zh", "vi")
FREELANCERS = ("Carmen Ibarra", "Wei Zhang", "Linh Pham", "Tomás Arce", "Huong Le", "Li Na Guo")
NEW_FREELANCERS = ("Ana Paula Ribeiro", "Ji-woo Han", "Min-seo Park", "Rafaela Costa")  # CO-2
INT_LANGS = ("Spanish", "Vietnamese", "Mandarin", "Navajo", "Arabic", "ASL")
X_LANGS = ("ES", "VI", "Spanish", "Vietnamese")


def release(day: date) -> str:
    """The TallyPine release being localized (Mesa Quartz §10)."""
    if day <= d(2026, 3, 27):
        return "7.2"
    if day <= d(2026, 7, 24):
        return "7.3"
    return "7.4" if day <= d(2026, 10, 23) else "7.5"


def job(day: date, rng: Random) -> str:
    """A per-word job number; never one the rush requests name (TP-0316, TP-1105, TP-1119)."""
    if day >= d(2026, 11, 16) and rng.random() < 0.6:
        return "TP-1116"
    first = day.replace(day=1) if day.day > 2 else (day.replace(day=1) - timedelta(1))
    return f"TP-{first.month:02d}{rng.choice((2, 9, 12, 23)):02d}"


SPANISH, CHINESE, VIETNAMESE = (
    ("ES", "Spanish", "es-US"),
    ("ZH", "Chinese", "zh-CN"),
    ("VI", "Vietnamese", "vi-VN"),
)
LANG_OF = {"Lucía": SPANISH, "Rafael": SPANISH, "Mei Lin": CHINESE, "Hao": CHINESE,
           "Thu": VIETNAMESE}  # fmt: skip


def fill(template: str, day: date, rng: Random, who: str = "") -> str:
    """The template with its blanks filled; a linguist's notes name their own language."""
    langs = LANG_OF.get(who, LANGS)
    prev = (day.replace(day=1) - timedelta(1)).strftime("%b")
    monday = day + timedelta(7 - day.weekday())
    return template.format(
        prev=prev, job=job(day, rng), lang=rng.choice(langs), loc=rng.choice(LOCS),
        fl=rng.choice(FREELANCERS), nfl=rng.choice(NEW_FREELANCERS), rel=release(day),
        n=rng.randint(2, 48), ilang=rng.choice(INT_LANGS), wk=f"{monday:%b} {monday.day}",
        xlang=rng.choice(langs if who in LANG_OF else X_LANGS),
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
        if rng.random() < 0.55 or project in (OFF, MTG):
            return ""
        low, tags = text.lower(), []
        for tag, words in (("Spanish", (" es", "spanish", "es-us", "es>", ">es", "es/")),
                           ("Chinese", (" zh", "chinese", "zh-cn", "zh>")),
                           ("Vietnamese", (" vi", "vietnamese", "vi-vn", "vi>", "/vi"))):  # fmt: skip
            if any(w in f" {low}" for w in words):
                tags.append(tag)
        if " fl " in f" {low} " or any(f.lower() in low for f in FREELANCERS + NEW_FREELANCERS):
            tags.append("Freelancer")
        if project == ML and ("tp-1105" in low or "tp-1119" in low or rng.random() < 0.05):
            tags.append("Rush")  # the author's guess; a few on jobs no rush request names
        if "onsite" in low or "santa fe" in low:
            tags.append("Onsite")
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "round":
            return "round" if code == "AVH-RND3" or day >= d(2026, 11, 9) else "same_word"
        if act.category == "allowance":
            return "allowance" if code == "AVH-INTX" or day >= d(2026, 11, 16) else "same_word"
        if act.category == "hold":
            return "hold" if code == "RPL-HOLD" or day <= d(2026, 11, 23) else "same_word"
        if act.key == "mqs_term":
            return "delivery" if day >= d(2026, 11, 10) else "same_word"
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "mqs_co2" and (day < CO2_PROJECT or rng.random() < 0.15):
            project = ML
        elif act.key in ("mqs_co2_quote", "avh_ds05_quote") and rng.random() < 0.5:
            project = BDP
        elif act.key == "bmf_don" and rng.random() < 0.1:
            project = BT
        elif act.key == "bmf_dtp" and day >= DONATION and rng.random() < 0.08:
            project = BX
        elif act.key == "rpl_del_a" and day >= RPL_DEPO_PROJECT and rng.random() < 0.15:
            project = RD
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.7 else rng.choice(act.tasks)
        if task not in tasks:
            task = {
                ML: "Project Management", BDP: "Quotes & Proposals", BT: "Translation",
                BX: "Review", RD: "Prep", MC: "Language Set-up",
            }.get(project, sorted(tasks)[0])  # fmt: skip
        return project, task

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> float:
        rng = self.rng
        code = act.code_on(day)
        novel = bool(act.novel) and self.month and rng.random() < 0.3
        text = fill(rng.choice(act.novel if novel else act.templates), day, rng, person.first)
        category = self.category_of(act, day, code)
        project, task = self.project_task(act, day)
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
                text, hours, code = self.mixed(text, hours, code, other, day, person.first)
                category = "mixed"
        tags = self.tags_for(project, text)
        text, category = self.decorate(text, person, category, novel)
        self.add(person, day, hours, project, task, text, code, category, None, tags)
        return hours

    def mixed(self, text: str, hours: float, code: str, other: Activity,
              day: date, who: str) -> tuple[str, float, str]:  # fmt: skip
        """Two activities in one entry: the most hours written decide, else the first written."""
        rng = self.rng
        second = fill(rng.choice(other.templates), day, rng, who)
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
        if HOLD_FIRST <= day < RELEASE and "VU" in groups:  # little work on a matter on hold
            groups["VU"] *= 0.35
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

TO_SF = ("travel ABQ to Santa Fe - Delgado depo", "travel Santa Fe to ABQ")
TO_SF_VU = ("travel Albuquerque to Santa Fe (Vu depo)", "drive back from Santa Fe")

EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history: Mesa Quartz ----
    (d(2025, 11, 3), "Julian"): ((ML, "Project Management", "MLSA signed - TallyPine kickoff w/ Dana Whitcomb", 1.5, "MQS-WORD", "", -1),),
    (d(2026, 3, 16), "Wes"): ((ML, "Project Management", "TP-0316 rush request from Dana - pricing page handoff", 1.0, "MQS-RUSH", "", 10 * H),),
    (d(2026, 3, 16), "Lucía"): ((ML, "Translation", "TP-0316 pricing page strings ES", 3.0, "MQS-RUSH", "", 11 * H),),
    (d(2026, 3, 17), "Mei Lin"): ((ML, "Translation", "TP-0316 pricing page ZH", 2.5, "MQS-RUSH", "", -1),),
    (d(2026, 3, 17), "Thu"): ((ML, "Translation", "TP-0316 pricing strings VI", 2.5, "MQS-RUSH", "", -1),),
    (d(2026, 3, 18), "Sunil"): ((ML, "Localization Engineering", "TP-0316 build check + delivery", 1.5, "MQS-RUSH", "", -1),),
    (d(2026, 3, 20), "Lucía"): ((ML, "Translation", "TP-0316 client feedback ES (after delivery)", 0.8, "MQS-WORD", "", -1),),
    (d(2026, 8, 3), "Greta"): ((MT, "Terminology", "SOW-T1 signed - termbase kickoff w/ Dana", 1.5, "MQS-TERM", "", -1),),
    (d(2026, 8, 11), "Sunil"): ((ML, "Linguistic Testing", "LB-7.3-A triage (14 issues from Dana)", 1.0, "MQS-WARR", "", -1),),
    (d(2026, 10, 28), "Julian"): ((BDP, "Quotes & Proposals", "Dana asks for pt-BR + KO - scoping the quote", 1.0, "LAN-BD", "", -1),),
    # ---- history: Ambrose Valley ----
    (d(2025, 12, 1), "Noor"): ((AP, "Project Management", "AVH kickoff - DS-01 discharge instructions w/ Marisol", 1.5, "AVH-SET", "", -1),),
    (d(2026, 1, 5), "Noor"): ((AI, "Scheduling", "interpreting coordination start - intake w/ Dr. Osei", 1.5, "AVH-INTC", "", -1),),
    (d(2026, 4, 22), "Noor"): ((AI, "Reporting", "April 25 h reached - allowance notice to Dr. Osei", 0.3, "AVH-INTX", "", -1),),
    (d(2026, 7, 20), "Noor"): ((AP, "Client Review", "DS-03 round 3 comments from Marisol - plan changes", 1.0, "AVH-RND3", "", -1),),
    (d(2026, 7, 21), "Owen"): ((AP, "DTP", "DS-03 round 3 re-layout guides 4-7", 3.0, "AVH-RND3", "", -1),),
    (d(2026, 9, 14), "Noor"): ((AP, "Project Management", "DS-04 PO received - diabetes set kickoff", 1.0, "AVH-SET", "", -1),),
    # ---- history: Ridgely & Poole ----
    (d(2026, 2, 2), "Renata"): ((RE, "Project Management", "R&P engagement signed - Delgado kickoff w/ Allison Poole", 1.0, "RPL-CTB", "", -1),),
    (d(2026, 4, 14), "Rafael"): (
        (RD, "Interpreting", "depo prep on the day - Delgado plaintiff", 1.0, "RPL-DEPO", "", 8 * H),
        (RD, "Interpreting", "deposition interpreting - Delgado plaintiff (ES)", 5.5, "RPL-DEPO", "", 9 * H + 15)),
    (d(2026, 6, 23), "Rafael"): ((RD, "Interpreting", "deposition - Delgado drivers (ES)", 7.0, "RPL-DEPO", "", 8 * H + 30),),
    (d(2026, 9, 29), "Thu"): (
        (RD, "Interpreting", TO_SF_VU[0], 1.2, "RPL-DEPO", "", 7 * H),
        (RD, "Interpreting", "depo interpreting - Mr. Vu Van Long (VI)", 5.0, "RPL-DEPO", "", 8 * H + 30),
        (RD, "Interpreting", TO_SF_VU[1], 1.2, "RPL-DEPO", "", 14 * H)),
    (d(2026, 10, 16), "Renata"): ((RE, "Project Management", "hold letter - Vu Family Trust, tell the team", 0.5, "RPL-HOLD", "", -1),),
    (d(2026, 10, 22), "Hao"): ((RE, "Certified Translation", "Vu matter - keep ZH files ready (on hold)", 1.0, "RPL-HOLD", "", -1),),
    (d(2026, 10, 21), "Rafael"): (
        (TRN, "Courses", "travel ABQ to Denver - ATA annual conference", 2.0, "LAN-TRAVEL", "", 7 * H),
        (TRN, "Courses", "ATA conference sessions - legal translation track", 4.5, "LAN-TRAIN", "", 12 * H)),
    # ---- history: Bosque Museum ----
    (d(2026, 1, 12), "Renata"): ((BT, "Project Management", "museum agreement signed - kickoff w/ Eleanor Whitehorse", 1.0, "BMF-TRAN", "", -1),),
    (d(2026, 6, 1), "Owen"): ((BD, "DTP", "museum DTP work order - kickoff w/ Jonah", 1.0, "BMF-DTP", "", -1),),
    (d(2026, 7, 6), "Renata"): ((BX, "Translation", "donation letter - Threads Across Rivers scope w/ Eleanor", 1.0, "BMF-DON", "", -1),),
    # ---- the open month: Mesa Quartz ----
    (d(2026, 11, 2), "Wes"): ((ML, "Project Management", "TP-1102 handoff - Kiran wants it ASAP (urgent)", 0.8, "MQS-WORD", "rush", -1),),
    (d(2026, 11, 4), "Sunil"): ((ML, "Linguistic Testing", "LB-7.4-A triage - 22 issues from Dana", 1.5, "MQS-WARR", "warranty", -1),),
    (d(2026, 11, 5), "Wes"): ((ML, "Project Management", "TP-1105 rush request from Dana - hotfix handoff", 1.0, "MQS-RUSH", "rush", 14 * H),),
    (d(2026, 11, 5), "Lucía"): ((ML, "Translation", "TP-1105 hotfix strings ES", 2.0, "MQS-RUSH", "rush", 15 * H + 15),),
    (d(2026, 11, 6), "Julian"): ((ML, "Project Management", "pt-BR + KO quote - final numbers for Dana", 1.0, "LAN-BD", "estimate", -1),),
    (d(2026, 11, 7), "Mei Lin"): ((ML, "Translation", "TP-1105 ZH strings (weekend)", 2.0, "MQS-RUSH", "rush", 10 * H),),
    (d(2026, 11, 9), "Julian"): ((ML, "Project Management", "CO-2 signed by Dana - pt-BR/KO kickoff", 1.0, "MQS-CO2", "change_order", 15 * H),),
    (d(2026, 11, 9), "Sunil"): ((ML, "Localization Engineering", "TP-1105 delivered - final build check", 1.5, "MQS-RUSH", "rush", -1),),
    (d(2026, 11, 10), "Hao"): ((ML, "Review & QA", "TP-1105 late feedback ZH (after delivery)", 1.0, "MQS-WORD", "rush", -1),),
    (d(2026, 11, 10), "Paula"): ((REC, "Freelancer Onboarding", "onboarding pt-BR freelancers for CO-2 - NDAs + rate sheets", 1.5, "MQS-CO2", "same_word", -1),),
    (d(2026, 11, 11), "Paula"): ((REC, "Freelancer Onboarding", "onboard new VI freelancer (Linh Pham) - NDA, W-9", 1.0, "LAN-RECRUIT", "same_word", -1),),
    (d(2026, 11, 12), "Greta"): ((MT, "Terminology", "termbase final checks before delivery", 3.0, "MQS-TERM", "delivery", -1),),
    (d(2026, 11, 13), "Greta"): ((MT, "Terminology", "termbase delivered to Mesa Quartz TMS", 2.0, "MQS-TERM", "delivery", -1),),
    (d(2026, 11, 16), "Greta"): ((MT, "Terminology", "termbase - add 7.5 payroll terms (after delivery)", 1.5, "MQS-WORD", "delivery", -1),),
    (d(2026, 11, 19), "Wes"): ((ML, "Project Management", "TP-1119 rush request (year-end forms) - FL split", 1.0, "MQS-RUSH", "rush", 10 * H),),
    (d(2026, 11, 20), "Thu"): (
        (ML, "Translation", "TP-1116 7.5 strings VI (not the rush one)", 2.0, "MQS-WORD", "rush", -1),
        (RE, "Certification Review", "certification review - Vu Ex. 22 VI", 1.5, "RPL-CTB", "same_word", -1)),
    (d(2026, 11, 24), "Sunil"): (
        (ML, "Localization Engineering", "TP-1119 delivery build + screenshots", 2.0, "MQS-RUSH", "rush", -1),
        (ML, "Linguistic Testing", "LB-7.4-B triage - 9 more issues in 7.4", 1.0, "MQS-LQA", "warranty", 15 * H)),
    (d(2026, 11, 25), "Lucía"): ((ML, "Translation", "TP-1119 ES feedback after delivery", 1.0, "MQS-WORD", "rush", -1),),
    # ---- the open month: Ambrose Valley ----
    (d(2026, 11, 2), "Noor"): ((AP, "Client Review", "DS-04 round 2 comments in - send to linguists", 0.8, "AVH-SET", "round", -1),),
    (d(2026, 11, 5), "Noor"): ((AP, "Project Management", "BH intake set - quote request from Marisol", 0.8, "LAN-BD", "estimate", -1),),
    (d(2026, 11, 12), "Noor"): ((AP, "Client Review", "DS-04 round 3 comments from Marisol - plan", 1.0, "AVH-RND3", "round", 11 * H),),
    (d(2026, 11, 13), "Owen"): ((AP, "DTP", "DS-04 round 3 re-layout handouts 2, 5", 2.5, "AVH-RND3", "round", -1),),
    (d(2026, 11, 17), "Noor"): ((AP, "Project Management", "DS-05 PO received - behavioral health kickoff", 1.0, "AVH-SET", "change_order", -1),),
    (d(2026, 11, 19), "Noor"): ((AI, "Scheduling", "Nov coordination at 24.5 h - interpreter scheduling", 1.0, "AVH-INTC", "allowance", -1),),
    (d(2026, 11, 20), "Noor"): ((AI, "Reporting", "Nov 25 h reached - allowance notice to Dr. Osei", 0.3, "AVH-INTX", "allowance", 9 * H),),
    (d(2026, 11, 25), "Owen"): ((AP, "DTP", "DS-04 final PDFs delivered", 1.5, "AVH-RND3", "round", -1),),
    # ---- the open month: Ridgely & Poole ----
    (d(2026, 11, 9), "Rafael"): ((RD, "Prep", "depo prep - Delgado glossary for tomorrow", 2.0, "RPL-CTA", "same_word", -1),),
    (d(2026, 11, 10), "Rafael"): ((RD, "Interpreting", "depo interpreting - Delgado dispatcher (full day)", 8.5, "RPL-DEPO", "over_hours", 8 * H),),
    (d(2026, 11, 10), "Lucía"): (
        (RD, "Prep", "depo prep w/ Rafael - dispatcher terms", 1.0, "RPL-DEPO", "interpreting", 8 * H),
        (RD, "Interpreting", "deposition - Delgado dispatcher, 2nd interpreter", 4.5, "RPL-DEPO", "interpreting", 9 * H + 15)),
    (d(2026, 11, 13), "Hao"): ((RE, "Certification Review", "Vu Trust ZH contracts - cert review (matter on hold)", 2.0, "RPL-HOLD", "hold", -1),),
    (d(2026, 11, 16), "Renata"): ((RE, "Project Management", "release letter - Vu Family Trust back on; restart plan", 0.8, "RPL-CTB", "hold", -1),),
    (d(2026, 11, 16), "Hao"): ((RE, "Certified Translation", "Vu matter Ex. 14-18 ZH>EN - restart", 3.0, "RPL-CTA", "hold", -1),),
    (d(2026, 11, 17), "Lucía"): ((RD, "Prep", "depo prep - safety manager glossary", 1.5, "RPL-CTB", "same_word", -1),),
    (d(2026, 11, 18), "Rafael"): (
        (RD, "Interpreting", TO_SF[0], 1.2, "RPL-DEPO", "interpreting", 7 * H),
        (RD, "Interpreting", "deposition - Delgado safety manager (ES)", 5.0, "RPL-DEPO", "interpreting", 8 * H + 30),
        (RD, "Interpreting", TO_SF[1], 1.2, "RPL-DEPO", "interpreting", 14 * H)),
    (d(2026, 11, 14), "Thu"): ((TRN, "Certification Exams", "ATA certification exam EN>VI (Saturday sitting)", 3.0, "LAN-TRAIN", "same_word", 9 * H),),
    (d(2026, 11, 20), "Wes"): (
        (RE, "Project Management", "travel ABQ to Santa Fe - pick up Delgado originals at court", 1.2, "LAN-TRAVEL", "travel", 8 * H),
        (RE, "Project Management", "travel back from Santa Fe (R&P originals)", 1.2, "LAN-TRAVEL", "travel", 11 * H)),
    # ---- the open month: Bosque Museum ----
    (d(2026, 11, 4), "Owen"): ((BD, "DTP", "Threads panels DTP (NTE reached today)", 2.5, "BMF-DTPX", "cap", -1),),
    (d(2026, 11, 9), "Renata"): ((BD, "DTP", "draft Amendment 1 - museum DTP NTE to $7,500", 0.8, "LAN-BD", "estimate", -1),),
    (d(2026, 11, 17), "Owen"): ((BD, "DTP", "catalogue pages DTP - Threads", 3.0, "BMF-DTPX", "cap", -1),),
    (d(2026, 11, 18), "Owen"): ((BD, "DTP", "Amendment 1 signed - catalogue DTP continues", 3.0, "BMF-DTP", "cap", -1),),
    (d(2026, 11, 19), "Thu"): ((BX, "Review", "Threads labels VI - final review", 2.0, "BMF-DON", "same_word", -1),),
    (d(2026, 11, 23), "Lucía"): ((BT, "Translation", "museum newsletter Dec - ES", 1.5, "BMF-TRAN", "plain", -1),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 27), "Wes"): (ML, "Project Management", "TP-1116 7.5 strings PM (holiday)", 1.5, "MQS-WORD"),
    (d(2026, 11, 27), "Thu"): (BX, "Translation", "Threads catalogue VI - last essay (holiday)", 2.5, "BMF-DON"),
    (d(2026, 11, 27), "Paula"): (ADM, "Billing & Word Counts", "month-end word counts (holiday)", 2.0, "LAN-ADMIN"),
    (d(2026, 7, 3), "Paula"): (ADM, "Billing & Word Counts", "June invoices (holiday)", 1.5, "LAN-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Paula", d(2026, 11, 23)): "pto3", ("Owen", d(2026, 11, 30)): "sick",
               ("Greta", d(2026, 11, 20)): "pto", ("Julian", d(2026, 11, 25)): "pto",
               ("Mei Lin", d(2026, 11, 12)): "sick"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("holiday", "Firm holiday", "Thanksgiving", "", ""),
}
LEAVE_CODE = {"pto": "LAN-PTO", "sick": "LAN-SICK", "hol": "LAN-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}
BUSY = ("Wes", "Lucía", "Rafael", "Sunil", "Noor", "Owen", "Thu", "Hao")


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
        sim.add(person, day, 24.0, OFF, "PTO", "PTO Nov 23-25", "LAN-PTO", "leave", False,
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
    for n in (1, 2):  # Paula's one PTO entry covers three days
        plan[("Paula", d(2026, 11, 23) + timedelta(n))] = "covered"
    return plan


# --- the calendar -----------------------------------------------------------------------------


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times one after another from the morning (after the Monday meeting), a lunch break;
    entries with a fixed start keep it, the others skip past them."""
    rng = sim.rng
    now = 9 * H + 30 if day.weekday() == 0 else rng.choice((8 * H, 8 * H + 30, 9 * H))
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
                ("production meeting", "Monday production mtg", "weekly job review", "prod mtg")
            )
            sim.add(person, day, 0.5, MTG, "Production Meeting", note, "LAN-MEET", "internal",
                    start=9 * H)  # fmt: skip
            spent += 0.5
        if day.weekday() == 3 and day.day <= 7:
            sim.add(person, day, 1.0, MTG, "All-Hands", "all-hands", "LAN-MEET", "internal")
            spent += 1.0
        spent += scripted(sim, person, day)
        if day in DEPO_DAYS and (day, person.first) in EVENTS:
            spent = 24.0  # an interpreter's deposition day is the day rate's alone (R&P §3.1)
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            low, high = act.hours
            if act.group in ("INT", "NB"):  # scheduling and quotes come in short entries
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


CLIENT_ORDER = {MQS_CLIENT: 1, AVH_CLIENT: 2, RPL_CLIENT: 3, BMF_CLIENT: 4}


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
    invoice = f"LLP-{3100 + months * 4 + CLIENT_ORDER.get(client, 0)}" if invoiced else ""
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
