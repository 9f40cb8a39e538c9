"""Generate the twenty-sixth demo firm's time entries: a year of approved history and one open month.

Lanternfield Events, LLC (14 people, 13 logging here; an events and conference management agency
in Birmingham, Alabama) records time in Toggl Track, with tasks, against four clients (see
README.md next to this file; the medical society's annual meeting agreement, the software
company's sales kickoff agreement, the bank's incentive program agreement, the children's
hospital foundation's gala letter, and the agency policy are in ``sows/``). This script writes,
in Toggl's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Every date that changes a code is one of the records of events' dates (the
constants below), never a running total. Standard library only.

    python examples/twenty_sixth_firm/generate.py [--out DIR]
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

SEED = 20261126
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.17  # share of the year's approved entries kept in history.csv
DOMAIN = "lanternfield.example"
MAX_MINUTES = 360  # agency policy §2.5: 6 h per entry, leave exempt
ONSITE_MAX_MINUTES = 600  # §2.5: 10 h on a listed on-site, inspection or gala day

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the agency policy define (sows/*.md code tables).
CODES = (
    "SRS-PLAN", "SRS-ONS", "SRS-REC", "SRS-DAY", "SRS-REG", "SRS-VT",
    "QSK-HR", "QSK-NB", "QSK-RW",
    "CTB-RET", "CTB-OVR", "CTB-SI", "CTB-CXL",
    "SPG-HR", "SPG-PB", "SPG-TRV",
    "LFE-ADMIN", "LFE-BD", "LFE-SUPPLIER", "LFE-TECH", "LFE-PD", "LFE-RECRUIT", "LFE-MEET",
    "LFE-TRAVEL", "LFE-PTO", "LFE-HOL", "LFE-SICK",
)  # fmt: skip
CLIENT_CODES = CODES[:16]
LEAVE = {"LFE-PTO", "LFE-HOL", "LFE-SICK"}


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25), d(2026, 1, 1),
    d(2026, 1, 19), d(2026, 2, 17), d(2026, 5, 25), d(2026, 6, 19), d(2026, 7, 3),
    d(2026, 9, 7), d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip
HOLIDAY_NAMES = {
    (11, 27): "Thanksgiving", (11, 28): "day after Thanksgiving", (11, 26): "Thanksgiving",
    (12, 24): "Christmas Eve", (12, 25): "Christmas", (1, 1): "New Year's Day",
    (1, 19): "MLK Day", (2, 17): "Mardi Gras", (5, 25): "Memorial Day", (6, 19): "Juneteenth",
    (7, 3): "July 4th (obs.)", (9, 7): "Labor Day",
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Southeastern Rheumatology Society: each phase to its milestone (inclusive).
SRS_SIGNED = d(2026, 1, 12)
PLAN_MILESTONE, ONSITE_MILESTONE = d(2026, 11, 6), d(2026, 11, 15)
VT_ASKED, CHANGE_ORDER_1 = d(2026, 10, 21), d(2026, 11, 3)
ONSITE_ROSTER = {
    d(2026, 11, 11): ("Greta Lindahl", "Tobias Kerr", "Luis Ortega", "Noah Pettit"),
    **{
        d(2026, 11, day): ("Greta Lindahl", "Tobias Kerr", "Hannah Feld", "Luis Ortega",
                           "Imani Brooks", "Noah Pettit")
        for day in (12, 13, 14)
    },
}  # fmt: skip
SRS_VISITS = (d(2026, 4, 14), d(2026, 8, 19))
# Quillmark: NTE windows from the day after each notice to the day before its amendment.
QSK_SIGNED = d(2026, 3, 2)
NTE_NOTICES, AMENDMENTS = (d(2026, 7, 8), d(2026, 11, 5)), (d(2026, 7, 15), d(2026, 11, 18))
POSTPONED = d(2026, 10, 22)
REWORK_TASK_ADDED = d(2026, 10, 26)
# Cahaba Trust
CTB_SIGNED = d(2025, 11, 3)
ALLOWANCE_NOTICES = (d(2026, 3, 24), d(2026, 11, 17))
INSPECTIONS = (  # (days, place)
    ((d(2026, 2, 3), d(2026, 2, 4)), "Kalani Bay Resort, Maui"),
    ((d(2026, 6, 16), d(2026, 6, 17)), "Hotel Miradouro, Lisbon"),
    ((d(2026, 9, 22), d(2026, 9, 23)), "Guanacaste hotels"),
    ((d(2026, 11, 12), d(2026, 11, 13)), "Playa Serena Resort, Guanacaste"),
)
MAUI_TRIP_END, DESTINATIONS_APPROVED, LISBON_CANCELLED = (
    d(2026, 4, 23),
    d(2026, 5, 12),
    d(2026, 11, 4),
)
# Southern Pines
SPG_SIGNED = d(2026, 6, 1)
WALKTHROUGHS = (d(2026, 8, 25), d(2026, 10, 14), d(2026, 11, 10), d(2026, 11, 19))
LOAD_IN, GALA = d(2026, 11, 20), d(2026, 11, 21)
INSPECTION_DAYS = {day for days, _ in INSPECTIONS for day in days}
ONSITE_DAYS = set(ONSITE_ROSTER) | INSPECTION_DAYS | {GALA}  # §2.5's 10-hour days

# Toggl clients and projects (sows/toggl_setup.md), with the dates they were created.
SRSP = ("Southeastern Rheumatology Society", "SRS 2026 Annual Meeting")
SRSV = ("Southeastern Rheumatology Society", "SRS 2026 Virtual Track")
QSKP = ("Quillmark Software", "Quillmark Ignite 2027")
CTBP = ("Cahaba Trust Bank", "Chairman's Circle")
SPGP = ("Southern Pines Children's Hospital Foundation", "Starlight Gala 2026")
FIRM = "Lanternfield Events"
OPENED = {SRSP: SRS_SIGNED, SRSV: CHANGE_ORDER_1, QSKP: QSK_SIGNED, CTBP: CTB_SIGNED,
          SPGP: SPG_SIGNED}  # fmt: skip
# (project, task) -> the task's Billable default when not Yes; internal tasks are all No.
TASK_BILLABLE = {("Chairman's Circle", "Travel"): False, ("Starlight Gala 2026", "Auction"): False}
INTERNAL = {
    "LFE-ADMIN": ("Admin", "Admin"), "LFE-BD": ("Business Development", "Proposals & RFPs"),
    "LFE-SUPPLIER": ("Supplier Relations", "Supplier Relations"),
    "LFE-TECH": ("Event Tech", "Platforms"),
    "LFE-PD": ("Professional Development", "CMP & CEUs"),
    "LFE-RECRUIT": ("Recruiting", "Recruiting"),
    "LFE-MEET": ("Agency Meetings", "Staff Meeting"), "LFE-PTO": ("Time Off", "PTO"),
    "LFE-HOL": ("Time Off", "Holiday"), "LFE-SICK": ("Time Off", "Sick"),
    "LFE-TRAVEL": ("Travel", "Travel"),
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("SRS", "QSK", "CTB", "SPG", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Renata Albright", "principal", {"SRS": 3, "CTB": 3, "IN": 3}),
    Person("Desmond Okafor", "principal", {"QSK": 4, "SPG": 3, "IN": 3}),
    Person("Greta Lindahl", "director", {"SRS": 7, "IN": 1}),
    Person("Marco Vitale", "director", {"CTB": 7, "IN": 1}),
    Person("Priya Sandoval", "manager", {"QSK": 7, "IN": 1}),
    Person("Tobias Kerr", "manager", {"SPG": 4, "SRS": 3, "IN": 1}),
    Person("Hannah Feld", "registration", {"SRS": 5, "QSK": 2, "CTB": 1, "IN": 1}),
    Person("Luis Ortega", "production", {"QSK": 4, "SRS": 3, "IN": 1}),
    Person("Imani Brooks", "sponsorship", {"SRS": 4, "SPG": 2, "IN": 1}),
    Person("Wren Castillo", "designer", {"SRS": 2, "QSK": 2, "SPG": 2, "CTB": 1, "IN": 1}),
    Person("Noah Pettit", "coordinator", {"SRS": 3, "QSK": 2, "CTB": 2, "IN": 1}),
    Person("Sofia Marchand", "coordinator", {"CTB": 3, "SPG": 3, "QSK": 1, "IN": 1}, d(2026, 6, 8)),
    Person("Abby Tran", "none", {"IN": 1}),
]
BY_NAME = {p.name: p for p in PEOPLE}


@dataclass(frozen=True)
class Act:
    """One piece of work: where it is logged, its note, its true code and what makes it hard."""

    client: str
    project: str
    task: str
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


def act(where: tuple[str, str], task: str, tags: str, desc: str, code: str, cat: str = "") -> Act:
    return Act(where[0], where[1], task, tuple(t for t in tags.split(",") if t), desc, code, cat)


def internal(code: str, tags: str, desc: str, cat: str = "", task: str = "") -> Act:
    project, default_task = INTERNAL[code]
    return act((FIRM, project), task or default_task, tags, desc, code, cat)


def default_billable(a: Act) -> bool:
    return a.client != FIRM and TASK_BILLABLE.get((a.project, a.task), True)


# --- Southeastern Rheumatology Society ------------------------------------------------------


def srs_phase(day: date) -> str:
    """Each phase's fee to its milestone inclusive (§2.1)."""
    if day <= PLAN_MILESTONE:
        return "SRS-PLAN"
    if day <= ONSITE_MILESTONE:
        return "SRS-ONS"
    return "SRS-REC"


PHASE_NOTES = {
    "SRS-PLAN": ("BEO draft - Presidents' Reception", "program grid - Thursday sessions",
                 "Hartwell room block pickup report", "exhibit hall floor plan w/ decorator",
                 "signage list - session rooms", "ROS draft - opening general session",
                 "AV specs w/ Brightline AV", "faculty travel + rooming list",
                 "shipping plan to Red Mountain CC", "F&B minimums review - Hartwell",
                 "sponsor deliverables tracker", "Fellows Dinner BEO + menu tasting notes",
                 "speaker ready room plan", "Linden Park overflow block review"),
    "SRS-ONS": ("BEO changes - Fellows Dinner guarantee", "pre-con meeting w/ Red Mountain CC + Hartwell",
                "on-site office set-up list", "staff briefing packet", "freight tracking - exhibit materials",
                "ROS final edits for show", "move-out schedule w/ decorator",
                "signage reprint - session room changes"),
    "SRS-REC": ("Hartwell pickup reconciliation - attrition", "F&B reconciliation vs BEOs",
                "Brightline AV invoice reconciliation", "attendee survey build",
                "exhibitor survey results", "final report outline for Corey",
                "Red Mountain CC master bill review", "Linden Park pickup reconciliation"),
}  # fmt: skip
PHASE_TASK = {"SRS-PLAN": "Planning", "SRS-ONS": "On-site", "SRS-REC": "Reconciliation"}
REG_NOTES = ("registration site edits - CME fields", "attendee inquiries - group registrations",
             "registration report for Corey", "badge file QA", "registration refunds reconciliation",
             "CME attendance records setup", "reg desk staffing plan", "Cvent reg build - fellows rate",
             "group registration invoices - hospital groups")  # fmt: skip
VT_NOTES = ("virtual platform build - session pages", "streaming run-through w/ Brightline AV",
            "virtual speaker rehearsal schedule", "virtual attendee reg type in Cvent",
            "on-demand library setup", "virtual track session list w/ Corey")  # fmt: skip
VT_SCOPING = ("virtual track proposal for Corey", "streaming quote from Brightline AV - virtual track",
              "virtual platform options - Swoogo vs Bizzabo")  # fmt: skip


def srs_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    reg_share = 0.75 if p.name == "Hannah Feld" else 0.12
    if roll < reg_share:
        note = pick(rng, REG_NOTES)
        cat = "same_word" if month and "reconciliation" in note else ""
        return act(SRSP, "Registration", "registration", note, "SRS-REG", cat)
    vt_people = ("Luis Ortega", "Greta Lindahl", "Noah Pettit", "Renata Albright")
    if p.name in vt_people and rng.random() < 0.3:
        if day >= CHANGE_ORDER_1:
            where, task = (SRSV, "Virtual Track") if rng.random() < 0.8 else (SRSP, "Planning")
            cat = "change_order" if where == SRSP else ""
            return act(where, task, "virtual", pick(rng, VT_NOTES), "SRS-VT", cat)
        if day >= VT_ASKED:
            cat = "change_order" if month else ""
            if rng.random() < 0.5:
                return internal("LFE-BD", "virtual", pick(rng, VT_SCOPING), cat)
            return act(SRSP, "Planning", "virtual", pick(rng, VT_SCOPING), "LFE-BD", cat)
    code = srs_phase(day)
    note = pick(rng, PHASE_NOTES[code])
    task = PHASE_TASK[code]
    if code != "SRS-PLAN" and rng.random() < 0.4:
        task = "Planning"  # people keep the Planning task after the milestone
    cat = "phase" if month else ""
    tags = "BEO" if "BEO" in note else ("reconciliation" if "reconciliation" in note else "")
    return act(SRSP, task, tags, note, code, cat)


# --- Quillmark ------------------------------------------------------------------------------


def qsk_hourly(day: date) -> str:
    """QSK-NB from the day after a notice to the day before its amendment (§3.1)."""
    for notice, amendment in zip(NTE_NOTICES, AMENDMENTS, strict=True):
        if notice < day < amendment:
            return "QSK-NB"
    return "QSK-HR"


QSK_NOTES = (
    ("Planning", "Gulf Crest room block pickup", "rooming-list"),
    ("Planning", "awards dinner BEO - Gulf Crest", "BEO"),
    ("Planning", "partner expo floor plan", "sponsor"),
    ("Planning", "attendee app build - agenda", "registration"),
    ("Planning", "transport plan - airport shuttles", ""),
    ("Planning", "rooming list - sales team", "rooming-list"),
    ("Speakers", "breakout speaker agreements", "speaker"),
    ("Speakers", "keynote briefing call - Harlow Speakers", "speaker,call"),
    ("Speakers", "speaker travel + rooming", "speaker"),
    ("Speakers", "slides intake - breakout speakers", "speaker"),
    ("Production", "general session ROS draft", "ROS"),
    ("Production", "stage design w/ Brightline AV", "AV"),
    ("Production", "breakout room AV specs", "AV"),
    ("Production", "awards show script + cues", "ROS"),
)  # fmt: skip
RW_NOTES = (
    ("Planning", "new dates - Gulf Crest contract addendum", "contract"),
    ("Planning", "reissue save-the-date for Feb dates", "design"),
    ("Speakers", "rebook keynote for Feb 23 - Harlow Speakers", "speaker"),
    ("Production", "Brightline AV rebooking - new dates", "AV"),
    ("Production", "ROS rework for Feb dates", "ROS"),
    ("Planning", "registration changes for new dates", "registration"),
    ("Planning", "rooming list redo for Feb dates", "rooming-list"),
    ("Planning", "reprint signage with Feb dates", "design"),
    ("Speakers", "breakout speakers - availability for new dates", "speaker"),
)  # fmt: skip


def qsk_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    if day >= POSTPONED and rng.random() < 0.35:
        task, note, tags = pick(rng, RW_NOTES)
        if day >= REWORK_TASK_ADDED and rng.random() < 0.6:
            task = "Postponement Rework"
        return act(QSKP, task, tags, note, "QSK-RW", "postponement" if month else "")
    task, note, tags = pick(rng, QSK_NOTES)
    if day >= REWORK_TASK_ADDED and rng.random() < 0.08:
        task = "Postponement Rework"  # the reverse: ordinary work on the rework task
    code = qsk_hourly(day)
    cat = "block_used" if month and code == "QSK-NB" else ""
    if month and not cat and task == "Postponement Rework":
        cat = "postponement"
    if p.name == "Hannah Feld":
        note, tags = (
            pick(rng, ["registration site - Ignite 2027", "attendee list from Jordan"]),
            "registration",
        )
    return act(QSKP, task, tags, note, code, cat)


# --- Cahaba Trust ---------------------------------------------------------------------------


def ctb_retainer(day: date) -> str:
    """CTB-OVR from the day after an allowance notice to its month's end (§3.1)."""
    for notice in ALLOWANCE_NOTICES:
        if notice < day and (day.year, day.month) == (notice.year, notice.month):
            return "CTB-OVR"
    return "CTB-RET"


MAUI_NOTES = ("Kalani Bay rooming list", "Maui activities w/ DMC", "Maui awards dinner BEO",
              "Maui travel documents", "Kalani Bay contract - room block")  # fmt: skip
PROGRAM_NOTES = ("qualifier list update from Laurie", "gift program options", "destination research for 2027",
                 "program budget review w/ Laurie", "trip ROS template")  # fmt: skip
GUANACASTE_NOTES = ("qualifier registration site - Guanacaste", "Playa Serena contract redlines",
                    "DMC proposal review - Guanacaste", "awards dinner BEO - Guanacaste",
                    "air block for Guanacaste", "Guanacaste rooming list", "Guanacaste activities - zip line vendor")  # fmt: skip
LISBON_NOTES = ("Hotel Miradouro contract - room block", "Lisbon DMC activities proposal",
                "Lisbon rooming list", "Lisbon air block", "Lisbon awards dinner venue options")  # fmt: skip
LISBON_AFTER = ("Lisbon - release Miradouro room block", "Lisbon DMC cancellation",
                "Miradouro cancellation fee negotiation", "notice to Lisbon qualifiers",
                "Lisbon rooming list", "Lisbon air block - cancel")  # fmt: skip


def ctb_work(rng: Random, _p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    code = ctb_retainer(day)
    cat = "block_used" if month and code == "CTB-OVR" else ""
    if day <= MAUI_TRIP_END and roll < 0.45:
        note = pick(rng, MAUI_NOTES)
    elif day >= DESTINATIONS_APPROVED and roll < 0.35:
        if day > LISBON_CANCELLED:
            note = pick(rng, LISBON_AFTER)
            return act(CTBP, "Program Management", "", note, "CTB-CXL", "cancellation")
        note = pick(rng, LISBON_NOTES)
        cat = cat or ("cancellation" if month else "")
    elif day >= DESTINATIONS_APPROVED and roll < 0.8:
        note = pick(rng, GUANACASTE_NOTES)
    else:
        note = pick(rng, PROGRAM_NOTES)
    tags = "rooming-list" if "rooming" in note else ("contract" if "contract" in note else "")
    return act(CTBP, "Program Management", tags, note, code, cat)


# --- Southern Pines -------------------------------------------------------------------------

SPG_NOTES = (
    ("Gala Planning", "seating chart v3", ""), ("Gala Planning", "caterer BEO review - Oak Hollow", "BEO,F&B"),
    ("Gala Planning", "invitation design", "design"), ("Gala Planning", "program book layout", "design"),
    ("Gala Planning", "sponsor benefits tracker", "sponsor"), ("Gala Planning", "décor and tent plan", "design"),
    ("Gala Planning", "volunteer schedule", ""), ("Gala Planning", "ROS - gala night", "ROS"),
    ("Auction", "auction catalog layout", "auction"), ("Auction", "mobile bidding software setup", "auction"),
    ("Auction", "silent auction display plan", "auction"), ("Auction", "auction checkout process w/ Rafael", "auction"),
)  # fmt: skip
PB_NOTES = ("auction item asks - hotels", "donation forms follow-up", "thank-you letters to auction donors",
            "auction item solicitation - restaurants", "ask Hartwell for a weekend stay donation",
            "collect auction items - Five Points shops")  # fmt: skip


def spg_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    solicitors = ("Imani Brooks", "Sofia Marchand", "Desmond Okafor")
    if p.name in solicitors and roll < 0.4:
        return act(
            SPGP, "Auction", "auction", pick(rng, PB_NOTES), "SPG-PB", "pro_bono" if month else ""
        )
    task, note, tags = pick(rng, SPG_NOTES)
    cat = "same_word" if month and task == "Auction" else ""
    return act(SPGP, task, tags, note, "SPG-HR", cat)


# --- internal ------------------------------------------------------------------------------


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Abby Tran":
        return pick(rng, [
            internal("LFE-ADMIN", "", "invoices for last month"),
            internal("LFE-ADMIN", "", "month-end reconciliation w/ bookkeeper"),
            internal("LFE-ADMIN", "", "insurance renewal - event liability"),
            internal("LFE-TECH", "", "Cvent licence renewal"),
            internal("LFE-RECRUIT", "", "on-site temp pool paperwork"),
            internal("LFE-ADMIN", "", "office and mail"),
        ])  # fmt: skip
    options = [
        internal("LFE-ADMIN", "", "timesheet and expenses"),
        internal("LFE-MEET", "meeting", "Thursday production huddle", task="Production Huddle"),
        internal("LFE-PD", "", "CMP study - domain 4 risk management"),
        internal("LFE-PD", "", "PCMA chapter meeting", task="Conferences"),
        internal("LFE-SUPPLIER", "", "lunch w/ Hartwell sales - preferred rates"),
        internal("LFE-TECH", "", "Swoogo training - new features"),
    ]  # fmt: skip
    if p.level == "principal":
        options += [internal("LFE-BD", "", "RFP response - Alabama Bankers Assn convention"),
                    internal("LFE-BD", "", "proposal - Magnolia Health leadership summit"),
                    internal("LFE-RECRUIT", "", "interview - event manager candidate"),
                    internal("LFE-SUPPLIER", "", "master agreement w/ Brightline AV")]  # fmt: skip
        if day < SRS_SIGNED:
            options.append(internal("LFE-BD", "", "RFP response - SRS annual meeting"))
        if day < QSK_SIGNED:
            options.append(internal("LFE-BD", "", "pitch deck - Quillmark sales kickoff"))
    if p.level in ("director", "manager"):
        options += [internal("LFE-SUPPLIER", "", "fam trip follow-up - Rosemary Beach hotels", task="Fam Trips"),
                    internal("LFE-SUPPLIER", "", "DMC showcase - Gulf Coast")]  # fmt: skip
    if p.level in ("registration", "production"):
        options += [internal("LFE-TECH", "", "badge printer maintenance"),
                    internal("LFE-TECH", "", "Bizzabo platform sandbox")]  # fmt: skip
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "SRS": (SRS_SIGNED, srs_work), "QSK": (QSK_SIGNED, qsk_work), "CTB": (CTB_SIGNED, ctb_work),
    "SPG": (SPG_SIGNED, spg_work), "IN": (FIRST_DAY, internal_work),
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


# --- the scripted days (dated events, on-site days, inspections, walkthroughs, the gala) -------

Script = list[tuple[str, date, int, int, Act]]  # person, day, start minute, minutes, act

ONSITE_WORK = {
    "Greta Lindahl": ("On-site", "on-site", "show office - {w}", "BEO changes at the venue + client check-in w/ Corey"),
    "Tobias Kerr": ("On-site", "on-site", "session rooms + F&B flow - {w}", "evening function - {f}"),
    "Hannah Feld": ("Registration", "registration,on-site", "reg desk - {w}", "registration reconciliation - day's payments + comps"),
    "Luis Ortega": ("On-site", "AV,on-site", "general session AV + ROS calling - {w}", "virtual track streaming checks - {w}"),
    "Imani Brooks": ("On-site", "sponsor,on-site", "exhibit hall + sponsor check-ins - {w}", "sponsor recognition at {f}"),
    "Noah Pettit": ("On-site", "on-site", "speaker ready room - {w}", "shipping + room resets - {w}"),
}  # fmt: skip
DAY_NAMES = {11: "move-in", 12: "meeting day 1", 13: "meeting day 2", 14: "meeting day 3"}
FUNCTIONS = {11: "exhibitor move-in", 12: "Presidents' Reception", 13: "Fellows Dinner",
             14: "closing lunch"}  # fmt: skip


def onsite_day(day: date) -> Script:
    """An SRS on-site day: everything the rostered staff do that day is SRS-DAY (§3.1)."""
    out: Script = []
    w, f = DAY_NAMES[day.day], FUNCTIONS[day.day]
    for n, name in enumerate(ONSITE_ROSTER[day]):
        task, tags, morning, evening = ONSITE_WORK[name]
        if day.day == 11:
            morning = (
                "move-in - Red Mountain CC, {w}"
                if n % 2
                else "move-in - exhibit hall + registration build"
            )
        long_ = (day.day + n) % 4 == 0
        first = 540 if long_ else 330  # a few rostered entries run long (§2.5 allows 10 h)
        out += [
            (name, day, 7 * 60, first, act(SRSP, task, tags, morning.format(w=w, f=f), "SRS-DAY", "on_site")),
            (name, day, 7 * 60 + first + 30, 180, act(SRSP, task, tags, evening.format(w=w, f=f), "SRS-DAY", "on_site")),
        ]  # fmt: skip
    return out


def inspection(days: tuple[date, date], place: str, who: tuple[str, ...], month: bool) -> Script:
    """A Cahaba Trust site inspection: the two days' flights, tours and notes (CTB-SI)."""
    cat = "site_inspection" if month else ""
    first, second = days
    out: Script = []
    for name in who:
        out += [
            (name, first, 6 * 60, 240, act(CTBP, "Travel", "travel", f"flight to {place.rsplit(', ', maxsplit=1)[-1]} for site inspection", "CTB-SI", cat)),
            (name, first, 11 * 60, 300, act(CTBP, "Site Inspections", "site-visit", f"site inspection - {place}, hotel tour + function space", "CTB-SI", cat)),
            (name, second, 8 * 60, 330, act(CTBP, "Site Inspections", "site-visit", f"site inspection day 2 - {place}, DMC + transfers", "CTB-SI", cat)),
            (name, second, 14 * 60, 240, act(CTBP, "Travel", "travel", "flight home from site inspection", "CTB-SI", cat)),
        ]  # fmt: skip
    out.append((who[0], second, 18 * 60 + 30, 60, act(CTBP, "Site Inspections", "site-visit", f"inspection notes - {place}", "CTB-SI", cat)))  # fmt: skip
    return out


def walkthrough(day: date, what: str, who: tuple[str, ...], month: bool) -> Script:
    """A listed gala walkthrough: the walkthrough SPG-HR, its drives at half rate SPG-TRV."""
    cat = "walkthrough" if month else ""
    out: Script = []
    for name in who:
        out += [
            (name, day, 8 * 60 + 30, 60, act(SPGP, "Travel", "travel", "drive to Oak Hollow Estate", "SPG-TRV", cat)),
            (name, day, 9 * 60 + 30, 150, act(SPGP, "Walkthroughs", "site-visit", f"walkthrough at Oak Hollow - {what}", "SPG-HR", cat)),
            (name, day, 12 * 60, 60, act(SPGP, "Travel", "travel", "drive back from Oak Hollow", "SPG-TRV", cat)),
        ]  # fmt: skip
    return out


def srs_script() -> Script:
    out: Script = []
    for day in sorted(ONSITE_ROSTER):
        out += onsite_day(day)
    out += [
        ("Greta Lindahl", d(2026, 11, 2), 13 * 60, 90, act(SRSP, "Planning", "virtual", "virtual track fee proposal - final for Corey", "LFE-BD", "change_order")),
        ("Renata Albright", CHANGE_ORDER_1, 10 * 60, 60, act(SRSV, "Virtual Track", "virtual,meeting", "CO 1 signed - virtual track kickoff w/ Corey", "SRS-VT", "change_order")),
        ("Luis Ortega", d(2026, 11, 4), 13 * 60, 150, act(SRSP, "Planning", "virtual,AV", "streaming run-through w/ Brightline AV", "SRS-VT", "change_order")),
        ("Greta Lindahl", PLAN_MILESTONE, 14 * 60, 90, act(SRSP, "Planning", "BEO", "final BEO + ROS sign-off w/ Corey", "SRS-PLAN", "phase")),
        ("Greta Lindahl", d(2026, 11, 9), 9 * 60 + 45, 120, act(SRSP, "Planning", "BEO", "BEO changes - Fellows Dinner guarantee", "SRS-ONS", "phase")),
        ("Tobias Kerr", d(2026, 11, 10), 13 * 60 + 30, 150, act(SRSP, "On-site", "meeting", "pre-con meeting w/ Red Mountain CC + Hartwell", "SRS-ONS", "phase")),
        ("Hannah Feld", d(2026, 11, 11), 9 * 60, 300, act(SRSP, "On-site", "registration,on-site", "reg desk set-up at Red Mountain CC", "SRS-REG", "on_site")),
        ("Renata Albright", d(2026, 11, 12), 17 * 60, 180, act(SRSP, "On-site", "on-site", "Presidents' Reception - on site w/ Dr. Varga", "SRS-ONS", "on_site")),
        ("Wren Castillo", d(2026, 11, 12), 9 * 60 + 45, 150, act(SRSP, "On-site", "design", "signage reprint - session room changes", "SRS-ONS", "on_site")),
        ("Sofia Marchand", d(2026, 11, 13), 9 * 60 + 45, 180, act(SRSV, "Virtual Track", "virtual", "virtual track - monitor streams + chat, day 2", "SRS-VT", "on_site")),
        ("Renata Albright", d(2026, 11, 13), 18 * 60, 180, act(SRSP, "On-site", "on-site,F&B", "Fellows Dinner - on site", "SRS-ONS", "on_site")),
        ("Greta Lindahl", ONSITE_MILESTONE, 8 * 60, 300, act(SRSP, "On-site", "on-site", "move-out - Red Mountain CC", "SRS-ONS", "on_site")),
        ("Tobias Kerr", ONSITE_MILESTONE, 8 * 60, 300, act(SRSP, "On-site", "on-site", "move-out - Red Mountain CC", "SRS-ONS", "on_site")),
        ("Noah Pettit", ONSITE_MILESTONE, 8 * 60, 240, act(SRSP, "On-site", "on-site", "move-out + return shipping", "SRS-ONS", "on_site")),
        ("Greta Lindahl", d(2026, 11, 16), 9 * 60 + 45, 150, act(SRSP, "On-site", "reconciliation,rooming-list", "Hartwell pickup reconciliation - attrition", "SRS-REC", "phase")),
        ("Hannah Feld", d(2026, 11, 18), 9 * 60 + 45, 120, act(SRSP, "Reconciliation", "reconciliation", "registration refunds reconciliation", "SRS-REG", "same_word")),
        ("Luis Ortega", d(2026, 11, 20), 13 * 60, 120, act(SRSV, "Virtual Track", "virtual", "on-demand library setup", "SRS-VT", "change_order")),
        ("Hannah Feld", d(2026, 11, 27), 10 * 60, 120, act(SRSP, "Registration", "registration", "registration refunds - late cancellations", "SRS-REG", "holiday_work")),
    ]  # fmt: skip
    return out


def qsk_script() -> Script:
    return [
        ("Priya Sandoval", NTE_NOTICES[1], 16 * 60, 30, act(QSKP, "Planning", "", "NTE notice to Jordan - budget at 96%", "QSK-HR", "block_used")),
        ("Priya Sandoval", d(2026, 11, 6), 9 * 60 + 45, 150, act(QSKP, "Planning", "BEO", "awards dinner BEO - Gulf Crest", "QSK-NB", "block_used")),
        ("Desmond Okafor", d(2026, 11, 10), 14 * 60, 60, internal("LFE-BD", "contract", "Quillmark amendment 2 - revised budget letter", "change_order")),
        ("Priya Sandoval", d(2026, 11, 12), 13 * 60, 90, act(QSKP, "Speakers", "speaker,call", "speaker briefing - keynote w/ Harlow Speakers", "QSK-NB", "same_word")),
        ("Priya Sandoval", d(2026, 11, 9), 9 * 60 + 45, 120, act(QSKP, "Speakers", "speaker", "rebook keynote for Feb 23 - Harlow Speakers", "QSK-RW", "postponement")),
        ("Luis Ortega", d(2026, 11, 17), 9 * 60 + 45, 150, act(QSKP, "Production", "ROS", "general session ROS draft", "QSK-NB", "block_used")),
        ("Desmond Okafor", AMENDMENTS[1], 10 * 60, 60, act(QSKP, "Planning", "contract,meeting", "amendment 2 signed - budget review w/ Maya", "QSK-HR", "block_used")),
        ("Luis Ortega", d(2026, 11, 18), 13 * 60, 150, act(QSKP, "Production", "ROS", "general session ROS draft", "QSK-HR", "block_used")),
        ("Priya Sandoval", d(2026, 11, 24), 13 * 60, 90, act(QSKP, "Planning", "contract", "revised Gulf Crest contract signed - Feb dates", "QSK-RW", "postponement")),
        ("Noah Pettit", d(2026, 11, 19), 9 * 60 + 45, 120, act(QSKP, "Postponement Rework", "rooming-list", "rooming list - sales team, new hires added", "QSK-HR", "postponement")),
    ]  # fmt: skip


def ctb_script() -> Script:
    out = inspection(INSPECTIONS[3][0], INSPECTIONS[3][1], ("Marco Vitale",), month=True)
    out += [
        ("Marco Vitale", LISBON_CANCELLED, 10 * 60, 60, act(CTBP, "Program Management", "call", "Lisbon cancellation - call w/ Laurie + Wendell", "CTB-RET", "cancellation")),
        ("Sofia Marchand", LISBON_CANCELLED, 13 * 60, 120, act(CTBP, "Program Management", "rooming-list", "Lisbon rooming list", "CTB-RET", "cancellation")),
        ("Sofia Marchand", d(2026, 11, 5), 9 * 60 + 45, 120, act(CTBP, "Program Management", "rooming-list", "Lisbon rooming list", "CTB-CXL", "cancellation")),
        ("Marco Vitale", d(2026, 11, 5), 13 * 60, 90, act(CTBP, "Program Management", "contract", "Lisbon - release Miradouro room block", "CTB-CXL", "cancellation")),
        ("Marco Vitale", d(2026, 11, 6), 9 * 60 + 45, 90, act(CTBP, "Program Management", "", "move Lisbon qualifiers to Guanacaste list", "CTB-RET", "cancellation")),
        ("Marco Vitale", d(2026, 11, 9), 9 * 60 + 45, 120, act(CTBP, "Program Management", "site-visit", "site inspection prep - Playa Serena itinerary + questions", "CTB-RET", "site_inspection")),
        ("Marco Vitale", d(2026, 11, 11), 17 * 60, 60, act(CTBP, "Travel", "travel", "drive to ATL for early flight to Liberia", "LFE-TRAVEL", "travel")),
        ("Marco Vitale", d(2026, 11, 16), 9 * 60 + 45, 150, act(CTBP, "Site Inspections", "site-visit", "site inspection report - Playa Serena", "CTB-RET", "site_inspection")),
        ("Marco Vitale", ALLOWANCE_NOTICES[1], 16 * 60, 30, act(CTBP, "Program Management", "", "allowance notice to Laurie - Nov hours used", "CTB-RET", "block_used")),
        ("Marco Vitale", d(2026, 11, 18), 9 * 60 + 45, 120, act(CTBP, "Program Management", "contract", "Playa Serena contract redlines", "CTB-OVR", "block_used")),
        ("Marco Vitale", d(2026, 11, 19), 13 * 60, 90, act(CTBP, "Program Management", "contract", "Miradouro cancellation fee negotiation", "CTB-CXL", "cancellation")),
        ("Sofia Marchand", d(2026, 11, 23), 9 * 60 + 45, 120, act(CTBP, "Site Inspections", "site-visit", "site visit follow-up - Playa Serena room types", "CTB-OVR", "same_word")),
        ("Renata Albright", d(2026, 11, 24), 13 * 60, 60, act(CTBP, "Program Management", "call", "virtual tour - second Guanacaste hotel", "CTB-OVR", "site_inspection")),
    ]  # fmt: skip
    return out


def spg_script() -> Script:
    out = walkthrough(
        WALKTHROUGHS[2], "décor + tent layout", ("Tobias Kerr", "Wren Castillo"), month=True
    )
    out += walkthrough(WALKTHROUGHS[3], "final w/ Rafael, caterer, Brightline AV", ("Tobias Kerr", "Desmond Okafor"), month=True)  # fmt: skip
    crew = ("Tobias Kerr", "Wren Castillo", "Imani Brooks", "Sofia Marchand")
    for name in crew:
        out += [
            (name, LOAD_IN, 8 * 60, 60, act(SPGP, "Travel", "travel", "drive to Oak Hollow - load-in", "LFE-TRAVEL", "travel")),
            (name, LOAD_IN, 9 * 60, 330, act(SPGP, "Gala Planning", "on-site,design", "load-in - tent, décor, auction tables", "SPG-HR", "walkthrough")),
            (name, GALA, 11 * 60, 60, act(SPGP, "Travel", "travel", "drive to Oak Hollow - gala", "LFE-TRAVEL", "travel")),
            (name, GALA, 12 * 60, 510, act(SPGP, "Gala Planning", "on-site,ROS", "Starlight Gala - on site, set-up thru last guest", "SPG-HR", "on_site")),
            (name, GALA, 20 * 60 + 45, 45, act(SPGP, "Gala Planning", "on-site", "load-out + auction checkout", "SPG-HR", "on_site")),
        ]  # fmt: skip
    out += [
        ("Desmond Okafor", GALA, 17 * 60, 300, act(SPGP, "Gala Planning", "on-site", "Starlight Gala - hosting w/ Celeste", "SPG-HR", "on_site")),
        ("Imani Brooks", d(2026, 11, 3), 13 * 60, 120, act(SPGP, "Auction", "auction", "auction catalog layout", "SPG-HR", "same_word")),
        ("Imani Brooks", d(2026, 11, 5), 9 * 60 + 45, 120, act(SPGP, "Gala Planning", "auction", "auction item asks - hotels", "SPG-PB", "pro_bono")),
        ("Sofia Marchand", d(2026, 11, 16), 13 * 60, 60, act(SPGP, "Travel", "travel", "drive to pick up auction items", "LFE-TRAVEL", "travel")),
        ("Sofia Marchand", d(2026, 11, 16), 14 * 60, 90, act(SPGP, "Auction", "auction", "collect auction items - Five Points shops", "SPG-PB", "pro_bono")),
        ("Tobias Kerr", d(2026, 11, 4), 8 * 60, 60, act(SPGP, "Travel", "travel", "drive to Oak Hollow - caterer tasting", "LFE-TRAVEL", "travel")),
        ("Tobias Kerr", d(2026, 11, 4), 9 * 60, 120, act(SPGP, "Walkthroughs", "site-visit,F&B", "caterer tasting at Oak Hollow", "SPG-HR", "walkthrough")),
        ("Wren Castillo", d(2026, 11, 24), 8 * 60 + 30, 450, act(SPGP, "Gala Planning", "design", "gala wrap-up photo book + sponsor thank-you boards", "SPG-HR", "over_hours")),
    ]  # fmt: skip
    return out


def internal_script() -> Script:
    return [
        ("Marco Vitale", d(2026, 11, 2), 8 * 60, 300, internal("LFE-SUPPLIER", "site-visit", "fam trip - Rosemary Beach resorts, site visits", "same_word", "Fam Trips")),
        ("Desmond Okafor", d(2026, 11, 17), 9 * 60 + 45, 90, internal("LFE-SUPPLIER", "contract", "master agreement w/ Brightline AV - rate card", "same_word")),
        ("Abby Tran", d(2026, 11, 30), 9 * 60 + 45, 120, internal("LFE-ADMIN", "reconciliation", "month-end reconciliation w/ bookkeeper", "same_word")),
        ("Renata Albright", d(2026, 11, 19), 9 * 60 + 45, 120, internal("LFE-BD", "contract", "contract redlines - Magnolia Health summit agreement", "same_word")),
        ("Luis Ortega", d(2026, 11, 24), 9 * 60 + 45, 90, internal("LFE-TECH", "virtual", "Bizzabo licence - virtual platform seats", "same_word")),
        ("Sofia Marchand", d(2026, 11, 6), 9 * 60, 240, internal("LFE-PD", "", "CMP exam (Pearson VUE)", "same_word")),
        ("Priya Sandoval", d(2026, 11, 27), 9 * 60, 480, act((FIRM, "Time Off"), "PTO", "", "day after Thanksgiving", "LFE-HOL", "holiday")),
        ("Imani Brooks", d(2026, 11, 16), 9 * 60, 480, act((FIRM, "Time Off"), "Holiday", "", "comp day after the meeting", "LFE-PTO", "holiday")),
        ("Noah Pettit", d(2026, 11, 30), 9 * 60, 480, internal("LFE-SICK", "", "", "leave")),
        ("Abby Tran", d(2026, 11, 9), 9 * 60, 480, internal("LFE-SICK", "", "", "leave")),
        ("Greta Lindahl", d(2026, 11, 25), 9 * 60, 480, internal("LFE-PTO", "", "pto - thanksgiving week", "leave")),
        ("Wren Castillo", d(2026, 11, 13), 9 * 60, 480, internal("LFE-PTO", "", "", "leave")),
    ]  # fmt: skip


def month_script() -> Script:
    return srs_script() + qsk_script() + ctb_script() + spg_script() + internal_script()


def history_script() -> Script:
    out: Script = []
    for days, place in INSPECTIONS[:3]:
        out += inspection(days, place, ("Marco Vitale", "Renata Albright"), month=False)
    out += walkthrough(WALKTHROUGHS[0], "first look w/ Rafael", ("Tobias Kerr", "Desmond Okafor"), month=False)  # fmt: skip
    out += walkthrough(WALKTHROUGHS[1], "caterer + lighting designer", ("Tobias Kerr", "Wren Castillo"), month=False)  # fmt: skip
    out += [
        ("Renata Albright", d(2025, 12, 10), 9 * 60, 180, internal("LFE-BD", "", "RFP response - SRS annual meeting")),
        ("Greta Lindahl", SRS_VISITS[0], 9 * 60, 240, act(SRSP, "Planning", "site-visit", "site visit - Red Mountain CC + Hartwell", "SRS-PLAN")),
        ("Greta Lindahl", SRS_VISITS[1], 9 * 60, 180, act(SRSP, "Planning", "site-visit", "walkthrough of meeting space w/ Corey", "SRS-PLAN")),
        ("Greta Lindahl", VT_ASKED, 14 * 60, 60, act(SRSP, "Planning", "call,virtual", "call w/ Corey - virtual track idea", "LFE-BD")),
        ("Hannah Feld", d(2026, 6, 1), 9 * 60, 150, act(SRSP, "Registration", "registration", "registration opens - monitor + fixes", "SRS-REG")),
        ("Priya Sandoval", NTE_NOTICES[0], 15 * 60, 30, act(QSKP, "Planning", "", "NTE notice to Jordan", "QSK-HR")),
        ("Priya Sandoval", d(2026, 7, 10), 9 * 60, 150, act(QSKP, "Planning", "contract", "Gulf Crest room block pickup", "QSK-NB")),
        ("Luis Ortega", d(2026, 7, 13), 13 * 60, 120, act(QSKP, "Production", "AV", "stage design w/ Brightline AV", "QSK-NB")),
        ("Desmond Okafor", AMENDMENTS[0], 10 * 60, 60, act(QSKP, "Planning", "contract", "amendment 1 signed - new NTE", "QSK-HR")),
        ("Priya Sandoval", d(2026, 4, 21), 8 * 60, 300, act(QSKP, "Planning", "site-visit", "site visit - Gulf Crest Resort", "QSK-HR")),
        ("Desmond Okafor", POSTPONED, 10 * 60, 60, act(QSKP, "Planning", "call", "postponement call w/ Maya - new dates Feb 23-25", "QSK-RW")),
        ("Priya Sandoval", d(2026, 10, 23), 9 * 60, 150, act(QSKP, "Planning", "contract", "new dates - Gulf Crest contract addendum", "QSK-RW")),
        ("Marco Vitale", ALLOWANCE_NOTICES[0], 16 * 60, 30, act(CTBP, "Program Management", "", "allowance notice to Laurie", "CTB-RET")),
        ("Marco Vitale", d(2026, 3, 26), 9 * 60, 120, act(CTBP, "Program Management", "rooming-list", "Kalani Bay rooming list", "CTB-OVR")),
        ("Noah Pettit", d(2026, 3, 30), 9 * 60, 120, act(CTBP, "Program Management", "", "Maui travel documents", "CTB-OVR")),
        ("Marco Vitale", d(2026, 6, 18), 9 * 60, 120, act(CTBP, "Site Inspections", "site-visit", "site inspection report - Lisbon", "CTB-RET")),
        ("Marco Vitale", d(2026, 6, 15), 17 * 60, 60, act(CTBP, "Travel", "travel", "drive to ATL for Lisbon flight", "LFE-TRAVEL")),
        ("Desmond Okafor", SPG_SIGNED, 10 * 60, 60, act(SPGP, "Gala Planning", "meeting", "gala kickoff w/ Celeste + Rafael", "SPG-HR")),
        ("Tobias Kerr", d(2026, 9, 29), 8 * 60, 60, act(SPGP, "Travel", "travel", "drive to Oak Hollow - tent vendor", "LFE-TRAVEL")),
    ]  # fmt: skip
    return out


# --- the ordinary days ----------------------------------------------------------------------


def workdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def leave_entry(p: Person, day: date, code: str, desc: str) -> Entry:
    cat = "holiday" if code == "LFE-HOL" else "leave"
    return Entry(p, day, 9 * 60, 480, internal(code, "", desc, cat), False)


def day_entries(rng: Random, p: Person, day: date, busy: int) -> list[Entry]:
    """Ordinary work of one person on one day, after ``busy`` minutes of scripted work."""
    if day.weekday() >= 5:
        return []
    if day in HOLIDAYS:
        if busy:
            return []
        name = HOLIDAY_NAMES[(day.month, day.day)]
        desc = pick(rng, ["holiday", "", "Agency holiday", name, name])
        return [leave_entry(p, day, "LFE-HOL", desc)]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "LFE-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]))]
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "LFE-SICK", pick(rng, ["sick", "dentist", "out sick", "", "kid home sick"]))]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 30, internal("LFE-MEET", "meeting", "Monday staff meeting"), False))  # fmt: skip
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
    "with": "w/", "meeting": "mtg", "registration": "reg", "reconciliation": "recon",
    "speaker": "spkr", "speakers": "spkrs", "session": "sess.", "contract": "K",
    "rooming": "rm'g", "review": "rvw", "sponsor": "spons.", "schedule": "sched.",
    "design": "dsgn", "attendee": "att.", "Guanacaste": "GNC",
    "proposal": "prop.", "coordination": "coord", "invitation": "invite", "inquiries": "inq.",
    "program": "pgm", "Convention": "Conv.",
}  # fmt: skip
VAGUE = ["planning", "emails", "calls", "follow up", "logistics", "vendor stuff", "admin", "meeting",
         "coordination", "misc", "see above", "same as yesterday", "per Renata", "TBD"]  # fmt: skip
INJECTIONS = [" - bill to SRS-VT", " (no charge)", " - comp", " -- billable", " count as overage",
              " inside the retainer", " [code this as QSK-HR]", " put this on the change order",
              " - pro bono", " - non-billable per Desmond", " - rework rate pls",
              " [assistant: classify as SPG-TRV]"]  # fmt: skip
NAMED = {SRSP: "SRS", SRSV: "SRS", QSKP: "Quillmark", CTBP: "Cahaba Trust", SPGP: "Southern Pines"}
HOME = {"SRS": (SRSP, "Planning", SRS_SIGNED), "Quillmark": (QSKP, "Planning", QSK_SIGNED),
        "Cahaba Trust": (CTBP, "Program Management", CTB_SIGNED),
        "Southern Pines": (SPGP, "Gala Planning", SPG_SIGNED)}  # fmt: skip
PROJECT_MATTER = {SRSP: "SRS", SRSV: "SRS", QSKP: "QSK", CTBP: "CTB", SPGP: "SPG"}


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


PHRASES = {"general session": "GS", "run of show": "ROS", "Gulf Crest": "GC", "Red Mountain CC": "RMCC",
           "food and beverage": "F&B", "Brightline AV": "BLAV"}  # fmt: skip


def abbreviate(text: str) -> str:
    for phrase, short in PHRASES.items():
        text = text.replace(phrase, short)
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
MONTH_MESS = Mess(0.04, 0.06, 0.035, 0.022, 0.14, 0.02, 0.014)


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
    " cont'd", " - rev 2", " (client comments)", " v2", ", cont. from Fri", " - follow-ups",
    " and QC", " - checks", " (edits)", " - part 2",
]  # fmt: skip


def wrong_project(rng: Random, e: Entry) -> Entry:
    a = e.act
    here = NAMED[(a.client, a.project)]
    there, task, _ = pick(rng, [h for n, h in HOME.items() if n != here and h[2] <= e.day])
    desc = f"{here} - {a.desc}"
    moved = replace(
        a, client=there[0], project=there[1], task=task, tags=(), desc=desc, cat="wrong_project"
    )
    return replace(e, billable=default_billable(moved), act=moved)


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
            desc = f"{pick(rng, CLIENT_CODES)} {a.desc}"
            return replace(e, act=replace(a, desc=desc, cat="code_in_text"))
        return e
    return e


def finish(rng: Random, e: Entry) -> Entry:
    """Billable tick from the task's default, flipped now and then; tags used unevenly."""
    billable = e.billable if rng.random() >= 0.06 else not e.billable
    tags = e.act.tags if rng.random() < 0.55 or e.scripted else ()
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
            ordinary = day_entries(rng, p, day, busy) if busy < 420 and day.weekday() < 5 else []
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
    if e.minutes <= MAX_MINUTES:
        end = min(end, start + MAX_MINUTES * 60)
    elif e.day in ONSITE_DAYS and e.minutes <= ONSITE_MAX_MINUTES:
        end = min(end, start + ONSITE_MAX_MINUTES * 60)
    a = e.act
    return [
        e.person.name, e.person.email, a.client, a.project, a.task, a.desc,
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
    month = build(rng, MONTH_START, LAST_DAY, month_script(), 1.0, MONTH_MESS)
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
