"""Small rule books and entries for tests: a firm (ADMIN, BD) and two clients, A and B.

Client B's strings are distinctive (``GLX-``, ``globex-``, "Springfield plant") so a test can
assert none of them reaches anything built for client A.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext, RuleBook
from app.domain.rules import ClientRules, FirmRules

CLIENT_A = "acme"
CLIENT_B = "globex"
EMPLOYEE_NAME = "Zelda Quartermain"
EMPLOYEE_EMAIL = "zelda.q@northwind.example"
EMPLOYEE_REF = "emp-4711"
ACME_RATE = Decimal("987.65")


def firm_rules() -> FirmRules:
    return FirmRules.model_validate(
        {
            "firm": {"name": "Northwind Advisory", "internal_clients": ["Northwind"]},
            "people": {"Pat Partner": "engagement-lead", "Sam Senior": "analyst-two"},
            "codes": [
                _code(
                    "ADMIN",
                    "Internal admin",
                    "Firm policy 1.1",
                    billable=False,
                    scope="timesheets, IT, internal meetings",
                ),
                _code(
                    "BD",
                    "Business development",
                    "Firm policy 1.2",
                    billable=False,
                    scope="proposals and pitches for new work",
                ),
            ],
            "rules": [
                _rule("firm-timesheets", "Firm policy 1.1", {"words": ["timesheet*"]}, "ADMIN"),
                _rule("firm-pitch", "Firm policy 1.2", {"phrases": ["new business"]}, "BD"),
            ],
        }
    )


def client_a() -> ClientRules:
    return ClientRules.model_validate(
        {
            "client": {"id": CLIENT_A, "name": "Acme Corp", "aliases": ["ACME"]},
            "sow": _sow("ACME-SOW-7", "2026-01-01", "2026-12-31"),
            "rates": [{"from": "2026-01-01", "default": str(ACME_RATE)}],
            "lists": {"acme-contacts": ["Dana Whitfield", "Lee Ortiz"]},
            "codes": [
                _code(
                    "ACME-STRAT",
                    "Strategy workshops",
                    "SOW 3.1",
                    billable=True,
                    scope="workshops and strategy sessions with Acme leadership",
                ),
                _code(
                    "ACME-TRAVEL",
                    "Travel",
                    "SOW 5.2",
                    billable=True,
                    fraction="0.5",
                    scope="travel to Acme sites",
                ),
                _code(
                    "ACME-REWORK",
                    "Rework",
                    "SOW 6.1",
                    billable=False,
                    scope="fixing the firm's own mistakes",
                ),
            ],
            "rules": [
                _rule(
                    "acme-workshop",
                    "SOW 3.1",
                    {"phrases": ["strategy workshop"], "list": "acme-contacts"},
                    "ACME-STRAT",
                ),
                _rule("acme-travel", "SOW 5.2", {"words": ["travel*", "flight"]}, "ACME-TRAVEL"),
            ],
        }
    )


def client_b() -> ClientRules:
    return ClientRules.model_validate(
        {
            "client": {"id": CLIENT_B, "name": "Globex Industries"},
            "sow": _sow("GLOBEX-MSA-2", "2026-02-01", "2027-01-31"),
            "lists": {"globex-sites": ["Springfield plant"]},
            "codes": [
                _code(
                    "GLX-AUDIT",
                    "Regulatory audit support",
                    "MSA 4.4",
                    billable=True,
                    scope="preparing filings for the Globex regulator",
                ),
                _code(
                    "GLX-PMO",
                    "Programme office",
                    "MSA 2.2",
                    billable=True,
                    scope="weekly Globex steering",
                ),
            ],
            "rules": [
                _rule("globex-audit", "MSA 4.4", {"words": ["audit*"]}, "GLX-AUDIT"),
                _rule("globex-site", "MSA 2.2", {"list": "globex-sites"}, "GLX-PMO"),
            ],
        }
    )


def rulebook() -> RuleBook:
    return RuleBook.build(
        firm_rules(), [client_a(), client_b()], {CLIENT_A: "a1", CLIENT_B: "b1"}, "f1"
    )


def context(client_id: str | None = CLIENT_A) -> ClientContext:
    return rulebook().context(client_id)


def entry(
    description: str = "Strategy workshop with Dana Whitfield", **overrides: Any
) -> TimeEntry:
    """An entry of client A logged by a named employee (who must never reach Claude)."""
    fields: dict[str, Any] = {
        "source": "toggl",
        "external_id": "1001",
        "client": "Acme Corp",
        "project": "Acme strategy",
        "task": "Workshops",
        "tags": ("onsite",),
        "description": description,
        "work_date": date(2026, 3, 2),
        "hours": Decimal("1.5"),
        "billable_flag": True,
        "user_ref": EMPLOYEE_REF,
        "user_name": EMPLOYEE_NAME,
        "user_email": EMPLOYEE_EMAIL,
    }
    fields.update(overrides)
    return TimeEntry.model_validate(fields)


def _code(
    code: str, name: str, clause: str, *, billable: bool, scope: str = "", fraction: str = "1"
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "clause": clause,
        "billable": billable,
        "scope": scope,
        "fraction": fraction,
    }


def _rule(rule_id: str, clause: str, when: dict[str, Any], code: str) -> dict[str, Any]:
    return {"id": rule_id, "clause": clause, "when": when, "code": code}


def _sow(sow_id: str, start: str, end: str) -> dict[str, Any]:
    return {
        "id": sow_id,
        "engagement": "time_and_materials",
        "effective": {"from": start, "to": end},
    }
