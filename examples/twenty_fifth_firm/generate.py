"""Generate the twenty-fifth demo firm's time entries: approved history and one open month.

Fennwick Clinical Research Partners, LLC (15 people, 13 of them logging here; a clinical research
consulting firm in Ann Arbor, Michigan) records time in Clockify against four clients (see
README.md next to this file; the agreements, work orders, change order, amendments, notices,
records of events and the firm policy are in ``sows/``). This script writes, in Clockify's
"Detailed report" CSV layout:

- ``history.csv``      Nov 3, 2025 - Oct 30, 2026, a sample of the approved entries, with the code
                       the client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/twenty_fifth_firm/generate.py [--out DIR]
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

SEED = 20261125
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.17  # share of the year's approved entries kept in history.csv
DOMAIN = "fennwick.example"
LIMIT = 8.0  # firm policy §2.7

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "TSB-MON", "TSB-DOC", "TSB-MW", "TSB-PM", "TSB-CO1",
    "PWM-PM", "PWM-CRA", "PWM-STAT", "PWM-XNTE", "PWM-HOLD", "PWM-CSR", "PWM-RND3",
    "QRP-RET", "QRP-OVR", "QRP-FDA",
    "SBU-IIS", "SBU-PRO", "SBU-TRV",
    "FCR-ADMIN", "FCR-BD", "FCR-SOP", "FCR-TRAIN", "FCR-RECRUIT", "FCR-MEET", "FCR-TRAVEL",
    "FCR-PTO", "FCR-HOL", "FCR-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2025, 12, 31),
    d(2026, 1, 1), d(2026, 5, 25), d(2026, 6, 19), d(2026, 7, 3), d(2026, 9, 7),
    d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Tessaline §8-9: agreement; the named documents (order, sign-off); CO-1 (sites 111 and 112)
TSB_SIGNED = d(2025, 11, 3)
DOCS = {"PA-2": (d(2026, 1, 12), d(2026, 4, 17)), "ICF v5": (d(2026, 10, 5), d(2026, 11, 6)),
        "PA-3": (d(2026, 9, 21), d(2026, 11, 18))}  # fmt: skip
NEW_SITES_ASKED, CO1_SIGNED, CO1_PROJECT = d(2026, 10, 20), d(2026, 11, 12), d(2026, 11, 13)
# Pellworth §9: agreement, CSR-1, the hold and restart, the NTE notice and Amendment 2, round 3
PWM_SIGNED, CSR_ORDER = d(2025, 12, 1), d(2026, 8, 3)
HOLD_FIRST, RESTART = d(2026, 10, 26), d(2026, 11, 23)
NTE_NOTICE, AMENDMENT_2 = d(2026, 11, 5), d(2026, 11, 16)
ROUND_3 = d(2026, 11, 19)
# Quarrender §7-8: agreement, the work orders (signed, ends), allowance notices
QRP_SIGNED = d(2026, 1, 5)
WO2 = (d(2026, 4, 6), d(2026, 6, 12))
WO3 = (d(2026, 11, 10), d(2027, 2, 26))
TYPE_C_START = d(2026, 10, 13)
QRP_NOTICES = (d(2026, 6, 23), d(2026, 11, 19))
# Saginaw Bay §7-8: letter agreement; the named SIV trips' travel days
SBU_SIGNED = d(2026, 2, 2)
SIV_TRAVEL = {d(2026, 3, 10), d(2026, 4, 14), d(2026, 11, 9), d(2026, 11, 10), d(2026, 11, 23),
              d(2026, 11, 24)}  # fmt: skip
NEW_SBU_SITES = d(2026, 10, 19)


def doc_code(name: str) -> Callable[[date], str]:
    """Tessaline §4: a named document is TSB-DOC to its sign-off day inclusive, then TSB-MW."""
    ordered, signed = DOCS[name]
    return lambda day: "TSB-DOC" if ordered <= day <= signed else "TSB-MW"


def co1_code(day: date) -> str:
    """Tessaline §6: Sites 111 and 112 are TSB-CO1 from CO-1's signature, FCR-BD before."""
    return "TSB-CO1" if day >= CO1_SIGNED else "FCR-BD"


def pwm_site(role: str) -> Callable[[date], str]:
    """Pellworth §3.3: site work in a hold is PWM-HOLD; else the NTE window; else the role."""

    def code(day: date) -> str:
        if HOLD_FIRST <= day < RESTART:
            return "PWM-HOLD"
        return "PWM-XNTE" if NTE_NOTICE <= day < AMENDMENT_2 else role

    return code


def pwm_other(role: str) -> Callable[[date], str]:
    """Pellworth §2.4: other ARC-PIV hourly work is PWM-XNTE in the NTE window."""
    return lambda day: "PWM-XNTE" if NTE_NOTICE <= day < AMENDMENT_2 else role


def csr_code(day: date) -> str:
    """Pellworth §5.2: the EFS CSR is PWM-RND3 from the third round's request."""
    return "PWM-RND3" if day >= ROUND_3 else "PWM-CSR"


def ret_code(day: date) -> str:
    """Quarrender §2.2: retainer work is QRP-OVR from a notice to that month's end."""
    for notice in QRP_NOTICES:
        if notice <= day and (day.year, day.month) == (notice.year, notice.month):
            return "QRP-OVR"
    return "QRP-RET"


def fda_code(day: date) -> str:
    """Quarrender §3: FDA meeting work is QRP-FDA under a work order in force, else retainer."""
    for first, last in (WO2, WO3):
        if first <= day <= last:
            return "QRP-FDA"
    return ret_code(day)


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
    P("Margaret", "Okafor", "Principals", 265, {"TPM": 0.3, "TCO1": 0.5, "SBU": 0.15, "NB": 0.35,
      "ADMIN": 0.2, "SPRO": 0.05}, terse=0.3, sloppy=0.05),
    P("Daniel", "Reyes-Lind", "Principals", 260, {"PPM": 0.3, "QRET": 0.2, "QFDA": 0.3,
      "NB": 0.35, "ADMIN": 0.15}, terse=0.25),
    P("Priya", "Natarajan", "Clinical Operations", 195, {"TPM": 1.0, "TCO1": 0.6, "SBU": 0.15,
      "SOP": 0.05}, terse=0.3),
    P("Colin", "Abernathy", "Clinical Operations", 190, {"PPM": 1.0, "PPIV": 0.5, "SOP": 0.05},
      terse=0.35, typos=0.025),
    P("Hannah", "Vose", "Clinical Operations", 165, {"TMON": 1.5, "TCO1": 0.5, "TRAIN": 0.05},
      terse=0.4, typos=0.03, sloppy=0.1),
    P("Marcus", "Tillman", "Clinical Operations", 165, {"TMON": 0.9, "PPIV": 0.9, "TRAIN": 0.05},
      terse=0.4, typos=0.03),
    P("Ines", "Caldera", "Clinical Operations", 165, {"PPIV": 0.9, "SBU": 0.8, "TRAIN": 0.05},
      terse=0.35, typos=0.02),
    P("Ruth", "Achebe", "Medical Writing", 185, {"TDOC": 1.0, "PCSR": 0.6, "SPRO": 0.3,
      "TMW": 0.2}, terse=0.2, typos=0.015),
    P("Tomasz", "Wierzbicki", "Medical Writing", 170, {"PCSR": 1.0, "QRET": 0.5, "PPM": 0.2,
      "TMW": 0.1}, terse=0.25, typos=0.03),
    P("Elena", "Sorokina", "Biostatistics & Regulatory", 210, {"PSTAT": 0.9, "PCSR": 0.5,
      "SBU": 0.4}, terse=0.3),
    P("Grace", "Lindqvist", "Biostatistics & Regulatory", 200, {"QRET": 1.2, "QFDA": 0.6,
      "TRAIN": 0.05}, terse=0.25),
    P("Jamal", "Perkins", "Operations", 105, {"TPM": 0.6, "PPM": 0.4, "SBU": 0.3, "ADMIN": 0.2},
      terse=0.35, typos=0.03, sloppy=0.12),
    P("Fiona", "Marsh", "Operations", 0, {"ADMIN": 0.7, "SOP": 0.5, "RECRUIT": 0.2,
      "TRAIN": 0.1}, terse=0.3, sloppy=0.03),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}
# November's pace: the retainer runs out in it, the new sites and the Type C meeting start
MONTH_PACE = {"QRET": 1.6, "TCO1": 1.3, "QFDA": 1.2}

# --- Clockify projects (sows/clockify_setup.md) -------------------------------------------------

TSB_CLIENT, PWM_CLIENT = "Tessaline Biotherapeutics", "Pellworth Medical"
QRP_CLIENT, SBU_CLIENT = "Quarrender Pharmaceuticals", "Saginaw Bay University Health"
FIRM = "Fennwick"
TM, TW = "TSB TSL-204 Monitoring", "TSB TSL-204 Medical Writing"
TP, TC = "TSB TSL-204 Project Management", "TSB Sites 111-112 (CO-1)"
PV, PC = "PWM ARC-PIV Pivotal Study", "PWM EFS Clinical Study Report"
QR, QF = "QRP Regulatory Support", "QRP FDA Meetings"
SB = "SBU HEARTS Study"
ADM, BDP, QMS = "FCR Administration", "FCR Business Development", "FCR Quality System"
TRN, REC, MTG, OFF = "FCR Training", "FCR Recruiting", "FCR Firm Meetings", "FCR Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    TM: (TSB_CLIENT, {"Site Visits": N, "Visit Reports": N, "Site Management": N}),
    TW: (TSB_CLIENT, {"Protocol & Amendments": N, "ICF": N, "Other Writing": Y}),
    TP: (TSB_CLIENT, {"Project Management": Y, "TMF": Y, "Vendor Oversight": Y}),
    TC: (TSB_CLIENT, {"Site Start-up": Y, "Monitoring": Y}),
    PV: (PWM_CLIENT, {"Project Management": Y, "Monitoring": Y, "Site Management": Y,
                      "Biostatistics": Y, "Travel": Y}),
    PC: (PWM_CLIENT, {"Writing": N, "Statistics": N, "Review Rounds": N}),
    QR: (QRP_CLIENT, {"Regulatory Support": N, "Submissions": N}),
    QF: (QRP_CLIENT, {"Meeting Preparation": Y}),
    SB: (SBU_CLIENT, {"Study Management": Y, "Monitoring": Y, "Statistics": Y,
                      "Patient Materials": N, "Travel": N}),
    ADM: (FIRM, {"Admin": N, "Billing": N}),
    BDP: (FIRM, {"Proposals & Bid Defenses": N, "Feasibility": N}),
    QMS: (FIRM, {"SOPs": N, "Audits & CAPA": N}),
    TRN: (FIRM, {"GCP & Certification": N, "Courses": N}),
    REC: (FIRM, {"Hiring": N}),
    MTG: (FIRM, {"Operations Meeting": N, "All-Hands": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
OPENED = {TM: TSB_SIGNED, TW: TSB_SIGNED, TP: TSB_SIGNED, TC: CO1_PROJECT, PV: PWM_SIGNED,
          PC: CSR_ORDER, QR: QRP_SIGNED, QF: WO2[0], SB: SBU_SIGNED}  # fmt: skip
CLIENT_GROUPS = ("TMON", "TDOC", "TMW", "TPM", "TCO1", "PPIV", "PPM", "PSTAT", "PCSR", "QRET",
                 "QFDA", "SBU", "SPRO")  # fmt: skip
CLIENT_OF = {
    "TMON": "TSB", "TDOC": "TSB", "TMW": "TSB", "TPM": "TSB", "TCO1": "TSB", "PPIV": "PWM",
    "PPM": "PWM", "PSTAT": "PWM", "PCSR": "PWM", "QRET": "QRP", "QFDA": "QRP", "SBU": "SBU",
    "SPRO": "SBU",
}  # fmt: skip
MARKERS = {
    "TSB": ("Tessaline", "TSL-204", "TSB"),
    "PWM": ("Pellworth", "ARC-PIV", "PWM"),
    "QRP": ("Quarrender", "QP-311", "QRP"),
    "SBU": ("Saginaw Bay", "HEARTS", "SBUH"),
}
HOME = {"TSB": TP, "PWM": PV, "QRP": QR, "SBU": SB}

# --- activities -------------------------------------------------------------------------------

CodeFn = Callable[[date], str]
Window = tuple[date, date]


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


PIV = W(PWM_SIGNED, LAST_DAY)
ACTIVITIES: tuple[Activity, ...] = (
    # ---- Tessaline TSL-204: per-visit monitoring, named documents, PM, CO-1 sites ----
    A("tsb_mon", "TMON", TM, ("Site Visits", "Visit Reports", "Site Management"), (
        "IMV prep Site {tsite} - EDC listings", "monitoring visit report Site {tsite} IMV",
        "follow-up letter Site {tsite}", "query follow-up w/ Site {tsite} CRC",
        "SAE follow-up Site {tsite} subj {tsubj}", "RMV Site {tsite} - remote SDV",
        "protocol deviation log review Site {tsite}", "source data verification Site {tsite}",
        "Site {tsite} pharmacy log check (remote)", "Site {tsite} enrollment call w/ CRC",
    ), "TSB-MON", W(TSB_SIGNED, LAST_DAY), who="Hannah Marcus", weight=5.0, hours=(1.0, 3.0),
      category="same_word", novel=("Site {tsite} eCRF queries - open items after IMV",)),
    A("tsb_pa2", "TDOC", TW, ("Protocol & Amendments",), (
        "PA-2 draft - dosing section", "PA-2 comments from Dr. Brandt", "PA-2 summary of changes",
        "PA-2 QC", "protocol amendment 2 redline",
    ), doc_code("PA-2"), W(*DOCS["PA-2"]), who="Ruth", weight=4.0),
    A("tsb_pa2_post", "TDOC", TW, ("Protocol & Amendments", "Other Writing"), (
        "PA-2 IRB question on wording - Site {tsite}", "PA-2 site-specific version Site {tsite}",
        "PA-2 typo corrections (v3.1)",
    ), "TSB-MW", W(d(2026, 4, 20), d(2026, 5, 29)), who="Ruth", weight=2.0),
    A("tsb_pa3", "TDOC", TW, ("Protocol & Amendments",), (
        "PA-3 draft - eligibility section", "PA-3 comments from Dr. Brandt",
        "PA-3 summary of changes", "PA-3 QC", "protocol amendment 3 redline",
        "PA-3 schedule of assessments table",
    ), doc_code("PA-3"), W(DOCS["PA-3"][0], LAST_DAY), who="Ruth Tomasz", weight=4.0,
      category="sign_off", novel=("PA-3 - Site {tsite} PI comments on eligibility",)),
    A("tsb_icf", "TDOC", TW, ("ICF",), (
        "ICF v5 draft - new risks section", "ICF v5 comments from Samuel Ortiz", "ICF v5 QC",
        "informed consent form v5 readability pass", "ICF v5 tracked changes",
    ), doc_code("ICF v5"), W(DOCS["ICF v5"][0], LAST_DAY), who="Ruth", weight=3.0,
      category="sign_off"),
    A("tsb_mw", "TMW", TW, ("Other Writing",), (
        "TSL-204 site newsletter (Q4)", "pharmacy manual update - TSL-204",
        "study reference manual edits", "investigator FAQ for TSL-204 sites",
    ), "TSB-MW", W(TSB_SIGNED, LAST_DAY), who="Ruth Tomasz", weight=2.0, category="same_word"),
    A("tsb_pm", "TPM", TP, ("Project Management", "TMF", "Vendor Oversight"), (
        "TSL-204 weekly call w/ Samuel Ortiz", "eTMF QC - Site {tsite} essential docs",
        "central lab vendor call", "enrollment report for Tessaline", "site payment tracker update",
        "IRT vendor issue - kit shortage Site {tsite}", "TSL-204 study plan update",
        "trial master file reconciliation - TSL-204", "CRA 1:1s (TSL-204)",
        "Site {tsite} CTA payment question",
    ), "TSB-PM", W(TSB_SIGNED, LAST_DAY), who="Margaret Priya Jamal", weight=5.0,
      category="same_word", novel=("TSL-204 risk log + KRI review for Tessaline",)),
    A("tsb_co1", "TCO1", TP, ("Project Management",), (
        "Site 111 Toledo feasibility follow-up", "Site 112 budget negotiation",
        "Site 112 regulatory packet (1572, CVs)", "Site 111 CTA redlines",
        "Sites 111/112 IRB reliance paperwork", "Site 112 PI call - Dr. Ferris",
        "Site 111 qualification visit notes",
    ), co1_code, W(NEW_SITES_ASKED, LAST_DAY), who="Margaret Priya Hannah", weight=5.0,
      category="change_order", novel=("Site 112 lab normals + certifications",)),
    # ---- Pellworth ARC-PIV: hourly by role, the hold, the NTE window; the EFS CSR ----
    A("pwm_site_cra", "PPIV", PV, ("Monitoring", "Site Management"), (
        "IMV Site {psite} - SDV", "remote monitoring visit Site {psite}",
        "query follow-up w/ Site {psite} CRC", "screening log review Site {psite}",
        "Site {psite} device accountability call", "monitoring visit report Site {psite}",
        "AE follow-up w/ Site {psite} CRC subj {psubj}",
    ), pwm_site("PWM-CRA"), PIV, who="Marcus Ines", weight=5.0, category="hold",
      novel=("Site {psite} CRC turnover - retrain on eCRF",)),
    A("pwm_cra_tmf", "PPIV", PV, ("Site Management",), (
        "eTMF filing - ARC-PIV monitoring letters", "CTMS update - ARC-PIV visit log",
    ), pwm_other("PWM-CRA"), PIV, who="Marcus Ines", weight=1.0, hours=(0.5, 1.5),
      category="nte"),
    A("pwm_site_pm", "PPIV", PV, ("Site Management", "Project Management"), (
        "Site {psite} PI call re enrollment", "Site {psite} CTA budget call",
        "site payments call Site {psite}",
    ), pwm_site("PWM-PM"), PIV, who="Colin Daniel Jamal", weight=2.0, hours=(0.5, 1.5),
      category="hold"),
    A("pwm_pm", "PPM", PV, ("Project Management",), (
        "ARC-PIV weekly call w/ Megan Strauss", "DSMB package prep - ARC-PIV",
        "eTMF reconciliation ARC-PIV", "core lab vendor oversight call",
        "ARC-PIV project plan update", "enrollment projections for Pellworth",
        "ARC-PIV budget tracker",
    ), pwm_other("PWM-PM"), PIV, who="Colin Daniel Jamal", weight=5.0, category="nte",
      novel=("ARC-PIV risk-based monitoring plan v3",)),
    A("pwm_writer", "PPM", PV, ("Project Management",), (
        "ARC-PIV FDA annual progress report - sections 3-5", "ARC-PIV site newsletter",
    ), pwm_other("PWM-PM"), PIV, who="Tomasz Ruth", weight=3.0, category="nte"),
    A("pwm_stat", "PSTAT", PV, ("Biostatistics",), (
        "SAP v2 edits - ARC-PIV", "DSMB tables - device events", "sample size re-estimation sims",
        "data listings review ARC-PIV", "interim analysis programs QC",
    ), pwm_other("PWM-STAT"), PIV, who="Elena", weight=5.0, category="nte"),
    A("pwm_csr", "PCSR", PC, ("Writing", "Statistics", "Review Rounds"), (
        "EFS CSR section 11 efficacy results", "EFS CSR patient narratives",
        "EFS CSR TLFs QC", "EFS CSR comment resolution", "EFS CSR synopsis",
        "EFS CSR appendix 16.2 listings", "clinical study report review comments - EFS",
    ), csr_code, W(CSR_ORDER, LAST_DAY), who="Ruth Tomasz Elena", weight=5.0,
      category="review_round", novel=("EFS CSR - device deficiency tables rework",)),
    # ---- Quarrender: retainer and allowance, FDA meetings under work orders ----
    A("qrp_ret", "QRET", QR, ("Regulatory Support", "Submissions"), (
        "IND 148322 amendment - new protocol QP-311-204", "eCTD publishing QC w/ Victor Hale",
        "FDA information request response - QP-311", "guidance review - atopic dermatitis draft",
        "QP-118 pre-IND questions", "IND annual report draft - QP-311",
        "regulatory team meeting w/ Dr. Arnaud", "IND safety report filing support",
    ), ret_code, W(QRP_SIGNED, LAST_DAY), who="Grace Tomasz Daniel", weight=5.0,
      category="allowance", novel=("QP-118 formulation change - reg assessment",)),
    A("qrp_eop2", "QFDA", QF, ("Meeting Preparation",), (
        "EOP2 briefing package - clinical section", "EOP2 meeting questions",
        "EOP2 rehearsal w/ Quarrender", "EOP2 meeting minutes",
    ), "QRP-FDA", W(*WO2), who="Grace Daniel Tomasz", weight=5.0),
    A("qrp_typec", "QFDA", QF, ("Meeting Preparation",), (
        "Type C meeting request - CMC questions", "Type C briefing package - specs section",
        "Type C briefing pkg - stability summary", "Type C meeting questions draft",
    ), fda_code, W(TYPE_C_START, LAST_DAY), who="Grace Daniel", weight=5.0,
      category="work_order", novel=("Type C - dissolution method justification",)),
    # ---- Saginaw Bay HEARTS: academic rate, pro bono patient materials ----
    A("sbu_iis", "SBU", SB, ("Study Management", "Monitoring", "Statistics"), (
        "HEARTS data review - Site {ssite}", "HEARTS randomization check",
        "HEARTS IRB continuing review", "call w/ Dr. Whitfield", "HEARTS regulatory binder upkeep",
        "HEARTS SAP tables", "RMV Site {ssite} - remote SDV", "query follow-up Site {ssite}",
    ), "SBU-IIS", W(SBU_SIGNED, LAST_DAY), who="Ines Elena Jamal Margaret Priya", weight=4.0,
      category="same_word", novel=("HEARTS telemonitoring data transfer check",)),
    A("sbu_pro", "SPRO", SB, ("Patient Materials",), (
        "HEARTS consent form plain-language review", "HEARTS patient diary edits",
        "home-monitoring instruction sheet review", "recruitment flyer readability check",
        "HEARTS patient newsletter review",
    ), "SBU-PRO", W(SBU_SIGNED, LAST_DAY), who="Ruth Margaret", weight=3.0, hours=(0.5, 2.0),
      category="same_word"),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin",), (
        "timesheets", "expense report", "1:1 w/ Meg", "laptop update", "Clockify cleanup",
        "performance review self-assessment", "HR paperwork",
    ), "FCR-ADMIN", YEAR, weight=1.0, hours=(0.3, 1.2), category="same_word"),
    A("billing", "ADMIN", ADM, ("Billing",), (
        "{prev} invoices", "per-visit invoice - Tessaline", "AR follow-up",
        "QuickBooks reconciliation", "approve timesheets", "NTE tracker - Pellworth",
    ), "FCR-ADMIN", YEAR, who="Fiona", weight=6.0, hours=(1.0, 3.5), category="same_word"),
    A("nb", "NB", BDP, ("Proposals & Bid Defenses", "Feasibility"), (
        "proposal - Northfield Bio phase 1 monitoring", "bid defense prep - Arbelos Therapeutics",
        "feasibility questionnaire - Halcyon Oncology", "RFI response - device registry study",
        "budget - Tamsin Devices post-market study", "capabilities deck refresh",
    ), "FCR-BD", YEAR, who="Margaret Daniel Priya", weight=2.0, category="same_word",
      novel=("bid defense - Calloway Neuro phase 2 (CRO partner)",)),
    A("sop", "SOP", QMS, ("SOPs", "Audits & CAPA"), (
        "SOP CO-004 monitoring visit reports - revision", "CAPA-26-07 follow-up",
        "internal audit - TMF SOP", "quality manual review", "SOP annual review",
        "client audit of Fennwick - prep",
    ), "FCR-SOP", YEAR, who="Fiona Priya Colin", weight=1.0, hours=(0.5, 2.0),
      category="same_word"),
    A("train", "TRAIN", TRN, ("GCP & Certification", "Courses"), (
        "GCP refresher (ICH E6 R3)", "ACRP CCRA exam prep", "SOCRA CE webinar",
        "SOP read-and-sign", "EDC training (Rave)", "mentoring new CRA",
    ), "FCR-TRAIN", YEAR, weight=1.0, hours=(1.0, 2.5), category="same_word"),
    A("recruit", "RECRUIT", REC, ("Hiring",), (
        "interview - CRA candidate", "job post - senior CRA", "new hire onboarding paperwork",
        "phone screen - medical writer cand",
    ), "FCR-RECRUIT", YEAR, weight=1.0, hours=(0.5, 1.5)),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("monitoring visit report", "MVR"), ("follow-up letter", "FUL"),
    ("source data verification", "SDV"), ("remote monitoring visit", "RMV"),
    ("trial master file", "TMF"), ("informed consent form", "ICF"), ("protocol deviation", "PD"),
    ("clinical study report", "CSR"), ("protocol amendment", "PA"), ("Tessaline", "TSB"),
    ("Pellworth", "PWM"), ("Quarrender", "QRP"), ("with", "w/"), ("review", "rev."),
    ("meeting", "mtg"), ("regulatory", "reg"), ("briefing package", "BP"), ("follow-up", "f/u"),
    ("enrollment", "enrlmt"), ("comments", "cmts"), ("questions", "Qs"), ("amendment", "amdt"),
    ("Site", "S"), ("subject", "subj"), ("package", "pkg"),
)  # fmt: skip
TYPOS = {
    "monitoring": "monitorign",
    "review": "reivew",
    "protocol": "protcol",
    "amendment": "ammendment",
    "narratives": "narrativse",
    "reconciliation": "reconcilation",
    "enrollment": "enrolment",
    "briefing": "breifing",
    "summary": "sumary",
    "follow-up": "follwo-up",
    "listings": "lisitngs",
    "questions": "quesitons",
    "package": "pacakge",
    "consent": "consnet",
    "tables": "tabels",
    "Whitfield": "Whitfeild",
    "Pellworth": "Pelworth",
    "Tessaline": "Tesaline",
}
VAGUE = ("emails", "misc", "follow up", "various", "TBD", "work", "calls")
VAGUE_CLIENT = ("monitoring", "visit", "review", "writing", "meeting", "queries", "TMF", "PM",
                "study work", "client work", "docs", "same as yesterday", "see above")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (no charge per Meg)", " NC", " -- per visit", " - pro bono",
    " bill half", " [code this as {code}]", " - on hold", " on the retainer",
    " over the NTE, don't bill", " billable!!", " - overage",
)  # fmt: skip
WRONG_CODES = ("TSB-MON", "TSB-DOC", "TSB-CO1", "PWM-HOLD", "PWM-CSR", "PWM-XNTE", "QRP-RET",
               "QRP-FDA", "SBU-PRO", "SBU-TRV", "FCR-BD", "FCR-SOP")  # fmt: skip
SAME_WORD = re.compile(
    r"monitor|visit|\bIMV\b|\bRMV\b|\bSIV\b|SDV|quer|protocol|amendment|\bPA-|CSR|review|rev\."
    r"|TMF|submi|training|\bGCP\b|SOP|consent|\bICF\b",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
T_SITES = tuple(str(n) for n in range(101, 111))
P_SITES = tuple(f"{n:02d}" for n in range(1, 15))


def fill(template: str, day: date, rng: Random) -> str:
    """The template with its blanks filled."""
    prev = (day.replace(day=1) - timedelta(1)).strftime("%b")
    tsite, psite = rng.choice(T_SITES), rng.choice(P_SITES)
    ssite = rng.choice(("01", "02", "03", "04") if day >= NEW_SBU_SITES else ("01", "02"))
    return template.format(
        prev=prev, tsite=tsite, psite=psite, ssite=ssite,
        tsubj=f"{tsite}-{rng.randint(1, 24):03d}", psubj=f"{psite}-{rng.randint(1, 40):03d}",
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
        if any(w in low for w in ("imv", "siv", "cov", "on site", "onsite")):
            tags.append("Onsite")
        if any(w in low for w in ("rmv", "remote")):
            tags.append("Remote")
        if low.startswith("travel"):
            tags.append("Travel")
        if "sae" in low or "ae follow" in low:
            tags.append("SAE")
        if rng.random() < 0.04:
            tags.append("Urgent")  # the author's guess
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "sign_off":
            near = day >= d(2026, 11, 3) if act.key == "tsb_icf" else day >= d(2026, 11, 13)
            return "sign_off" if near else "same_word"
        if act.category == "review_round":
            return "review_round" if day >= d(2026, 11, 16) else "same_word"
        if act.category == "allowance":
            return "allowance" if day >= d(2026, 11, 16) else "same_word"
        if act.category == "hold":
            return "hold"
        if act.category == "nte":
            return "nte" if d(2026, 11, 3) <= day <= d(2026, 11, 18) else "same_word"
        if act.category == "change_order":
            return "change_order"
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "tsb_co1":
            if day >= CO1_PROJECT and rng.random() < 0.85:
                project = TC
            elif rng.random() < 0.4:
                project = BDP
            elif rng.random() < 0.3:
                project = TM
        elif act.key == "qrp_typec" and rng.random() < (0.5 if day < WO3[0] else 0.1):
            project = QR
        elif act.key == "pwm_csr" and rng.random() < 0.08:
            project = PV
        elif act.key == "sbu_pro" and rng.random() < 0.2:
            project = SB
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.7 else rng.choice(act.tasks)
        if project == TC:
            task = "Monitoring" if "visit" in act.key else "Site Start-up"
        if task not in tasks:
            task = {
                TP: "Project Management", BDP: "Feasibility", TM: "Site Management",
                QR: "Regulatory Support", PV: "Project Management", SB: "Study Management",
            }.get(project, sorted(tasks)[0])  # fmt: skip
        return project, task

    def work_entry(self, person: Person, day: date, hours: float, act: Activity) -> float:
        rng = self.rng
        code = act.code_on(day)
        novel = bool(act.novel) and self.month and rng.random() < 0.3
        text = fill(rng.choice(act.novel if novel else act.templates), day, rng)
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
        if self.month:  # the open month's pace
            groups = {g: s * MONTH_PACE.get(g, 1.0) for g, s in groups.items()}
        if HOLD_FIRST <= day < RESTART and "PPIV" in groups:  # little site work in the hold
            groups["PPIV"] *= 0.35
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

EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history: Tessaline ----
    (d(2025, 11, 3), "Margaret"): ((TP, "Project Management", "TSL-204 kickoff w/ Dr. Haverford + Samuel Ortiz", 1.5, "TSB-PM", "", -1),),
    (d(2025, 12, 8), "Hannah"): (
        (TM, "Site Visits", "travel Ann Arbor to Chicago - Site 101 SIV", 4.0, "TSB-MON", "", 7 * H),
        (TM, "Site Visits", "SIV Site 101 Lakeview", 4.5, "TSB-MON", "", 12 * H)),
    (d(2026, 1, 12), "Ruth"): ((TW, "Protocol & Amendments", "PA-2 ordered - kickoff w/ Dr. Brandt", 1.0, "TSB-DOC", "", -1),),
    (d(2026, 4, 17), "Ruth"): ((TW, "Protocol & Amendments", "PA-2 signed off by Dr. Brandt - final PDF", 1.5, "TSB-DOC", "", -1),),
    (d(2026, 4, 21), "Ruth"): ((TW, "Protocol & Amendments", "PA-2 after sign-off - IRB asks for v3.1 wording fix", 1.5, "TSB-MW", "", -1),),
    (d(2026, 6, 2), "Priya"): (
        (TP, "Project Management", "travel DTW to Chicago - investigator meeting", 2.5, "TSB-PM", "", 7 * H),
        (TP, "Project Management", "TSL-204 investigator meeting - present monitoring plan", 5.0, "TSB-PM", "", 10 * H)),
    (d(2026, 9, 21), "Ruth"): ((TW, "Protocol & Amendments", "PA-3 ordered - scope call w/ Dr. Brandt", 1.0, "TSB-DOC", "", -1),),
    (d(2026, 10, 5), "Ruth"): ((TW, "ICF", "ICF v5 ordered - new hepatotoxicity risk language", 1.0, "TSB-DOC", "", -1),),
    (d(2026, 10, 20), "Margaret"): ((BDP, "Feasibility", "Dr. Haverford asks for 2 more TSL-204 sites - feasibility plan", 1.0, "FCR-BD", "", -1),),
    (d(2026, 10, 27), "Priya"): ((TP, "Project Management", "Toledo + Lansing feasibility questionnaires out", 1.5, "FCR-BD", "", -1),),
    # ---- history: Pellworth ----
    (d(2025, 12, 1), "Daniel"): ((PV, "Project Management", "ARC-PIV agreement signed - kickoff w/ Dr. Falk", 1.5, "PWM-PM", "", -1),),
    (d(2026, 1, 14), "Ines"): ((PV, "Monitoring", "SIV Site 01 Minneapolis", 6.0, "PWM-CRA", "", 9 * H),),
    (d(2026, 4, 20), "Colin"): ((PV, "Project Management", "Amendment 1 signed - Sites 11-14 start-up plan", 1.0, "PWM-PM", "", -1),),
    (d(2026, 8, 3), "Tomasz"): ((PC, "Writing", "CSR-1 signed - EFS CSR shell + timeline", 2.0, "PWM-CSR", "", -1),),
    (d(2026, 10, 9), "Tomasz"): ((PC, "Review Rounds", "EFS CSR round 1 comments from Dr. Adeyemi - triage", 2.0, "PWM-CSR", "", -1),),
    (d(2026, 10, 26), "Colin"): ((PV, "Site Management", "hold letter from Dr. Falk - notify all sites, pause screening", 2.0, "PWM-HOLD", "", -1),),
    (d(2026, 10, 27), "Marcus"): ((PV, "Site Management", "Site 04 call - screening paused, subject questions", 1.0, "PWM-HOLD", "", -1),),
    (d(2026, 10, 28), "Elena"): ((PV, "Biostatistics", "DSMB unblinded tables - device events (hold review)", 3.0, "PWM-STAT", "", -1),),
    (d(2026, 10, 30), "Ruth"): ((PC, "Review Rounds", "EFS CSR round 2 comments in - narratives", 2.5, "PWM-CSR", "", -1),),
    # ---- history: Quarrender ----
    (d(2026, 1, 5), "Grace"): ((QR, "Regulatory Support", "Quarrender retainer kickoff w/ Dr. Arnaud - IND 148322 review", 2.0, "QRP-RET", "", -1),),
    (d(2026, 3, 23), "Daniel"): ((BDP, "Proposals & Bid Defenses", "EOP2 meeting work order draft for Quarrender", 1.0, "FCR-BD", "", -1),),
    (d(2026, 4, 6), "Grace"): ((QF, "Meeting Preparation", "WO-2 signed - EOP2 briefing package plan", 1.5, "QRP-FDA", "", -1),),
    (d(2026, 5, 28), "Grace"): ((QF, "Meeting Preparation", "EOP2 meeting w/ FDA (telecon) + debrief", 2.5, "QRP-FDA", "", -1),),
    (d(2026, 6, 23), "Grace"): ((QR, "Regulatory Support", "June 30 h reached - allowance notice to Dr. Arnaud", 0.3, "QRP-OVR", "", -1),),
    (d(2026, 10, 13), "Grace"): ((QF, "Meeting Preparation", "Type C CMC meeting request - first draft (no WO yet)", 2.0, "QRP-RET", "", -1),),
    # ---- history: Saginaw Bay ----
    (d(2026, 2, 2), "Margaret"): ((SB, "Study Management", "HEARTS letter agreement signed - kickoff w/ Dr. Whitfield", 1.0, "SBU-IIS", "", -1),),
    (d(2026, 3, 10), "Ines"): (
        (SB, "Travel", "travel Ann Arbor to Saginaw - Site 01 SIV", 1.8, "SBU-TRV", "", 7 * H),
        (SB, "Monitoring", "SIV Site 01 SBUH", 4.5, "SBU-IIS", "", 9 * H),
        (SB, "Travel", "travel Saginaw to Ann Arbor", 1.8, "SBU-TRV", "", 14 * H)),
    (d(2026, 4, 14), "Ines"): (
        (SB, "Travel", "travel Ann Arbor to Bay City - Site 02 SIV", 2.0, "SBU-TRV", "", 7 * H),
        (SB, "Monitoring", "SIV Site 02 Bay Regional", 4.0, "SBU-IIS", "", 9 * H + 15),
        (SB, "Travel", "travel Bay City to Ann Arbor", 2.0, "SBU-TRV", "", 14 * H)),
    (d(2026, 8, 24), "Ines"): (
        (SB, "Travel", "travel Ann Arbor to Saginaw - IMV Site 01", 1.8, "FCR-TRAVEL", "", 7 * H),
        (SB, "Monitoring", "IMV Site 01 + Site 02 regulatory binder check", 4.5, "SBU-IIS", "", 9 * H),
        (SB, "Travel", "travel Saginaw to Ann Arbor", 1.8, "FCR-TRAVEL", "", 14 * H)),
    # ---- the open month: Tessaline ----
    (d(2026, 11, 2), "Priya"): ((TP, "Project Management", "Site 111 Toledo feasibility questionnaire back - review", 1.0, "FCR-BD", "change_order", -1),),
    (d(2026, 11, 3), "Hannah"): (
        (TM, "Site Visits", "travel Ann Arbor to Cleveland - Site 104 IMV", 2.8, "TSB-MON", "travel", 6 * H + 30),
        (TM, "Site Visits", "IMV Site 104 - SDV subj 104-007 to 104-012", 5.0, "TSB-MON", "plain", 9 * H + 30)),
    (d(2026, 11, 4), "Marcus"): ((TM, "Site Visits", "IMV Site 102 Columbus incl. drive both ways", 9.5, "TSB-MON", "over_hours", 6 * H),),
    (d(2026, 11, 5), "Hannah"): ((TM, "Visit Reports", "MVR + follow-up letter Site 104", 2.5, "TSB-MON", "same_word", -1),),
    (d(2026, 11, 6), "Ruth"): ((TW, "ICF", "ICF v5 sign-off from Dr. Brandt - final clean copy", 2.0, "TSB-DOC", "sign_off", -1),),
    (d(2026, 11, 9), "Ruth"): ((TW, "ICF", "ICF v5 - IRB wants reading level lowered (post sign-off)", 1.5, "TSB-MW", "sign_off", -1),),
    (d(2026, 11, 10), "Marcus"): ((TM, "Site Visits", "IMV Site 103 Detroit", 6.0, "TSB-MON", "plain", 8 * H),),
    (d(2026, 11, 11), "Margaret"): ((TP, "Project Management", "CO-1 budget for Sites 111/112 - final numbers to Dr. Haverford", 1.0, "FCR-BD", "change_order", -1),),
    (d(2026, 11, 12), "Margaret"): ((TP, "Project Management", "CO-1 signed - Sites 111/112 start-up kickoff", 1.0, "TSB-CO1", "change_order", 15 * H),),
    (d(2026, 11, 12), "Hannah"): ((TM, "Site Management", "Site 112 reg packet collection (1572, CVs, lab certs)", 1.5, "TSB-CO1", "change_order", 16 * H),),
    (d(2026, 11, 18), "Ruth"): (
        (TW, "Protocol & Amendments", "PA-3 sign-off - final clean version + summary of changes", 2.5, "TSB-DOC", "sign_off", -1),
        (PC, "Review Rounds", "EFS CSR narratives - last round 2 fixes", 2.0, "PWM-CSR", "review_round", -1)),
    (d(2026, 11, 19), "Ruth"): ((TW, "Protocol & Amendments", "PA-3 site-specific version Site 109", 1.5, "TSB-MW", "sign_off", -1),),
    (d(2026, 11, 24), "Hannah"): ((TC, "Monitoring", "SIV Site 111 Toledo (incl. training on PA-3)", 6.0, "TSB-CO1", "change_order", 8 * H),),
    # ---- the open month: Pellworth ----
    (d(2026, 11, 5), "Daniel"): (
        (PV, "Project Management", "NTE notice to Dr. Falk - $480K reached", 0.5, "PWM-XNTE", "nte", 9 * H),
        (QR, "Regulatory Support", "Dr. Arnaud asks for Type C work order - scope + estimate", 1.0, "FCR-BD", "estimate", -1)),
    (d(2026, 11, 9), "Daniel"): ((PV, "Project Management", "Amendment 2 draft to Pellworth (NTE to $640K)", 1.0, "FCR-BD", "estimate", -1),),
    (d(2026, 11, 11), "Ines"): ((PV, "Site Management", "Site 07 call re hold - screening log questions", 1.0, "PWM-HOLD", "hold", -1),),
    (d(2026, 11, 12), "Elena"): ((PV, "Biostatistics", "DSMB tables for Nov 20 meeting", 3.0, "PWM-XNTE", "nte", -1),),
    (d(2026, 11, 16), "Colin"): ((PV, "Project Management", "Amendment 2 signed - budget tracker reset", 1.0, "PWM-PM", "nte", -1),),
    (d(2026, 11, 16), "Marcus"): ((PV, "Site Management", "Site 04 query follow-up w/ CRC (still on hold)", 1.0, "PWM-HOLD", "hold", -1),),
    (d(2026, 11, 19), "Tomasz"): ((PC, "Review Rounds", "EFS CSR round 3 request from Dr. Adeyemi - plan changes", 1.5, "PWM-RND3", "review_round", 10 * H),),
    (d(2026, 11, 20), "Elena"): ((PC, "Statistics", "EFS CSR TLF re-run for round 3", 3.0, "PWM-RND3", "review_round", -1),),
    (d(2026, 11, 23), "Colin"): ((PV, "Site Management", "restart letter - notify sites, screening resumes", 1.5, "PWM-PM", "hold", -1),),
    (d(2026, 11, 24), "Marcus"): ((PV, "Travel", "travel DTW to MSP - Site 01 IMV", 3.0, "PWM-CRA", "travel", 14 * H),),
    (d(2026, 11, 25), "Marcus"): (
        (PV, "Monitoring", "IMV Site 01 - first visit after restart", 5.5, "PWM-CRA", "hold", 8 * H),
        (PV, "Travel", "travel MSP to DTW", 3.0, "PWM-CRA", "travel", 15 * H)),
    # ---- the open month: Quarrender ----
    (d(2026, 11, 3), "Grace"): ((QF, "Meeting Preparation", "Type C meeting request submitted via ESG", 1.5, "QRP-RET", "work_order", -1),),
    (d(2026, 11, 10), "Daniel"): ((QF, "Meeting Preparation", "WO-3 signed - Type C kickoff w/ Dr. Arnaud", 1.0, "QRP-FDA", "work_order", 14 * H),),
    (d(2026, 11, 18), "Grace"): ((QR, "Submissions", "Nov retainer at 29 h - IND amendment cover letter", 1.0, "QRP-RET", "allowance", -1),),
    (d(2026, 11, 19), "Grace"): ((QR, "Regulatory Support", "Nov 30 h reached - allowance notice to Dr. Arnaud", 0.3, "QRP-OVR", "allowance", 9 * H),),
    (d(2026, 11, 20), "Grace"): ((QF, "Meeting Preparation", "Type C briefing package - CMC questions (overage?)", 2.5, "QRP-FDA", "work_order", -1),),
    (d(2026, 11, 24), "Grace"): ((QR, "Submissions", "IND annual report submitted - eCTD seq 0042", 2.0, "QRP-OVR", "allowance", -1),),
    # ---- the open month: Saginaw Bay ----
    (d(2026, 11, 9), "Ines"): ((SB, "Travel", "travel Ann Arbor to Traverse City (Site 03 SIV)", 4.0, "SBU-TRV", "travel", 13 * H),),
    (d(2026, 11, 10), "Ines"): (
        (SB, "Monitoring", "SIV Site 03 Northern Lakes", 4.5, "SBU-IIS", "same_word", 8 * H),
        (SB, "Travel", "travel Traverse City to Ann Arbor", 4.0, "SBU-TRV", "travel", 13 * H + 30)),
    (d(2026, 11, 12), "Ruth"): ((SB, "Patient Materials", "HEARTS consent readability review for Sites 03/04 (pro bono)", 1.5, "SBU-PRO", "same_word", -1),),
    (d(2026, 11, 13), "Jamal"): ((SB, "Study Management", "HEARTS ICF v2 IRB submission", 1.0, "SBU-IIS", "same_word", -1),),
    (d(2026, 11, 17), "Ines"): (
        (SB, "Travel", "travel Ann Arbor to Bay City - IMV Site 02", 2.0, "FCR-TRAVEL", "travel", 7 * H),
        (SB, "Monitoring", "IMV Site 02 Bay Regional", 4.5, "SBU-IIS", "same_word", 9 * H + 15),
        (SB, "Travel", "travel Bay City to Ann Arbor", 2.0, "FCR-TRAVEL", "travel", 14 * H)),
    (d(2026, 11, 23), "Ines"): ((SB, "Travel", "fly DTW to Marquette (Site 04 SIV tomorrow)", 4.5, "SBU-TRV", "travel", 12 * H),),
    (d(2026, 11, 24), "Ines"): (
        (SB, "Monitoring", "SIV Site 04 Superior Heart", 4.5, "SBU-IIS", "same_word", 8 * H),
        (SB, "Travel", "travel Marquette to Ann Arbor", 4.5, "SBU-TRV", "travel", 13 * H + 30)),
    # ---- the open month: internal ----
    (d(2026, 11, 14), "Hannah"): ((TRN, "GCP & Certification", "ACRP CCRA exam (Saturday sitting)", 3.0, "FCR-TRAIN", "same_word", 9 * H),),
    (d(2026, 11, 16), "Fiona"): ((QMS, "Audits & CAPA", "Tessaline QA audit of Fennwick - SOP + training records", 3.0, "FCR-SOP", "same_word", -1),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 27), "Marcus"): (TM, "Site Management", "SAE follow-up Site 104 (holiday)", 1.0, "TSB-MON"),
    (d(2026, 11, 27), "Grace"): (QR, "Submissions", "IND 15-day safety report filing (holiday)", 1.5, "QRP-OVR"),
    (d(2026, 11, 26), "Colin"): (PV, "Site Management", "Site 09 SAE call w/ PI (Thanksgiving)", 0.8, "PWM-PM"),
    (d(2026, 7, 3), "Fiona"): (ADM, "Billing", "June invoices (holiday)", 1.5, "FCR-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Fiona", d(2026, 11, 23)): "pto3", ("Jamal", d(2026, 11, 30)): "sick",
               ("Priya", d(2026, 11, 20)): "pto", ("Daniel", d(2026, 11, 25)): "pto",
               ("Tomasz", d(2026, 11, 12)): "sick"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("holiday", "Firm holiday", "Thanksgiving", "", ""),
}
LEAVE_CODE = {"pto": "FCR-PTO", "sick": "FCR-SICK", "hol": "FCR-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}
BUSY = ("Hannah", "Marcus", "Ines", "Ruth", "Grace", "Elena", "Margaret", "Colin")


def scripted(sim: Sim, person: Person, day: date) -> float:
    spent = 0.0
    for project, task, note, hours, code, category, start in EVENTS.get((day, person.first), ()):
        text, cat = sim.decorate(note, person, category, False)
        tags = "Weekend" if day.weekday() >= 5 else "AfterHours" if start >= 18 * H else ""
        if note.startswith(("travel", "fly")):
            tags = ", ".join(t for t in (tags, "Travel") if t)
        sim.add(person, day, hours, project, task, text, code, cat or "plain", tags=tags,
                start=start, scripted=True)  # fmt: skip
        spent += hours
    return spent


def leave_day(sim: Sim, person: Person, day: date, kind: str) -> None:
    rng = sim.rng
    if kind == "pto3":
        sim.add(person, day, 24.0, OFF, "PTO", "PTO Nov 23-25", "FCR-PTO", "leave", False,
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
        busy = name in BUSY and d(2026, 11, 2) <= day <= d(2026, 11, 25)
        if (day, name) in EVENTS or busy:
            del plan[key]
    plan.update(FIXED_LEAVE)
    for n in (1, 2):  # Fiona's one PTO entry covers three days
        plan[("Fiona", d(2026, 11, 23) + timedelta(n))] = "covered"
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


FULL_DAYS = {(d(2026, 11, 4), "Marcus"), (d(2026, 11, 10), "Ines"), (d(2026, 11, 17), "Ines"),
             (d(2026, 11, 24), "Ines"), (d(2026, 11, 25), "Marcus"), (d(2025, 12, 8), "Hannah"),
             (d(2026, 3, 10), "Ines"), (d(2026, 4, 14), "Ines"), (d(2026, 8, 24), "Ines"),
             (d(2026, 6, 2), "Priya")}  # fmt: skip


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
        travelling = (day, person.first) in FULL_DAYS
        if day.weekday() == 0 and not travelling:
            note = rng.choice(("operations meeting", "Monday ops mtg", "weekly ops meeting",
                               "ops mtg"))  # fmt: skip
            sim.add(person, day, 0.5, MTG, "Operations Meeting", note, "FCR-MEET", "internal",
                    start=9 * H)  # fmt: skip
            spent += 0.5
        if day.weekday() == 2 and day.day <= 7 and not travelling:
            sim.add(person, day, 1.0, MTG, "All-Hands", "all-hands", "FCR-MEET", "internal")
            spent += 1.0
        spent += scripted(sim, person, day)
        if travelling:
            spent = 24.0  # a visit day with travel is the visit's alone
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            low, high = act.hours
            if act.group in ("QRET", "NB"):  # regulatory questions and proposals: short entries
                chunk = rng.uniform(low, high)
            elif high <= 2.0:  # small tasks
                chunk = rng.uniform(low, high * 1.5)
            else:
                chunk = rng.uniform(max(low * 2.5, 2.0), min(high * 2.2, 6.0))
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


CLIENT_ORDER = {TSB_CLIENT: 1, PWM_CLIENT: 2, QRP_CLIENT: 3, SBU_CLIENT: 4}


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
    invoice = f"FCR-{5200 + months * 4 + CLIENT_ORDER.get(client, 0)}" if invoiced else ""
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
