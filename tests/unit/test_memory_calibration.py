"""Memory's confidence measured on held-out history: a number that means what it says."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from app.classify.batch import learn_evidence
from app.classify.cascade import Cascade
from app.classify.memory import Memory, MemoryStage
from app.classify.memory_calibration import (
    EDGES,
    MemoryTrust,
    bucket,
    cut_date,
    learn_measured,
    split_by_date,
)
from app.classify.rules_stage import RulesStage
from app.domain.decisions import Stage
from app.rules.backtest import Labelled, read_labelled
from app.rules.loader import load_rulebook
from tests.unit.engine_book import book, entry

REPO = Path(__file__).resolve().parents[2]
EMPTY = (0,) * (len(EDGES) - 1)


def _trust(**cells: tuple[int, int]) -> MemoryTrust:
    """Cells by bucket lower edge, e.g. ``b080=(100, 99)``: (recalls, right)."""
    matches, right = list(EMPTY), list(EMPTY)
    for name, (n, ok) in cells.items():
        b = EDGES.index(int(name[1:]) / 100)
        matches[b], right[b] = n, ok
    return MemoryTrust(tuple(matches), tuple(right))


def test_a_bucket_that_was_always_right_earns_more_than_memorys_own_number() -> None:
    value, measured, note = _trust(b080=(300, 300)).confidence(0.8)
    assert measured
    assert value == round((300 + 10 * 0.8) / 310, 4)
    assert "300 held-out recalls" in note


def test_a_bucket_that_was_often_wrong_earns_less() -> None:
    value, measured, _ = _trust(b095=(200, 150)).confidence(0.96)
    assert measured
    assert value < 0.8


def test_without_measurement_memorys_own_number_stands() -> None:
    assert MemoryTrust(EMPTY, EMPTY).confidence(0.87) == (0.87, False, "")
    assert _trust(b080=(50, 50)).confidence(0.91) == (0.91, False, "")


def test_a_lower_number_never_earns_more_than_a_higher_one() -> None:
    trust = _trust(b060=(40, 40), b080=(200, 180), b090=(300, 297))
    pooled = [acc for n, acc in trust.pooled() if n]
    assert pooled == sorted(pooled)
    assert trust.pooled()[bucket(0.65)][1] == trust.pooled()[bucket(0.82)][1] == 220 / 240


def test_history_is_split_by_work_date_newest_quarter_held_out() -> None:
    start = date(2026, 1, 5)
    items = [
        Labelled(entry(f"task {i}", work_date=start + timedelta(days=i)), "N-P2", "h.csv", i)
        for i in range(20)
    ]
    older, newer = split_by_date(items[::-1])
    assert len(older) == 15
    assert len(newer) == 5
    assert max(h.entry.work_date for h in older) < min(h.entry.work_date for h in newer)


def test_learning_history_measures_recall_on_its_newer_part_and_learns_all_of_it() -> None:
    start = date(2026, 1, 5)
    texts = [("weekly ops sync with dana", "N-P2"), ("drive to fresno depot", "N-TRAVEL")]
    items = [
        Labelled(entry(text, work_date=start + timedelta(days=i)), code, "h.csv", i)
        for i in range(40)
        for text, code in texts
    ]
    memory = Memory()
    trust = learn_measured(book(), memory, items)
    assert memory.trust is trust
    assert sum(trust.matches) == sum(trust.right) == 20  # the newest quarter, all recalled right
    assert len(memory) == 80
    stage = MemoryStage(memory)
    cascade = Cascade(book(), [RulesStage(), stage], memory=memory)
    decided = cascade.classify(entry("weekly ops sync with dana"))
    assert decided.stage is Stage.MEMORY
    assert "held-out recalls" in decided.reason


def test_the_streamed_history_measures_and_learns_exactly_what_the_list_does(
    tmp_path: Path,
) -> None:
    """``learn_evidence`` reads the history in a stream (compact rows kept, the newest rows kept
    parsed for the held-out sample); memory's trust and every recall match the whole-list path."""
    history = REPO / "examples" / "demo_firm" / "data" / "history.csv"
    rules = load_rulebook(REPO / "sow_rules")
    labelled, _ = read_labelled(history, "Approved Code")
    listed = Memory(0.5)
    trust = learn_measured(rules, listed, labelled)
    streamed = Memory(0.5)
    learn_evidence(rules, streamed, history, "Approved Code")
    assert sum(trust.matches) > 0  # the demo history is long enough to be measured
    assert streamed.trust == trust
    for item in labelled[::7]:
        client = rules.resolve_client(item.entry.client, item.entry.project)
        assert streamed.recall(client, item.entry.description) == listed.recall(
            client, item.entry.description
        )


def test_the_cut_date_is_the_work_date_at_the_held_out_share() -> None:
    days = Counter({date(2026, 1, d): 1 for d in range(1, 9)})  # 8 entries, 8 days
    assert cut_date(days) == date(2026, 1, 7)  # the newest quarter: days 7 and 8
    assert cut_date(Counter({date(2026, 1, 1): 5, date(2026, 1, 2): 1})) is None
    assert cut_date(Counter({date(2026, 1, 1): 1})) is None


def test_the_newest_rows_are_kept_and_only_the_others_read_again() -> None:
    from app.classify.memory_calibration import Newest  # noqa: PLC0415

    start = date(2026, 1, 1)
    items = [
        Labelled(entry(f"call {i}", work_date=start + timedelta(days=(i * 7) % 40)), "X", "h", i)
        for i in range(1, 41)
    ]
    newest = Newest(size=40)  # room for 40 * 0.25 * 1.25 + 16 = 28 rows
    for item in items:
        newest.add(item)
    by_date = sorted(items, key=lambda i: (i.entry.work_date, i.row))
    kept_rows = {i.row for i in by_date[-newest.keep :]}
    asked: list[set[int]] = []

    def read(missing: set[int]) -> list[Labelled]:
        asked.append(missing)
        return [i for i in items if i.row in missing]

    picked = {i.row for i in by_date[-10:]}  # the newest ten: all kept
    assert {i.row for i in newest.rows(picked, read)} == picked
    assert asked == []
    oldest = by_date[0].row  # older than anything kept: read again, alone
    assert oldest not in kept_rows
    got = list(newest.rows(picked | {oldest}, read))
    assert sorted(i.row for i in got) == sorted(picked | {oldest})
    assert asked == [{oldest}]


def test_a_history_label_is_read_as_the_code_it_names_and_an_unknown_one_stays_evidence(
    tmp_path: Path,
) -> None:
    """A label in another case or with spaces is the rules' code; one naming no code of the
    rules (a code the rules lack) is kept as written: still learned, still counted against a
    rule that matches its entry."""
    firm = REPO / "examples" / "second_firm"
    rules = load_rulebook(firm / "sow_rules")
    head, *rows = (firm / "data" / "history.csv").read_text(encoding="utf-8").splitlines()[:400]
    original = tmp_path / "original.csv"
    original.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    unknown = [*rows]
    unknown[1] = rows[1][: rows[1].rindex(",")] + ",ZZ-NOPE"  # social content: rule ao-social
    written = tmp_path / "history.csv"
    written.write_text("\n".join([head, *unknown]) + "\n", encoding="utf-8")
    loose_rows = [f"{r[: r.rindex(',')]}, {r[r.rindex(',') + 1 :].lower()} " for r in unknown]
    loose = tmp_path / "loose.csv"
    loose.write_text("\n".join([head, *loose_rows]) + "\n", encoding="utf-8")

    before = learn_evidence(rules, Memory(0.5), original, "Approved Code")
    as_written = learn_evidence(rules, Memory(0.5), written, "Approved Code")
    as_loose = learn_evidence(rules, Memory(0.5), loose, "Approved Code")

    assert as_written.problems == as_loose.problems == []
    assert as_loose.learned == as_written.learned == len(rows)
    assert sum(t.right for t in as_written.calibration.rules.values()) > 0
    assert as_loose.calibration == as_written.calibration
    wrong = {r: t.matches - t.right for r, t in as_written.calibration.rules.items()}
    was = {r: t.matches - t.right for r, t in before.calibration.rules.items()}
    more_wrong = {r: n - was[r] for r, n in wrong.items() if n != was[r]}
    assert more_wrong == {("alder-oak", "ao-social"): 1}
