"""The ``Writer`` port on QuickBooks Online: one TimeActivity per decided entry.

What goes into the TimeActivity (QBO has no custom fields on it, so the billing code travels
as the service item, the billable status, the rate and the description):

- ``TxnDate`` the work date; ``NameOf`` "Employee" with ``EmployeeRef``; ``CustomerRef`` and
  ``ItemRef`` from ``QboMapping`` (client, person and billing code to QBO ids). A missing
  mapping is a final ``QboMappingError`` naming each missing key, never a guess.
- ``Hours``/``Minutes``: the hours **as worked**. The billable fraction (travel at 50%) is
  billed through the rate instead: ``HourlyRate = SOW rate x fraction``. Time is a fact that
  payroll, utilisation reports and the tracker agree on; the fraction is a billing term, and a
  rate carries it without rounding anyone's time to the minute. QBO's amount (hours x rate)
  then equals the decision's amount. The rate comes only from the decision (the SOW rate
  card): nothing from the model or the entry text reaches it.
- ``BillableStatus`` "Billable" for a billable decision that needs no review, else
  "NotBillable". A fixed-fee code has no hourly rate: it is written with ``HourlyRate`` 0, so
  QBO never prices it from the item (the SOW bills it by milestone). A decision that needs
  review is written (if the worker chooses to) as NotBillable with a ``REVIEW`` marker.
- ``Description``: what the person wrote, then one ``[timebill]`` line with the code, the
  billed share and a short reason with its SOW clause.

One entry, one TimeActivity for its whole life: the caller names the record the entry already
has (``record_id``, kept in the entry ledger) and the writer brings it in line with the newest
version: read, merge what timebill owns into it, save with its ``SyncToken``. A record QBO says
is invoiced (``BillableStatus`` ``HasBeenBilled``, or a ``LinkedTxn`` to an Invoice) is never
changed: ``InvoicedError`` carries the difference to a person. ``delete`` removes the record of
an entry deleted at the source, or, when QBO refuses the delete, marks it NotBillable with a
note; a record saved in QBO since it was read (5010) is read again for the delete too.

Echoes end here: ``unchanged`` compares only the fields timebill owns (date, person, customer,
item, billable status, rate, duration, description), references by ``value``. python-quickbooks
reads references back as ``{"name", "type", "value"}`` and fills defaults of its own
(``Taxable``, ``sparse``, ``domain``), so comparing whole bodies would save every record again,
and each save fires another Update webhook.

Idempotency: every save carries a ``requestid`` derived from tenant, entry key, a version and
the operation, the same on every retry. A create's is ``create_key`` (the ledger's generation
and part, not the entry version): a second create for the same entry, from a retry or from an
edit racing the first delivery, gets QBO's first answer back instead of a second record, and
is then updated to the newest content. An update reads the record first, merges, and sends its
current ``SyncToken``; its operation names the record and that ``SyncToken``, because QBO
answers a repeated ``requestid`` with the first answer, so the retry after a stale
``SyncToken`` (5010) must be a new request. That retry re-reads, up to ``conflict_retries``
times; then the conflict is final (the item goes to review).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from app.domain.decisions import Decision
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, Tenant
from app.domain.ledger import entry_key_of
from app.domain.mapping import QboMapping, load_mappings
from app.errors import InvoicedError, UpstreamError, UpstreamKind

__all__ = [
    "MappingProvider",
    "QboMapping",
    "QboMappingError",
    "QuickBooksWriter",
    "load_mappings",
    "mapping_provider",
    "request_id",
    "time_activity_body",
    "unchanged",
    "without_marker",
]

SYSTEM = "quickbooks"
MARKER = "[timebill]"
MAX_DESCRIPTION = 4000  # QBO's limit on TimeActivity.Description
_REASON_CHARS = 200
_READ_ONLY = frozenset({"MetaData"})
# What timebill writes into a TimeActivity; everything else on the record is someone else's.
_REFS = ("EmployeeRef", "CustomerRef", "ItemRef")
_PLAIN = ("TxnDate", "NameOf", "BillableStatus", "Description")
_NUMBERS = ("HourlyRate", "Hours", "Minutes")
DELETED_NOTE = f"{MARKER} DELETED at the source: not billable"


# A tenant's mapping as of now: looked up on every write, so an edit in the store applies at once.
MappingProvider = Callable[[str], QboMapping | None]


def mapping_provider(mappings: Mapping[str, QboMapping] | MappingProvider) -> MappingProvider:
    """A provider from a fixed ``{tenant: mapping}`` (tests, one-off runs) or a provider."""
    if isinstance(mappings, Mapping):
        return dict(mappings).get
    return mappings


class QboMappingError(UpstreamError):
    """The entry names a client, person or code with no QuickBooks record mapped to it."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(
            SYSTEM, UpstreamKind.MAPPING, retryable=False,
            message="no QuickBooks mapping for " + ", ".join(missing),
        )  # fmt: skip
        self.missing = missing


class QboTimeApi(Protocol):
    """What the writer needs from ``quickbooks_client.QboApi``."""

    def read_time_activity(self, tenant: str, realm: str, record_id: str) -> dict[str, Any]: ...

    def save_time_activity(
        self, tenant: str, realm: str, body: dict[str, Any], *, request_id: str
    ) -> dict[str, Any]: ...

    def delete_time_activity(
        self, tenant: str, realm: str, record_id: str, sync_token: str, *, request_id: str
    ) -> None: ...


class QuickBooksWriter:
    system = SYSTEM

    def __init__(
        self,
        api: QboTimeApi,
        mappings: Mapping[str, QboMapping] | MappingProvider,
        *,
        conflict_retries: int = 3,
    ) -> None:
        self.api = api
        self.mapping_for = mapping_provider(mappings)
        self.conflict_retries = conflict_retries

    def write(
        self, tenant: Tenant, item: InboxItem, decision: Decision, *,
        record_id: str | None = None, create_key: str = "",
    ) -> str:  # fmt: skip
        """The id of the TimeActivity written: ``record_id`` updated, or one created."""
        entry = item.entry
        if entry is None:
            raise UpstreamError(
                SYSTEM, UpstreamKind.BAD_REQUEST, retryable=False, message="no entry to write"
            )
        mapping = self._mapping(tenant)
        ours = time_activity_body(entry, decision, mapping)
        target = record_id or (entry.external_id if entry.source is Source.QUICKBOOKS else None)
        if target is not None:
            return self._update(tenant.id, mapping.realm, target, ours, entry)
        rid = request_id(tenant.id, entry.key, create_key or entry.version, "create")
        saved = self.api.save_time_activity(tenant.id, mapping.realm, ours, request_id=rid)
        made = _record_id(saved)
        if unchanged(saved, merged(saved, ours)):
            return made
        # QBO answered this requestid before (an earlier version's create): that record is the
        # entry's; bring it up to date instead of making another.
        return self._update(tenant.id, mapping.realm, made, ours, entry)

    def delete(self, tenant: Tenant, item: InboxItem, record_id: str) -> str:
        """Delete the TimeActivity of an entry deleted at the source (``deleted``); if QBO
        refuses, mark it NotBillable with a note (``marked not billable``). ``InvoicedError``
        when it is invoiced; a record already gone is ``already gone``."""
        mapping = self._mapping(tenant)
        key = entry_key_of(item) or item.id
        for _ in range(1 + self.conflict_retries):
            try:
                return self._delete(tenant.id, mapping.realm, record_id, key)
            except InvoicedError:
                raise
            except UpstreamError as exc:
                # Saved in QuickBooks since we read it (5010): read again, as an update does.
                if exc.kind is not UpstreamKind.CONFLICT:
                    raise
        attempts = 1 + self.conflict_retries
        raise _conflict(f"TimeActivity {record_id} stayed stale over {attempts} deletes (5010)")

    def _delete(self, tenant: str, realm: str, record_id: str, key: str) -> str:
        try:
            current = self.api.read_time_activity(tenant, realm, record_id)
        except UpstreamError as exc:
            if _not_found(exc):
                return "already gone"
            raise
        if invoiced(current):
            raise InvoicedError(SYSTEM, record_id, "deleted at the source")
        token = str(current.get("SyncToken", ""))
        rid = request_id(tenant, key, "deleted", f"delete:{record_id}:{token}")
        try:
            self.api.delete_time_activity(tenant, realm, record_id, token, request_id=rid)
        except UpstreamError as exc:
            if _not_found(exc):
                return "already gone"
            if exc.kind is not UpstreamKind.BAD_REQUEST:
                raise
            self._mark_deleted(tenant, realm, record_id, key)
            return "marked not billable"
        return "deleted"

    def _mapping(self, tenant: Tenant) -> QboMapping:
        mapping = self.mapping_for(tenant.id)
        if mapping is None:
            raise QboMappingError((f"tenant {tenant.id!r} (no realm)",))
        return mapping

    def _mark_deleted(self, tenant: str, realm: str, record_id: str, key: str) -> None:
        current = self.api.read_time_activity(tenant, realm, record_id)
        said = without_marker(str(current.get("Description", "")))
        body = merged(
            current,
            {
                "BillableStatus": "NotBillable",
                "Description": f"{said}\n{DELETED_NOTE}" if said else DELETED_NOTE,
            },
        )
        body.pop("HourlyRate", None)
        if unchanged(current, body):
            return
        operation = f"mark-deleted:{record_id}:{current.get('SyncToken', '')}"
        rid = request_id(tenant, key, "deleted", operation)
        self.api.save_time_activity(tenant, realm, body, request_id=rid)

    def _update(
        self, tenant: str, realm: str, record_id: str, ours: dict[str, Any], entry: TimeEntry
    ) -> str:
        for _ in range(1 + self.conflict_retries):
            current = self.api.read_time_activity(tenant, realm, record_id)
            body = merged(current, ours)
            if unchanged(current, body):
                # Nothing to say that the record does not already say: saving would only fire
                # another webhook, which would come back here. This is what ends the loop.
                return record_id
            if invoiced(current):
                raise InvoicedError(SYSTEM, record_id, difference(current, body))
            operation = f"update:{record_id}:{current.get('SyncToken', '')}"
            rid = request_id(tenant, entry.key, entry.version, operation)
            try:
                return _record_id(self.api.save_time_activity(tenant, realm, body, request_id=rid))
            except UpstreamError as exc:
                if exc.kind is not UpstreamKind.CONFLICT:
                    raise
        attempts = 1 + self.conflict_retries
        raise _conflict(f"TimeActivity {record_id} stayed stale over {attempts} attempts (5010)")


def request_id(tenant: str, entry_key: str, version: str, operation: str) -> str:
    """QBO's idempotency key: 35 characters (<= 50, and <= 36 for batch ``bId`` too)."""
    seed = "\x1f".join((tenant, entry_key, version, operation)).encode()
    return "tb-" + hashlib.sha256(seed).hexdigest()[:32]


def time_activity_body(entry: TimeEntry, decision: Decision, mapping: QboMapping) -> dict[str, Any]:
    customer, employee, item = _refs(entry, decision, mapping)
    billable = decision.billable and not decision.needs_review
    minutes = int((entry.hours * 60).quantize(Decimal(1), ROUND_HALF_UP))
    body: dict[str, Any] = {
        "TxnDate": _iso(entry.work_date),
        "NameOf": "Employee",
        "EmployeeRef": {"value": employee},
        "CustomerRef": {"value": customer},
        "ItemRef": {"value": item},
        "BillableStatus": "Billable" if billable else "NotBillable",
        "Hours": minutes // 60,
        "Minutes": minutes % 60,
        "Description": description(entry, decision),
    }
    if billable:
        body["HourlyRate"] = float(billed_rate(decision))
    return body


def billed_rate(decision: Decision) -> Decimal:
    """The SOW rate times the billable fraction; 0 for a code with no hourly rate."""
    if decision.rate is None:
        return Decimal(0)
    return decision.rate * decision.billable_fraction


def description(entry: TimeEntry, decision: Decision) -> str:
    said = without_marker(entry.description)  # a record we wrote comes back with our line
    terms = decision.code or "no code"
    if decision.billable and decision.billable_fraction != 1:
        terms += f" billed at {_percent(decision.billable_fraction)}%"
    reason = " ".join(decision.reason.split())[:_REASON_CHARS]
    clause = f" ({decision.sow_clause})" if decision.sow_clause else ""
    review = "REVIEW: " if decision.needs_review else ""
    note = f"{MARKER} {review}{terms}: {reason}{clause}"
    room = MAX_DESCRIPTION - len(note) - 1
    return f"{said[:room]}\n{note}" if said else note[:MAX_DESCRIPTION]


def without_marker(text: str) -> str:
    """``text`` without our ``[timebill]`` line(s): what the person wrote."""
    return "\n".join(line for line in text.splitlines() if not line.startswith(MARKER)).strip()


def merged(current: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """QBO replaces the whole record on update: keep what we do not own, overlay the rest."""
    body = {key: value for key, value in current.items() if key not in _READ_ONLY}
    body.update(ours)
    if "HourlyRate" not in ours:
        body.pop("HourlyRate", None)
    if "StartTime" in current and "EndTime" in current:
        # The record was kept as start/end: the time is the person's, leave it as it is.
        body.pop("Hours", None)
        body.pop("Minutes", None)
    return body


def unchanged(current: dict[str, Any], body: dict[str, Any]) -> bool:
    """Would saving ``body`` change anything timebill owns in ``current``?

    Only our fields count, references by ``value`` (python-quickbooks reads them back with a
    ``name`` and a ``type``), numbers by value (``150`` is ``150.0``). A field we do not send
    (``HourlyRate`` on a non-billable record, ``Hours`` on a record kept as start/end) must be
    absent from both.
    """
    return not _differences(current, body)


def invoiced(record: dict[str, Any]) -> bool:
    """QuickBooks says the record is billed: ``HasBeenBilled``, or linked to an invoice."""
    if record.get("BillableStatus") == "HasBeenBilled":
        return True
    links = record.get("LinkedTxn") or []
    return any(isinstance(link, dict) and link.get("TxnType") == "Invoice" for link in links)


def difference(current: dict[str, Any], body: dict[str, Any]) -> str:
    """What saving ``body`` would change, for a person: ``Hours 2 -> 3; Description ...``."""
    return (
        "; ".join(
            f"{key} {_shown(old)} -> {_shown(new)}" for key, old, new in _differences(current, body)
        )
        or "no difference"
    )


def _differences(current: dict[str, Any], body: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    found: list[tuple[str, Any, Any]] = []
    for key in _REFS:
        ref_was, ref_now = _ref(current.get(key)), _ref(body.get(key))
        if ref_was != ref_now:
            found.append((key, ref_was, ref_now))
    for key in _PLAIN:
        was, now = current.get(key), body.get(key)
        if key == "BillableStatus" and was == "HasBeenBilled" and now == "Billable":
            continue  # billed is what billable becomes: not a change of ours
        if (was or None) != (now or None):
            found.append((key, was, now))
    for key in _NUMBERS:
        number_was, number_now = _number(current.get(key)), _number(body.get(key))
        if number_was != number_now:
            found.append((key, number_was, number_now))
    return found


def _ref(value: Any) -> str | None:
    if isinstance(value, dict):
        ident = value.get("value")
        return None if ident in (None, "") else str(ident)
    return None if value in (None, "") else str(value)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).normalize()
    except ArithmeticError:
        return None


def _shown(value: Any) -> str:
    text = "-" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _not_found(exc: UpstreamError) -> bool:
    return "fault 610" in exc.message


def _refs(entry: TimeEntry, decision: Decision, mapping: QboMapping) -> tuple[str, str, str]:
    wanted = (
        ("client", decision.client_id, mapping.customers, "Customer"),
        ("employee", entry.user_ref, mapping.employees, "Employee"),
        ("code", decision.code, mapping.items, "Item"),
    )
    found: list[str] = []
    missing: list[str] = []
    for label, key, table, entity in wanted:
        value = table.get(key) if key else None
        if value is None:
            missing.append(f"{label} {key!r} (QuickBooks {entity})" if key else f"{label} (none)")
        else:
            found.append(value)
    if missing:
        raise QboMappingError(tuple(missing))
    return found[0], found[1], found[2]


def _record_id(saved: dict[str, Any]) -> str:
    record = saved.get("Id")
    if not record:
        raise UpstreamError(
            SYSTEM, UpstreamKind.INVALID_RESPONSE, retryable=False, message="saved without an Id"
        )
    return str(record)


def _conflict(message: str) -> UpstreamError:
    return UpstreamError(SYSTEM, UpstreamKind.CONFLICT, retryable=False, message=message)


def _percent(fraction: Decimal) -> str:
    return format((fraction * 100).normalize(), "f")


def _iso(day: date) -> str:
    return day.isoformat()
