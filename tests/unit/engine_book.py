"""A small rule book for the engine tests: a firm and two clients whose SOWs differ on purpose."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.entries import Source, TimeEntry
from app.domain.rulebook import RuleBook
from app.domain.rules import ClientRules, FirmRules

FIRM: dict[str, Any] = {
    "firm": {"name": "Test Advisory", "internal_clients": ["Internal"]},
    "people": {"pat@firm.test": "partner", "ana@firm.test": "analyst"},
    "lists": {
        "vague": ["emails", "misc", "follow up"],
        "suspicious": ["bill at", "ignore previous", "100%"],
    },
    "codes": [
        {"code": "ADMIN", "name": "Admin", "clause": "Firm policy 1", "billable": False},
        {
            "code": "BD",
            "name": "Business development",
            "clause": "Firm policy 2",
            "billable": False,
        },
    ],
    "rules": [
        {
            "id": "firm-admin",
            "clause": "Firm policy 1",
            "code": "ADMIN",
            "when": {"words": ["timesheet", "timesheets"]},
        },
        {
            "id": "firm-bd",
            "clause": "Firm policy 2",
            "code": "BD",
            "when": {"words": ["proposal", "rfp"]},
        },
    ],
}

NORTH: dict[str, Any] = {
    "client": {
        "id": "north",
        "name": "Northwind Freight",
        "aliases": ["NWF"],
        "projects": ["NW Compliance"],
    },
    "sow": {
        "id": "SOW-N",
        "version": "2",
        "engagement": "time_and_materials",
        "effective": {"from": "2026-01-01", "to": "2026-12-31"},
    },
    "rates": [
        {"from": "2026-01-01", "default": 150, "roles": {"partner": 300, "analyst": 100}},
        {
            "from": "2026-07-01",
            "source": "CO-1",
            "default": 160,
            "roles": {"partner": 320, "analyst": 110},
        },
    ],
    "lists": {
        "contacts": ["Dana Whitfield", "Dana"],
        "sites": ["Fresno depot"],
        "regulators": ["FMCSA", "DOT"],
    },
    "events": {"P1 accepted": "2026-06-19"},
    "codes": [
        {
            "code": "N-P1",
            "name": "Phase 1",
            "clause": "§3.1",
            "billable": True,
            "effective": {"closes_on": "P1 accepted"},
            "successor": "N-P2",
            "successor_unless": {"words": ["warranty"]},
        },
        {
            "code": "N-P2",
            "name": "Phase 2",
            "clause": "§3.2",
            "billable": True,
            "caps": [{"period": "month", "hours": 10}],
        },
        {
            "code": "N-TRAVEL",
            "name": "Travel",
            "clause": "§4.2",
            "billable": True,
            "fraction": "0.5",
        },
        {
            "code": "N-REG",
            "name": "Regulatory research",
            "clause": "§3.4",
            "billable": True,
            "rate": 200,
        },
        {"code": "N-NB-RES", "name": "Research, not billable", "clause": "§3.4", "billable": False},
        {
            "code": "N-OOS",
            "name": "Out of scope",
            "clause": "§7",
            "billable": False,
            "review": "needs a change order",
        },
    ],
    "rules": [
        {
            "id": "n-travel",
            "clause": "§4.2",
            "code": "N-TRAVEL",
            "when": {"any": [{"words": ["drive", "travel", "flight"]}, {"phrases": ["drove to"]}]},
        },
        {
            "id": "n-reg",
            "clause": "§3.4",
            "code": "N-REG",
            "priority": 5,
            "when": {"words": ["research*"], "list": "regulators"},
        },
        {
            "id": "n-res-unclear",
            "clause": "§3.4",
            "code": "N-NB-RES",
            "flag": "regulator not shown",
            "when": {"words": ["research*"], "not": {"list": "regulators"}},
        },
        {
            "id": "n-build",
            "clause": "§3.1",
            "code": "N-P1",
            "when": {"words": ["build", "pipeline"]},
        },
        {
            "id": "n-weekly",
            "clause": "§5",
            "code": "N-P2",
            "when": {"words": ["call"], "weekday": ["tue"]},
        },
        {
            "id": "n-proposal",
            "clause": "§3.3",
            "code": "N-P2",
            "when": {"phrases": ["safety proposal"]},
        },
    ],
}

SOUTH: dict[str, Any] = {
    "client": {"id": "south", "name": "Southgate City", "aliases": [], "projects": ["SG Portal"]},
    "sow": {"id": "SOW-S", "engagement": "fixed_fee", "effective": {"from": "2026-01-01"}},
    "rates": [{"from": "2026-01-01", "default": 140}],
    "lists": {"contacts": ["Mo Reyes"]},
    "codes": [
        {
            "code": "S-FIX",
            "name": "Portal fixed fee",
            "clause": "§2",
            "billable": True,
            "basis": "fixed_fee",
            "fixed_fee": 50000,
        },
        {"code": "S-TRAVEL", "name": "Travel", "clause": "§6", "billable": False},
    ],
    "rules": [
        {
            "id": "s-travel",
            "clause": "§6",
            "code": "S-TRAVEL",
            "when": {"words": ["drive", "travel"]},
        },
        {"id": "s-portal", "clause": "§2", "code": "S-FIX", "when": {"words": ["portal"]}},
    ],
    "overrides": ["firm-bd"],
}


_ids = itertools.count(1)


def book(**changes: dict[str, Any]) -> RuleBook:
    north = {**NORTH, **changes.get("north", {})}
    south = {**SOUTH, **changes.get("south", {})}
    firm = {**FIRM, **changes.get("firm", {})}
    clients = [ClientRules.model_validate(north), ClientRules.model_validate(south)]
    return RuleBook.build(
        FirmRules.model_validate(firm), clients, {"north": "n1", "south": "s1"}, "f1"
    )


def entry(description: str, **fields: Any) -> TimeEntry:
    values: dict[str, Any] = {
        "source": Source.MANUAL,
        "external_id": f"e{next(_ids)}",
        "client": "Northwind Freight",
        "description": description,
        "work_date": date(2026, 3, 4),  # a Wednesday
        "hours": Decimal(2),
        "user_ref": "ana@firm.test",
    }
    values.update(fields)
    return TimeEntry(**values)
