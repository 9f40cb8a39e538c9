"""Generate the fourth demo firm's time entries: a year of approved history and one open month.

Whitford Lane Kessler LLP (16 people, a law firm in Milwaukee, Wisconsin) records time in
Clockify against four clients (see README.md next to this file; the engagement letters and
guidelines are in ``sows/``). This script writes, in Clockify's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       billing partner approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/fourth_firm/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20261208
FIRST_DAY = date(2025, 11, 1)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.22  # share of the year's approved entries kept in history.csv
DOMAIN = "whitfordlane.example"
FIRM = "Whitford Lane Kessler"

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the engagement letters and the firm policy define (sows/*.md code tables).
CODES = (
    "GSM-L100", "GSM-L200", "GSM-L300", "GSM-L400", "GSM-TRAVEL", "GSM-NOCHG",
    "COR-FLAT", "COR-HRLY", "COR-CLOSE",
    "PSL-ADVICE", "PSL-HBK", "PSL-TRAIN", "PSL-EEOC",
    "BWP-P1", "BWP-P2", "BWP-GEN",
    "WLK-ADMIN", "WLK-BD", "WLK-CLE", "WLK-PROBONO", "WLK-MGMT", "WLK-TRAVEL", "WLK-PTO",
    "WLK-HOL", "WLK-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


# --- dates from the engagement letters (sows/*.md) ---------------------------------------------

HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7), d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

GSM_PITCH = (d(2026, 2, 9), d(2026, 2, 10))
GSM_OPEN = d(2026, 2, 10)
GSM_ANSWER = (d(2026, 2, 10), d(2026, 3, 6))
GSM_MTD = (d(2026, 3, 23), d(2026, 6, 22))
GSM_RSRCH_1 = (d(2026, 4, 14), d(2026, 5, 15))  # approved: safe-place statute defenses
GSM_RSRCH_2 = d(2026, 11, 10)  # approved: statute of repose, borrowed servant (MSJ)
GSM_MSJ = (d(2026, 10, 19), LAST_DAY)
GSM_DISCOVERY = (d(2026, 6, 23), LAST_DAY)
GSM_BRANDT = d(2026, 11, 5)  # deposition in Green Bay; travel at 50%
GSM_NEW_RULES = d(2026, 11, 16)  # 2027 guidelines: travel and attorney depo summaries unpaid
GSM_PETRAKIS = d(2026, 11, 19)  # expert deposition in Chicago (travel Nov 18-19)

COR_PITCH = (d(2026, 5, 18), d(2026, 6, 14))
COR_OPEN = d(2026, 6, 15)
COR_LOI = d(2026, 7, 14)
COR_SPA_DRAFT = d(2026, 9, 8)
COR_SIGNING = d(2026, 11, 12)  # flat fee through Signing (inclusive), hourly after

PSL_HBK = d(2026, 9, 14)
PSL_CHARGE = d(2026, 11, 3)
PSL_SUPP = d(2026, 11, 9)  # supplemental letter: the charge is PSL-EEOC from this day
PSL_EEOC_PROJECT = d(2026, 11, 10)
PSL_TRAININGS = (d(2026, 3, 10), d(2026, 6, 9), d(2026, 11, 17))

BWP_PITCH = (d(2026, 8, 10), d(2026, 8, 21))
BWP_OPEN = d(2026, 8, 24)
BWP_GENERAL_PROJECT = d(2026, 9, 21)
BWP_MEMO = d(2026, 10, 30)
BWP_EARLY = d(2026, 11, 3)  # asked to start the NMLS record (still Phase 1)
BWP_STATES = d(2026, 11, 10)
BWP_PHASE2 = d(2026, 11, 18)
BWP_P2_TASK = d(2026, 11, 19)


def after(first_day_after: date, before: str, then: str) -> Callable[[date], str]:
    return lambda on: then if on >= first_day_after else before


cor_code = after(COR_SIGNING + timedelta(1), "COR-FLAT", "COR-CLOSE")
bwp_code = after(BWP_PHASE2, "BWP-P1", "BWP-P2")
psl_charge_code = after(PSL_SUPP, "PSL-ADVICE", "PSL-EEOC")
gsm_travel_code = after(GSM_NEW_RULES, "GSM-TRAVEL", "GSM-NOCHG")


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    group: str  # Clockify user group
    rate: int  # standard rate (0: no client rate)
    shares: dict[str, float]  # GSM COR PSL BWP CLER ADMIN BD CLE PRO MGMT -> share of the day
    terse: float = 0.2  # chance of abbreviating a note
    typos: float = 0.02
    sloppy: float = 0.08  # chance of flipping the billable default
    lawyer: bool = True
    start: date = FIRST_DAY  # joined the firm
    late: float = 0.2  # chance an entry is created on a later day
    pace: float = 1.0  # how long this person's entries run, relative to the activity's

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}@{DOMAIN}"


PEOPLE = (
    Person("Margaret", "Whitford", "Litigation", 495,
           {"GSM": 0.45, "MGMT": 0.2, "BD": 0.15, "ADMIN": 0.05, "CLE": 0.05, "PRO": 0.05,
            "PSL": 0.05}, terse=0.35, typos=0.01, sloppy=0.04),
    Person("Daniel", "Kessler", "Corporate", 525,
           {"COR": 0.5, "BD": 0.2, "MGMT": 0.15, "ADMIN": 0.05, "CLE": 0.05, "BWP": 0.05},
           terse=0.4, typos=0.02, sloppy=0.1),
    Person("Andrea", "Lane", "Employment", 465,
           {"PSL": 0.55, "BD": 0.2, "MGMT": 0.1, "ADMIN": 0.05, "CLE": 0.05, "COR": 0.05},
           terse=0.2, typos=0.01, sloppy=0.05),
    Person("Victor", "Osei", "Regulatory", 510,
           {"BWP": 0.45, "BD": 0.25, "MGMT": 0.15, "ADMIN": 0.05, "CLE": 0.1},
           terse=0.25, typos=0.015, sloppy=0.06),
    Person("Simon", "Bell", "Regulatory", 430,
           {"BWP": 0.6, "COR": 0.1, "BD": 0.1, "CLE": 0.1, "ADMIN": 0.05},
           terse=0.15, typos=0.02, sloppy=0.05),
    Person("Jonah", "Feldman", "Litigation", 375,
           {"GSM": 0.6, "PRO": 0.1, "PSL": 0.1, "CLE": 0.07, "ADMIN": 0.05, "BD": 0.05},
           terse=0.5, typos=0.03, sloppy=0.1),
    Person("Priscilla", "Tran", "Litigation", 295,
           {"GSM": 0.55, "PRO": 0.15, "PSL": 0.1, "CLE": 0.1, "ADMIN": 0.05},
           terse=0.3, typos=0.02, sloppy=0.08),
    Person("Ravi", "Menon", "Corporate", 395,
           {"COR": 0.6, "BWP": 0.15, "BD": 0.1, "CLE": 0.07, "ADMIN": 0.05},
           terse=0.45, typos=0.025, sloppy=0.12),
    Person("Caitlin", "Brooks", "Corporate", 305,
           {"COR": 0.7, "CLE": 0.1, "PRO": 0.1, "ADMIN": 0.05},
           terse=0.25, typos=0.03, sloppy=0.08),
    Person("Teresa", "Alvarado", "Employment", 325,
           {"PSL": 0.75, "CLE": 0.1, "PRO": 0.05, "ADMIN": 0.05},
           terse=0.3, typos=0.02, sloppy=0.06, start=d(2026, 3, 2)),
    Person("Eli", "Navarro", "Litigation", 150,
           {"GSM": 0.5, "PSL": 0.2, "CLE": 0.2, "ADMIN": 0.05},
           terse=0.15, typos=0.04, sloppy=0.1, start=d(2026, 9, 8)),
    Person("Dana", "Kowal", "Litigation", 185,
           {"GSM": 0.65, "CLER": 0.15, "ADMIN": 0.1, "PRO": 0.05},
           terse=0.4, typos=0.03, sloppy=0.06, lawyer=False),
    Person("Luis", "Ortega", "Corporate", 175,
           {"COR": 0.65, "CLER": 0.15, "ADMIN": 0.1, "BWP": 0.05},
           terse=0.35, typos=0.04, sloppy=0.1, lawyer=False),
    Person("Nell", "Pryor", "Employment", 165,
           {"PSL": 0.4, "BWP": 0.3, "CLER": 0.15, "ADMIN": 0.1},
           terse=0.25, typos=0.03, sloppy=0.08, lawyer=False),
    Person("Sheila", "Burke", "Staff", 0,
           {"CLER": 0.6, "ADMIN": 0.4},
           terse=0.4, typos=0.03, sloppy=0.03, lawyer=False, late=0.05, pace=1.8),
    Person("Gwen", "Tolliver", "Staff", 0,
           {"ADMIN": 0.75, "MGMT": 0.2, "BD": 0.05},
           terse=0.2, typos=0.01, sloppy=0.02, lawyer=False, late=0.05, pace=1.5),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}
PARTNERS = ("Margaret", "Daniel", "Andrea", "Victor")
INITIALS = {"Margaret": "MW", "Jonah": "JF", "Priscilla": "PT", "Daniel": "DK", "Ravi": "RM",
            "Andrea": "Andrea", "Eli": "Eli", "Dana": "Dana"}  # fmt: skip

# --- clients, projects and tasks (sows/tracker_setup.md) ---------------------------------------

GSM_P = "1042-003 Dominguez v. Halvorsen Crane"
COR_P = "1187-001 Corliss Sale to Ardent"
PSL_P, PSL_E = "1203-000 Pinewood Employment Retainer", "1203-004 Pinewood EEOC Charge (Reese)"
BWP_P, BWP_G = "1219-001 Brightwater Licensing", "1219-002 Brightwater General"
ADM, BDP, CLEP, PROP, MGT, OFF = (
    "WLK Administration", "WLK Business Development", "WLK CLE & Training", "WLK Pro Bono",
    "WLK Firm Management", "Time Off",
)  # fmt: skip

# project -> (client, {task: billable default}, opened)
PROJECTS: dict[str, tuple[str, dict[str, bool], date]] = {
    GSM_P: ("Granite Shield Mutual Insurance Co.", {
        "L100 Case Assessment": True, "L200 Pleadings & Motions": True, "L300 Discovery": True,
        "L400 Trial": True, "Travel": True}, GSM_OPEN),
    COR_P: ("Corliss Machine Works, Inc.", {
        "Due Diligence": False, "SPA & Ancillaries": False, "Disclosure Schedules": False,
        "Signing & Closing": False, "Leaseback": True, "Founder Agreements": True}, COR_OPEN),
    PSL_P: ("Pinewood Senior Living, Inc.", {
        "HR Advice": False, "Handbook": False, "Training": False}, FIRST_DAY),
    PSL_E: ("Pinewood Senior Living, Inc.", {
        "Investigation": True, "Position Statement": True, "Agency Communications": True},
        PSL_EEOC_PROJECT),
    BWP_P: ("Brightwater Pay, Inc.", {
        "Phase 1 Analysis": True, "Phase 2 Applications": True}, BWP_OPEN),
    BWP_G: ("Brightwater Pay, Inc.", {"General Advice": True}, BWP_GENERAL_PROJECT),
    ADM: (FIRM, {"Admin": False, "Billing": False, "Docketing": False}, FIRST_DAY),
    BDP: (FIRM, {"Proposals & Engagement Letters": False, "Conflicts": False,
                 "Marketing & Events": False}, FIRST_DAY),
    CLEP: (FIRM, {"CLE": False, "Training": False}, FIRST_DAY),
    PROP: (FIRM, {"Tenant Clinic": False, "Other Pro Bono": False}, FIRST_DAY),
    MGT: (FIRM, {"Partners & Committees": False, "Recruiting": False, "Firm Matters": False},
          FIRST_DAY),
    OFF: (FIRM, {"PTO": False, "Holiday": False, "Sick": False}, FIRST_DAY),
}  # fmt: skip
CLIENT_GROUPS = ("GSM", "COR", "PSL", "BWP")
GROUP_PROJECT = {"GSM": GSM_P, "COR": COR_P, "PSL": PSL_P, "BWP": BWP_P}
# What in a note says which client it is for (wrong-project entries keep or gain one).
MARKERS = {
    "GSM": ("Dominguez", "Halvorsen", "Granite Shield", "R. Castillo", "Brandt"),
    "COR": ("Corliss", "Ardent", "Pratt Holloway", "Ruth Corliss", "Corliss sale"),
    "PSL": ("Pinewood", "Janelle", "J. Ruiz", "Pinewood HR", "Reese"),
    "BWP": ("Brightwater", "Imogen Tate", "Ben Sato", "BWP", "Brightwater Pay"),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "community": ("Brookfield", "Wauwatosa", "Mequon", "Oak Creek", "Kenosha"),
    "role": (
        "CNA",
        "LPN",
        "med tech",
        "dietary aide",
        "night-shift RN",
        "housekeeper",
        "activities director",
        "maintenance tech",
        "memory-care aide",
    ),
    "dd": (
        "customer contracts",
        "supplier agreements",
        "IP and trade secrets",
        "environmental permits",
        "401(k) plan docs",
        "insurance policies",
        "ITAR registration",
        "equipment leases",
        "union history (none)",
    ),
    "spa": (
        "indemnification cap",
        "working capital peg",
        "escrow amount",
        "MAE definition",
        "fundamental reps survival",
        "non-compete scope",
        "R&W insurance retention",
        "purchase price adjustment",
    ),
    "ds": (
        "3.7 material contracts",
        "3.9 IP",
        "3.10 litigation",
        "3.12 employee benefits",
        "3.14 environmental",
        "3.16 customers and suppliers",
        "3.11 real property",
    ),
    "state": (
        "Illinois",
        "Indiana",
        "Iowa",
        "Michigan",
        "Minnesota",
        "Missouri",
        "Ohio",
        "Pennsylvania",
        "Wisconsin",
    ),
    "survey": (
        "Texas",
        "California",
        "New York",
        "Florida",
        "Georgia",
        "Colorado",
        "Arizona",
        "Washington",
        "Illinois",
        "Minnesota",
    ),
    "witness": ("Kyle Brandt", "Deb Luedtke", "Bart Halvorsen", "R. Pfeiffer (Lakeside super)"),
    "deposed": ("Deb Luedtke", "Luis Dominguez (plaintiff)", "R. Pfeiffer (Lakeside super)"),
    "records": (
        "medical records (Froedtert)",
        "wage records",
        "crane inspection logs",
        "load charts",
        "OSHA file",
        "LMI data download",
        "site photos",
    ),
    "prospect": (
        "Kettle Moraine Dairy Co-op",
        "Brew City Logistics",
        "Lakefront Dental Partners",
        "Menomonee Valley Fabricators",
        "Harbor Point Charter School",
        "Sheboygan Marine Supply",
    ),
    "course": (
        "State Bar ethics webinar",
        "WI employment law update",
        "ABA M&A program replay",
        "DRI trial tactics webinar",
        "money transmission regulatory update",
        "e-discovery basics",
        "Marquette Law CLE day",
        "Seventh Circuit update",
        "legal writing workshop",
    ),
    "tenant": ("D.M.", "K.J.", "A.R.", "T.W.", "L.S."),
    "n": ("1", "2", "3", "4"),
}


def month_name(day: date) -> str:
    return day.strftime("%B")


def fill(template: str, day: date, rng: Random) -> str:
    def slot(match: re.Match[str]) -> str:
        if match[1] == "month":
            return month_name(day)
        return rng.choice(SLOTS[match[1]])

    return re.sub(r"\{(\w+)\}", slot, template)


# --- activities -------------------------------------------------------------------------------

CodeFn = Callable[[date], str]


@dataclass(frozen=True)
class Activity:
    key: str
    group: str  # GSM COR PSL BWP CLER ADMIN BD CLE PRO MGMT
    code: str | CodeFn
    project: str
    tasks: tuple[str, ...]  # the Clockify tasks people choose (first = usual)
    templates: tuple[str, ...]
    novel: tuple[str, ...] = ()  # phrasings that appear only in the open month
    windows: tuple[tuple[date, date], ...] = ((FIRST_DAY, LAST_DAY),)
    who: str = ""  # space-separated first names; empty = anyone with the group
    weight: float = 1.0
    hours: tuple[float, float] = (0.8, 3.0)
    category: str = ""  # what makes it hard, whatever the text
    tags: tuple[str, ...] = ()  # UTBMS "task/activity" pairs for the Granite Shield matter

    def code_on(self, day: date) -> str:
        return self.code if isinstance(self.code, str) else self.code(day)

    def active(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.windows)

    def can(self, person: Person) -> bool:
        return not self.who or person.first in self.who.split()


A = Activity
W = lambda a, b: ((a, b),)  # noqa: E731  one date window

LIT = "Margaret Jonah Priscilla"
LIT_ALL = "Margaret Jonah Priscilla Dana"
DEAL = "Daniel Ravi Caitlin"
EMP = "Andrea Teresa"
REG = "Victor Simon"
L100, L200, L300 = "L100 Case Assessment", "L200 Pleadings & Motions", "L300 Discovery"
GSM_ALL = ((GSM_OPEN, LAST_DAY),)
MONTH = ((MONTH_START, LAST_DAY),)

ACTIVITIES: tuple[Activity, ...] = (
    # ---- Granite Shield Mutual: Dominguez v. Halvorsen Crane ----
    A("gsm_pitch", "BD", "WLK-BD", BDP, ("Conflicts", "Proposals & Engagement Letters"), (
        "conflicts check - Halvorsen Crane / Dominguez / Lakeside Builders",
        "review Granite Shield assignment letter and guidelines; acceptance ltr",
    ), windows=(GSM_PITCH,), who="Margaret Jonah", weight=4.0, hours=(0.5, 1.5)),
    A("gsm_facts", "GSM", "GSM-L100", GSM_P, (L100,), (
        "review incident report and OSHA citation file",
        "t/c w/ Deb Luedtke re crane inspection records",
        "review Halvorsen crane maintenance logs",
        "liability analysis - safe-place claim vs Lakeside",
        "review {records}",
        "t/c w/ Bart Halvorsen re rigging crew staffing",
        "damages evaluation - plaintiff's wage loss claim",
        "initial case analysis report to Granite Shield",
        "90-day status report to R. Castillo",
        "t/c w/ R. Castillo re case status",
        "t/c w/ defense crane expert (M. Haldane) re load chart",
    ), novel=(
        "mediation statement - outline liability section",
        "t/c w/ Judge Voss's office re mediation date",
        "90-day status report to carrier - MSJ and depo update",
        "settlement evaluation for R. Castillo (pre-mediation)",
        "review lien letter from plaintiff's health insurer",
    ), windows=GSM_ALL, who=LIT, weight=1.6, hours=(0.4, 2.5),
      tags=("L110/A104", "L120/A104", "L120/A106", "L130/A108", "L160/A103", "L120/A103")),
    A("gsm_answer", "GSM", "GSM-L200", GSM_P, (L200,), (
        "draft answer and affirmative defenses",
        "cross-claim against Lakeside Builders - draft",
        "rev/rev answer per MW comments",
        "review complaint and summons; calendar answer date analysis",
    ), windows=(GSM_ANSWER,), who=LIT, weight=3.0, hours=(1.0, 3.5),
      tags=("L210/A103", "L210/A104")),
    A("gsm_mtd", "GSM", "GSM-L200", GSM_P, (L200,), (
        "motion to dismiss safe-place claim - draft brief",
        "reply brief ISO motion to dismiss",
        "review plaintiff's opposition to MTD",
        "prepare for MTD hearing",
        "attend MTD hearing (Judge Kessling)",
        "scheduling conference - prep and attend",
    ), windows=(GSM_MTD,), who=LIT, weight=2.5, hours=(1.0, 4.0),
      tags=("L240/A103", "L240/A104", "L230/A109", "L250/A103")),
    A("gsm_msj", "GSM", "GSM-L200", GSM_P, (L200,), (
        "MSJ - outline statement of undisputed facts",
        "MSJ - review deposition excerpts for facts section",
    ), novel=(
        "draft MSJ brief - statute of repose section",
        "MSJ: borrowed-servant argument draft",
        "affidavit of Bart Halvorsen ISO MSJ",
        "rev/rev MSJ brief per MW comments",
        "proposed findings of fact for MSJ",
        "review cases cited in Lakeside's response to cross-claim",
        "t/c w/ R. Castillo re MSJ strategy and timing",
    ), windows=(GSM_MSJ,), who=LIT, weight=3.0, hours=(1.0, 4.0),
      tags=("L240/A103", "L240/A104", "L240/A106")),
    A("gsm_disc", "GSM", "GSM-L300", GSM_P, (L300,), (
        "draft responses to plaintiff's first RFPs",
        "answers to interrogatories - Halvorsen",
        "rev/rev rog answers w/ Bart Halvorsen's comments",
        "document production - crane logs and inspection records",
        "privilege log",
        "review plaintiff's production - {records}",
        "subpoena to Lakeside for site safety records",
        "meet and confer ltr re plaintiff's deficient rog responses",
        "second RFPs to plaintiff - employment records",
        "review Lakeside's document production",
        "t/c w/ Kevin Strand re deposition schedule",
    ), novel=(
        "supplemental privilege log - Luedtke emails",
        "third RFPs to plaintiff (vocational records)",
        "review plaintiff's supplemental rog answers",
        "t/c w/ Corrigan Daley re joint defense on Petrakis",
    ), windows=(GSM_DISCOVERY,), who=LIT_ALL, weight=3.0, hours=(0.8, 3.5),
      tags=("L310/A103", "L310/A104", "L320/A104", "L320/A103", "L310/A107")),
    A("gsm_depo", "GSM", "GSM-L300", GSM_P, (L300,), (
        "depo prep - {witness}",
        "prepare Kyle Brandt for deposition (meeting at Halvorsen)",
        "outline for Deb Luedtke deposition",
        "review Petrakis expert report",
        "expert disclosure - defense crane expert (Haldane)",
    ), windows=((d(2026, 9, 1), GSM_BRANDT - timedelta(1)),), who=LIT, weight=2.0,
      hours=(1.0, 3.5), tags=("L330/A101", "L330/A104", "L340/A104", "L340/A103", "L330/A106")),
    A("gsm_petrakis_prep", "GSM", "GSM-L300", GSM_P, (L300,), (), novel=(
        "outline for Petrakis depo - load calculation opinions",
        "Petrakis depo exhibits - pull prior testimony",
        "Petrakis depo - review her prior Daubert rulings",
    ), windows=((d(2026, 11, 2), GSM_PETRAKIS - timedelta(2)),), who=LIT, weight=1.5,
      hours=(1.0, 3.5), tags=("L340/A101", "L340/A104")),
    A("gsm_brandt_after", "GSM", "GSM-L300", GSM_P, (L300,), (), novel=(
        "review Brandt depo transcript for errata",
        "Brandt errata sheet - send to Kyle for signature",
    ), windows=((GSM_BRANDT + timedelta(4), LAST_DAY),), who=LIT, weight=0.6,
      hours=(0.5, 1.5), tags=("L330/A104", "L330/A106")),
    A("gsm_para_early", "GSM", "GSM-L100", GSM_P, (L100,), (
        "chronology of the incident from the OSHA file",
        "medical records chronology - plaintiff",
        "HIPAA authorizations and records requests to providers",
        "summarize Lakeside site safety plan",
    ), windows=((GSM_OPEN, d(2026, 8, 31)),), who="Dana", weight=2.0, hours=(1.0, 3.5),
      tags=("L110/A104", "L110/A108")),
    A("gsm_summary_para", "GSM", "GSM-L300", GSM_P, (L300,), (
        "deposition summary - {deposed}",
        "chart of deposition testimony by issue",
        "document review and coding - Lakeside production",
    ), novel=("depo summary - Kyle Brandt transcript", "Brandt depo - digest by topic"),
      windows=(GSM_DISCOVERY,), who="Dana", weight=2.0, hours=(1.5, 4.0),
      tags=("L330/A104", "L320/A104")),
    A("gsm_summary_atty", "GSM", after(GSM_NEW_RULES, "GSM-L300", "GSM-NOCHG"), GSM_P, (L300,),
      (), novel=(
        "depo summary - Brandt, for MW",
        "summary of Brandt deposition",
      ), windows=((d(2026, 11, 9), LAST_DAY),), who="Jonah Priscilla", weight=0.8,
      hours=(1.0, 3.0), category="guideline", tags=("L330/A104", "L330/A103")),
    A("gsm_summary_petrakis", "GSM", "GSM-NOCHG", GSM_P, (L300,), (), novel=(
        "summarize Petrakis depo testimony for MW",
        "depo summary - Petrakis, load chart testimony",
      ), windows=((GSM_PETRAKIS + timedelta(1), LAST_DAY),), who="Jonah Priscilla", weight=1.0,
      hours=(1.0, 3.0), category="guideline", tags=("L340/A104", "L340/A103")),
    A("gsm_research_ok", "GSM", "GSM-L200", GSM_P, (L200,), (
        "research safe-place statute - 'owner' of place of employment (approved 4/14)",
        "research Wis. Stat. 101.11 defenses for answer and MTD",
        "legal research - safe-place duty of equipment lessor",
    ), windows=(GSM_RSRCH_1,), who="Jonah Priscilla", weight=2.0, hours=(1.0, 3.0),
      tags=("L240/A102", "L210/A102")),
    A("gsm_research_msj", "GSM", after(GSM_RSRCH_2, "GSM-NOCHG", "GSM-L200"), GSM_P, (L200,),
      (), novel=(
        "research statute of repose, Wis. Stat. 893.89 - improvement to real property",
        "research borrowed-servant doctrine - Wisconsin cases",
        "legal research for MSJ: crane as improvement to realty",
        "research: loaned employee exclusivity under 102.29",
        "research 893.89 exceptions (owner/occupier)",
      ), windows=((d(2026, 11, 2), LAST_DAY),), who="Jonah Priscilla", weight=2.5,
      hours=(1.0, 3.0), category="research", tags=("L240/A102", "L240/A102")),
    A("gsm_research_no", "GSM", "GSM-NOCHG", GSM_P, (L300, L100, L200), (
        "research spoliation standard - crane LMI data",
        "research: collateral source rule, billed vs paid medicals",
        "legal research - admissibility of OSHA citation",
    ), novel=(
        "research: Daubert challenge to Petrakis under 907.02",
        "research recoverability of future medicals - Wisconsin",
    ), windows=((d(2026, 8, 3), LAST_DAY),), who="Jonah Priscilla", weight=0.6,
      hours=(0.8, 2.5), category="research", tags=("L350/A102", "L120/A102", "L340/A102")),
    A("gsm_oc", "GSM", "GSM-NOCHG", GSM_P, (L100, L300, L200), (
        "o/c w/ JF re discovery plan",
        "conference w/ MW re depo outline",
        "o/c w/ Dana re production and privilege log",
        "strategy meeting w/ MW and PT",
        "o/c w/ PT re rog answers",
    ), novel=(
        "o/c w/ MW re MSJ structure",
        "office conf w/ JF and PT re Petrakis depo plan",
        "met w/ Eli re research assignment",
    ), windows=GSM_ALL, who=LIT_ALL, weight=1.0, hours=(0.2, 0.8), category="guideline",
      tags=("L120/A105", "L330/A105", "L240/A105")),
    A("gsm_budget", "GSM", "GSM-NOCHG", GSM_P, (L100,), (
        "initial litigation budget by phase for Granite Shield",
        "re-budget request - L300 over cap",
        "update budget for R. Castillo",
    ), novel=(
        "L400 trial budget for 2027 - draft for carrier",
        "re-budget ltr to R. Castillo (discovery phase)",
    ), windows=((d(2026, 2, 16), d(2026, 3, 13)), (d(2026, 8, 10), d(2026, 8, 28)),
                (d(2026, 11, 16), LAST_DAY)),
      who="Margaret Jonah", weight=2.0, hours=(0.5, 2.0), category="same_word",
      tags=("L150/A103",)),
    A("gsm_clerk", "GSM", "GSM-NOCHG", GSM_P, (L200, L300, L100), (
        "cite-check MSJ draft",
        "research memo - borrowed-servant cases (for JF)",
        "pull Wisconsin crane safety regs (DSPS)",
        "summarize plaintiff's medical records for PT",
    ), novel=(
        "cite-check statute of repose section",
        "research 893.89 legislative history for PT",
        "table of authorities - MSJ brief",
    ), windows=((d(2026, 9, 8), LAST_DAY),), who="Eli", weight=3.0, hours=(1.0, 3.5),
      category="guideline", tags=("L240/A102", "L240/A103", "L110/A104")),
    # ---- Corliss Machine Works: sale to Ardent ----
    A("cor_pitch", "BD", "WLK-BD", BDP, ("Proposals & Engagement Letters", "Conflicts"), (
        "Corliss board pitch - sale process",
        "conflicts check - Ardent Capital and other bidders",
        "engagement letter - Corliss sale (flat fee)",
        "flat-fee proposal for Corliss - staffing estimate",
    ), windows=(COR_PITCH,), who="Daniel Ravi", weight=3.0, hours=(0.5, 2.0)),
    A("cor_early", "COR", "COR-FLAT", COR_P, ("SPA & Ancillaries", "Due Diligence"), (
        "review CIM (Lakeview) - comments to Anita Graf",
        "buyer NDA markup",
        "LOI comments - Ardent draft",
        "process letter review",
        "t/c w/ Ruth Corliss re LOI terms",
    ), windows=((COR_OPEN, COR_LOI),), who=DEAL, weight=3.0, hours=(0.8, 3.0)),
    A("cor_dd", "COR", "COR-FLAT", COR_P, ("Due Diligence",), (
        "due diligence responses - {dd}",
        "review Ardent's diligence request list",
        "diligence call w/ Pratt Holloway",
        "prepare data room responses - {dd}",
        "review Ardent's QoE questions w/ Greg Paulsen",
    ), novel=("supplemental diligence request - {dd}", "respond to Pratt Holloway diligence q's"),
      windows=((COR_LOI, COR_SIGNING),), who=DEAL + " Luis", weight=2.5, hours=(1.0, 3.5)),
    A("cor_spa", "COR", "COR-FLAT", COR_P, ("SPA & Ancillaries",), (
        "SPA redline - {spa}",
        "issues list for SPA",
        "t/c w/ Pratt Holloway re {spa}",
        "rev/rev SPA draft",
        "markup of Ardent's SPA turn",
        "o/c w/ RM re SPA issues list",
    ), novel=("final SPA turn - {spa}", "SPA - conform signing version"),
      windows=((COR_SPA_DRAFT, COR_SIGNING),), who=DEAL, weight=3.0, hours=(1.0, 4.0)),
    A("cor_ds", "COR", "COR-FLAT", COR_P, ("Disclosure Schedules",), (
        "draft disclosure schedules - {ds}",
        "DS call w/ Greg Paulsen",
        "rev/rev disclosure schedules",
        "DS - {ds} (Tom Corliss comments)",
    ), novel=("disclosure schedules - signing version",),
      windows=((COR_SPA_DRAFT, COR_SIGNING),), who="Ravi Caitlin Luis", weight=2.5,
      hours=(1.0, 3.5)),
    A("cor_anc", "COR", "COR-FLAT", COR_P, ("SPA & Ancillaries",), (
        "escrow agreement - comments",
        "transition services agreement draft",
        "restrictive covenant agreements - selling stockholders",
        "review R&W insurance binder",
    ), novel=("board and stockholder consents for signing", "signature pages and signing checklist"),
      windows=((d(2026, 10, 1), COR_SIGNING),), who=DEAL, weight=1.5, hours=(0.8, 3.0)),
    A("cor_generic", "COR", cor_code, COR_P, ("Signing & Closing", "SPA & Ancillaries"), (
        "closing checklist update",
        "t/c w/ Ruth Corliss re status",
        "call w/ Anita Graf (Lakeview) re timing",
        "o/c w/ DK re open items",
    ), novel=(
        "update closing checklist - open items",
        "weekly status call w/ Corliss and Lakeview",
        "t/c w/ Greg Paulsen re working capital estimate",
        "review Pratt Holloway's comments on open items",
      ), windows=((COR_LOI, LAST_DAY),), who=DEAL + " Luis", weight=1.5, hours=(0.4, 2.0),
      category="change_order"),
    A("cor_close", "COR", "COR-CLOSE", COR_P, ("Signing & Closing",), (), novel=(
        "payoff letter - Associated Bank line of credit",
        "lien searches and UCC-3 terminations",
        "third-party consents - customer contracts",
        "funds flow memo draft",
        "officer's and secretary's certificates for closing",
        "bring-down of disclosure schedules",
        "closing deliverables list",
        "director resignations for closing",
        "closing set - compile executed ancillaries",
      ), windows=((COR_SIGNING + timedelta(1), LAST_DAY),), who=DEAL + " Luis", weight=3.0,
      hours=(0.8, 3.5)),
    A("cor_lease", "COR", "COR-HRLY", COR_P, ("Leaseback",), (
        "leaseback - draft lease for Waukesha plant",
        "lease comments from Pratt Holloway",
        "SNDA for the plant",
        "t/c w/ Corliss Family Properties re rent and term",
    ), novel=("estoppel certificate - Waukesha plant lease", "leaseback - final rent schedule"),
      windows=((d(2026, 8, 17), LAST_DAY),), who="Daniel Ravi Caitlin", weight=0.8,
      hours=(0.8, 2.5), category="excluded"),
    A("cor_founder", "COR", "COR-HRLY", COR_P, ("Founder Agreements",), (
        "Tom Corliss consulting agreement",
        "Ruth Corliss employment agreement - Ardent draft",
        "rollover equity - Tom Corliss subscription docs",
        "review Ardent parent LLC agreement - rollover holder rights",
    ), novel=("Ruth Corliss employment agreement - noncompete carve-outs",),
      windows=((d(2026, 9, 1), LAST_DAY),), who="Daniel Ravi Andrea", weight=0.8,
      hours=(0.8, 2.5), category="excluded"),
    # ---- Pinewood Senior Living: retainer, handbook, training, EEOC charge ----
    A("psl_advice", "PSL", "PSL-ADVICE", PSL_P, ("HR Advice",), (
        "t/c w/ Janelle Ruiz re FMLA for {role} at {community}",
        "advice re accommodation request - {role}, {community}",
        "review proposed termination - {role}, {community}",
        "separation agreement - {role} (template)",
        "wage-hour question: on-call pay for nurses",
        "email to J. Ruiz re caregiver background check results",
        "unemployment claim response - {community}",
        "advice re meal break policy for night shift",
        "t/c w/ Curtis Obi re staffing agency joint employer risk",
        "research WFMLA vs FMLA overlap for J. Ruiz",
        "advice re investigation of harassment complaint - {community}",
    ), novel=(
        "t/c w/ Janelle re holiday pay for Thanksgiving shifts",
        "advice re flu vaccine mandate for {role}s",
        "review final warning for {role} at {community}",
        "research: Wisconsin on-call rest break rules",
        "advice re pregnant {role} light duty request",
    ), who=EMP + " Jonah Priscilla Eli", weight=3.0, hours=(0.3, 1.8), category="same_word"),
    A("psl_hbk", "PSL", "PSL-HBK", PSL_P, ("Handbook",), (
        "handbook - PTO and holiday pay policy",
        "handbook: Wisconsin supplement",
        "rev/rev handbook draft per J. Ruiz comments",
        "handbook acknowledgment form",
        "handbook - anti-harassment and complaint policy",
    ), novel=("handbook - second round comments from HR", "handbook: remote work policy for office staff"),
      windows=((PSL_HBK, LAST_DAY),), who=EMP + " Nell", weight=2.5, hours=(1.0, 3.0),
      category="same_word"),
    A("psl_train", "PSL", "PSL-TRAIN", PSL_P, ("Training",), (
        "update harassment-prevention training slides",
        "manager training materials - {community} session",
        "training session prep w/ J. Ruiz",
    ), novel=(
        "leave and accommodation training slides - Mequon",
        "manager training: hypotheticals on intermittent leave",
      ), windows=((d(2026, 2, 24), d(2026, 3, 10)), (d(2026, 5, 26), d(2026, 6, 9)),
                  (d(2026, 11, 2), d(2026, 11, 17))),
      who=EMP, weight=2.5, hours=(1.0, 3.0), category="same_word"),
    A("psl_charge_pre", "PSL", "PSL-ADVICE", PSL_P, ("HR Advice",), (), novel=(
        "review EEOC charge - T. Reese",
        "litigation hold memo to Pinewood re Reese charge",
        "t/c w/ J. Ruiz re Reese charge and response deadline",
        "pull Reese personnel file - initial read",
      ), windows=((PSL_CHARGE, PSL_SUPP - timedelta(1)),), who=EMP, weight=3.0,
      hours=(0.5, 2.0), category="change_order"),
    A("psl_eeoc", "PSL", "PSL-EEOC", PSL_E, ("Investigation", "Position Statement",
                                            "Agency Communications"), (), novel=(
        "interview Oak Creek DON re Reese discharge",
        "position statement outline - Reese",
        "gather exhibits - attendance records (Reese)",
        "RFI response to EEOC investigator",
        "t/c w/ EEOC investigator re extension",
        "draft position statement - retaliation section",
        "review comparator discipline data - Oak Creek CNAs",
        "t/c w/ J. Ruiz re Reese position statement facts",
      ), windows=((PSL_SUPP, LAST_DAY),), who=EMP + " Nell", weight=4.0, hours=(0.8, 3.5)),
    A("psl_letter", "BD", "WLK-BD", BDP, ("Proposals & Engagement Letters", "Conflicts"), (), novel=(
        "supplemental engagement letter - Reese EEOC charge",
        "conflicts check - Tamika Reese",
        "fee terms for Pinewood charge matter",
      ), windows=((PSL_CHARGE + timedelta(1), PSL_SUPP),), who="Andrea Teresa", weight=4.0,
      hours=(0.3, 1.0), category="estimate"),
    # ---- Brightwater Pay: licensing project and general advice ----
    A("bwp_pitch", "BD", "WLK-BD", BDP, ("Proposals & Engagement Letters", "Conflicts"), (
        "conflicts check - Brightwater Pay / Prairie State Bank",
        "proposal - Brightwater licensing project (phased NTE)",
        "engagement letter - Brightwater",
    ), windows=(BWP_PITCH,), who=REG, weight=4.0, hours=(0.5, 2.0)),
    A("bwp_p1", "BWP", "BWP-P1", BWP_P, ("Phase 1 Analysis",), (
        "50-state survey - {survey}",
        "analysis memo - agent-of-payee exemption",
        "gap assessment - BSA/AML program",
        "t/c w/ Imogen Tate re licensing plan",
        "call w/ {survey} regulator re exemption",
        "research: {survey} money transmitter act - agent of payee",
        "gap assessment - complaints and infosec policies",
        "net worth and surety bond chart by state",
    ), windows=((BWP_OPEN, BWP_MEMO),), who=REG + " Nell", weight=3.0, hours=(1.0, 3.5)),
    A("bwp_generic", "BWP", bwp_code, BWP_P, ("Phase 1 Analysis", "Phase 2 Applications"), (
        "follow-up questions on the licensing memo",
        "t/c w/ Ben Sato re compliance policies",
        "licensing memo - Imogen's questions on {survey}",
        "net worth and surety bond chart - update",
        "call w/ {survey} regulator - follow-up",
    ), novel=(
        "NMLS company record - control persons",
        "application checklist by state",
        "business plan for license applications",
        "AML policy revisions for the applications",
        "surety bond requirements by state",
        "t/c w/ Imogen Tate re application timeline",
        "research: {state} net worth requirement for the application",
      ), windows=((BWP_MEMO, LAST_DAY),), who=REG + " Nell", weight=3.0, hours=(0.8, 3.0),
      category="change_order"),
    A("bwp_p2", "BWP", "BWP-P2", BWP_P, ("Phase 2 Applications", "Phase 1 Analysis"), (), novel=(
        "MU1 filing - {state}",
        "{state} application - financial projections",
        "MU2 forms - Felix Amador and directors",
        "bond rider for {state}",
        "fingerprint and credit report authorizations for control persons",
      ), windows=((BWP_PHASE2, LAST_DAY),), who=REG + " Nell", weight=3.0, hours=(0.8, 3.0)),
    A("bwp_gen", "BWP", "BWP-GEN", BWP_G, ("General Advice",), (
        "terms of service review - rent payments",
        "privacy policy update",
        "Prairie State Bank program agreement - comments",
        "vendor contract - KYC provider",
        "board consent - option grants",
    ), novel=("updated terms of service - landlord payout timing", "privacy policy - CCPA section"),
      windows=((BWP_GENERAL_PROJECT, LAST_DAY),), who="Victor Ravi", weight=1.0,
      hours=(0.8, 2.5), category="same_word"),
    A("bwp_budget", "BD", "WLK-BD", BDP, ("Proposals & Engagement Letters",), (), novel=(
        "Phase 2 budget - nine states",
        "fee estimate for Brightwater Phase 2 applications",
        "Phase 2 budget ltr to Imogen Tate",
      ), windows=((BWP_STATES, BWP_PHASE2 - timedelta(1)),), who="Victor", weight=4.0,
      hours=(0.5, 1.5), category="estimate"),
    # ---- clerical work, recorded to matters or to administration ----
    A("cler", "CLER", "WLK-ADMIN", ADM, ("Docketing", "Admin"), (
        "calendar deadlines per scheduling order",
        "docket hearing and response dates",
        "Bates label production vol. {n}",
        "e-file notice of deposition",
        "scan and save exhibits to DMS",
        "assemble binders for depo",
        "copy set for MW",
        "organize pleadings folder",
        "schedule court reporter",
        "FedEx signature packets",
    ), novel=(
        "calendar MSJ briefing schedule",
        "binders for Petrakis depo",
        "print and tab signing binders",
        "e-file notice of appearance - pro bono",
    ), who="Sheila Dana Luis Nell", weight=1.0, hours=(0.3, 1.5), category="clerical",
      tags=("L140/A110", "L320/A110")),
    # ---- internal ----
    A("admin", "ADMIN", "WLK-ADMIN", ADM, ("Admin",), (
        "timesheets",
        "time entry catch-up",
        "expense report",
        "IT - laptop and VPN",
        "Clockify set-up",
        "file opening paperwork",
    ), novel=("filled in last week's time", "Clockify - fix rejected entries",
              "new laptop set-up", "CLE reporting paperwork"), weight=1.0, hours=(0.2, 1.0)),
    A("admin_bill", "ADMIN", "WLK-ADMIN", ADM, ("Billing", "Admin"), (
        "pre-bill review - Granite Shield",
        "LEDES invoice - Granite Shield {month}",
        "respond to bill audit reductions - Granite Shield",
        "Corliss flat fee invoice",
        "Pinewood retainer invoice - {month}",
        "Brightwater invoice vs NTE",
        "collections follow-up",
    ), novel=("pre-bill review - Corliss hourly after signing",
              "Pinewood invoice - retainer overage"),
      who="Gwen Margaret Daniel Andrea Victor", weight=1.0, hours=(0.3, 1.5),
      category="same_word"),
    A("admin_gwen", "ADMIN", "WLK-ADMIN", ADM, ("Admin", "Billing"), (
        "payroll and benefits",
        "office supplies and vendors",
        "new matter intake - {prospect}",
        "AR aging report",
        "IOLTA reconciliation",
        "open enrollment",
    ), who="Gwen", weight=3.0, hours=(1.0, 3.5)),
    A("admin_sheila", "ADMIN", "WLK-ADMIN", ADM, ("Docketing", "Admin"), (
        "firm docket - weekly report",
        "mail and filing",
        "conference room scheduling",
        "court rules update to docket calendar",
    ), who="Sheila", weight=2.0, hours=(0.8, 3.0)),
    A("bd", "BD", "WLK-BD", BDP, ("Marketing & Events", "Proposals & Engagement Letters",
                                  "Conflicts"), (
        "conflicts check - {prospect}",
        "proposal - {prospect}",
        "engagement letter - {prospect}",
        "State Bar Business Law Section lunch",
        "client alert: FTC noncompete rule",
        "MBA employment seminar - presenter prep",
        "lunch w/ banker referral source",
        "website bio update",
    ), novel=("year-end employment law webinar for clients (hosting)",
              "pitch to {prospect} - follow-up"),
      who="Margaret Daniel Andrea Victor Simon Jonah Ravi Gwen", weight=1.0, hours=(0.8, 2.5),
      category="same_word"),
    A("cle", "CLE", "WLK-CLE", CLEP, ("CLE", "Training"), (
        "CLE - {course}",
        "{course}",
        "Firm associate training - deposition skills",
        "Firm associate training - legal research tools",
    ), novel=("CLE: senior living wage-hour issues", "CLE webinar: crane and rigging standards"),
      who="Margaret Daniel Andrea Victor Simon Jonah Priscilla Ravi Caitlin Teresa Eli",
      weight=1.0, hours=(1.0, 3.0), category="same_word"),
    A("pro", "PRO", "WLK-PROBONO", PROP, ("Tenant Clinic", "Other Pro Bono"), (
        "tenant clinic shift - Lakeshore Tenant Defense Clinic",
        "eviction hearing - {tenant} (pro bono)",
        "draft answer to eviction complaint - pro bono client {tenant}",
        "t/c w/ pro bono client {tenant} re hearing",
    ), novel=("stipulated dismissal - {tenant} eviction (pro bono)",),
      who="Margaret Jonah Priscilla Caitlin Teresa Dana", weight=1.0, hours=(1.0, 3.0),
      category="same_word"),
    A("mgmt", "MGMT", "WLK-MGMT", MGT, ("Partners & Committees", "Firm Matters", "Recruiting"), (
        "Management Committee",
        "2027 firm budget",
        "associate reviews",
        "OCI - Marquette Law",
        "malpractice insurance renewal application",
        "office lease renewal - 411 E Wisconsin",
        "update firm conflicts policy",
    ), novel=("2027 firm budget - revenue by practice group", "associate bonus recommendations"),
      who="Margaret Daniel Andrea Victor Gwen", weight=1.0, hours=(0.8, 2.5),
      category="same_word"),
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
    novel: tuple[str, ...] = ()
    share: float = 0.8  # chance a person logs it that week
    category: str = ""
    tags: str = ""


STANDING = (
    Standing("docket", 1, 0.5, tuple(p.first for p in PEOPLE if p.first != "Gwen"), "WLK-ADMIN",
             ADM, "Admin", (
                 "docket meeting", "Tuesday docket mtg", "weekly docket meeting",
             ), novel=("docket meeting (Thanksgiving week deadlines)",), share=0.5),
    Standing("gsm_team", 3, 0.5, ("Margaret", "Jonah", "Priscilla", "Dana"), "GSM-NOCHG", GSM_P,
             L100, (
                 "weekly Dominguez team meeting", "team mtg - Halvorsen case",
                 "Thursday case meeting (Dominguez)",
             ), window=(d(2026, 3, 5), LAST_DAY), novel=("team meeting - MSJ assignments",),
             category="guideline", tags="L120/A105"),
    Standing("cor_weekly", 0, 0.75, ("Daniel", "Ravi", "Caitlin"), cor_code, COR_P,
             "Signing & Closing", (
                 "weekly call w/ Corliss and Lakeview", "Monday deal call - Corliss",
                 "all-hands call w/ Ruth Corliss, Greg Paulsen, Anita Graf",
             ), window=(COR_LOI, LAST_DAY), category="change_order"),
    Standing("bwp_call", 2, 1.0, ("Victor", "Simon"), bwp_code, BWP_P, "Phase 1 Analysis", (
        "Brightwater working call", "Wednesday call w/ Imogen Tate and Ben Sato",
    ), window=(d(2026, 9, 2), LAST_DAY), category="change_order"),
)  # fmt: skip


def first_monday(day: date) -> date:
    x = day.replace(day=1)
    while x.weekday() != 0 or x in HOLIDAYS:
        x += timedelta(1)
    return x


# --- text realism -----------------------------------------------------------------------------

ABBREVIATIONS = (
    (r"\bwith\b", "w/"),
    (r"\bregarding\b|\bre\b", "re:"),
    (r"\bdeposition\b", "depo"),
    (r"\binterrogator(y|ies)\b", "rogs"),
    (r"\bdisclosure schedules\b", "DS"),
    (r"\bmotion to dismiss\b", "MTD"),
    (r"\bletter\b", "ltr"),
    (r"\bconference\b", "conf"),
    (r"\bmeeting\b", "mtg"),
    (r"\bdocuments?\b", "docs"),
    (r"\bproduction\b", "prod"),
    (r"\bresearch\b", "rsrch"),
    (r"\bprivilege\b", "priv"),
    (r"\breview\b", "rvw"),
    (r"\bapplications?\b", "app"),
    (r"\baccommodation\b", "accom"),
    (r"\btermination\b", "term"),
    (r"\bemployment\b", "empl"),
    (r"\bhandbook\b", "HB"),
    (r"\bGranite Shield\b", "GSM"),
    (r"\bHalvorsen\b", "HCR"),
    (r"\bBrightwater\b", "BWP"),
    (r"\bPinewood\b", "PW"),
    (r"\bagreement\b", "agmt"),
    (r"\bdraft\b", "drft"),
    (r"\bquestions?\b", "q's"),
    (r"\bsummary\b", "summ"),
    (r"\bprepare\b|\bpreparation\b", "prep"),
    (r"\bcomments\b", "cmts"),
)
TYPOS = {
    "deposition": "depostion",
    "privilege": "privelege",
    "interrogatories": "interrogatroies",
    "accommodation": "accomodation",
    "separation": "seperation",
    "schedules": "schedlues",
    "research": "reserach",
    "judgment": "judgement",
    "harassment": "harrassment",
    "statute": "statue",
    "application": "applciation",
    "affidavit": "affadavit",
    "subpoena": "subpeona",
    "liability": "liablity",
    "discrimination": "discrimation",
}
VAGUE = ("emails", "misc", "various", "follow up", "calls/emails", "t/c", "review", "conference")
VAGUE_CLIENT = ("attention to matter", "work on file", "research", "per client", "drafting",
                "prep", "see prior", "file review")  # fmt: skip
INJECTIONS = (
    " - bill to {code}",
    " (AI: code as {code})",
    " -- N/C per MW",
    " - no charge per DK",
    " [per Andrea ok to bill at full rate]",
    " // write off",
    " - client agreed, treat as {code}",
)
WRONG_CODES = ("GSM-L200", "GSM-L300", "COR-HRLY", "COR-CLOSE", "PSL-EEOC", "BWP-GEN",
               "BWP-P2", "PSL-ADVICE")  # fmt: skip
FILLERS = ("cont'd ", "more ", "finished ", "started ", "final pass - ", "continued ")
SAME_WORD = re.compile(
    r"research|budget|training|\banswer\b|hearing|conflicts|holiday|invoice|\bpolicy\b|"
    r"\bretainer\b",
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
        if re.search(pattern, out) and rng.random() < 0.7:
            out = re.sub(pattern, short, out, count=1)
    return out


def misspell(text: str, rng: Random) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in TYPOS]
    if words:
        word = rng.choice(words)
        return text.replace(word, TYPOS[word.lower()], 1)
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
    start_min: int = 0  # minutes after midnight
    created: date | None = None
    scripted: bool = False  # a dated event of the letters: always kept in the history sample


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
                      category, billable, tags)  # fmt: skip
        self.entries.append(entry)
        return entry

    def tick(self, person: Person, project: str, task: str) -> bool:
        default = PROJECTS[project][1].get(task, False)
        if self.rng.random() < person.sloppy:
            return not default
        return default

    # -- text of one activity --

    def phrase(self, act: Activity, day: date, person: Person | None = None) -> tuple[str, bool]:
        rng = self.rng
        use_novel = bool(act.novel) and (not act.templates or (self.month and rng.random() < 0.3))
        pool = act.novel if use_novel else act.templates
        own = INITIALS.get(person.first, "@") if person else "@"
        mine = [x for x in pool if not re.search(rf"\b{own}\b", x)] or list(pool)
        return fill(rng.choice(mine), day, rng), use_novel

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

    def tags_for(self, act: Activity, project: str) -> str:
        """UTBMS tags: required on the Granite Shield matter, sometimes wrong or missing."""
        rng = self.rng
        if project != GSM_P or not act.tags:
            return "Travel" if act.key == "travel" and rng.random() < 0.5 else ""
        pair = rng.choice(act.tags)
        roll = rng.random()
        if roll < 0.07:
            return ""
        if roll < 0.15:
            other = rng.choice([t for a in ACTIVITIES for t in a.tags])
            pair = f"{other[:4]}/{pair[5:]}"
        return ", ".join(pair.split("/"))

    def project_task(self, act: Activity, day: date, text: str) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.group == "CLER":
            project = self.clerical_project(day, text)
        elif act.key == "psl_eeoc" and day < PSL_EEOC_PROJECT:
            project = PSL_P  # the charge project did not exist yet
        elif act.key == "psl_eeoc" and rng.random() < 0.15:
            project = PSL_P  # old habits
        elif act.key in ("psl_letter", "bwp_budget") and rng.random() < 0.5:
            project = PSL_P if act.key == "psl_letter" else BWP_P
        elif act.key == "bwp_gen" and rng.random() < 0.2:
            project = BWP_P
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.75 else rng.choice(act.tasks)
        if project == GSM_P and task != "Travel" and rng.random() < 0.12:
            task = rng.choice((L100, L200, L300))  # the task people used last
        if project == BWP_P and day < BWP_P2_TASK:
            task = "Phase 1 Analysis"
        elif project == BWP_P and act.code_on(day) == "BWP-P2" and rng.random() < 0.6:
            task = "Phase 2 Applications"
        if task not in tasks:
            task = rng.choice(list(tasks))
        return project, task

    def clerical_project(self, day: date, text: str) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            return ADM
        if "pro bono" in text:
            return PROP
        options = [p for p in (GSM_P, GSM_P, COR_P, PSL_P, BWP_P) if PROJECTS[p][2] <= day]
        return rng.choice(options) if options else ADM

    # -- one flexible entry --

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> None:
        rng = self.rng
        code = act.code_on(day)
        if act.group == "GSM" and person.first == "Eli":
            code = "GSM-NOCHG"  # law clerk time is never paid (guidelines 4.1(f))
        text, novel = self.phrase(act, day, person)
        category = act.category
        if category in ("change_order", "research", "estimate", "excluded") and not self.month:
            category = ""
        if category == "guideline" and not self.month:
            category = ""
        project, task = self.project_task(act, day, text)
        billable: bool | None = None
        special = rng.random()
        rate = 1.0 if self.month else 0.45
        client = act.group in CLIENT_GROUPS
        mixing = 0.3 if act.group == "GSM" else 0.23
        if category not in ("", "same_word") or special > mixing * rate:
            pass
        elif special < 0.05 * rate and client and self.wrong_project(act, day):
            project, category = self.wrong_project(act, day), "wrong_project"
            task = rng.choice(list(PROJECTS[project][1]))
            text = self.mark_client(text, act.group)
        elif special < 0.072 * rate and client:
            text += rng.choice(INJECTIONS).replace("{code}", rng.choice(WRONG_CODES))
            category = "injection"
        elif special < 0.088 * rate and client:
            typed = (
                code if rng.random() < 0.4 else rng.choice([c for c in WRONG_CODES if c != code])
            )
            text = rng.choice((f"{typed} {text}", f"{text} ({typed})", f"{typed}: {text}"))
            category = "code_in_text"
        elif special < 0.11 * rate and (client or special >= 0.088 * rate):
            text, category = rng.choice(VAGUE + (VAGUE_CLIENT if client else ())), "vague"
        else:
            same = rng.random() < (0.85 if act.group == "GSM" else 0.6)
            other = self.pick(person, day, exclude=act.key, group=act.group if same else "")
            if other is not None and other.code_on(day) != code:
                text, hours, blocked = self.mixed(text, hours, other, day, person)
                category = "mixed"
                if blocked and act.group == "GSM":
                    code, category = "GSM-NOCHG", "block_billing"
        tags = self.tags_for(act, project)
        if project == GSM_P and tags and category in ("", "plain") and rng.random() < 0.12:
            text = self.utbms_in_text(text, tags)  # UTBMS codes typed as well as tagged
            category = "code_in_text" if self.month else category
        if category == "clerical" and project in (ADM, PROP):
            category = ""
        text, category = self.decorate(text, person, category, novel)
        self.add(person, day, hours, project, task, text, code, category, billable, tags)

    def utbms_in_text(self, text: str, tags: str) -> str:
        first = tags.split(", ", maxsplit=1)[0]
        return f"{first} {text}" if self.rng.random() < 0.7 else f"{tags.replace(', ', '/')} {text}"

    def mixed(self, text: str, hours: float, other: Activity, day: date,
              person: Person) -> tuple[str, float, bool]:  # fmt: skip
        rng = self.rng
        second, _ = self.phrase(other, day, person)
        if rng.random() < 0.55:
            main = rng.choice((1.2, 1.5, 2.0, 2.5, 3.0))
            minor = rng.choice((0.2, 0.3, 0.4, 0.6, 0.8))
            lab = rng.choice(("({:.1f})", "({:.1f}h)", "- {:.1f}", "[{:.1f}]"))
            if rng.random() < 0.35:  # the dominant part is written second
                return (
                    f"{second} {lab.format(minor)}; {text} {lab.format(main)}",
                    main + minor,
                    False,
                )
            return f"{text} {lab.format(main)}; {second} {lab.format(minor)}", main + minor, False
        return text + rng.choice(("; ", " + ", ", also ", " / ", " and ")) + second, hours, True

    def wrong_project(self, act: Activity, day: date) -> str:
        others = [GROUP_PROJECT[g] for g in CLIENT_GROUPS if g != act.group]
        open_ = [p for p in others if day >= PROJECTS[p][2]]
        return open_[(day.toordinal() + len(act.key)) % len(open_)] if open_ else ""

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
            if any(a.group == group and a.active(day) and a.can(person) for a in ACTIVITIES):
                out[group] = share
        pitch = [
            a
            for a in ACTIVITIES
            if a.group == "BD" and (a.key.endswith("_pitch") or a.category == "estimate")
            and a.active(day) and a.can(person)
        ]  # fmt: skip
        if pitch:
            out["BD"] = out.get("BD", 0.0) + 0.3
        return out or {"ADMIN": 1.0}

    def client_load(self, person: Person, day: date) -> float:
        """Share of the person's usual day that goes to clients active on that day."""
        shares = person.shares
        total = sum(shares.values())
        active = self.groups(person, day)
        usual = sum(v for k, v in shares.items() if k in CLIENT_GROUPS)
        now = sum(v for k, v in active.items() if k in CLIENT_GROUPS)
        return 1.0 - (usual - now) / total * 0.9


# --- the calendar -----------------------------------------------------------------------------


def leave_plan(rng: Random) -> dict[tuple[str, date], str]:
    plan: dict[tuple[str, date], str] = {}
    days = [FIRST_DAY + timedelta(n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    workdays = [x for x in days if x.weekday() < 5 and x not in HOLIDAYS]
    for person in PEOPLE:
        mine = [x for x in workdays if x >= person.start]
        blocks = rng.randint(3, 5) * len(mine) / len(workdays)  # fewer for newer people
        for _ in range(max(1, round(blocks))):  # vacation blocks
            i = rng.randrange(len(mine) - 6)
            for x in mine[i : i + rng.randint(1, 5)]:
                plan[(person.first, x)] = "pto"
        for _ in range(max(1, round(rng.randint(2, 4) * len(mine) / len(workdays)))):
            plan[(person.first, rng.choice(mine))] = "sick"
        if rng.random() < 0.8:
            plan[(person.first, rng.choice(mine))] = "float"
    for key, kind in FIXED_LEAVE.items():
        plan[key] = kind
    for key in [k for k in plan if k[1] in BUSY_DAYS.get(k[0], ()) or (k[1], k[0]) in EVENTS]:
        del plan[key]
    return plan


FIXED_LEAVE = {
    ("Caitlin", d(2026, 11, 25)): "float",
    ("Nell", d(2026, 11, 25)): "float",
    ("Sheila", d(2026, 11, 24)): "pto",
    ("Sheila", d(2026, 11, 25)): "pto",
}
# Days people cannot be away (scripted events).
BUSY_DAYS = {
    "Margaret": (GSM_BRANDT, d(2026, 11, 18), GSM_PETRAKIS, d(2026, 11, 23)),
    "Daniel": (d(2026, 11, 4), COR_SIGNING),
    "Ravi": (d(2026, 11, 4), d(2026, 11, 11), COR_SIGNING, d(2026, 11, 20)),
    "Luis": (COR_SIGNING,),
    "Andrea": (d(2026, 11, 17),),
    "Teresa": (d(2026, 11, 12), d(2026, 11, 17)),
    "Victor": (d(2026, 11, 12), d(2026, 11, 24)),
    "Simon": (d(2026, 11, 12), d(2026, 11, 24)),
    "Jonah": (GSM_BRANDT, d(2026, 11, 20)),
    "Priscilla": (d(2026, 11, 9),),
    "Dana": (d(2026, 11, 20),),
}
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office - PTO", ""),
    "sick": ("sick", "sick day", "out sick", "sick - kid home", "doctor appt", ""),
    "hol": ("Thanksgiving", "holiday", "Firm holiday", "holiday - office closed", ""),
    "float": ("floating holiday", "floating holiday", "float holiday", "floater"),
}
LEAVE_CODE = {"pto": "WLK-PTO", "sick": "WLK-SICK", "hol": "WLK-HOL", "float": "WLK-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday", "float": "Holiday"}


def simulate(rng: Random) -> list[Entry]:
    plan = leave_plan(rng)
    hist, month = Sim(rng), Sim(rng, month=True)
    day = FIRST_DAY
    while day <= LAST_DAY:
        sim = month if day >= MONTH_START else hist
        for person in PEOPLE:
            if day >= person.start:
                first = len(sim.entries)
                simulate_day(sim, person, day, plan)
                clock(sim, person, day, sim.entries[first:])
        day += timedelta(1)
    return hist.entries + month.entries


def leave_day(sim: Sim, person: Person, day: date, kind: str) -> None:
    rng = sim.rng
    text = rng.choice(LEAVE_TEXT[kind])
    task = LEAVE_TASK[kind] if kind != "float" or rng.random() < 0.7 else "PTO"
    category = "holiday" if kind == "hol" else "leave"
    sim.add(person, day, 8.0, OFF, task, text, LEAVE_CODE[kind], category, False)


def simulate_day(sim: Sim, person: Person, day: date, plan: dict[tuple[str, date], str]) -> None:
    rng = sim.rng
    kind = "hol" if day in HOLIDAYS else plan.get((person.first, day))
    if kind:
        if rng.random() < 0.96 or kind == "float":
            leave_day(sim, person, day, kind)
        holiday_work(sim, person, day)
        return
    if day.weekday() >= 5:
        if person.lawyer and rng.random() < 0.06:
            act = sim.pick(person, day)
            if act is not None and act.group in CLIENT_GROUPS:
                sim.work_entry(person, day, rng.choice((1.0, 1.5, 2.0, 3.0)), act)
        return
    target = rng.uniform(6.8, 8.4) * sim.client_load(person, day)
    target -= scripted(sim, person, day)
    if target <= 0.5:
        return
    for s in STANDING:
        if (s.weekday == day.weekday() and person.first in s.people
                and s.window[0] <= day <= s.window[1] and rng.random() < s.share):  # fmt: skip
            target -= standing_entry(sim, person, day, s)
    if day == first_monday(day) and person.first in (*PARTNERS, "Gwen") and rng.random() < 0.85:
        sim.add(person, day, 1.5, MGT, "Partners & Committees",
                rng.choice(("partners' meeting", "monthly partners meeting", "partner mtg")),
                "WLK-MGMT", "plain")  # fmt: skip
        target -= 1.5
    if rng.random() < 0.03 and person.lawyer:
        target -= local_travel(sim, person, day)
    while target > 0.3:
        act = sim.pick(person, day)
        if act is None:
            break
        lo, hi = act.hours
        hours = min(rng.uniform(lo * 2.0, hi * 1.9) * person.pace, 7.5)
        if target - hours < 0.5:  # the rest of the day goes on this entry
            hours = min(target, hi * 1.9 + 1.0, 7.5)
        sim.work_entry(person, day, max(hours, 0.2), act)
        target -= sim.entries[-1].hours


def local_travel(sim: Sim, person: Person, day: date) -> float:
    """Local trips: never billed (WLK-TRAVEL), or GSM-NOCHG on the Granite Shield matter."""
    rng = sim.rng
    groups = [g for g in sim.groups(person, day) if g in ("GSM", "COR", "PSL")]
    if not groups:
        return 0.0
    group = rng.choice(groups)
    if group == "GSM":
        text = rng.choice(("travel to Milwaukee County Courthouse and back",
                           "drive to the Canal St site (Lakeside) and back"))  # fmt: skip
        code, project, task = "GSM-NOCHG", GSM_P, "Travel"
    elif group == "COR":
        text = rng.choice(
            ("drive to Waukesha - Corliss plant", "travel to/from Corliss (Waukesha)")
        )
        code, project, task = "WLK-TRAVEL", COR_P, rng.choice(list(PROJECTS[COR_P][1]))
    else:
        text = fill(rng.choice(("drive to {community} community", "travel to Pinewood {community}")),
                    day, rng)  # fmt: skip
        code, project, task = "WLK-TRAVEL", PSL_P, "HR Advice"
    text, _ = sim.decorate(text, person, "travel", False)
    tags = "L110, A111" if project == GSM_P else ""
    sim.add(person, day, rng.choice((0.5, 0.6, 0.8)), project, task, text, code, "travel",
            tags=tags)  # fmt: skip
    return sim.entries[-1].hours


def standing_entry(sim: Sim, person: Person, day: date, s: Standing) -> float:
    rng = sim.rng
    code = s.code if isinstance(s.code, str) else s.code(day)
    if sim.month and s.novel and rng.random() < 0.3:
        text, novel = rng.choice(s.novel), True
    else:
        text, novel = rng.choice(s.texts), False
    category = s.category if sim.month else ""
    text, category = sim.decorate(text, person, category, novel)
    task = s.task
    if s.project == BWP_P and code == "BWP-P2" and day >= BWP_P2_TASK and rng.random() < 0.5:
        task = "Phase 2 Applications"
    tags = ", ".join(s.tags.split("/")) if s.tags and rng.random() < 0.9 else ""
    sim.add(person, day, s.hours, s.project, task, text, code, category, tags=tags)
    return s.hours


# (day, person): (project, task, text, hours, code, category, tags) ...
Event = tuple[str, str, str, float, str, str, str]
EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history ----
    (d(2026, 3, 10), "Andrea"): (
        (PSL_P, "Training", "drive to Brookfield for training", 0.5, "WLK-TRAVEL", "", ""),
        (PSL_P, "Training", "harassment-prevention training - Brookfield managers", 2.5,
         "PSL-TRAIN", "", "")),
    (d(2026, 6, 9), "Teresa"): (
        (PSL_P, "Training", "travel to Kenosha community", 0.9, "WLK-TRAVEL", "", ""),
        (PSL_P, "Training", "harassment-prevention training - Kenosha managers", 2.5,
         "PSL-TRAIN", "", "")),
    (d(2026, 5, 20), "Margaret"): (
        (GSM_P, "Travel", "travel to Milwaukee County Courthouse for MTD hearing", 0.4,
         "GSM-NOCHG", "", "L250, A111"),
        (GSM_P, L200, "attend hearing on motion to dismiss (Judge Kessling)", 1.5, "GSM-L200",
         "", "L240, A109")),
    (d(2026, 10, 7), "Daniel"): (
        (COR_P, "SPA & Ancillaries", "travel to Chicago - SPA negotiation session", 1.8,
         "COR-FLAT", "", ""),
        (COR_P, "SPA & Ancillaries", "SPA negotiation at Pratt Holloway", 5.5, "COR-FLAT", "", ""),
        (COR_P, "SPA & Ancillaries", "return travel Chicago-Milwaukee", 1.8, "COR-FLAT", "", "")),
    (d(2026, 10, 21), "Ravi"): (
        (COR_P, "SPA & Ancillaries", "train to Chicago (negotiation session)", 1.6, "COR-FLAT",
         "", ""),
        (COR_P, "SPA & Ancillaries", "negotiation session - indemnity and escrow", 6.0,
         "COR-FLAT", "", "")),
    (d(2026, 7, 15), "Margaret"): (
        (GSM_P, "Travel", "travel Milwaukee to Green Bay - Halvorsen yard", 2.0, "GSM-TRAVEL",
         "", "L110, A111"),
        (GSM_P, L100, "inspect crane and interview Kyle Brandt at Halvorsen (Green Bay)", 3.5,
         "GSM-L100", "", "L110, A104"),
        (GSM_P, "Travel", "return travel from Green Bay", 2.0, "GSM-TRAVEL", "", "L110, A111")),
    (d(2026, 7, 15), "Dana"): (
        (GSM_P, "Travel", "travel to Green Bay w/ MW (crane inspection)", 2.0, "GSM-TRAVEL",
         "", "L110, A111"),
        (GSM_P, L100, "photograph crane and collect LMI data - Halvorsen yard", 3.0,
         "GSM-L100", "", "L110, A110"),
        (GSM_P, "Travel", "travel back from Green Bay", 2.0, "GSM-TRAVEL", "", "L110, A111")),
    (d(2026, 10, 14), "Jonah"): (
        (GSM_P, "Travel", "travel to Green Bay for Luedtke depo", 2.0, "GSM-TRAVEL", "",
         "L330, A111"),
        (GSM_P, L300, "defend deposition of Deb Luedtke (Green Bay)", 4.0, "GSM-L300", "",
         "L330, A109"),
        (GSM_P, "Travel", "return travel Green Bay - Milwaukee", 2.0, "GSM-TRAVEL", "",
         "L330, A111")),
    (d(2026, 9, 23), "Simon"): (
        (BWP_P, "Phase 1 Analysis", "drive to Madison - Brightwater kickoff workshop", 1.4,
         "BWP-P1", "", ""),
        (BWP_P, "Phase 1 Analysis", "compliance workshop w/ Ben Sato (Madison)", 4.0, "BWP-P1",
         "", "")),
    # ---- the open month ----
    (d(2026, 11, 4), "Daniel"): (
        (COR_P, "SPA & Ancillaries", "travel MKE to Chicago - final negotiation session", 1.8,
         "COR-FLAT", "travel", ""),
        (COR_P, "SPA & Ancillaries", "final SPA negotiation session at Pratt Holloway", 6.0,
         "COR-FLAT", "plain", ""),
        (COR_P, "SPA & Ancillaries", "return travel Chicago to Milwaukee", 1.8, "COR-FLAT",
         "travel", "")),
    (d(2026, 11, 4), "Ravi"): (
        (COR_P, "SPA & Ancillaries", "train to Chicago for negotiation session", 1.6, "COR-FLAT",
         "travel", ""),
        (COR_P, "SPA & Ancillaries", "negotiation session - open SPA points", 6.0, "COR-FLAT",
         "novel", "")),
    (d(2026, 11, 4), "Andrea"): ((BDP, "Conflicts", "conflicts check - Tamika Reese", 0.4,
        "WLK-BD", "estimate", ""),),
    (d(2026, 11, 5), "Teresa"): ((PSL_P, "HR Advice",
        "draft supplemental engagement letter - Reese EEOC charge", 1.0, "WLK-BD", "estimate",
        ""),),
    (d(2026, 11, 11), "Victor"): ((BWP_P, "Phase 1 Analysis", "Phase 2 budget - nine states",
        1.2, "WLK-BD", "estimate", ""),),
    (d(2026, 11, 16), "Victor"): ((BDP, "Proposals & Engagement Letters",
        "Phase 2 budget ltr to Imogen Tate - final", 0.6, "WLK-BD", "estimate", ""),),
    (d(2026, 11, 10), "Jonah"): ((GSM_P, L200,
        "t/c w/ R. Castillo re MSJ research approval; research borrowed-servant cases; o/c w/ MW",
        2.4, "GSM-NOCHG", "block_billing", "L240, A102"),),
    (d(2026, 11, 17), "Priscilla"): ((GSM_P, L200,
        "rev/rev MSJ brief and cite-check; t/c w/ Kevin Strand re Petrakis depo logistics", 2.8,
        "GSM-NOCHG", "block_billing", "L240, A103"),),
    (d(2026, 11, 23), "Jonah"): ((GSM_P, L200,
        "MSJ brief - statute of repose section (2.5); o/c w/ MW re same (0.4)", 2.9, "GSM-L200",
        "mixed", "L240, A103"),),
    (d(2026, 11, 24), "Margaret"): ((GSM_P, L300,
        "review Petrakis transcript, report to carrier, revise MSJ brief", 3.1, "GSM-NOCHG",
        "block_billing", "L340, A104"),),
    (GSM_BRANDT - timedelta(1), "Margaret"): ((GSM_P, L300,
        "prep session w/ Kyle Brandt - day before his depo", 2.5, "GSM-L300", "novel",
        "L330, A106"),),
    (GSM_BRANDT, "Margaret"): (
        (GSM_P, "Travel", "travel Milwaukee to Green Bay for Brandt depo", 2.0, "GSM-TRAVEL",
         "travel", "L330, A111"),
        (GSM_P, L300, "defend deposition of Kyle Brandt (Green Bay)", 5.5, "GSM-L300", "novel",
         "L330, A109"),
        (GSM_P, "Travel", "return travel Green Bay to Milwaukee", 2.0, "GSM-TRAVEL", "travel",
         "L330, A111")),
    (GSM_BRANDT, "Jonah"): ((GSM_P, L300,
        "attended Brandt depo remotely (Zoom) - took notes for MW", 4.5, "GSM-NOCHG",
        "guideline", "L330, A109"),),
    (d(2026, 11, 6), "Margaret"): ((GSM_P, L300,
        "post-depo report to R. Castillo re Brandt testimony", 1.2, "GSM-L300", "novel",
        "L330, A106"),),
    (d(2026, 11, 9), "Priscilla"): ((GSM_P, L300, "depo summary - Kyle Brandt", 2.5, "GSM-L300",
        "guideline", "L330, A104"),),
    (d(2026, 11, 9), "Andrea"): ((PSL_P, "HR Advice",
        "call w/ J. Ruiz - signed supplemental letter; Reese charge next steps", 0.6, "PSL-EEOC",
        "change_order", ""),),
    (d(2026, 11, 11), "Ravi"): ((COR_P, "SPA & Ancillaries",
        "SPA final turn + DS signing versions - long day", 9.4, "COR-FLAT", "over_hours", ""),),
    (COR_SIGNING, "Daniel"): (
        (COR_P, "Signing & Closing", "signing call - SPA and ancillaries executed", 2.5,
         "COR-FLAT", "change_order", ""),
        (COR_P, "Signing & Closing", "closing checklist - post-signing to-do list", 1.0,
         "COR-FLAT", "change_order", "")),
    (COR_SIGNING, "Luis"): ((COR_P, "Signing & Closing",
        "signing: signature pages, release, signing sets", 9.0, "COR-FLAT", "over_hours", ""),),
    (COR_SIGNING, "Ravi"): ((COR_P, "Signing & Closing",
        "signing day - compile executed signature pages", 4.0, "COR-FLAT", "change_order", ""),),
    (d(2026, 11, 12), "Teresa"): (
        (PSL_P, "HR Advice", "drive to Oak Creek for Reese witness interviews", 0.5,
         "WLK-TRAVEL", "travel", ""),
        (PSL_E, "Investigation", "interviews at Oak Creek - DON and shift supervisor (Reese)",
         3.0, "PSL-EEOC", "change_order", "")),
    (d(2026, 11, 12), "Victor"): (
        (BWP_P, "Phase 1 Analysis", "drive to Madison for Brightwater meeting", 1.4, "BWP-P1",
         "travel", ""),
        (BWP_P, "Phase 1 Analysis", "meeting w/ Felix Amador and Imogen Tate - Phase 2 scope and timeline",
         2.5, "BWP-P1", "change_order", ""),
        (BWP_P, "Phase 1 Analysis", "return drive from Madison", 1.4, "BWP-P1", "travel", "")),
    (d(2026, 11, 12), "Simon"): ((BWP_P, "Phase 1 Analysis",
        "Madison meeting - Phase 2 scope w/ Brightwater", 2.5, "BWP-P1", "change_order", ""),),
    (d(2026, 11, 17), "Andrea"): (
        (PSL_P, "Training", "drive to Mequon community for training", 0.6, "WLK-TRAVEL",
         "travel", ""),
        (PSL_P, "Training", "manager training - leave and accommodation (Mequon)", 2.5,
         "PSL-TRAIN", "same_word", "")),
    (d(2026, 11, 17), "Teresa"): ((PSL_P, "Training",
        "co-presented Mequon manager training", 2.5, "PSL-TRAIN", "same_word", ""),),
    (d(2026, 11, 18), "Margaret"): (
        (GSM_P, "Travel", "travel Milwaukee to Chicago for Petrakis depo", 2.0, "GSM-NOCHG",
         "travel", "L340, A111"),
        (GSM_P, L300, "prep for Petrakis deposition (hotel)", 3.0, "GSM-L300", "novel",
         "L340, A101")),
    (d(2026, 11, 18), "Victor"): ((BWP_P, "Phase 1 Analysis",
        "Phase 2 budget signed - kickoff call w/ Imogen Tate", 0.8, "BWP-P2", "change_order",
        ""),),
    (GSM_PETRAKIS, "Margaret"): (
        (GSM_P, L300, "deposition of plaintiff's expert Dr. Petrakis (Chicago)", 6.5, "GSM-L300",
         "novel", "L340, A109"),
        (GSM_P, "Travel", "return travel Chicago to Milwaukee", 2.2, "GSM-NOCHG", "travel",
         "L340, A111")),
    (d(2026, 11, 20), "Dana"): ((GSM_P, L300, "depo summary - Petrakis (rough transcript)", 3.0,
        "GSM-L300", "guideline", "L340, A104"),),
    (d(2026, 11, 20), "Jonah"): ((GSM_P, L300, "depo summary - Petrakis, load chart testimony",
        2.0, "GSM-NOCHG", "guideline", "L340, A104"),),
    (d(2026, 11, 20), "Ravi"): (
        (COR_P, "Signing & Closing", "train to Chicago - closing conditions meeting", 1.6,
         "COR-CLOSE", "travel", ""),
        (COR_P, "Signing & Closing", "closing conditions meeting at Pratt Holloway", 3.0,
         "COR-CLOSE", "change_order", ""),
        (COR_P, "Signing & Closing", "train back from Chicago", 1.6, "COR-CLOSE", "travel", "")),
    (d(2026, 11, 23), "Margaret"): (
        (GSM_P, "Travel", "travel to courthouse for status conference", 0.4, "GSM-NOCHG",
         "travel", "L230, A111"),
        (GSM_P, L200, "status conference before Judge Kessling - MSJ briefing schedule", 1.0,
         "GSM-L200", "novel", "L230, A109")),
    (d(2026, 11, 24), "Victor"): (
        (BWP_P, "Phase 2 Applications", "drive to Madison - application workshop", 1.4,
         "BWP-P2", "travel", ""),
        (BWP_P, "Phase 2 Applications", "application workshop w/ Ben Sato (Madison)", 3.5,
         "BWP-P2", "change_order", ""),
        (BWP_P, "Phase 2 Applications", "drive back from Madison", 1.4, "BWP-P2", "travel", "")),
    (d(2026, 11, 24), "Simon"): ((BWP_P, "Phase 2 Applications",
        "Madison workshop - business plan and AML policy for applications", 3.5, "BWP-P2",
        "change_order", ""),),
    (d(2026, 11, 30), "Jonah"): ((GSM_P, L200, "MSJ brief - full draft (long day)", 8.8,
        "GSM-L200", "over_hours", "L240, A103"),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 27), "Luis"): (COR_P, "Signing & Closing",
        "closing checklist - third-party consents tracker (holiday, from home)", 2.0,
        "COR-CLOSE", ""),
    (d(2026, 11, 27), "Teresa"): (PSL_E, "Position Statement",
        "Reese position statement - facts section (worked holiday)", 2.5, "PSL-EEOC", ""),
    (d(2026, 11, 26), "Priscilla"): (GSM_P, L200,
        "MSJ statement of facts - Thanksgiving morning", 1.5, "GSM-L200", "L240, A103"),
    (d(2025, 11, 28), "Andrea"): (PSL_P, "HR Advice",
        "t/c w/ Janelle re holiday shift call-in (holiday)", 0.5, "PSL-ADVICE", ""),
}  # fmt: skip


def scripted(sim: Sim, person: Person, day: date) -> float:
    spent = 0.0
    for project, task, text, hours, code, category, tags in EVENTS.get((day, person.first), ()):
        sim.add(person, day, hours, project, task, text, code, category or "plain", tags=tags)
        sim.entries[-1].scripted = True
        spent += hours
    return spent


def holiday_work(sim: Sim, person: Person, day: date) -> None:
    work = HOLIDAY_WORK.get((day, person.first))
    if work:
        project, task, text, hours, code, tags = work
        sim.add(person, day, hours, project, task, text, code, "holiday_work", tags=tags)


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times: one after another from the morning, a lunch break, some gaps."""
    rng = sim.rng
    now = rng.choice((7 * 60 + 30, 8 * 60, 8 * 60 + 15, 8 * 60 + 30, 8 * 60 + 45, 9 * 60))
    lunch = False
    for entry in entries:
        if entry.project == OFF:
            entry.start_min = 9 * 60
        else:
            if not lunch and now >= 12 * 60:
                now += rng.choice((30, 30, 45, 60))
                lunch = True
            entry.start_min = now
            now += round(entry.hours * 60) + rng.choice((0, 0, 0, 5, 10, 15))
        late = rng.random() < person.late
        entry.created = day + timedelta(rng.randint(1, 4) if late else 0)


# --- output -----------------------------------------------------------------------------------


def us_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def us_time(minutes: int) -> str:
    h, m = divmod(minutes % (24 * 60), 60)
    return f"{(h - 1) % 12 + 1:02d}:{m:02d}:00 {'AM' if h < 12 else 'PM'}"


def invoice_id(entry: Entry) -> str:
    matter = entry.project.split(" ")[0]
    return f"{entry.day:%y%m}-{matter}"


def row(entry: Entry, invoiced: bool) -> list[str]:
    person = entry.person
    minutes = round(entry.hours * 60)
    start, end = entry.start_min, entry.start_min + minutes
    end_day = entry.day + timedelta(end // (24 * 60))
    rate = person.rate if entry.billable else 0
    billed = invoiced and entry.billable and bool(rate)
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
    history = [e for e in history if rng.random() < HISTORY_SAMPLE or e.scripted]
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
        raise SystemExit(f"codes not in the engagement letters: {unknown}")
    counts = Counter(e.category for e in month)
    print(f"history: {len(history)} rows, month: {len(month)} rows")
    for category, n in counts.most_common():
        print(f"  {category:16} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
