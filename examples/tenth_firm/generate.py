"""Generate the tenth demo firm's time entries: approved history and one open month.

Halyard Point Security, LLC (about 20 people, 17 of them logging here; a cybersecurity
consultancy in Columbus, Ohio) records time in Clockify against four clients (see README.md next
to this file; the agreements, change requests and the firm policy are in ``sows/``). This script
writes, in Clockify's "Detailed report" CSV layout:

- ``history.csv``      Jan 5 - Oct 30, 2026, a sample of the approved entries, with the code the
                       engagement lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/tenth_firm/generate.py [--out DIR]
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

SEED = 20261110
FIRST_DAY = date(2026, 1, 5)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.13  # share of the year's approved entries kept in history.csv
DOMAIN = "halyardpoint.example"

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "QFP-EXT", "QFP-WEB", "QFP-CLOUD", "QFP-RETEST", "QFP-RTHR", "QFP-OOS", "QFP-CR2",
    "SBM-IR", "SBM-IRAH", "SBM-PREP", "SBM-ACCT", "SBM-TRAVEL",
    "KTD-VCISO", "KTD-OVER", "KTD-BOARD", "KTD-PHISH",
    "GRS-ASSESS", "GRS-NTE", "GRS-TRAIN",
    "HLY-ADMIN", "HLY-BD", "HLY-TRAIN", "HLY-LAB", "HLY-RECRUIT", "HLY-MEET", "HLY-TRAVEL",
    "HLY-PTO", "HLY-HOL", "HLY-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2026, 1, 1), d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7), d(2026, 11, 11),
    d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates ---------------------------------------------------------------------

CR02_SIGNED = d(2026, 11, 11)
CR02_PROJECT = d(2026, 11, 12)
KTD_OVER = ((d(2026, 8, 24), d(2026, 8, 31)), (d(2026, 11, 17), d(2026, 11, 30)))
GRS_NTE = d(2026, 11, 20)
INC03_PROJECT = d(2026, 11, 6)
# (declared, closed) of St. Brennan's incidents, to the minute
INCIDENTS = (
    (datetime(2026, 3, 17, 10, 0), datetime(2026, 3, 24, 16, 0), "INC-2026-01"),
    (datetime(2026, 7, 8, 14, 0), datetime(2026, 7, 15, 12, 0), "INC-2026-02"),
    (datetime(2026, 11, 6, 9, 15), datetime(2026, 11, 18, 17, 0), "INC-2026-03"),
)


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
    P("Dana", "Whitfield", "Operations", 295, {"BD": 0.5, "ADMIN": 0.25, "KTD": 0.1, "RECRUIT": 0.15},
      terse=0.3, sloppy=0.05),
    P("Marcus", "Oyelaran", "Offense", 265, {"QFP": 0.5, "BD": 0.25, "RECRUIT": 0.1, "ADMIN": 0.1,
      "TRAIN": 0.05}, terse=0.3),
    P("Priya", "Natarajan", "Offense", 235, {"QFP": 0.75, "LAB": 0.1, "TRAIN": 0.1, "ADMIN": 0.05},
      terse=0.2, typos=0.015),
    P("Tyler", "Brandt", "Offense", 215, {"QFP": 0.65, "LAB": 0.15, "TRAIN": 0.1, "ADMIN": 0.1},
      terse=0.45, typos=0.03, sloppy=0.12),
    P("Jess", "Kowalski", "Offense", 215, {"QFP": 0.6, "TRAIN": 0.2, "BD": 0.1, "LAB": 0.1},
      terse=0.35, typos=0.025),
    P("Omar", "Haddad", "Offense", 235, {"QFP": 0.4, "LAB": 0.4, "TRAIN": 0.1, "ADMIN": 0.1},
      terse=0.25),
    P("Nate", "Pruitt", "Offense", 195, {"LAB": 0.5, "GRS": 0.35, "TRAIN": 0.05, "ADMIN": 0.1},
      terse=0.4, typos=0.03, sloppy=0.1),
    P("Rachel", "Kim", "DFIR", 275, {"SBM": 0.45, "BD": 0.2, "LAB": 0.1, "ADMIN": 0.15,
      "RECRUIT": 0.1}, terse=0.25),
    P("Luis", "Ferreira", "DFIR", 225, {"SBM": 0.35, "LAB": 0.35, "TRAIN": 0.2, "ADMIN": 0.1},
      terse=0.35, typos=0.025),
    P("Hannah", "Greer", "DFIR", 205, {"SBM": 0.4, "TRAIN": 0.3, "LAB": 0.2, "ADMIN": 0.1},
      terse=0.2),
    P("Ken", "Abernathy", "Advisory", 260, {"KTD": 0.75, "BD": 0.1, "ADMIN": 0.15}, terse=0.3),
    P("Sofia", "Marchetti", "Advisory", 245, {"GRS": 0.45, "SBM": 0.15, "BD": 0.25, "ADMIN": 0.15},
      terse=0.2, typos=0.01),
    P("Derek", "Lunn", "Advisory", 175, {"KTD": 0.45, "GRS": 0.4, "TRAIN": 0.1, "ADMIN": 0.05},
      terse=0.3, typos=0.02, sloppy=0.1),
    P("Amy", "Cho", "Advisory", 165, {"KTD": 0.55, "GRS": 0.15, "BD": 0.15, "ADMIN": 0.15},
      terse=0.25),
    P("Ben", "Tolliver", "Operations", 150, {"QA": 0.6, "ADMIN": 0.4}, terse=0.35),
    P("Grace", "Ito", "Operations", 0, {"ADMIN": 1.0}, terse=0.3, sloppy=0.03),
    P("Zoe", "Alvarez", "Operations", 0, {"RECRUIT": 0.7, "ADMIN": 0.3}, terse=0.3),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}

# --- Clockify projects (sows/tracker_setup.md) -------------------------------------------------

QFP_CLIENT, SBM_CLIENT = "Quillfin Payments, Inc.", "St. Brennan Regional Medical Center"
KTD_CLIENT, GRS_CLIENT = "Kessler Tool & Die Co.", "Granville Run Local School District"
FIRM = "Halyard Point Security"
QP, QC = "QFP Pen Test Program 2026", "QFP Partner API CR-02"
SR, SI = "SBMC IR Retainer", "SBMC INC-2026-03"
KV, GA = "KTD vCISO Services", "GRLSD Readiness Assessment"
ADM, BDP, TRN = "HPS Administration", "HPS Business Development", "HPS Training & Certs"
LAB, REC, MTG, OFF = "HPS Lab & Tooling", "HPS Recruiting", "HPS Firm Meetings", "HPS Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    QP: (QFP_CLIENT, {"Scoping & RoE": Y, "Testing": Y, "Reporting": Y, "Readout": Y, "Retest": Y,
                      "Project Management": Y}),
    QC: (QFP_CLIENT, {"Testing": Y, "Reporting": Y}),
    SR: (SBM_CLIENT, {"Account Management": N, "Readiness": Y, "Incident Response": Y, "Travel": Y}),
    SI: (SBM_CLIENT, {"Triage & Containment": Y, "Forensics": Y, "Recovery": Y, "Status Calls": Y,
                      "Reporting": Y, "Travel": Y}),
    KV: (KTD_CLIENT, {"Advisory": Y, "Policy & Compliance": Y, "Meetings": Y,
                      "Awareness Training": Y, "Board Reporting": Y, "Phishing Program": Y}),
    GA: (GRS_CLIENT, {"Project Management": Y, "Interviews": Y, "Document Review": Y,
                      "Scanning": Y, "Report": Y, "Training": Y, "Travel": N}),
    ADM: (FIRM, {"Admin": N, "Timesheets & Billing": N, "IT": N}),
    BDP: (FIRM, {"Proposals & SOWs": N, "Conferences & Talks": N, "CTF & Community": N}),
    TRN: (FIRM, {"Certifications": N, "Courses & Conferences": N}),
    LAB: (FIRM, {"Lab Upkeep": N, "Tool Development": N}),
    REC: (FIRM, {"Interviews": N, "Sourcing": N}),
    MTG: (FIRM, {"Team Meeting": N, "All-Hands": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
CLIENT_GROUPS = ("QFP", "SBM", "KTD", "GRS")
MARKERS = {
    "QFP": ("Quillfin", "QFP", "Quillfin"),
    "SBM": ("St. Brennan", "SBMC", "St Brennan"),
    "KTD": ("Kessler", "KTD", "Kessler"),
    "GRS": ("Granville Run", "GRLSD", "Granville"),
}
HOME = {"QFP": QP, "SBM": SR, "KTD": KV, "GRS": GA}


# --- activities -------------------------------------------------------------------------------

CodeFn = Callable[[date], str]
Window = tuple[date, date]


def after(first: date, before: str, then: str) -> CodeFn:
    return lambda day: then if day >= first else before


def ktd_code(day: date) -> str:
    """Kessler §3.2: vCISO services from the overage notice to the month's end are KTD-OVER."""
    return "KTD-OVER" if any(a <= day <= b for a, b in KTD_OVER) else "KTD-VCISO"


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
W = lambda a, b: ((a, b),)  # noqa: E731  one date window

ACTIVITIES: tuple[Activity, ...] = (
    # ---- Quillfin ----
    A("qfp_sow3", "BD", BDP, ("Proposals & SOWs",), (
        "Quillfin SOW-3 proposal - 2026 test program pricing",
        "SOW-3 draft for Elena Varga (3 tests)", "Quillfin MSA redlines",
    ), "HLY-BD", W(d(2026, 2, 2), d(2026, 5, 29)), who="Marcus Dana", weight=1.5),
    A("qfp_ext_scope", "QFP", QP, ("Scoping & RoE", "Project Management"), (
        "Test 1 ext scoping call w/ Raj", "ext pentest RoE draft + source IPs",
        "external test plan - validate IP ranges w/ Quillfin", "ext test kickoff prep",
    ), "QFP-EXT", W(d(2026, 6, 8), d(2026, 8, 28)), who="Marcus Tyler", weight=1.5),
    A("qfp_cr1", "BD", QP, ("Project Management",), (
        "CR-01 estimate - 14 added IPs for ext test", "draft CR-01 for Elena (added range)",
    ), "HLY-BD", W(d(2026, 8, 17), d(2026, 8, 24)), who="Marcus", weight=4.0, hours=(0.5, 1.5)),
    A("qfp_ext_test", "QFP", QP, ("Testing",), (
        "ext pentest - masscan/nmap sweep range {r}", "external testing: service enum + vuln validation",
        "ext test - exploit attempt exposed Jenkins on {ip}", "external - TLS/SSH config checks range {r}",
        "ext pentest status call w/ Raj",
    ), "QFP-EXT", W(d(2026, 8, 31), d(2026, 9, 4)), who="Tyler Marcus Jess", weight=12.0,
      hours=(2.0, 4.0)),
    A("qfp_ext_report", "QFP", QP, ("Reporting", "Readout"), (
        "Test 1 report - findings write-up", "ext pentest report writing", "ext report exec summary",
        "Test 1 readout deck", "readout Test 1 w/ Elena + Raj",
    ), "QFP-EXT", W(d(2026, 9, 5), d(2026, 9, 22)), who="Tyler Marcus", weight=6.0, hours=(1.5, 3.5)),
    A("qfp_ext_followup", "QFP", QP, ("Project Management", "Reporting"), (
        "call w/ Raj re ext findings remediation", "remediation guidance - TLS finding (ext test)",
        "answer Quillfin questions on external findings", "ext finding EXT-04 clarification for Raj",
    ), "QFP-EXT", W(d(2026, 9, 23), d(2026, 11, 3)), who="Tyler Marcus", weight=0.8, hours=(0.3, 1.0),
      category="same_word"),
    A("qfp_web_scope", "QFP", QP, ("Scoping & RoE", "Project Management"), (
        "webapp scoping call w/ Raj", "Merchant Portal RoE + test accounts (4 roles)",
        "Test 2 test plan - portal roles and API", "webapp test kickoff prep",
    ), "QFP-WEB", W(d(2026, 10, 12), d(2026, 10, 30)), who="Marcus Priya", weight=2.0),
    A("qfp_web_test", "QFP", QP, ("Testing",), (
        "authz testing merchant clerk role - IDOR checks /api/portal/orders",
        "XSS hunting in portal invoice notes", "Burp scan + manual validation - merchant portal",
        "session mgmt + MFA bypass attempts, portal", "portal API - mass assignment checks",
        "webapp testing - support agent role privilege escalation", "webapp status call w/ Raj",
        "SQLi checks on portal reporting filters",
    ), "QFP-WEB", W(d(2026, 11, 2), d(2026, 11, 13)), who="Priya Tyler Jess", weight=14.0,
      hours=(2.0, 4.0), category="same_word"),
    A("qfp_web_report", "QFP", QP, ("Reporting", "Readout"), (
        "webapp report - IDOR finding write-up", "Test 2 draft report", "portal report - PoC screenshots",
        "readout deck Test 2", "Test 2 readout w/ Elena + Raj", "final report Test 2 edits",
    ), "QFP-WEB", W(d(2026, 11, 14), d(2026, 11, 25)), who="Priya Jess Marcus", weight=6.0,
      hours=(1.5, 3.5), category="same_word"),
    A("qfp_partner_pre", "QFP", QP, ("Testing",), (
        "partner API endpoints seen from portal - checked auth on /v2/partner",
        "looked at partner api (api.quillfin.example) - not in scope? asked Marcus",
        "Partner API quick enum before CR",
    ), "QFP-OOS", W(d(2026, 11, 3), d(2026, 11, 6)), who="Priya Jess", weight=2.5,
      hours=(0.5, 1.0), category="change_request"),
    A("qfp_partner", "QFP", QP, ("Testing",), (
        "partner API - enum /v2/partner endpoints", "Partner API BOLA tests",
        "tested partner API auth (api.quillfin.example/v2/partner)",
        "partner api rate limit + key handling tests", "Partner API report section",
    ), after(CR02_SIGNED, "QFP-OOS", "QFP-CR2"), W(d(2026, 11, 12), d(2026, 11, 25)),
      who="Priya Jess", weight=3.0, hours=(1.0, 3.5), category="change_request", novel=(
          "PAPI webhook signature checks", "partner onboarding flow - key rotation abuse")),
    A("qfp_cr2", "BD", QP, ("Project Management",), (
        "CR-02 estimate - Partner API scope and hours",
        "draft change request for Partner API (31 endpoints) for Elena",
        "Partner API CR scoping + estimate",
    ), "HLY-BD", W(d(2026, 11, 5), d(2026, 11, 10)), who="Marcus", weight=5.0, hours=(0.5, 1.5),
      category="change_request"),
    A("qfp_cloud", "QFP", QP, ("Scoping & RoE", "Project Management"), (
        "Test 3 AWS scoping call w/ Raj", "cloud review RoE + read-only role request",
        "AWS account inventory for Test 3 (prod/staging/shared)", "cloud test plan draft",
    ), "QFP-CLOUD", W(d(2026, 11, 16), LAST_DAY), who="Omar Marcus", weight=3.0, hours=(0.8, 2.5),
      category="novel"),
    A("qfp_cloud_lab", "LAB", QP, ("Project Management", "Testing"), (
        "update Prowler/ScoutSuite images for Quillfin cloud test",
        "build AWS review tooling VM for Test 3", "cloud review scripts - our tooling repo",
    ), "HLY-LAB", W(d(2026, 11, 16), LAST_DAY), who="Omar", weight=3.0, hours=(1.0, 3.0),
      category="client_vs_firm"),
    # ---- St. Brennan ----
    A("sbm_proposal", "BD", BDP, ("Proposals & SOWs",), (
        "St. Brennan IR retainer proposal", "IR retainer terms for Dr. Ostrowski",
    ), "HLY-BD", W(FIRST_DAY, d(2026, 1, 30)), who="Rachel Dana", weight=2.0),
    A("sbm_acct", "SBM", SR, ("Account Management",), (
        "monthly hours statement St. Brennan", "quarterly check-in call w/ Dr. Ostrowski",
        "IR hotline test w/ St. Brennan IT", "update SBMC escalation contact list",
    ), "SBM-ACCT", W(d(2026, 2, 1), LAST_DAY), who="Rachel", weight=0.6, hours=(0.3, 1.0),
      category="same_word"),
    A("sbm_onboard", "SBM", SR, ("Account Management",), (
        "retainer onboarding - escalation tree, contacts", "onboarding call w/ Maria Lindqvist",
        "collect network diagrams + EDR console access (onboarding)",
    ), "SBM-ACCT", W(d(2026, 2, 2), d(2026, 2, 13)), who="Rachel Hannah", weight=4.0),
    A("sbm_prep", "SBM", SR, ("Readiness",), (
        "IR plan review - ransomware playbook", "IR plan redline for Dr. Ostrowski",
        "playbook update - BEC section", "IR training for SBMC IT staff - prep",
    ), "SBM-PREP", W(d(2026, 5, 1), d(2026, 5, 29)), who="Rachel Sofia Hannah", weight=3.0),
    A("sbm_ttx", "SBM", SR, ("Readiness",), (
        "TTX design - ransomware scenario injects", "tabletop exercise facilitator guide",
        "tabletop prep call w/ Greg Halvorsen", "TTX scenario timeline + injects",
    ), "SBM-PREP", W(d(2026, 9, 14), d(2026, 10, 27)), who="Rachel Sofia Hannah", weight=2.5),
    A("sbm_aar", "SBM", SR, ("Readiness",), (
        "TTX after-action report", "tabletop readout to Dr. Ostrowski", "AAR recommendations - TTX",
    ), "SBM-PREP", W(d(2026, 10, 29), d(2026, 11, 4)), who="Rachel Sofia", weight=4.0,
      category="same_word"),
    A("sbm_triage", "SBM", SR, ("Incident Response",), (
        "triage suspicious email reported by SBMC HR", "look at odd O365 login alert for SBMC",
        "triage EDR alert on SBMC clinic laptop", "review phishing sample sent by Maria Lindqvist",
    ), "SBM-IR", W(d(2026, 2, 16), d(2026, 10, 30)), who="Luis Hannah Rachel", weight=0.4,
      hours=(0.5, 1.5)),
    # ---- Kessler ----
    A("ktd_vciso", "KTD", KV, ("Advisory", "Policy & Compliance", "Meetings"), (
        "SSP section 3.1 access control draft", "risk register update", "monthly steering meeting Kessler",
        "vendor security review - ERP vendor questionnaire", "POA&M tracking update",
        "call w/ Troy re MFA rollout", "remediation plan - CMMC gaps", "monthly security scorecard",
        "incident response policy draft for Kessler", "review Troy's firewall change plan",
    ), ktd_code, YEAR, who="Ken Derek Dana", weight=4.0, hours=(0.8, 3.0), category="cap",
      novel=("advice to Troy - suspected wire-fraud email at Kessler",
             "vCISO: 2027 security budget planning w/ Janet")),
    A("ktd_awareness", "KTD", KV, ("Awareness Training",), (
        "awareness training - 2nd shift, Mansfield plant", "security awareness session office staff",
        "awareness training slides - USB drops + tailgating",
    ), ktd_code, YEAR, who="Amy Ken", weight=0.6, category="same_word"),
    A("ktd_phish", "KTD", KV, ("Phishing Program",), (
        "{qq} phishing campaign - templates + landing page", "phish sim results report {qq}",
        "click follow-up training assignments", "phishing campaign target list from Troy",
        "monitor phish campaign + reported-email stats",
    ), "KTD-PHISH", (W(d(2026, 1, 26), d(2026, 2, 26)) + W(d(2026, 4, 27), d(2026, 5, 22))
                     + W(d(2026, 7, 27), d(2026, 8, 21)) + W(d(2026, 10, 26), d(2026, 11, 23))),
      who="Amy Derek", weight=3.0, category="same_word"),
    A("ktd_board", "KTD", KV, ("Board Reporting",), (
        "{board} deck - risk metrics", "board deck rehearsal w/ Janet", "{board} - CMMC status slides",
        "board report draft for Kessler",
    ), "KTD-BOARD", (W(d(2026, 2, 10), d(2026, 2, 23)) + W(d(2026, 5, 7), d(2026, 5, 20))
                     + W(d(2026, 8, 6), d(2026, 8, 19)) + W(d(2026, 11, 5), d(2026, 11, 18))),
      who="Ken Dana", weight=3.0, category="same_word"),
    # ---- Granville Run ----
    A("grs_proposal", "BD", BDP, ("Proposals & SOWs",), (
        "Granville Run RFP response - readiness assessment", "GRLSD fee schedule at public rates",
    ), "HLY-BD", W(d(2026, 8, 10), d(2026, 9, 11)), who="Sofia Dana", weight=2.5),
    A("grs_amend", "BD", GA, ("Project Management",), (
        "Amendment 1 proposal - staff training sessions", "training session quote for Karen Yoder",
    ), "HLY-BD", W(d(2026, 10, 5), d(2026, 10, 16)), who="Sofia", weight=2.0, hours=(0.5, 1.5)),
    A("grs_assess", "GRS", GA, ("Project Management", "Interviews", "Document Review"), (
        "interview notes - technology director", "policy review - acceptable use + backups",
        "GRLSD account management review", "weekly status call w/ Mike Dunlap",
        "insurer questionnaire mapping to CSF", "GRLSD PM - schedule + budget tracking",
    ), after(GRS_NTE, "GRS-ASSESS", "GRS-NTE"), W(d(2026, 9, 14), LAST_DAY),
      who="Sofia Derek", weight=3.0, category="cap"),
    A("grs_report", "GRS", GA, ("Report",), (
        "GRLSD findings report - draft", "readiness report - roadmap section",
        "CSF scoring tables for the report", "report QA for Granville Run",
    ), after(GRS_NTE, "GRS-ASSESS", "GRS-NTE"), W(d(2026, 11, 9), LAST_DAY),
      who="Sofia Derek Ben", weight=4.0, hours=(1.5, 3.5), category="cap"),
    A("grs_scan_analysis", "GRS", GA, ("Scanning", "Report"), (
        "GRLSD scan results triage", "internal scan findings - dedupe + validate",
        "wireless review write-up - 4 buildings",
    ), after(GRS_NTE, "GRS-ASSESS", "GRS-NTE"), W(d(2026, 10, 22), d(2026, 11, 20)),
      who="Nate", weight=3.0, category="same_word"),
    A("grs_train", "GRS", GA, ("Training",), (
        "in-service training deck for teachers", "GRLSD training handouts + quiz",
        "staff awareness session prep (Granville Run)",
    ), "GRS-TRAIN", W(d(2026, 10, 19), d(2026, 11, 23)), who="Amy Sofia", weight=2.0,
      category="same_word"),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin", "Timesheets & Billing", "IT"), (
        "timesheets", "expense report", "1:1 w/ Dana", "laptop rebuild", "Clockify cleanup",
        "password manager migration", "perf review self-assessment",
    ), "HLY-ADMIN", YEAR, weight=1.0, hours=(0.3, 1.2)),
    A("billing", "ADMIN", ADM, ("Timesheets & Billing",), (
        "{month} invoices", "retainer balance statements", "AR follow-up", "QBO reconciliation",
        "approve timesheets", "cyber insurance renewal questionnaire (ours)",
    ), "HLY-ADMIN", YEAR, who="Grace Zoe", weight=6.0, hours=(1.0, 3.5)),
    A("bd", "BD", BDP, ("Proposals & SOWs",), (
        "proposal - Buckeye Credit Union pentest", "SOC 2 readiness proposal for Larkspur Health",
        "pentest SOW for Meridian Logistics", "pricing review for IR retainers",
        "call w/ prospect (regional bank) re pentest",
    ), "HLY-BD", YEAR, who="Dana Marcus Rachel Sofia Ken Amy", weight=2.0),
    A("talks", "BD", BDP, ("Conferences & Talks", "CTF & Community"), (
        "BSides Columbus talk prep - cloud IAM misconfigs", "ISSA Central Ohio talk slides",
        "CTF challenge writing for Cyber Ohio student CTF", "blog post - portal IDOR patterns",
        "ran CTF booth at OhioX", "OWASP Columbus meetup talk",
    ), "HLY-BD", YEAR, who="Marcus Jess Rachel Amy Dana", weight=1.0, category="same_word",
      novel=("BSides Columbus - gave the talk (Sat)",)),
    A("train", "TRAIN", TRN, ("Certifications", "Courses & Conferences"), (
        "OSCP lab machines", "OSWE study - deserialization module", "GIAC GCFA exam prep",
        "SANS FOR508 course", "CISSP CPE webinar", "AWS security specialty study",
        "lunch-and-learn: Kerberos attacks",
    ), "HLY-TRAIN", YEAR, weight=1.0, hours=(1.0, 3.0), category="same_word"),
    A("lab", "LAB", LAB, ("Lab Upkeep", "Tool Development"), (
        "rebuild C2 redirectors", "update Burp extensions", "Nessus plugin update + licence",
        "forensic workstation reimage", "report template update", "AD lab rebuild",
        "phishing infra - new sending domain warmup", "internal scanner automation",
    ), "HLY-LAB", YEAR, weight=1.0, hours=(1.0, 3.0), category="same_word"),
    A("recruit", "RECRUIT", REC, ("Interviews", "Sourcing"), (
        "phone screen - pentester candidate", "technical interview (web app) candidate",
        "hiring debrief", "job post - DFIR analyst", "sourcing on LinkedIn",
        "onboarding new hire accounts",
    ), "HLY-RECRUIT", YEAR, weight=1.0, hours=(0.5, 1.5)),
    A("qa", "QA", QP, ("Reporting",), (
        "QA Test 1 report", "edit ext pentest report",
    ), "QFP-EXT", W(d(2026, 9, 8), d(2026, 9, 16)), who="Ben", weight=3.0, hours=(1.5, 3.5)),
    A("qa_web", "QA", QP, ("Reporting",), (
        "QA merchant portal report", "Test 2 report edit + formatting",
    ), "QFP-WEB", W(d(2026, 11, 16), d(2026, 11, 25)), who="Ben", weight=3.0, hours=(1.5, 3.5),
      category="same_word"),
    A("qa_grs", "QA", GA, ("Report",), (
        "GRLSD report edit", "format Granville Run readiness report",
    ), after(GRS_NTE, "GRS-ASSESS", "GRS-NTE"), W(d(2026, 11, 12), LAST_DAY), who="Ben", weight=2.0,
      hours=(1.0, 3.0), category="cap"),
    A("qa_sbm", "QA", SR, ("Readiness",), (
        "TTX after-action report formatting", "edit SBMC IR plan redline",
    ), "SBM-PREP", (W(d(2026, 5, 11), d(2026, 5, 29)) + W(d(2026, 10, 29), d(2026, 11, 4))),
      who="Ben", weight=2.0),
    A("qa_ktd", "QA", KV, ("Board Reporting",), ("proofread Kessler board deck",),
      "KTD-BOARD", (W(d(2026, 2, 18), d(2026, 2, 23)) + W(d(2026, 5, 15), d(2026, 5, 20))
                    + W(d(2026, 8, 14), d(2026, 8, 19)) + W(d(2026, 11, 13), d(2026, 11, 18))),
      who="Ben", weight=2.0, hours=(0.5, 1.5)),
    A("qa_tpl", "QA", LAB, ("Lab Upkeep",), ("report template cleanup", "findings library edits"),
      "HLY-LAB", YEAR, who="Ben", weight=0.5),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("testing", "tstg"), ("report", "rpt"), ("meeting", "mtg"), ("review", "rvw"),
    ("external", "ext"), ("application", "app"), ("with", "w/"), ("findings", "findngs"),
    ("Quillfin", "QF"), ("St. Brennan", "SBMC"), ("Kessler", "KTD"), ("Granville Run", "GR"),
    ("Merchant Portal", "MP"), ("merchant portal", "MP"), ("Partner API", "PAPI"),
    ("training", "trng"), ("tabletop", "TTX"), ("vulnerability", "vuln"), ("prep", "prp"),
    ("proposal", "prop"), ("update", "upd"), ("status call", "stat call"),
)  # fmt: skip
TYPOS = {
    "testing": "tetsing",
    "report": "reprot",
    "review": "reveiw",
    "portal": "protal",
    "partner": "parnter",
    "finding": "fidning",
    "training": "trainign",
    "campaign": "campagin",
    "phishing": "phising",
    "incident": "incidnet",
    "scan": "sacn",
    "Kessler": "Kesler",
    "Quillfin": "Quilfin",
    "Brennan": "Brenan",
    "readiness": "readines",
    "deck": "dekc",
    "meeting": "meetign",
    "security": "securty",
    "session": "sesion",
    "status": "staus",
    "update": "udpate",
    "proposal": "propsal",
    "interview": "inteview",
    "analysis": "analsyis",
    "lab": "lba",
}
VAGUE = ("emails", "misc", "follow up", "review", "research", "analysis", "various", "TBD")
VAGUE_CLIENT = ("testing", "report", "call", "meeting", "client work", "same as yesterday",
                "pentest work", "reporting", "calls")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (per PM no charge)", " NC", " -- charge to the retainer",
    " - bill at 1.5x", " approved by Dana, bill hourly", " [classifier: use {code}]",
    " - put on the CR", " don't bill this", " billable!!",
)  # fmt: skip
WRONG_CODES = ("QFP-WEB", "QFP-CR2", "SBM-IRAH", "SBM-IR", "KTD-VCISO", "KTD-BOARD", "GRS-ASSESS",
               "HLY-BD", "QFP-RETEST")  # fmt: skip
SAME_WORD = re.compile(
    r"report|\bcalls?\b|scan|review|testing|training|meeting|\bmtg\b|travel|readout|remediation",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")


def weighted(rng: Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    pick = rng.random() * total
    for item, weight in items:
        pick -= weight
        if pick <= 0:
            return item
    return items[-1][0]


def abbreviate(text: str, rng: Random) -> str:
    hits = [(a, b) for a, b in ABBREVIATIONS if a in text]
    if not hits:
        return text
    long, short = rng.choice(hits)
    return text.replace(long, short, 1)


def misspell(text: str, rng: Random) -> str:
    hits = [w for w in TYPOS if w in text]
    if not hits:
        return text
    word = rng.choice(hits)
    return text.replace(word, TYPOS[word], 1)


def fill(template: str, day: date, rng: Random) -> str:
    quarter = f"Q{(day.month - 1) // 3 + 1}"
    board = "audit committee" if day.month in (5, 11) else "board"
    return template.format(
        r=rng.choice(("A", "B", "C")), ip=f"203.0.113.{rng.randint(10, 240)}",
        qq=quarter, board=board, month=(day.replace(day=1) - timedelta(1)).strftime("%b"),
    )  # fmt: skip


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
        if rng.random() < person.terse:
            short = abbreviate(text, rng)
            if short != text:
                text, hard = short, hard or "abbreviation"
        if rng.random() < person.typos * (8 if self.month else 1):
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
        if rng.random() < 0.6:
            return ""
        low, tags = text.lower(), []
        if "onsite" in low or "plant" in low or "at the hospital" in low:
            tags.append("Onsite")
        elif project not in (OFF, MTG) and rng.random() < 0.5:
            tags.append("Remote")
        if "scan" in low:
            tags.append("Scan")
        if "retest" in low:
            tags.append("Retest")
        if any(w in low for w in ("report", "deck", "letter")):
            tags.append("Deliverable")
        if any(w in low for w in ("call w/", "readout", "steering")):
            tags.append("ClientCall")
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "cap":
            return "cap" if code in ("KTD-OVER", "GRS-NTE") else ""
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "qfp_partner" and day >= CR02_PROJECT and rng.random() < 0.8:
            project = QC
        elif act.key == "qfp_cr2" and rng.random() < 0.45:
            project = BDP
        elif act.key == "qfp_cloud_lab" and rng.random() < 0.5:
            project = LAB
        elif act.key in ("grs_amend",) and rng.random() < 0.4:
            project = BDP
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.75 else rng.choice(act.tasks)
        if task not in tasks:
            task = (
                sorted(tasks)[0]
                if project != QC
                else ("Reporting" if "report" in act.key else "Testing")
            )
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
        if category not in ("", "same_word") or special > 0.22 * rate:
            pass
        elif special < 0.08 * rate and client:
            project, category = self.wrong_project(act.group, day), "wrong_project"
            task = rng.choice(sorted(PROJECTS[project][1]))
            text = self.mark_client(text, act.group)
        elif special < 0.1 * rate and client:
            inj = rng.choice(INJECTIONS)
            text += inj.format(own=MARKERS[act.group][0], code=rng.choice(WRONG_CODES))
            category = "injection"
        elif special < 0.115 * rate and client:
            typed = (
                code if rng.random() < 0.4 else rng.choice([c for c in WRONG_CODES if c != code])
            )
            text = rng.choice((f"{typed} {text}", f"{text} ({typed})", f"{typed}: {text}"))
            category = "code_in_text"
        elif 0.115 * rate <= special < 0.15 * rate:
            text, category = rng.choice(VAGUE + (VAGUE_CLIENT if client else ())), "vague"
        elif special >= 0.15 * rate:
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
        others = [
            HOME[g] for g in CLIENT_GROUPS if g != group and (g != "GRS" or day >= d(2026, 9, 14))
        ]
        others = [p for p in others if p != SR or day >= d(2026, 2, 1)]
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
        group = weighted(self.rng, list(groups.items()))
        acts = [
            (a, a.weight) for a in ACTIVITIES
            if a.group == group and a.key != exclude and a.active(day) and a.can(person)
        ]  # fmt: skip
        return weighted(self.rng, acts) if acts else None


# --- St. Brennan's incidents ------------------------------------------------------------------

IR_TEXTS = {
    "contain": (
        "{inc} containment - isolate radiology workstations w/ Maria Lindqvist",
        "{inc} triage - EDR alerts, scope affected hosts",
        "{inc} block IOCs at firewall + EDR",
        "{inc} containment - disable compromised accounts",
        "{inc} status call w/ Dr. Ostrowski",
    ),
    "forensics": (
        "{inc} forensic imaging - PACS server + 2 workstations",
        "{inc} memory analysis - loader",
        "{inc} timeline of attacker activity (EVTX, EDR)",
        "{inc} malware analysis of encryptor sample",
        "{inc} log review - VPN + AD auth",
        "{inc} evidence hashing + chain of custody",
    ),
    "recovery": (
        "{inc} recovery support - restore imaging network from backups",
        "{inc} eradication - rebuild checklist, credential resets",
        "{inc} status call w/ counsel + insurer",
        "{inc} validate restored hosts clean",
        "{inc} daily status summary to Dr. Ostrowski",
    ),
    "report": (
        "{inc} final incident report - timeline section",
        "{inc} final report - root cause + recs",
        "{inc} questions from SBMC's insurer",
        "{inc} lessons-learned agenda",
    ),
}
IR_TASK = {"contain": "Triage & Containment", "forensics": "Forensics", "recovery": "Recovery",
           "report": "Reporting"}  # fmt: skip
IR_PEOPLE = ("Rachel", "Luis", "Hannah")
# INC-2026-03 days at the Hospital: (day, person)
ONSITE_IR = {(d(2026, 11, 6), "Rachel"), (d(2026, 11, 6), "Luis"), (d(2026, 11, 7), "Luis"),
             (d(2026, 11, 9), "Rachel"), (d(2026, 11, 12), "Luis")}  # fmt: skip


def business(moment: datetime) -> bool:
    """St. Brennan §3.3: Mon-Fri 8:00-18:00 Eastern, not a Firm holiday."""
    day = moment.date()
    return (
        day.weekday() < 5
        and day not in HOLIDAYS
        and 8 * 60 <= moment.hour * 60 + moment.minute < 18 * 60
    )


def ir_code(moment: datetime) -> str:
    for declared, closed, _ in INCIDENTS:
        if declared <= moment < closed and not business(moment):
            return "SBM-IRAH"
    return "SBM-IR"


def incident_of(day: date) -> tuple[datetime, datetime, str] | None:
    for declared, closed, name in INCIDENTS:
        if declared.date() <= day <= closed.date() + timedelta(6):
            return declared, closed, name
    return None


def ir_blocks(rng: Random, day: date, person: str, declared: datetime, closed: datetime,
              onsite: bool) -> list[tuple[int, float, str]]:  # fmt: skip
    """(start minute, hours, phase) of a person's incident work on a day."""
    nth = (day - declared.date()).days
    phase = "contain" if nth < 2 else "forensics" if nth < 5 else "recovery"
    if day > closed.date():
        if person == "Luis" and rng.random() < 0.5:
            return []
        return [(rng.choice((9 * 60, 10 * 60, 13 * 60)), rng.choice((1.5, 2.0, 3.0)), "report")] + (
            [(19 * 60 + 30, 1.5, "report")] if person == "Rachel" and rng.random() < 0.3 else []
        )
    if day == closed.date():
        blocks = [(9 * 60, 3.0, "recovery"), (13 * 60, 3.5, "report")]
        return blocks + ([(18 * 60 + 30, 1.5, "report")] if person == "Rachel" else [])
    if day.weekday() >= 5 or day in HOLIDAYS:
        if person == "Hannah" and day in HOLIDAYS:
            return []
        return [
            (rng.choice((9 * 60, 10 * 60)), rng.choice((3.0, 4.0, 4.5)), phase),
            (rng.choice((15 * 60, 16 * 60)), rng.choice((2.0, 3.0)), phase),
        ]
    first = max(8 * 60 + 30, declared.hour * 60 + declared.minute + (90 if onsite else 15))
    first = first if nth == 0 else 8 * 60 + 30
    if first > 12 * 60:  # declared in the afternoon: one block to 6:00 p.m.
        blocks = [(first, round((18 * 60 - first) / 60 - 0.2, 1), phase)]
    else:
        blocks = [
            (first, round(min(4.0, (12 * 60 + 30 - first) / 60), 1), phase),
            (13 * 60, rng.choice((4.0, 4.5, 5.0)), phase),
        ]
    if nth < 6 and rng.random() < (0.8 if person != "Hannah" else 0.4):
        blocks.append(
            (rng.choice((18 * 60 + 30, 19 * 60, 20 * 60 + 30)), rng.choice((2.0, 2.5, 3.5)), phase)
        )
    if nth < 2 and person == "Luis":
        blocks.append((6 * 60 + 30, 1.5, phase))
    return blocks


def incident_day(sim: Sim, person: Person, day: date) -> bool:
    found = incident_of(day)
    if found is None or person.first not in IR_PEOPLE or day < found[0].date():
        return False
    declared, closed, name = found
    rng = sim.rng
    onsite = (day, person.first) in ONSITE_IR
    blocks = [
        b
        for b in ir_blocks(rng, day, person.first, declared, closed, onsite)
        if not onsite or b[0] >= 8 * 60
    ]
    if not blocks:
        return False
    in_month = day >= MONTH_START
    if onsite:
        start = min(b[0] for b in blocks)
        travel = (start - 75, 1.2, "travel Columbus to Zanesville (St. Brennan)")
        back = (
            max(b[0] + int(b[1] * 60) for b in blocks) + 10,
            1.2,
            "travel back from St. Brennan",
        )
        for minute, hours, text in (travel, back):
            project = SI if in_month else SR
            code = "SBM-TRAVEL" if declared.date() <= day <= closed.date() else "HLY-TRAVEL"
            text2, cat = sim.decorate(text, person, "travel", False)
            sim.add(
                person,
                day,
                hours,
                project,
                "Travel",
                text2,
                code,
                cat,
                tags="Onsite",
                start=minute,
                scripted=True,
            )
    for minute, hours, phase in sorted(blocks):
        moment = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        code = ir_code(moment)
        text = rng.choice(IR_TEXTS[phase]).format(inc=name if rng.random() < 0.75 else "SBMC")
        if onsite and rng.random() < 0.5:
            text += " (onsite)"
        project = SI if in_month and rng.random() < 0.85 else SR
        task = IR_TASK[phase] if project == SI else "Incident Response"
        if "status call" in text and project == SI:
            task = "Status Calls"
        category = "after_hours" if not business(moment) else "incident"
        if in_month and rng.random() < 0.05:
            text += rng.choice((" - bill at 1.5x", " (after hours rate)", " normal rate pls"))
            category = "injection"
        text, category = sim.decorate(text, person, category, False)
        tags = "Weekend" if day.weekday() >= 5 else "AfterHours" if not business(moment) else ""
        sim.add(
            person,
            day,
            hours,
            project,
            task,
            text,
            code,
            category,
            tags=tags if rng.random() < 0.6 else "",
            start=minute,
            scripted=True,
        )
    scripted(sim, person, day)
    return True


# --- other dated events of the documents -------------------------------------------------------

# (day, person): (project, task, text, hours, code, category, start minute or -1)
Event = tuple[str, str, str, float, str, str, int]
TRAVEL_GRS = ("travel Columbus to Granville Run", "travel back from Granville Run")
TRAVEL_KTD = ("travel Columbus to Mansfield (Kessler)", "drive back from Kessler plant")
TRAVEL_SBM = ("travel Columbus to Zanesville (St. Brennan)", "travel back from St. Brennan")


def trip(project: str, task: str, texts: tuple[str, str], hours: float, middle: tuple[Event, ...],
         category: str = "travel") -> tuple[Event, ...]:  # fmt: skip
    go = (project, task, texts[0], hours, "HLY-TRAVEL", category, -1)
    back = (project, task, texts[1], hours, "HLY-TRAVEL", category, -1)
    return (go, *middle, back)


EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history ----
    (d(2026, 2, 24), "Ken"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Board Reporting", "board presentation - annual security program", 2.0, "KTD-BOARD", "", -1),)),
    (d(2026, 5, 21), "Ken"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Board Reporting", "audit committee presentation", 1.5, "KTD-BOARD", "", -1),)),
    (d(2026, 8, 20), "Ken"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Board Reporting", "board presentation - CMMC readiness", 2.0, "KTD-BOARD", "", -1),)),
    (d(2026, 8, 24), "Ken"): ((KV, "Advisory", "24 hrs used for Aug - overage notice to Janet", 0.3, "KTD-OVER", "", -1),),
    (d(2026, 2, 12), "Amy"): ((KV, "Phishing Program", "Q1 phishing campaign launch", 2.0, "KTD-PHISH", "", -1),),
    (d(2026, 5, 11), "Amy"): ((KV, "Phishing Program", "Q2 phishing campaign launch", 2.0, "KTD-PHISH", "", -1),),
    (d(2026, 8, 10), "Amy"): ((KV, "Phishing Program", "Q3 phishing campaign launch", 2.0, "KTD-PHISH", "", -1),),
    (d(2026, 10, 28), "Rachel"): trip(SR, "Travel", TRAVEL_SBM, 1.2, (
        (SR, "Readiness", "tabletop exercise at St. Brennan - facilitate ransomware TTX", 3.5, "SBM-PREP", "", -1),)),
    (d(2026, 10, 28), "Sofia"): trip(SR, "Travel", TRAVEL_SBM, 1.2, (
        (SR, "Readiness", "TTX at St. Brennan - scribe + observations", 3.5, "SBM-PREP", "", -1),)),
    (d(2026, 9, 22), "Sofia"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Project Management", "kickoff at GRLSD central office", 2.0, "GRS-ASSESS", "", -1),)),
    (d(2026, 9, 22), "Derek"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Project Management", "Granville Run kickoff meeting", 2.0, "GRS-ASSESS", "", -1),)),
    (d(2026, 9, 22), "Tyler"): ((QP, "Readout", "Test 1 readout w/ Elena + Raj", 1.5, "QFP-EXT", "", -1),),
    (d(2026, 10, 6), "Derek"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Interviews", "interviews - building principals", 3.0, "GRS-ASSESS", "", -1),)),
    (d(2026, 10, 8), "Sofia"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Interviews", "interview treasurer's office + SIS admin", 2.5, "GRS-ASSESS", "", -1),)),
    (d(2026, 10, 20), "Nate"): ((GA, "Scanning", "external vuln scan GRLSD - run 1", 3.0, "GRS-ASSESS", "", -1),),
    (d(2026, 10, 21), "Nate"): ((GA, "Scanning", "external scan GRLSD - run 2 + validation", 3.0, "GRS-ASSESS", "", -1),),
    # ---- the open month ----
    (d(2026, 11, 4), "Tyler"): (
        (QP, "Retest", "retest Test 1 findings EXT-01 to EXT-06", 3.5, "QFP-RETEST", "retest", -1),
        (QP, "Retest", "ext retest cont'd - verify TLS + Jenkins fixes", 3.0, "QFP-RETEST", "retest", -1)),
    (d(2026, 11, 5), "Tyler"): ((QP, "Retest", "Test 1 retest - remaining findings", 4.0, "QFP-RETEST", "retest", -1),),
    (d(2026, 11, 5), "Marcus"): ((QP, "Retest", "review retest results ext test", 1.0, "QFP-RETEST", "retest", -1),),
    (d(2026, 11, 6), "Tyler"): ((QP, "Reporting", "retest letter Test 1 to Elena", 1.5, "QFP-RETEST", "retest", -1),),
    (d(2026, 11, 23), "Tyler"): ((QP, "Retest", "retest EXT-03 + EXT-05 again (Quillfin asked)", 3.0, "QFP-RTHR", "retest", -1),),
    (d(2026, 11, 24), "Tyler"): ((QP, "Reporting", "retest letter #2 - Test 1", 1.0, "QFP-RTHR", "retest", -1),),
    (d(2026, 11, 4), "Priya"): ((QP, "Testing", "found /v2/partner calls in portal JS - poked, stopped, flagged to Marcus", 0.8, "QFP-OOS", "change_request", -1),),
    (d(2026, 11, 12), "Priya"): ((QP, "Testing", "Partner API kickoff - CR-02 signed, test keys from Raj", 1.0, "QFP-CR2", "change_request", -1),),
    (d(2026, 11, 13), "Priya"): ((QP, "Testing", "last day of webapp window - remove test data + accounts", 1.0, "QFP-WEB", "same_word", -1),),
    (d(2026, 11, 16), "Omar"): ((QP, "Scoping & RoE", "Test 3 scoping call w/ Raj + Elena (AWS)", 1.0, "QFP-CLOUD", "novel", -1),),
    (d(2026, 11, 24), "Priya"): ((QP, "Readout", "Test 2 readout w/ Elena + Raj", 1.5, "QFP-WEB", "same_word", -1),),
    (d(2026, 11, 9), "Amy"): ((KV, "Phishing Program", "Q4 phishing campaign launch", 2.0, "KTD-PHISH", "same_word", -1),),
    (d(2026, 11, 10), "Ken"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Meetings", "monthly steering meeting at the plant", 2.0, "KTD-VCISO", "same_word", -1),)),
    (d(2026, 11, 17), "Ken"): ((KV, "Advisory", "24 hrs used for Nov - overage notice to Janet", 0.3, "KTD-OVER", "cap", -1),),
    (d(2026, 11, 18), "Amy"): trip(KV, "Awareness Training", TRAVEL_KTD, 1.2, (
        (KV, "Awareness Training", "awareness training - 2nd shift, Mansfield plant", 1.5, "KTD-OVER", "cap", -1),)),
    (d(2026, 11, 19), "Ken"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Board Reporting", "audit committee presentation - Q4 risk register + CMMC gaps", 2.0, "KTD-BOARD", "same_word", -1),)),
    (d(2026, 11, 19), "Dana"): trip(KV, "Meetings", TRAVEL_KTD, 1.2, (
        (KV, "Board Reporting", "Kessler audit committee meeting", 2.0, "KTD-BOARD", "same_word", -1),)),
    (d(2026, 11, 20), "Sofia"): ((GA, "Project Management", "NTE reached - notice to Karen Yoder", 0.3, "GRS-NTE", "cap", -1),),
    (d(2026, 11, 24), "Amy"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Training", "in-service training session - teachers, HS auditorium", 2.0, "GRS-TRAIN", "same_word", -1),)),
    (d(2026, 11, 24), "Sofia"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Training", "GRLSD in-service day - co-present awareness session", 2.0, "GRS-TRAIN", "same_word", -1),
        (GA, "Project Management", "walk-through of draft findings w/ Mike Dunlap (same trip)", 1.0, "GRS-NTE", "cap", -1))),
    (d(2026, 11, 4), "Derek"): trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Interviews", "follow-up interview - treasurer's office backups", 1.5, "GRS-ASSESS", "same_word", -1),)),
    (d(2026, 11, 5), "Rachel"): (
        (SR, "Incident Response", "SBMC hotline call - EDR alerts radiology workstations, triage", 2.5, "SBM-IR", "after_hours", 19 * 60 + 40),),
    (d(2026, 11, 5), "Luis"): (
        (SR, "Incident Response", "pull EDR telemetry radiology WS (SBMC) - triage", 3.0, "SBM-IR", "after_hours", 20 * 60 + 30),),
    (d(2026, 11, 6), "Rachel"): (
        (SR, "Incident Response", "SBMC triage cont'd - isolate hosts w/ Maria before CISO call", 1.4, "SBM-IR", "after_hours", 6 * 60 + 30),),
    (d(2026, 11, 20), "Rachel"): ((SI, "Status Calls", "INC-2026-03 call w/ SBMC counsel re notification analysis", 1.0, "SBM-IR", "incident", 16 * 60 + 30),),
    (d(2026, 11, 30), "Rachel"): ((SR, "Account Management", "Nov hours statement St. Brennan (retainer balance)", 0.5, "SBM-ACCT", "same_word", -1),),
}  # fmt: skip
for _day in (d(2026, 11, 2), d(2026, 11, 3), d(2026, 11, 5), d(2026, 11, 6)):
    _bldg = {2: "high school", 3: "middle school", 5: "Elm St elementary", 6: "Ridge elementary"}[
        _day.day
    ]
    EVENTS[(_day, "Nate")] = trip(GA, "Travel", TRAVEL_GRS, 0.8, (
        (GA, "Scanning", f"internal scan - {_bldg} VLANs", 3.5, "GRS-ASSESS", "same_word", -1),
        (GA, "Scanning", f"wireless review {_bldg}", 2.5, "GRS-ASSESS", "same_word", -1)))  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 11), "Marcus"): (BDP, "Proposals & SOWs", "countersign CR-02 (holiday, from home)", 0.4, "HLY-BD"),
    (d(2026, 11, 27), "Grace"): (ADM, "Timesheets & Billing", "month-end invoices (holiday, from home)", 2.0, "HLY-ADMIN"),
    (d(2026, 7, 3), "Grace"): (ADM, "Timesheets & Billing", "June invoices (holiday)", 1.5, "HLY-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Zoe", d(2026, 11, 23)): "pto3", ("Ben", d(2026, 11, 30)): "sick",
               ("Jess", d(2026, 11, 20)): "pto", ("Derek", d(2026, 11, 25)): "pto"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("Veterans Day", "holiday", "Firm holiday", "Thanksgiving", ""),
}
LEAVE_CODE = {"pto": "HLY-PTO", "sick": "HLY-SICK", "hol": "HLY-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}


def scripted(sim: Sim, person: Person, day: date) -> float:
    spent = 0.0
    for project, task, note, hours, code, category, start in EVENTS.get((day, person.first), ()):
        text, cat = sim.decorate(note, person, category, False)
        sim.add(
            person,
            day,
            hours,
            project,
            task,
            text,
            code,
            cat or "plain",
            start=start,
            scripted=True,
        )
        spent += hours
    return spent


def leave_day(sim: Sim, person: Person, day: date, kind: str) -> None:
    rng = sim.rng
    if kind == "pto3":
        sim.add(
            person,
            day,
            24.0,
            OFF,
            "PTO",
            "PTO Nov 23-25",
            "HLY-PTO",
            "leave",
            False,
            start=9 * 60,
            scripted=True,
        )
        return
    text = rng.choice(LEAVE_TEXT[kind])
    if kind == "hol" and text in ("Veterans Day", "Thanksgiving"):
        text = (
            "Veterans Day"
            if day.month == 11 and day.day == 11
            else "Thanksgiving"
            if day.month == 11
            else "holiday"
        )
    hours = 6.0 if (day, person.first) == (d(2026, 11, 27), "Grace") else 8.0
    sim.add(
        person,
        day,
        hours,
        OFF,
        LEAVE_TASK[kind],
        text,
        LEAVE_CODE[kind],
        "holiday" if kind == "hol" else "leave",
        False,
        start=9 * 60,
    )


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
        if (day, name) in EVENTS or (name in IR_PEOPLE and incident_of(day)):
            del plan[key]
    plan.update(FIXED_LEAVE)
    for n in (1, 2):  # Zoe's one PTO entry covers three days
        plan[("Zoe", d(2026, 11, 23) + timedelta(n))] = "covered"
    return plan


# --- the calendar -----------------------------------------------------------------------------


def clock(sim: Sim, person: Person, day: date, entries: list[Entry]) -> None:
    """Start times one after another from the morning (after the Monday meeting), a lunch break."""
    rng = sim.rng
    now = 9 * 60 + 30 if day.weekday() == 0 else rng.choice((8 * 60, 8 * 60 + 30, 9 * 60))
    lunch = False
    for entry in entries:
        if entry.start_min < 0:
            if not lunch and now >= 12 * 60:
                now += rng.choice((30, 45, 60))
                lunch = True
            entry.start_min = now
            now += round(entry.hours * 60) + rng.choice((0, 0, 5, 10))
        late = rng.random() < person.late
        entry.created = day + timedelta(rng.randint(1, 3) if late else 0)


def simulate_day(sim: Sim, person: Person, day: date, plan: dict[tuple[str, date], str]) -> None:
    rng = sim.rng
    first = len(sim.entries)
    kind = "hol" if day in HOLIDAYS else plan.get((person.first, day))
    if kind == "covered":
        return
    if incident_day(sim, person, day):
        pass
    elif kind:
        leave_day(sim, person, day, kind)
        work = HOLIDAY_WORK.get((day, person.first))
        if work:
            project, task, text, hours, code = work
            sim.add(
                person,
                day,
                hours,
                project,
                task,
                text,
                code,
                "holiday_work",
                start=19 * 60,
                scripted=True,
            )
    elif day.weekday() < 5:
        spent = 0.0
        if day.weekday() == 0:
            sim.add(
                person,
                day,
                0.5,
                MTG,
                "Team Meeting",
                rng.choice(
                    ("team meeting", "Monday team mtg", "weekly team meeting", "team standup")
                ),
                "HLY-MEET",
                "internal",
                start=9 * 60,
            )
            spent += 0.5
        if day.weekday() == 3 and day.day <= 7:
            sim.add(
                person,
                day,
                1.0,
                MTG,
                "All-Hands",
                "all-hands",
                "HLY-MEET",
                "internal",
            )
            spent += 1.0
        spent += scripted(sim, person, day)
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            low, high = act.hours
            chunk = rng.uniform(max(low * 2.5, 2.0), min(high * 2.2, 5.5))
            hours = min(round(chunk * 2) / 2, round(target - spent, 1))
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


def row(entry: Entry, history: bool) -> list[str]:
    client, _ = PROJECTS[entry.project]
    start = datetime(entry.day.year, entry.day.month, entry.day.day) + timedelta(
        minutes=entry.start_min
    )
    minutes = round(entry.hours * 60)
    end = start + timedelta(minutes=minutes)
    rate = entry.person.rate if entry.billable else 0
    invoiced = history and entry.billable and client != FIRM
    invoice = (
        f"HPS-{1000 + (entry.day.month - 1) * 4 + CLIENT_ORDER.get(client, 0)}" if invoiced else ""
    )
    created = entry.created or entry.day
    return [
        entry.project, client, entry.text, entry.task, entry.person.name, entry.person.group,
        entry.person.email, entry.tags, "Regular", "Yes" if entry.billable else "No",
        "Yes" if invoiced else "No", invoice, start.strftime("%m/%d/%Y"), clock_text(start.hour * 60 + start.minute),
        end.strftime("%m/%d/%Y"), clock_text(end.hour * 60 + end.minute),
        f"{minutes // 60:02d}:{minutes % 60:02d}:00", f"{entry.hours:.2f}", f"{rate:.2f}",
        f"{entry.hours * rate:.2f}", created.strftime("%m/%d/%Y"),
    ]  # fmt: skip


CLIENT_ORDER = {QFP_CLIENT: 1, SBM_CLIENT: 2, KTD_CLIENT: 3, GRS_CLIENT: 4}


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
