"""Generate the twenty-second demo firm's time entries: approved history and one open month.

Redbud Analytics, LLC (15 people, 13 of them logging here; a data analytics and
business-intelligence consultancy in Tulsa, Oklahoma) records time in Clockify against four
clients (see README.md next to this file; the agreements, the change request log, the
enhancement order, the notices, letters, records of events and the firm policy are in ``sows/``).
This script writes, in Clockify's "Detailed report" CSV layout:

- ``history.csv``      Nov 3, 2025 - Oct 30, 2026, a sample of the approved entries, with the code
                       the account lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/twenty_second_firm/generate.py [--out DIR]
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

SEED = 20261122
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.16  # share of the year's approved entries kept in history.csv
DOMAIN = "redbud.example"
LIMIT = 8.5  # firm policy §2.7

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "PLM-SPR", "PLM-CR", "PLM-HYP", "PLM-SUP",
    "OHP-RET", "OHP-OVR", "OHP-P1", "OHP-ENH",
    "CSU-SR", "CSU-AN", "CSU-OVR", "CSU-DUA",
    "GCT-SVC", "GCT-PAUSE", "GCT-HACK",
    "RBA-ADMIN", "RBA-BD", "RBA-LAB", "RBA-TRAIN", "RBA-TOOL", "RBA-RECRUIT", "RBA-MEET",
    "RBA-TRAVEL", "RBA-PTO", "RBA-HOL", "RBA-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 11), d(2025, 11, 27), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7), d(2026, 11, 11), d(2026, 11, 26),
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Prairie Lane §10: SOW-1, sprint acceptances, change request approvals, go-live and hypercare
PLM_SIGNED = d(2025, 12, 1)
ACCEPTED = {1: d(2026, 1, 30), 2: d(2026, 3, 13), 3: d(2026, 5, 1), 4: d(2026, 6, 19),
            5: d(2026, 8, 14), 6: d(2026, 10, 9), 7: d(2026, 11, 18)}  # fmt: skip
SPRINT7_START, SPRINT8_START = d(2026, 10, 12), d(2026, 11, 19)
CR01, CR02, CR03_DECLINED = d(2026, 3, 2), d(2026, 7, 7), d(2026, 9, 4)
CR04_SUBMITTED, CR04 = d(2026, 11, 3), d(2026, 11, 12)
CR05_SUBMITTED = d(2026, 11, 20)
GO_LIVE, HYPERCARE_LAST = d(2026, 11, 9), d(2026, 11, 20)
# Osage §9: agreement, P1 declarations (declaration to RCA), allowance notices, EO-1
OHP_SIGNED = d(2026, 1, 5)
P1_WINDOWS = {"INC-3318": (d(2026, 3, 9), d(2026, 3, 12)), "INC-4102": (d(2026, 8, 20), d(2026, 8, 24)),
              "INC-4471": (d(2026, 11, 3), d(2026, 11, 6)),
              "INC-4529": (d(2026, 11, 23), d(2026, 11, 27))}  # fmt: skip
ALLOWANCE_NOTICES = (d(2026, 6, 23), d(2026, 11, 18))
ENH012, ENH_REQUESTED, EO1, ENH040 = (
    d(2026, 4, 20), d(2026, 10, 19), d(2026, 11, 16), d(2026, 11, 19)
)  # fmt: skip
# Cimarron State §9: subaward, DUA-1, no-cost extension, NTE notice, Grant Year 2, DUA-2
CSU_SIGNED, DUA1, NTE_NOTICE, YEAR2, DUA2 = (
    d(2026, 1, 5), d(2026, 1, 26), d(2026, 10, 26), d(2026, 11, 16), d(2026, 11, 19)
)  # fmt: skip
MEDICAID_REQUESTED = d(2026, 11, 4)
SENIOR = ("Grant", "Marisa", "Caleb", "Priya", "Rosa")  # §3.1: the Senior role
# Green Country Transit §8: contract, pro bono letter, pause and restart, the hackathon
GCT_SIGNED, HACK_LETTER, PAUSE, RESTART = (
    d(2026, 2, 2), d(2026, 10, 5), d(2026, 11, 4), d(2026, 11, 18)
)  # fmt: skip
HACKATHON = d(2026, 11, 14)

CodeFn = Callable[[date, str], str]


def prod_code(day: date, _who: str) -> str:
    """Prairie Lane §4: production support is hypercare to Nov 20, hourly support after."""
    return "PLM-HYP" if day <= HYPERCARE_LAST else "PLM-SUP"


def ohp_code(day: date, _who: str) -> str:
    """Osage §3.2: support is overage from an allowance notice to that month's end."""
    for notice in ALLOWANCE_NOTICES:
        if notice <= day and (day.year, day.month) == (notice.year, notice.month):
            return "OHP-OVR"
    return "OHP-RET"


def csu_code(day: date, who: str) -> str:
    """Cimarron State §3-4: by role, unbilled from the NTE notice to the end of Grant Year 1."""
    if NTE_NOTICE <= day < YEAR2:
        return "CSU-OVR"
    return "CSU-SR" if who in SENIOR else "CSU-AN"


def dua_code(signed: date) -> CodeFn:
    """Cimarron State §5: work touching a dataset before its DUA is CSU-DUA, whatever the NTE."""
    return lambda day, who: "CSU-DUA" if day < signed else csu_code(day, who)


def gct_ridership(day: date, _who: str) -> str:
    """Green Country §3: the ridership dashboard workstream is unbilled during its pause."""
    return "GCT-PAUSE" if PAUSE <= day < RESTART else "GCT-SVC"


def fixed(code: str) -> CodeFn:
    return lambda _day, _who: code


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
    P("Marisa", "Okafor", "Principals", 225, {"OHP": 0.2, "GCT": 0.25, "NB": 0.35, "ADMIN": 0.2,
      "HACK": 0.05, "ENH": 0.1}, terse=0.25, sloppy=0.05),
    P("Grant", "Whitfield", "Principals", 225, {"PLM": 0.3, "CSU": 0.3, "NB": 0.35, "CR": 0.3,
      "ADMIN": 0.1}, terse=0.25),
    P("Lauren", "Pettibone", "Delivery", 140, {"PLM": 1.0, "CR": 0.5, "CSU": 0.3, "PROD": 0.3,
      "ADMIN": 0.05}, terse=0.3),
    P("Priya", "Vasudevan", "Analytics", 175, {"PLM": 1.0, "CR": 0.4, "NB": 0.2, "TRAIN": 0.05,
      "PROD": 0.3}, terse=0.3, typos=0.025),
    P("Caleb", "Dunmore", "Analytics", 175, {"OHP": 1.0, "P1": 1.5, "ENH": 0.6, "CSU": 0.4,
      "TRAIN": 0.05}, terse=0.3),
    P("Rosa", "Whitebird", "Analytics", 165, {"CSU": 1.0, "MED": 0.6, "GCT": 0.4, "HACK": 0.4,
      "TRAIN": 0.05}, terse=0.25, typos=0.02),
    P("Tomás", "Villalobos", "Engineering", 150, {"PLM": 1.0, "CR": 0.4, "TOOL": 0.25,
      "PROD": 0.6}, terse=0.45, typos=0.03, sloppy=0.1),
    P("Hannah", "Kessler", "Engineering", 150, {"PLM": 0.6, "OHP": 0.4, "P1": 1.5, "LAB": 0.3,
      "PROD": 0.5}, terse=0.4, typos=0.025),
    P("Jaylen", "Brooks", "Engineering", 140, {"GCT": 1.0, "CSU": 0.5, "MED": 0.6, "HACK": 0.3,
      "TRAIN": 0.05}, terse=0.45, typos=0.03, sloppy=0.1),
    P("Mina", "Farouk", "BI", 135, {"PLM": 0.8, "CR": 0.5, "OHP": 0.3, "ENH": 0.5, "PROD": 0.3},
      terse=0.3, typos=0.03),
    P("Eli", "Strand", "BI", 135, {"OHP": 0.6, "ENH": 0.6, "GCT": 0.5, "CSU": 0.3, "HACK": 0.1},
      terse=0.35, typos=0.025, sloppy=0.1),
    P("Kofi", "Mensah", "Support", 110, {"OHP": 1.3, "P1": 1.5, "PROD": 0.9, "ADMIN": 0.05},
      terse=0.5, typos=0.03, sloppy=0.12),
    P("Beth", "Ocampo", "Operations", 0, {"ADMIN": 0.8, "RECRUIT": 0.25}, terse=0.3,
      sloppy=0.03),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}
# November's pace: the allowance runs out in it and the go-live brings support
MONTH_PACE = {"OHP": 1.4, "PROD": 1.5, "MED": 1.0}

# --- Clockify projects (sows/clockify_setup.md) -------------------------------------------------

PLM_CLIENT, OHP_CLIENT = "Prairie Lane Markets", "Osage Health Plan"
CSU_CLIENT, GCT_CLIENT = "Cimarron State University", "Green Country Transit Authority"
FIRM = "Redbud"
PB, PS = "PLM Lakehouse Build", "PLM Production Support"
OB = "OHP Managed BI"
CU = "CSU Rural Health Analytics"
GP, GH = "GCT Performance Analytics", "GCT Open Data Hackathon"
ADM, BDP, LAB = "RBA Administration", "RBA Business Development", "RBA Sandbox & Licences"
TRN, TLS, REC = "RBA Training", "RBA Accelerators", "RBA Recruiting"
MTG, OFF = "RBA Firm Meetings", "RBA Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    PB: (PLM_CLIENT, {"Sprint Work": N, "Change Requests": Y, "Project Management": N}),
    PS: (PLM_CLIENT, {"Production Support": Y}),
    OB: (OHP_CLIENT, {"Incidents": N, "Service Requests": N, "Monitoring & Refreshes": N,
                      "Enhancements": Y, "Service Review": N}),
    CU: (CSU_CLIENT, {"Data Engineering": Y, "Modeling & Analysis": Y, "Dashboard": Y,
                      "Coordination": Y}),
    GP: (GCT_CLIENT, {"Ridership Dashboard": Y, "APC & OTP": Y, "Meetings & Presentations": Y}),
    GH: (GCT_CLIENT, {"Hackathon": N}),
    ADM: (FIRM, {"Admin": N, "Billing": N}),
    BDP: (FIRM, {"Proposals & Estimates": N, "PoC Demos": N}),
    LAB: (FIRM, {"Cloud Sandbox": N, "Licences": N}),
    TRN: (FIRM, {"Courses": N, "Certifications": N}),
    TLS: (FIRM, {"Internal Tooling": N}),
    REC: (FIRM, {"Hiring": N}),
    MTG: (FIRM, {"Delivery Sync": N, "Lunch & Learn": N, "All-Hands": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
OPENED = {PB: PLM_SIGNED, PS: GO_LIVE, OB: OHP_SIGNED, CU: CSU_SIGNED, GP: GCT_SIGNED,
          GH: HACK_LETTER}  # fmt: skip
CLIENT_GROUPS = ("PLM", "CR", "PROD", "OHP", "P1", "ENH", "CSU", "MED", "GCT", "HACK")
CLIENT_OF = {
    "PLM": "PLM", "CR": "PLM", "PROD": "PLM", "OHP": "OHP", "P1": "OHP", "ENH": "OHP",
    "CSU": "CSU", "MED": "CSU", "GCT": "GCT", "HACK": "GCT",
}  # fmt: skip
MARKERS = {
    "PLM": ("Prairie Lane", "PLM", "Prairie Lane Markets"),
    "OHP": ("Osage", "OHP", "Osage Health"),
    "CSU": ("Cimarron State", "CSU", "Cimarron"),
    "GCT": ("Green Country Transit", "GCT", "transit"),
}
HOME = {"PLM": PB, "OHP": OB, "CSU": CU, "GCT": GP}

# --- activities -------------------------------------------------------------------------------

Window = tuple[date, date]


@dataclass(frozen=True)
class Activity:
    key: str
    group: str
    project: str
    tasks: tuple[str, ...]
    templates: tuple[str, ...]
    code: CodeFn
    windows: tuple[Window, ...]
    who: str = ""  # first names; "" = anyone with the group
    weight: float = 1.0
    hours: tuple[float, float] = (1.0, 3.0)
    category: str = ""  # what makes it hard in the month, whatever the text
    novel: tuple[str, ...] = ()  # phrasings only the open month uses
    tickets: tuple[str, ...] = ()  # how engineers really log: a ticket or a table and a verb

    def code_on(self, day: date, who: str) -> str:
        return self.code(day, who)

    def active(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.windows)

    def can(self, person: Person) -> bool:
        return not self.who or person.first in self.who.split()


A = Activity
YEAR = ((FIRST_DAY, LAST_DAY),)


def W(first: date, last: date) -> tuple[Window, ...]:  # one date window
    return ((first, last),)


def after(day: date) -> date:
    return day + timedelta(1)


PLM_WHO = "Grant Lauren Priya Tomás Hannah Mina"
SPR, CR = fixed("PLM-SPR"), fixed("PLM-CR")
ACTIVITIES: tuple[Activity, ...] = (
    # ---- Prairie Lane: sprints (fixed fee), change requests, pre-go-live fixes, support ----
    A("plm_s1", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 1 - POS ingestion pipeline (Snowpipe)", "inventory feed pipeline - Sprint 1",
        "Sprint 1 planning + backlog grooming", "raw POS landing tables + DQ checks",
        "Sprint 1 review demo prep",
    ), SPR, W(PLM_SIGNED, ACCEPTED[1]), who=PLM_WHO, weight=4.0,
      tickets=("LAKE-{lake} sprint story done", "pos_raw landing fix")),
    A("plm_s2", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 2 - dim_store + dim_product dbt models", "fact_sales model - grain + tests",
        "Sprint 2 data model review w/ Marcus", "dim_date + fiscal calendar",
        "Sprint 2 review demo - core model",
    ), SPR, W(after(ACCEPTED[1]), ACCEPTED[2]), who=PLM_WHO, weight=4.0,
      tickets=("dim_product scd2", "LAKE-{lake} dbt tests")),
    A("plm_s3", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 3 - fact_inventory model", "replenishment mart - on-hand snapshots",
        "Sprint 3 sprint planning", "inventory dashboard - PBI pages", "Sprint 3 review demo",
    ), SPR, W(after(ACCEPTED[2]), ACCEPTED[3]), who=PLM_WHO, weight=4.0,
      tickets=("fact_inventory snapshot fix", "LAKE-{lake} sprint story")),
    A("plm_s4", "PLM", PB, ("Sprint Work", "Project Management"), (
        "SSRS migration - store P&L report to PBI", "Sprint 4 migration - shrink reports",
        "legacy SSRS report inventory + mapping", "migrated reports UAT w/ store ops",
        "Sprint 4 review demo - migrated reports",
    ), SPR, W(after(ACCEPTED[3]), ACCEPTED[4]), who=PLM_WHO, weight=4.0,
      tickets=("LAKE-{lake} migration", "rpt_store_pl migrate")),
    A("plm_s5", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 5 - GL to POS reconciliation model", "month-end close dashboard - PBI",
        "finance recon tests + tie-outs", "Sprint 5 planning w/ finance",
        "Sprint 5 review demo - close dashboard",
    ), SPR, W(after(ACCEPTED[4]), ACCEPTED[5]), who=PLM_WHO, weight=4.0,
      tickets=("fact_gl_recon tie-out", "LAKE-{lake} recon")),
    A("plm_s6", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 6 - store ops dashboard (sales, labor)", "out-of-stock tiles - store ops",
        "labor hours model for store ops", "Sprint 6 planning", "Sprint 6 review demo",
    ), SPR, W(after(ACCEPTED[5]), ACCEPTED[6]), who=PLM_WHO, weight=4.0,
      tickets=("fact_labor model", "LAKE-{lake} store ops")),
    A("plm_defect", "PLM", PB, ("Sprint Work",), (
        "UAT defect - {tbl} duplicate rows", "LAKE-{lake} defect fix (accepted sprint)",
        "pre go-live fix - store ops dashboard totals", "defect triage w/ Marcus",
        "go-live readiness checklist", "prod deployment runbook",
    ), SPR, W(d(2026, 2, 2), GO_LIVE - timedelta(1)), who=PLM_WHO, weight=2.0, hours=(0.5, 2.0),
      category="go_live", tickets=("LAKE-{lake} fix", "{tbl} dedupe")),
    A("plm_s7", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 7 - dim_customer from loyalty feed", "fact_promo model + tests",
        "promo dashboard - PBI pages", "Sprint 7 planning", "loyalty mart - member match rules",
        "Sprint 7 review demo prep",
    ), SPR, W(SPRINT7_START, ACCEPTED[7] - timedelta(1)), who=PLM_WHO, weight=5.0,
      category="acceptance", novel=("loyalty tiers in dim_customer - Sprint 7",),
      tickets=("dim_customer build", "fact_promo tests", "LAKE-{lake} Sprint 7 story")),
    A("plm_s8", "PLM", PB, ("Sprint Work", "Project Management"), (
        "Sprint 8 - demand forecast feed design", "forecast feed to replenishment - pipeline",
        "Sprint 8 planning", "forecast export model (dbt)",
    ), SPR, W(SPRINT8_START, LAST_DAY), who=PLM_WHO, weight=5.0, category="acceptance",
      tickets=("fct_forecast_feed build", "LAKE-{lake} S8 story")),
    A("plm_prod", "PROD", PS, ("Production Support",), (
        "LAKE-{lake} prod fix - {tbl} late-arriving rows", "failed load - inventory pipeline rerun",
        "store ops dashboard refresh failure - rerun", "prod monitoring - nightly loads",
        "user questions - store ops dashboard (district mgrs)", "warehouse tuning - slow {tbl} queries",
        "month-end close dashboard - prod issue",
    ), prod_code, W(GO_LIVE, LAST_DAY), who="Kofi Tomás Hannah Priya Lauren Mina", weight=5.0,
      hours=(0.5, 2.5), category="hypercare", novel=("Snowflake warehouse credits spike - resize",),
      tickets=("LAKE-{lake} fix", "{tbl} backfill", "LAKE-{lake} rerun")),
    A("plm_s7_prod", "PROD", PS, ("Production Support",), (
        "promo dashboard - prod fix (Sprint 7)", "loyalty mart - dim_customer load failure",
        "fact_promo refresh rerun", "promo dashboard user questions",
    ), prod_code, W(ACCEPTED[7], LAST_DAY), who="Kofi Tomás Mina Priya", weight=4.0,
      hours=(0.5, 2.0), category="acceptance", tickets=("dim_customer backfill", "fact_promo rerun")),
    A("plm_cr01", "CR", PB, ("Change Requests",), (
        "CR-01 vendor scorecard - model", "CR-01 scorecard dashboard page", "CR-01 testing w/ buyers",
    ), CR, W(CR01, ACCEPTED[3]), who=PLM_WHO, weight=4.0),
    A("plm_cr02_est", "NB", BDP, ("Proposals & Estimates",), (
        "CR-02 e-com orders - sizing", "CR-02 estimate for Denise",
    ), fixed("RBA-BD"), W(d(2026, 6, 22), CR02 - timedelta(1)), who="Lauren Grant Priya", weight=3.0,
      hours=(0.5, 1.5)),
    A("plm_cr02", "CR", PB, ("Change Requests",), (
        "CR-02 e-commerce orders pipeline", "CR-02 fact_online_orders model", "CR-02 UAT",
    ), CR, W(CR02, d(2026, 9, 11)), who=PLM_WHO, weight=4.0),
    A("plm_cr03_est", "NB", BDP, ("Proposals & Estimates",), (
        "CR-03 real-time POS streaming - sizing", "CR-03 Kafka option estimate",
    ), fixed("RBA-BD"), W(d(2026, 8, 17), CR03_DECLINED), who="Lauren Grant Tomás", weight=3.0,
      hours=(0.5, 1.5)),
    A("plm_cr04_est", "NB", PB, ("Change Requests", "Project Management"), (
        "CR-04 shrink dashboard - sizing", "CR-04 estimate + mockups for Denise",
        "CR-04 shrink/waste data sources check",
    ), fixed("RBA-BD"), W(CR04_SUBMITTED, CR04 - timedelta(1)), who="Lauren Grant Mina Priya",
      weight=5.0, hours=(0.5, 1.5), category="estimate"),
    A("plm_cr04", "CR", PB, ("Change Requests",), (
        "CR-04 shrink dashboard build", "CR-04 fact_shrink model", "CR-04 waste by store - dbt",
        "CR-04 dashboard review w/ Marcus",
    ), CR, W(CR04, LAST_DAY), who=PLM_WHO, weight=6.0, category="change_order",
      novel=("shrink by department drill-through (CR-04)",), tickets=("fact_shrink build",)),
    A("plm_cr05_est", "NB", PB, ("Change Requests", "Project Management"), (
        "CR-05 price elasticity - sizing", "CR-05 estimate draft", "CR-05 store clusters data check",
    ), fixed("RBA-BD"), W(CR05_SUBMITTED, LAST_DAY), who="Lauren Grant Priya", weight=4.0,
      hours=(0.5, 1.5), category="estimate"),
    # ---- Osage: retainer support, P1 incidents, enhancements under EO-1 ----
    A("ohp_inc", "OHP", OB, ("Incidents",), (
        "{inc} {rpt} not refreshing - fix", "{inc} wrong totals in {rpt}", "{inc} gateway timeout",
        "{inc} RLS issue - {rpt}", "{inc} triage + user comms",
    ), ohp_code, W(OHP_SIGNED, LAST_DAY), who="Kofi Caleb Hannah Eli Mina", weight=4.0,
      hours=(0.5, 2.0), category="allowance", novel=("{inc} semantic model relationship broke",),
      tickets=("{inc} fix", "{inc} refresh rerun", "{inc}")),
    A("ohp_sr", "OHP", OB, ("Service Requests",), (
        "{sr} workspace access for new analysts", "{sr} add column to {rpt}",
        "{sr} refresh schedule change", "{sr} data question - member months",
    ), ohp_code, W(OHP_SIGNED, LAST_DAY), who="Kofi Eli Mina Caleb", weight=3.0, hours=(0.3, 1.5),
      category="allowance", tickets=("{sr} done", "{sr}")),
    A("ohp_mon", "OHP", OB, ("Monitoring & Refreshes", "Service Review"), (
        "refresh monitoring - overnight failures", "ADF pipeline checks", "{prev} service review deck",
        "gateway patching + capacity check", "support hours report for Ray",
    ), ohp_code, W(OHP_SIGNED, LAST_DAY), who="Kofi Caleb Hannah", weight=2.0, hours=(0.5, 1.5),
      category="allowance"),
    A("ohp_p1_3318", "P1", OB, ("Incidents",), (
        "INC-3318 P1 claims lag dashboard - fix refresh", "INC-3318 RCA",
    ), fixed("OHP-P1"), W(*P1_WINDOWS["INC-3318"]), who="Caleb Hannah Kofi", weight=5.0),
    A("ohp_p1_4102", "P1", OB, ("Incidents",), (
        "INC-4102 pharmacy feed failure", "INC-4102 Star ratings refresh + RCA",
    ), fixed("OHP-P1"), W(*P1_WINDOWS["INC-4102"]), who="Caleb Hannah Kofi", weight=5.0),
    A("ohp_p1_4471", "P1", OB, ("Incidents",), (
        "INC-4471 claims dashboard down - gateway", "INC-4471 dataset rebuild + verify",
        "INC-4471 user comms", "INC-4471 RCA write-up",
    ), fixed("OHP-P1"), W(*P1_WINDOWS["INC-4471"]), who="Caleb Hannah Kofi", weight=6.0,
      category="p1", tickets=("INC-4471", "INC-4471 fix")),
    A("ohp_p1_4529", "P1", OB, ("Incidents",), (
        "INC-4529 encounter pipeline failing", "INC-4529 state submission report - rerun",
        "INC-4529 RCA", "INC-4529 status updates to Ray",
    ), fixed("OHP-P1"), W(*P1_WINDOWS["INC-4529"]), who="Caleb Hannah Kofi", weight=6.0,
      category="p1", tickets=("INC-4529 fix", "INC-4529")),
    A("ohp_enh012", "NB", OB, ("Enhancements",), (
        "ENH-012 prior-auth turnaround report - estimate", "ENH-012 scoping w/ Ray",
    ), fixed("RBA-BD"), W(ENH012, d(2026, 5, 8)), who="Caleb Eli", weight=4.0, hours=(0.5, 1.5)),
    A("ohp_enh_est", "NB", OB, ("Enhancements",), (
        "ENH-031 network adequacy dashboard - estimate", "ENH-034 HEDIS gap measures - scoping",
        "ENH-036 PBM pharmacy source - sizing", "ENH-031 mockup (pre-order)",
    ), fixed("RBA-BD"), W(ENH_REQUESTED, EO1 - timedelta(1)), who="Caleb Eli Mina Marisa",
      weight=4.0, hours=(0.5, 2.0), category="estimate"),
    A("ohp_enh", "ENH", OB, ("Enhancements",), (
        "ENH-031 network adequacy dashboard build", "ENH-034 HEDIS gap measures - DAX",
        "ENH-036 PBM feed ADF pipeline", "ENH-031 drive-distance map page",
        "ENH-034 measure validation w/ quality team",
    ), fixed("OHP-ENH"), W(EO1, LAST_DAY), who="Caleb Eli Mina Hannah", weight=6.0,
      category="change_order", novel=("ENH-036 pharmacy claims model in the semantic model",),
      tickets=("ENH-031", "ENH-036 pipeline")),
    A("ohp_enh040", "NB", OB, ("Enhancements",), (
        "ENH-040 member churn dashboard - estimate", "ENH-040 churn data sources check",
    ), fixed("RBA-BD"), W(ENH040, LAST_DAY), who="Caleb Eli", weight=4.0, hours=(0.5, 1.5),
      category="estimate"),
    # ---- Cimarron State: by role under the NTE, DUAs ----
    A("csu_ohdd", "CSU", CU, ("Data Engineering", "Modeling & Analysis"), (
        "OHDD discharge data - linkage to facilities", "OHDD cleaning - admission types",
        "discharge data QA - {yr} file", "readmission flags from OHDD",
    ), dua_code(DUA1), W(CSU_SIGNED, LAST_DAY), who="Jaylen Rosa Caleb Hannah", weight=4.0,
      category="grant_year", tickets=("#{gl} OHDD linkage", "ohdd_{yr} load")),
    A("csu_model", "CSU", CU, ("Modeling & Analysis",), (
        "readmission model - mixed effects", "travel-time model - drive-time grid",
        "outcomes model diagnostics", "sensitivity analysis - rural definition",
    ), dua_code(DUA1), W(d(2026, 2, 16), LAST_DAY), who="Rosa Caleb", weight=4.0,
      category="grant_year", novel=("model refit w/ facility random effects (aim 2)",)),
    A("csu_public", "CSU", CU, ("Data Engineering",), (
        "ACS county covariates pipeline", "CMS provider of services file - facility table",
        "drive-time grid refresh (aim 1)",
    ), csu_code, W(CSU_SIGNED, LAST_DAY), who="Jaylen Eli", weight=2.0, category="grant_year"),
    A("csu_plan", "CSU", CU, ("Coordination", "Modeling & Analysis"), (
        "aims meeting w/ Dr. Burkhalter", "analysis plan - aim 2", "manuscript methods section",
        "grant progress report draft", "weekly CSU check-in",
    ), csu_code, W(CSU_SIGNED, LAST_DAY), who="Grant Rosa Caleb Lauren", weight=2.5,
      hours=(0.5, 2.0), category="grant_year"),
    A("csu_dash", "CSU", CU, ("Dashboard",), (
        "rural access dashboard - county map", "public dashboard design", "dashboard refresh + QA",
    ), csu_code, W(d(2026, 4, 1), LAST_DAY), who="Eli Jaylen", weight=2.0, category="grant_year"),
    A("csu_medicaid", "MED", CU, ("Data Engineering", "Modeling & Analysis"), (
        "SoonerCare extract - staging tables", "Medicaid claims load + profiling",
        "Medicaid enrollment spans", "Medicaid claims linkage to OHDD",
    ), dua_code(DUA2), W(MEDICAID_REQUESTED, LAST_DAY), who="Jaylen Rosa", weight=5.0,
      category="dua", tickets=("medicaid_claims load", "#{gl} Medicaid")),
    # ---- Green Country Transit: public-sector rate, the pause, the hackathon ----
    A("gct_rid", "GCT", GP, ("Ridership Dashboard",), (
        "ridership dashboard - route pages", "ridership pipeline from fare system",
        "ridership data model - boardings by stop", "ridership dashboard refresh fix",
        "fare media mix page - ridership",
    ), gct_ridership, W(GCT_SIGNED, LAST_DAY), who="Jaylen Eli Rosa", weight=4.0,
      category="pause", novel=("ridership model - new fare product codes",),
      tickets=("fare_txn load", "ridership_daily rerun")),
    A("gct_apc", "GCT", GP, ("APC & OTP",), (
        "APC pipeline - stop-level counts", "APC data quality checks", "{prev} OTP report",
        "OTP by route - late trips analysis", "stop consolidation analysis",
    ), fixed("GCT-SVC"), W(GCT_SIGNED, LAST_DAY), who="Jaylen Rosa Eli", weight=3.5,
      category="same_word", tickets=("apc_counts dq", "otp_monthly build")),
    A("gct_pres", "GCT", GP, ("Meetings & Presentations",), (
        "performance committee deck", "check-in w/ Luis Cardenas", "board presentation - OTP",
        "open data monthly publish (GTFS)",
    ), fixed("GCT-SVC"), W(GCT_SIGNED, LAST_DAY), who="Marisa Rosa Eli", weight=2.0,
      hours=(0.5, 2.0), category="same_word"),
    A("gct_hack", "HACK", GH, ("Hackathon",), (
        "hackathon open datasets prep", "hackathon starter notebooks", "GTFS docs for hackathon",
        "hackathon planning w/ Aimee", "hackathon PBI template for teams",
    ), fixed("GCT-HACK"), W(HACK_LETTER, d(2026, 11, 20)), who="Rosa Jaylen Eli Marisa",
      weight=3.0, hours=(0.5, 2.5), category="pro_bono"),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin",), (
        "timesheets", "expense report", "1:1 w/ Marisa", "laptop update", "Clockify cleanup",
        "performance review self-assessment", "HR paperwork",
    ), fixed("RBA-ADMIN"), YEAR, weight=1.0, hours=(0.3, 1.2)),
    A("billing", "ADMIN", ADM, ("Billing",), (
        "{prev} invoices", "AR follow-up", "QuickBooks reconciliation", "approve timesheets",
        "retainer + overage invoice prep", "grant invoice by role - CSU",
    ), fixed("RBA-ADMIN"), YEAR, who="Beth", weight=6.0, hours=(1.0, 3.5)),
    A("nb", "NB", BDP, ("Proposals & Estimates", "PoC Demos"), (
        "RFP - county health dept BI", "proposal - Tulsa Regional Credit Union",
        "PoC demo build - churn model (prospect)", "PoC demo - inventory forecasting for prospect",
        "capabilities deck refresh", "case study - Lakehouse",
    ), fixed("RBA-BD"), YEAR, who="Marisa Grant Priya", weight=2.0, category="same_word",
      novel=("proposal - Broken Arrow schools attendance dashboard",)),
    A("lab", "LAB", LAB, ("Cloud Sandbox", "Licences"), (
        "Snowflake sandbox cost cleanup", "Azure sandbox - reset dev subscription",
        "Power BI Pro licences renewal", "dbt Cloud seats", "Fivetran trial connector (sandbox)",
    ), fixed("RBA-LAB"), YEAR, who="Hannah Beth", weight=1.0, hours=(0.5, 2.0),
      category="same_word"),
    A("train", "TRAIN", TRN, ("Courses", "Certifications"), (
        "DP-203 study (Azure data engineer)", "SnowPro Core prep", "PL-300 practice exam",
        "dbt fundamentals course", "Tableau certification prep", "mentoring junior BI dev",
    ), fixed("RBA-TRAIN"), YEAR, weight=1.0, hours=(1.0, 2.5), category="same_word"),
    A("tool", "TOOL", TLS, ("Internal Tooling",), (
        "RBA-DEV-{dev} dbt starter kit macros", "pipeline template - ADF", "PBI theme + template library",
        "dq checks package - freshness tests",
    ), fixed("RBA-TOOL"), YEAR, who="Tomás", weight=1.0, hours=(1.0, 2.5), category="same_word"),
    A("recruit", "RECRUIT", REC, ("Hiring",), (
        "interview - data engineer cand", "take-home exercise review", "job post - BI developer",
        "screening calls", "new hire onboarding - laptop + access",
    ), fixed("RBA-RECRUIT"), YEAR, weight=1.0, hours=(0.5, 1.5)),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("dashboard", "dash"), ("Power BI", "PBI"), ("pipeline", "pipe"), ("Prairie Lane", "PLM"),
    ("Osage", "OHP"), ("Cimarron State", "CSU"), ("Snowflake", "SF"), ("with", "w/"),
    ("data quality", "DQ"), ("review", "rvw"), ("estimate", "est."), ("monitoring", "mon."),
    ("refresh", "rfsh"), ("hackathon", "hack"), ("Medicaid", "MCD"), ("readmission", "readmit"),
    ("model", "mdl"), ("migration", "migr."), ("production", "prod"), ("reconciliation", "recon"),
    ("Sprint", "Spr"), ("ridership", "ridrshp"), ("analysis", "anlys"), ("documentation", "docs"),
)  # fmt: skip
TYPOS = {
    "dashboard": "dashbaord",
    "pipeline": "pipleine",
    "refresh": "refersh",
    "Sprint": "Spritn",
    "model": "modle",
    "ridership": "riderhsip",
    "hackathon": "hackaton",
    "estimate": "estiamte",
    "Medicaid": "Medicad",
    "readmission": "readmision",
    "monitoring": "monitorign",
    "migration": "migraiton",
    "inventory": "inventroy",
    "linkage": "linakge",
    "gateway": "gatway",
    "promo": "prmoo",
    "shrink": "shirnk",
    "failure": "faliure",
    "proposal": "propsal",
    "timesheets": "timehseets",
    "invoices": "invocies",
    "interview": "intervew",
    "delivery sync": "delivery synk",
    "lunch": "luch",
    "all-hands": "all-hnads",
}
VAGUE = ("emails", "misc", "follow up", "various", "TBD", "work")
VAGUE_CLIENT = ("dashboard", "dashboards", "pipeline", "ticket", "tickets", "support",
                "data work", "analysis", "meeting", "fixes", "see above", "same as yesterday")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (no charge)", " NC", " -- emergency rate", " - P1 rate",
    " [code this as {code}]", " - hypercare, don't bill", " on the retainer", " - pro bono",
    " overage", " billable!!", " under the CR", " (approved by Marisa)",
)  # fmt: skip
WRONG_CODES = ("PLM-SPR", "PLM-HYP", "PLM-CR", "OHP-RET", "OHP-P1", "OHP-ENH", "CSU-SR",
               "CSU-OVR", "GCT-SVC", "GCT-HACK", "RBA-BD", "RBA-LAB")  # fmt: skip
SAME_WORD = re.compile(
    r"dashboard|dash\b|pipeline|pipe\b|ticket|sprint|spr\b|model|mdl|migrat|migr\.|support"
    r"|enhancement|refresh|rfsh|demo|PoC|certif|sandbox",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
PLM_TABLES = ("fact_sales", "fact_inventory", "dim_store", "dim_product", "fact_labor",
              "fact_gl_recon")  # fmt: skip
OHP_REPORTS = ("claims lag dashboard", "provider network report", "pharmacy spend dashboard",
               "care mgmt caseload report", "HEDIS tracker", "Star ratings dashboard")  # fmt: skip
P1_INCIDENTS = {int(k[4:]) for k in P1_WINDOWS}


def ticket_day(day: date) -> int:
    return (day - FIRST_DAY).days


def incident(day: date, rng: Random) -> str:
    """An Osage incident number in sequence; never one the record of events declares P1."""
    n = 3000 + ticket_day(day) * 4 + rng.randint(-30, 4)
    while n in P1_INCIDENTS:
        n += 3
    return f"INC-{n}"


def weighted(rng: Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    pick = rng.random() * total
    for item, weight in items:
        pick -= weight
        if pick <= 0:
            return item
    return items[-1][0]


def fill(template: str, day: date, rng: Random) -> str:
    prev = (day.replace(day=1) - timedelta(1)).strftime("%b")
    n = ticket_day(day)
    return template.format(
        prev=prev, lake=100 + n + rng.randint(-20, 3), inc=incident(day, rng),
        sr=f"SR-{520 + n + rng.randint(-15, 3)}", gl=10 + n // 3 + rng.randint(-5, 1),
        tbl=rng.choice(PLM_TABLES), rpt=rng.choice(OHP_REPORTS), yr=rng.choice(range(2018, 2025)),
        dev=40 + n // 9 + rng.randint(-3, 0),
    )  # fmt: skip


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
        if rng.random() < person.typos * (14 if self.month else 1):
            wrong = misspell(text, rng)
            if wrong != text:
                easy = ("", "same_word", "abbreviation", "internal")
                text, hard = wrong, "typo" if hard in easy else hard
        if hard == "same_word" and not SAME_WORD.search(text):
            hard = ""
        if not hard and novel:
            hard = "novel"
        return text, hard or "plain"

    def tags_for(self, project: str, text: str, person: Person) -> str:
        rng = self.rng
        if rng.random() < 0.5 or project in (OFF, MTG):
            return ""
        low, tags = text.lower(), []
        if "onsite" in low or "on site" in low or "stillwater" in low or "service review" in low:
            tags.append("Onsite")
        if project == OB and person.first in ("Kofi", "Hannah") and rng.random() < 0.3:
            tags.append("OnCall")
        if any(w in low for w in ("dashboard", "pbi", "power bi", "report", "dax", "semantic")):
            tags.append("PowerBI")
        if any(w in low for w in ("snowflake", "snowpipe", "warehouse", "fact_", "dim_")):
            tags.append("Snowflake")
        if "dbt" in low or (project == PB and " model" in f" {low}" and rng.random() < 0.5):
            tags.append("dbt")
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "allowance":
            return "allowance" if code == "OHP-OVR" or day >= d(2026, 11, 13) else ""
        if act.category == "grant_year":
            return "grant_year" if d(2026, 11, 9) <= day <= d(2026, 11, 23) else "plain"
        if act.category == "pause":
            return "pause" if day <= d(2026, 11, 24) else "same_word"
        if act.key == "plm_s8":
            return "acceptance" if day <= d(2026, 11, 24) else "plain"
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key in ("plm_prod", "plm_s7_prod") and rng.random() < 0.25:
            project = PB  # support logged on the build project, as before go-live
        elif act.key in ("plm_cr04_est", "plm_cr05_est", "ohp_enh_est") and rng.random() < 0.35:
            project = BDP
        elif act.key == "gct_hack" and rng.random() < 0.12:
            project = GP
        elif act.key == "csu_medicaid" and rng.random() < 0.05:
            project = BDP
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.7 else rng.choice(act.tasks)
        if task not in tasks:
            task = {
                PB: "Sprint Work", BDP: "Proposals & Estimates", GP: "Meetings & Presentations",
            }.get(project, sorted(tasks)[0])  # fmt: skip
        return project, task

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> float:
        rng = self.rng
        code = act.code_on(day, person.first)
        category = self.category_of(act, day, code)
        novel = bool(act.novel) and self.month and rng.random() < 0.3
        if act.tickets and rng.random() < (0.15 if self.month else 0.07):
            text, novel = fill(rng.choice(act.tickets), day, rng), False
            if category in ("", "plain", "same_word"):
                category = "ticket"
        else:
            text = fill(rng.choice(act.novel if novel else act.templates), day, rng)
        if not category and re.search(r"\b(?:INC|SR)-\d", text):
            category = "ticket"
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
            if other is not None and other.code_on(day, person.first) != code:
                text, hours, code = self.mixed(text, hours, code, other, day)
                category = "mixed"
        tags = self.tags_for(project, text, person)
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
        if self.month:
            groups = {g: s * MONTH_PACE.get(g, 1.0) for g, s in groups.items()}
        if PAUSE <= day < RESTART and "GCT" in groups:  # little work on a paused dashboard
            groups["GCT"] *= 0.6
        group = weighted(self.rng, list(groups.items()))
        acts = [
            (a, a.weight * (0.5 if a.key == "gct_rid" and PAUSE <= day < RESTART else 1.0))
            for a in ACTIVITIES
            if a.group == group and a.key != exclude and a.active(day) and a.can(person)
        ]  # fmt: skip
        return weighted(self.rng, acts) if acts else None


# --- dated events of the documents ---------------------------------------------------------------

# (day, person): (project, task, text, hours, code, category, start minute or -1)
Event = tuple[str, str, str, float, str, str, int]
H = 60  # minutes in an hour, for start times

TO_STW = ("travel Tulsa to Stillwater - CSU", "travel Stillwater to Tulsa")

EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history: Prairie Lane ----
    (d(2025, 12, 1), "Grant"): ((PB, "Project Management", "SOW-1 signed - Lakehouse kickoff w/ Denise Harjo", 1.5, "PLM-SPR", "", -1),),
    (d(2026, 1, 30), "Lauren"): ((PB, "Project Management", "Sprint 1 acceptance - POS/inventory ingestion signed off", 0.8, "PLM-SPR", "", -1),),
    (d(2026, 3, 2), "Grant"): ((PB, "Change Requests", "CR-01 approved by Denise - vendor scorecard kickoff", 1.0, "PLM-CR", "", -1),),
    (d(2026, 6, 19), "Priya"): ((PB, "Sprint Work", "Sprint 4 acceptance - 44 SSRS reports migrated", 1.0, "PLM-SPR", "", -1),),
    (d(2026, 7, 7), "Lauren"): ((PB, "Change Requests", "CR-02 approved - e-com orders source kickoff", 1.0, "PLM-CR", "", -1),),
    (d(2026, 9, 4), "Grant"): ((BDP, "Proposals & Estimates", "CR-03 declined by Denise - close out streaming sizing", 0.5, "RBA-BD", "", -1),),
    (d(2026, 10, 12), "Priya"): ((PB, "Sprint Work", "Sprint 7 kickoff - loyalty + promotions mart", 1.5, "PLM-SPR", "", -1),),
    # ---- history: Osage ----
    (d(2026, 1, 5), "Marisa"): ((OB, "Service Review", "Osage MSA signed - support onboarding w/ Dr. Youngblood", 1.5, "OHP-RET", "", -1),),
    (d(2026, 3, 9), "Caleb"): ((OB, "Incidents", "INC-3318 declared P1 - claims lag dashboard before CFO mtg", 3.0, "OHP-P1", "", 7 * H),),
    (d(2026, 3, 9), "Hannah"): ((OB, "Incidents", "INC-3318 P1 - ADF pipeline rerun + dataset refresh", 2.5, "OHP-P1", "", 18 * H),),
    (d(2026, 6, 23), "Kofi"): ((OB, "Service Requests", "June 45 h reached - allowance notice to Dr. Youngblood", 0.3, "OHP-OVR", "", -1),),
    (d(2026, 8, 20), "Hannah"): ((OB, "Incidents", "INC-4102 P1 - pharmacy claims feed failed", 4.0, "OHP-P1", "", -1),),
    (d(2026, 10, 19), "Caleb"): ((OB, "Enhancements", "ENH-031/034/036 requests in - first look for estimates", 1.0, "RBA-BD", "", -1),),
    # ---- history: Cimarron State ----
    (d(2026, 1, 5), "Grant"): ((CU, "Coordination", "CSU subaward signed - kickoff w/ Dr. Burkhalter", 1.5, "CSU-SR", "", -1),),
    (d(2026, 1, 12), "Jaylen"): ((CU, "Data Engineering", "OHDD discharge extract request + data dictionary", 1.5, "CSU-DUA", "", -1),),
    (d(2026, 1, 20), "Rosa"): ((CU, "Modeling & Analysis", "OHDD sample files profiling (DUA pending)", 2.0, "CSU-DUA", "", -1),),
    (d(2026, 1, 26), "Rosa"): ((CU, "Data Engineering", "DUA-1 signed - OHDD load to enclave", 2.5, "CSU-SR", "", -1),),
    (d(2026, 9, 21), "Grant"): ((CU, "Coordination", "no-cost extension signed - Year 1 to Nov 15", 0.5, "CSU-SR", "", -1),),
    (d(2026, 10, 26), "Grant"): ((CU, "Coordination", "NTE notice from Sam Oyelaran - Year 1 ceiling reached", 0.5, "CSU-OVR", "", -1),),
    (d(2026, 10, 27), "Rosa"): ((CU, "Modeling & Analysis", "travel-time model - drive-time grid update", 3.0, "CSU-OVR", "", -1),),
    (d(2026, 6, 10), "Grant"): (
        (CU, "Coordination", TO_STW[0], 1.5, "RBA-TRAVEL", "", 7 * H + 30),
        (CU, "Coordination", "aims review at the Center w/ Dr. Burkhalter", 2.0, "CSU-SR", "", 9 * H + 30),
        (CU, "Coordination", TO_STW[1], 1.5, "RBA-TRAVEL", "", 12 * H)),
    # ---- history: Green Country Transit ----
    (d(2026, 2, 2), "Marisa"): ((GP, "Meetings & Presentations", "GCT contract signed - kickoff w/ Luis Cardenas", 1.0, "GCT-SVC", "", -1),),
    (d(2026, 4, 6), "Eli"): ((GP, "Ridership Dashboard", "ridership dashboard v1 published for the board", 2.0, "GCT-SVC", "", -1),),
    (d(2026, 10, 5), "Marisa"): ((GH, "Hackathon", "hackathon pro bono letter - scope w/ Aimee Bowlegs", 1.0, "GCT-HACK", "", -1),),
    # ---- the open month: Prairie Lane ----
    (d(2026, 11, 3), "Lauren"): ((PB, "Change Requests", "CR-04 shrink dashboard - sizing call w/ Marcus", 1.0, "RBA-BD", "estimate", -1),),
    (d(2026, 11, 6), "Priya"): ((PB, "Sprint Work", "Sprint 6 defect - out-of-stock tile counts (pre go-live)", 1.5, "PLM-SPR", "go_live", -1),),
    (d(2026, 11, 7), "Tomás"): ((PB, "Sprint Work", "go-live cutover prep - prod pipelines dry run (Sat)", 3.0, "PLM-SPR", "go_live", 10 * H),),
    (d(2026, 11, 9), "Lauren"): ((PS, "Production Support", "go-live day - hypercare rota + first-day triage call", 1.5, "PLM-HYP", "hypercare", 8 * H),),
    (d(2026, 11, 9), "Tomás"): ((PS, "Production Support", "go-live day: POS pipeline first prod loads watch", 2.5, "PLM-HYP", "hypercare", -1),),
    (d(2026, 11, 10), "Mina"): ((PB, "Change Requests", "CR-04 shrink dashboard mockups (not approved yet)", 2.0, "RBA-BD", "estimate", -1),),
    (d(2026, 11, 12), "Grant"): ((PB, "Change Requests", "CR-04 approved by Denise - kickoff", 1.0, "PLM-CR", "change_order", -1),),
    (d(2026, 11, 17), "Priya"): ((PB, "Sprint Work", "Sprint 7 review demo - loyalty mart + promo dashboard", 2.0, "PLM-SPR", "acceptance", -1),),
    (d(2026, 11, 17), "Lauren"): ((PB, "Project Management", "Sprint 7 acceptance package to Denise", 0.8, "PLM-SPR", "acceptance", -1),),
    (d(2026, 11, 18), "Mina"): ((PS, "Production Support", "promo dashboard slicer fix after prod release (Sprint 7 accepted today)", 1.5, "PLM-HYP", "acceptance", -1),),
    (d(2026, 11, 19), "Tomás"): ((PB, "Sprint Work", "Sprint 8 kickoff - forecast feed design", 2.0, "PLM-SPR", "acceptance", -1),),
    (d(2026, 11, 20), "Kofi"): ((PS, "Production Support", "store ops dashboard refresh failed - rerun (last hypercare day)", 1.0, "PLM-HYP", "hypercare", -1),),
    (d(2026, 11, 20), "Lauren"): ((PB, "Project Management", "CR-05 price elasticity - sizing", 1.0, "RBA-BD", "estimate", -1),),
    (d(2026, 11, 24), "Tomás"): ((PS, "Production Support", "dim_customer backfill", 2.0, "PLM-SUP", "ticket", -1),),
    # ---- the open month: Osage ----
    (d(2026, 11, 3), "Caleb"): ((OB, "Incidents", "INC-4471 P1 declared - claims dashboard down after gateway update, triage", 2.5, "OHP-P1", "p1", 7 * H),),
    (d(2026, 11, 3), "Hannah"): ((OB, "Incidents", "INC-4471 gateway + dataset refresh fix", 3.0, "OHP-P1", "p1", 18 * H),),
    (d(2026, 11, 6), "Marisa"): ((OB, "Enhancements", "ENH-031/034/036 estimates sent to Dr. Youngblood", 1.0, "RBA-BD", "estimate", -1),),
    (d(2026, 11, 9), "Kofi"): ((OB, "Incidents", "INC-4488 P1?? finance report slow - tuned query", 1.0, "OHP-RET", "p1", -1),),
    (d(2026, 11, 16), "Marisa"): ((OB, "Enhancements", "EO-1 signed - ENH-031/034/036 kickoff", 1.0, "OHP-ENH", "change_order", -1),),
    (d(2026, 11, 17), "Kofi"): ((OB, "Service Requests", "Nov support hours at 44 - heads-up to Marisa", 0.3, "OHP-RET", "allowance", -1),),
    (d(2026, 11, 18), "Kofi"): ((OB, "Service Requests", "allowance notice sent - Nov 45 h reached", 0.3, "OHP-OVR", "allowance", 9 * H),),
    (d(2026, 11, 19), "Eli"): ((OB, "Enhancements", "ENH-040 churn dashboard - rough estimate", 1.0, "RBA-BD", "estimate", -1),),
    (d(2026, 11, 23), "Hannah"): ((OB, "Incidents", "INC-4529 encounter pipeline down - rerun + fix, long night", 9.0, "OHP-P1", "over_hours", 13 * H),),
    (d(2026, 11, 23), "Kofi"): (
        (PS, "Production Support", "fact_sales late rows - fix (hypercare?)", 1.5, "PLM-SUP", "hypercare", -1),
        (OB, "Incidents", "INC-4529 status updates - state submission blocked", 1.0, "OHP-P1", "p1", -1)),
    (d(2026, 11, 30), "Kofi"): ((OB, "Service Review", "Nov service review deck + onsite review", 1.5, "OHP-OVR", "allowance", -1),),
    # ---- the open month: Cimarron State ----
    (d(2026, 11, 4), "Rosa"): ((CU, "Data Engineering", "request SoonerCare Medicaid extract - data spec for the state", 1.0, "CSU-DUA", "dua", -1),),
    (d(2026, 11, 5), "Grant"): (
        (CU, "Coordination", TO_STW[0], 1.5, "RBA-TRAVEL", "travel", 7 * H + 30),
        (CU, "Coordination", "aims review at the Center w/ Dr. Burkhalter (Year 2 plan)", 2.0, "CSU-OVR", "grant_year", 9 * H + 30),
        (CU, "Coordination", TO_STW[1], 1.5, "RBA-TRAVEL", "travel", 12 * H)),
    (d(2026, 11, 10), "Jaylen"): ((CU, "Data Engineering", "Medicaid claims staging tables - schema from state sample", 2.0, "CSU-DUA", "dua", -1),),
    (d(2026, 11, 13), "Rosa"): ((CU, "Modeling & Analysis", "readmission model - refit w/ 2024 discharges", 3.0, "CSU-OVR", "grant_year", -1),),
    (d(2026, 11, 16), "Lauren"): ((CU, "Coordination", "Grant Year 2 notice of award - update budget tracker", 0.5, "CSU-AN", "grant_year", -1),),
    (d(2026, 11, 16), "Rosa"): ((CU, "Modeling & Analysis", "readmission model - sensitivity runs", 2.5, "CSU-SR", "grant_year", -1),),
    (d(2026, 11, 17), "Jaylen"): ((CU, "Data Engineering", "Medicaid extract test load (DUA-2 not signed yet)", 1.5, "CSU-DUA", "dua", -1),),
    # ---- the open month: Green Country Transit ----
    (d(2026, 11, 4), "Marisa"): ((GP, "Ridership Dashboard", "pause letter from Luis - ridership dashboard on hold, tell team", 0.5, "GCT-PAUSE", "pause", -1),),
    (d(2026, 11, 4), "Eli"): ((GP, "Ridership Dashboard", "ridership dashboard - fare table mapping (pause letter came in today)", 2.0, "GCT-PAUSE", "pause", -1),),
    (d(2026, 11, 9), "Jaylen"): ((GP, "APC & OTP", "APC pipeline DQ checks - not the paused one", 2.0, "GCT-SVC", "pause", -1),),
    (d(2026, 11, 12), "Eli"): ((GP, "Ridership Dashboard", "ridership dashboard - keep refresh alive during pause", 0.8, "GCT-PAUSE", "pause", -1),),
    (d(2026, 11, 14), "Rosa"): ((GH, "Hackathon", "Open Transit Hackathon - mentoring teams", 6.0, "GCT-HACK", "pro_bono", 9 * H),),
    (d(2026, 11, 14), "Jaylen"): ((GH, "Hackathon", "hackathon day - GTFS help desk + judges' demo session", 5.0, "GCT-HACK", "pro_bono", 9 * H),),
    (d(2026, 11, 14), "Marisa"): ((GH, "Hackathon", "hackathon judging + team demos", 2.0, "GCT-HACK", "pro_bono", 13 * H),),
    (d(2026, 11, 14), "Eli"): ((GP, "Ridership Dashboard", "hackathon - PBI template help for teams", 3.0, "GCT-HACK", "pro_bono", 9 * H + 30),),
    (d(2026, 11, 18), "Eli"): ((GP, "Ridership Dashboard", "restart letter - ridership dashboard back on, new fare tables", 2.0, "GCT-SVC", "pause", -1),),
    (d(2026, 11, 19), "Jaylen"): (
        (CU, "Data Engineering", "DUA-2 signed - load SoonerCare extract to enclave", 3.0, "CSU-AN", "dua", -1),
        (GP, "Ridership Dashboard", "ridership pipeline - new fare system API", 3.0, "GCT-SVC", "pause", -1)),
    (d(2026, 11, 20), "Rosa"): ((GH, "Hackathon", "hackathon write-up for Aimee", 1.5, "GCT-HACK", "pro_bono", -1),),
    # ---- the open month: internal ----
    (d(2026, 11, 13), "Priya"): ((BDP, "PoC Demos", "PoC demo for Tulsa Regional Credit Union - churn model", 2.0, "RBA-BD", "same_word", -1),),
    (d(2026, 11, 20), "Hannah"): ((LAB, "Cloud Sandbox", "Snowflake sandbox migration to new account", 2.0, "RBA-LAB", "same_word", -1),),
    (d(2026, 11, 12), "Mina"): ((TRN, "Certifications", "PL-300 cert exam (Power BI)", 3.0, "RBA-TRAIN", "same_word", 13 * H),),
    (d(2026, 11, 24), "Caleb"): ((TRN, "Certifications", "SnowPro Core exam - for the Osage work", 2.5, "RBA-TRAIN", "same_word", 13 * H),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 11), "Kofi"): (OB, "Service Requests", "SR-889 access request for new analyst (holiday)", 0.8, "OHP-RET"),
    (d(2026, 11, 26), "Caleb"): (OB, "Incidents", "INC-4529 RCA draft (holiday)", 1.5, "OHP-P1"),
    (d(2026, 11, 26), "Kofi"): (PS, "Production Support", "store ops dashboard refresh failed - rerun (Thanksgiving)", 1.0, "PLM-SUP"),
    (d(2026, 7, 3), "Beth"): (ADM, "Billing", "June invoices (holiday)", 1.5, "RBA-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Beth", d(2026, 11, 23)): "pto3", ("Jaylen", d(2026, 11, 30)): "sick",
               ("Mina", d(2026, 11, 25)): "pto", ("Grant", d(2026, 11, 27)): "pto",
               ("Eli", d(2026, 11, 10)): "sick", ("Marisa", d(2026, 11, 20)): "pto",
               ("Tomás", d(2026, 11, 30)): "sick", ("Priya", d(2026, 11, 27)): "pto"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("holiday", "Firm holiday", "", ""),
}
LEAVE_CODE = {"pto": "RBA-PTO", "sick": "RBA-SICK", "hol": "RBA-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}
BUSY = ("Lauren", "Tomás", "Kofi", "Hannah", "Caleb", "Rosa", "Jaylen", "Priya")


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
        sim.add(person, day, 24.0, OFF, "PTO", "PTO Nov 23-25", "RBA-PTO", "leave", False,
                start=9 * H, scripted=True)  # fmt: skip
        return
    text = rng.choice(LEAVE_TEXT[kind])
    if kind == "hol" and rng.random() < 0.5:
        text = {11: "Veterans Day", 12: "Christmas", 1: "New Year's", 5: "Memorial Day",
                7: "July 4th", 9: "Labor Day"}.get(day.month, text)  # fmt: skip
        if day.month == 11 and day.day > 20:
            text = "Thanksgiving"
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
    for n in (1, 2):  # Beth's one PTO entry covers three days
        plan[("Beth", d(2026, 11, 23) + timedelta(n))] = "covered"
    return plan


# --- the calendar -----------------------------------------------------------------------------


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times one after another from the morning (after the Tuesday sync), a lunch break;
    entries with a fixed start keep it, the others skip past them."""
    rng = sim.rng
    now = 9 * H + 30 if day.weekday() == 1 else rng.choice((8 * H, 8 * H + 30, 9 * H))
    fixed_slots = sorted(
        (e.start_min, e.start_min + round(e.hours * 60)) for e in entries if e.start_min >= 0
    )
    lunch = False
    for entry in entries:
        if entry.start_min < 0:
            if not lunch and now >= 12 * H:
                now += rng.choice((30, 45, 60))
                lunch = True
            length = round(entry.hours * 60)
            for a, b in fixed_slots:
                if now < b and a < now + length:
                    now = b + 10
            entry.start_min = now
            now += length + rng.choice((0, 0, 5, 10))
        late = rng.random() < person.late
        entry.created = day + timedelta(rng.randint(1, 3) if late else 0)


def meetings(sim: Sim, person: Person, day: date) -> float:
    """The Tuesday delivery sync, the first Friday's lunch and learn, the quarterly all-hands."""
    rng, spent = sim.rng, 0.0
    if day.weekday() == 1:
        note = rng.choice(("delivery sync", "Tuesday delivery sync", "weekly sync", "dlvry sync"))
        sim.add(person, day, 0.5, MTG, "Delivery Sync", note, "RBA-MEET", "internal", start=9 * H)
        spent += 0.5
    if day.weekday() == 4 and day.day <= 7:
        note = rng.choice(("lunch & learn", "lunch and learn - dbt tips", "L&L demo session"))
        sim.add(person, day, 1.0, MTG, "Lunch & Learn", note, "RBA-MEET", "internal", start=12 * H)
        spent += 1.0
    if day.weekday() == 2 and day.day <= 7 and day.month in (1, 4, 7, 10):
        sim.add(person, day, 1.5, MTG, "All-Hands", "quarterly all-hands", "RBA-MEET", "internal",
                start=15 * H)  # fmt: skip
        spent += 1.5
    return spent


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
                    tags="AfterHours", scripted=True)  # fmt: skip
    elif day.weekday() >= 5:
        scripted(sim, person, day)
    else:
        spent = meetings(sim, person, day)
        spent += scripted(sim, person, day)
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            low, high = act.hours
            if act.group in ("NB", "OHP"):  # estimates and tickets come in short entries
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


CLIENT_ORDER = {PLM_CLIENT: 1, OHP_CLIENT: 2, CSU_CLIENT: 3, GCT_CLIENT: 4}


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
    invoice = f"RBI-{2200 + months * 4 + CLIENT_ORDER.get(client, 0)}" if invoiced else ""
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
