"""Generate the eleventh demo firm's time entries: a year of approved history and one open month.

Halloran Whitby Benefits & Actuarial, LLC (about 20 people, 15 of them logging here; an HR,
benefits and actuarial consulting firm in Columbus, Ohio) records time in Toggl Track against four
clients (see README.md next to this file; the pension board's contract, the broker services
agreement, the compensation study SOW, the HR advisory retainer and the firm policy are in
``sows/``). This script writes, in Toggl's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Standard library only.

    python examples/eleventh_firm/generate.py [--out DIR]
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

SEED = 20261211
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.165  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 0.84  # share of the month's entries kept in month.csv (scripted ones always)
DOMAIN = "halloranwhitby.example"
MAX_MINUTES = 360  # firm policy §2.5: 6.0 h per entry, leave exempt

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "BPF-VAL", "BPF-GASB", "BPF-HRLY", "BPF-OVR",
    "KTD-COM", "KTD-CMP", "KTD-SL",
    "SBH-DATA", "SBH-MKT", "SBH-STR", "SBH-PHY", "SBH-TRV",
    "CVL-ADV", "CVL-OVG", "CVL-HBK",
    "HW-ADMIN", "HW-BD", "HW-CE", "HW-RECRUIT", "HW-FIRM", "HW-MODEL", "HW-TRAVEL",
    "HW-PTO", "HW-HOL", "HW-SICK",
)  # fmt: skip
LEAVE = {"HW-PTO", "HW-HOL", "HW-SICK"}

HOLIDAYS = {
    date(2025, 11, 11), date(2025, 11, 27), date(2025, 11, 28), date(2025, 12, 24),
    date(2025, 12, 25), date(2026, 1, 1), date(2026, 5, 25), date(2026, 7, 3),
    date(2026, 9, 7), date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27),
}  # fmt: skip

# --- the documents' dates ---------------------------------------------------------------------

BPF_START = date(2026, 1, 12)
CENSUS_IN = date(2026, 3, 6)
COLA_STUDY = (date(2026, 4, 14), date(2026, 6, 9))
ASSUMPTIONS_OK = date(2026, 8, 28)
GASB_START = date(2026, 9, 21)
ADOPTED = date(2026, 11, 10)  # BPF-VAL to this day; valuation work from the next is BPF-HRLY
BPF_NTE_NOTICE = date(2026, 11, 18)  # BPF-OVR from the next day
KTD_START = FIRST_DAY  # agreement of October 1, 2025
RENEWAL_2027 = date(2026, 8, 17)
STOP_LOSS_RFP = date(2026, 9, 14)
OPEN_ENROLLMENT = ((date(2025, 11, 3), date(2025, 11, 14)), (date(2026, 11, 2), date(2026, 11, 13)))
ADDENDUM_1 = date(2026, 11, 9)  # stop-loss marketing KTD-SL from this day
SL_PROJECT = date(2026, 11, 10)
SBH_START = date(2026, 5, 4)
PHASE1_END = date(2026, 8, 28)
PHASE2_START = date(2026, 8, 31)
PRICING_DELIVERED = date(2026, 11, 6)  # SBH-STR from the next day
PHYSICIAN_ASKED = date(2026, 10, 19)
CHANGE_ORDER_1 = date(2026, 11, 17)
CVL_START = date(2026, 1, 5)
HANDBOOK_SOW = date(2026, 9, 8)
# advice calls are overage (CVL-OVG) from the day after the allowance-used email to month end
OVERAGE_FROM = {(2026, 3): 25, (2026, 8): 20, (2026, 10): 27, (2026, 11): 19}

# Toggl clients and projects (sows/tracker_setup.md).
BPF_CLIENT = "Brandywine Police & Fire Pension"
BPFV = (BPF_CLIENT, "BPF 2026 Valuation")
BPFH = (BPF_CLIENT, "BPF Actuarial Services")
BPFG = (BPF_CLIENT, "BPF GASB 67/68")
KTDB = ("Kessling Tool & Die", "Kessling Brokerage")
KTDC = ("Kessling Tool & Die", "Kessling Compliance")
KTDS = ("Kessling Tool & Die", "Kessling Stop-Loss 2027")
SBHC = ("St. Brigid Health System", "St. Brigid Comp Study")
SBHP = ("St. Brigid Health System", "St. Brigid Physician Comp")
CVLA = ("Corvana Labs", "Corvana Advice Line")
CVLH = ("Corvana Labs", "Corvana Handbook 2027")
FIRM = "Halloran Whitby"
INTERNAL = {
    "HW-ADMIN": "Admin", "HW-BD": "Business Development", "HW-CE": "Continuing Ed",
    "HW-RECRUIT": "Recruiting", "HW-FIRM": "Firm Meetings", "HW-MODEL": "Models & Software",
    "HW-PTO": "Time Off", "HW-HOL": "Time Off", "HW-SICK": "Time Off",
}  # fmt: skip
NOT_BILLABLE = {KTDB}  # client projects whose Billable box defaults to No (commission-paid)


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("BPF", "KTD", "SBH", "CVL", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Margaret Halloran", "principal", {"BPF": 6, "IN": 3}),
    Person("David Whitby", "principal", {"KTD": 6, "CVL": 1, "IN": 3}),
    Person("Priya Raman", "principal", {"SBH": 6, "IN": 3}),
    Person("Marcus Oyelaran", "senior_consultant", {"BPF": 7, "IN": 1}),
    Person("Colleen Mabry", "senior_consultant", {"CVL": 7, "IN": 1}),
    Person("Rebecca Sauer", "senior_consultant", {"KTD": 7, "IN": 1}),
    Person("Anika Bose", "consultant", {"SBH": 6, "CVL": 1, "IN": 1}),
    Person("Hector Ruiz", "consultant", {"KTD": 6, "IN": 1}),
    Person("Grace Odum", "consultant", {"CVL": 6, "IN": 1}),
    Person("Jen Kowalczyk", "analyst", {"BPF": 6, "IN": 1}),
    Person("Tyler Ngo", "analyst", {"BPF": 5, "SBH": 1, "IN": 1}, date(2026, 8, 10)),
    Person("Luis Carranza", "analyst", {"KTD": 6, "IN": 1}),
    Person("Sam Feld", "analyst", {"SBH": 6, "IN": 1}),
    Person("Nora Pell", "none", {"IN": 1}),
    Person("Bev Tanaka", "none", {"IN": 1}),
]
BY_NAME = {p.name: p for p in PEOPLE}
COMPLIANCE_PEOPLE = {"Hector Ruiz", "Luis Carranza"}


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


# --- Brandywine Police and Fire Pension Fund --------------------------------------------------

VAL_SETUP = [
    "census data request letter to Denise Carmody",
    "prior year valuation roll-forward check",
    "valuation system set-up for 2026 valuation",
    "asset statement request to custodian",
]
VAL_DATA = [
    "census data edits - actives",
    "census reconciliation to prior year, retirees",
    "DROP member data review",
    "asset reconciliation, 2025 market value",
    "data questions list for Denise Carmody",
    "call w/ Denise Carmody re terminated vested data",
]
VAL_ASSUMPTIONS = [
    "assumptions letter draft",
    "discount rate and payroll growth assumptions memo",
    "mortality update - Pub-2010 safety tables w/ MP-2021",
]
VAL_RUNS = [
    "valuation run - baseline liabilities",
    "normal cost and ADC calcs for 2027",
    "valuation report draft - funding section",
    "peer review of valuation results",
    "valuation report exhibits",
    "funded ratio history chart for report",
    "Board presentation slides - valuation results",
]
VAL_AFTER = [  # valuation work after the Board adopted it: §2.3, hourly
    "valuation scenario at 6.75% discount rate requested by Trustee Haines",
    "valuation run - ADC with 2027 budgeted payroll per Board",
    "30-year contribution projection for the City budget",
    "valuation follow-up questions from Trustee Haines",
    "valuation report - alternative amortization illustration (closed 20 yr)",
]
BPF_HOURLY = [
    "benefit estimate for retiring member, DROP",
    "service purchase calc - military time",
    "final benefit calc - retiring police officer",
    "answer Alan Fitch question re DROP interest crediting",
    "disability retirement benefit calc",
    "member benefit estimate request from Denise",
]
BPF_COLA = [
    "COLA ordinance cost study - 2% compound",
    "COLA cost study - simple vs compound comparison",
    "COLA study memo to Board",
]
BPF_GASB = [
    "GASB 67 roll-forward of TPL to 12/31/2026",
    "GASB 67 depletion date test",
    "GASB 68 note disclosures draft",
    "discount rate sensitivity +/-1% for GASB report",
    "GASB 68 schedule of changes in NPL",
    "call w/ Mei-Lin Torres re GASB timeline",
]


def bpf_hourly_code(day: date) -> tuple[str, str]:
    return ("BPF-HRLY", "") if day <= BPF_NTE_NOTICE else ("BPF-OVR", "nte")


def bpf_work(rng: Random, _p: Person, day: date) -> Act:
    roll = rng.random()
    if day >= GASB_START and roll < 0.2:
        return act(BPFG, "GASB", pick(rng, BPF_GASB), "BPF-GASB")
    if roll < 0.45:
        code, cat = bpf_hourly_code(day)
        if COLA_STUDY[0] <= day <= COLA_STUDY[1] and rng.random() < 0.5:
            return act(BPFH, "COLA", pick(rng, BPF_COLA), code, cat)
        desc = pick(rng, BPF_HOURLY)
        if day >= MONTH_START and rng.random() < 0.3:
            desc = "cost study - proposed DROP extension ordinance"
        return act(BPFH, "benefit calc" if "calc" in desc else "", desc, code, cat)
    if day > ADOPTED:
        code, cat = bpf_hourly_code(day)
        where = BPFV if rng.random() < 0.7 else BPFH
        return act(where, "valuation", pick(rng, VAL_AFTER), code, cat or "phase_boundary")
    lists = [VAL_SETUP]
    if day >= CENSUS_IN:
        lists = [VAL_DATA]
    if day >= date(2026, 6, 15):
        lists = [VAL_DATA, VAL_ASSUMPTIONS]
    if day > ASSUMPTIONS_OK:
        lists = [VAL_RUNS, VAL_RUNS, VAL_DATA]
    desc = pick(rng, pick(rng, lists))
    return act(BPFV, "valuation" + (",data" if "data" in desc else ""), desc, "BPF-VAL")


# --- Kessling Tool & Die --------------------------------------------------------------------

KTD_ACA = [
    "1095-C line 14/16 codes review",
    "ACA full-time measurement - look-back for variable hour ees",
    "1094-C e-file prep",
    "1095-C data file from payroll - QC",
]
KTD_5500 = [
    "Form 5500 health & welfare - Schedule A from carriers",
    "5500 draft and summary annual report",
    "5500 filing via EFAST2",
]
KTD_NDT = [
    "Section 125 NDT - eligibility and contributions tests",
    "105(h) testing, self-funded medical",
    "NDT census request to Gary Moyer",
]
KTD_DOCS = [
    "wrap document / SPD update for plan changes",
    "SMM for 2027 plan changes",
    "Medicare Part D creditable coverage notice review",
    "COBRA notice review",
]
KTD_SERVICE = [
    "monthly claims report w/ MedAxis",
    "claims advocacy - member balance bill",
    "quarterly plan review deck",
    "carrier billing reconciliation, Delta Dental",
]
KTD_RENEWAL = [
    "renewal - claims experience analysis",
    "medical TPA renewal negotiation w/ MedAxis",
    "RFP responses spreadsheet, dental and vision",
    "renewal presentation deck for Tricia",
    "life/disability marketing - quotes compare",
]
KTD_ENROLL = [
    "benefits guide edits",
    "enrollment site set-up with ben-admin vendor",
    "open enrollment employee questions",
    "eligibility file to carriers after OE",
]
KTD_STOP_LOSS = [
    "stop-loss RFP - specific deductible options",
    "stop-loss quotes compare, aggregate corridor",
    "stop-loss lasering review, large claimants",
    "stop-loss negotiation w/ carriers",
]


def ktd_compliance(rng: Random, day: date) -> Act:
    lists = [KTD_DOCS, KTD_NDT]
    if day.month in (12, 1, 2, 3):
        lists += [KTD_ACA, KTD_ACA]
    if day.month in (5, 6, 7):
        lists += [KTD_5500, KTD_5500]
    if day.month in (10, 11, 12):
        lists += [KTD_NDT]
    desc = pick(rng, pick(rng, lists))
    tag = ("ACA" if "-C" in desc or "ACA" in desc else "5500" if "5500" in desc
           else "testing" if "test" in desc or "NDT" in desc else "plan docs")  # fmt: skip
    return act(KTDC, tag, desc, "KTD-CMP")


def in_renewal(day: date) -> bool:
    return day <= date(2025, 12, 19) or day >= RENEWAL_2027


def ktd_work(rng: Random, p: Person, day: date) -> Act:
    roll = rng.random()
    if roll < (0.75 if p.name in COMPLIANCE_PEOPLE else 0.15):
        return ktd_compliance(rng, day)
    stop_loss = day <= date(2025, 12, 12) or day >= STOP_LOSS_RFP
    if stop_loss and roll < 0.35:
        desc = pick(rng, KTD_STOP_LOSS)
        if day < ADDENDUM_1:
            cat = "addendum" if day >= MONTH_START else ""
            return act(KTDB, "stop-loss", desc, "KTD-COM", cat)
        where = KTDS if day >= SL_PROJECT and rng.random() < 0.8 else KTDB
        return act(where, "stop-loss", desc, "KTD-SL", "addendum")
    enrolling = any(
        a - timedelta(days=20) <= day <= b + timedelta(days=7) for a, b in OPEN_ENROLLMENT
    )
    if enrolling and roll < 0.7:
        return act(KTDB, "open enrollment", pick(rng, KTD_ENROLL), "KTD-COM")
    if in_renewal(day) and roll < 0.75:
        return act(KTDB, "renewal", pick(rng, KTD_RENEWAL), "KTD-COM")
    return act(KTDB, "", pick(rng, KTD_SERVICE), "KTD-COM")


# --- St. Brigid Health System ---------------------------------------------------------------

SBH_DATA = [
    "HRIS incumbent extract - load and check",
    "job description collection, nursing",
    "HRBP interview notes, ambulatory",
    "job family mapping - allied health",
    "survey job matching, IT and finance jobs",
    "data request follow-up w/ Tom Kessel",
]
SBH_MKT = [
    "survey pricing - nursing benchmark jobs",
    "aging survey data to 1/1/2027",
    "survey blend weights, healthcare vs general industry",
    "geographic differential for Toledo",
    "compa-ratio analysis by job family",
    "market pricing report draft",
]
SBH_STR = [
    "grade structure options - range spreads",
    "slotting non-benchmark jobs into grades",
    "cost to bring incumbents to minimum",
    "pay policy draft",
    "pay equity review of new structure",
    "range midpoints progression check",
]
SBH_PHY = [
    "physician survey pricing - cardiology, ortho",
    "wRVU productivity pay plan review",
    "FMV and commercial reasonableness summary outline",
    "APP pay market pricing - NPs and PAs",
    "physician comp data request to Dr. Varga's office",
]


def sbh_phase(day: date) -> tuple[str, str, list[str]]:
    if day <= PHASE1_END:
        return "SBH-DATA", "data collection", SBH_DATA
    if day <= PRICING_DELIVERED:
        return "SBH-MKT", "market pricing", SBH_MKT
    return "SBH-STR", "structure", SBH_STR


def sbh_work(rng: Random, _p: Person, day: date) -> Act:
    roll = rng.random()
    if day >= CHANGE_ORDER_1 and roll < 0.35:
        where = SBHP if rng.random() < 0.75 else SBHC
        return act(where, "physician", pick(rng, SBH_PHY), "SBH-PHY", "change_order")
    code, tag, notes = sbh_phase(day)
    cat = "new_phase" if code == "SBH-STR" else ""
    if roll < 0.5:
        return act(SBHC, "call," + tag, "weekly status call w/ Tom Kessel", code, cat)
    if code == "SBH-STR" and roll < 0.62:
        return act(SBHC, "market pricing", pick(rng, SBH_MKT[:5]) + " - corrections", code,
                   "phase_boundary")  # fmt: skip
    return act(SBHC, tag, pick(rng, notes), code, cat)


# --- Corvana Labs ---------------------------------------------------------------------------

CVL_CALLS = [
    "advice call - Alicia Romero re FMLA intermittent leave",
    "advice call w/ Ben Stroud: exempt classification of support engineers",
    "Alicia R - CA final pay timing q",
    "advice call - accommodation request, interactive process",
    "Colorado pay transparency posting question",
    "advice call Ben S re PIP and termination documentation",
    "NY paid prenatal leave question from Alicia",
    "advice call - remote employee moving to WA, payroll registration",
]
CVL_NEW_CALLS = [
    "advice call - RIF planning, WARN thresholds",
    "advice call Alicia - severance agreement OWBPA review period",
]
CVL_HANDBOOK = [
    "handbook - remote work policy draft",
    "handbook CA addendum",
    "handbook NY addendum",
    "handbook PTO policy rewrite",
    "handbook acknowledgment form",
    "handbook redline for Harlan & Meeks",
    "call w/ Jordan Pike re handbook comments",
]


def advice_code(day: date) -> tuple[str, str]:
    first = OVERAGE_FROM.get((day.year, day.month))
    if first is not None and day.day >= first:
        return "CVL-OVG", "overage" if day >= MONTH_START else ""
    return "CVL-ADV", ""


def cvl_work(rng: Random, _p: Person, day: date) -> Act:
    if day >= HANDBOOK_SOW and rng.random() < 0.4:
        desc = pick(rng, CVL_HANDBOOK)
        return act(CVLH, "handbook" + (",call" if "call" in desc else ""), desc, "CVL-HBK")
    code, cat = advice_code(day)
    calls = CVL_CALLS + (CVL_NEW_CALLS if day >= MONTH_START else [])
    return act(CVLA, "advice call", pick(rng, calls), code, cat)


# --- internal ------------------------------------------------------------------------------


def principal_bd(p: Person, day: date) -> list[Act]:
    """Each principal's proposals and scoping, while the work they are for is not engaged."""
    out = [internal("HW-BD", "", "Plan Notes article - 2027 IRS limits")]
    mine = {
        "Margaret Halloran": [(FIRST_DAY, BPF_START, "RFP response - Brandywine P&F actuarial services"),
                              (FIRST_DAY, LAST_DAY, "webinar prep - public plan funding 101")],
        "David Whitby": [(FIRST_DAY, CVL_START, "proposal - Corvana HR advice retainer"),
                         (date(2026, 8, 10), HANDBOOK_SOW, "Corvana handbook SOW 2 - scope and estimate"),
                         (FIRST_DAY, LAST_DAY, "proposal - Lorain County schools benefits RFP")],
        "Priya Raman": [(FIRST_DAY, SBH_START, "proposal - St. Brigid compensation study"),
                        (PHYSICIAN_ASKED, CHANGE_ORDER_1, "physician comp change order - scope and estimate")],
    }  # fmt: skip
    for first, before, note in mine.get(p.name, []):
        if first <= day < before:
            out.append(internal("HW-BD", "", note))
    return out


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Nora Pell":
        return pick(rng, [
            internal("HW-ADMIN", "", "invoices for last month's time"),
            internal("HW-ADMIN", "", "carrier commission statements reconciliation"),
            internal("HW-ADMIN", "", "QBO month-end close"),
            internal("HW-MODEL", "", "salary survey subscriptions renewal"),
        ])  # fmt: skip
    if p.name == "Bev Tanaka":
        return pick(rng, [
            internal("HW-RECRUIT", "", "schedule actuarial student interviews"),
            internal("HW-ADMIN", "", "office supplies and mail"),
            internal("HW-RECRUIT", "", "campus career fair logistics, Ohio State"),
        ])  # fmt: skip
    options = [
        internal("HW-ADMIN", "", "timesheet and expense report"),
        internal("HW-FIRM", "meeting", "practice meeting"),
        internal("HW-RECRUIT", "", "interview analyst candidate"),
    ]
    if p.level == "principal":
        options += principal_bd(p, day)
    if p.weights.get("BPF"):
        options += [
            internal("HW-MODEL", "", "valuation software release testing"),
            internal("HW-CE", "", "SOA webinar - public plan funding policy (CE credit)"),
        ]
        if p.level == "analyst":
            options.append(internal("HW-CE", "", "EA exam study"))
    if p.weights.get("KTD"):
        options += [
            internal("HW-MODEL", "", "benefit pricing model - trend factors update"),
            internal("HW-CE", "", "CEBS course module"),
        ]
    if p.weights.get("SBH") or p.weights.get("CVL"):
        options += [
            internal("HW-CE", "", "SHRM recertification webinar"),
            internal("HW-MODEL", "", "survey library - load new survey editions"),
        ]
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "BPF": (BPF_START, bpf_work), "KTD": (KTD_START, ktd_work), "SBH": (SBH_START, sbh_work),
    "CVL": (CVL_START, cvl_work), "IN": (FIRST_DAY, internal_work),
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


def bpf_script() -> Script:
    val, hrly, ovr = "BPF-VAL", "BPF-HRLY", "BPF-OVR"
    return [
        ("Marcus Oyelaran", date(2026, 11, 9), 13 * 60, 180,
         act(BPFV, "valuation,review", "final valuation report edits before Board mtg", val)),
        ("Jen Kowalczyk", date(2026, 11, 9), 9 * 60 + 45, 150,
         act(BPFV, "valuation", "Board presentation slides - valuation results, v3", val)),
        ("Margaret Halloran", ADOPTED, 7 * 60 + 30, 120,
         act(BPFV, "travel", "travel Columbus to Brandywine for Board meeting", "HW-TRAVEL", "travel")),
        ("Marcus Oyelaran", ADOPTED, 7 * 60 + 30, 120,
         act(BPFV, "travel", "travel to Brandywine", "HW-TRAVEL", "travel")),
        ("Margaret Halloran", ADOPTED, 10 * 60, 105,
         act(BPFV, "board meeting,valuation", "present 2026 valuation to Board, Q&A", val)),
        ("Marcus Oyelaran", ADOPTED, 10 * 60, 105,
         act(BPFV, "board meeting", "Board meeting - valuation presentation", val)),
        ("Margaret Halloran", ADOPTED, 11 * 60 + 45, 45,
         act(BPFH, "board meeting", "Board meeting - DROP extension ordinance Q&A (agenda item 6)", hrly, "same_word")),
        ("Margaret Halloran", ADOPTED, 13 * 60, 120,
         act(BPFV, "travel", "travel Brandywine to Columbus", "HW-TRAVEL", "travel")),
        ("Marcus Oyelaran", ADOPTED, 13 * 60, 120,
         act(BPFV, "travel", "travel back from Board mtg", "HW-TRAVEL", "travel")),
        ("Marcus Oyelaran", date(2026, 11, 12), 9 * 60, 180,
         act(BPFV, "valuation", "valuation run - 6.75% discount rate scenario for Trustee Haines", hrly, "phase_boundary")),
        ("Jen Kowalczyk", date(2026, 11, 13), 10 * 60, 150,
         act(BPFV, "valuation", "re-run ADC w/ 2027 budgeted payroll per Board", hrly, "phase_boundary")),
        ("Jen Kowalczyk", date(2026, 11, 19), 9 * 60, 120,
         act(BPFH, "benefit calc", "benefit estimate - retiring firefighter, DROP exit", ovr, "nte")),
        ("Marcus Oyelaran", date(2026, 11, 20), 13 * 60, 180,
         act(BPFV, "valuation", "30-year contribution projection for Mei-Lin Torres", ovr, "nte")),
        ("Margaret Halloran", date(2026, 11, 23), 14 * 60, 90,
         act(BPFH, "", "experience study 2027 - scope and fee proposal for the Board", "HW-BD", "estimate")),
        ("Margaret Halloran", date(2026, 11, 16), 15 * 60, 120,
         internal("HW-BD", "", "slides for OAPPA fall seminar talk - GASB 67 discount rates", "same_word")),
        ("Tyler Ngo", date(2026, 11, 24), 10 * 60, 90,
         act(BPFG, "GASB", "OPEB question from Mei-Lin Torres - GASB 75 scope note", "HW-BD", "estimate")),
    ]  # fmt: skip


def ktd_script() -> Script:
    com = "KTD-COM"
    out: Script = [
        ("Rebecca Sauer", date(2026, 11, 2), 10 * 60, 120,
         act(KTDB, "open enrollment", "OE kick-off - benefits guide final print run", com)),
        ("David Whitby", date(2026, 11, 5), 15 * 60, 60,
         act(KTDB, "stop-loss", "stop-loss fee addendum - draft terms for Tricia", "HW-BD", "estimate")),
        ("Rebecca Sauer", date(2026, 11, 6), 9 * 60, 150,
         act(KTDB, "stop-loss", "stop-loss quotes spreadsheet - specific deductible options", com, "addendum")),
        ("Rebecca Sauer", ADDENDUM_1, 13 * 60, 150,
         act(KTDB, "stop-loss", "stop-loss RFP re-issued to 5 carriers, net of commission", "KTD-SL", "addendum")),
        ("Hector Ruiz", date(2026, 11, 16), 9 * 60, 180,
         act(KTDC, "testing", "Section 125 NDT - key employee concentration test 2026", "KTD-CMP", "same_word")),
        ("Luis Carranza", date(2026, 11, 17), 10 * 60, 120,
         act(KTDB, "open enrollment,data", "eligibility file to Delta Dental after OE", com)),
        ("Hector Ruiz", date(2026, 11, 20), 7 * 60 + 30, 90,
         act(KTDC, "travel", "travel Columbus to Dayton, ACA payroll data mtg", "HW-TRAVEL", "travel")),
        ("Hector Ruiz", date(2026, 11, 20), 9 * 60 + 15, 150,
         act(KTDC, "ACA,meeting", "ACA 2026 - meeting w/ Kessling payroll re hours data", "KTD-CMP")),
        ("Hector Ruiz", date(2026, 11, 20), 12 * 60, 90,
         act(KTDC, "travel", "travel Dayton to Columbus", "HW-TRAVEL", "travel")),
        ("David Whitby", date(2026, 11, 12), 13 * 60, 120,
         internal("HW-BD", "", "client webinar: ACA reporting for 2026 - run and Q&A", "same_word")),
        ("Nora Pell", date(2026, 11, 19), 10 * 60, 60,
         internal("HW-ADMIN", "", "producer licence renewal, Indiana (Kessling plant 3)", "same_word")),
        ("Rebecca Sauer", date(2026, 11, 27), 10 * 60, 120,
         act(KTDS, "stop-loss", "stop-loss finalist quotes comparison", "KTD-SL", "holiday_work")),
    ]  # fmt: skip
    for day, plant in ((date(2026, 11, 3), 1), (date(2026, 11, 4), 2), (date(2026, 11, 5), 3)):
        out.append(("Rebecca Sauer", day, 6 * 60, 75,
                    act(KTDB, "travel", "travel Columbus to Dayton", com, "travel")))  # fmt: skip
        minutes = 390 if plant == 2 else 300
        cat = "over_hours" if plant == 2 else ""
        out.append(("Rebecca Sauer", day, 7 * 60 + 30, minutes,
                    act(KTDB, "open enrollment,meeting",
                        f"open enrollment meetings, plant {plant}, all shifts", com, cat)))  # fmt: skip
        out.append(("Luis Carranza", day, 7 * 60 + 30, 240,
                    act(KTDB, "open enrollment", f"enrollment questions table, plant {plant}", com)))  # fmt: skip
    return out


def sbh_script() -> Script:
    trv, mkt, bd = "SBH-TRV", "SBH-MKT", "HW-BD"
    out: Script = [
        ("Priya Raman", date(2026, 11, 4), 14 * 60, 90,
         act(SBHC, "physician", "physician comp CO - scope and estimate for Dr. Varga", bd, "estimate")),
        ("Sam Feld", date(2026, 11, 12), 9 * 60, 120,
         internal("HW-BD", "", "specialty list and survey costs for physician CO estimate", "estimate")),
        ("Priya Raman", date(2026, 11, 13), 11 * 60, 60,
         act(SBHC, "physician,call", "call w/ Dr. Varga and Angela re physician scope", bd, "estimate")),
        ("Anika Bose", date(2026, 11, 9), 9 * 60, 180,
         act(SBHC, "structure", "Phase 3 kick-off - grade structure options", "SBH-STR", "new_phase")),
        ("Sam Feld", date(2026, 11, 10), 13 * 60, 150,
         act(SBHC, "market pricing", "market pricing fixes - nursing jobs aging factor", "SBH-STR", "phase_boundary")),
        ("Priya Raman", CHANGE_ORDER_1, 15 * 60, 60,
         act(SBHP, "physician", "CO1 signed - physician work plan and data request", "SBH-PHY", "change_order")),
    ]  # fmt: skip
    for who in ("Priya Raman", "Anika Bose"):
        out += [
            (who, PRICING_DELIVERED, 7 * 60, 150,
             act(SBHC, "travel", "travel Columbus to Toledo", trv, "travel")),
            (who, PRICING_DELIVERED, 10 * 60, 120,
             act(SBHC, "market pricing,meeting", "market pricing report presentation to Angela Ferris", mkt)),
            (who, PRICING_DELIVERED, 13 * 60, 150,
             act(SBHC, "travel", "travel Toledo to Columbus", trv, "travel")),
            (who, date(2026, 11, 19), 7 * 60, 150,
             act(SBHP, "travel", "travel to Toledo for physician kick-off", trv, "travel")),
            (who, date(2026, 11, 19), 10 * 60, 150,
             act(SBHP, "physician,meeting", "physician comp kick-off w/ Dr. Varga", "SBH-PHY", "change_order")),
        ]  # fmt: skip
    return out


def cvl_script() -> Script:
    return [
        ("Grace Odum", date(2026, 11, 16), 14 * 60, 60,
         act(CVLH, "handbook,call", "call w/ Alicia re WA addendum, handbook", "CVL-HBK", "same_word")),
        ("Colleen Mabry", date(2026, 11, 18), 10 * 60, 75,
         act(CVLA, "advice call", "advice call - Ben Stroud, layoff selection criteria", "CVL-ADV", "novel")),
        ("Colleen Mabry", date(2026, 11, 19), 9 * 60, 60,
         act(CVLA, "advice call", "advice call - Alicia re CA final pay timing", "CVL-OVG", "overage")),
        ("Colleen Mabry", date(2026, 11, 24), 13 * 60, 90,
         act(CVLA, "", "manager training SOW - scope for Jordan Pike", "HW-BD", "estimate")),
        ("Grace Odum", date(2026, 11, 27), 11 * 60, 60,
         act(CVLA, "advice call", "advice call - Ben S, termination Monday, final pay CA", "CVL-OVG", "holiday_work")),
    ]  # fmt: skip


def month_script() -> Script:
    return bpf_script() + ktd_script() + sbh_script() + cvl_script()


def history_script() -> Script:
    out: Script = []
    for day in (date(2025, 11, 4), date(2025, 11, 5), date(2025, 11, 6)):
        out.append(("Rebecca Sauer", day, 6 * 60, 75,
                    act(KTDB, "travel", "travel Columbus to Dayton", "KTD-COM")))  # fmt: skip
        out.append(("Rebecca Sauer", day, 7 * 60 + 30, 300,
                    act(KTDB, "open enrollment,meeting", "open enrollment meetings at Kessling plant", "KTD-COM")))  # fmt: skip
    out.append(("Hector Ruiz", date(2026, 2, 18), 7 * 60 + 30, 90,
                act(KTDC, "travel", "travel to Dayton for 1095-C data review", "HW-TRAVEL")))  # fmt: skip
    for who in ("Priya Raman", "Anika Bose", "Sam Feld"):
        out.append((who, date(2026, 5, 12), 7 * 60, 150,
                    act(SBHC, "travel", "travel Columbus to Toledo", "SBH-TRV")))  # fmt: skip
        out.append((who, date(2026, 5, 12), 10 * 60, 180,
                    act(SBHC, "meeting,data collection", "kick-off meeting at St. Brigid", "SBH-DATA")))  # fmt: skip
    for day, note in ((date(2026, 6, 9), "COLA cost study presentation to Board"),
                      (date(2026, 8, 11), "Board meeting - assumptions discussion")):  # fmt: skip
        code = "BPF-HRLY" if "COLA" in note else "BPF-VAL"
        out.append(("Margaret Halloran", day, 8 * 60, 120,
                    act(BPFH, "travel", "travel to Brandywine for Board meeting", "HW-TRAVEL")))  # fmt: skip
        out.append(("Margaret Halloran", day, 10 * 60 + 30, 90,
                    act(BPFH if "COLA" in note else BPFV, "board meeting", note, code)))  # fmt: skip
    out.append(("Priya Raman", date(2026, 10, 20), 14 * 60, 60,
                act(SBHC, "call", "call w/ Dr. Varga re physician comp - what it would cover", "HW-BD")))  # fmt: skip
    out.append(("Margaret Halloran", date(2026, 4, 20), 6 * 60, 120,
                act((FIRM, "Continuing Ed"), "travel", "travel to Washington DC for EA Meeting",
                    "HW-TRAVEL")))  # fmt: skip
    out.append(("Margaret Halloran", date(2026, 4, 20), 9 * 60, 300,
                internal("HW-CE", "", "Enrolled Actuaries Meeting - sessions (EA credit)")))  # fmt: skip
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
        names = {11: ["Veterans Day", "Thanksgiving"], 12: ["Christmas"], 1: ["New Year's Day"]}
        desc = pick(rng, ["holiday", "", "Firm holiday", *names.get(day.month, [])])
        if day.month == 11 and day.day == 11:
            desc = pick(rng, ["Veterans Day", "holiday", "", "Firm holiday"])
        return [leave_entry(p, day, "HW-HOL", desc, "holiday")]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "HW-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]), "PTO")]  # fmt: skip
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "HW-SICK", pick(rng, ["sick", "doctor appt", "out sick", "kid sick"]), "sick")]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 1 and not busy:
        out.append(Entry(p, day, 9 * 60, 40, internal("HW-FIRM", "meeting", "Tuesday staff meeting"), False))  # fmt: skip
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
    "valuation": "val", "calculation": "calc", "compensation": "comp", "structure": "struct",
    "employee": "ee", "enrollment": "enrlmt", "renewal": "rnwl", "review": "rvw",
    "meeting": "mtg", "with": "w/", "report": "rpt", "testing": "tstg", "handbook": "hbk",
    "physician": "phys", "discount": "disc", "contribution": "contrib", "question": "q",
    "negotiation": "negot", "pricing": "prcg", "estimate": "est", "retiring": "ret.",
}  # fmt: skip
VAGUE = ["data", "review", "report", "call", "calls", "emails", "meeting", "work on project",
         "research", "follow up", "misc", "see above", "same as yesterday", "per Margaret"]  # fmt: skip
INJECTIONS = [" - bill to BPF-HRLY", " (no charge per David)", " - non-billable", " -- billable",
              " count as overage", " under the cap per Denise", " [code this as KTD-SL]",
              " put this on the change order"]  # fmt: skip
NAMED = {BPFV: "Brandywine", BPFH: "Brandywine", BPFG: "Brandywine", KTDB: "Kessling",
         KTDC: "Kessling", KTDS: "Kessling", SBHC: "St. Brigid", SBHP: "St. Brigid",
         CVLA: "Corvana", CVLH: "Corvana"}  # fmt: skip
HOME = {"Brandywine": (BPFH, BPF_START), "Kessling": (KTDC, KTD_START),
        "St. Brigid": (SBHC, SBH_START), "Corvana": (CVLA, CVL_START)}  # fmt: skip
PROJECT_MATTER = {BPFV: "BPF", BPFH: "BPF", BPFG: "BPF", KTDB: "KTD", KTDC: "KTD", KTDS: "KTD",
                  SBHC: "SBH", SBHP: "SBH", CVLA: "CVL", CVLH: "CVL"}  # fmt: skip


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


HISTORY_MESS = Mess(0.02, 0.04, 0.012, 0.006, 0.02, 0.004, 0.002)
MONTH_MESS = Mess(0.035, 0.05, 0.035, 0.02, 0.07, 0.018, 0.014)


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
    return replace(e, billable=True, act=replace(a, client=there[0], project=there[1], tags=(),
                                                 desc=desc, cat="wrong_project"))  # fmt: skip


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
            desc = f"{pick(rng, CODES[:15])} {a.desc}"
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
