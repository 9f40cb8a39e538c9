"""``timebill invoices draft`` as a user runs it on the fixture, offline."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import responses
from typer.testing import CliRunner

from app.cli import app
from app.cli.jobs.invoices import InputError, read_prior
from tests.invoices.conftest import DATA, MONTH, RULES

NO_QBO = {
    "TIMEBILL_LLM_PROVIDER": "none",
    "TIMEBILL_QBO_CLIENT_ID": None,
    "TIMEBILL_QBO_CLIENT_SECRET": None,
    "TIMEBILL_QBO_MAPPING_PATH": None,
}


def draft(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        ["invoices", "draft", "--export", str(MONTH), "--rules", str(RULES),
         "--out", str(tmp_path), "--outbox", str(tmp_path / "outbox"), *args],
        env=NO_QBO,
    )  # fmt: skip
    return result.exit_code, result.output


def test_draft_writes_the_preview_and_the_outbox_request(tmp_path: Path) -> None:
    code, output = draft(
        tmp_path, "--client", "Acme", "--period", "2026-10",
        "--tenant", "northwind", "--mapping", str(DATA / "mapping.yaml"),
    )  # fmt: skip

    assert code == 0, output
    preview = (tmp_path / "invoice-acme-2026-10.md").read_text(encoding="utf-8")
    # as classified: 1800 + 495 (a02) + 225 + 41.25 + 1000; a07, a08, a12 wait (over the cap)
    assert "| | **total** | | | | **3,561.25** |" in preview
    assert "3 entries awaiting review (5.50 h), value 907.50, not invoiced." in preview
    assert "| ACME-RET | hours beyond the 5.00 h retainer: needs client approval |" in preview
    assert "Rounding each entry first would give 2,561.26" in preview  # 41.26 vs 41.25
    request = json.loads((tmp_path / "outbox" / "acme-2026-10.json").read_text())
    assert request["request"] == "POST /v3/company/9130355377/invoice"
    assert request["missing_mappings"] == []
    assert [ln["Amount"] for ln in request["Invoice"]["Line"]] == [1800, 495, 225, 41.25, 1000]
    assert "3,561.25" in output


def test_push_without_credentials_leaves_the_request_in_the_outbox(
    tmp_path: Path, rsps: responses.RequestsMock
) -> None:
    code, output = draft(tmp_path, "--client", "acme", "--period", "2026-10", "--push")

    assert code == 0, output
    assert "nothing pushed" in output
    assert [c.request.url for c in rsps.calls] == []  # not one request left the machine
    request = json.loads((tmp_path / "outbox" / "acme-2026-10.json").read_text())
    assert request["request"] == "POST /v3/company/{realm}/invoice"
    assert len(request["missing_mappings"]) == 4  # no mapping: customer and three items
    assert not (tmp_path / "outbox" / "acme-2026-10.sent.json").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--client", "acme", "--period", "2026-13"), "YYYY-MM"),
        (("--client", "initech", "--period", "2026-10"), "no client 'initech'"),
        (("--client", "acme", "--period", "2026-10", "--billed-to-date", "lots"), "not an amount"),
        (("--client", "acme", "--period", "2026-10", "--tenant", "nobody",
          "--mapping", str(DATA / "mapping.yaml")), "has no tenant 'nobody'"),
    ],
)  # fmt: skip
def test_bad_input_exits_2(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    code, output = draft(tmp_path, *args)

    assert code == 2
    assert says in " ".join(output.split())
    assert not (tmp_path / "outbox").exists()


def test_billing_to_date_comes_from_a_csv_or_an_amount() -> None:
    prior = read_prior(DATA / "billed.csv", None, "acme")
    # acme rows only: consult 4.5 h 1000.00, travel 2 h 470.00 (Globex's row is not Acme's)
    assert prior.given
    assert dict(prior.by_code) == {
        "ACME-CONSULT": (Decimal("4.5"), Decimal("1000.00")),
        "ACME-TRAVEL": (Decimal("2"), Decimal("470.00")),
    }
    assert (prior.hours, prior.amount) == (Decimal("6.5"), Decimal("1470.00"))
    assert read_prior(DATA / "billed.csv", Decimal(2000), "acme").amount == Decimal(2000)
    assert not read_prior(None, None, "acme").given


def test_an_unreadable_billing_csv_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "billed.csv"
    bad.write_text("code,hours,amount\nACME-CONSULT,many,10\n", encoding="utf-8")

    with pytest.raises(InputError, match=r"billed.csv:2: hours and amount must be numbers"):
        read_prior(bad, None, "acme")
