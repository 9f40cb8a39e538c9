"""Generate the seventeenth demo firm's time entries: a year of approved history and one open month.

Wickline & Rowe Fundraising Counsel, LLC (11 people, all logging here; a fundraising and
grant-writing consultancy for nonprofits in Little Rock, Arkansas) records time in Toggl Track
against four clients (see README.md next to this file; the grant-writing letter, the capital
campaign engagement, the grant-management retainer, the small pantry's letter and work order, and
the firm policy are in ``sows/``). This script writes, in Toggl's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Every date that changes a code is one of the records of events' dates (the
constants below), never a running total. Standard library only.

    python examples/seventeenth_firm/generate.py [--out DIR]
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

SEED = 20261217
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.2  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 1.0  # the whole open month is exported
DOMAIN = "wicklinerowe.example"
MAX_MINUTES = 360  # firm policy §2.5: 6 h per entry, leave exempt

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "FCL-P01", "FCL-P02", "FCL-P03", "FCL-P04", "FCL-P05", "FCL-P06", "FCL-HRLY",
    "BRM-FS1", "BRM-FS2", "BRM-CC", "BRM-OVR", "BRM-PR",
    "OVH-GM", "OVH-WO", "OVH-FED",
    "MSP-HR", "MSP-DON", "MSP-CRM", "MSP-CRMX", "MSP-LEG",
    "WRF-ADMIN", "WRF-BD", "WRF-TOOLS", "WRF-TRAIN", "WRF-RECRUIT", "WRF-FIRM", "WRF-TRAVEL",
    "WRF-PTO", "WRF-HOL", "WRF-SICK",
)  # fmt: skip
LEAVE = {"WRF-PTO", "WRF-HOL", "WRF-SICK"}

HOLIDAYS = {
    date(2025, 11, 27), date(2025, 11, 28), date(2025, 12, 24), date(2025, 12, 25),
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 5, 25), date(2026, 7, 3),
    date(2026, 9, 7), date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27),
}  # fmt: skip
HOLIDAY_NAMES = {
    (11, 27): "Thanksgiving", (11, 28): "day after Thanksgiving", (11, 26): "Thanksgiving",
    (12, 24): "Christmas Eve", (12, 25): "Christmas", (1, 1): "New Year's Day",
    (1, 19): "MLK Day", (5, 25): "Memorial Day", (7, 3): "July 4th (obs.)", (9, 7): "Labor Day",
    (11, 11): "Veterans Day",
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Big Rock: the board's vote, the overage notices (counsel is BRM-OVR from the day after a
# notice to its month's end) and the prospect orders.
BRM_START = date(2026, 2, 2)
SUMMARY_DELIVERED = date(2026, 5, 29)
REPORT_PRESENTED = date(2026, 8, 18)
BOARD_VOTE = date(2026, 9, 15)
OVERAGE_NOTICES = (date(2026, 10, 27), date(2026, 11, 18))
ORDER_1 = date(2026, 9, 22)
ORDER_2 = date(2026, 11, 10)
PROSPECTS_1 = ("Calloway Family Foundation", "Deane Marine Group", "Ines and Paul Varga",
               "Arkansas Timberline Bank", "Whitcombe family")  # fmt: skip
PROSPECTS_2 = ("Harlan and Rose Petit", "Ozark Freight Lines", "Sutter Family Fund",
               "Halden Family Foundation")  # fmt: skip
# Ouachita: cap notices (OVH-WO from the day after to the quarter's end) and federal windows.
CAP_NOTICES = (date(2026, 3, 19), date(2026, 9, 24), date(2026, 11, 20))
HRSA_WINDOWS = ((date(2026, 4, 13), date(2026, 5, 15)), (date(2026, 10, 15), date(2026, 11, 30)))
SAMHSA_WINDOWS = ((date(2026, 4, 1), date(2026, 4, 30)), (date(2026, 10, 1), date(2026, 10, 31)))
# Maumelle
CRM_START = date(2026, 6, 1)
NTE_NOTICE = date(2026, 10, 22)
AMENDMENT_1 = date(2026, 11, 9)
LEGACY_ASKED = date(2026, 10, 14)
SUPPER_START = date(2026, 9, 1)
SUPPER = date(2026, 11, 14)
SUPPER_WRAP = date(2026, 11, 20)
# Fourche Creek
RESUBMIT_ASKED = date(2026, 10, 22)
GO_AHEAD = date(2026, 11, 16)
P04_DECLINED = date(2026, 11, 5)
P05_SUBMITTED = date(2026, 11, 19)

# Toggl clients and projects (sows/toggl_setup.md), with the dates they were created.
FCLG = ("Fourche Creek Literacy Coalition", "Fourche Creek Grants")
FCLA = ("Fourche Creek Literacy Coalition", "Fourche Creek Post-Award")
BRMF = ("Big Rock Children's Museum", "Big Rock Feasibility Study")
BRMC = ("Big Rock Children's Museum", "Big Rock Campaign Counsel")
BRMP = ("Big Rock Children's Museum", "Big Rock Prospect Research")
OVHG = ("Ouachita Valley Health Foundation", "Ouachita Grant Management")
OVHF = ("Ouachita Valley Health Foundation", "Ouachita Federal Reporting")
MSPF = ("Maumelle Street Community Pantry", "Maumelle Fundraising")
MSPH = ("Maumelle Street Community Pantry", "Maumelle Harvest Supper")
MSPC = ("Maumelle Street Community Pantry", "Maumelle CRM Cleanup")
OPENED = {
    FCLG: date(2025, 10, 20), FCLA: date(2026, 3, 9), BRMF: date(2026, 1, 26),
    BRMC: date(2026, 9, 16), BRMP: date(2026, 9, 22), OVHG: date(2025, 10, 28),
    OVHF: date(2026, 4, 1), MSPF: date(2025, 11, 3), MSPH: SUPPER_START, MSPC: CRM_START,
}  # fmt: skip
FIRM = "Wickline & Rowe"
INTERNAL = {
    "WRF-ADMIN": "Admin", "WRF-BD": "Business Development", "WRF-TOOLS": "Research Tools",
    "WRF-TRAIN": "Training", "WRF-RECRUIT": "Recruiting", "WRF-FIRM": "Firm Meetings",
    "WRF-PTO": "Time Off", "WRF-HOL": "Time Off", "WRF-SICK": "Time Off",
}  # fmt: skip
NOT_BILLABLE = {BRMC, MSPH}  # client projects whose Billable box defaults to No


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("FCL", "BRM", "OVH", "MSP", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Adaeze Wickline", "principal", {"BRM": 6, "MSP": 1, "IN": 3}),
    Person("Thomas Rowe", "principal", {"FCL": 4, "OVH": 3, "IN": 3}),
    Person("Renata Okafor", "counsel", {"BRM": 7, "FCL": 1, "IN": 1}),
    Person("Marisol Quintero", "senior", {"FCL": 7, "OVH": 1, "IN": 1}),
    Person("Declan Forsyth", "senior", {"OVH": 7, "FCL": 1, "IN": 1}),
    Person("Priya Raman", "writer", {"FCL": 3, "OVH": 2, "BRM": 2, "IN": 1}),
    Person("Elliot Baptiste", "writer", {"MSP": 5, "FCL": 2, "IN": 1}),
    Person("June Abernathy", "writer", {"FCL": 3, "OVH": 2, "MSP": 2, "IN": 1}, date(2026, 6, 15)),
    Person("Hollis Greer", "research", {"BRM": 5, "FCL": 1, "IN": 2}),
    Person("Wes Tanaka", "research", {"MSP": 4, "BRM": 2, "IN": 2}),
    Person("Carla Mendes", "none", {"IN": 1}),
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


def default_billable(a: Act) -> bool:
    return a.client != FIRM and (a.client, a.project) not in NOT_BILLABLE


# --- the codes that depend on a notice --------------------------------------------------------


def counsel_code(day: date) -> str:
    """Big Rock counsel: BRM-OVR from the day after the month's overage notice (§3.2)."""
    for notice in OVERAGE_NOTICES:
        if (day.year, day.month) == (notice.year, notice.month) and day > notice:
            return "BRM-OVR"
    return "BRM-CC"


def quarter_end(day: date) -> date:
    first_of_next = (day.month - 1) // 3 * 3 + 4
    if first_of_next > 12:
        return date(day.year, 12, 31)
    return date(day.year, first_of_next, 1) - timedelta(days=1)


def gm_code(day: date) -> str:
    """Ouachita grant management: OVH-WO from the day after a cap notice to its quarter's end."""
    for notice in CAP_NOTICES:
        if notice < day <= quarter_end(notice):
            return "OVH-WO"
    return "OVH-GM"


def in_windows(day: date, windows: tuple[tuple[date, date], ...]) -> bool:
    return any(first <= day <= last for first, last in windows)


def crm_code(day: date) -> str:
    """Maumelle cleanup: not billed between the not-to-exceed notice and Amendment No. 1."""
    return "MSP-CRMX" if NTE_NOTICE < day < AMENDMENT_1 else "MSP-CRM"


# --- streams of work: (first day, last day, code, where, tags, notes, month category, weight) --


@dataclass(frozen=True)
class Stream:
    first: date
    last: date
    code: str | Callable[[date], str]
    where: tuple[str, str]
    tags: str
    notes: tuple[str, ...]
    cat: str = ""
    weight: int = 3
    who: tuple[str, ...] = ()  # only these people, when given


def stream_act(rng: Random, s: Stream, day: date) -> Act:
    code = s.code if isinstance(s.code, str) else s.code(day)
    cat = s.cat if day >= MONTH_START else ""
    return act(s.where, s.tags, pick(rng, s.notes), code, cat)


def from_streams(rng: Random, p: Person, day: date, streams: Sequence[Stream]) -> Act | None:
    open_ = [s for s in streams if s.first <= day <= s.last and (not s.who or p.name in s.who)
             and OPENED[s.where] <= day]  # fmt: skip
    if not open_:
        return None
    roll = rng.random() * sum(s.weight for s in open_)
    for s in open_:
        roll -= s.weight
        if roll < 0:
            return stream_act(rng, s, day)
    return stream_act(rng, open_[-1], day)


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


END = date(2027, 12, 31)

FCL_STREAMS = (
    Stream(d(2025, 11, 1), d(2025, 12, 10), "FCL-P01", FCLG, "narrative", (
        "Halden proposal - need statement draft", "Halden Family Reading Nights narrative",
        "Halden budget + budget narrative", "Halden proposal - evaluation plan",
        "Halden attachments checklist", "Halden proposal edits from Nadia")),
    Stream(d(2025, 12, 11), d(2026, 1, 9), "FCL-P01", FCLG, "funder questions", (
        "Halden - answer program officer questions", "Halden - send missing audit attachment")),
    Stream(d(2025, 12, 1), d(2026, 2, 18), "FCL-P02", FCLG, "narrative", (
        "Arts & Letters Summer Reading Bridge narrative", "Arts & Letters budget narrative",
        "AALF proposal - outcomes section", "Arts & Letters portal submission prep")),
    Stream(d(2026, 2, 19), d(2026, 3, 20), "FCL-P02", FCLG, "funder questions", (
        "Arts & Letters - funder questions on match", "AALF follow-up: revised budget table")),
    Stream(d(2026, 4, 27), d(2026, 5, 15), "FCL-P02", FCLG, "debrief", (
        "Arts & Letters decline - debrief call prep", "AALF debrief memo to Nadia")),
    Stream(d(2026, 3, 9), d(2026, 10, 30), "FCL-HRLY", FCLA, "report", (
        "Halden grant agreement and acceptance letter", "Halden interim report - outcomes data from Garrett",
        "Halden interim report narrative", "Halden budget reconciliation for report"), weight=2),
    Stream(d(2026, 4, 13), d(2026, 5, 14), "FCL-P03", FCLG, "LOI", (
        "Marlowe LOI draft", "Marlowe Trust LOI - budget summary", "Marlowe LOI edits w/ Nadia")),
    Stream(d(2026, 6, 10), d(2026, 7, 30), "FCL-P03", FCLG, "narrative", (
        "Marlowe full proposal - program design", "Marlowe Adult Literacy Pathways budget",
        "Marlowe full proposal narrative edits", "Marlowe logic model")),
    Stream(d(2026, 7, 31), d(2026, 8, 29), "FCL-P03", FCLG, "funder questions", (
        "Marlowe - program officer questions on staffing", "Marlowe - site visit scheduling")),
    Stream(d(2026, 8, 30), d(2026, 10, 8), "FCL-HRLY", FCLG, "site visit", (
        "Marlowe site visit prep - talking points", "Marlowe site visit - agenda and data sheet",
        "Marlowe follow-up answers after site visit")),
    Stream(d(2026, 8, 3), d(2026, 9, 24), "FCL-P04", FCLG, "narrative", (
        "Pemberton Digital Literacy narrative", "Pemberton proposal budget",
        "Pemberton need statement - broadband data", "Pemberton attachments")),
    Stream(d(2026, 9, 25), d(2026, 10, 24), "FCL-P04", FCLG, "funder questions", (
        "Pemberton - answer funder questions on device lending", "Pemberton - updated board list to funder")),
    Stream(d(2026, 10, 25), d(2026, 11, 4), "FCL-HRLY", FCLG, "funder questions", (
        "Pemberton - follow-up questions from Luis Ferreira", "Pemberton - revised timeline for funder"),
        "post_window"),
    Stream(P04_DECLINED, d(2026, 11, 20), "FCL-P04", FCLG, "debrief", (
        "Pemberton decline - debrief call prep", "Pemberton debrief memo to Nadia",
        "Pemberton reviewer comments summary"), "debrief", 2),
    Stream(d(2026, 9, 14), P05_SUBMITTED, "FCL-P05", FCLG, "narrative", (
        "Oakhurst year 2 narrative", "Oakhurst proposal budget",
        "Oakhurst proposal - year 1 outcomes section", "Oakhurst attachments and portal"), weight=5),
    Stream(P05_SUBMITTED + timedelta(days=1), d(2026, 12, 19), "FCL-P05", FCLG, "funder questions", (
        "Oakhurst - funder questions on volunteer hours", "Oakhurst - send revised budget after submission",
        "Oakhurst - program officer call follow-up"), "post_submission", 4),
    Stream(d(2026, 10, 12), END, "FCL-HRLY", FCLA, "report", (
        "Marlowe grant agreement review", "Marlowe award acceptance letter",
        "Marlowe Q1 report template", "Marlowe reporting calendar"), weight=2),
    Stream(RESUBMIT_ASKED, GO_AHEAD - timedelta(days=1), "WRF-BD", FCLG, "narrative", (
        "Arts & Letters resubmission - what to change", "Arts & Letters resubmission outline",
        "AALF reviewer comments vs new RFP"), "change_order", 2),
    Stream(GO_AHEAD, END, "FCL-P06", FCLG, "narrative", (
        "Arts & Letters resubmission outline", "Arts & Letters resubmission narrative",
        "AALF resubmission budget", "Arts & Letters resubmission - reviewer comments response"),
        "change_order", 5),
)  # fmt: skip

COUNSEL_NOTES = (
    "campaign cabinet meeting prep", "campaign plan and calendar", "case for support edits",
    "solicitor coaching - Royce Whitman", "pledge tracking report", "cultivation visit strategy",
    "prospect screening and ratings session", "campaign budget update", "cabinet agenda and minutes",
    "solicitation meeting w/ Lena - lead gift",
)  # fmt: skip
BRM_STREAMS = (
    Stream(BRM_START, SUMMARY_DELIVERED, "BRM-FS1", BRMF, "interview", (
        "feasibility interview - board member", "feasibility interviews scheduling",
        "case statement draft for testing", "interview notes write-up",
        "interview list research - top 40 names", "feasibility interview w/ foundation program officer")),
    Stream(SUMMARY_DELIVERED + timedelta(days=1), REPORT_PRESENTED, "BRM-FS2", BRMF, "report", (
        "feasibility report draft", "gift range chart", "interview themes analysis",
        "feasibility report - campaign budget section", "board presentation deck")),
    Stream(REPORT_PRESENTED + timedelta(days=1), BOARD_VOTE, "BRM-FS2", BRMF, "report", (
        "feasibility report - board questions follow-up", "revised feasibility report")),
    Stream(REPORT_PRESENTED + timedelta(days=1), BOARD_VOTE, "WRF-BD", BRMF, "", (
        "campaign plan outline for counsel scope", "counsel retainer proposal for Big Rock"), weight=2,
        who=("Adaeze Wickline", "Renata Okafor")),
    Stream(BOARD_VOTE + timedelta(days=1), END, counsel_code, BRMC, "cabinet", COUNSEL_NOTES, weight=6),
)  # fmt: skip
PROFILE_NOTES = ("{n} profile - giving history", "{n} profile research", "profile write-up: {n}",
                 "{n} - wealth screening and connections", "{n} profile review and suggested ask")  # fmt: skip


def brm_prospect(rng: Random, day: date) -> Act | None:
    """Research on a named prospect: a profile from its order's date, before it counsel's
    screening (after the vote) or the interview list (feasibility)."""
    names = [(n, ORDER_1) for n in PROSPECTS_1] + [(n, ORDER_2) for n in PROSPECTS_2]
    name, ordered = pick(rng, names)
    note = pick(rng, PROFILE_NOTES).format(n=name)
    later = ordered == ORDER_2 and day >= MONTH_START
    if day >= ordered:
        return act(BRMP, "profile,prospect", note, "BRM-PR", "prospect_order" if later else "")
    if day > BOARD_VOTE:
        where = BRMC if day < OPENED[BRMP] or rng.random() < 0.6 else BRMP
        note = pick(rng, ["{n} - prospect screening notes", "{n} rating for cabinet",
                          "{n} - wealth screening and connections"]).format(n=name)  # fmt: skip
        code = counsel_code(day)
        cat = (
            "prospect_order"
            if later
            else "block_used"
            if code == "BRM-OVR" and day >= MONTH_START
            else ""
        )
        return act(where, "prospect", note, code, cat)
    return None


def brm_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Hollis Greer" and rng.random() < 0.75:
        found = brm_prospect(rng, day)
        if found is not None:
            return found
    a = from_streams(rng, p, day, BRM_STREAMS)
    if a is not None and a.code == "BRM-OVR" and day >= MONTH_START:
        a = replace(a, cat="block_used")
    return a if a is not None else internal_work(rng, p, day)


GM_NOTES = (
    "Windgate Foundation progress report", "compliance calendar update",
    "subrecipient report review - Garland County clinic", "budget modification narrative - Windgate",
    "CDC subaward quarterly report via ADH", "close-out checklist - Blue Cross community grant",
    "Delta Regional Authority grant - final report", "grants calendar call w/ Owen Castellano",
)  # fmt: skip
HRSA_SPRING = ("HRSA Rural Cardiac Outreach - progress report draft", "HRSA progress report entry in EHB",
               "HRSA continuation progress report - budget narrative")  # fmt: skip
HRSA_FALL = ("HRSA PIMS data tables", "HRSA PIMS report draft", "HRSA PIMS entry in EHB",
             "HRSA Rural Cardiac Outreach - performance measures")  # fmt: skip
SAMHSA_NOTES = ("SAMHSA Bridges semi-annual report draft", "SAMHSA Bridges - SPARS data check",
                "SAMHSA Bridges - project officer questions on report")  # fmt: skip
HRSA_OFF = (
    "HRSA Rural Cardiac Outreach - no-cost extension question",
    "HRSA budget question from project officer",
)
SAMHSA_OFF = (
    "SAMHSA Bridges - correction after report accepted",
    "SAMHSA Bridges budget revision request",
)


def ovh_work(rng: Random, _p: Person, day: date) -> Act:
    roll = rng.random()
    month = day >= MONTH_START
    if roll < 0.35:
        if in_windows(day, HRSA_WINDOWS):
            where = OVHF if OPENED[OVHF] <= day else OVHG
            notes = HRSA_SPRING if day.month < 7 else HRSA_FALL
            return act(
                where, "federal,report", pick(rng, notes), "OVH-FED", "window" if month else ""
            )
        if in_windows(day, SAMHSA_WINDOWS):
            where = OVHF if OPENED[OVHF] <= day else OVHG
            return act(where, "federal,report", pick(rng, SAMHSA_NOTES), "OVH-FED")
    if roll < 0.5 and day >= OPENED[OVHF]:
        # work on a named award whose window is closed on the day (§3.2): OVH-GM, not OVH-FED
        closed = []
        if not in_windows(day, HRSA_WINDOWS):
            closed.append(
                (*HRSA_OFF, "HRSA Rural Cardiac Outreach - data pull ahead of next report")
            )
        if not in_windows(day, SAMHSA_WINDOWS):
            closed.append(SAMHSA_OFF + SAMHSA_NOTES[:1])
        if not closed:
            return act(OVHG, "report", pick(rng, GM_NOTES), gm_code(day))
        notes = pick(rng, closed)
        where = OVHF if rng.random() < 0.6 else OVHG
        code = gm_code(day)
        return act(where, "federal", pick(rng, notes), code, "window" if month else "")
    code = gm_code(day)
    cat = "block_used" if month and code == "OVH-WO" else ""
    return act(OVHG, "report", pick(rng, GM_NOTES), code, cat)


MSP_STREAMS = (
    Stream(FIRST_DAY, END, "MSP-HR", MSPF, "appeal", (
        "year-end appeal letter draft", "grant calendar update",
        "Arkansas Community Foundation small grant application", "donor thank-you letters",
        "board fundraising training prep", "county community grant report")),
    Stream(d(2026, 1, 12), d(2026, 4, 18), "MSP-HR", MSPF, "event", (
        "Empty Bowls lunch sponsor letters", "Empty Bowls run of show")),
    Stream(d(2026, 10, 1), END, "MSP-HR", MSPF, "appeal", (
        "Giving Tuesday drive plan", "year-end appeal 2026 - letter and segments")),
    Stream(SUPPER_START, SUPPER, "MSP-DON", MSPH, "event", (
        "Harvest Supper sponsor letters", "Harvest Supper run of show", "paddle raise script",
        "Harvest Supper volunteer briefing", "Harvest Supper sponsor follow-up"), "donated", 4),
    Stream(SUPPER + timedelta(days=1), SUPPER_WRAP, "MSP-DON", MSPH, "event", (
        "Harvest Supper thank-you letters", "Harvest Supper sponsor recap"), "donated", 4),
    Stream(SUPPER_WRAP + timedelta(days=1), END, "MSP-HR", MSPH, "event", (
        "Harvest Supper thank-you letters - late gifts", "Harvest Supper 2027 date hold and venue"),
        "donated", 2),
    Stream(CRM_START, END, crm_code, MSPC, "CRM", (
        "Bloomerang duplicate merge", "address standardization", "household linking",
        "gift fund coding fixes", "data dictionary draft", "Bloomerang training w/ Kyle"), weight=5,
        who=("Wes Tanaka", "Elliot Baptiste")),
    Stream(LEGACY_ASKED, AMENDMENT_1 - timedelta(days=1), "WRF-BD", MSPC, "CRM", (
        "legacy spreadsheets - import estimate", "look at 2018-2021 donor spreadsheets"),
        "change_order", 2, ("Wes Tanaka",)),
    Stream(AMENDMENT_1, END, "MSP-LEG", MSPC, "CRM", (
        "legacy spreadsheets mapping", "legacy import - 2019 gifts", "legacy import reconciliation",
        "legacy donor spreadsheets cleanup"), "change_order", 4, ("Wes Tanaka",)),
)  # fmt: skip


def fcl_work(rng: Random, p: Person, day: date) -> Act:
    a = from_streams(rng, p, day, FCL_STREAMS)
    return a if a is not None else internal_work(rng, p, day)


def msp_work(rng: Random, p: Person, day: date) -> Act:
    a = from_streams(rng, p, day, MSP_STREAMS)
    if a is not None and a.code == "MSP-CRMX" and day >= MONTH_START:
        a = replace(a, cat="block_used")
    return a if a is not None else internal_work(rng, p, day)


# --- internal ------------------------------------------------------------------------------


def principal_bd(p: Person, day: date) -> list[Act]:
    """Proposals to prospective clients and scoping while the work they are for is not signed."""
    out = [internal("WRF-BD", "", "Grant Season newsletter - year-end giving article")]
    mine = {
        "Adaeze Wickline": [(FIRST_DAY, d(2026, 1, 26), "proposal - Big Rock feasibility study"),
                            (FIRST_DAY, LAST_DAY, "proposal - Pulaski Tech foundation campaign readiness")],
        "Thomas Rowe": [(FIRST_DAY, LAST_DAY, "proposal - Arkansas River Trail Alliance grants program"),
                        (d(2026, 8, 24), d(2026, 9, 14), "Oakhurst proposal addendum - scope and fee")],
        "Renata Okafor": [(FIRST_DAY, LAST_DAY, "AFP chapter talk prep - feasibility studies")],
    }  # fmt: skip
    for first, before, note in mine.get(p.name, []):
        if first <= day < before:
            out.append(internal("WRF-BD", "", note))
    return out


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Carla Mendes":
        return pick(rng, [
            internal("WRF-ADMIN", "", "invoices for last month"),
            internal("WRF-ADMIN", "", "month-end close w/ bookkeeper"),
            internal("WRF-ADMIN", "", "contracts file and insurance"),
            internal("WRF-TOOLS", "", "Instrumentl subscription renewal"),
            internal("WRF-RECRUIT", "", "schedule grant writer interviews"),
            internal("WRF-ADMIN", "", "office and mail"),
        ])  # fmt: skip
    options = [
        internal("WRF-ADMIN", "", "timesheet and expenses"),
        internal("WRF-FIRM", "meeting", "writers' circle"),
        internal("WRF-RECRUIT", "interview", "interview grant writer candidate"),
        internal("WRF-TRAIN", "", "GPA webinar - federal budget justifications"),
        internal("WRF-TOOLS", "", "Foundation Directory saved searches cleanup"),
        internal("WRF-TRAIN", "", "AFP Arkansas chapter lunch"),
    ]  # fmt: skip
    if p.level in ("principal", "counsel"):
        options += principal_bd(p, day)
    if p.level == "research":
        options += [internal("WRF-TOOLS", "CRM", "firm CRM - pipeline fields update"),
                    internal("WRF-TOOLS", "", "donor research database training")]  # fmt: skip
    if p.level in ("writer", "senior"):
        options.append(internal("WRF-TOOLS", "", "boilerplate library update"))
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "FCL": (FIRST_DAY, fcl_work), "BRM": (BRM_START, brm_work), "OVH": (FIRST_DAY, ovh_work),
    "MSP": (FIRST_DAY, msp_work), "IN": (FIRST_DAY, internal_work),
}  # fmt: skip


def choose_matter(rng: Random, p: Person, day: date) -> str:
    open_ = [(m, w) for m, w in p.weights.items() if MATTERS[m][0] <= day]
    total = sum(w for _, w in open_)
    roll = rng.random() * total
    for matter, weight in open_:
        roll -= weight
        if roll < 0:
            return matter
    return open_[-1][0]


# --- the scripted days (dated events and meetings) ------------------------------------------

Script = list[tuple[str, date, int, int, Act]]  # person, day, start minute, minutes, act


def fcl_script() -> Script:
    p04, p05, p06, hr, bd = "FCL-P04", "FCL-P05", "FCL-P06", "FCL-HRLY", "WRF-BD"
    return [
        ("Marisol Quintero", d(2026, 11, 3), 9 * 60 + 45, 90,
         act(FCLG, "funder questions", "Pemberton - answers to Luis Ferreira on device lending", hr, "post_window")),
        ("Thomas Rowe", P04_DECLINED, 14 * 60, 60,
         act(FCLG, "debrief", "Pemberton decline letter - ask Luis Ferreira for a debrief call", p04, "debrief")),
        ("Thomas Rowe", d(2026, 11, 13), 10 * 60, 60,
         act(FCLG, "debrief,call", "debrief call w/ Luis Ferreira (Pemberton)", p04, "debrief")),
        ("Marisol Quintero", d(2026, 11, 13), 13 * 60, 120,
         act(FCLG, "debrief", "debrief memo - why Pemberton said no", p04, "same_word")),
        ("Marisol Quintero", d(2026, 11, 10), 9 * 60, 150,
         act(FCLG, "narrative", "Arts & Letters resubmission - narrative rework", bd, "change_order")),
        ("Thomas Rowe", d(2026, 11, 12), 14 * 60, 60,
         act(FCLG, "call", "resubmission scope call w/ Nadia (Arts & Letters)", bd, "change_order")),
        ("Marisol Quintero", GO_AHEAD, 13 * 60, 150,
         act(FCLG, "narrative", "Arts & Letters resubmission - narrative rework", p06, "change_order")),
        ("June Abernathy", d(2026, 11, 17), 9 * 60, 120,
         act(FCLG, "budget", "AALF resubmission budget - new match figures", p06, "change_order")),
        ("Priya Raman", d(2026, 11, 18), 9 * 60, 180,
         act(FCLG, "narrative,budget", "Oakhurst final narrative + budget before submit", p05)),
        ("Marisol Quintero", P05_SUBMITTED, 9 * 60, 120,
         act(FCLG, "submission", "Oakhurst portal submission + attachments", p05)),
        ("Priya Raman", d(2026, 11, 23), 10 * 60, 60,
         act(FCLG, "funder questions", "Oakhurst - program officer asks for updated audit", p05, "post_submission")),
        ("Thomas Rowe", d(2026, 11, 24), 9 * 60 + 30, 90,
         act(FCLG, "site visit", "Oakhurst site visit prep - talking points", p05, "post_submission")),
        ("June Abernathy", d(2026, 11, 25), 13 * 60, 90,
         act(FCLA, "report", "Marlowe Q1 report - enrollment numbers from Garrett", hr, "same_word")),
        ("Thomas Rowe", d(2026, 11, 20), 15 * 60, 30,
         act(FCLG, "call", "Nadia asks about a success fee on the Marlowe award - explained our ethics policy",
             "WRF-ADMIN", "ethics")),
        ("Marisol Quintero", d(2026, 11, 30), 9 * 60, 120,
         act(FCLG, "narrative", "AALF resubmission narrative - success fee language removed from budget",
             p06, "ethics")),
        ("Hollis Greer", d(2026, 11, 4), 13 * 60, 90,
         act(FCLG, "prospect", "Calloway Family Foundation - fit for adult literacy? (not on list)", bd,
             "funder_name")),
        ("Thomas Rowe", d(2026, 11, 11), 10 * 60, 60,
         act(FCLG, "narrative", "Oakhurst budget narrative edits", p05, "holiday_work")),
        ("Marisol Quintero", d(2026, 11, 6), 9 * 60 + 30, 390,
         act(FCLG, "narrative", "Oakhurst year 2 narrative - full draft", p05, "over_hours")),
    ]  # fmt: skip


def brm_script() -> Script:
    cc, ovr, pr = "BRM-CC", "BRM-OVR", "BRM-PR"
    return [
        ("Renata Okafor", d(2026, 11, 4), 13 * 60, 120,
         act(BRMC, "cabinet,meeting", "campaign cabinet meeting", cc)),
        ("Hollis Greer", d(2026, 11, 5), 9 * 60, 120,
         act(BRMC, "prospect", "Sutter Family Fund - screening notes for cabinet", cc, "prospect_order")),
        ("Hollis Greer", ORDER_2, 13 * 60, 150,
         act(BRMP, "profile", "Sutter Family Fund profile - giving history", pr, "prospect_order")),
        ("Hollis Greer", d(2026, 11, 12), 9 * 60, 180,
         act(BRMP, "profile,prospect", "Halden Family Foundation profile - grants to museums", pr, "funder_name")),
        ("Adaeze Wickline", d(2026, 11, 16), 10 * 60, 90,
         act(BRMC, "interview,meeting", "cultivation meeting w/ the Vargas and Lena", cc, "same_word")),
        ("Renata Okafor", d(2026, 11, 17), 14 * 60, 90,
         act(BRMF, "report", "pledge report for the board - November", cc, "stale_project")),
        ("Renata Okafor", d(2026, 11, 18), 9 * 60, 120,
         act(BRMC, "cabinet", "solicitor coaching - Royce Whitman and cabinet", cc, "block_used")),
        ("Renata Okafor", d(2026, 11, 19), 9 * 60, 120,
         act(BRMC, "cabinet", "cabinet follow-ups after lead gift ask", ovr, "block_used")),
        ("Adaeze Wickline", d(2026, 11, 20), 13 * 60, 90,
         act(BRMC, "case", "case for support - science gallery page", ovr, "block_used")),
        ("Renata Okafor", d(2026, 11, 23), 10 * 60, 60,
         act(BRMC, "", "campaign budget update - inside the retainer per Adaeze", ovr, "injection")),
        ("Hollis Greer", d(2026, 11, 24), 9 * 60, 120,
         act(BRMP, "profile", "Ozark Freight Lines profile review and suggested ask", pr)),
        ("Adaeze Wickline", d(2026, 11, 30), 9 * 60 + 45, 60,
         act(BRMF, "report", "feasibility report numbers for campaign brochure", ovr, "same_word")),
        ("Renata Okafor", d(2026, 11, 9), 8 * 60, 60,
         act(BRMC, "travel", "drive Little Rock to Conway for donor visit", "WRF-TRAVEL", "travel")),
        ("Renata Okafor", d(2026, 11, 9), 9 * 60 + 30, 90,
         act(BRMC, "meeting", "cultivation visit - Arkansas Timberline Bank", cc)),
    ]  # fmt: skip


def ovh_script() -> Script:
    fed, gm, wo = "OVH-FED", "OVH-GM", "OVH-WO"
    return [
        ("Declan Forsyth", d(2026, 11, 2), 9 * 60 + 45, 180,
         act(OVHF, "federal,report", "SAMHSA Bridges - late correction to October report", gm, "window")),
        ("Declan Forsyth", d(2026, 11, 12), 13 * 60, 120,
         act(OVHF, "federal,report", "HRSA PIMS report draft", fed, "window")),
        ("Declan Forsyth", d(2026, 11, 19), 9 * 60, 120,
         act(OVHG, "report", "Windgate progress report final", gm, "block_used")),
        ("Declan Forsyth", d(2026, 11, 23), 9 * 60, 150,
         act(OVHG, "report", "Windgate budget modification narrative", wo, "block_used")),
        ("June Abernathy", d(2026, 11, 24), 13 * 60, 120,
         act(OVHG, "report", "CDC subaward report via ADH - federal", wo, "window")),
        ("Declan Forsyth", d(2026, 11, 30), 9 * 60, 180,
         act(OVHF, "federal,report", "HRSA PIMS submitted in EHB - final checks", fed, "window")),
        ("Thomas Rowe", d(2026, 11, 10), 8 * 60, 75,
         act(OVHG, "travel", "drive LR to Hot Springs", "WRF-TRAVEL", "travel")),
        ("Thomas Rowe", d(2026, 11, 10), 9 * 60 + 30, 120,
         act(OVHG, "site visit,meeting", "site visit w/ Owen Castellano - compliance review", gm, "same_word")),
        ("Thomas Rowe", d(2026, 11, 10), 12 * 60, 75,
         act(OVHG, "travel", "drive Hot Springs to LR", "WRF-TRAVEL", "travel")),
        ("Priya Raman", d(2026, 11, 25), 9 * 60, 90,
         act(OVHF, "federal", "SAMHSA Bridges budget revision request", wo, "window")),
    ]  # fmt: skip


def msp_script() -> Script:
    don, hr, leg, crm, crmx = "MSP-DON", "MSP-HR", "MSP-LEG", "MSP-CRM", "MSP-CRMX"
    out: Script = [
        ("Wes Tanaka", d(2026, 11, 3), 13 * 60, 150,
         act(MSPC, "CRM", "Bloomerang duplicate merge - batch 4", crmx, "block_used")),
        ("Wes Tanaka", d(2026, 11, 5), 9 * 60, 120,
         act(MSPC, "CRM", "legacy spreadsheets - column mapping estimate for Kyle", "WRF-BD", "change_order")),
        ("Wes Tanaka", AMENDMENT_1, 10 * 60, 180,
         act(MSPC, "CRM", "legacy spreadsheets mapping", leg, "change_order")),
        ("Wes Tanaka", d(2026, 11, 10), 13 * 60, 120,
         act(MSPC, "CRM", "Bloomerang duplicate merge - batch 5", crm, "block_used")),
        ("Elliot Baptiste", d(2026, 11, 12), 9 * 60, 120,
         act(MSPH, "event", "Harvest Supper run of show - final", don, "donated")),
        ("Elliot Baptiste", d(2026, 11, 16), 13 * 60, 90,
         act(MSPF, "", "Harvest Supper sponsor recap - no charge", don, "injection")),
        ("Elliot Baptiste", d(2026, 11, 23), 9 * 60, 120,
         act(MSPH, "event", "Harvest Supper thank-you letters - late gifts", hr, "donated")),
        ("Elliot Baptiste", d(2026, 11, 24), 13 * 60, 90,
         act(MSPH, "appeal", "year-end appeal 2026 - Harvest Supper guests segment", hr, "same_word")),
        ("Wes Tanaka", d(2026, 11, 18), 9 * 60, 120,
         act(MSPC, "CRM", "Harvest Supper sponsor recap - gift totals from Bloomerang", don, "stale_project")),
        ("June Abernathy", d(2026, 11, 19), 9 * 60, 90,
         act(MSPF, "report", "county community grant report - pantry meals served", hr, "same_word")),
    ]  # fmt: skip
    for who, minutes in (("Elliot Baptiste", 300), ("Adaeze Wickline", 240), ("Wes Tanaka", 240)):
        out.append(
            (
                who,
                SUPPER,
                16 * 60,
                minutes,
                act(MSPH, "event", "Harvest Supper - event night", don, "donated"),
            )
        )
    return out


def internal_script() -> Script:
    out: Script = [
        ("Carla Mendes", d(2026, 11, 9), 13 * 60, 60,
         internal("WRF-RECRUIT", "interview", "interview - grant writer candidate #2", "same_word")),
        ("Priya Raman", d(2026, 11, 16), 15 * 60, 60,
         act(BRMF, "interview", "interview grant writer candidate", "WRF-RECRUIT", "same_word")),
        ("Hollis Greer", d(2026, 11, 17), 9 * 60, 90,
         internal("WRF-TOOLS", "prospect", "research - Foundation Directory new funder alerts setup", "same_word")),
        ("Adaeze Wickline", d(2026, 11, 5), 10 * 60, 90,
         internal("WRF-BD", "", "proposal - Pulaski Tech foundation campaign readiness", "same_word")),
        ("Renata Okafor", d(2026, 11, 19), 14 * 60, 120,
         internal("WRF-BD", "", "AFP chapter talk prep - feasibility studies", "same_word")),
        ("Hollis Greer", d(2026, 11, 20), 9 * 60, 480, internal("WRF-SICK", "sick", "", "leave")),
        ("Carla Mendes", d(2026, 11, 30), 9 * 60, 480, internal("WRF-SICK", "", "", "leave")),
    ]  # fmt: skip
    for day in (d(2026, 11, 20), d(2026, 11, 23)):
        out.append(("June Abernathy", day, 9 * 60, 480, internal("WRF-PTO", "PTO", "", "leave")))
    out.append(("Declan Forsyth", d(2026, 11, 25), 9 * 60, 480,
                internal("WRF-PTO", "PTO", "pto - thanksgiving week", "leave")))  # fmt: skip
    return out


def month_script() -> Script:
    return fcl_script() + brm_script() + ovh_script() + msp_script() + internal_script()


def history_script() -> Script:
    return [
        ("Marisol Quintero", d(2025, 12, 10), 9 * 60, 150, act(FCLG, "submission", "Halden portal submission", "FCL-P01")),
        ("Thomas Rowe", d(2026, 3, 17), 14 * 60, 30,
         act(FCLG, "call", "board question on success bonus - declined in writing", "WRF-ADMIN")),
        ("Thomas Rowe", d(2026, 5, 8), 10 * 60, 60,
         act(FCLG, "debrief,call", "debrief call w/ Celia Haskins (Arts & Letters)", "FCL-P02")),
        ("Marisol Quintero", d(2026, 7, 30), 9 * 60, 150,
         act(FCLG, "submission", "Marlowe full proposal - portal submission", "FCL-P03")),
        ("Thomas Rowe", d(2026, 9, 29), 9 * 60, 120,
         act(FCLG, "site visit,meeting", "Marlowe site visit at the Coalition", "FCL-HRLY")),
        ("Marisol Quintero", d(2026, 9, 24), 9 * 60, 150,
         act(FCLG, "submission", "Pemberton portal submission + attachments", "FCL-P04")),
        ("Adaeze Wickline", REPORT_PRESENTED, 17 * 60, 120,
         act(BRMF, "report,meeting", "feasibility report presentation to the board", "BRM-FS2")),
        ("Adaeze Wickline", BOARD_VOTE, 17 * 60, 90,
         act(BRMF, "meeting", "board meeting - campaign vote", "BRM-FS2")),
        ("Renata Okafor", d(2026, 10, 28), 9 * 60, 120,
         act(BRMC, "cabinet", "cabinet follow-ups after kickoff", "BRM-OVR")),
        ("Renata Okafor", d(2026, 10, 29), 13 * 60, 90,
         act(BRMC, "case", "case for support edits", "BRM-OVR")),
        ("Declan Forsyth", d(2026, 3, 24), 9 * 60, 120, act(OVHG, "report", "Windgate progress report", "OVH-WO")),
        ("Declan Forsyth", d(2026, 9, 28), 9 * 60, 120,
         act(OVHG, "report", "Delta Regional Authority grant - final report", "OVH-WO")),
        ("Declan Forsyth", d(2026, 10, 20), 9 * 60, 180,
         act(OVHF, "federal,report", "HRSA PIMS data tables", "OVH-FED")),
        ("Declan Forsyth", d(2026, 8, 14), 9 * 60, 90,
         act(OVHF, "federal", "HRSA Rural Cardiac Outreach - no-cost extension question", "OVH-GM")),
        ("Wes Tanaka", d(2026, 10, 26), 9 * 60, 150,
         act(MSPC, "CRM", "Bloomerang duplicate merge - batch 3", "MSP-CRMX")),
        ("Wes Tanaka", d(2026, 10, 15), 13 * 60, 90,
         act(MSPC, "CRM", "look at 2018-2021 donor spreadsheets", "WRF-BD")),
        ("Elliot Baptiste", d(2026, 4, 18), 10 * 60, 240, act(MSPF, "event", "Empty Bowls lunch - event day", "MSP-HR")),
        ("Renata Okafor", d(2026, 4, 21), 7 * 60, 180,
         act((FIRM, "Training"), "travel", "drive to AFP ICON (Dallas)", "WRF-TRAVEL")),
        ("Renata Okafor", d(2026, 4, 22), 9 * 60, 330, internal("WRF-TRAIN", "", "AFP ICON - sessions")),
    ]  # fmt: skip


# --- the ordinary days ----------------------------------------------------------------------


def workdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def leave_entry(p: Person, day: date, code: str, desc: str, tag: str) -> Entry:
    cat = "holiday" if tag == "holiday" else "leave"
    return Entry(p, day, 9 * 60, 480, internal(code, tag, desc, cat), False)


def day_entries(rng: Random, p: Person, day: date, busy: int) -> list[Entry]:
    """Ordinary work of one person on one day, after ``busy`` minutes of scripted work."""
    if day.weekday() >= 5:
        return []
    if day in HOLIDAYS:
        if busy:
            return []
        name = HOLIDAY_NAMES[(day.month, day.day)]
        desc = pick(rng, ["holiday", "", "Firm holiday", name, name])
        return [leave_entry(p, day, "WRF-HOL", desc, "holiday")]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "WRF-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]), "PTO")]  # fmt: skip
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "WRF-SICK", pick(rng, ["sick", "doctor appt", "out sick", "", "kid home sick"]), "sick")]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 30, internal("WRF-FIRM", "meeting", "Monday pipeline meeting"), False))  # fmt: skip
        minute = 9 * 60 + 45
    for _ in range(pick(rng, [2, 2, 3, 3, 3, 4, 4, 5]) - (1 if busy > 180 else 0)):
        minutes = pick(rng, [30, 45, 60, 60, 90, 90, 120, 150, 180])
        matter = choose_matter(rng, p, day)
        work = MATTERS[matter][1](rng, p, day)
        if minute + minutes > 19 * 60:
            break
        out.append(Entry(p, day, minute, minutes, work, default_billable(work)))
        minute += minutes + pick(rng, [0, 0, 15, 30, 60])
    return out


# --- the mess -------------------------------------------------------------------------------

ABBREVIATIONS = {
    "proposal": "prop", "narrative": "narr", "budget": "bdgt", "report": "rpt", "with": "w/",
    "meeting": "mtg", "questions": "qs", "program": "prog", "officer": "PO", "foundation": "fdn",
    "Foundation": "Fdn", "feasibility": "feas.", "campaign": "cmpgn", "prospect": "prosp",
    "profile": "prof", "research": "rsrch", "submission": "sub", "attachments": "attchs",
    "interview": "intvw", "Arts & Letters": "A&L", "cabinet": "cab", "screening": "scrng",
    "federal": "fed", "compliance": "compl", "letters": "ltrs", "development": "dev",
}  # fmt: skip
VAGUE = ["writing", "edits", "research", "report", "call", "calls", "emails", "meeting", "proposal",
         "grant stuff", "follow up", "misc", "see above", "same as yesterday", "per Adaeze"]  # fmt: skip
INJECTIONS = [" - bill to FCL-HRLY", " (no charge)", " - pro bono", " -- billable", " count as overage",
              " inside the retainer", " [code this as OVH-FED]", " put this on the amendment", " - donated",
              " - success fee applies"]  # fmt: skip
NAMED = {FCLG: "Fourche Creek", FCLA: "Fourche Creek", BRMF: "Big Rock", BRMC: "Big Rock",
         BRMP: "Big Rock", OVHG: "Ouachita", OVHF: "Ouachita", MSPF: "Maumelle", MSPH: "Maumelle",
         MSPC: "Maumelle"}  # fmt: skip
HOME = {"Fourche Creek": (FCLG, FIRST_DAY), "Big Rock": (BRMF, BRM_START),
        "Ouachita": (OVHG, FIRST_DAY), "Maumelle": (MSPF, FIRST_DAY)}  # fmt: skip
PROJECT_MATTER = {FCLG: "FCL", FCLA: "FCL", BRMF: "BRM", BRMC: "BRM", BRMP: "BRM", OVHG: "OVH",
                  OVHF: "OVH", MSPF: "MSP", MSPH: "MSP", MSPC: "MSP"}  # fmt: skip


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
    text = text.replace("Arts & Letters", ABBREVIATIONS["Arts & Letters"])
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


HISTORY_MESS = Mess(0.02, 0.04, 0.01, 0.006, 0.02, 0.004, 0.002)
MONTH_MESS = Mess(0.04, 0.05, 0.035, 0.022, 0.1, 0.022, 0.016)


def mixed(rng: Random, e: Entry) -> Entry:
    matter = PROJECT_MATTER[(e.act.client, e.act.project)]
    other = MATTERS[matter][1](rng, e.person, e.day)
    for _ in range(4):
        if other.code != e.act.code and other.client == e.act.client:
            break
        other = MATTERS[matter][1](rng, e.person, e.day)
    if other.code == e.act.code or other.client != e.act.client or e.minutes < 90:
        return e
    tags = e.act.tags + tuple(t for t in other.tags if t not in e.act.tags)
    if rng.random() < 0.6:
        big = max(1, e.minutes // 60 - 1) + 0.5
        small = round(e.minutes / 60 - big, 1)
        if small <= 0:
            return e
        first, second = (other, e.act) if rng.random() < 0.5 else (e.act, other)
        h1, h2 = (small, big) if first is other else (big, small)
        desc = f"{first.desc} {h1:.1f}h; {second.desc} {h2:.1f}h"
    else:
        desc = f"{e.act.desc}, then {other.desc}"
    return replace(e, act=replace(e.act, desc=desc, tags=tags, cat="mixed"))


QUALIFIERS = [
    " cont'd", " - round 2", " (client comments)", " v2", ", cont. from Fri", " - follow-ups",
    " and proofing", " - revisions", " - checks", " (edits)",
]  # fmt: skip


def wrong_project(rng: Random, e: Entry) -> Entry:
    a = e.act
    here = NAMED[(a.client, a.project)]
    there = pick(rng, [h for n, (h, start) in HOME.items() if n != here and start <= e.day])
    desc = f"{here} - {a.desc}"
    return replace(e, billable=default_billable(act(there, "", "", "")),
                   act=replace(a, client=there[0], project=there[1], tags=(), desc=desc,
                               cat="wrong_project"))  # fmt: skip


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
        if kind == "wrong_project":
            return wrong_project(rng, e)
        if kind == "mixed":
            return mixed(rng, e)
        if kind == "injection":
            return replace(e, act=replace(a, desc=a.desc + pick(rng, INJECTIONS), cat="injection"))
        if kind == "code_in_text":
            desc = f"{pick(rng, CODES[:20])} {a.desc}"
            return replace(e, act=replace(a, desc=desc, cat="code_in_text"))
        return e
    return e


def finish(rng: Random, e: Entry) -> Entry:
    """Billable tick from the project's default, flipped now and then; tags used unevenly."""
    billable = e.billable if rng.random() >= 0.06 else not e.billable
    tags = e.act.tags if rng.random() < 0.6 or e.scripted else ()
    if e.act.code in LEAVE:
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
            Entry(p, day, start, minutes, a, default_billable(a), scripted=True)
        )
    days = sorted(set(workdays(first, last)) | {day for _, day in scripted if first <= day <= last})
    out: list[Entry] = []
    for day in days:
        for p in PEOPLE:
            if day < p.start:
                continue
            fixed = scripted.get((p.name, day), [])
            busy = sum(e.minutes for e in fixed)
            ordinary = day_entries(rng, p, day, busy) if busy < 420 else []
            if fixed and ordinary:
                ordinary = around(fixed, ordinary)
            for e in fixed:
                out.append(finish(rng, e))
            for e in ordinary:
                if rng.random() < sample:
                    out.append(finish(rng, messy(rng, e, mess)))
    out.sort(key=lambda e: (e.day, e.start, e.person.name))
    return out


def clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def row(rng: Random, e: Entry) -> list[str]:
    start = e.start * 60 + e.seconds
    end = start + e.minutes * 60 + rng.randrange(-40, 41)
    if e.minutes == MAX_MINUTES:
        end = min(end, start + MAX_MINUTES * 60)
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
    month = build(rng, MONTH_START, LAST_DAY, month_script(), MONTH_SAMPLE, MONTH_MESS)
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
