"""Generate the twentieth demo firm's time entries: a year of approved history and one open month.

Tidewell Learning Group, LLC (15 people, 13 logging here; a corporate learning and development
consultancy in Savannah, Georgia) records time in Toggl Track, with tasks, against four clients
(see README.md next to this file; the bank's compliance module agreement, the manufacturer's
leadership program, the hospital system's LMS retainer and migration, the school district's
professional learning agreement, and the firm policy are in ``sows/``). This script writes, in
Toggl's "Detailed report" CSV layout:

- ``history.csv``      Nov 2025 - Oct 2026, a sample of the approved entries, with the code the
                       client lead approved in ``Approved Code``
- ``month.csv``        Nov 2026, not yet approved (no label column)
- ``month_truth.csv``  ``line,true_code,category`` for month.csv (``line`` = physical line, the
                       header being line 1; no field contains a line break)

Byte-identical on every run: one ``random.Random(SEED)`` drives everything in a fixed order and no
clock is read. Every date that changes a code is one of the records of events' dates (the
constants below), never a running total. Standard library only.

    python examples/twentieth_firm/generate.py [--out DIR]
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

SEED = 20261208
FIRST_DAY = date(2025, 11, 3)
MONTH_START = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 30)
HISTORY_SAMPLE = 0.16  # share of the year's approved entries kept in history.csv
MONTH_SAMPLE = 1.0  # the whole open month is exported
DOMAIN = "tidewell.example"
MAX_MINUTES = 300  # firm policy §2.5: 5 h per entry, leave exempt

HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
]  # fmt: skip
LABEL = "Approved Code"

# Every billing code the agreements and the firm policy define (sows/*.md code tables).
CODES = (
    "MSB-M01", "MSB-M02", "MSB-M03", "MSB-M04", "MSB-M05", "MSB-REV3", "MSB-WAR", "MSB-UPD",
    "MSB-PGM", "MSB-REG",
    "CFI-FAC", "CFI-DES", "CFI-DNB", "CFI-COACH", "CFI-PAUSE",
    "SBH-RET", "SBH-OVR", "SBH-RPT", "SBH-MIG",
    "RCS-HR", "RCS-PB", "RCS-TRV",
    "TLG-ADMIN", "TLG-BD", "TLG-TOOLS", "TLG-PD", "TLG-RECRUIT", "TLG-FIRM", "TLG-TRAVEL",
    "TLG-PTO", "TLG-HOL", "TLG-SICK",
)  # fmt: skip
LEAVE = {"TLG-PTO", "TLG-HOL", "TLG-SICK"}

HOLIDAYS = {
    date(2025, 11, 27), date(2025, 11, 28), date(2025, 12, 24), date(2025, 12, 25),
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 5, 25), date(2026, 6, 19), date(2026, 7, 3),
    date(2026, 9, 7), date(2026, 11, 26), date(2026, 11, 27),
}  # fmt: skip
HOLIDAY_NAMES = {
    (11, 27): "Thanksgiving", (11, 28): "day after Thanksgiving", (11, 26): "Thanksgiving",
    (12, 24): "Christmas Eve", (12, 25): "Christmas", (1, 1): "New Year's Day",
    (1, 19): "MLK Day", (5, 25): "Memorial Day", (6, 19): "Juneteenth", (7, 3): "July 4th (obs.)",
    (9, 7): "Labor Day",
}  # fmt: skip


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


END = date(2027, 12, 31)

# --- the documents' dates (records of events) -------------------------------------------------

# Marshgate: per module, work start, storyboard sign-off, first round, third round, launch.
MODULES = {
    "M01": (FIRST_DAY, d(2025, 12, 19), d(2026, 1, 30), None, d(2026, 3, 9)),
    "M02": (d(2026, 1, 12), d(2026, 3, 13), d(2026, 4, 24), d(2026, 5, 29), d(2026, 6, 15)),
    "M03": (d(2026, 4, 6), d(2026, 6, 5), d(2026, 9, 11), None, d(2026, 10, 26)),
    "M04": (d(2026, 7, 27), d(2026, 9, 18), d(2026, 10, 16), d(2026, 11, 10), None),
    "M05": (d(2026, 7, 13), d(2026, 8, 28), d(2026, 10, 9), None, d(2026, 11, 16)),
}
MODULE_NAMES = {
    "M01": ("M01", "BSA/AML", "BSA module", "BSA/AML Essentials"),
    "M02": ("M02", "Fair Lending", "fair lending module", "Fair Lending Fundamentals"),
    "M03": ("M03", "Reg E", "Reg E disputes", "Reg E module"),
    "M04": ("M04", "Elder Fin Ex", "elder exploitation module", "Elder Financial Exploitation"),
    "M05": ("M05", "InfoSec", "InfoSec 2026", "Info Security Awareness"),
}
REFRESH_ASKED = d(2026, 10, 29)
CHANGE_ORDER_1 = d(2026, 11, 12)
# Calder Forge
CFI_START = d(2026, 2, 16)
ANVIL_SESSIONS = (d(2026, 4, 15), d(2026, 5, 20), d(2026, 6, 17), d(2026, 9, 9), d(2026, 10, 7),
                  d(2026, 11, 4), d(2026, 11, 18))  # fmt: skip
EMBER_SESSIONS = (d(2026, 5, 13), d(2026, 6, 10), d(2026, 8, 12), d(2026, 9, 16), d(2026, 11, 24))
PAUSE_START, RESTART = d(2026, 9, 28), d(2026, 11, 16)
NTE_NOTICE, AMENDMENT_1 = d(2026, 10, 16), d(2026, 11, 6)
# St. Brendan
ALLOWANCE_NOTICES = (d(2026, 1, 26), d(2026, 9, 22), d(2026, 11, 17))
MIGRATION_ASKED, MIGRATION_SOW, GO_LIVE = d(2026, 3, 2), d(2026, 5, 18), d(2026, 11, 9)
# Rivergate
RCS_START = d(2026, 8, 3)
ONSITE_SESSIONS = (d(2026, 8, 5), d(2026, 9, 23), d(2026, 10, 14), d(2026, 11, 4), d(2026, 11, 18))
SUMMIT_ASKED, SUMMIT_LETTER, SUMMIT = d(2026, 9, 14), d(2026, 9, 28), d(2026, 11, 14)

# Toggl clients and projects (sows/toggl_setup.md), with the dates they were created.
MSBM = ("Marshgate Savings Bank", "Marshgate Compliance Modules")
MSBP = ("Marshgate Savings Bank", "Marshgate Program")
MSBR = ("Marshgate Savings Bank", "Marshgate 2027 Refresh")
CFIF = ("Calder Forge Industries", "Calder Forge Forward")
SBHA = ("St. Brendan Health System", "St. Brendan LMS Admin")
SBHM = ("St. Brendan Health System", "St. Brendan Migration")
RCSP = ("Rivergate County Schools", "Rivergate Professional Learning")
RCSS = ("Rivergate County Schools", "Rivergate Family Summit")
FIRM = "Tidewell Learning"
OPENED = {
    MSBM: d(2025, 10, 27), MSBP: d(2025, 10, 27), MSBR: CHANGE_ORDER_1, CFIF: d(2026, 2, 9),
    SBHA: d(2025, 11, 3), SBHM: MIGRATION_SOW, RCSP: d(2026, 7, 20), RCSS: SUMMIT_LETTER,
}  # fmt: skip
# (project, task) -> the task's Billable default; internal tasks are all No.
TASK_BILLABLE = {
    ("Calder Forge Forward", "Travel"): False, ("Rivergate Family Summit", "Workshop Design"): False,
}  # fmt: skip
INTERNAL = {
    "TLG-ADMIN": ("Admin", "Admin"), "TLG-BD": ("Business Development", "Proposals"),
    "TLG-TOOLS": ("Tools & Templates", "Template Library"),
    "TLG-PD": ("Professional Development", "Courses & Conferences"),
    "TLG-RECRUIT": ("Recruiting", "Recruiting"), "TLG-FIRM": ("Firm Meetings", "Studio Meeting"),
    "TLG-PTO": ("Time Off", "PTO"), "TLG-HOL": ("Time Off", "Holiday"),
    "TLG-SICK": ("Time Off", "Sick"), "TLG-TRAVEL": ("Professional Development", "Travel"),
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    level: str
    weights: dict[str, int]  # client -> weight ("MSB", "CFI", "SBH", "RCS", "IN")
    start: date = FIRST_DAY

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@" + DOMAIN


PEOPLE = [
    Person("Miriam Achebe", "principal", {"MSB": 4, "SBH": 2, "IN": 3}),
    Person("Graham Ostrowski", "principal", {"CFI": 6, "RCS": 1, "IN": 3}),
    Person("Leila Farouk", "senior", {"CFI": 4, "RCS": 3, "IN": 1}),
    Person("Dmitri Vance", "consultant", {"MSB": 3, "RCS": 2, "IN": 1}),
    Person("Hana Okoro", "senior", {"MSB": 7, "IN": 1}),
    Person("Caleb Whitford", "designer", {"MSB": 4, "CFI": 2, "IN": 1}),
    Person("Rosalind Tran", "designer", {"RCS": 3, "CFI": 3, "MSB": 1, "IN": 1}, d(2026, 7, 6)),
    Person("Nico Albrecht", "developer", {"MSB": 6, "SBH": 1, "IN": 1}),
    Person("Tamsin Boyle", "facilitator", {"CFI": 5, "RCS": 3, "IN": 1}),
    Person("Jerome Pickett", "facilitator", {"CFI": 7, "IN": 1}),
    Person("Wren Castellanos", "LMS", {"SBH": 8, "MSB": 1, "IN": 1}),
    Person("Bianca Solis", "coordinator", {"MSB": 2, "SBH": 2, "CFI": 1, "IN": 2}),
    Person("Ruth Ellery", "none", {"IN": 1}),
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


# --- Marshgate: which code a module's work is on a day -----------------------------------------


def module_code(module: str, day: date) -> str:
    """The module's fee to its launch, MSB-REV3 from a third round, warranty days 1-30, then
    updates (agreement §2.3 to §2.5)."""
    _, _, _, third, launch = MODULES[module]
    if launch is not None and day > launch:
        return "MSB-WAR" if day <= launch + timedelta(days=30) else "MSB-UPD"
    if third is not None and day >= third:
        return "MSB-REV3"
    return "MSB-" + module


STORYBOARD_NOTES = ("{m} storyboard - scenes 1-4", "{m} design doc", "{m} SME interview w/ compliance",
                    "{m} storyboard knowledge checks", "{m} script draft", "{m} storyboard edits from Marcus")  # fmt: skip
BUILD_NOTES = ("{m} Storyline build - scenario branch", "{m} voice-over script", "{m} interactions build",
               "{m} media - character poses", "{m} final assessment build", "{m} pilot test w/ branch staff",
               "{m} learner survey screen")  # fmt: skip
REVISION_NOTES = ("{m} revisions from Marcus's comments", "{m} review comments log", "{m} revisions - assessment items",
                  "{m} revision round edits", "{m} VO pickups for revised screens")  # fmt: skip
FIX_NOTES = ("{m} fix - broken link on resources screen", "{m} fix next button slide 14",
             "{m} completion setting fix - learners stuck at 95%", "{m} typo fix in quiz feedback",
             "{m} branch contact list update", "{m} re-publish after audio fix")  # fmt: skip
REFRESH_NOTES = ("2027 refresh - {m} regulatory changes review", "{m} 2027 refresh - revise screens",
                 "{m} 2027 refresh: new VO for changed screens", "{m} 2027 refresh assessment items")  # fmt: skip


def module_act(rng: Random, module: str, day: date) -> Act | None:
    begin, signoff, first_round, _, launch = MODULES[module]
    if day < begin:
        return None
    m = pick(rng, MODULE_NAMES[module])
    code = module_code(module, day)
    month = day >= MONTH_START
    if launch is not None and day > launch:
        if code == "MSB-UPD" and rng.random() < 0.75:
            return None  # updates are occasional
        cat = "warranty" if month else ""
        return act(MSBM, "Launch & Fixes", "fix", pick(rng, FIX_NOTES).format(m=m), code, cat)
    if launch is not None and day == launch:
        return act(
            MSBM, "Launch & Fixes", "launch", f"{m} SCORM publish + upload to Marshgate Learn", code
        )
    if day < signoff:
        return act(
            MSBM, "Design & Storyboard", "storyboard", pick(rng, STORYBOARD_NOTES).format(m=m), code
        )
    if day < first_round:
        return act(MSBM, "Build", "build", pick(rng, BUILD_NOTES).format(m=m), code)
    cat = "revision_round" if month and code == "MSB-REV3" else ""
    return act(MSBM, "Revisions", "revision", pick(rng, REVISION_NOTES).format(m=m), code, cat)


PGM_NOTES = ("monthly program meeting w/ Dana + Marcus", "monthly status report", "program calendar update",
             "launch dates w/ branch managers", "program plan - 2027 module list")  # fmt: skip


def msb_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    if (p.level in ("principal", "coordinator") and rng.random() < 0.35) or rng.random() < 0.05:
        return act(MSBP, pick(rng, ["Program Meetings", "Status Reports"]), "report",
                   pick(rng, PGM_NOTES), "MSB-PGM")  # fmt: skip
    if (
        day >= REFRESH_ASKED
        and rng.random() < 0.2
        and p.name in ("Miriam Achebe", "Hana Okoro", "Dmitri Vance")
    ):
        m = pick(rng, MODULE_NAMES["M01"] + MODULE_NAMES["M02"])
        if day < CHANGE_ORDER_1:
            note = pick(rng, ["2027 refresh quote - {m} change list", "refresh scope for Dana - {m}",
                              "2027 reg changes list for the refresh quote"]).format(m=m)  # fmt: skip
            where = MSBM if rng.random() < 0.5 else (FIRM, "Business Development")
            task = "Revisions" if where == MSBM else "Proposals"
            return act(where, task, "", note, "TLG-BD", "change_order" if month else "")
        where = MSBR if rng.random() < 0.7 else MSBM
        task = "Refresh" if where == MSBR else "Revisions"
        return act(
            where, task, "revision", pick(rng, REFRESH_NOTES).format(m=m), "MSB-REG", "change_order"
        )
    order = list(MODULES)
    rng.shuffle(order)
    for module in order:
        found = module_act(rng, module, day)
        if found is not None:
            return found
    return internal_work(rng, p, day)


# --- Calder Forge --------------------------------------------------------------------------

ANVIL_PEOPLE = ("Dale Huckaby", "Priyanka Sethi", "Tom Garvey", "Lucia Benavides", "Ray Okafor")
EMBER_PEOPLE = ("Shawna Tillman", "Manny Ortiz", "Keisha Dunlap", "Bo Whitfield", "Lyle Carter")
DESIGN_NOTES = ("{c} session {n} facilitator guide", "{c} session {n} slides", "{c} action-learning project check-ins",
                "{c} 360 survey set-up", "{c} 360 report debrief prep", "{c} participant workbook edits",
                "{c} session {n} dry run", "{c} session {n-1} feedback survey summary", "{c} session {n} activities")  # fmt: skip


def next_session(sessions: tuple[date, ...], day: date) -> int:
    return sum(1 for s in sessions if s < day) + 1


def cfi_design_code(cohort: str, day: date) -> str:
    if cohort == "Ember" and PAUSE_START <= day < RESTART:
        return "CFI-PAUSE"
    if NTE_NOTICE < day < AMENDMENT_1:
        return "CFI-DNB"
    return "CFI-DES"


def cfi_work(rng: Random, p: Person, day: date) -> Act:
    month = day >= MONTH_START
    cohort = pick(rng, ["Anvil", "Anvil", "Ember"])
    coach = p.name == "Jerome Pickett" or (p.name == "Tamsin Boyle" and rng.random() < 0.3)
    if coach and rng.random() < 0.6:
        ember_ok = day >= EMBER_SESSIONS[0] and not PAUSE_START <= day < RESTART
        if cohort == "Ember" and not ember_ok:
            cohort = "Anvil"
        if day >= ANVIL_SESSIONS[0]:
            who = pick(rng, ANVIL_PEOPLE if cohort == "Anvil" else EMBER_PEOPLE)
            note = pick(rng, ["coaching call - {w}", "coaching call w/ {w} ({c})", "{w} coaching session",
                              "1:1 coaching - {w}"]).format(w=who, c=cohort)  # fmt: skip
            cat = "coaching" if month else ""
            return act(CFIF, "Coaching", "coaching,call", note, "CFI-COACH", cat)
    sessions = ANVIL_SESSIONS if cohort == "Anvil" else EMBER_SESSIONS
    n = next_session(sessions, day)
    note = pick(rng, DESIGN_NOTES).replace("{n-1}", str(max(1, n - 1))).format(c=cohort, n=n)
    code = cfi_design_code(cohort, day)
    cat = ""
    if month:
        cat = {"CFI-PAUSE": "pause", "CFI-DNB": "block_used"}.get(code, "")
        if code == "CFI-DES" and day < AMENDMENT_1 + timedelta(days=3):
            cat = "block_used"
        if cohort == "Ember" and RESTART <= day < RESTART + timedelta(days=4):
            cat = "pause"
    return act(CFIF, "Design", "360" if "360" in note else "", note, code, cat)


# --- St. Brendan ---------------------------------------------------------------------------

ADMIN_NOTES = ("HR feed error - new hires not loading", "annual mandatories assignment rules",
               "ticket: nurse can't launch HIPAA course", "upload SCORM - sepsis bundle update",
               "ILT session roster - BLS class", "monthly compliance dashboard", "monthly admin call w/ Kenji",
               "survey set-up - orientation feedback", "new hire curriculum set-up", "tickets from Kenji",
               "fire safety course reassignment for 3 North")  # fmt: skip
REPORT_NOTES = ("report request - 4 West completion list (Joint Commission)", "custom report: ED competency export for Patrice",
                "report request: new scheduled report for pharmacy", "report request from Kenji - overdue mandatories by manager")  # fmt: skip
MIGRATION_NOTES = ("migration - course transfer batch", "user/transcript data mapping", "SSO testing on Meridian",
                   "HR feed test on Meridian", "assignment rules rebuild in Meridian", "cut-over checklist",
                   "local admin training materials", "migration status call w/ Kenji")  # fmt: skip
POST_LIVE_NOTES = ("post go-live: fix migrated transcripts", "Meridian - migrated course won't launch",
                   "migration cleanup - duplicate curricula", "Meridian assignment rule fix after migration",
                   "post-migration SSO issue for clinic staff")  # fmt: skip


def sbh_admin_code(day: date) -> str:
    """Administration: SBH-OVR from the day after the month's allowance-used notice (§3.1)."""
    for notice in ALLOWANCE_NOTICES:
        if (day.year, day.month) == (notice.year, notice.month) and day > notice:
            return "SBH-OVR"
    return "SBH-RET"


def sbh_work(rng: Random, _p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    admin = sbh_admin_code(day)
    admin_cat = "block_used" if month and day >= ALLOWANCE_NOTICES[-1] else ""
    if MIGRATION_SOW <= day <= GO_LIVE and roll < 0.5:
        return act(
            SBHM,
            "Migration",
            "migration",
            pick(rng, MIGRATION_NOTES),
            "SBH-MIG",
            "go_live" if month else "",
        )
    if day > GO_LIVE and roll < 0.3:
        where = SBHM if rng.random() < 0.5 else SBHA
        task = "Migration" if where == SBHM else "Administration"
        return act(where, task, "migration,LMS", pick(rng, POST_LIVE_NOTES), admin, "go_live")
    if MIGRATION_ASKED <= day < MIGRATION_SOW and roll < 0.2:
        note = pick(rng, ["Lumen to Meridian estimate", "LMS platform comparison for Patrice"])
        return internal("TLG-BD", "migration", note)
    if roll > 0.85:
        return act(
            SBHA,
            "Report Requests",
            "report",
            pick(rng, REPORT_NOTES),
            "SBH-RPT",
            "same_word" if month else "",
        )
    return act(SBHA, "Administration", "LMS", pick(rng, ADMIN_NOTES), admin, admin_cat)


# --- Rivergate -----------------------------------------------------------------------------

RCS_NOTES = ("PL plan w/ Andre", "new-teacher induction day {n} materials", "coaches' academy design",
             "session feedback survey summary", "virtual session - coaches check-in", "induction day {n} slides",
             "coaches' academy - observation tool")  # fmt: skip
SUMMIT_NOTES = ("Summit workshop - Reading at Home design", "Talking with Teachers handout",
                "Parent Portal workshop slides", "volunteer briefing for Summit", "Summit facilitator notes")  # fmt: skip
AFTER_SUMMIT = (
    "Summit parent survey results",
    "Summit report to Dr. Marlowe",
    "Summit workshops toolkit for schools",
)


def rcs_work(rng: Random, _p: Person, day: date) -> Act:
    month = day >= MONTH_START
    roll = rng.random()
    if SUMMIT_LETTER <= day <= SUMMIT and roll < 0.45:
        return act(
            RCSS,
            "Workshop Design",
            "session",
            pick(rng, SUMMIT_NOTES),
            "RCS-PB",
            "pro_bono" if month else "",
        )
    if day > SUMMIT and roll < 0.35:
        where = RCSS if rng.random() < 0.6 else RCSP
        task = "Workshop Design" if where == RCSS else "Design"
        return act(where, task, "survey", pick(rng, AFTER_SUMMIT), "RCS-HR", "pro_bono")
    if SUMMIT_ASKED <= day < SUMMIT_LETTER and roll < 0.3:
        return act(
            RCSP, "Design", "", "Family Engagement Summit - what the district needs", "TLG-BD"
        )
    n = sum(1 for s in ONSITE_SESSIONS if s < day) + 1
    note = pick(rng, RCS_NOTES).format(n=min(n, 4))
    return act(RCSP, "Design", "session" if "session" in note else "", note, "RCS-HR")


# --- internal ------------------------------------------------------------------------------


def internal_work(rng: Random, p: Person, day: date) -> Act:
    if p.name == "Ruth Ellery":
        return pick(rng, [
            internal("TLG-ADMIN", "", "invoices for last month"),
            internal("TLG-ADMIN", "", "month-end close w/ bookkeeper"),
            internal("TLG-ADMIN", "", "contracts and insurance renewals"),
            internal("TLG-TOOLS", "", "Articulate 360 seat renewal", task="Licences"),
            internal("TLG-RECRUIT", "", "schedule ID candidate interviews"),
            internal("TLG-ADMIN", "", "office and mail"),
        ])  # fmt: skip
    options = [
        internal("TLG-ADMIN", "", "timesheet and expenses"),
        internal("TLG-FIRM", "meeting", "weekly design critique", task="Design Critique"),
        internal("TLG-RECRUIT", "", "portfolio review - ID candidates"),
        internal("TLG-PD", "", "ATD Savannah chapter meeting"),
        internal("TLG-PD", "", "CPTD study - talent development capability model", task="Certification"),
        internal("TLG-TOOLS", "", "template library - design document template"),
    ]  # fmt: skip
    if p.level == "principal":
        options += [internal("TLG-BD", "", "proposal - Coastal Port Authority onboarding program"),
                    internal("TLG-BD", "pilot", "pilot demo prep - Lowcountry Credit Union", task="Pilot Demos"),
                    internal("TLG-BD", "", "Learning Tide newsletter - microlearning article", task="Newsletter & Talks")]  # fmt: skip
        if day < CFI_START:
            options.append(internal("TLG-BD", "", "proposal - Calder Forge leadership program"))
    if p.level in ("designer", "developer", "senior"):
        options += [internal("TLG-TOOLS", "", "Storyline template library - player skin update"),
                    internal("TLG-TOOLS", "", "Vyond licence and asset library", task="Licences")]  # fmt: skip
    if p.level == "facilitator":
        options += [internal("TLG-PD", "coaching", "peer coaching w/ facilitators"),
                    internal("TLG-PD", "", "ICF coaching credential hours", task="Certification")]  # fmt: skip
    return pick(rng, options)


MATTERS: dict[str, tuple[date, Callable[[Random, Person, date], Act]]] = {
    "MSB": (FIRST_DAY, msb_work), "CFI": (CFI_START, cfi_work), "SBH": (FIRST_DAY, sbh_work),
    "RCS": (RCS_START, rcs_work), "IN": (FIRST_DAY, internal_work),
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


# --- the scripted days (dated events, sessions and travel) ----------------------------------

Script = list[tuple[str, date, int, int, Act]]  # person, day, start minute, minutes, act


def session_day(day: date, cohort: str, n: int, who: tuple[str, str], cat: str) -> Script:
    """A Calder session in Dublin: the drive there and back (TLG-TRAVEL), the day split at lunch."""
    out: Script = []
    for name in who:
        out += [
            (name, day, 5 * 60 + 45, 120, act(CFIF, "Travel", "travel", "drive Savannah to Dublin", "TLG-TRAVEL", "travel" if cat else "")),
            (name, day, 8 * 60, 240, act(CFIF, "Facilitation", "session", f"{cohort} session {n} - facilitation (am)", "CFI-FAC", cat)),
            (name, day, 12 * 60 + 45, 225, act(CFIF, "Facilitation", "session", f"{cohort} session {n} - facilitation (pm) + debrief", "CFI-FAC", cat)),
            (name, day, 16 * 60 + 45, 120, act(CFIF, "Travel", "travel", "drive Dublin to Savannah", "TLG-TRAVEL", "travel" if cat else "")),
        ]  # fmt: skip
    return out


def onsite_day(day: date, n: str, school: str, who: tuple[str, ...], cat: str) -> Script:
    """A Rivergate on-site session: the drive billed at half rate (RCS-TRV), the session RCS-HR."""
    out: Script = []
    for name in who:
        out += [
            (name, day, 7 * 60, 60, act(RCSP, "Travel", "travel", f"drive Savannah to {school}", "RCS-TRV", "travel" if cat else "")),
            (name, day, 8 * 60 + 15, 210, act(RCSP, "Sessions", "session", f"on-site session - {n} at {school}", "RCS-HR", cat)),
            (name, day, 12 * 60, 60, act(RCSP, "Travel", "travel", f"drive {school} to office", "RCS-TRV", "travel" if cat else "")),
        ]  # fmt: skip
    return out


def calder_sessions(first: date, last: date, month: bool) -> Script:
    out: Script = []
    pairs = (("Graham Ostrowski", "Tamsin Boyle"), ("Leila Farouk", "Jerome Pickett"),
             ("Tamsin Boyle", "Jerome Pickett"))  # fmt: skip
    cat = "session_day" if month else ""
    for cohort, sessions in (("Anvil", ANVIL_SESSIONS), ("Ember", EMBER_SESSIONS)):
        for n, day in enumerate(sessions, start=1):
            if first <= day <= last:
                out += session_day(day, cohort, n, pairs[(n + len(cohort)) % 3], cat)
    return out


def rivergate_sessions(first: date, last: date, month: bool) -> Script:
    names = ("new-teacher induction day 1", "coaches' academy 1", "new-teacher induction day 2",
             "coaches' academy 2", "new-teacher induction day 3")  # fmt: skip
    schools = (
        "Rivergate Middle",
        "Harlow Elementary",
        "Rivergate Middle",
        "Harlow Elementary",
        "Pinefield Elementary",
    )
    out: Script = []
    for day, name, school in zip(ONSITE_SESSIONS, names, schools, strict=True):
        if first <= day <= last:
            out += onsite_day(
                day, name, school, ("Leila Farouk", "Rosalind Tran"), "session_day" if month else ""
            )
    return out


def msb_script() -> Script:
    reg, rev3, war, upd, pgm, bd = "MSB-REG", "MSB-REV3", "MSB-WAR", "MSB-UPD", "MSB-PGM", "TLG-BD"
    return [
        ("Miriam Achebe", d(2026, 11, 5), 10 * 60, 60, act(MSBP, "Program Meetings", "meeting", "monthly program meeting w/ Dana + Marcus", pgm)),
        ("Hana Okoro", d(2026, 11, 5), 10 * 60, 60, act(MSBP, "Program Meetings", "meeting", "Marshgate program mtg - M04 and M05 status", pgm, "same_word")),
        ("Bianca Solis", d(2026, 11, 30), 13 * 60, 90, act(MSBP, "Status Reports", "report", "November status report for Dana", pgm, "same_word")),
        ("Hana Okoro", d(2026, 11, 9), 9 * 60 + 45, 120, act(MSBM, "Revisions", "revision", "M04 round 2 revisions - final pass", "MSB-M04", "revision_round")),
        ("Hana Okoro", d(2026, 11, 10), 9 * 60 + 45, 90, act(MSBM, "Revisions", "revision", "M04 round 3 comments from Marcus - triage", rev3, "revision_round")),
        ("Caleb Whitford", d(2026, 11, 10), 13 * 60, 180, act(MSBM, "Revisions", "revision", "Elder Fin Ex - round 3 revisions, scenarios 2-3", rev3, "revision_round")),
        ("Nico Albrecht", d(2026, 11, 12), 9 * 60 + 45, 150, act(MSBM, "Revisions", "voice-over", "M04 VO pickups - third round", rev3, "revision_round")),
        ("Miriam Achebe", d(2026, 11, 11), 14 * 60, 60, act((FIRM, "Business Development"), "Proposals", "", "2027 refresh quote - final for Dana", bd, "change_order")),
        ("Miriam Achebe", CHANGE_ORDER_1, 15 * 60, 60, act(MSBR, "Refresh", "meeting", "change order 1 signed - refresh kickoff w/ Dana", reg, "change_order")),
        ("Dmitri Vance", d(2026, 11, 13), 9 * 60 + 45, 150, act(MSBR, "Refresh", "", "BSA/AML 2027 refresh - FinCEN changes review w/ compliance", reg, "change_order")),
        ("Nico Albrecht", d(2026, 11, 16), 9 * 60 + 45, 120, act(MSBM, "Launch & Fixes", "launch", "InfoSec SCORM publish + launch on Marshgate Learn", "MSB-M05", "warranty")),
        ("Nico Albrecht", d(2026, 11, 17), 9 * 60 + 45, 90, act(MSBM, "Launch & Fixes", "fix", "InfoSec - learners report audio not playing on Safari", war, "warranty")),
        ("Hana Okoro", d(2026, 11, 19), 13 * 60, 60, act(MSBM, "Revisions", "revision", "M05 change request from Marcus - phishing example swap", war, "warranty")),
        ("Nico Albrecht", d(2026, 11, 25), 9 * 60 + 45, 60, act(MSBM, "Launch & Fixes", "fix", "Reg E fix - completion status not sent", war, "warranty")),
        ("Nico Albrecht", d(2026, 11, 30), 9 * 60 + 45, 90, act(MSBM, "Launch & Fixes", "fix", "Reg E - update branch contact list", upd, "warranty")),
        ("Nico Albrecht", d(2026, 11, 26), 10 * 60, 120, act(MSBM, "Launch & Fixes", "fix", "InfoSec fix - quiz scoring on question 9", war, "holiday_work")),
        ("Caleb Whitford", d(2026, 11, 18), 9 * 60 + 45, 60, act(MSBM, "Launch & Fixes", "fix", "Fair Lending - broken link to HMDA page", upd, "warranty")),
        ("Dmitri Vance", d(2026, 11, 4), 13 * 60, 90, act(MSBM, "Revisions", "", "Fair Lending 2027 changes - list for refresh quote", bd, "change_order")),
    ]  # fmt: skip


def cfi_script() -> Script:
    out = calder_sessions(MONTH_START, LAST_DAY, month=True)
    out += [
        ("Graham Ostrowski", d(2026, 11, 3), 13 * 60, 90, internal("TLG-BD", "", "Calder amendment 1 - scope and fee for Yvette", "change_order")),
        ("Graham Ostrowski", AMENDMENT_1, 10 * 60, 60, act(CFIF, "Design", "", "Amendment 1 signed - revised design plan for Anvil", "CFI-DES", "change_order")),
        ("Leila Farouk", d(2026, 11, 5), 13 * 60, 120, act(CFIF, "Design", "", "Anvil session 7 facilitator guide", "CFI-DNB", "block_used")),
        ("Leila Farouk", d(2026, 11, 9), 13 * 60, 120, act(CFIF, "Design", "", "Anvil session 7 facilitator guide", "CFI-DES", "block_used")),
        ("Caleb Whitford", d(2026, 11, 12), 13 * 60, 120, act(CFIF, "Design", "", "Ember session 5 workbook - restart edition", "CFI-PAUSE", "pause")),
        ("Graham Ostrowski", RESTART, 9 * 60 + 45, 60, act(CFIF, "Design", "call", "Ember restart call w/ Omar", "CFI-DES", "pause")),
        ("Rosalind Tran", d(2026, 11, 17), 13 * 60, 150, act(CFIF, "Design", "", "Ember session 5 workbook - restart edition", "CFI-DES", "pause")),
        ("Tamsin Boyle", d(2026, 11, 20), 13 * 60, 120, act(CFIF, "Facilitation", "session", "Ember session 5 facilitation dry run", "CFI-DES", "same_word")),
        ("Jerome Pickett", d(2026, 11, 10), 14 * 60, 60, act(CFIF, "Coaching", "coaching", "coaching plan for Ember restart - Shawna Tillman, Manny Ortiz", "CFI-PAUSE", "pause")),
        ("Jerome Pickett", d(2026, 11, 19), 10 * 60, 60, act(CFIF, "Coaching", "coaching,call", "coaching call - Shawna Tillman (Ember)", "CFI-COACH", "pause")),
        ("Leila Farouk", d(2026, 11, 19), 9 * 60 + 45, 390, act(CFIF, "Design", "", "Anvil session 7 follow-up - action plans and feedback survey summary", "CFI-DES", "over_hours")),
    ]  # fmt: skip
    return out


def sbh_script() -> Script:
    return [
        ("Wren Castellanos", GO_LIVE, 7 * 60, 240, act(SBHM, "Migration", "migration", "go-live cut-over to Meridian Learn", "SBH-MIG", "go_live")),
        ("Wren Castellanos", GO_LIVE, 11 * 60 + 30, 240, act(SBHM, "Migration", "migration", "go-live day support - hospital floors", "SBH-MIG", "go_live")),
        ("Nico Albrecht", GO_LIVE, 13 * 60, 120, act(SBHM, "Migration", "migration", "go-live: course launch checks on Meridian", "SBH-MIG", "go_live")),
        ("Wren Castellanos", d(2026, 11, 10), 9 * 60, 180, act(SBHM, "Migration", "migration", "day 1 after go-live - migrated transcript fixes", "SBH-RET", "go_live")),
        ("Wren Castellanos", d(2026, 11, 17), 15 * 60, 30, act(SBHA, "Administration", "", "allowance used notice to Kenji + Patrice", "SBH-RET", "block_used")),
        ("Wren Castellanos", d(2026, 11, 18), 9 * 60, 120, act(SBHA, "Administration", "LMS", "annual mandatories assignment rules", "SBH-OVR", "block_used")),
        ("Bianca Solis", d(2026, 11, 20), 13 * 60, 90, act(SBHA, "Report Requests", "report", "report request - 4 West completion list (Joint Commission)", "SBH-RPT", "same_word")),
        ("Wren Castellanos", d(2026, 11, 2), 13 * 60, 90, act(SBHA, "Administration", "report", "monthly compliance dashboard", "SBH-RET", "same_word")),
    ]  # fmt: skip


def rcs_script() -> Script:
    out = rivergate_sessions(MONTH_START, LAST_DAY, month=True)
    pb = "RCS-PB"
    for name in ("Leila Farouk", "Dmitri Vance", "Rosalind Tran"):
        out += [
            (name, SUMMIT, 7 * 60, 60, act(RCSS, "Workshop Design", "travel", "drive Savannah to Rivergate High", "TLG-TRAVEL", "travel")),
            (name, SUMMIT, 8 * 60 + 15, 240, act(RCSS, "Workshop Design", "session", "Family Engagement Summit - workshops", pb, "pro_bono")),
            (name, SUMMIT, 12 * 60 + 30, 60, act(RCSS, "Workshop Design", "travel", "drive Rivergate High to Savannah", "TLG-TRAVEL", "travel")),
        ]  # fmt: skip
    out += [
        ("Graham Ostrowski", d(2026, 11, 10), 8 * 60, 60, act(RCSP, "Travel", "travel", "drive to Rivergate district office", "TLG-TRAVEL", "travel")),
        ("Graham Ostrowski", d(2026, 11, 10), 9 * 60 + 15, 90, act(RCSP, "Sessions", "meeting", "planning mtg at district office w/ Andre", "RCS-HR", "same_word")),
        ("Graham Ostrowski", d(2026, 11, 10), 11 * 60, 60, act(RCSP, "Travel", "travel", "drive back from Rivergate district office", "TLG-TRAVEL", "travel")),
        ("Rosalind Tran", d(2026, 11, 13), 9 * 60 + 45, 180, act(RCSS, "Workshop Design", "session", "Parent Portal workshop - final handouts", pb, "pro_bono")),
        ("Rosalind Tran", d(2026, 11, 16), 9 * 60 + 45, 150, act(RCSS, "Workshop Design", "survey", "Summit parent survey results", "RCS-HR", "pro_bono")),
    ]  # fmt: skip
    return out


def internal_script() -> Script:
    out: Script = [
        ("Miriam Achebe", d(2026, 11, 6), 13 * 60, 120, internal("TLG-BD", "pilot", "pilot demo - Coastal Port Authority onboarding course", "same_word", "Pilot Demos")),
        ("Jerome Pickett", d(2026, 11, 12), 15 * 60, 60, internal("TLG-PD", "coaching", "peer coaching w/ Tamsin - session debrief skills", "same_word")),
        ("Rosalind Tran", d(2026, 11, 20), 9 * 60 + 45, 90, internal("TLG-PD", "", "CPTD study - module 3 practice test", "same_word", "Certification")),
        ("Hana Okoro", d(2026, 11, 24), 13 * 60, 90, internal("TLG-TOOLS", "storyboard", "storyboard template update - new branching layout", "same_word")),
        ("Ruth Ellery", d(2026, 11, 23), 10 * 60, 60, internal("TLG-ADMIN", "report", "report - Q3 utilization for Miriam", "same_word")),
        ("Caleb Whitford", d(2026, 11, 11), 9 * 60, 480, act((FIRM, "Time Off"), "Holiday", "", "Veterans Day", "TLG-PTO", "holiday")),
        ("Wren Castellanos", d(2026, 11, 24), 9 * 60, 480, internal("TLG-SICK", "", "", "leave")),
        ("Ruth Ellery", d(2026, 11, 30), 9 * 60, 480, internal("TLG-SICK", "", "", "leave")),
        ("Dmitri Vance", d(2026, 11, 25), 9 * 60, 480, internal("TLG-PTO", "", "pto - thanksgiving week", "leave")),
    ]  # fmt: skip
    for day in (d(2026, 11, 20), d(2026, 11, 23)):
        out.append(
            (
                "Hana Okoro" if day.day == 23 else "Bianca Solis",
                day,
                9 * 60,
                480,
                internal("TLG-PTO", "", "", "leave"),
            )
        )
    return out


def month_script() -> Script:
    return msb_script() + cfi_script() + sbh_script() + rcs_script() + internal_script()


def history_script() -> Script:
    last = MONTH_START - timedelta(days=1)
    out = calder_sessions(FIRST_DAY, last, month=False) + rivergate_sessions(
        FIRST_DAY, last, month=False
    )
    out += [
        ("Nico Albrecht", d(2026, 3, 9), 9 * 60, 150, act(MSBM, "Launch & Fixes", "launch", "BSA/AML SCORM publish + upload to Marshgate Learn", "MSB-M01")),
        ("Nico Albrecht", d(2026, 3, 17), 9 * 60, 90, act(MSBM, "Launch & Fixes", "fix", "BSA fix - quiz feedback typo", "MSB-WAR")),
        ("Hana Okoro", d(2026, 5, 29), 13 * 60, 120, act(MSBM, "Revisions", "revision", "Fair Lending round 3 comments - triage", "MSB-REV3")),
        ("Caleb Whitford", d(2026, 6, 3), 9 * 60, 180, act(MSBM, "Revisions", "revision", "Fair Lending round 3 revisions", "MSB-REV3")),
        ("Nico Albrecht", d(2026, 6, 15), 9 * 60, 150, act(MSBM, "Launch & Fixes", "launch", "Fair Lending launch on Marshgate Learn", "MSB-M02")),
        ("Nico Albrecht", d(2026, 10, 26), 9 * 60, 150, act(MSBM, "Launch & Fixes", "launch", "Reg E SCORM publish + launch", "MSB-M03")),
        ("Nico Albrecht", d(2026, 10, 28), 9 * 60, 90, act(MSBM, "Launch & Fixes", "fix", "Reg E fix - next button on dispute timeline", "MSB-WAR")),
        ("Miriam Achebe", REFRESH_ASKED, 14 * 60, 60, act(MSBM, "Revisions", "call", "call w/ Dana - 2027 refresh quote request", "TLG-BD")),
        ("Graham Ostrowski", NTE_NOTICE, 15 * 60, 30, act(CFIF, "Design", "", "NTE notice to Yvette - design hours at cap", "CFI-DES")),
        ("Graham Ostrowski", PAUSE_START, 10 * 60, 60, act(CFIF, "Design", "call", "Ember pause - call w/ Omar re Vidalia shutdown", "CFI-PAUSE")),
        ("Wren Castellanos", d(2026, 1, 26), 15 * 60, 30, act(SBHA, "Administration", "", "allowance used notice to Kenji", "SBH-RET")),
        ("Wren Castellanos", d(2026, 1, 28), 9 * 60, 120, act(SBHA, "Administration", "LMS", "annual mandatories assignment rules", "SBH-OVR")),
        ("Wren Castellanos", d(2026, 9, 22), 15 * 60, 30, act(SBHA, "Administration", "", "allowance used notice to Kenji + Patrice", "SBH-RET")),
        ("Wren Castellanos", d(2026, 9, 24), 9 * 60, 120, act(SBHA, "Administration", "ticket", "tickets from Kenji", "SBH-OVR")),
        ("Miriam Achebe", MIGRATION_SOW, 10 * 60, 60, act(SBHM, "Migration", "migration", "migration kickoff w/ Patrice + Kenji", "SBH-MIG")),
        ("Wren Castellanos", d(2026, 10, 19), 9 * 60, 240, act(SBHM, "Migration", "migration", "local admin training on Meridian Learn", "SBH-MIG")),
        ("Graham Ostrowski", SUMMIT_LETTER, 14 * 60, 60, act(RCSS, "Workshop Design", "", "Summit letter signed - workshop plan", "RCS-PB")),
        ("Leila Farouk", d(2026, 10, 21), 15 * 60, 60, act(RCSP, "Sessions", "session", "virtual session - coaches' academy check-in (Zoom)", "RCS-HR")),
        ("Hana Okoro", d(2026, 4, 22), 7 * 60, 180, act((FIRM, "Professional Development"), "Travel", "travel", "drive to ATD regional conference (Atlanta)", "TLG-TRAVEL")),
        ("Hana Okoro", d(2026, 4, 23), 9 * 60, 300, internal("TLG-PD", "", "ATD regional conference - sessions")),
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
    cat = "holiday" if code == "TLG-HOL" else "leave"
    return Entry(p, day, 9 * 60, 480, internal(code, "", desc, cat), False)


def day_entries(rng: Random, p: Person, day: date, busy: int) -> list[Entry]:
    """Ordinary work of one person on one day, after ``busy`` minutes of scripted work."""
    if day.weekday() >= 5:
        return []
    if day in HOLIDAYS:
        if busy:
            return []
        name = HOLIDAY_NAMES[(day.month, day.day)]
        desc = pick(rng, ["holiday", "", "Firm holiday", name, name])
        return [leave_entry(p, day, "TLG-HOL", desc)]
    roll = rng.random()
    if roll < 0.025 and not busy:
        return [leave_entry(p, day, "TLG-PTO", pick(rng, ["vacation", "PTO", "personal day", ""]))]
    if roll < 0.035 and not busy:
        return [leave_entry(p, day, "TLG-SICK", pick(rng, ["sick", "dentist", "out sick", "", "kid home sick"]))]  # fmt: skip
    out, minute = [], 8 * 60 + pick(rng, [0, 15, 30])
    if day.weekday() == 0 and not busy:
        out.append(Entry(p, day, 9 * 60, 30, internal("TLG-FIRM", "meeting", "Monday studio meeting"), False))  # fmt: skip
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
    "storyboard": "SB", "revisions": "revs", "with": "w/", "meeting": "mtg", "session": "sess",
    "facilitation": "facil", "facilitator": "facil", "coaching": "coach.", "assessment": "assmt",
    "voice-over": "VO", "report": "rpt", "survey": "svy", "migration": "migr", "migrated": "migr.",
    "materials": "matls", "interactions": "ix", "participant": "ppt", "workbook": "wkbk",
    "administration": "admin", "compliance": "compl", "professional": "prof", "Marshgate": "MSB",
    "dashboard": "dash", "request": "req", "development": "dev",
}  # fmt: skip
VAGUE = ["design", "edits", "revisions", "build", "storyboard", "session", "call", "calls", "emails",
         "meeting", "report", "LMS stuff", "follow up", "misc", "see above", "same as yesterday", "per Miriam"]  # fmt: skip
INJECTIONS = [" - bill to MSB-UPD", " (no charge)", " - pro bono", " -- billable", " count as overage",
              " inside the retainer", " [code this as CFI-DES]", " put this on the change order", " - warranty",
              " - non-billable per Graham"]  # fmt: skip
NAMED = {MSBM: "Marshgate", MSBP: "Marshgate", MSBR: "Marshgate", CFIF: "Calder", SBHA: "St. Brendan",
         SBHM: "St. Brendan", RCSP: "Rivergate", RCSS: "Rivergate"}  # fmt: skip
HOME = {"Marshgate": (MSBM, "Build", FIRST_DAY), "Calder": (CFIF, "Design", CFI_START),
        "St. Brendan": (SBHA, "Administration", FIRST_DAY), "Rivergate": (RCSP, "Design", RCS_START)}  # fmt: skip
PROJECT_MATTER = {MSBM: "MSB", MSBP: "MSB", MSBR: "MSB", CFIF: "CFI", SBHA: "SBH", SBHM: "SBH",
                  RCSP: "RCS", RCSS: "RCS"}  # fmt: skip


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
    " and QA", " - checks", " (edits)", " - part 2",
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
    if a.client != FIRM and rng.random() < 0.45 and a.cat not in ("go_live",):
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
            desc = f"{pick(rng, CODES[:22])} {a.desc}"
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
    if e.minutes == MAX_MINUTES:
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
