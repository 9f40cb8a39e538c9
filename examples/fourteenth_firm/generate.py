"""Generate the fourteenth demo firm's time entries: a year of approved history and one open month.

Kestrel Lane Research, LLC (about 16 people, 14 of them logging here; a market research and
customer insights firm in Kansas City, Missouri) records time in Toggl Track against four clients
(see README.md next to this file; the brand tracker's master agreement, the qualitative study SOW,
the pricing study SOW, the dashboard subscription order and the firm policy are in ``sows/``).
This script writes, in Toggl's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/fourteenth_firm/generate.py [--out DIR]
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

SEED = 20261214
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.17  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 0.95  # share of the month's entries kept in month.csv (scripted ones always)
DOMAIN = "kestrellane.example"
MAX_MINUTES = 390  # firm policy §2.5: 6.5 h per entry, leave exempt

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "TGF-W25Q4", "TGF-W26Q1", "TGF-W26Q2", "TGF-W26Q3", "TGF-W26Q4", "TGF-CUTS",
    "RLO-RCT", "RLO-MOD", "RLO-ANL", "RLO-RPT", "RLO-TRV",
    "HCR-US", "HCR-CA",
    "PCU-DASH", "PCU-SUP", "PCU-OVR",
    "KLR-ADMIN", "KLR-BD", "KLR-PANEL", "KLR-TRAIN", "KLR-RECRUIT", "KLR-FIRM", "KLR-TRAVEL",
    "KLR-PTO", "KLR-HOL", "KLR-SICK",
)  # fmt: skip
LEAVE = {"KLR-PTO", "KLR-HOL", "KLR-SICK"}

HOLIDAYS = {
    date(2025, 11, 27), date(2025, 11, 28), date(2025, 12, 24), date(2025, 12, 25),
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 5, 25), date(2026, 6, 19),
    date(2026, 7, 3), date(2026, 9, 7), date(2026, 11, 26), date(2026, 11, 27),
}  # fmt: skip
HOLIDAY_NAMES = {
    (11, 27): "Thanksgiving", (11, 28): "day after Thanksgiving", (11, 26): "Thanksgiving",
    (12, 24): "Christmas Eve", (12, 25): "Christmas", (1, 1): "New Year's Day",
    (1, 19): "MLK Day", (5, 25): "Memorial Day", (6, 19): "Juneteenth", (7, 3): "July 4th (obs.)",
    (9, 7): "Labor Day",
}  # fmt: skip

# --- the documents' dates ---------------------------------------------------------------------

# Tallgrass: a wave closes on its report's delivery; the next wave is coded from the day after.
WAVES = (
    (date(2025, 10, 1), date(2026, 1, 23), "TGF-W25Q4", "Q4 2025"),
    (date(2026, 1, 24), date(2026, 4, 24), "TGF-W26Q1", "Q1"),
    (date(2026, 4, 25), date(2026, 7, 24), "TGF-W26Q2", "Q2"),
    (date(2026, 7, 25), date(2026, 11, 10), "TGF-W26Q3", "Q3"),
    (date(2026, 11, 11), date(2027, 2, 5), "TGF-W26Q4", "Q4"),
)
Q3_FIELD_CLOSED = date(2026, 10, 5)
# ad-hoc cut requests by email: (request date, last day worked on, the cut's notes)
CUT_REQUESTS = (
    (date(2026, 3, 10), date(2026, 3, 27), ["ad-hoc cut: Gen Z snackers 18-27 by brand, Q4 2025 data",
                                            "Gen Z cut tables QC", "Gen Z cut - note to Dana"]),
    (date(2026, 9, 15), date(2026, 10, 2), ["club-store shoppers cut of Q2 data per Marcus Lee's email",
                                            "club store cut - tables and QC", "club-store cut summary note"]),
    (date(2026, 11, 17), date(2026, 11, 30), ["Hispanic households cut of Q3 data per Dana's 11/17 email",
                                              "Southwest region cut - Q3 tables",
                                              "Hispanic HH + Southwest cuts QC and send"]),
)  # fmt: skip
MODULE_QUOTE = date(2026, 10, 21)
MODULE_AMENDMENT = date(2026, 11, 19)
# Ridgeline
RLO_START = date(2026, 9, 14)
RLO_PHASES = (  # phase in progress on the day (SOW §2.5)
    (date(2026, 10, 19), "RLO-RCT"), (date(2026, 11, 13), "RLO-MOD"),
    (date(2026, 11, 20), "RLO-ANL"), (date(2027, 12, 31), "RLO-RPT"),
)  # fmt: skip
# Halvorsen
HCR_START = date(2026, 7, 6)
CANADA_ASKED = date(2026, 10, 8)
CHANGE_ORDER_1 = date(2026, 11, 12)
CANADA_PROJECT = date(2026, 11, 13)
HCR_READOUT = date(2026, 11, 6)
# Pinecrest: support is PCU-OVR from the day after the allowance-used email to month end
OVERAGE_FROM = {(2026, 2): 20, (2026, 6): 24, (2026, 9): 25, (2026, 11): 17}
BRANCH_STUDY_ASKED = date(2026, 10, 26)

# Toggl clients and projects (sows/toggl_setup.md).
TGFT = ("Tallgrass Foods", "Tallgrass Brand Tracker")
TGFC = ("Tallgrass Foods", "Tallgrass Ad-hoc Cuts")
RLOQ = ("Ridgeline Outdoor", "Ridgeline Trail Qual")
HCRP = ("Halvorsen Coffee", "Halvorsen Pricing Study")
HCRC = ("Halvorsen Coffee", "Halvorsen Canada")
PCUD = ("Pinecrest Credit Union", "Pinecrest Member Pulse")
PCUS = ("Pinecrest Credit Union", "Pinecrest Support")
FIRM = "Kestrel Lane"
INTERNAL = {
    "KLR-ADMIN": "Admin", "KLR-BD": "Business Development", "KLR-PANEL": "Panel & Tools",
    "KLR-TRAIN": "Training", "KLR-RECRUIT": "Recruiting", "KLR-FIRM": "Firm Meetings",
    "KLR-PTO": "Time Off", "KLR-HOL": "Time Off", "KLR-SICK": "Time Off",
}  # fmt: skip
NOT_BILLABLE = {PCUD, PCUS}  # client projects whose Billable box defaults to No (subscription)


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("TGF", "RLO", "HCR", "PCU", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Maren Ostby", "principal", {"TGF": 5, "PCU": 1, "IN": 3}),
    Person("Desmond Achebe", "principal", {"RLO": 7, "TGF": 1, "IN": 3}),
    Person("Lucia Ferrante", "director", {"HCR": 7, "TGF": 1, "IN": 2}),
    Person("Owen Kaczmarek", "director", {"PCU": 6, "IN": 2}),
    Person("Hana Sato", "senior", {"TGF": 7, "IN": 1}),
    Person("Tessa Boyle", "senior", {"RLO": 6, "PCU": 1, "TGF": 1, "IN": 1}),
    Person("Ravi Menon", "senior", {"HCR": 6, "TGF": 2, "IN": 1}),
    Person("Jamal Whitfield", "analyst", {"TGF": 4, "PCU": 3, "IN": 1}),
    Person("Camila Duarte", "analyst", {"HCR": 5, "TGF": 2, "IN": 1}),
    Person("Noah Lindqvist", "analyst", {"TGF": 3, "HCR": 2, "PCU": 2, "RLO": 1, "IN": 1}),
    Person("Abby Reinholt", "analyst", {"TGF": 5, "PCU": 2, "HCR": 1, "IN": 1}),
    Person("Sofia Marchetti", "analyst", {"RLO": 4, "PCU": 3, "IN": 1}, date(2026, 8, 3)),
    Person("Theo Galvan", "none", {"IN": 1}),
    Person("Wren Holloway", "none", {"IN": 1}),
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


# --- Tallgrass Foods: the brand tracker ---------------------------------------------------------

TGF_QUESTIONNAIRE = [
    "{q} questionnaire refresh - rotating brand image items",
    "{q} questionnaire - add new Prairie Crisp ad to recall section",
    "{q} questionnaire changes to Dana for sign-off",
    "brand list update for {q} wave (new competitor SKU)",
]
TGF_PROGRAMMING = [
    "{q} survey programming - ad recall module",
    "{q} survey test links and checklist",
    "data map for {q} wave",
    "program {q} changes, quota set-up",
]
TGF_FIELD = [
    "{q} soft launch data check",
    "{q} field report to Marcus Lee",
    "{q} quota monitoring, partner panel sample order",
    "{q} data cleaning - speeders and straightliners",
    "fraud checks on {q} completes",
]
TGF_TABS = [
    "{q} weighting to census targets",
    "{q} tabs - standard banner cuts (region, age, income)",
    "{q} banner tables QC",
    "trend tables {q} vs prior waves",
]
TGF_REPORT = [
    "{q} report - brand funnel charts",
    "{q} wave report draft - ad recall section",
    "{q} report exec summary",
    "{q} dashboard update",
    "{q} report QC and edits",
]
TGF_AFTER = [  # tracker work about the delivered wave, after its report: the next wave's (§3.2)
    "{p} report - chart fix for Marcus Lee",
    "{p} report questions from Dana - follow-up",
    "re-send {p} tables w/ corrected base sizes",
]
TGF_CALLS = ["weekly tracker status call w/ Dana Whitcomb", "tracker call w/ Marcus Lee"]


def wave(day: date) -> tuple[str, str, float]:
    """The wave open on ``day``: its code, its people's label, the share of its time gone."""
    for first, close, code, label in WAVES:
        if day <= close:
            return code, label, (day - first).days / max(1, (close - first).days)
    raise ValueError(day)


def previous_label(code: str) -> str:
    codes = [w[2] for w in WAVES]
    return WAVES[codes.index(code) - 1][3]


def tgf_stage(day: date, share: float) -> tuple[str, list[str]]:
    if day > date(2026, 7, 24) and day <= date(2026, 11, 10):  # the long Q3 wave
        share = 0.1 if day < date(2026, 8, 24) else 0.4 if day <= Q3_FIELD_CLOSED else 0.8
        if date(2026, 10, 14) <= day and share > 0.6:
            return "report", TGF_REPORT
    if share < 0.18:
        return "questionnaire", TGF_QUESTIONNAIRE
    if share < 0.32:
        return "programming", TGF_PROGRAMMING
    if share < 0.55:
        return "field", TGF_FIELD
    if share < 0.75:
        return "tabs", TGF_TABS
    return "report", TGF_REPORT


def tgf_work(rng: Random, _p: Person, day: date) -> Act:
    code, label, share = wave(day)
    for asked, last, notes in CUT_REQUESTS:
        if asked <= day <= last and rng.random() < 0.35:
            where = TGFC if rng.random() < 0.8 else TGFT
            cat = "cuts" if day >= MONTH_START else ""
            return act(where, "cuts", pick(rng, notes), "TGF-CUTS", cat)
    roll = rng.random()
    new_wave = day >= MONTH_START and code == "TGF-W26Q4"
    if roll < 0.14:
        return act(TGFT, "call", pick(rng, TGF_CALLS), code, "wave_boundary" if new_wave else "")
    if share < 0.12 and code != "TGF-W25Q4" and roll < 0.45:
        prev = previous_label(code)
        return act(TGFT, "report", pick(rng, TGF_AFTER).format(p=prev), code,
                   "wave_boundary" if day >= MONTH_START else "")  # fmt: skip
    if code == "TGF-W26Q4" and day >= MODULE_AMENDMENT and roll < 0.3:
        desc = pick(rng, ["plant-based module - questions draft for Q4", "plant-based module programming spec",
                          "Q4 plant-based snacking module - answer lists"])  # fmt: skip
        return act(TGFT, "questionnaire", desc, code, "change_order")
    tag, notes = tgf_stage(day, share)
    cat = "wave_boundary" if code == "TGF-W26Q4" else ""
    return act(TGFT, tag, pick(rng, notes).format(q=label), code, cat)


# --- Ridgeline Outdoor: the qualitative study ------------------------------------------------

RLO_RCT = [
    "recruit screener draft - trail runners vs day hikers",
    "screener programming for online pre-screen",
    "recruit status grid update, Atlanta and SLC",
    "Kestrel Voices sample pull for Ridgeline pre-screen",
    "facility briefing - recruit specs",
    "re-screen calls, confirmed respondents list",
]
RLO_RCT_LATE = [
    "recruit replacement for no-show, Phoenix group 6",
    "re-screen online IDI replacements",
]
RLO_MOD = [
    "discussion guide draft v2",
    "concept boards stimulus set-up",
    "online IDI moderation",
    "field notes from IDIs",
    "guide edits after Priscilla's comments",
]
RLO_ANL = [
    "transcript review and coding, groups 1-4",
    "transcript coding - IDIs",
    "post-field debrief memo",
    "video highlight clips - concept reactions",
    "analysis framework and key themes",
]
RLO_RPT = [
    "topline email draft for Evan Cole",
    "readout deck - concept A/B/C findings",
    "readout deck storyline",
    "written report draft - purchase journey section",
]


def rlo_phase(day: date) -> str:
    for last, code in RLO_PHASES:
        if day <= last:
            return code
    raise ValueError(day)


def rlo_work(rng: Random, _p: Person, day: date) -> Act:
    phase = rlo_phase(day)
    roll = rng.random()
    if roll < 0.15:
        cat = "phase_date" if day >= MONTH_START else ""
        return act(RLOQ, "call", "weekly status call w/ Evan Cole", phase, cat)
    if phase == "RLO-RCT":
        if roll < 0.35:
            return act(RLOQ, "questionnaire", pick(rng, RLO_MOD[:2]), "RLO-MOD")
        return act(RLOQ, "recruit,screener", pick(rng, RLO_RCT), "RLO-RCT")
    if phase == "RLO-MOD":
        if roll < 0.3:
            return act(RLOQ, "recruit", pick(rng, RLO_RCT_LATE), "RLO-RCT")
        if roll < 0.45 and day >= date(2026, 11, 2):
            return act(RLOQ, "analysis", pick(rng, RLO_ANL[:2]), "RLO-ANL")
        return act(RLOQ, "IDI", pick(rng, RLO_MOD[2:]), "RLO-MOD")
    if phase == "RLO-ANL":
        if roll < 0.3:
            return act(RLOQ, "readout", RLO_RPT[0], "RLO-RPT")
        return act(RLOQ, "analysis", pick(rng, RLO_ANL), "RLO-ANL")
    if roll < 0.35:
        return act(RLOQ, "analysis", pick(rng, RLO_ANL[3:]), "RLO-ANL")
    return act(RLOQ, "readout,report", pick(rng, RLO_RPT[1:]), "RLO-RPT")


# --- Halvorsen Coffee: the pricing study -------------------------------------------------------

HCR_DESIGN = [
    "conjoint attributes and levels - pack size, roast",
    "conjoint design test, prohibitions",
    "MaxDiff claims list, 18 items",
    "questionnaire draft - coffee buying screener",
]
HCR_FIELD = [
    "survey programming - conjoint tasks",
    "test links and data check, conjoint",
    "field report to Arjun Patel",
    "data cleaning - conjoint speeders",
]
HCR_ANALYSIS = [
    "HB estimation of utilities",
    "MaxDiff scores and TURF",
    "simulator build - price ladder tab",
    "tabs of non-conjoint questions",
    "pricing report draft - price elasticity charts",
]
HCR_AFTER = [
    "simulator revisions after readout",
    "pricing report edits from Arjun",
    "simulator training prep, session 1",
    "simulator questions from Arjun Patel",
]
HCR_CANADA = [
    "Canada conjoint - CAD price levels",
    "French translation check, Canada questionnaire",
    "Canada retailer list for conjoint",
    "Canada programming spec",
    "Canada sample plan, 800 completes",
]


def hcr_work(rng: Random, _p: Person, day: date) -> Act:
    roll = rng.random()
    if day >= CHANGE_ORDER_1 and roll < 0.4:
        where = HCRC if day >= CANADA_PROJECT and rng.random() < 0.8 else HCRP
        return act(where, "Canada", pick(rng, HCR_CANADA), "HCR-CA", "change_order")
    if roll < 0.12:
        return act(HCRP, "call", "pricing study status call w/ Arjun Patel", "HCR-US")
    if day < date(2026, 8, 14):
        desc, tag = pick(rng, HCR_DESIGN), "conjoint"
    elif day <= date(2026, 9, 30):
        desc, tag = pick(rng, HCR_FIELD), "field"
    elif day <= HCR_READOUT:
        desc, tag = pick(rng, HCR_ANALYSIS), "conjoint"
    else:
        desc, tag = pick(rng, HCR_AFTER), "simulator"
    return act(HCRP, tag, desc, "HCR-US")


# --- Pinecrest Credit Union: the dashboard subscription --------------------------------------

PCU_DASH = [
    "Member Pulse sample file from core system",
    "Member Pulse invitations and reminders",
    "Member Pulse monthly tabs",
    "dashboard refresh - NPS by branch",
    "verbatim coding to themes, Member Pulse",
    "member community panel invitations",
    "member panel hygiene - bounces and opt-outs",
]
PCU_SUPPORT = [
    "Ben Hartsell q re NPS trend by branch",
    "export of branch comments for Ben",
    "new filter on dashboard per Ben (product holders)",
    "support call w/ Ben Hartsell",
    "ad-hoc cut for Lorraine's board meeting - app users",
    "question wording consult for Ben",
]


def support_code(day: date) -> tuple[str, str]:
    first = OVERAGE_FROM.get((day.year, day.month))
    if first is not None and day.day >= first:
        return "PCU-OVR", "overage" if day >= MONTH_START else ""
    return "PCU-SUP", "overage" if day >= MONTH_START and day.day >= 12 else ""


def pcu_work(rng: Random, _p: Person, day: date) -> Act:
    if rng.random() < 0.55:
        return act(PCUD, "dashboard", pick(rng, PCU_DASH), "PCU-DASH")
    code, cat = support_code(day)
    where = PCUS if rng.random() < 0.85 else PCUD
    return act(where, "support", pick(rng, PCU_SUPPORT), code, cat)


# --- internal ------------------------------------------------------------------------------


def principal_bd(p: Person, day: date) -> list[Act]:
    """Proposals and scoping while the work they are for is not signed."""
    out = [internal("KLR-BD", "", "Field Notes newsletter - tracker fatigue article")]
    mine = {
        "Maren Ostby": [(FIRST_DAY, LAST_DAY, "proposal - regional grocer shopper study"),
                        (MODULE_QUOTE, MODULE_AMENDMENT, "Tallgrass plant-based module - quote and draft questions")],
        "Desmond Achebe": [(date(2026, 7, 20), RLO_START, "proposal - Ridgeline trail footwear qual"),
                           (FIRST_DAY, LAST_DAY, "QRCA talk prep - online IDIs")],
        "Lucia Ferrante": [(date(2026, 5, 18), HCR_START, "proposal - Halvorsen pricing study"),
                           (CANADA_ASKED, CHANGE_ORDER_1, "Halvorsen Canada change order - scope and fee")],
        "Owen Kaczmarek": [(BRANCH_STUDY_ASKED, LAST_DAY, "Pinecrest branch design study - proposal outline")],
    }  # fmt: skip
    for first, before, note in mine.get(p.name, []):
        if first <= day < before:
            out.append(internal("KLR-BD", "", note))
    return out


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Theo Galvan":
        return pick(rng, [
            internal("KLR-ADMIN", "", "invoices for last month"),
            internal("KLR-ADMIN", "incentives", "incentive payments reconciliation"),
            internal("KLR-ADMIN", "", "month-end close"),
            internal("KLR-PANEL", "", "survey platform licence renewal"),
        ])  # fmt: skip
    if p.name == "Wren Holloway":
        return pick(rng, [
            internal("KLR-PANEL", "panel", "Kestrel Voices panel - new member welcome survey"),
            internal("KLR-PANEL", "panel", "Kestrel Voices rewards redemptions"),
            internal("KLR-RECRUIT", "", "schedule analyst interviews"),
            internal("KLR-ADMIN", "incentives", "gift card incentive orders"),
            internal("KLR-ADMIN", "", "office and mail"),
        ])  # fmt: skip
    options = [
        internal("KLR-ADMIN", "", "timesheet and expenses"),
        internal("KLR-FIRM", "meeting", "quant practice meeting" if p.weights.get("HCR") else "practice meeting"),
        internal("KLR-RECRUIT", "", "interview research analyst candidate"),
        internal("KLR-TRAIN", "", "Insights Association webinar - AI in survey research"),
        internal("KLR-PANEL", "panel", "Kestrel Voices panel hygiene - duplicate check"),
    ]  # fmt: skip
    if p.level == "principal" or p.level == "director":
        options += principal_bd(p, day)
    if p.weights.get("RLO"):
        options.append(internal("KLR-TRAIN", "", "QRCA webinar - moderating online groups"))
    if p.weights.get("HCR"):
        options.append(internal("KLR-TRAIN", "", "Sawtooth-style HB estimation course module"))
    if p.level == "analyst":
        options.append(internal("KLR-PANEL", "", "tab software template update"))
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "TGF": (FIRST_DAY, tgf_work), "RLO": (RLO_START, rlo_work), "HCR": (HCR_START, hcr_work),
    "PCU": (FIRST_DAY, pcu_work), "IN": (FIRST_DAY, internal_work),
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


def tgf_script() -> Script:
    q3, q4, cuts, bd = "TGF-W26Q3", "TGF-W26Q4", "TGF-CUTS", "KLR-BD"
    return [
        ("Abby Reinholt", date(2026, 11, 4), 9 * 60, 120,
         act(TGFC, "tabs,cuts", "tabs - standard region cuts, Q3 final run", q3, "same_word")),
        ("Hana Sato", date(2026, 11, 9), 13 * 60, 180,
         act(TGFT, "report", "Q3 report final QC before delivery", q3)),
        ("Maren Ostby", date(2026, 11, 10), 10 * 60, 60,
         act(TGFT, "report,call", "Q3 wave readout call w/ Dana and Marcus", q3)),
        ("Hana Sato", date(2026, 11, 10), 13 * 60, 120,
         act(TGFT, "report", "Q3 report delivered - final PDF and dashboard push", q3)),
        ("Hana Sato", date(2026, 11, 11), 9 * 60, 90,
         act(TGFT, "report", "Q3 report - fix base size on slide 14 for Marcus", q4, "wave_boundary")),
        ("Abby Reinholt", date(2026, 11, 12), 10 * 60, 120,
         act(TGFT, "tabs", "Q3 tables re-run w/ corrected weights", q4, "wave_boundary")),
        ("Maren Ostby", date(2026, 11, 13), 14 * 60, 60,
         act(TGFT, "questionnaire", "plant-based module - revised quote for Dana", bd, "change_order")),
        ("Hana Sato", date(2026, 11, 16), 9 * 60, 120,
         act(TGFT, "questionnaire", "plant-based module draft questions v2", bd, "change_order")),
        ("Jamal Whitfield", date(2026, 11, 17), 13 * 60, 120,
         act(TGFC, "cuts", "Hispanic households cut - spec from Dana's email", cuts, "cuts")),
        ("Abby Reinholt", date(2026, 11, 18), 9 * 60, 150,
         act(TGFT, "tabs", "tabs - extra cuts Southwest region", cuts, "cuts")),
        ("Hana Sato", date(2026, 11, 19), 13 * 60, 120,
         act(TGFT, "questionnaire", "plant-based module questions - final after amendment", q4, "change_order")),
        ("Noah Lindqvist", date(2026, 11, 23), 9 * 60, 180,
         act(TGFT, "programming", "Q4 programming - plant-based module", q4, "change_order")),
        ("Maren Ostby", date(2026, 11, 20), 13 * 60, 120,
         act(TGFT, "report", "conference talk slides - what 5 years of tracker data taught us", bd, "same_word")),
    ]  # fmt: skip


def rlo_script() -> Script:
    trv, mod, unb = "RLO-TRV", "RLO-MOD", "KLR-TRAVEL"
    out: Script = [
        ("Sofia Marchetti", date(2026, 11, 2), 9 * 60, 90,
         act(RLOQ, "recruit", "recruit grid Phoenix groups - final confirms", "RLO-RCT", "same_word")),
        ("Sofia Marchetti", date(2026, 11, 6), 10 * 60, 60,
         act(RLOQ, "incentives", "incentives - Phoenix respondents gift cards", "KLR-ADMIN", "same_word")),
        ("Wren Holloway", date(2026, 11, 9), 10 * 60, 60,
         internal("KLR-RECRUIT", "", "recruit - research associate job post", "same_word")),
        ("Tessa Boyle", date(2026, 11, 12), 14 * 60, 60,
         act(RLOQ, "incentives", "incentive reconciliation Boulder groups", "KLR-ADMIN", "same_word")),
        ("Desmond Achebe", date(2026, 11, 20), 10 * 60, 90,
         act(RLOQ, "readout", "topline email to Evan Cole", "RLO-RPT")),
        ("Desmond Achebe", date(2026, 11, 23), 6 * 60 + 30, 150,
         act(RLOQ, "travel", "travel KC to Boulder", unb, "travel")),
        ("Desmond Achebe", date(2026, 11, 23), 10 * 60, 180,
         act(RLOQ, "readout,meeting", "readout prep session w/ Evan Cole at Ridgeline", "RLO-RPT")),
        ("Desmond Achebe", date(2026, 11, 23), 14 * 60, 150,
         act(RLOQ, "travel", "travel Boulder to KC", unb, "travel")),
    ]  # fmt: skip
    for who in ("Desmond Achebe", "Tessa Boyle", "Sofia Marchetti"):
        groups = 420 if who == "Desmond Achebe" else 300
        out += [
            (who, date(2026, 11, 4), 7 * 60, 210,
             act(RLOQ, "travel", "travel Kansas City to Phoenix", trv, "travel")),
            (who, date(2026, 11, 4), 11 * 60, groups,
             act(RLOQ, "groups", "focus groups 5-6 Phoenix + back-room debrief", mod,
                 "over_hours" if groups > MAX_MINUTES else "")),
            (who, date(2026, 11, 5), 8 * 60, 240,
             act(RLOQ, "IDI", "IDIs 9-12 Phoenix", mod)),
            (who, date(2026, 11, 5), 13 * 60, 210,
             act(RLOQ, "travel", "travel Phoenix to KC", trv, "travel")),
        ]  # fmt: skip
    for who in ("Desmond Achebe", "Sofia Marchetti"):
        code = trv if who == "Desmond Achebe" else unb
        out += [
            (who, date(2026, 11, 10), 7 * 60, 150,
             act(RLOQ, "travel", "travel KC to Boulder for groups 7-8", code, "travel")),
            (who, date(2026, 11, 10), 12 * 60, 300,
             act(RLOQ, "groups", "focus groups 7-8 at Ridgeline offices", mod)),
            (who, date(2026, 11, 10), 17 * 60 + 30, 150,
             act(RLOQ, "travel", "travel Boulder to KC", code, "travel")),
        ]  # fmt: skip
    return out


def hcr_script() -> Script:
    us, ca, bd = "HCR-US", "HCR-CA", "KLR-BD"
    out: Script = [
        ("Lucia Ferrante", date(2026, 11, 3), 14 * 60, 60,
         act(HCRP, "call,Canada", "Canada quote follow-up call w/ Gretchen", bd, "change_order")),
        ("Ravi Menon", date(2026, 11, 9), 9 * 60, 150,
         act(HCRP, "Canada", "Canada price grid v2 (CAD) for the quote", bd, "change_order")),
        ("Camila Duarte", date(2026, 11, 10), 13 * 60, 60,
         internal("KLR-BD", "Canada", "Canada French translation vendor quote", "change_order")),
        ("Lucia Ferrante", CHANGE_ORDER_1, 14 * 60, 90,
         act(HCRP, "Canada", "CO1 signed - Canada kick-off plan", ca, "change_order")),
        ("Ravi Menon", date(2026, 11, 16), 9 * 60, 180,
         act(HCRP, "simulator", "simulator - add Canada tab", ca, "change_order")),
        ("Ravi Menon", date(2026, 11, 18), 10 * 60, 120,
         act(HCRP, "simulator,meeting", "simulator training session 1 w/ Halvorsen pricing team", us, "same_word")),
        ("Camila Duarte", date(2026, 11, 27), 10 * 60, 120,
         act(HCRC, "Canada", "French translation check - Canada screener", ca, "holiday_work")),
    ]  # fmt: skip
    for who in ("Lucia Ferrante", "Ravi Menon"):
        out.append((who, HCR_READOUT, 10 * 60, 120,
                    act(HCRP, "report,meeting", "US pricing readout to Gretchen and Arjun", us)))  # fmt: skip
    return out


def pcu_script() -> Script:
    return [
        ("Owen Kaczmarek", date(2026, 11, 16), 10 * 60, 90,
         act(PCUS, "support,call", "support call w/ Ben Hartsell - board deck numbers", "PCU-SUP", "overage")),
        ("Jamal Whitfield", date(2026, 11, 17), 9 * 60, 60,
         act(PCUS, "support", "Ben q - NPS trend by branch, Q3 vs Q2", "PCU-OVR", "overage")),
        ("Jamal Whitfield", date(2026, 11, 18), 13 * 60, 150,
         act(PCUD, "dashboard", "dashboard refresh - November", "PCU-DASH", "same_word")),
        ("Sofia Marchetti", date(2026, 11, 19), 9 * 60, 90,
         act(PCUD, "panel", "member community panel profile survey", "PCU-DASH", "same_word")),
        ("Wren Holloway", date(2026, 11, 19), 13 * 60, 90,
         internal("KLR-PANEL", "panel", "Kestrel Voices panel profile survey refresh", "same_word")),
        ("Owen Kaczmarek", date(2026, 11, 24), 14 * 60, 90,
         act(PCUS, "", "branch design study proposal outline for Lorraine", "KLR-BD", "estimate")),
        ("Noah Lindqvist", date(2026, 11, 27), 11 * 60, 60,
         act(PCUD, "dashboard", "Member Pulse invitations resend, holiday batch", "PCU-DASH", "holiday_work")),
        ("Jamal Whitfield", date(2026, 11, 30), 10 * 60, 60,
         act(PCUS, "support", "export of branch comments for Ben - Northland branch", "PCU-OVR", "overage")),
    ]  # fmt: skip


def month_script() -> Script:
    return tgf_script() + rlo_script() + hcr_script() + pcu_script()


def history_script() -> Script:
    out: Script = []
    for day, label in ((date(2026, 1, 23), "Q4 2025"), (date(2026, 4, 24), "Q1"),
                       (date(2026, 7, 24), "Q2")):  # fmt: skip
        code = wave(day)[0]
        out.append(("Hana Sato", day, 13 * 60, 120,
                    act(TGFT, "report", f"{label} report delivered - final PDF and dashboard push", code)))  # fmt: skip
        nxt = wave(day + timedelta(days=3))[0]
        out.append(("Hana Sato", day + timedelta(days=3), 9 * 60, 90,
                    act(TGFT, "report", f"{label} report - chart fix for Marcus Lee", nxt)))  # fmt: skip
    for who in ("Desmond Achebe", "Tessa Boyle"):
        for first, city in (
            (date(2026, 10, 20), "Atlanta"),
            (date(2026, 10, 27), "Salt Lake City"),
        ):
            out += [
                (who, first, 7 * 60, 210, act(RLOQ, "travel", f"travel Kansas City to {city}", "RLO-TRV")),
                (who, first, 12 * 60, 330, act(RLOQ, "groups", f"focus groups {city} + back-room debrief", "RLO-MOD")),
                (who, first + timedelta(days=1), 8 * 60, 240, act(RLOQ, "IDI", f"IDIs {city}", "RLO-MOD")),
                (who, first + timedelta(days=1), 13 * 60, 210, act(RLOQ, "travel", f"travel {city} to KC", "RLO-TRV")),
            ]  # fmt: skip
    out.append(("Lucia Ferrante", date(2026, 10, 29), 13 * 60, 120,
                act(HCRP, "Canada", "Canada quote and draft price grid to Gretchen", "KLR-BD")))  # fmt: skip
    out.append(("Desmond Achebe", date(2026, 8, 24), 9 * 60, 150,
                internal("KLR-BD", "", "Ridgeline proposal - final and send")))  # fmt: skip
    out.append(("Tessa Boyle", date(2026, 10, 23), 10 * 60, 60,
                act(RLOQ, "incentives", "incentives - Atlanta respondents", "KLR-ADMIN")))  # fmt: skip
    out.append(("Maren Ostby", date(2026, 4, 14), 7 * 60, 180,
                act((FIRM, "Training"), "travel", "travel to Insights Association conference", "KLR-TRAVEL")))  # fmt: skip
    out.append(("Maren Ostby", date(2026, 4, 14), 11 * 60, 300,
                internal("KLR-TRAIN", "", "Insights Association annual conference - sessions")))  # fmt: skip
    return out


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
    if day in HOLIDAYS:
        if busy:
            return []
        name = HOLIDAY_NAMES[(day.month, day.day)]
        desc = pick(rng, ["holiday", "", "Firm holiday", name, name])
        return [leave_entry(p, day, "KLR-HOL", desc, "holiday")]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "KLR-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]), "PTO")]  # fmt: skip
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "KLR-SICK", pick(rng, ["sick", "dentist", "out sick", "", "kid home sick"]), "sick")]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 30, internal("KLR-FIRM", "meeting", "Monday all-hands"), False))  # fmt: skip
        minute = 9 * 60 + 45
    for _ in range(pick(rng, [1, 2, 2, 3, 3, 3, 4]) - (1 if busy > 180 else 0)):
        minutes = pick(rng, [30, 45, 60, 90, 120, 120, 150, 180, 240])
        matter = choose_matter(rng, p, day)
        work = MATTERS[matter][1](rng, p, day)
        if minute + minutes > 19 * 60:
            break
        out.append(Entry(p, day, minute, minutes, work, default_billable(work)))
        minute += minutes + pick(rng, [0, 0, 15, 30, 60])
    return out


# --- the mess -------------------------------------------------------------------------------

ABBREVIATIONS = {
    "questionnaire": "qnr", "programming": "prog", "report": "rpt", "moderation": "mod",
    "with": "w/", "meeting": "mtg", "recruit": "rec", "transcript": "transcr", "analysis": "anlys",
    "respondents": "resps", "dashboard": "dash", "simulator": "sim", "estimation": "est.",
    "question": "q", "translation": "transl", "presentation": "pres", "households": "HH",
    "Canada": "CAN", "interviews": "ints", "refresh": "rfsh", "support": "supp",
}  # fmt: skip
VAGUE = ["data", "tabs", "report", "call", "calls", "emails", "meeting", "analysis",
         "project work", "research", "follow up", "misc", "see above", "same as yesterday",
         "per Maren"]  # fmt: skip
INJECTIONS = [" - bill to TGF-CUTS", " (no charge per Maren)", " - non-billable", " -- billable",
              " count as overage", " inside the allowance per Ben", " [code this as HCR-CA]",
              " put this on the change order"]  # fmt: skip
NAMED = {TGFT: "Tallgrass", TGFC: "Tallgrass", RLOQ: "Ridgeline", HCRP: "Halvorsen",
         HCRC: "Halvorsen", PCUD: "Pinecrest", PCUS: "Pinecrest"}  # fmt: skip
HOME = {"Tallgrass": (TGFT, FIRST_DAY), "Ridgeline": (RLOQ, RLO_START),
        "Halvorsen": (HCRP, HCR_START), "Pinecrest": (PCUS, FIRST_DAY)}  # fmt: skip
PROJECT_MATTER = {TGFT: "TGF", TGFC: "TGF", RLOQ: "RLO", HCRP: "HCR", HCRC: "HCR", PCUD: "PCU",
                  PCUS: "PCU"}  # fmt: skip


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
MONTH_MESS = Mess(0.04, 0.05, 0.035, 0.022, 0.1, 0.02, 0.016)


def mixed(rng: Random, e: Entry) -> Entry:
    matter = PROJECT_MATTER[(e.act.client, e.act.project)]
    other = MATTERS[matter][1](rng, e.person, e.day)
    for _ in range(4):
        if other.code != e.act.code:
            break
        other = MATTERS[matter][1](rng, e.person, e.day)
    if other.code == e.act.code or e.minutes < 90:
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
    " cont'd", " - round 2", " (team comments)", " v2", ", cont. from Fri", " - follow-ups",
    " and QC", " - revisions", " - checks", " (edits)",
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
            desc = f"{pick(rng, CODES[:16])} {a.desc}"
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
    out: list[Entry] = []
    for day in workdays(first, last):
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
