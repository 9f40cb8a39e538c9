"""What every ``RulesStore`` must do (schema v8 / migration 0011; v11 / 0015 for what a
version's back-test measured; v13 / 0017 for its rule book): keep every approved version of a
tenant's rules set, whole and unchanged, with its calibration and rule book; exactly one
current version per tenant, moved by a publish (atomically with the new row) or a rollback;
tenants apart; a publish made from a version that is no longer current is refused rather than
silently dropping the other change."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.rules_versions import (
    NewRulesVersion,
    ProposedRule,
    RuleMeasure,
    VersionCalibration,
)
from app.errors import ItemNotFoundError, WriteConflictError
from app.ports import RulesStore, Store
from tests.contract.builders import CEST, TENANT_A, TENANT_B, at, tenant
from tests.contract.store_contract import race

FIRM = "firm:\n  name: Acme — «advisory»\n"  # non-ASCII survives the round trip


def new(tenant_id: str = TENANT_A, **overrides: Any) -> NewRulesVersion:
    fields: dict[str, Any] = {
        "tenant": tenant_id, "files": {"_firm.yaml": FIRM, "acme.yaml": "client:\n  id: acme\n"},
        "approved_by": "Dana Reyes", "approved_at": at(1).astimezone(CEST),
        "source": "import sow_rules", "backtest": "examples: 3 passed; no history given",
    }  # fmt: skip
    fields.update(overrides)
    return NewRulesVersion.model_validate(fields)


class RulesStoreContract:
    @pytest.fixture
    def rules(self, store: Store) -> RulesStore:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        return store  # type: ignore[return-value]  # both stores are RulesStores too

    def test_a_tenant_without_rules_has_no_current_version(self, rules: RulesStore) -> None:
        assert rules.current_rules(TENANT_A) is None
        assert rules.rules_history(TENANT_A) == []
        assert rules.rules_version(TENANT_A, 1) is None

    def test_a_published_version_is_current_and_read_back_whole(self, rules: RulesStore) -> None:
        stored = rules.add_rules_version(new(), based_on=None)
        assert (stored.number, stored.id) == (1, "v1")
        current = rules.current_rules(TENANT_A)
        assert current is not None
        assert (current.number, current.switched_by) == (1, "Dana Reyes")
        assert current.switched_at == at(1)
        again = rules.rules_version(TENANT_A, 1)
        assert again == stored
        assert again.files["_firm.yaml"] == FIRM
        assert again.sha256 == new().sha256

    def test_what_its_back_test_measured_is_kept_with_a_version(self, rules: RulesStore) -> None:
        measured = VersionCalibration(
            entries=120,
            rules=(
                RuleMeasure(client="acme", rule="acme.travel", typed=0.9, matches=12, right=11,
                            sha="0123456789abcdef"),
                RuleMeasure(client="", rule="firm.admin", typed=0.95, matches=0, right=0,
                            sha="fedcba9876543210"),
            ),
            settled=(("acme", "acme.travel", "acme.memo"),),
        )  # fmt: skip
        first = rules.add_rules_version(new(calibration=measured), based_on=None)
        assert first.calibration == measured
        again = rules.rules_version(TENANT_A, 1)
        assert again is not None
        assert again.calibration == measured
        files = {**first.files, "acme.yaml": "client:\n  id: acme\n# changed\n"}
        rules.add_rules_version(new(files=files), based_on=1)  # published with no history
        assert [v.calibration for v in rules.rules_history(TENANT_A)] == [measured, None]

    def test_a_versions_rule_book_is_kept_with_it_and_may_be_filled_in_later(
        self, rules: RulesStore
    ) -> None:
        book = {"format": "1:x", "sha256": "abc", "firm": {"firm": {"name": "Acme — «advisory»"}}}
        first = rules.add_rules_version(new(book=book), based_on=None)
        assert first.book == book
        again = rules.rules_version(TENANT_A, 1)
        assert again is not None
        assert again.book == book
        files = {**first.files, "acme.yaml": "client:\n  id: acme\n# changed\n"}
        rules.add_rules_version(new(files=files), based_on=1)  # written with no book
        assert rules.keep_rules_book(TENANT_A, 2, {**book, "sha256": "def"})
        kept = rules.rules_version(TENANT_A, 2)
        assert kept is not None
        assert (kept.book, kept.files, kept.approved_by) == (
            {**book, "sha256": "def"},
            files,
            "Dana Reyes",
        )
        assert not rules.keep_rules_book(TENANT_A, 3, book)  # no such version
        assert not rules.keep_rules_book(TENANT_B, 1, book)
        assert rules.rules_version(TENANT_B, 1) is None
        # The history lists versions without their books (only a worker compiling reads one).
        assert [v.book for v in rules.rules_history(TENANT_A)] == [None, None]

    def test_each_publish_is_the_next_number_and_older_ones_stay(self, rules: RulesStore) -> None:
        first = rules.add_rules_version(new(), based_on=None)
        files = {**first.files, "acme.yaml": "client:\n  id: acme\n# changed\n"}
        second = rules.add_rules_version(new(files=files, source="proposal x"), based_on=1)
        assert second.number == 2
        assert [v.number for v in rules.rules_history(TENANT_A)] == [1, 2]
        assert rules.rules_version(TENANT_A, 1) == first
        current = rules.current_rules(TENANT_A)
        assert current is not None
        assert current.number == 2

    def test_a_publish_from_a_stale_version_stores_nothing(self, rules: RulesStore) -> None:
        rules.add_rules_version(new(), based_on=None)
        rules.add_rules_version(new(source="second"), based_on=1)
        with pytest.raises(WriteConflictError, match="v2 became current"):
            rules.add_rules_version(new(source="made from v1"), based_on=1)
        with pytest.raises(WriteConflictError):
            rules.add_rules_version(new(source="thinks there is none"), based_on=None)
        assert [v.source for v in rules.rules_history(TENANT_A)] == ["import sow_rules", "second"]

    def test_racing_publishes_from_one_version_keep_exactly_one(self, rules: RulesStore) -> None:
        rules.add_rules_version(new(), based_on=None)

        def publish(i: int) -> str:
            try:
                rules.add_rules_version(new(source=f"racer {i}"), based_on=1)
            except WriteConflictError:
                return "refused"
            return "stored"

        assert sorted(race(4, publish)) == ["refused"] * 3 + ["stored"]
        assert [v.number for v in rules.rules_history(TENANT_A)] == [1, 2]

    def test_a_rollback_moves_the_pointer_and_keeps_every_version(self, rules: RulesStore) -> None:
        rules.add_rules_version(new(), based_on=None)
        rules.add_rules_version(new(source="second"), based_on=1)
        pointer = rules.switch_rules(TENANT_A, 1, by="Ops On Call", now=at(9))
        assert (pointer.number, pointer.switched_by) == (1, "Ops On Call")
        current = rules.current_rules(TENANT_A)
        assert current is not None
        assert (current.number, current.switched_at) == (1, at(9))
        assert len(rules.rules_history(TENANT_A)) == 2
        third = rules.add_rules_version(new(source="after the rollback"), based_on=1)
        assert third.number == 3  # numbers never repeat

    def test_unknown_tenants_and_versions_are_refused(self, rules: RulesStore) -> None:
        with pytest.raises(ItemNotFoundError, match="no tenant 'ghost'"):
            rules.add_rules_version(new("ghost"), based_on=None)
        with pytest.raises(ItemNotFoundError, match="no rules v7"):
            rules.switch_rules(TENANT_A, 7, by="ops", now=at(2))
        assert rules.current_rules(TENANT_A) is None

    def test_tenants_have_their_own_versions(self, rules: RulesStore) -> None:
        rules.add_rules_version(new(), based_on=None)
        other = rules.add_rules_version(new(TENANT_B, source="globex import"), based_on=None)
        assert other.number == 1  # numbered per tenant
        assert [v.source for v in rules.rules_history(TENANT_B)] == ["globex import"]
        with pytest.raises(ItemNotFoundError):
            rules.switch_rules(TENANT_B, 2, by="ops", now=at(2))

    def test_a_proposed_rule_waits_once_until_closed(self, rules: RulesStore) -> None:
        rule = {"id": "acme.learned.yard", "code": "NWF-OPS", "when": {"phrases": ["yard « »"]},
                "examples": [{"text": "yard", "hours": 1.5}]}  # fmt: skip
        first = proposed("acme.learned.yard", rule, minutes=2)
        assert rules.propose_rule(first) is True
        assert rules.propose_rule(proposed("acme.learned.yard", {"id": "x"}, 3)) is False
        assert rules.propose_rule(proposed("acme.learned.dock", {"id": "d"}, 1)) is True
        assert rules.proposed_rules(TENANT_A) == [
            proposed("acme.learned.dock", {"id": "d"}, 1), first]  # fmt: skip
        assert rules.proposed_rules(TENANT_B) == []
        assert rules.close_proposed_rule(TENANT_A, "acme.learned.yard", now=at(4)) is True
        assert rules.close_proposed_rule(TENANT_A, "acme.learned.yard", now=at(5)) is False
        assert rules.close_proposed_rule(TENANT_B, "acme.learned.dock", now=at(5)) is False
        assert [p.rule_id for p in rules.proposed_rules(TENANT_A)] == ["acme.learned.dock"]
        again = proposed("acme.learned.yard", {"id": "acme.learned.yard", "v": 2}, 6)
        assert rules.propose_rule(again) is True  # closed before: may be proposed again
        assert rules.proposed_rules(TENANT_A)[-1] == again

    def test_a_proposal_for_an_unknown_tenant_is_refused(self, rules: RulesStore) -> None:
        with pytest.raises(ItemNotFoundError, match="no tenant 'ghost'"):
            rules.propose_rule(proposed("x.learned.a", {"id": "a"}, 0, tenant_id="ghost"))


def proposed(
    rule_id: str, rule: dict[str, Any], minutes: float, tenant_id: str = TENANT_A
) -> ProposedRule:
    return ProposedRule(tenant=tenant_id, rule_id=rule_id, rules_file="northwind.yaml",
                        rule=rule, proposed_at=at(minutes).astimezone(CEST))  # fmt: skip
