"""A local fake QuickBooks Online for TimeActivity, answering python-quickbooks through
``responses``: the real library, the real ``QboApi``, our real writer and reader on top.

What it honours, as QBO documents it: ``requestid`` (a repeated id gets the first answer
again, whatever the body: no second create, no second update); ``SyncToken`` (a full update
must carry the current one, else fault 5010, and each save moves it on); a read of a missing or
deleted record is fault 610 "Object Not Found"; a delete (``?operation=delete``) needs the
current ``SyncToken`` too. Records come back as QBO returns them: references with a ``name``
besides the ``value``, ``domain``, ``sparse``, ``MetaData``. Tests may mark a record invoiced
(``HasBeenBilled``), refuse its delete (fault 6000), or change it as a person would in QBO.
Two faults of the wire can be asked for: ``lose_answers`` saves are applied and then their
answer is lost (the connection resets after QBO committed, as a timeout would leave it), and
``stale_saves`` updates or deletes find that a person saved the record in QuickBooks after we
read it (its ``SyncToken`` moves on: fault 5010).
Used by the service tests, the lifecycle test and ``bench/lifecycle_bench.py``.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
import responses

SANDBOX = "https://sandbox-quickbooks.api.intuit.com/v3/company"
_READ_URL = re.compile(r"https://[^/]+/v3/company/\d+/timeactivity/(?P<id>[^/?]+)(\?.*)?$")
_SAVE_URL = re.compile(r"https://[^/]+/v3/company/\d+/timeactivity(\?.*)?$")
_NOW = "2026-10-14T09:00:00-07:00"


def fault(code: str, message: str, detail: str, kind: str = "ValidationFault") -> str:
    body = {"Fault": {"Error": [{"Message": message, "Detail": detail, "code": code,
                                 "element": ""}], "type": kind}, "time": _NOW}  # fmt: skip
    return json.dumps(body)


@dataclass
class FakeQuickBooks:
    names: dict[str, str] = field(default_factory=dict)  # ref value -> display name
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    refuse_delete: set[str] = field(default_factory=set)
    creates: int = 0
    updates: int = 0
    deletes: int = 0
    reads: int = 0
    replays: int = 0
    stale: int = 0
    lose_answers: int = 0  # the next saves are applied, then the connection resets
    stale_saves: int = 0  # the next updates/deletes meet a person's save since our read
    _answers: dict[str, tuple[int, str]] = field(default_factory=dict)
    _ids: Any = field(default_factory=lambda: itertools.count(1001))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, rsps: responses.RequestsMock) -> None:
        rsps.add_callback(responses.GET, _READ_URL, callback=self._read)
        rsps.add_callback(responses.POST, _SAVE_URL, callback=self._save)

    # -- what a person does in QuickBooks ------------------------------------------------------

    def put(self, record: dict[str, Any]) -> None:
        """A record entered in QuickBooks (as the API would return it)."""
        with self._lock:
            self.records[str(record["Id"])] = copy.deepcopy(record)

    def invoice(self, record_id: str) -> None:
        with self._lock:
            record = self.records[record_id]
            record["BillableStatus"] = "HasBeenBilled"
            record["SyncToken"] = str(int(record["SyncToken"]) + 1)

    def live(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self.records)

    # -- the API -------------------------------------------------------------------------------

    def _read(self, request: Any) -> tuple[int, dict[str, str], str]:
        found_id = _READ_URL.match(request.url)
        assert found_id is not None
        record_id = found_id["id"]
        with self._lock:
            self.reads += 1
            found = self.records.get(record_id)
            if found is None:
                detail = f"Object Not Found : TimeActivity {record_id} was not found"
                return 400, _JSON, fault("610", "Object Not Found", detail)
            return 200, _JSON, json.dumps({"TimeActivity": found, "time": _NOW})

    def _save(self, request: Any) -> tuple[int, dict[str, str], str] | requests.ConnectionError:
        params = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        body = json.loads(request.body)
        rid = params.get("requestid")
        with self._lock:
            if rid and rid in self._answers:
                self.replays += 1
                status, text = self._answers[rid]
                return status, _JSON, text
            if self.stale_saves and str(body.get("Id")) in self.records:
                self.stale_saves -= 1  # a person saved it in QuickBooks after we read it
                self._touch(str(body["Id"]))
            if params.get("operation") == "delete":
                status, text = self._delete(body)
            elif body.get("Id"):
                status, text = self._update(body)
            else:
                status, text = self._create(body)
            if rid:
                self._answers[rid] = (status, text)
            if self.lose_answers:
                self.lose_answers -= 1  # applied, but the answer never reaches us
                return requests.ConnectionError("Connection reset by peer")
            return status, _JSON, text

    def _touch(self, record_id: str) -> None:
        record = self.records[record_id]
        record["SyncToken"] = str(int(record["SyncToken"]) + 1)

    def _create(self, body: dict[str, Any]) -> tuple[int, str]:
        record_id = str(next(self._ids))
        self.creates += 1
        record = self._stored(body, record_id, "0")
        self.records[record_id] = record
        return 200, json.dumps({"TimeActivity": record, "time": _NOW})

    def _update(self, body: dict[str, Any]) -> tuple[int, str]:
        record_id = str(body["Id"])
        current = self.records.get(record_id)
        if current is None:
            return 400, fault("610", "Object Not Found", f"Object Not Found : {record_id}")
        if str(body.get("SyncToken")) != str(current["SyncToken"]):
            self.stale += 1
            return 400, fault("5010", "Stale Object Error", "Stale Object Error : stale")
        self.updates += 1
        record = self._stored(body, record_id, str(int(current["SyncToken"]) + 1))
        record["MetaData"]["CreateTime"] = current["MetaData"]["CreateTime"]
        self.records[record_id] = record
        return 200, json.dumps({"TimeActivity": record, "time": _NOW})

    def _delete(self, body: dict[str, Any]) -> tuple[int, str]:
        record_id = str(body["Id"])
        current = self.records.get(record_id)
        if current is None:
            return 400, fault("610", "Object Not Found", f"Object Not Found : {record_id}")
        if record_id in self.refuse_delete:
            return 400, fault("6000", "A business validation error has occurred while "
                              "processing your request", "Business Validation Error: This "
                              "transaction can't be deleted")  # fmt: skip
        if str(body.get("SyncToken")) != str(current["SyncToken"]):
            self.stale += 1
            return 400, fault("5010", "Stale Object Error", "Stale Object Error : stale")
        self.deletes += 1
        del self.records[record_id]
        return 200, json.dumps({"TimeActivity": {"status": "Deleted", "domain": "QBO",
                                                 "Id": record_id}, "time": _NOW})  # fmt: skip

    def _stored(self, body: dict[str, Any], record_id: str, token: str) -> dict[str, Any]:
        """What QBO keeps and answers: our fields, names on references, its own metadata."""
        record = {k: v for k, v in body.items() if k not in {"Id", "SyncToken", "MetaData"}}
        for key in ("EmployeeRef", "CustomerRef", "ItemRef", "VendorRef"):
            ref = record.get(key)
            if isinstance(ref, dict) and ref.get("value"):
                value = str(ref["value"])
                record[key] = {"name": self.names.get(value, f"{key[:-3]} {value}"),
                               "value": value}  # fmt: skip
        record.update({"Id": record_id, "SyncToken": token, "domain": "QBO", "sparse": False,
                       "MetaData": {"CreateTime": _NOW, "LastUpdatedTime": _NOW}})  # fmt: skip
        record.setdefault("Taxable", False)
        return record


_JSON = {"Content-Type": "application/json"}
