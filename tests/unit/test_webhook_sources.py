"""Webhook sources: signatures on raw bytes, tampering, rotation, accounts, parsing, samples.

Fixtures are in tests/data/webhooks (see its README). Signatures here are computed with hmac and
base64 directly, not with ``app.sources.signing``, so a wrong signer cannot agree with itself.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import hmac
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from app.domain.entries import Source, TimeEntry
from app.domain.inbox import EntityRef, NewItem, SourceAccess
from app.sources import webhooks
from app.sources.registry import webhook_source
from app.sources.signing import sample_body, signed_headers
from app.sources.webhooks import (
    BadPayload,
    BadSignature,
    Intake,
    IntakeError,
    WrongAccount,
    content_hash,
    verify_and_parse,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "webhooks"
APP_SOURCES = Path(__file__).resolve().parents[2] / "app" / "sources"
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
TENANT = "northwind"
SECRET = "whsec-current-7f3a9c21e4b84d0f9a6c"
OLD_SECRET = "whsec-previous-0b1d2e3f4a5b6c7d8e9f"
OTHER_SECRET = "whsec-someone-else-1234567890abcd"
CLOCKIFY, TOGGL, QBO = Source.CLOCKIFY, Source.TOGGL, Source.QUICKBOOKS
ACCOUNT = {CLOCKIFY: "684446430300f917a02c198b", TOGGL: "7435584", QBO: "310687"}
SAMPLE_FILE = {
    CLOCKIFY: "clockify/new_time_entry.json",
    TOGGL: "toggl/time_entry_created.json",
    QBO: "quickbooks/cloudevents_timeactivity.json",
}
SOURCES = [CLOCKIFY, TOGGL, QBO]
SIGNED = [TOGGL, QBO]  # Clockify's static token does not cover the body


def raw(name: str) -> bytes:
    return (DATA / name).read_bytes()


def loaded(name: str) -> Any:
    return json.loads(raw(name))


def access(source: Source, *secrets: str, accounts: tuple[str, ...] = ()) -> SourceAccess:
    return SourceAccess(
        secrets=tuple(SecretStr(s) for s in secrets or (SECRET,)),
        accounts=accounts or (ACCOUNT[source],),
    )


def expected_signature(source: Source, body: bytes, secret: str) -> str:
    """What the sender puts in its signature header, computed independently of app code."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    if source is TOGGL:
        return "sha256=" + digest.hex()
    if source is QBO:
        return base64.b64encode(digest).decode()
    return secret


SIGNATURE_HEADER = {
    CLOCKIFY: "clockify-signature",
    TOGGL: "x-webhook-signature-256",
    QBO: "intuit-signature",
}


def headers(
    source: Source, body: bytes, secret: str = SECRET, event: str = "NEW_TIME_ENTRY"
) -> dict[str, str]:
    found = {SIGNATURE_HEADER[source]: expected_signature(source, body, secret)}
    if source is CLOCKIFY:
        found["clockify-webhook-event-type"] = event
    return found


def deliver(
    source: Source, body: bytes, *, event: str = "NEW_TIME_ENTRY", to: SourceAccess | None = None
) -> Intake:
    return verify_and_parse(
        webhook_source(source.value), headers(source, body, event=event), body,
        tenant=TENANT, access=to or access(source), received_at=NOW,
    )  # fmt: skip


def edited(name: str, change: Any) -> bytes:
    body = loaded(name)
    change(body)
    return json.dumps(body).encode()


def verify(source: Source, found: dict[str, str], body: bytes, to: SourceAccess) -> None:
    webhook_source(source.value).verify(found, body, to)


# --- verification -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_correctly_signed_fixture_verifies(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    verify(source, headers(source, body), body, access(source))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("value", [None, ""])
def test_missing_or_empty_signature_header_fails(source: Source, value: str | None) -> None:
    body = raw(SAMPLE_FILE[source])
    found = headers(source, body)
    if value is None:
        del found[SIGNATURE_HEADER[source]]
    else:
        found[SIGNATURE_HEADER[source]] = value
    with pytest.raises(BadSignature, match="missing"):
        verify(source, found, body, access(source))


@pytest.mark.parametrize("source", SOURCES)
def test_wrong_secret_fails(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    with pytest.raises(BadSignature, match="does not match"):
        verify(source, headers(source, body, OTHER_SECRET), body, access(source))


@pytest.mark.parametrize("source", SOURCES)
def test_either_of_two_active_secrets_verifies_and_neither_other_does(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    rotating = access(source, OLD_SECRET, SECRET)
    verify(source, headers(source, body, SECRET), body, rotating)  # the second one
    verify(source, headers(source, body, OLD_SECRET), body, rotating)
    with pytest.raises(BadSignature):
        verify(source, headers(source, body, OTHER_SECRET), body, rotating)


@pytest.mark.parametrize("source", SOURCES)
def test_every_secret_is_compared_in_constant_time(
    source: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(webhooks.hmac, "compare_digest", spy)
    body = raw(SAMPLE_FILE[source])
    verify(source, headers(source, body, OLD_SECRET), body, access(source, OLD_SECRET, SECRET))
    assert len(calls) == 2  # no early exit when the first secret matches


@pytest.mark.parametrize("source", SIGNED)
def test_one_changed_byte_fails(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    found = headers(source, body)
    at = body.index(b"1234" if source is QBO else b"Dana")
    tampered = body[:at] + bytes([body[at] ^ 1]) + body[at + 1 :]
    with pytest.raises(BadSignature, match="does not match"):
        verify(source, found, tampered, access(source))


@pytest.mark.parametrize("source", SIGNED)
@pytest.mark.parametrize(
    "reserialise",
    [
        json.dumps,
        lambda v: json.dumps(v, separators=(",", ":")),
        lambda v: json.dumps(v, sort_keys=True, indent=2),
    ],
)
def test_same_json_reserialised_fails(source: Source, reserialise: Any) -> None:
    body = raw(SAMPLE_FILE[source])
    again = reserialise(json.loads(body)).encode()
    assert again != body
    assert json.loads(again) == json.loads(body)
    with pytest.raises(BadSignature, match="does not match"):
        verify(source, headers(source, body), again, access(source))


def test_clockify_token_does_not_cover_the_body() -> None:
    """Documented trap (integrations.md 1.2): a static token proves the sender, not the body.

    The worker must re-read the entry from Clockify before writing anything back.
    """
    body = raw(SAMPLE_FILE[CLOCKIFY])
    verify(CLOCKIFY, headers(CLOCKIFY, body), body.replace(b"Test", b"Tost"), access(CLOCKIFY))


def _digest() -> bytes:
    return hmac.new(SECRET.encode(), raw(SAMPLE_FILE[TOGGL]), hashlib.sha256).digest()


MALFORMED = [
    (TOGGL, lambda: _digest().hex(), "not 'sha256='"),  # bare hex, no prefix
    (TOGGL, lambda: "sha1=" + _digest().hex(), "not 'sha256='"),
    (TOGGL, lambda: "SHA256=" + _digest().hex(), "not 'sha256='"),
    (TOGGL, lambda: "sha256=" + _digest().hex()[:-1], "not 'sha256='"),
    (TOGGL, lambda: "sha256=" + _digest().hex()[:-1] + "g", "not 'sha256='"),
    (TOGGL, lambda: "sha256=" + _digest().hex() + " ", "not 'sha256='"),
    (
        TOGGL,
        lambda: "sha256=" + " ".join(_digest().hex()[i : i + 2] for i in range(0, 64, 2)),
        "not 'sha256='",
    ),
    (TOGGL, lambda: "sha256=" + base64.b64encode(_digest()).decode(), "not 'sha256='"),
    (QBO, lambda: _digest().hex(), "not a base64 SHA-256"),
    (QBO, lambda: "!!" + base64.b64encode(_digest()).decode()[2:], "not base64"),
    (QBO, lambda: base64.b64encode(_digest()).decode().rstrip("="), "not base64"),
    (QBO, lambda: base64.b64encode(_digest()[:16]).decode(), "not a base64 SHA-256"),
    (QBO, lambda: "sha256=" + base64.b64encode(_digest()).decode(), "not base64"),
    (QBO, lambda: "é" * 44, "not base64"),
    (CLOCKIFY, lambda: f"Bearer {SECRET}", "does not match"),
    (CLOCKIFY, lambda: f"{SECRET} ", "does not match"),
    (CLOCKIFY, SECRET.upper, "does not match"),
    (CLOCKIFY, lambda: base64.b64encode(SECRET.encode()).decode(), "does not match"),
]


@pytest.mark.parametrize(("source", "value", "message"), MALFORMED)
def test_malformed_signature_value_fails(source: Source, value: Any, message: str) -> None:
    body = raw(SAMPLE_FILE[TOGGL])  # the digest above is over this body
    found = {**headers(source, body), SIGNATURE_HEADER[source]: value()}
    with pytest.raises(BadSignature, match=re.escape(message)):
        verify(source, found, body, access(source))


REFUSALS = [
    (source, case)
    for source in SOURCES
    for case in ("missing", "wrong secret", "tampered", "malformed")
    if not (source is CLOCKIFY and case == "tampered")
]


@pytest.mark.parametrize(("source", "case"), REFUSALS)
def test_refusal_message_never_shows_the_secret_or_expected_digest(
    source: Source, case: str
) -> None:
    body = raw(SAMPLE_FILE[source])
    good = headers(source, body)
    found = {
        "missing": {},
        "wrong secret": headers(source, body, OTHER_SECRET),
        "tampered": good,
        "malformed": {SIGNATURE_HEADER[source]: "sha256=zz" if source is TOGGL else "%%%"},
    }[case]
    sent = body + b" " if case == "tampered" else body
    with pytest.raises(BadSignature) as caught:
        verify(source, found, sent, access(source))
    digest = hmac.new(SECRET.encode(), sent, hashlib.sha256).digest()
    message = str(caught.value)
    assert caught.value.status == 401
    assert 0 < len(message) < 80
    for secret_form in (SECRET, digest.hex(), base64.b64encode(digest).decode()):
        assert secret_form not in message


def test_header_names_are_found_in_any_case() -> None:
    body = raw(SAMPLE_FILE[TOGGL])
    verify(TOGGL, {"X-Webhook-Signature-256": expected_signature(TOGGL, body, SECRET)}, body,
           access(TOGGL))  # fmt: skip


# --- no == on signatures (checklist item 3) ---------------------------------------------------

_SIGNATURE_WORDS = re.compile(
    r"signature|digest|token|secret|(?<![a-z])(?:h?mac|sig)(?![a-z])", re.I
)
_CHECKED = [
    "clockify_webhook.py",
    "toggl_webhook.py",
    "quickbooks_webhook.py",
    "webhooks.py",
    "signing.py",
]


def equality_on_signatures(source: str) -> list[str]:
    """Lines that put ``==``/``!=`` next to a signature word, and AST comparisons of such names."""
    found = [
        line.strip()
        for line in source.splitlines()
        if re.search(r"[!=]=", line) and _SIGNATURE_WORDS.search(line)
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
        ):
            text = ast.unparse(node)
            if _SIGNATURE_WORDS.search(text):
                found.append(text)
    return found


def test_the_signature_check_finds_equality_comparisons() -> None:
    assert equality_on_signatures("ok = given == expected_digest\n")
    assert equality_on_signatures("if (\n    sig_value\n    != computed\n):\n    pass\n")
    assert not equality_on_signatures("ok = hmac.compare_digest(given, expected)\n")


@pytest.mark.parametrize("module", _CHECKED)
def test_no_module_compares_signatures_with_equality(module: str) -> None:
    assert equality_on_signatures((APP_SOURCES / module).read_text()) == []


# --- payloads, accounts -----------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("body", [b"{not json", b'{"a": 1', b"\xff\xfe\x00", b"[" * 100_000])
def test_malformed_json_after_a_valid_signature_is_bad_payload(source: Source, body: bytes) -> None:
    with pytest.raises(BadPayload, match="not valid JSON") as caught:
        deliver(source, body)
    assert caught.value.status == 400


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b'{"description": "caf\xe9"}', "not UTF-8 text at byte 20"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"duration": ' + b"9" * 5000 + b"}", "a number with too many digits"),
    ],
)
def test_json_that_python_cannot_read_says_why(body: bytes, why: str) -> None:
    with pytest.raises(BadPayload) as caught:
        deliver(TOGGL, body)
    assert caught.value.message == f"Toggl body: not valid JSON ({why})"


@pytest.mark.parametrize("source", [CLOCKIFY, TOGGL])
@pytest.mark.parametrize("body", [b'"ping"', b"42", b"[]", b"null"])
def test_body_that_is_not_an_object_is_bad_payload(source: Source, body: bytes) -> None:
    with pytest.raises(BadPayload, match="the body is not an object"):
        deliver(source, body)


@pytest.mark.parametrize("source", SOURCES)
def test_foreign_workspace_or_realm_is_wrong_account(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    with pytest.raises(WrongAccount) as caught:
        deliver(source, body, to=access(source, accounts=("someone-else",)))
    assert caught.value.status == 403


@pytest.mark.parametrize("source", SOURCES)
def test_any_of_the_tenants_accounts_is_accepted(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    alone = deliver(source, body)
    intake = deliver(source, body, to=access(source, accounts=("other", ACCOUNT[source])))
    assert intake == alone
    assert len(intake.items) >= 1


# --- Clockify ---------------------------------------------------------------------------------


def clockify_entry(**changes: Any) -> TimeEntry:
    fields: dict[str, Any] = {
        "source": CLOCKIFY, "external_id": "68453d0cf0c88d522704ab76", "tenant": TENANT,
        "client": "", "project": "Test", "task": "test", "tags": ("new",), "description": "Test",
        "work_date": date(2025, 6, 16), "start": datetime(2025, 6, 16, 7, 5, tzinfo=UTC),
        "end": datetime(2025, 6, 16, 18, 53, tzinfo=UTC), "hours": Decimal("11.8"),
        "billable_flag": True, "user_ref": "684446430300f917a02c198a", "user_name": "johndoe",
        **changes,
    }  # fmt: skip
    entry = TimeEntry.model_validate(fields)
    return entry.model_copy(update={"version": content_hash(entry)})


def test_clockify_new_time_entry_parses_to_one_exact_item() -> None:
    entry = clockify_entry()
    intake = deliver(CLOCKIFY, raw("clockify/new_time_entry.json"))
    assert intake == Intake(items=[NewItem(
        tenant=TENANT, source=CLOCKIFY, event_type="NEW_TIME_ENTRY", entry=entry,
        dedupe_key=f"clockify:68453d0cf0c88d522704ab76:NEW_TIME_ENTRY:{entry.version}",
        received_at=NOW,
    )])  # fmt: skip
    assert re.fullmatch(r"[0-9a-f]{12}", entry.version)


def test_clockify_update_takes_the_work_date_from_the_zoned_start() -> None:
    intake = deliver(CLOCKIFY, raw("clockify/time_entry_updated.json"), event="TIME_ENTRY_UPDATED")
    expected = clockify_entry(
        client="Globex", project="Strategy", task="Workshops", tags=("new", "client-call"),
        description="Q3 strategy call w/ Dana", work_date=date(2025, 6, 17),
        start=datetime(2025, 6, 16, 20, 0, tzinfo=UTC),
        end=datetime(2025, 6, 16, 21, 30, tzinfo=UTC), hours=Decimal("1.5"),
    )  # fmt: skip
    [item] = intake.items
    assert item.entry == expected
    assert item.event_type == "TIME_ENTRY_UPDATED"
    assert (
        item.dedupe_key == f"clockify:{expected.external_id}:TIME_ENTRY_UPDATED:{expected.version}"
    )


def test_clockify_without_zoned_start_or_duration_uses_utc_start_and_end_minus_start() -> None:
    def strip(body: dict[str, Any]) -> None:
        for key in ("zonedStart", "duration"):
            del body["timeInterval"][key]

    [item] = deliver(CLOCKIFY, edited("clockify/time_entry_updated.json", strip)).items
    assert item.entry is not None
    assert (item.entry.work_date, item.entry.hours) == (date(2025, 6, 16), Decimal("1.5"))


@pytest.mark.parametrize(
    ("duration", "hours"),
    [("PT45M", "0.75"), ("PT1H0M20S", "1.0056"), ("PT8H", "8"), ("P1D", "24"), ("PT0S", "0")],
)
def test_clockify_iso_durations(duration: str, hours: str) -> None:
    body = edited(
        "clockify/new_time_entry.json", lambda b: b["timeInterval"].update(duration=duration)
    )
    [item] = deliver(CLOCKIFY, body).items
    assert item.entry is not None
    assert item.entry.hours == Decimal(hours)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b["timeInterval"].pop("start"), "Clockify body: 'timeInterval.start' missing"),
        (lambda b: b.pop("timeInterval"), "'timeInterval.start' missing"),
        (lambda b: b.update(timeInterval=[]), "'timeInterval' is not an object"),
        (
            lambda b: b["timeInterval"].update(duration="11:48"),
            "'timeInterval.duration' is not an ISO",
        ),
        (
            lambda b: b["timeInterval"].update(duration="PT"),
            "'timeInterval.duration' is not an ISO",
        ),
        (
            lambda b: b["timeInterval"].update(start="16/06/2025"),
            "'timeInterval.start' is not an ISO",
        ),
        (lambda b: b["timeInterval"].update(duration="PT25H"), "hours: Input should be less than"),
        (lambda b: b.pop("id"), "'id' missing"),
        (lambda b: b.update(id="x" * 300), "'id' is too long for an id"),
        (lambda b: b.pop("workspaceId"), "'workspaceId' missing"),
        (lambda b: b.update(billable="yes"), "'billable' is not true or false"),
        (lambda b: b.update(tags=[{"name": 7}]), "'tags[0].name' is not a string"),
        (lambda b: b.update(description=["x"]), "'description' is not a string"),
    ],
)
def test_clockify_wrong_shape_is_bad_payload(change: Any, message: str) -> None:
    with pytest.raises(BadPayload, match=re.escape(message)):
        deliver(CLOCKIFY, edited("clockify/new_time_entry.json", change))


@pytest.mark.parametrize("event", ["", "new time entry", "NEW_TIME_ENTRY\n"])
def test_clockify_needs_an_event_name_header(event: str) -> None:
    with pytest.raises(BadPayload, match="Clockify-Webhook-Event-Type"):
        deliver(CLOCKIFY, raw("clockify/new_time_entry.json"), event=event)


@pytest.mark.parametrize(
    ("name", "event", "change"),
    [
        ("clockify/timer_started.json", "NEW_TIMER_STARTED", None),
        (
            "clockify/new_time_entry.json",
            "TIME_ENTRY_UPDATED",
            lambda b: b.update(currentlyRunning=True),
        ),
        (
            "clockify/new_time_entry.json",
            "NEW_TIME_ENTRY",
            lambda b: b["timeInterval"].update(end=None),
        ),
    ],
)
def test_clockify_running_timer_is_ignored(name: str, event: str, change: Any) -> None:
    body = edited(name, change) if change else raw(name)
    intake = deliver(CLOCKIFY, body, event=event)
    assert intake.items == []
    assert len(intake.ignored) == 1
    assert "running timer" in intake.ignored[0]


def test_clockify_identical_resend_dedupes_and_an_edit_is_a_new_version() -> None:
    body = raw("clockify/new_time_entry.json")
    [first] = deliver(CLOCKIFY, body).items
    [again] = deliver(CLOCKIFY, json.dumps(json.loads(body)).encode()).items
    assert again == first
    text = edited("clockify/new_time_entry.json", lambda b: b.update(description="Test call"))
    tags = edited("clockify/new_time_entry.json", lambda b: b["tags"].append({"name": "travel"}))
    for changed in (text, tags):
        [edit] = deliver(CLOCKIFY, changed).items
        assert edit.entry is not None
        assert first.entry is not None
        assert edit.entry.external_id == first.entry.external_id
        assert edit.entry.version != first.entry.version
        assert edit.dedupe_key != first.dedupe_key


def test_clockify_same_entry_under_another_event_is_another_key() -> None:
    body = raw("clockify/new_time_entry.json")
    [new] = deliver(CLOCKIFY, body).items
    [stopped] = deliver(CLOCKIFY, body, event="TIMER_STOPPED").items
    assert new.entry == stopped.entry
    assert new.dedupe_key != stopped.dedupe_key


def test_clockify_deleted_entry_with_its_fields_keeps_the_entry() -> None:
    [item] = deliver(
        CLOCKIFY, raw("clockify/time_entry_deleted.json"), event="TIME_ENTRY_DELETED"
    ).items
    entry = clockify_entry()
    assert item == NewItem(
        tenant=TENANT, source=CLOCKIFY, event_type="TIME_ENTRY_DELETED", entry=entry,
        dedupe_key=f"clockify:{entry.external_id}:TIME_ENTRY_DELETED:{entry.version}",
        received_at=NOW,
    )  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        {"id": "68453d0cf0c88d522704ab76", "workspaceId": ACCOUNT[CLOCKIFY]},
        json.loads(raw("clockify/timer_started.json")) | {"id": "68453d0cf0c88d522704ab76"},
    ],
)
def test_clockify_deleted_entry_without_fields_is_a_reference(body: dict[str, Any]) -> None:
    [item] = deliver(CLOCKIFY, json.dumps(body).encode(), event="TIME_ENTRY_DELETED").items
    assert item == NewItem(
        tenant=TENANT, source=CLOCKIFY, event_type="TIME_ENTRY_DELETED", entry=None,
        ref=EntityRef(account=ACCOUNT[CLOCKIFY], entity="TimeEntry", id="68453d0cf0c88d522704ab76"),
        dedupe_key="clockify:68453d0cf0c88d522704ab76:TIME_ENTRY_DELETED:-", received_at=NOW,
    )  # fmt: skip


def test_clockify_events_about_other_things_are_ignored() -> None:
    body = json.dumps({"id": "p1", "name": "New project", "workspaceId": ACCOUNT[CLOCKIFY]})
    intake = deliver(CLOCKIFY, body.encode(), event="NEW_PROJECT")
    assert intake == Intake(ignored=["Clockify event NEW_PROJECT is not about a time entry"])
    with pytest.raises(WrongAccount):
        deliver(
            CLOCKIFY, body.replace(ACCOUNT[CLOCKIFY], "elsewhere").encode(), event="NEW_PROJECT"
        )


# --- Toggl ------------------------------------------------------------------------------------


def test_toggl_ping_is_answered_with_its_validation_code_and_stores_nothing() -> None:
    intake = deliver(TOGGL, raw("toggl/ping.json"))
    assert intake == Intake(reply={"validation_code": "89627dd73f2044f2f73815d665bbce33"})


def test_toggl_ping_without_a_code_gets_an_empty_reply() -> None:
    body = edited(
        "toggl/ping.json", lambda b: [b.pop(k) for k in ("validation_code", "validation_code_url")]
    )
    assert deliver(TOGGL, body) == Intake(reply={})


def test_toggl_ping_is_signed_like_any_event() -> None:
    body = raw("toggl/ping.json")
    with pytest.raises(BadSignature):
        verify(TOGGL, headers(TOGGL, body, OTHER_SECRET), body, access(TOGGL))


def toggl_entry(**changes: Any) -> TimeEntry:
    fields: dict[str, Any] = {
        "source": TOGGL, "external_id": "3050541208", "tenant": TENANT, "project": "193456789",
        "task": "88123004", "tags": ("client-call", "strategy"),
        "description": "Q3 strategy call w/ Dana", "work_date": date(2023, 7, 17),
        "start": datetime(2023, 7, 17, 13, 0, tzinfo=UTC),
        "end": datetime(2023, 7, 17, 14, 15, tzinfo=UTC), "hours": Decimal("1.25"),
        "billable_flag": True, "user_ref": "9547721",
        "changed_at": datetime(2023, 7, 17, 14, 15, 4, tzinfo=UTC), **changes,
    }  # fmt: skip
    entry = TimeEntry.model_validate(fields)
    return entry.model_copy(update={"version": content_hash(entry)})  # not Toggl's ``at``


def test_toggl_created_entry_parses_to_one_exact_item() -> None:
    intake = deliver(TOGGL, raw("toggl/time_entry_created.json"))
    assert intake == Intake(items=[NewItem(
        tenant=TENANT, source=TOGGL, event_type="time_entry.created",
        entry=toggl_entry(),
        dedupe_key="toggl:8023169274705530", received_at=NOW,
    )])  # fmt: skip


def test_toggl_updated_entry_stopped_timer() -> None:
    [item] = deliver(TOGGL, raw("toggl/time_entry_updated.json")).items
    assert item.event_type == "time_entry.updated"
    assert item.dedupe_key == "toggl:8023169274704981"
    assert item.entry == toggl_entry(
        external_id="3050537739", task="", tags=(),
        description="test", start=datetime(2023, 7, 17, 11, 43, 32, tzinfo=UTC),
        end=datetime(2023, 7, 17, 12, 13, 32, tzinfo=UTC), hours=Decimal("0.5"),
        changed_at=datetime(2023, 7, 17, 12, 13, 32, tzinfo=UTC),
    )  # fmt: skip


def test_toggl_version_follows_content_not_at_and_key_follows_event_id() -> None:
    """Toggl's ``at`` moves on every event: an update that changes nothing timebill reads is
    the same version (no work downstream), an edit of the text is a new one."""
    [first] = deliver(TOGGL, raw("toggl/time_entry_created.json")).items
    later = edited(
        "toggl/time_entry_created.json",
        lambda b: b["payload"].update(at="2023-07-18T08:00:00+00:00"),
    )
    text = edited(
        "toggl/time_entry_created.json", lambda b: b["payload"].update(description="call")
    )
    for changed, same in ((later, True), (text, False)):
        [item] = deliver(TOGGL, changed).items
        assert item.entry is not None
        assert first.entry is not None
        assert (item.entry.version == first.entry.version) is same
        assert item.dedupe_key == first.dedupe_key  # same event_id: a resend of one event


@pytest.mark.parametrize(
    "change",
    [None, lambda b: b["payload"].update(duration=-5), lambda b: b["payload"].update(stop=None)],
)
def test_toggl_running_timer_is_ignored(change: Any) -> None:
    name = (
        "toggl/time_entry_created_running.json"
        if change is None
        else "toggl/time_entry_updated.json"
    )
    intake = deliver(TOGGL, edited(name, change) if change else raw(name))
    assert intake.items == []
    assert intake.reply is None
    assert len(intake.ignored) == 1
    assert "running timer" in intake.ignored[0]


def test_toggl_deleted_entry_is_a_reference() -> None:
    intake = deliver(TOGGL, raw("toggl/time_entry_deleted.json"))
    assert intake == Intake(items=[NewItem(
        tenant=TENANT, source=TOGGL, event_type="time_entry.deleted", entry=None,
        ref=EntityRef(account="7435584", entity="TimeEntry", id="3050537739", operation="deleted"),
        dedupe_key="toggl:8023169274706114", received_at=NOW,
    )])  # fmt: skip


def test_toggl_other_models_are_ignored() -> None:
    body = edited("toggl/time_entry_created.json", lambda b: b["metadata"].update(model="project"))
    assert deliver(TOGGL, body) == Intake(ignored=["Toggl project event is not about a time entry"])


@pytest.mark.parametrize("where", ["payload", "metadata"])
def test_toggl_foreign_workspace_in_payload_or_metadata_is_wrong_account(where: str) -> None:
    body = edited("toggl/time_entry_created.json", lambda b: b[where].update(workspace_id="999"))
    with pytest.raises(WrongAccount, match="Toggl workspace"):
        deliver(TOGGL, body)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b.pop("event_id"), "Toggl body: 'event_id' missing"),
        (lambda b: b["payload"].pop("id"), "'payload.id' missing"),
        (
            lambda b: [b[k].pop("workspace_id") for k in ("payload", "metadata")],
            "'payload.workspace_id' missing",
        ),
        (lambda b: b["payload"].update(tags="a,b"), "'payload.tags' is not a list"),
        (lambda b: b["payload"].update(tags=[1]), "'payload.tags' is not a list of names"),
        (lambda b: b["payload"].update(duration="4500"), "'payload.duration' is not a number"),
        (lambda b: b["payload"].update(duration=90_000), "hours: Input should be less than"),
        (lambda b: b["payload"].pop("start"), "'payload.start' missing"),
        (lambda b: b.update(metadata="x"), "'metadata' is not an object"),
    ],
)
def test_toggl_wrong_shape_is_bad_payload(change: Any, message: str) -> None:
    with pytest.raises(BadPayload, match=re.escape(message)):
        deliver(TOGGL, edited("toggl/time_entry_created.json", change))


# --- QuickBooks -------------------------------------------------------------------------------


def qbo_item(entity_id: str, operation: str, key: str) -> NewItem:
    return NewItem(
        tenant=TENANT, source=QBO, event_type=f"TimeActivity.{operation}", entry=None,
        ref=EntityRef(account="310687", entity="TimeActivity", id=entity_id, operation=operation),
        dedupe_key=key, received_at=NOW,
    )  # fmt: skip


def test_qbo_legacy_notification_keeps_time_activities_only() -> None:
    intake = deliver(QBO, raw("quickbooks/legacy_timeactivity.json"))
    assert intake == Intake(
        items=[
            qbo_item(
                "1234", "Create", "qbo:310687:TimeActivity:1234:Create:2025-09-08T20:52:31.657Z"
            ),
            qbo_item(
                "1187", "Update", "qbo:310687:TimeActivity:1187:Update:2025-09-08T20:53:02.114Z"
            ),
        ],
        ignored=["QuickBooks Invoice 145 (Create) is not a TimeActivity"],
    )


def test_qbo_cloudevents_keep_time_activities_only() -> None:
    intake = deliver(QBO, raw("quickbooks/cloudevents_timeactivity.json"))
    assert intake == Intake(
        items=[
            qbo_item("1234", "Create", "qbo:5f0e6a1c-8d4b-4c2a-9a57-0b3c1e7d2f90"),
            qbo_item("1187", "Update", "qbo:c2b7e4d1-3a9f-4e68-b1d5-7f2a0c9e8b43"),
        ],
        ignored=["QuickBooks account 1234 (Create) is not a TimeActivity"],
    )


@pytest.mark.parametrize(
    "name", ["quickbooks/legacy_account.json", "quickbooks/cloudevents_account.json"]
)
def test_qbo_official_samples_name_no_time_activity(name: str) -> None:
    intake = deliver(QBO, raw(name))
    assert intake.items == []
    assert len(intake.ignored) == 1


def test_qbo_legacy_without_last_updated_is_keyed_by_receipt() -> None:
    body = edited(
        "quickbooks/legacy_timeactivity.json",
        lambda b: b["eventNotifications"][0]["dataChangeEvent"]["entities"][0].pop("lastUpdated"),
    )
    key = deliver(QBO, body).items[0].dedupe_key
    assert key == f"qbo:310687:TimeActivity:1234:Create:received {NOW.isoformat()}"


def test_qbo_legacy_ids_too_long_to_key_are_a_400_that_says_so() -> None:
    """The legacy key joins realm, entity, id, operation and lastUpdated: each may be sane
    alone and the key still over the store's 300 characters."""
    body = edited(
        "quickbooks/legacy_timeactivity.json",
        lambda b: b["eventNotifications"][0]["dataChangeEvent"]["entities"][0].update(
            lastUpdated="2025-09-08T20:52:31.657Z" * 13
        ),
    )
    with pytest.raises(BadPayload) as refused:
        deliver(QBO, body)
    assert "dedupe_key" not in refused.value.message
    assert "too long" in refused.value.message


def _foreign_legacy(body: dict[str, Any]) -> None:
    foreign = json.loads(json.dumps(body["eventNotifications"][0]))
    body["eventNotifications"].append(foreign | {"realmId": "999999"})


def _foreign_cloudevent(body: list[dict[str, Any]]) -> None:
    body.insert(1, body[0] | {"id": "another", "intuitaccountid": "999999"})


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("quickbooks/legacy_timeactivity.json", _foreign_legacy),
        ("quickbooks/cloudevents_timeactivity.json", _foreign_cloudevent),
        ("quickbooks/cloudevents_account.json", lambda b: b[0].update(intuitaccountid="9")),
    ],
)
def test_qbo_any_foreign_realm_rejects_the_whole_delivery(name: str, change: Any) -> None:
    with pytest.raises(WrongAccount, match="QuickBooks realm"):
        deliver(QBO, edited(name, change))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"notifications": []}, "'eventNotifications' missing"),
        ({"eventNotifications": {}}, "'eventNotifications' is not a list"),
        (
            {"eventNotifications": [{"dataChangeEvent": {}}]},
            "'eventNotifications[0].realmId' missing",
        ),
        (
            {
                "eventNotifications": [
                    {"realmId": "310687", "dataChangeEvent": {"entities": [{"id": "1"}]}}
                ]
            },
            "'eventNotifications[0].dataChangeEvent.entities[0].name' missing",
        ),
        (
            [{"type": "qbo.timeactivity.created.v1", "id": "e1", "intuitaccountid": "310687"}],
            "'[0].intuitentityid' missing",
        ),
        ([{"id": "e1", "intuitaccountid": "310687"}], "'[0].type' missing"),
        (["x"], "'[0]' is not an object"),
    ],
)
def test_qbo_wrong_shape_is_bad_payload(body: Any, message: str) -> None:
    with pytest.raises(BadPayload, match=re.escape(message)):
        deliver(QBO, json.dumps(body).encode())


def test_qbo_empty_batches_store_nothing() -> None:
    assert deliver(QBO, b"[]") == Intake()
    assert deliver(QBO, b'{"eventNotifications": []}') == Intake()


# --- signing and samples ----------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_signed_headers_round_trip_and_match_the_senders_scheme(source: Source) -> None:
    body = raw(SAMPLE_FILE[source])
    sent = signed_headers(source, body, SECRET)
    lowered = {k.lower(): v for k, v in sent.items()}
    assert lowered[SIGNATURE_HEADER[source]] == expected_signature(source, body, SECRET)
    assert lowered["content-type"] == "application/json"
    verify(source, lowered, body, access(source))
    with pytest.raises(BadSignature):
        verify(source, lowered, body, access(source, OTHER_SECRET))


def test_signed_headers_name_the_clockify_event() -> None:
    sent = signed_headers(CLOCKIFY, b"{}", SECRET, event_type="TIME_ENTRY_DELETED")
    assert sent["Clockify-Webhook-Event-Type"] == "TIME_ENTRY_DELETED"
    assert (
        signed_headers(CLOCKIFY, b"{}", SECRET)["Clockify-Webhook-Event-Type"] == "NEW_TIME_ENTRY"
    )


@pytest.mark.parametrize("source", [Source.HARVEST, Source.QB_TIME, Source.MANUAL])
def test_sources_without_webhooks_cannot_be_signed_or_sampled(source: Source) -> None:
    with pytest.raises(ValueError, match="sends no webhooks"):
        signed_headers(source, b"{}", SECRET)
    with pytest.raises(ValueError, match="sends no webhooks"):
        sample_body(source, account="x")


@pytest.mark.parametrize("source", SOURCES)
def test_sample_body_has_the_fixture_shape(source: Source) -> None:
    fixture = loaded(SAMPLE_FILE[source])
    expected = fixture[:1] if source is QBO else fixture
    assert json.loads(sample_body(source, account=ACCOUNT[source])) == expected


@pytest.mark.parametrize(
    ("source", "account"),
    [(CLOCKIFY, "demo-clockify-workspace"), (TOGGL, "4242"), (QBO, "9130350000000000")],
)
def test_signed_sample_is_accepted_for_any_account(source: Source, account: str) -> None:
    body = sample_body(source, account=account)
    sent = {k.lower(): v for k, v in signed_headers(source, body, SECRET).items()}
    intake = verify_and_parse(
        webhook_source(source.value), sent, body, tenant=TENANT,
        access=access(source, accounts=(account,)), received_at=NOW,
    )  # fmt: skip
    assert len(intake.items) == 1
    assert intake.ignored == []


@pytest.mark.parametrize("source", [CLOCKIFY, TOGGL])
def test_sample_body_overrides_reach_the_entry(source: Source) -> None:
    body = sample_body(source, account=ACCOUNT[source], description="Board prep", billable=False)
    [item] = deliver(source, body).items
    assert item.entry is not None
    assert (item.entry.description, item.entry.billable_flag) == ("Board prep", False)


def test_sample_body_rejects_fields_the_sender_does_not_send() -> None:
    with pytest.raises(ValueError, match="no field descripton"):
        sample_body(CLOCKIFY, account="w", descripton="typo")
    with pytest.raises(ValueError, match="ids only"):
        sample_body(QBO, account="r", description="QuickBooks sends ids, not text")
    [item] = deliver(QBO, sample_body(QBO, account=ACCOUNT[QBO], intuitentityid="77")).items
    assert item.ref is not None
    assert item.ref.id == "77"


# --- registry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_registry_finds_each_source_by_name(source: Source) -> None:
    assert webhook_source(source.value).source is source


@pytest.mark.parametrize("name", ["harvest", "Clockify", "", "webhooks", "__class__"])
def test_registry_unknown_name_is_key_error(name: str) -> None:
    with pytest.raises(KeyError):
        webhook_source(name)


def test_registry_imports_a_source_only_when_asked() -> None:
    code = (
        "import sys; from app.sources.registry import webhook_source; "
        "before = [m for m in sys.modules if m.endswith('_webhook')]; "
        "webhook_source('toggl'); "
        "after = sorted(m for m in sys.modules if m.endswith('_webhook')); print(before, after)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=APP_SOURCES.parents[1],
    )  # fmt: skip
    assert out.stdout.strip() == "[] ['app.sources.toggl_webhook']"


def test_intake_errors_carry_http_statuses() -> None:
    assert (BadSignature.status, WrongAccount.status, BadPayload.status) == (401, 403, 400)
    assert all(issubclass(e, IntakeError) for e in (BadSignature, WrongAccount, BadPayload))
