"""Generate the twenty-fourth demo firm's time entries: a year of approved history and one open month.

Cobbleweir Landscape Studio, PLLC (15 people, 13 logging here; a landscape architecture and urban
design studio in Louisville, Kentucky) records time in Toggl Track, with tasks, against four
clients (see README.md next to this file; the parks department's riverfront park agreement, the
university's campus landscape master plan, the developer's streetscape retainer, the watershed
council's letter, and the studio policy are in ``sows/``). This script writes, in Toggl's
"Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Every date that changes a code is one of the records of events' dates (the
constants below), never a running total. Standard library only.

    python examples/twenty_fourth_firm/generate.py [--out DIR]
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

SEED = 20261124
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.16  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 1.0  # the whole open month is exported
DOMAIN = "cobbleweir.example"
MAX_MINUTES = 330  # studio policy §2.5: 5.5 h per entry, leave exempt

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the studio policy define (sows/*.md code tables).
CODES = (
    "TPR-SD", "TPR-DD", "TPR-CD", "TPR-BID", "TPR-CA", "TPR-SV", "TPR-AS1", "TPR-AS2",
    "HCU-HR", "HCU-WS", "HCU-NB", "HCU-PAUSE",
    "HYD-RET", "HYD-OVR", "HYD-PRM", "HYD-RG",
    "GRW-HR", "GRW-PB", "GRW-TRV",
    "CWS-ADMIN", "CWS-BD", "CWS-STD", "CWS-PD", "CWS-MKT", "CWS-RECRUIT", "CWS-STUDIO",
    "CWS-TRAVEL", "CWS-PTO", "CWS-HOL", "CWS-SICK",
)  # fmt: skip
CLIENT_CODES = CODES[:19]
LEAVE = {"CWS-PTO", "CWS-HOL", "CWS-SICK"}


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


HOLIDAYS = {
    d(2025, 11, 11), d(2025, 11, 27), d(2025, 11, 28), d(2025, 12, 24), d(2025, 12, 25),
    d(2026, 1, 1), d(2026, 1, 19), d(2026, 5, 1), d(2026, 5, 25), d(2026, 7, 3), d(2026, 9, 7),
    d(2026, 11, 11), d(2026, 11, 26), d(2026, 11, 27),
}  # fmt: skip
HOLIDAY_NAMES = {
    (11, 11): "Veterans Day", (11, 27): "Thanksgiving", (11, 28): "day after Thanksgiving",
    (11, 26): "Thanksgiving", (12, 24): "Christmas Eve", (12, 25): "Christmas",
    (1, 1): "New Year's Day", (1, 19): "MLK Day", (5, 1): "Oaks Day", (5, 25): "Memorial Day",
    (7, 3): "July 4th (obs.)", (9, 7): "Labor Day",
}  # fmt: skip

# --- the documents' dates (records of events) -------------------------------------------------

# Metro Parks: each phase's approval (the last day of its fee); CA from the day after the award.
SD_APPROVED, DD_APPROVED, CD_APPROVED = d(2026, 2, 20), d(2026, 5, 22), d(2026, 8, 28)
PREBID_WALK, AWARD = d(2026, 9, 22), d(2026, 11, 5)
PHASES = (("TPR-SD", SD_APPROVED), ("TPR-DD", DD_APPROVED), ("TPR-CD", CD_APPROVED),
          ("TPR-BID", AWARD))  # fmt: skip
AS1_ASKED, AS1, AS1_CLOSED = d(2026, 3, 30), d(2026, 4, 13), d(2026, 7, 10)
KAYAK_ASKED, AS2 = d(2026, 11, 3), d(2026, 11, 16)
SITE_VISITS = (d(2026, 11, 12), d(2026, 11, 19), d(2026, 11, 30))
# Harrods Creek University
HCU_SIGNED, HCU_START = d(2026, 1, 12), d(2026, 1, 19)
WORKSHOPS = (d(2026, 2, 25), d(2026, 4, 29), d(2026, 9, 16), d(2026, 11, 18))
NTE_WINDOWS = ((d(2026, 5, 28), d(2026, 6, 14)), (d(2026, 10, 28), d(2026, 11, 12)))
NTE_NOTICES, AMENDMENTS = (d(2026, 5, 27), d(2026, 10, 27)), (d(2026, 6, 15), d(2026, 11, 13))
CREEKSIDE_ADDED = AMENDMENTS[0]
PAUSE_START, RESUMED = d(2026, 9, 21), d(2026, 11, 17)
# Hadley Yard
HYD_SIGNED = d(2025, 10, 30)
ALLOWANCE_NOTICES = (d(2026, 2, 23), d(2026, 7, 27), d(2026, 11, 19))
ROOFTOP_ASKED, CHANGE_ORDER_1 = d(2026, 10, 19), d(2026, 11, 10)
# Goose Run
GRW_SIGNED, GRW_START = d(2026, 2, 23), d(2026, 3, 2)
FIELD_DAYS = (d(2026, 4, 9), d(2026, 6, 11), d(2026, 9, 10), d(2026, 10, 15), d(2026, 11, 5),
              d(2026, 11, 19))  # fmt: skip
PLANTING_DAYS = (  # (announced, planting day, site)
    (d(2026, 3, 9), d(2026, 4, 18), "Ballard Road buffer"),
    (d(2026, 9, 14), d(2026, 10, 24), "St. Anselm bioswale"),
    (d(2026, 10, 26), d(2026, 11, 21), "Wolf Pen buffer"),
)

# Toggl clients and projects (sows/toggl_setup.md), with the dates they were created.
TPP = ("Louisville Metro Parks", "Tarrow Point Park")
TPK = ("Louisville Metro Parks", "Tarrow Point Kayak Launch")
HCUP = ("Harrods Creek University", "HCU Campus Master Plan")
HYS = ("Hadley Yard Development", "Hadley Yard Streetscape")
HYR = ("Hadley Yard Development", "Hadley Yard Rooftop Garden")
GRP = ("Goose Run Watershed Council", "Goose Run GI Program")
FIRM = "Cobbleweir Studio"
OPENED = {TPP: d(2025, 10, 27), TPK: AS2, HCUP: HCU_SIGNED, HYS: HYD_SIGNED, HYR: CHANGE_ORDER_1,
          GRP: GRW_SIGNED}  # fmt: skip
# (project, task) -> the task's Billable default when not Yes; internal tasks are all No.
TASK_BILLABLE = {("Goose Run GI Program", "Planting Days"): False}
INTERNAL = {
    "CWS-ADMIN": ("Admin", "Admin"), "CWS-BD": ("Business Development", "Proposals"),
    "CWS-STD": ("CAD/GIS Standards", "Standards"),
    "CWS-PD": ("Professional Development", "Courses & CEUs"),
    "CWS-MKT": ("Marketing", "Marketing"), "CWS-RECRUIT": ("Recruiting", "Recruiting"),
    "CWS-STUDIO": ("Studio Meetings", "Studio Meeting"), "CWS-PTO": ("Time Off", "PTO"),
    "CWS-HOL": ("Time Off", "Holiday"), "CWS-SICK": ("Time Off", "Sick"),
    "CWS-TRAVEL": ("Professional Development", "Travel"),
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("TPR", "HCU", "HYD", "GRW", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Nadia Ferrante", "principal", {"TPR": 4, "HYD": 3, "IN": 3}),
    Person("Owen Brightwater", "principal", {"HCU": 5, "GRW": 2, "IN": 3}),
    Person("Priya Castellano", "senior", {"TPR": 7, "IN": 1}),
    Person("Marcus Lindqvist", "architect", {"HCU": 6, "GRW": 2, "IN": 1}),
    Person("Tessa Whitcomb", "architect", {"HYD": 6, "TPR": 2, "IN": 1}),
    Person("Jun Nakamura", "designer", {"TPR": 5, "HCU": 3, "IN": 1}),
    Person("Elena Ruiz", "designer", {"HYD": 3, "GRW": 3, "HCU": 2, "IN": 1}),
    Person("Samir Haddad", "designer", {"TPR": 3, "HCU": 3, "IN": 1}, d(2026, 6, 8)),
    Person("Colby Reeves", "gis", {"TPR": 3, "HCU": 3, "GRW": 2, "HYD": 1, "IN": 1}),
    Person("Ines Marlow", "ecologist", {"GRW": 5, "HCU": 2, "TPR": 1, "IN": 1}),
    Person("Ray Dunmore", "ca", {"TPR": 6, "HYD": 1, "IN": 1}),
    Person("Hollis Greer", "coordinator", {"HCU": 1, "IN": 4}),
    Person("Beth Amundsen", "none", {"IN": 1}),
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


# --- Metro Parks: the phase in force on a day ---------------------------------------------------


def phase_code(day: date) -> str:
    """Each phase's fee to its approval day inclusive; CA from the day after the award (§3.1)."""
    for code, approved in PHASES:
        if day <= approved:
            return code
    return "TPR-CA"


PHASE_NOTES = {
    "TPR-SD": ("site analysis - floodplain and views", "schematic plan option B", "SD cost estimate",
               "public meeting boards - schematic plan", "Overlook concept sketches",
               "Great Lawn grading concept", "bioretention cell sizing for SD", "SD renderings - promenade",
               "existing trees survey review - Cottonwood Grove"),
    "TPR-DD": ("DD grading plan - Overlook terraces", "DD planting plan - Cottonwood Grove edge",
               "DD stormwater calcs - bioretention cells", "DD renderings for Angela", "playground layout DD",
               "DD cost estimate", "DD redlines from Dwight", "kayak launch DD layout", "promenade paving DD"),
    "TPR-CD": ("L-201 grading plan - Overlook", "L-301 planting plan - Great Lawn", "L-401 paving details",
               "L-501 bioretention details", "specs - section 32 93 00 plants", "CD redlines",
               "90% CDs review comments from Dwight", "L-101 layout plan", "L-302 planting schedule",
               "specs - site furnishings"),
    "TPR-BID": ("bid addendum - playground surfacing", "bidder question on pavers", "bid tab review",
                "recommendation of award memo", "bid set plots", "bidders' questions log",
                "addendum 3 - L-301 plant substitutions"),
    "TPR-CA": ("RFI 3 response - wall footing at Overlook", "submittal review - bioretention soil mix",
               "submittal review - plant list substitutions (river birch)", "ASI 1 - seat wall cap",
               "shop drawing review - playground equipment", "precon paperwork for Ridgeline",
               "RFI 4 response - storm structure at L-501", "submittal review - pavers", "CA log update",
               "ASI 2 - L-201 spot grades at promenade"),
}  # fmt: skip
PHASE_TASK = {"TPR-SD": "Design", "TPR-DD": "Design", "TPR-CD": "Design", "TPR-BID": "Bidding",
              "TPR-CA": "Construction Admin"}  # fmt: skip
PHASE_TAGS = {"TPR-SD": "", "TPR-DD": "grading", "TPR-CD": "redlines", "TPR-BID": "specs",
              "TPR-CA": "submittal"}  # fmt: skip
BIDS_OPENED = d(2026, 10, 15)
BID_EARLY_NOTES = ("bid set plots", "bidders' questions log", "bid addendum - playground surfacing",
                   "bidder question on pavers", "addendum 3 - L-301 plant substitutions")  # fmt: skip
RAY_EARLY_NOTES = ("constructability review - {ph} set", "cost estimate check - {ph}",
                   "spec coordination - {ph} set", "constructability - Overlook walls ({ph})")  # fmt: skip
AS1_NOTES = ("Cottonwood Grove tree preservation plan", "root-zone protection details - Cottonwood Grove",
             "arborist tree survey coordination", "tree preservation plan sheet L-105")  # fmt: skip
KAYAK_NOTES = ("kayak launch redesign - new alignment", "kayak launch grading + riprap revisions",
               "Corps permit drawings - kayak launch", "kayak launch - coordination w/ Ridgeline")  # fmt: skip
KAYAK_SCOPING = ("kayak launch redesign - scope + fee for Angela", "kayak launch - Corps permit conditions review",
                 "kayak launch redesign sketches for estimate")  # fmt: skip


def tpr_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    if (AS1 <= day <= AS1_CLOSED and roll < 0.18
            and p.name in ("Priya Castellano", "Ines Marlow", "Colby Reeves", "Jun Nakamura")):  # fmt: skip
        return act(TPP, "Additional Services", "planting", pick(rng, AS1_NOTES), "TPR-AS1")
    if AS1_ASKED <= day < AS1 and roll < 0.1:
        return internal("CWS-BD", "", "Cottonwood Grove preservation plan - fee for Angela")
    kayak_people = (
        "Priya Castellano",
        "Tessa Whitcomb",
        "Jun Nakamura",
        "Samir Haddad",
        "Nadia Ferrante",
    )
    if day >= KAYAK_ASKED and roll < 0.22 and p.name in kayak_people:
        if day < AS2:
            where = TPP if rng.random() < 0.6 else (FIRM, "Business Development")
            task = "Additional Services" if where == TPP else "Proposals"
            return act(where, task, "permit", pick(rng, KAYAK_SCOPING), "CWS-BD", "authorization")
        where = TPK if rng.random() < 0.7 else TPP
        task = "Launch Redesign" if where == TPK else "Additional Services"
        return act(
            where, task, "grading,permit", pick(rng, KAYAK_NOTES), "TPR-AS2", "authorization"
        )
    code = phase_code(day)
    task = PHASE_TASK[code]
    notes = PHASE_NOTES[code]
    if code == "TPR-BID" and day < BIDS_OPENED:
        notes = BID_EARLY_NOTES
    if p.name == "Ray Dunmore" and code in ("TPR-SD", "TPR-DD", "TPR-CD"):
        ph = {"TPR-SD": "SD", "TPR-DD": "DD", "TPR-CD": "CD"}[code]
        notes = tuple(n.format(ph=ph) for n in RAY_EARLY_NOTES)
    if month and code == "TPR-CA" and rng.random() < 0.25:
        task = pick(rng, ["Design", "Bidding"])  # the old tasks, still in use after the award
    cat = ""
    if month and (code == "TPR-BID" or day <= AWARD + timedelta(days=4)):
        cat = "phase"
    return act(TPP, task, PHASE_TAGS[code], pick(rng, notes), code, cat)


# --- Harrods Creek University ---------------------------------------------------------------------

HCU_NOTES = ("{z} district plan - walks and tree canopy", "{z} plan renderings", "{z} planting palette",
             "{z} district plan - stormwater swales", "{z} plan - circulation diagram", "{z} plan cost estimate")  # fmt: skip
CAMPUS_NOTES = ("framework plan - open space diagram", "GIS base map - drainage areas", "tree inventory data cleanup",
                "steering committee mtg w/ Gabriel", "design guidelines - paving chapter",
                "design guidelines - planting palette", "implementation plan phasing", "framework plan renderings",
                "online survey results summary")  # fmt: skip


def hcu_code(day: date, north: bool) -> str:
    """The pause wins over the NTE window (§6.1); HCU-NB from the day after a notice (§4.2)."""
    if north and PAUSE_START <= day < RESUMED:
        return "HCU-PAUSE"
    if any(a <= day <= b for a, b in NTE_WINDOWS):
        return "HCU-NB"
    return "HCU-HR"


def hcu_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    zones = ["Central Quad", "Athletics", "North Campus", "North Campus"]
    if day >= CREEKSIDE_ADDED:
        zones.append("Creekside")
    if day not in WORKSHOPS and (p.name == "Hollis Greer" or rng.random() < 0.12):
        nxt = next((n for n, w in enumerate(WORKSHOPS, start=1) if w > day), 0)
        prev = sum(1 for w in WORKSHOPS if w < day)
        notes = (
            [f"workshop {prev} summary", f"workshop {prev} comment cards - coding"] if prev else []
        )
        if nxt:
            notes += [f"workshop {nxt} boards", f"workshop {nxt} logistics - room + sign-in",
                      f"workshop {nxt} online survey set-up"]  # fmt: skip
        note = pick(rng, notes)
        code = hcu_code(day, north=False)
        cat = "workshop" if month else ""
        return act(HCUP, "Planning & Design", "workshop", note, code, cat)
    if rng.random() < 0.55:
        zone = pick(rng, zones)
        note = pick(rng, HCU_NOTES).format(z=zone)
        north = zone == "North Campus"
    else:
        note, north = pick(rng, CAMPUS_NOTES), False
    code = hcu_code(day, north)
    cat = ""
    if month:
        if north and day < RESUMED + timedelta(days=3):
            cat = "pause"
        elif code == "HCU-NB" or day < AMENDMENTS[1] + timedelta(days=4):
            cat = "block_used"
    task = "Meetings" if "mtg" in note else "Planning & Design"
    tags = "GIS" if "GIS" in note else ("renderings" if "renderings" in note else "")
    return act(HCUP, task, tags, note, code, cat)


# --- Hadley Yard ----------------------------------------------------------------------------

RET_NOTES = ("OAC meeting - streetscape", "review Baird Kessling plaza markups", "submittal review - plaza pavers",
             "plaza grading update", "leasing renderings - Hadley Plaza", "street tree plan update - Clay St",
             "planter details update", "specs - site furnishings", "Fenwick civil markups - plaza drains",
             "water runnel detail revisions", "contractor questions - soil cells")  # fmt: skip
PRM_NOTES = ("DDRO conditions response", "encroachment permit drawings - street trees",
             "MSD permit comments response - stormwater planters", "permit reviewer call - Public Works",
             "encroachment permit - paver sample for Public Works", "MSD drainage permit - planter calcs")  # fmt: skip
ROOF_NOTES = ("rooftop garden - planter layout Building B", "rooftop garden soil depths + loads w/ structural",
              "rooftop garden planting plan", "rooftop garden pergola + event lawn design",
              "rooftop garden roof drain coordination w/ Baird Kessling")  # fmt: skip
ROOF_SCOPING = ("rooftop garden concept sketches for Colette", "rooftop garden fee proposal",
                "Building B podium - load questions for rooftop garden")  # fmt: skip


def hyd_retainer_code(day: date) -> str:
    """HYD-OVR from the day after the month's allowance notice to the month's end (§3.1)."""
    for notice in ALLOWANCE_NOTICES:
        if (day.year, day.month) == (notice.year, notice.month) and day > notice:
            return "HYD-OVR"
    return "HYD-RET"


def hyd_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    if (
        day >= ROOFTOP_ASKED
        and roll < 0.25
        and p.name in ("Tessa Whitcomb", "Elena Ruiz", "Nadia Ferrante")
    ):
        cat = "change_order" if month else ""
        if day < CHANGE_ORDER_1:
            where = HYS if rng.random() < 0.5 else (FIRM, "Business Development")
            task = "Design Review" if where == HYS else "Proposals"
            return act(where, task, "", pick(rng, ROOF_SCOPING), "CWS-BD", cat)
        where = HYR if rng.random() < 0.7 else HYS
        task = "Rooftop Garden" if where == HYR else "Design Review"
        return act(where, task, "planting", pick(rng, ROOF_NOTES), "HYD-RG", cat)
    if roll > 0.75:
        return act(HYS, "Permitting", "permit", pick(rng, PRM_NOTES), "HYD-PRM")
    code = hyd_retainer_code(day)
    cat = "block_used" if month and day >= ALLOWANCE_NOTICES[-1] else ""
    note = pick(rng, RET_NOTES)
    tags = "review" if "review" in note or "markups" in note else ""
    return act(HYS, "Design Review", tags, note, code, cat)


# --- Goose Run ------------------------------------------------------------------------------

GRW_NOTES = ("GI plan - opportunity sites map", "Ballard Road ES rain garden planting plan",
             "St. Anselm bioswale grading", "Wolf Pen buffer design - bank stabilization + live stakes", "rain garden specs for Council contractors",
             "board meeting w/ Rosa - GI plan priorities", "GI plan typical details - rain garden",
             "field day photo points - data entry", "bank assessment summary - Goose Run main stem")  # fmt: skip
PB_NOTES = ("volunteer planting plan - {s} planting day", "flagging plan for volunteers - {s}",
            "plant order to nursery - {s} planting day",
            "volunteer briefing sheet - {s}")  # fmt: skip
AFTER_PB = (
    "planting day survival check - {s}",
    "replacement plant list - {s}",
    "planting day report to Kip - {s}",
)


def grw_work(rng: Random, _p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    for announced, planting, site in PLANTING_DAYS:
        if announced <= day <= planting and roll < 0.35:
            cat = "pro_bono" if month else ""
            return act(
                GRP, "Planting Days", "planting", pick(rng, PB_NOTES).format(s=site), "GRW-PB", cat
            )
        if planting < day <= planting + timedelta(days=21) and roll < 0.3:
            where_task = "Planting Days" if rng.random() < 0.5 else "Design & Planning"
            cat = "pro_bono" if month else ""
            return act(
                GRP, where_task, "planting", pick(rng, AFTER_PB).format(s=site), "GRW-HR", cat
            )
    note = pick(rng, GRW_NOTES)
    tags = "planting" if "planting" in note else ("stormwater" if "rain" in note else "")
    cat = "same_word" if month and "planting plan" in note else ""
    return act(GRP, "Design & Planning", tags, note, "GRW-HR", cat)


# --- internal ------------------------------------------------------------------------------


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Beth Amundsen":
        return pick(rng, [
            internal("CWS-ADMIN", "", "invoices for last month"),
            internal("CWS-ADMIN", "", "month-end close w/ bookkeeper"),
            internal("CWS-ADMIN", "", "insurance renewal - professional liability"),
            internal("CWS-STD", "", "Land F/X seat renewal", task="Licences"),
            internal("CWS-RECRUIT", "", "schedule designer candidate interviews"),
            internal("CWS-ADMIN", "", "office and mail"),
        ])  # fmt: skip
    if p.name == "Hollis Greer":
        return pick(rng, [
            internal("CWS-MKT", "", "website project page - Hadley Plaza"),
            internal("CWS-MKT", "", "ASLA KY awards submission - boards", task="Awards"),
            internal("CWS-MKT", "", "social media - fall planting photos"),
            internal("CWS-BD", "", "RFQ response - Shelby Park streetscape"),
            internal("CWS-BD", "", "SOQ formatting - Jeffersontown greenway"),
            internal("CWS-ADMIN", "", "timesheet and expenses"),
        ])  # fmt: skip
    options = [
        internal("CWS-ADMIN", "", "timesheet and expenses"),
        internal("CWS-STUDIO", "review", "Thursday pin-up", task="Pin-up"),
        internal("CWS-RECRUIT", "", "portfolio review - designer candidates"),
        internal("CWS-PD", "", "ASLA KY chapter meeting"),
        internal("CWS-STD", "", "CAD standards - layer template cleanup"),
        internal("CWS-STD", "", "detail library - planter details"),
    ]  # fmt: skip
    if p.level == "principal":
        options += [internal("CWS-BD", "", "proposal - Shelby Park streetscape"),
                    internal("CWS-BD", "", "interview prep - Jeffersontown greenway", task="Competitions & Interviews"),
                    internal("CWS-BD", "", "design competition entry - Portland Wharf plaza", task="Competitions & Interviews")]  # fmt: skip
        if day < HCU_SIGNED:
            options.append(internal("CWS-BD", "", "proposal - HCU campus landscape master plan"))
    if p.level in ("designer", "architect", "gis"):
        options += [internal("CWS-PD", "", "LARE study - section 3 grading", task="LARE"),
                    internal("CWS-STD", "GIS", "ArcGIS Pro licence + templates", task="Licences")]  # fmt: skip
    if p.level == "ecologist":
        options += [internal("CWS-PD", "", "native plant ID walk - CEU")]
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "TPR": (FIRST_DAY, tpr_work), "HCU": (HCU_START, hcu_work), "HYD": (FIRST_DAY, hyd_work),
    "GRW": (GRW_START, grw_work), "IN": (FIRST_DAY, internal_work),
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


# --- the scripted days (dated events, visits, workshops, field and planting days) -----------------

Script = list[tuple[str, date, int, int, Act]]  # person, day, start minute, minutes, act


def workshop_day(day: date, n: int, month: bool) -> Script:
    """An HCU community workshop: set-up, the workshop and the debrief on the day (HCU-WS)."""
    cat = "workshop" if month else ""
    out: Script = []
    for name in ("Owen Brightwater", "Marcus Lindqvist", "Elena Ruiz"):
        out += [
            (name, day, 13 * 60, 120, act(HCUP, "Workshops", "workshop", f"workshop {n} set-up - boards and stations", "HCU-WS", cat)),
            (name, day, 15 * 60 + 15, 225, act(HCUP, "Workshops", "workshop", f"workshop {n} - community workshop", "HCU-WS", cat)),
            (name, day, 19 * 60, 30, act(HCUP, "Workshops", "meeting", f"workshop {n} team debrief", "HCU-WS", cat)),
        ]  # fmt: skip
    return out


def field_day(day: date, reach: str, who: tuple[str, ...], month: bool) -> Script:
    """A Goose Run field day: the drives at half rate (GRW-TRV), the field work GRW-HR."""
    cat = "field_day" if month else ""
    out: Script = []
    for name in who:
        out += [
            (name, day, 7 * 60 + 30, 45, act(GRP, "Travel", "travel", "drive to Goose Run - " + reach, "GRW-TRV", cat)),
            (name, day, 8 * 60 + 30, 225, act(GRP, "Field Days", "field", f"field day - {reach} bank + buffer assessment", "GRW-HR", cat)),
            (name, day, 12 * 60 + 45, 150, act(GRP, "Field Days", "field", f"field day - {reach} photo points + samples", "GRW-HR", cat)),
            (name, day, 15 * 60 + 30, 45, act(GRP, "Travel", "travel", "drive back from Goose Run field day", "GRW-TRV", cat)),
        ]  # fmt: skip
    return out


def planting_day(day: date, site: str, who: tuple[str, ...], month: bool) -> Script:
    """A volunteer planting day (a Saturday): pro bono; its drives unbilled (CWS-TRAVEL)."""
    cat = "pro_bono" if month else ""
    tcat = "travel" if month else ""
    out: Script = []
    for name in who:
        out += [
            (name, day, 7 * 60, 45, act(GRP, "Travel", "travel", f"drive to {site} planting day", "CWS-TRAVEL", tcat)),
            (name, day, 8 * 60, 270, act(GRP, "Planting Days", "planting,field", f"{site} planting day - volunteer layout + planting", "GRW-PB", cat)),
            (name, day, 12 * 60 + 45, 45, act(GRP, "Travel", "travel", "drive back from planting day", "CWS-TRAVEL", tcat)),
        ]  # fmt: skip
    return out


def site_visit(day: date, n: int, what: str, who: tuple[str, ...]) -> Script:
    """A listed CA site visit (TPR-SV): the drive, the walk and the day's field notes."""
    out: Script = []
    for name in who:
        out += [
            (name, day, 8 * 60 + 30, 30, act(TPP, "Site Visits", "travel,site-visit", "drive to Tarrow Point", "TPR-SV", "site_visit")),
            (name, day, 9 * 60, 180, act(TPP, "Site Visits", "site-visit", f"site visit {n} - {what}", "TPR-SV", "site_visit")),
            (name, day, 12 * 60, 30, act(TPP, "Site Visits", "travel", "drive back from park", "TPR-SV", "site_visit")),
        ]  # fmt: skip
    notes = act(
        TPP, "Site Visits", "site-visit", f"field notes - site visit {n}", "TPR-SV", "site_visit"
    )
    out.append((who[0], day, 13 * 60 + 30, 60, notes))
    return out


def tpr_script() -> Script:
    out = site_visit(
        SITE_VISITS[0],
        1,
        "precon conference at the park",
        ("Ray Dunmore", "Priya Castellano", "Nadia Ferrante"),
    )
    out += site_visit(
        SITE_VISITS[1], 2, "clearing + erosion control", ("Ray Dunmore", "Priya Castellano")
    )
    out += site_visit(SITE_VISITS[2], 3, "mass grading at Overlook", ("Ray Dunmore",))
    out += [
        ("Ray Dunmore", d(2026, 11, 13), 9 * 60 + 45, 120, act(TPP, "Site Visits", "site-visit", "field report - site visit 1 (precon)", "TPR-CA", "site_visit")),
        ("Ray Dunmore", d(2026, 11, 20), 9 * 60 + 45, 90, act(TPP, "Construction Admin", "", "field report - site visit 2 + photos", "TPR-CA", "site_visit")),
        ("Ray Dunmore", d(2026, 11, 24), 13 * 60, 120, act(TPP, "Site Visits", "site-visit", "stopped by site - silt fence at wetland cell", "TPR-CA", "site_visit")),
        ("Priya Castellano", d(2026, 11, 3), 13 * 60, 60, act(TPP, "Additional Services", "call", "call w/ Angela - kayak launch Corps conditions", "CWS-BD", "authorization")),
        ("Nadia Ferrante", d(2026, 11, 13), 10 * 60, 60, internal("CWS-BD", "", "Authorization 2 fee letter - kayak launch", "authorization")),
        ("Nadia Ferrante", AS2, 10 * 60, 60, act(TPK, "Launch Redesign", "meeting", "Authorization 2 signed - kayak launch kickoff w/ Dwight", "TPR-AS2", "authorization")),
        ("Jun Nakamura", d(2026, 11, 17), 9 * 60 + 45, 180, act(TPK, "Launch Redesign", "permit,grading", "Corps permit drawings - kayak launch grading", "TPR-AS2", "authorization")),
        ("Priya Castellano", d(2026, 11, 4), 9 * 60 + 45, 90, act(TPP, "Bidding", "", "recommendation of award - follow-up for Dwight", "TPR-BID", "phase")),
        ("Priya Castellano", AWARD, 14 * 60, 60, act(TPP, "Bidding", "call", "contract award - call w/ Dwight + Ridgeline", "TPR-BID", "phase")),
        ("Ray Dunmore", d(2026, 11, 6), 9 * 60 + 45, 120, act(TPP, "Bidding", "", "precon agenda + submittal schedule for Ridgeline", "TPR-CA", "phase")),
        ("Ray Dunmore", d(2026, 11, 11), 10 * 60, 120, act(TPP, "Construction Admin", "RFI", "RFI 1 response - floodwall tie-in at Overlook", "TPR-CA", "holiday_work")),
        ("Jun Nakamura", d(2026, 11, 9), 13 * 60, 150, act(TPP, "Design", "redlines,ASI", "L-301 planting plan redlines for ASI 1", "TPR-CA", "same_word")),
        ("Ray Dunmore", AWARD, 15 * 60 + 15, 90, act(TPP, "Construction Admin", "submittal", "CA set-up - submittal log for Ridgeline", "TPR-BID", "phase")),
        ("Jun Nakamura", d(2026, 11, 10), 9 * 60 + 45, 150, act(TPP, "Design", "redlines", "conformed CDs - ASI 1 + addenda incorporated", "TPR-CA", "abbreviation")),
        ("Ray Dunmore", d(2026, 11, 18), 13 * 60, 90, act(TPP, "Construction Admin", "RFI", "CA: RFI 5 resp - L-401 paver pattern at promenade", "TPR-CA", "abbreviation")),
        ("Elena Ruiz", d(2026, 11, 5), 13 * 60, 120, act(HYS, "Design Review", "", "RG SD sketches - Bldg B podium", "CWS-BD", "abbreviation")),
        ("Elena Ruiz", d(2026, 11, 16), 13 * 60, 150, act(HYR, "Rooftop Garden", "planting", "RG SD plan - Bldg B podium, planters + lawn", "HYD-RG", "abbreviation")),
        ("Ines Marlow", d(2026, 11, 23), 13 * 60, 90, act(TPP, "Construction Admin", "submittal,planting", "submittal review - wetland plugs (Carex, Juncus)", "TPR-CA", "same_word")),
    ]  # fmt: skip
    return out


def hcu_script() -> Script:
    out = workshop_day(WORKSHOPS[3], 4, month=True)
    out += [
        ("Owen Brightwater", d(2026, 11, 2), 13 * 60, 60, act(HCUP, "Meetings", "call", "call w/ Gabriel - amendment 2 scope", "CWS-BD", "change_order")),
        ("Owen Brightwater", d(2026, 11, 10), 14 * 60, 90, internal("CWS-BD", "", "HCU amendment 2 - guidelines scope and fee", "change_order")),
        ("Owen Brightwater", AMENDMENTS[1], 10 * 60, 60, act(HCUP, "Meetings", "meeting", "amendment 2 signed - guidelines work plan", "HCU-HR", "change_order")),
        ("Marcus Lindqvist", d(2026, 11, 12), 13 * 60, 150, act(HCUP, "Planning & Design", "", "Central Quad district plan - walks and tree canopy", "HCU-NB", "block_used")),
        ("Marcus Lindqvist", d(2026, 11, 16), 13 * 60, 150, act(HCUP, "Planning & Design", "", "Central Quad district plan - walks and tree canopy", "HCU-HR", "block_used")),
        ("Jun Nakamura", d(2026, 11, 4), 13 * 60, 180, act(HCUP, "Workshops", "workshop", "Creekside design workshop in studio - swale options", "HCU-NB", "same_word")),
        ("Samir Haddad", d(2026, 11, 16), 9 * 60 + 45, 150, act(HCUP, "Planning & Design", "", "North Campus plan - residence hall courtyards", "HCU-PAUSE", "pause")),
        ("Owen Brightwater", RESUMED, 9 * 60 + 45, 60, act(HCUP, "Meetings", "call", "North Campus resumed - call w/ Gabriel", "HCU-HR", "pause")),
        ("Samir Haddad", RESUMED, 13 * 60, 180, act(HCUP, "Planning & Design", "", "North Campus plan - residence hall courtyards", "HCU-HR", "pause")),
        ("Marcus Lindqvist", d(2026, 11, 20), 9 * 60, 390, act(HCUP, "Planning & Design", "renderings", "Creekside district plan - plan graphics + open house comments", "HCU-HR", "over_hours")),
        ("Marcus Lindqvist", d(2026, 11, 23), 13 * 60, 120, act(HCUP, "Planning & Design", "workshop", "workshop 4 summary - comment cards", "HCU-HR", "workshop")),
        ("Colby Reeves", d(2026, 11, 6), 9 * 60 + 45, 120, act(HCUP, "Planning & Design", "GIS", "campus-wide canopy map incl. North Campus", "HCU-NB", "pause")),
    ]  # fmt: skip
    return out


def hyd_script() -> Script:
    return [
        ("Tessa Whitcomb", d(2026, 11, 19), 16 * 60, 30, act(HYS, "Design Review", "", "allowance notice to Drew - Nov hours used", "HYD-RET", "block_used")),
        ("Tessa Whitcomb", d(2026, 11, 20), 9 * 60 + 45, 120, act(HYS, "Design Review", "review", "review Baird Kessling plaza markups", "HYD-OVR", "block_used")),
        ("Elena Ruiz", d(2026, 11, 23), 13 * 60, 150, act(HYS, "Design Review", "renderings", "leasing renderings - Hadley Plaza", "HYD-OVR", "block_used")),
        ("Nadia Ferrante", d(2026, 11, 9), 14 * 60, 60, act(HYS, "Design Review", "", "rooftop garden fee proposal - final for Colette", "CWS-BD", "change_order")),
        ("Nadia Ferrante", CHANGE_ORDER_1, 15 * 60, 60, act(HYR, "Rooftop Garden", "meeting", "CO 1 signed - rooftop garden kickoff w/ Drew", "HYD-RG", "change_order")),
        ("Tessa Whitcomb", d(2026, 11, 12), 9 * 60 + 45, 150, act(HYS, "Permitting", "permit", "rooftop garden - building permit sheets", "HYD-RG", "change_order")),
        ("Tessa Whitcomb", d(2026, 11, 18), 13 * 60, 90, act(HYS, "Permitting", "permit,review", "MSD permit reviewer comments - stormwater planters", "HYD-PRM", "same_word")),
        ("Elena Ruiz", d(2026, 11, 24), 9 * 60 + 45, 120, act(HYS, "Permitting", "grading", "plaza grading revised after MSD comments", "HYD-OVR", "same_word")),
    ]  # fmt: skip


def grw_script() -> Script:
    out = field_day(FIELD_DAYS[4], "Wolf Pen buffer", ("Ines Marlow", "Elena Ruiz"), month=True)
    out += field_day(FIELD_DAYS[5], "main stem", ("Ines Marlow", "Marcus Lindqvist"), month=True)
    out += planting_day(
        PLANTING_DAYS[2][1],
        "Wolf Pen",
        ("Ines Marlow", "Owen Brightwater", "Elena Ruiz"),
        month=True,
    )
    out += [
        ("Owen Brightwater", d(2026, 11, 10), 8 * 60, 30, act(GRP, "Travel", "travel", "drive to Council office", "CWS-TRAVEL", "travel")),
        ("Owen Brightwater", d(2026, 11, 10), 8 * 60 + 30, 90, act(GRP, "Design & Planning", "meeting", "board meeting w/ Rosa - GI plan priorities", "GRW-HR", "travel")),
        ("Owen Brightwater", d(2026, 11, 10), 10 * 60, 30, act(GRP, "Travel", "travel", "drive back from Council office", "CWS-TRAVEL", "travel")),
        ("Ines Marlow", d(2026, 11, 25), 9 * 60, 30, act(GRP, "Travel", "travel", "drive to Wolf Pen - post-planting check", "CWS-TRAVEL", "travel")),
        ("Ines Marlow", d(2026, 11, 25), 9 * 60 + 30, 120, act(GRP, "Field Days", "field,planting", "Wolf Pen planting day survival check", "GRW-HR", "pro_bono")),
        ("Elena Ruiz", d(2026, 11, 20), 9 * 60 + 45, 150, act(GRP, "Planting Days", "planting", "planting plan - Wolf Pen tree planting day", "GRW-PB", "pro_bono")),
        ("Elena Ruiz", d(2026, 11, 9), 13 * 60, 150, act(GRP, "Design & Planning", "planting", "Ballard Road ES rain garden planting plan", "GRW-HR", "same_word")),
    ]  # fmt: skip
    return out


def internal_script() -> Script:
    out: Script = [
        ("Marcus Lindqvist", d(2026, 11, 6), 13 * 60, 90, internal("CWS-PD", "workshop", "CEU workshop - ASLA KY bioretention design", "same_word")),
        ("Hollis Greer", d(2026, 11, 17), 9 * 60 + 45, 150, internal("CWS-MKT", "renderings", "renderings for website - Tarrow Point Overlook", "same_word")),
        ("Colby Reeves", d(2026, 11, 24), 13 * 60, 90, internal("CWS-STD", "specs", "master spec library - section 32 91 13 soil prep", "same_word")),
        ("Jun Nakamura", d(2026, 11, 19), 15 * 60, 60, internal("CWS-STUDIO", "review", "Thursday pin-up - HCU framework review", "same_word", "Pin-up")),
        ("Samir Haddad", d(2026, 11, 12), 9 * 60, 300, internal("CWS-PD", "", "LARE section 4 exam (Prometric)", "same_word", "LARE")),
        ("Tessa Whitcomb", d(2026, 11, 11), 9 * 60, 480, act((FIRM, "Time Off"), "PTO", "", "Veterans Day", "CWS-HOL", "holiday")),
        ("Jun Nakamura", d(2026, 11, 13), 9 * 60, 480, act((FIRM, "Time Off"), "Holiday", "", "day after Veterans Day", "CWS-PTO", "holiday")),
        ("Colby Reeves", d(2026, 11, 2), 9 * 60, 480, internal("CWS-SICK", "", "", "leave")),
        ("Beth Amundsen", d(2026, 11, 30), 9 * 60, 480, internal("CWS-SICK", "", "", "leave")),
        ("Priya Castellano", d(2026, 11, 25), 9 * 60, 480, internal("CWS-PTO", "", "pto - thanksgiving week", "leave")),
        ("Hollis Greer", d(2026, 11, 20), 9 * 60, 480, internal("CWS-PTO", "", "", "leave")),
    ]  # fmt: skip
    return out


def month_script() -> Script:
    return tpr_script() + hcu_script() + hyd_script() + grw_script() + internal_script()


def history_script() -> Script:
    out: Script = []
    for n, day in enumerate(WORKSHOPS[:3], start=1):
        out += workshop_day(day, n, month=False)
    reaches = ("main stem", "Wolf Pen Branch", "upper Goose Run", "St. Anselm outfall")
    for day, reach in zip(FIELD_DAYS[:4], reaches, strict=True):
        out += field_day(day, reach, ("Ines Marlow", "Marcus Lindqvist"), month=False)
    for _, day, site in PLANTING_DAYS[:2]:
        out += planting_day(
            day,
            site.split(" ")[0] + " " + site.split(" ")[1],
            ("Ines Marlow", "Elena Ruiz"),
            month=False,
        )
    out += [
        ("Priya Castellano", d(2025, 11, 18), 9 * 60, 180, act(TPP, "Design", "site-visit", "site visit - existing conditions + views", "TPR-SD")),
        ("Nadia Ferrante", SD_APPROVED, 10 * 60, 60, act(TPP, "Design", "meeting", "SD approval mtg w/ Angela", "TPR-SD")),
        ("Priya Castellano", d(2026, 2, 23), 9 * 60, 120, act(TPP, "Design", "grading", "DD kickoff - grading strategy", "TPR-DD")),
        ("Nadia Ferrante", AS1_ASKED, 14 * 60, 60, act(TPP, "Additional Services", "call", "call w/ Angela - Cottonwood Grove preservation plan", "CWS-BD")),
        ("Priya Castellano", AS1, 9 * 60, 120, act(TPP, "Additional Services", "planting", "Cottonwood Grove tree preservation plan kickoff", "TPR-AS1")),
        ("Priya Castellano", DD_APPROVED, 13 * 60, 60, act(TPP, "Design", "meeting", "DD approval - Angela sign-off", "TPR-DD")),
        ("Jun Nakamura", d(2026, 5, 26), 9 * 60, 180, act(TPP, "Design", "grading", "L-201 grading plan - Overlook", "TPR-CD")),
        ("Jun Nakamura", d(2026, 7, 20), 9 * 60, 150, act(TPP, "Additional Services", "planting", "root-zone protection note on L-105", "TPR-CD")),
        ("Priya Castellano", CD_APPROVED, 13 * 60, 60, act(TPP, "Design", "", "100% CDs approved - bid set prep", "TPR-CD")),
        ("Ray Dunmore", PREBID_WALK, 9 * 60, 180, act(TPP, "Bidding", "site-visit", "pre-bid meeting + site walk", "TPR-BID")),
        ("Priya Castellano", d(2026, 10, 15), 14 * 60, 90, act(TPP, "Bidding", "", "bid opening - bid tab", "TPR-BID")),
        ("Owen Brightwater", NTE_NOTICES[0], 15 * 60, 30, act(HCUP, "Meetings", "", "NTE notice to Gabriel", "HCU-HR")),
        ("Marcus Lindqvist", d(2026, 5, 29), 9 * 60, 150, act(HCUP, "Planning & Design", "", "framework plan - open space diagram", "HCU-NB")),
        ("Owen Brightwater", AMENDMENTS[0], 10 * 60, 60, act(HCUP, "Meetings", "meeting", "amendment 1 signed - Creekside added", "HCU-HR")),
        ("Owen Brightwater", PAUSE_START, 10 * 60, 60, act(HCUP, "Meetings", "call", "North Campus pause - call w/ Gabriel", "HCU-PAUSE")),
        ("Owen Brightwater", NTE_NOTICES[1], 15 * 60, 30, act(HCUP, "Meetings", "", "NTE notice to Gabriel - $210k reached", "HCU-HR")),
        ("Marcus Lindqvist", d(2026, 10, 29), 9 * 60, 150, act(HCUP, "Planning & Design", "", "Athletics district plan - walks and tree canopy", "HCU-NB")),
        ("Tessa Whitcomb", ALLOWANCE_NOTICES[0], 16 * 60, 30, act(HYS, "Design Review", "", "allowance notice to Drew", "HYD-RET")),
        ("Tessa Whitcomb", d(2026, 2, 25), 9 * 60, 120, act(HYS, "Design Review", "review", "review Baird Kessling plaza markups", "HYD-OVR")),
        ("Tessa Whitcomb", ALLOWANCE_NOTICES[1], 16 * 60, 30, act(HYS, "Design Review", "", "allowance notice to Drew - July hours used", "HYD-RET")),
        ("Elena Ruiz", d(2026, 7, 29), 9 * 60, 120, act(HYS, "Design Review", "", "plaza grading update", "HYD-OVR")),
        ("Nadia Ferrante", d(2026, 3, 18), 13 * 60, 180, act(HYS, "Permitting", "permit", "DDRO hearing", "HYD-PRM")),
        ("Nadia Ferrante", ROOFTOP_ASKED, 14 * 60, 60, act(HYS, "Design Review", "call", "call w/ Colette - rooftop garden on Building B", "CWS-BD")),
        ("Samir Haddad", d(2026, 9, 24), 8 * 60, 120, act((FIRM, "Professional Development"), "Travel", "travel", "drive to ASLA conference (Nashville)", "CWS-TRAVEL")),
        ("Samir Haddad", d(2026, 9, 24), 10 * 60 + 30, 300, internal("CWS-PD", "", "ASLA conference - sessions")),
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
    cat = "holiday" if code == "CWS-HOL" else "leave"
    return Entry(p, day, 9 * 60, 480, internal(code, "", desc, cat), False)


def day_entries(rng: Random, p: Person, day: date, busy: int) -> list[Entry]:
    """Ordinary work of one person on one day, after ``busy`` minutes of scripted work."""
    if day.weekday() >= 5:
        return []
    if day in HOLIDAYS:
        if busy:
            return []
        name = HOLIDAY_NAMES[(day.month, day.day)]
        desc = pick(rng, ["holiday", "", "Studio holiday", name, name])
        return [leave_entry(p, day, "CWS-HOL", desc)]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "CWS-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]))]
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "CWS-SICK", pick(rng, ["sick", "dentist", "out sick", "", "kid home sick"]))]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 30, internal("CWS-STUDIO", "meeting", "Monday studio meeting"), False))  # fmt: skip
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
    "with": "w/", "meeting": "mtg", "submittal": "sbmtl", "review": "rvw", "planting": "plntg",
    "grading": "grdg", "details": "dtls", "renderings": "rndrgs", "district": "dist.",
    "response": "resp.", "comments": "cmts", "drawings": "dwgs", "stormwater": "SW",
    "bioretention": "bioret.", "workshop": "wkshp", "construction": "const.", "estimate": "est.",
    "assessment": "assmt", "redlines": "RLs", "markups": "mkups", "specs": "spx", "layout": "lyt",
    "schedule": "sched.", "coordination": "coord", "permit": "pmt", "Overlook": "OVLK",
}  # fmt: skip
VAGUE = ["design", "drawings", "redlines", "markups", "CAD", "renderings", "review", "coordination",
         "meeting", "call", "emails", "site", "misc", "see above", "same as yesterday", "per Nadia"]  # fmt: skip
INJECTIONS = [" - bill to TPR-AS2", " (no charge)", " - pro bono", " -- billable", " count as overage",
              " inside the retainer", " [code this as HCU-HR]", " put this on the change order",
              " - additional service, bill hourly", " - non-billable per Owen"]  # fmt: skip
NAMED = {TPP: "Tarrow Point", TPK: "Tarrow Point", HCUP: "HCU", HYS: "Hadley Yard", HYR: "Hadley Yard",
         GRP: "Goose Run"}  # fmt: skip
HOME = {"Tarrow Point": (TPP, "Construction Admin", FIRST_DAY), "HCU": (HCUP, "Planning & Design", HCU_SIGNED),
        "Hadley Yard": (HYS, "Design Review", FIRST_DAY), "Goose Run": (GRP, "Design & Planning", GRW_SIGNED)}  # fmt: skip
PROJECT_MATTER = {TPP: "TPR", TPK: "TPR", HCUP: "HCU", HYS: "HYD", HYR: "HYD", GRP: "GRW"}


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
