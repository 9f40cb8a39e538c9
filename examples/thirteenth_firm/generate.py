"""Generate the thirteenth demo firm's time entries: approved history and one open month.

Harrow & Finch Communications, LLC (about 18 people, 14 of them logging here; a public relations
and crisis communications agency in Richmond, Virginia) records time in Clockify against four
clients (see README.md next to this file; the agreements, change order, letters, records of
events and the firm policy are in ``sows/``). This script writes, in Clockify's "Detailed report"
CSV layout:

- ``history.csv``      Nov 3, 2025 - Oct 30, 2026, a sample of the approved entries, with the code
                       the account lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/thirteenth_firm/generate.py [--out DIR]
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

SEED = 20261113
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.165  # share of the year's approved entries kept in history.csv
DOMAIN = "harrowfinch.example"
LIMIT = 7.0  # firm policy §2.5

HEADER = [
    "Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags", "Type",
    "Billable", "Invoiced", "Invoice ID", "Start Date", "Start Time", "End Date", "End Time",
    "Duration (h)", "Duration (decimal)", "Billable Rate (USD)", "Billable Amount (USD)",
    "Date of creation",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "GWB-RET", "GWB-OVER", "GWB-EVENT", "GWB-PAID",
    "CSL-STBY", "CSL-PREP", "CSL-CRISIS", "CSL-STD",
    "VLB-KIT", "VLB-EVENT", "VLB-TOUR", "VLB-INFL", "VLB-OOS", "VLB-PASS", "VLB-HRLY",
    "RLA-PB", "RLA-GALA",
    "HFC-ADMIN", "HFC-NB", "HFC-AWARDS", "HFC-THOUGHT", "HFC-TRAIN", "HFC-RECRUIT", "HFC-MEET",
    "HFC-TRAVEL", "HFC-PTO", "HFC-HOL", "HFC-SICK",
)  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 1, 19), d(2026, 5, 25), d(2026, 6, 19), d(2026, 7, 3), d(2026, 9, 7),
    d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Greywater §8: allowance notices; retainer services are GWB-OVER from the notice to month end
GWB_NOTICES = (d(2026, 3, 20), d(2026, 6, 22), d(2026, 11, 19))
# Castellan §8: activation email (to the minute) and the window's last day (day 14)
ACT1 = (datetime(2026, 4, 14, 9, 40), d(2026, 4, 27))
ACT2 = (datetime(2026, 11, 8, 20, 5), d(2026, 11, 21))
ACT2_PROJECT = d(2026, 11, 9)
# Veloria §9: CO-1 signed; its Clockify project opened the next day
CO1_SIGNED, CO1_PROJECT = d(2026, 11, 12), d(2026, 11, 13)
VLB_WRITTEN_ASK = d(2026, 11, 23)
# Riverside Literacy §6: the Gala Letter, the gala, the end of gala billing
GALA_LETTER, GALA_DAY, GALA_END = d(2026, 9, 15), d(2026, 11, 13), d(2026, 11, 30)


def gwb_code(day: date) -> str:
    """Greywater §3.2: retainer services are overage from a notice's date to that month's end."""
    for notice in GWB_NOTICES:
        if notice <= day and (day.year, day.month) == (notice.year, notice.month):
            return "GWB-OVER"
    return "GWB-RET"


def csl_code(day: date) -> str:
    """Castellan §4: crisis work inside an activation window, standard rate after it (days after
    the activation day; the activation day itself is scripted to the minute)."""
    for start, last in (ACT1, ACT2):
        if start.date() <= day <= last:
            return "CSL-CRISIS"
    return "CSL-STD"


def gala_code(day: date) -> str:
    """Riverside Literacy §3: gala publicity is RLA-GALA from the letter to Nov 30, 2026."""
    return "RLA-GALA" if GALA_LETTER <= day <= GALA_END else "RLA-PB"


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    group: str  # Clockify user group
    rate: int  # standard Agency rate
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
    P("Margaret", "Harrow", "Leadership", 275, {"NB": 0.35, "ADMIN": 0.2, "CSL": 0.1, "CRISIS": 0.6,
      "POST": 0.1, "RLA": 0.1, "THOUGHT": 0.05, "RECRUIT": 0.05}, terse=0.3, sloppy=0.05),
    P("Julian", "Finch", "Leadership", 275, {"NB": 0.35, "THOUGHT": 0.25, "VLB": 0.25, "ADMIN": 0.1,
      "AWARDS": 0.05}, terse=0.25),
    P("Tessa", "Okafor", "Accounts", 240, {"CSL": 0.35, "CRISIS": 3.0, "POST": 0.8, "NB": 0.25,
      "TRAIN": 0.1, "ADMIN": 0.1, "THOUGHT": 0.1}, terse=0.25, typos=0.015),
    P("Ravi", "Deshmukh", "Accounts", 210, {"GWBR": 0.3, "GWB": 0.25, "NB": 0.3, "ADMIN": 0.1,
      "TRAIN": 0.05, "THOUGHT": 0.1, "RECRUIT": 0.05}, terse=0.3),
    P("Caroline", "Pruett", "Accounts", 210, {"VLB": 0.6, "GWBR": 0.03, "NB": 0.15, "AWARDS": 0.1,
      "ADMIN": 0.1}, terse=0.2, typos=0.01),
    P("Dante", "Whitaker", "Accounts", 180, {"GWBR": 0.15, "GWB": 0.1, "RLA": 0.15, "THOUGHT": 0.15,
      "CSL": 0.1, "CRISIS": 1.6, "POST": 0.3, "TRAIN": 0.05, "ADMIN": 0.05, "NB": 0.05},
      terse=0.35, typos=0.03, sloppy=0.12),
    P("Owen", "Sato", "Accounts", 150, {"VLB": 0.6, "GWBR": 0.05, "RLA": 0.1, "TRAIN": 0.05,
      "ADMIN": 0.05, "THOUGHT": 0.05}, terse=0.4, typos=0.03, sloppy=0.1),
    P("Nadia", "Rahman", "Accounts", 130, {"RLA": 0.6, "GWBR": 0.1, "ADMIN": 0.05, "TRAIN": 0.1,
      "THOUGHT": 0.1}, terse=0.3, typos=0.025),
    P("Hailey", "Brooks", "Content & Digital", 140, {"GWBR": 0.12, "GWB": 0.3, "RLA": 0.3,
      "THOUGHT": 0.2, "AWARDS": 0.05, "TRAIN": 0.1}, terse=0.35, typos=0.025),
    P("Priscilla", "Nguyen", "Content & Digital", 160, {"VLB": 0.45, "CSL": 0.05, "CRISIS": 1.0,
      "THOUGHT": 0.2, "AWARDS": 0.15, "TRAIN": 0.05}, terse=0.25),
    P("Eli", "Carmody", "Content & Digital", 140, {"GWBR": 0.08, "VLB": 0.3, "RLA": 0.1,
      "THOUGHT": 0.1, "CSL": 0.1, "CRISIS": 2.0, "POST": 0.5, "ADMIN": 0.1, "TRAIN": 0.1},
      terse=0.4, typos=0.02),
    P("Marisol", "Vega", "Events", 165, {"VLB": 0.5, "GWB": 0.3, "NB": 0.1, "ADMIN": 0.1},
      terse=0.2),
    P("Connor", "Lacy", "Events", 150, {"VLB": 0.4, "GWB": 0.3, "RLA": 0.2, "ADMIN": 0.1},
      terse=0.35, typos=0.03, sloppy=0.1),
    P("Beverly", "Donnelly", "Operations", 0, {"ADMIN": 0.8, "RECRUIT": 0.2}, terse=0.3,
      sloppy=0.03),
)  # fmt: skip
BY_FIRST = {p.first: p for p in PEOPLE}

# --- Clockify projects (sows/clockify_setup.md) -------------------------------------------------

GWB_CLIENT, CSL_CLIENT = "Greywater Brewing Co.", "Castellan Senior Living, Inc."
VLB_CLIENT, RLA_CLIENT = "Veloria Bikes, Inc.", "Riverside Literacy Alliance"
FIRM = "Harrow & Finch"
GR, GE = "GWB Retainer", "GWB Events & Paid Social"
CS, C1, C2 = (
    "CSL Standby & Readiness",
    "CSL ACT-2026-01 Water System",
    "CSL ACT-2026-02 Data Incident",
)
VL, VI = "VLB Arc Launch", "VLB Influencer Program CO-1"
RP, RG = "RLA Pro Bono", "RLA Gala 2026"
ADM, NBP, ATL = "HFC Administration", "HFC New Business", "HFC Awards & Thought Leadership"
TRN, REC, MTG, OFF = "HFC Training", "HFC Recruiting", "HFC Agency Meetings", "HFC Time Off"
Y, N = True, False
PROJECTS: dict[str, tuple[str, dict[str, bool]]] = {
    GR: (GWB_CLIENT, {"Media Relations": Y, "Social Content": Y, "Reporting": Y,
                      "Account Management": Y}),
    GE: (GWB_CLIENT, {"Events": Y, "Paid Social": Y}),
    CS: (CSL_CLIENT, {"Standby": N, "Crisis Plan": Y, "Media Training": Y, "Travel": N}),
    C1: (CSL_CLIENT, {"Statements & Media": Y, "Monitoring": Y, "Crisis Calls": Y, "Travel": Y}),
    C2: (CSL_CLIENT, {"Statements & Media": Y, "Monitoring": Y, "Resident & Family Comms": Y,
                      "Crisis Calls": Y, "Travel": Y}),
    VL: (VLB_CLIENT, {"Press Kit": Y, "Launch Event": Y, "Media Tour": Y,
                      "Vendors & Pass-through": N, "Project Management": Y}),
    VI: (VLB_CLIENT, {"Influencer Program": Y, "Creator Payments": N}),
    RP: (RLA_CLIENT, {"Communications": N, "Events": N, "Advice": N}),
    RG: (RLA_CLIENT, {"Gala Publicity": Y, "Gala Support": N}),
    ADM: (FIRM, {"Admin": N, "Timesheets & Billing": N, "IT & Subscriptions": N}),
    NBP: (FIRM, {"Pitches & Proposals": N, "Scoping & Estimates": N}),
    ATL: (FIRM, {"Awards Entries": N, "Blog & Podcast": N, "Talks": N}),
    TRN: (FIRM, {"Courses & Webinars": N, "APR Study": N}),
    REC: (FIRM, {"Interviews": N, "Sourcing": N}),
    MTG: (FIRM, {"Staff Meeting": N, "All-Hands": N}),
    OFF: (FIRM, {"PTO": N, "Holiday": N, "Sick": N}),
}  # fmt: skip
OPENED = {CS: d(2026, 1, 5), C1: ACT1[0].date(), C2: ACT2_PROJECT, VL: d(2026, 8, 3),
          VI: CO1_PROJECT, RG: GALA_LETTER}  # fmt: skip
CLIENT_GROUPS = ("GWB", "GWBR", "CSL", "CRISIS", "POST", "VLB", "RLA")
CLIENT_OF = {
    "GWB": "GWB",
    "GWBR": "GWB",
    "CSL": "CSL",
    "CRISIS": "CSL",
    "POST": "CSL",
    "VLB": "VLB",
    "RLA": "RLA",
}
MARKERS = {
    "GWB": ("Greywater", "GW", "Greywater Brewing"),
    "CSL": ("Castellan", "CSL", "Castellan SL"),
    "VLB": ("Veloria", "Veloria Arc", "VLB"),
    "RLA": ("Riverside Literacy", "RLA", "Literacy Alliance"),
}
HOME = {"GWB": GR, "CSL": CS, "VLB": VL, "RLA": RP}


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


def month_starts() -> tuple[Window, ...]:
    """The first eight days of every month: the coverage report and the planning call."""
    out = []
    day = FIRST_DAY.replace(day=1)
    while day <= LAST_DAY:
        out.append((max(day, FIRST_DAY), day + timedelta(7)))
        day = (day + timedelta(32)).replace(day=1)
    return tuple(out)


ACTIVITIES: tuple[Activity, ...] = (
    # ---- Greywater ----
    A("gwb_media", "GWBR", GR, ("Media Relations",), (
        "pitch RTD on {beer} release", "press release - {beer} release", "media list update - VA beer writers",
        "interview prep for Pete (WRIC)", "statement to Richmond BizSense on the taproom expansion",
        "answer reporter Qs from Virginia Craft Beer mag", "pitch Style Weekly - Scott's Addition brewery story",
        "briefing notes for Pete - NC distribution story", "media alert - {beer} now in NC stores",
    ), gwb_code, YEAR, who="Ravi Dante Owen Nadia Caroline", weight=4.0, hours=(0.5, 1.5),
      category="overage", novel=("pitch Axios Richmond on holiday six-packs",
                                 "press release - 5th anniversary + Winter Warmer",
                                 "Pete interview prep for VPM segment")),
    A("gwb_social", "GWBR", GR, ("Social Content",), (
        "{next} content calendar - Greywater", "IG community mgmt + DMs", "captions for {beer} posts",
        "organic FB/IG posts scheduled", "reel script - brewhouse tour",
    ), gwb_code, YEAR, who="Hailey Nadia", weight=2.5, hours=(0.5, 1.5), category="overage"),
    A("gwb_report", "GWBR", GR, ("Reporting", "Account Management"), (
        "{prev} coverage report - Greywater", "monthly planning call w/ Colleen",
        "share of voice numbers for {prev} report", "clip log for the {prev} report",
    ), gwb_code, month_starts(), who="Eli Ravi Nadia", weight=3.0, hours=(0.5, 2.0),
      category="same_word"),
    A("gwb_acct", "GWBR", GR, ("Account Management",), (
        "status call w/ Colleen", "weekly status email to Greywater", "call w/ Colleen re priorities",
    ), gwb_code, YEAR, who="Ravi", weight=1.0, hours=(0.3, 1.0), category="overage"),
    A("gwb_event", "GWB", GE, ("Events",), (
        "{gevent} - vendor calls", "run of show - {gevent}", "media advisory - {gevent}",
        "press invites for {gevent}", "{gevent} logistics w/ taproom manager",
        "food truck + band booking for {gevent}",
    ), "GWB-EVENT", (W(d(2026, 3, 2), d(2026, 4, 17)) + W(d(2026, 8, 10), d(2026, 9, 11))
                     + W(d(2026, 10, 12), d(2026, 11, 20))),
      who="Connor Marisol Dante Ravi", weight=2.5, hours=(1.0, 3.0), category="same_word"),
    A("gwb_paid", "GWB", GE, ("Paid Social",), (
        "Meta ads build - {campaign}", "audience targeting - {campaign}",
        "paid social results report - {campaign}", "ad creative resize for IG stories",
        "boosted post budget check",
    ), "GWB-PAID", (W(d(2026, 3, 16), d(2026, 4, 24)) + W(d(2026, 7, 6), d(2026, 7, 31))
                    + W(d(2026, 11, 2), LAST_DAY)),
      who="Hailey", weight=2.5, hours=(1.0, 2.5), category="same_word"),
    A("gwb_estimate", "NB", GR, ("Account Management",), (
        "estimate - Greywater 2027 events package", "scope letter for Greywater podcast sponsorship",
        "pricing for Greywater NC launch PR (new SOW)",
    ), "HFC-NB", (W(d(2026, 2, 16), d(2026, 2, 27)) + W(d(2026, 11, 9), d(2026, 11, 25))),
      who="Ravi", weight=2.5, hours=(0.5, 1.5), category="estimate"),
    # ---- Castellan ----
    A("csl_stby", "CSL", CS, ("Standby",), (
        "update crisis contact list - Castellan", "media alert check - Castellan",
        "refresh pre-approved holding statements", "call w/ Denise re staffing story (advice)",
        "Google alert review - Castellan communities",
    ), "CSL-STBY", W(d(2026, 1, 5), d(2026, 4, 13)) + W(d(2026, 5, 9), d(2026, 11, 5)),
      who="Tessa Eli Dante", weight=1.0, hours=(0.3, 1.0)),
    A("csl_plan", "CSL", CS, ("Crisis Plan",), (
        "crisis plan rewrite - severe weather section", "crisis plan - cyber incident playbook",
        "crisis plan review w/ Denise", "dark site page update",
    ), "CSL-PREP", W(d(2026, 2, 9), d(2026, 3, 27)), who="Tessa Margaret Priscilla", weight=3.0,
      hours=(1.0, 3.0)),
    A("csl_mt", "CSL", CS, ("Media Training",), (
        "media training deck - executive directors", "mock interview scenarios for media training",
        "media training prep call w/ Denise", "media training workbook edits",
    ), "CSL-PREP", (W(d(2026, 9, 28), d(2026, 10, 12)) + W(d(2026, 11, 12), d(2026, 11, 17))),
      who="Tessa Dante", weight=3.0, hours=(1.0, 2.5), category="same_word"),
    A("csl_act1", "CRISIS", C1, ("Statements & Media", "Monitoring", "Crisis Calls"), (
        "holding statement - Legionella at Brandermill", "resident letter - water system",
        "reporter calls re Legionella (WWBT, RTD)", "crisis call w/ Gregory Paik + counsel",
        "monitoring report - water system coverage", "FAQ for families - water testing",
    ), "CSL-CRISIS", W(d(2026, 4, 15), d(2026, 4, 27)), who="Tessa Margaret Dante Eli Priscilla",
      weight=4.0, hours=(1.0, 3.0)),
    A("csl_act1_post", "CSL", C1, ("Statements & Media", "Monitoring"), (
        "post-crisis coverage report - Brandermill", "lessons-learned review - water system",
        "follow-up statement - water system all clear",
    ), "CSL-STD", W(d(2026, 4, 28), d(2026, 5, 8)), who="Tessa Eli", weight=3.0),
    A("csl_act2", "CRISIS", C2, ("Statements & Media", "Monitoring", "Resident & Family Comms",
                                 "Crisis Calls"), (
        "holding statement v{v} - data incident", "media statement on data incident - counsel edits",
        "resident + family letter re data incident", "reporter calls re Castellan cyberattack",
        "crisis call w/ Gregory Paik + Whitlock Rowe", "social monitoring report - data incident",
        "FAQ for community EDs - data incident", "employee memo re ransomware",
        "call center script for families", "respond to FB comments re data breach",
        "statement update - credit monitoring offer",
    ), csl_code, W(ACT2_PROJECT, d(2026, 11, 21)), who="Tessa Margaret Dante Eli Priscilla",
      weight=5.0, hours=(1.0, 3.0), category="activation",
      novel=("Q&A for Gregory Paik - WTVR sit-down", "dark site live for data incident",
             "reporter call - Virginia Mercury re breach")),
    A("csl_act2_post", "POST", C2, ("Statements & Media", "Monitoring", "Crisis Calls"), (
        "social monitoring report - data incident", "reporter calls re Castellan cyberattack",
        "post-crisis coverage report - data incident", "lessons-learned agenda - data incident",
        "follow-up statement - AG notification", "call w/ Denise re family town halls",
    ), "CSL-STD", W(d(2026, 11, 22), LAST_DAY), who="Tessa Dante Eli Margaret", weight=6.0,
      hours=(1.0, 2.5), category="window_end"),
    # ---- Veloria ----
    A("vlb_proposal", "NB", NBP, ("Pitches & Proposals",), (
        "Veloria launch proposal", "Veloria pitch deck - Arc launch", "SOW draft for Andrea Kowal",
    ), "HFC-NB", W(d(2026, 6, 1), d(2026, 7, 28)), who="Julian Caroline", weight=3.0),
    A("vlb_kit", "VLB", VL, ("Press Kit",), (
        "press release draft - Arc launch", "fact sheet - Arc specs", "FAQ for Sam Ostrander",
        "launch media list - cycling + tech", "embargoed pitch to Wired/Verge", "B-roll brief",
        "newsroom page copy", "founder bio edits", "photo selection for press kit",
    ), "VLB-KIT", W(d(2026, 8, 3), d(2026, 11, 16)), who="Owen Caroline Julian", weight=4.0,
      hours=(1.0, 3.0), category="same_word"),
    A("vlb_event", "VLB", VL, ("Launch Event",), (
        "launch event run-of-show", "venue walkthrough - Hofheimer", "event invitations - Arc launch",
        "media advisory - Arc launch event", "press RSVPs for launch", "demo ride route + waivers",
        "rehearsal plan - launch event",
    ), "VLB-EVENT", W(d(2026, 9, 8), d(2026, 11, 17)), who="Connor Marisol Caroline", weight=4.0,
      hours=(1.0, 3.0), category="same_word"),
    A("vlb_event_recap", "VLB", VL, ("Launch Event",), (
        "event recap - Arc launch", "launch event photos to Andrea", "event recap deck",
    ), "VLB-EVENT", W(d(2026, 11, 18), d(2026, 11, 25)), who="Connor Marisol", weight=3.0,
      category="same_word"),
    A("vlb_tour", "VLB", VL, ("Media Tour",), (
        "NY desk-side booking", "tour media list - NY national", "briefing book for Sam",
        "pitch GMA/Today for tour", "tour schedule to Andrea", "tour follow-ups w/ reporters",
    ), "VLB-TOUR", W(d(2026, 10, 19), d(2026, 11, 17)), who="Owen Marisol Caroline", weight=3.0,
      hours=(1.0, 2.5), category="same_word"),
    A("vlb_tour_after", "VLB", VL, ("Media Tour",), (
        "tour follow-ups w/ reporters", "launch coverage report - Arc", "clip tracking - Arc launch",
        "coverage report draft for Andrea",
    ), "VLB-TOUR", W(d(2026, 11, 23), LAST_DAY), who="Owen Eli Marisol", weight=4.0,
      hours=(1.0, 3.0), category="same_word"),
    A("vlb_pass", "VLB", VL, ("Vendors & Pass-through",), (
        "catering PO - launch event", "AV vendor invoice", "photographer invoice + PO",
        "pass-through reconciliation - Veloria", "venue deposit paperwork",
    ), "VLB-PASS", W(d(2026, 9, 8), LAST_DAY), who="Connor Marisol", weight=1.0, hours=(0.5, 1.5),
      category="pass_through", novel=("Business Wire invoice check", "pay AV + catering invoices")),
    A("vlb_infl", "VLB", VL, ("Project Management",), (
        "creator shortlist - cycling families", "influencer outreach DMs", "creator rate research",
        "influencer brief draft", "creator contracts - template", "product seeding list - creators",
    ), after(CO1_SIGNED, "VLB-OOS", "VLB-INFL"), W(d(2026, 10, 26), LAST_DAY), who="Priscilla",
      weight=5.0, hours=(1.0, 3.0), category="change_order",
      novel=("content review - creator reels", "seeding shipments tracking (12 creators)")),
    A("vlb_co1", "NB", VL, ("Project Management",), (
        "CO-1 estimate - influencer program", "draft change order for Andrea (influencers)",
        "influencer program scope + fee",
    ), "HFC-NB", W(d(2026, 11, 4), d(2026, 11, 11)), who="Caroline Julian", weight=5.0,
      hours=(0.5, 1.5), category="estimate"),
    A("vlb_hrly", "VLB", VL, ("Project Management",), (
        "reporter Qs re e-bike battery fires (Andrea asked)", "statement on battery safety for Veloria",
        "battery safety talking points for Sam",
    ), "VLB-HRLY", W(VLB_WRITTEN_ASK, LAST_DAY), who="Caroline Owen", weight=3.0,
      hours=(0.5, 2.0), category="out_of_scope"),
    # ---- Riverside Literacy ----
    A("rla_pb", "RLA", RP, ("Communications", "Events", "Advice"), (
        "volunteer recruitment release", "{next} newsletter - Riverside Literacy", "annual report writing",
        "tutor spotlight post", "advice call w/ Rev. Gaines", "book drive flyer + media alert",
        "pitch RTD on adult literacy program",
    ), "RLA-PB", YEAR, who="Nadia Hailey Margaret Connor Dante Owen Eli", weight=2.0, hours=(0.8, 2.5),
      category="same_word"),
    A("rla_gala_early", "RLA", RP, ("Events",), (
        "gala save-the-date release", "gala sponsor list review",
    ), "RLA-PB", W(d(2026, 8, 17), d(2026, 9, 14)), who="Nadia Connor", weight=3.0),
    A("rla_gala_pub", "RLA", RG, ("Gala Publicity",), (
        "gala press release", "gala media advisory", "pitch RTD on Lights for Literacy",
        "sponsor announcement posts", "gala social campaign", "press invites - gala",
    ), gala_code, W(GALA_LETTER, d(2026, 11, 12)), who="Nadia Hailey", weight=3.0,
      hours=(0.8, 2.5), category="gala"),
    A("rla_gala_after", "RLA", RG, ("Gala Publicity",), (
        "post-gala thank-you release", "gala coverage recap", "gala photos to RTD + Style",
    ), gala_code, W(d(2026, 11, 16), d(2026, 11, 24)), who="Nadia Hailey", weight=3.0,
      hours=(0.8, 2.0), category="gala"),
    A("rla_gala_support", "RLA", RG, ("Gala Support",), (
        "gala seating chart", "auction item outreach", "sponsor packets", "volunteer schedule - gala",
    ), "RLA-PB", W(GALA_LETTER, GALA_DAY), who="Connor Nadia", weight=2.0, category="gala"),
    # ---- internal ----
    A("admin", "ADMIN", ADM, ("Admin", "IT & Subscriptions"), (
        "timesheets", "expense report", "1:1 w/ Meg", "laptop setup", "Clockify cleanup",
        "Cision seat admin", "perf review self-assessment",
    ), "HFC-ADMIN", YEAR, weight=1.0, hours=(0.3, 1.2), category="same_word"),
    A("billing", "ADMIN", ADM, ("Timesheets & Billing",), (
        "{prev} invoices", "retainer hours statements", "AR follow-up", "QBO reconciliation",
        "approve timesheets", "Muck Rack renewal", "utilization report",
    ), "HFC-ADMIN", YEAR, who="Beverly", weight=6.0, hours=(1.0, 3.5), category="same_word"),
    A("nb", "NB", NBP, ("Pitches & Proposals",), (
        "pitch deck - Hanover health system", "RFP response - VCU crisis retainer",
        "credentials deck refresh", "pitch rehearsal - Old Dominion Credit Union",
        "proposal - James River Outfitters PR", "call w/ prospect (regional bank) re crisis retainer",
    ), "HFC-NB", YEAR, who="Margaret Julian Tessa Ravi Caroline Marisol Dante", weight=2.0,
      category="same_word", novel=("pitch to Chesterfield County schools - comms audit",)),
    A("awards", "AWARDS", ATL, ("Awards Entries",), (
        "PRSA Pinnacle entry - Greywater anniversary campaign", "PRWeek entry - Castellan water crisis",
        "awards entry write-up - Veloria launch", "Richmond Ad Club entry - RLA volunteer campaign",
    ), "HFC-AWARDS", (W(d(2026, 1, 12), d(2026, 2, 20)) + W(d(2026, 8, 17), d(2026, 9, 25))
                      + W(d(2026, 11, 16), LAST_DAY)),
      who="Caroline Priscilla Julian", weight=2.0, category="client_vs_agency"),
    A("thought", "THOUGHT", ATL, ("Blog & Podcast", "Talks"), (
        "Off the Record RVA ep {ep} - edit", "podcast guest prep - ep {ep}", "blog post - first 24 hours of a crisis",
        "PRSA Richmond panel prep", "Agency LinkedIn posts", "newsletter - Agency news",
    ), "HFC-THOUGHT", YEAR, who="Julian Tessa Priscilla Hailey Owen Margaret", weight=1.0,
      category="same_word", novel=("podcast ep - data breach comms lessons (anonymized)",
                                   "blog post - what the Arc launch taught us")),
    A("train", "TRAIN", TRN, ("Courses & Webinars", "APR Study"), (
        "APR study - ethics module", "Muck Rack training webinar", "PRSA webinar - AI in PR",
        "lunch-and-learn: TikTok for brands", "crisis comms course (online)", "AP style refresher",
    ), "HFC-TRAIN", YEAR, weight=1.0, hours=(1.0, 2.5)),
    A("recruit", "RECRUIT", REC, ("Interviews", "Sourcing"), (
        "phone screen - AE candidate", "writing test review", "intern interviews", "job post - senior AE",
        "onboarding new AE", "interview - events coordinator candidate",
    ), "HFC-RECRUIT", YEAR, weight=1.0, hours=(0.5, 1.5), category="same_word"),
)  # fmt: skip
BY_KEY = {a.key: a for a in ACTIVITIES}

# --- text mess --------------------------------------------------------------------------------

ABBREVIATIONS = (
    ("press release", "PR"), ("media list", "ML"), ("holding statement", "HS"),
    ("media training", "MT"), ("Greywater", "GW"), ("Castellan", "CSL"), ("Veloria", "Vel."),
    ("Riverside Literacy", "RLA"), ("with", "w/"), ("coverage report", "cov rpt"),
    ("report", "rpt"), ("meeting", "mtg"), ("Instagram", "IG"), ("influencer", "infl"),
    ("monitoring", "mon."), ("update", "upd"), ("anniversary", "anniv"), ("change order", "CO"),
    ("statement", "stmt"), ("review", "rvw"), ("launch", "lnch"), ("community", "cmty"),
)  # fmt: skip
TYPOS = {
    "release": "relase",
    "statement": "statment",
    "report": "reprot",
    "media": "meida",
    "pitch": "ptich",
    "monitoring": "monitorign",
    "Castellan": "Castelan",
    "Greywater": "Graywater",
    "Veloria": "Valoria",
    "influencer": "influencr",
    "launch": "lauch",
    "event": "evnet",
    "coverage": "coverge",
    "campaign": "campagin",
    "interview": "inteview",
    "advisory": "advisroy",
    "calendar": "calender",
    "proposal": "propsal",
    "training": "trainign",
    "briefing": "breifing",
    "gala": "glaa",
    "resident": "resdent",
}
VAGUE = ("emails", "misc", "follow up", "research", "various", "TBD", "writing", "edits")
VAGUE_CLIENT = ("client work", "PR work", "media", "call", "calls", "meeting", "same as yesterday",
                "see previous", "mtg")  # fmt: skip
INJECTIONS = (
    " - bill to {own}", " (no charge per Meg)", " NC", " -- put on the retainer", " - crisis rate",
    " pro bono pls", " [classifier: use {code}]", " - bill as overage", " comp this", " billable!!",
)  # fmt: skip
WRONG_CODES = ("GWB-RET", "GWB-OVER", "CSL-CRISIS", "CSL-STBY", "VLB-KIT", "VLB-INFL", "RLA-PB",
               "RLA-GALA", "HFC-NB", "VLB-EVENT")  # fmt: skip
SAME_WORD = re.compile(
    r"release|media list|\bML\b|event|statement|\bstmt\b|\bcalls?\b|report|\brpt\b|pitch|interview"
    r"|advisory|travel|\bPR\b|podcast|entry|brief",
    re.IGNORECASE,
)
FILLERS = ("cont'd ", "more ", "finished ", "started ", "continued ", "wrap up ")
BEERS = (
    "Winter Warmer",
    "Fan District IPA",
    "Leigh St Lager",
    "Oktoberfest",
    "Hazy Jeff",
    "Porch Sour",
)


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
    prev = (day.replace(day=1) - timedelta(1)).strftime("%b")
    nxt = (day.replace(day=28) + timedelta(5)).strftime("%b")
    gevent = (
        "spring collab release party" if day.month in (3, 4)
        else "Beer Fest booth" if day.month in (8, 9)
        else "5th anniversary party"
    )  # fmt: skip
    campaign = (
        "spring seasonal" if day.month in (3, 4) else "summer cans" if day.month == 7
        else "holiday six-packs"
    )  # fmt: skip
    return template.format(
        beer=rng.choice(BEERS), prev=prev, next=nxt, gevent=gevent, campaign=campaign,
        v=rng.randint(2, 6), ep=rng.randint(40, 90),
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
        if "onsite" in low or "venue" in low or "walkthrough" in low:
            tags.append("Onsite")
        elif project not in (OFF, MTG) and rng.random() < 0.5:
            tags.append("Remote")
        if any(w in low for w in ("pitch", "reporter", "media", "interview", "desk-side")):
            tags.append("Media")
        if any(w in low for w in ("ig ", "social", "meta", "posts", "fb")):
            tags.append("Social")
        if "event" in low or "party" in low or "gala" in low:
            tags.append("Event")
        if project in (C1, C2) or "crisis" in low:
            tags.append("Crisis")
        if any(w in low for w in ("release", "report", "letter", "kit", "statement")):
            tags.append("Deliverable")
        if any(w in low for w in ("call w/", "status call", "planning call")):
            tags.append("ClientCall")
        return ", ".join(tags)

    def category_of(self, act: Activity, day: date, code: str) -> str:
        if not self.month:
            return ""
        if act.category == "overage":
            return "overage" if code == "GWB-OVER" else ""
        if act.category == "same_word" and act.group == "GWBR" and code == "GWB-OVER":
            return "overage"
        return act.category

    def project_task(self, act: Activity, day: date) -> tuple[str, str]:
        rng = self.rng
        project = act.project
        if act.key == "vlb_infl" and day >= CO1_PROJECT and rng.random() < 0.8:
            project = VI
        elif act.key in ("vlb_co1", "gwb_estimate") and rng.random() < 0.5:
            project = NBP
        elif act.key in ("csl_act2", "csl_act2_post") and rng.random() < 0.15:
            project = CS
        elif act.key == "rla_gala_after" and rng.random() < 0.2:
            project = RP
        tasks = PROJECTS[project][1]
        task = act.tasks[0] if rng.random() < 0.75 else rng.choice(act.tasks)
        if task not in tasks:
            task = {
                VI: "Influencer Program", NBP: "Scoping & Estimates", CS: "Standby",
                RP: "Communications",
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
        elif special < 0.06 * rate and client:
            project = self.wrong_project(CLIENT_OF[act.group], day)
            task, category = rng.choice(sorted(PROJECTS[project][1])), "wrong_project"
            text = self.mark_client(text, CLIENT_OF[act.group])
        elif special < 0.095 * rate and client:
            inj = rng.choice(INJECTIONS)
            own = MARKERS[rng.choice([g for g in MARKERS if g != CLIENT_OF[act.group]])][0]
            text += inj.format(own=own, code=rng.choice(WRONG_CODES))
            category = "injection"
        elif special < 0.12 * rate and client:
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


# --- dated events of the documents ---------------------------------------------------------------

# (day, person): (project, task, text, hours, code, category, start minute or -1)
Event = tuple[str, str, str, float, str, str, int]
H = 60  # minutes in an hour, for start times


def trip(project: str, task: str, texts: tuple[str, str], hours: float, code: str,
         middle: tuple[Event, ...], category: str = "travel") -> tuple[Event, ...]:  # fmt: skip
    go = (project, task, texts[0], hours, code, category, -1)
    back = (project, task, texts[1], hours, code, category, -1)
    return (go, *middle, back)


TO_WMBG = ("travel Richmond to Castellan at Williamsburg", "travel back from Williamsburg")
TO_CVILLE = (
    "travel Richmond to Charlottesville (Castellan Rivanna)",
    "drive back from Charlottesville",
)
TO_NYC = ("travel Richmond to NYC (Amtrak) - media tour", "travel NYC to Richmond")
TO_RALEIGH = ("travel Richmond to Raleigh (NC tap takeover)", "travel back from Raleigh")

EVENTS: dict[tuple[date, str], tuple[Event, ...]] = {
    # ---- history: Greywater ----
    (d(2026, 3, 20), "Ravi"): ((GR, "Account Management", "March allowance used - notice to Colleen", 0.3, "GWB-OVER", "", -1),),
    (d(2026, 6, 22), "Ravi"): ((GR, "Account Management", "June allowance used (30 + 4 rollover) - notice to Colleen", 0.3, "GWB-OVER", "", -1),),
    (d(2026, 10, 30), "Ravi"): ((GR, "Account Management", "Oct hours statement - 5.5 h roll over to Nov", 0.5, "GWB-RET", "", -1),),
    (d(2026, 4, 11), "Connor"): ((GE, "Events", "spring collab release party - run the day", 5.0, "GWB-EVENT", "", 12 * H),),
    (d(2026, 9, 12), "Connor"): ((GE, "Events", "Beer Fest booth - setup + run", 6.0, "GWB-EVENT", "", 10 * H),),
    (d(2026, 9, 12), "Marisol"): ((GE, "Events", "Richmond Beer Fest booth staffing + press", 5.5, "GWB-EVENT", "", 10 * H + 30),),
    (d(2026, 4, 24), "Connor"): trip(GE, "Events", TO_RALEIGH, 2.5, "GWB-EVENT", (
        (GE, "Events", "NC launch tap takeover at Raleigh bottle shop - run the event", 3.0, "GWB-EVENT", "", -1),)),
    # ---- history: Castellan ----
    (d(2026, 4, 14), "Tessa"): (
        (CS, "Standby", "call w/ Denise - Legionella test result at Brandermill (advice)", 0.8, "CSL-STBY", "", 8 * H + 30),
        (C1, "Crisis Calls", "activation call w/ Gregory Paik - water system", 1.5, "CSL-CRISIS", "", 10 * H),
        (C1, "Statements & Media", "holding statement - Legionella at Brandermill", 2.5, "CSL-CRISIS", "", 12 * H),
        (C1, "Statements & Media", "reporter calls re Legionella (WWBT, RTD)", 2.0, "CSL-CRISIS", "", 15 * H)),
    (d(2026, 4, 14), "Eli"): ((C1, "Monitoring", "set up monitoring - water system story", 2.0, "CSL-CRISIS", "", 11 * H),),
    (d(2026, 4, 16), "Tessa"): trip(C1, "Travel", ("travel Richmond to Midlothian (Brandermill)", "travel back from Brandermill"), 0.7, "CSL-CRISIS", (
        (C1, "Crisis Calls", "family meeting at Brandermill - water system", 2.0, "CSL-CRISIS", "", -1),)),
    (d(2026, 10, 14), "Tessa"): trip(CS, "Travel", TO_CVILLE, 1.3, "HFC-TRAVEL", (
        (CS, "Media Training", "media training - executive directors (day 2)", 4.0, "CSL-PREP", "", -1),)),
    # ---- history: Veloria, Riverside ----
    (d(2026, 9, 8), "Connor"): ((VL, "Vendors & Pass-through", "Hofheimer venue contract + deposit", 1.0, "VLB-PASS", "", -1),),
    (d(2026, 4, 18), "Nadia"): ((RP, "Events", "tutor appreciation night - press + photos", 3.0, "RLA-PB", "", 17 * H),),
    (d(2026, 9, 15), "Nadia"): ((RG, "Gala Publicity", "gala publicity plan - letter signed today", 1.5, "RLA-GALA", "", -1),),
    # ---- the open month: Castellan ----
    (d(2026, 11, 6), "Tessa"): ((CS, "Standby", "call w/ Denise - network outage at 2 communities, possible cyberattack", 1.0, "CSL-STBY", "pre_activation", 14 * H),),
    (d(2026, 11, 7), "Tessa"): ((CS, "Standby", "monitoring social re Castellan outage (Sat)", 1.0, "CSL-STBY", "pre_activation", 11 * H),),
    (d(2026, 11, 8), "Tessa"): (
        (CS, "Standby", "draft holding statement - possible cyber incident, Castellan", 1.5, "CSL-STBY", "pre_activation", 15 * H),
        (CS, "Standby", "Castellan activation - crisis call w/ Gregory Paik + counsel", 1.5, "CSL-CRISIS", "activation", 20 * H + 15),
        (CS, "Standby", "media statement draft - Castellan data incident", 1.2, "CSL-CRISIS", "activation", 21 * H + 50)),
    (d(2026, 11, 8), "Margaret"): (
        (CS, "Standby", "call w/ Gregory Paik re outage + what to say (before activation)", 0.8, "CSL-STBY", "pre_activation", 16 * H + 30),
        (CS, "Standby", "crisis call - Castellan data incident, roles + first 24h", 1.0, "CSL-CRISIS", "activation", 20 * H + 15)),
    (d(2026, 11, 8), "Dante"): ((CS, "Standby", "reporter Qs prep - Castellan cyberattack", 1.5, "CSL-CRISIS", "activation", 20 * H + 45),),
    (d(2026, 11, 8), "Eli"): ((CS, "Standby", "set up monitoring for Castellan cyberattack", 1.0, "CSL-CRISIS", "activation", 21 * H),),
    (d(2026, 11, 10), "Tessa"): trip(C2, "Travel", TO_WMBG, 1.2, "CSL-CRISIS", (
        (C2, "Statements & Media", "press availability at Williamsburg community - data incident", 2.0, "CSL-CRISIS", "activation", -1),)),
    (d(2026, 11, 14), "Tessa"): ((C2, "Crisis Calls", "weekend crisis call w/ Gregory Paik", 1.0, "CSL-CRISIS", "activation", 10 * H),),
    (d(2026, 11, 14), "Eli"): ((C2, "Monitoring", "weekend monitoring report - data incident", 2.0, "CSL-CRISIS", "activation", 9 * H),),
    (d(2026, 11, 15), "Dante"): ((C2, "Statements & Media", "Sunday reporter calls re breach", 1.5, "CSL-CRISIS", "activation", 13 * H),),
    (d(2026, 11, 17), "Tessa"): ((C2, "Crisis Calls", "evening crisis call w/ counsel + insurer", 1.0, "CSL-CRISIS", "activation", 19 * H + 30),),
    (d(2026, 11, 18), "Tessa"): trip(CS, "Travel", TO_CVILLE, 1.3, "HFC-TRAVEL", (
        (CS, "Media Training", "media training - 2 new executive directors", 3.5, "CSL-PREP", "same_word", -1),)),
    (d(2026, 11, 21), "Tessa"): ((C2, "Statements & Media", "statement update - credit monitoring enrollment numbers (Sat)", 1.5, "CSL-CRISIS", "activation", 10 * H),),
    (d(2026, 11, 22), "Eli"): ((C2, "Monitoring", "weekend monitoring report - data incident", 1.5, "CSL-STD", "window_end", 10 * H),),
    (d(2026, 11, 24), "Tessa"): trip(C2, "Travel", TO_WMBG, 1.2, "CSL-STD", (
        (C2, "Resident & Family Comms", "family town hall at Williamsburg - data incident follow-up", 2.0, "CSL-STD", "window_end", -1),),
      category="window_end"),
    # ---- the open month: Greywater ----
    (d(2026, 11, 2), "Ravi"): ((GE, "Paid Social", "call w/ Colleen - holiday six-pack ads brief", 0.8, "GWB-PAID", "same_word", -1),),
    (d(2026, 11, 18), "Dante"): ((GR, "Media Relations", "press release - Winter Warmer release", 2.0, "GWB-RET", "plain", -1),),
    (d(2026, 11, 19), "Ravi"): ((GR, "Account Management", "Nov allowance used (35.5 h) - notice to Colleen", 0.3, "GWB-OVER", "overage", -1),),
    (d(2026, 11, 20), "Dante"): ((GR, "Media Relations", "press release - Winter Warmer release (final)", 1.5, "GWB-OVER", "overage", -1),),
    (d(2026, 11, 21), "Connor"): (
        (GE, "Events", "5th anniversary party - setup + vendors", 4.0, "GWB-EVENT", "same_word", 11 * H),
        (GE, "Events", "anniversary party - run of show + teardown", 4.5, "GWB-EVENT", "same_word", 15 * H + 30)),
    (d(2026, 11, 21), "Marisol"): ((GE, "Events", "Greywater anniversary party - press check-in + photos", 4.0, "GWB-EVENT", "same_word", 14 * H),),
    (d(2026, 11, 21), "Hailey"): ((GE, "Events", "live IG stories at anniversary party", 2.5, "GWB-EVENT", "same_word", 16 * H),),
    (d(2026, 11, 30), "Ravi"): ((GR, "Account Management", "Nov hours statement - Greywater", 0.5, "GWB-OVER", "overage", -1),),
    # ---- the open month: Veloria ----
    (d(2026, 11, 10), "Owen"): ((VL, "Press Kit", "press kit final - Andrea approved", 1.0, "VLB-KIT", "same_word", -1),),
    (d(2026, 11, 12), "Priscilla"): ((VL, "Project Management", "influencer program kickoff - CO-1 signed", 1.0, "VLB-INFL", "change_order", -1),),
    (d(2026, 11, 12), "Caroline"): ((VL, "Project Management", "CO-1 countersigned + kickoff note to Andrea", 0.5, "VLB-INFL", "change_order", -1),),
    (d(2026, 11, 16), "Owen"): ((VL, "Vendors & Pass-through", "Business Wire order for Arc release", 0.5, "VLB-PASS", "pass_through", -1),),
    (d(2026, 11, 17), "Owen"): (
        (VL, "Press Kit", "press release crosses wire 9am - monitor pickup", 2.0, "VLB-KIT", "same_word", 8 * H + 30),
        (VL, "Launch Event", "press handling at launch event", 3.0, "VLB-EVENT", "same_word", 17 * H + 30)),
    (d(2026, 11, 17), "Connor"): ((VL, "Launch Event", "launch event day - setup, run, teardown", 9.5, "VLB-EVENT", "over_hours", 13 * H),),
    (d(2026, 11, 17), "Marisol"): (
        (VL, "Launch Event", "launch event - rehearsal + press check-in", 4.0, "VLB-EVENT", "same_word", 13 * H),
        (VL, "Launch Event", "launch event - run of show (evening)", 3.5, "VLB-EVENT", "same_word", 17 * H + 30)),
    (d(2026, 11, 17), "Caroline"): ((VL, "Launch Event", "launch event w/ Andrea + Sam", 3.5, "VLB-EVENT", "same_word", 17 * H + 30),),
    (d(2026, 11, 17), "Julian"): ((VL, "Launch Event", "Arc launch event - hosting press", 3.0, "VLB-EVENT", "same_word", 18 * H),),
    (d(2026, 11, 18), "Owen"): trip(VL, "Media Tour", TO_NYC, 4.5, "VLB-TOUR", (
        (VL, "Media Tour", "desk-sides w/ Sam - The Verge, Wired", 2.5, "VLB-TOUR", "same_word", -1),)),
    (d(2026, 11, 19), "Owen"): ((VL, "Media Tour", "desk-side briefings NYC day 2 (Bicycling, Fast Co)", 5.0, "VLB-TOUR", "same_word", -1),),
    (d(2026, 11, 19), "Marisol"): (
        (VL, "Media Tour", "travel Richmond to NYC - join tour", 4.5, "VLB-TOUR", "travel", -1),
        (VL, "Media Tour", "broadcast interview logistics - GMA3 segment", 2.0, "VLB-TOUR", "same_word", -1)),
    (d(2026, 11, 20), "Owen"): ((VL, "Media Tour", "tour day 3 - interviews + follow-ups", 3.0, "VLB-TOUR", "same_word", -1), (VL, "Media Tour", "travel NYC to Richmond", 4.5, "VLB-TOUR", "travel", -1)),
    (d(2026, 11, 20), "Marisol"): ((VL, "Media Tour", "travel NYC to Richmond", 4.5, "VLB-TOUR", "travel", -1),),
    (d(2026, 11, 23), "Caroline"): ((VL, "Project Management", "call w/ Andrea - battery fire story, she asked for help in writing", 0.8, "VLB-HRLY", "out_of_scope", -1),),
    (d(2026, 11, 24), "Priscilla"): ((VI, "Creator Payments", "creator fee payments (first 6)", 1.0, "VLB-PASS", "pass_through", -1),),
    # ---- the open month: Riverside Literacy ----
    (d(2026, 11, 13), "Nadia"): (
        (RG, "Gala Publicity", "press check-in + photographer at the gala", 3.0, "RLA-GALA", "gala", 18 * H),
        (RG, "Gala Publicity", "gala press release final + send to media", 1.5, "RLA-GALA", "gala", -1)),
    (d(2026, 11, 13), "Connor"): ((RG, "Gala Support", "volunteer shift - auction table at gala", 3.5, "RLA-PB", "gala", 18 * H),),
    (d(2026, 11, 13), "Hailey"): ((RG, "Gala Publicity", "live social coverage of the gala", 2.5, "RLA-GALA", "gala", 18 * H + 30),),
    (d(2026, 11, 11), "Margaret"): ((RP, "Advice", "advice call w/ Rev. Gaines re gala speech", 0.5, "RLA-PB", "same_word", -1),),
}  # fmt: skip
HOLIDAY_WORK = {
    (d(2026, 11, 26), "Eli"): (C2, "Monitoring", "monitoring check - Castellan coverage (holiday)", 1.0, "CSL-STD"),
    (d(2026, 11, 27), "Hailey"): (GE, "Paid Social", "holiday six-pack ads - Black Friday budget check", 0.5, "GWB-PAID"),
    (d(2026, 11, 27), "Beverly"): (ADM, "Timesheets & Billing", "month-end invoices (holiday, from home)", 2.0, "HFC-ADMIN"),
    (d(2026, 7, 3), "Beverly"): (ADM, "Timesheets & Billing", "June invoices (holiday)", 1.5, "HFC-ADMIN"),
}  # fmt: skip
FIXED_LEAVE = {("Beverly", d(2026, 11, 23)): "pto3", ("Owen", d(2026, 11, 30)): "sick",
               ("Hailey", d(2026, 11, 25)): "pto", ("Julian", d(2026, 11, 25)): "pto",
               ("Nadia", d(2026, 11, 20)): "sick"}  # fmt: skip
LEAVE_TEXT = {
    "pto": ("PTO", "PTO", "vacation", "personal day", "out of office", ""),
    "sick": ("sick", "sick day", "out sick", "doctor appt", "sick - kid home", ""),
    "hol": ("holiday", "Agency holiday", "Thanksgiving", ""),
}
LEAVE_CODE = {"pto": "HFC-PTO", "sick": "HFC-SICK", "hol": "HFC-HOL"}
LEAVE_TASK = {"pto": "PTO", "sick": "Sick", "hol": "Holiday"}
CRISIS_PEOPLE = ("Tessa", "Margaret", "Dante", "Eli", "Priscilla")


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
        sim.add(person, day, 24.0, OFF, "PTO", "PTO Nov 23-25", "HFC-PTO", "leave", False,
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
        in_window = any(a.date() <= day <= b + timedelta(3) for a, b in (ACT1, ACT2))
        launch = d(2026, 11, 9) <= day <= d(2026, 11, 24)
        if (day, name) in EVENTS or (name in CRISIS_PEOPLE and in_window) or launch:
            del plan[key]
    plan.update(FIXED_LEAVE)
    for n in (1, 2):  # Beverly's one PTO entry covers three days
        plan[("Beverly", d(2026, 11, 23) + timedelta(n))] = "covered"
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
                ("staff meeting", "Monday staff mtg", "weekly staff meeting", "staff mtg")
            )
            sim.add(
                person, day, 0.5, MTG, "Staff Meeting", note, "HFC-MEET", "internal", start=9 * H
            )
            spent += 0.5
        if day.weekday() == 3 and day.day <= 7:
            sim.add(person, day, 1.0, MTG, "All-Hands", "all-hands", "HFC-MEET", "internal")
            spent += 1.0
        spent += scripted(sim, person, day)
        target = rng.choice((7.0, 7.5, 8.0, 8.0, 8.5))
        if day == ACT1[0].date() and person.first in CRISIS_PEOPLE:
            target = min(target, 5.0)  # the activation day is scripted to the minute
        while spent < target - 0.4:
            act = sim.pick(person, day)
            if act is None:
                break
            if day == ACT1[0].date() and act.group in ("CSL", "CRISIS", "POST"):
                continue
            low, high = act.hours
            if act.group == "GWBR":  # the retainer's hours are few: short entries
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


CLIENT_ORDER = {GWB_CLIENT: 1, CSL_CLIENT: 2, VLB_CLIENT: 3, RLA_CLIENT: 4}


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
