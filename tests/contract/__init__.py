"""The Store contract: one suite, run against every Store adapter."""

import pytest

# The contract lives outside a test_*.py module; ask pytest to rewrite its asserts anyway so a
# failing check shows the values that differ.
pytest.register_assert_rewrite("tests.contract.store_contract")
