"""One tenant's QuickBooks ids: its realm, and client, person and code to QBO records.

Held in the store (``Store.get_mapping``/``put_mapping``) and edited there; a YAML or JSON file
``{tenants: {<tenant>: QboMapping}}`` is the import/export format, and the fallback for
set-ups whose store holds no mapping yet (``TIMEBILL_QBO_MAPPING_PATH``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class QboMapping(BaseModel):
    """One tenant's QuickBooks ids: its realm, and client, person and code to QBO records."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    realm: str = Field(min_length=1)
    customers: dict[str, str] = Field(default_factory=dict)  # client id -> Customer id
    employees: dict[str, str] = Field(default_factory=dict)  # entry user_ref -> Employee id
    items: dict[str, str] = Field(default_factory=dict)  # billing code -> service Item id


class MappingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenants: dict[str, QboMapping]


def parse_mappings(data: Any) -> dict[str, QboMapping]:
    """Mappings per tenant from parsed ``{tenants: {<tenant>: QboMapping}}`` data."""
    return MappingFile.model_validate(data).tenants


def load_mappings(path: Path) -> dict[str, QboMapping]:
    """Mappings per tenant from a YAML or JSON file ``{tenants: {<tenant>: QboMapping}}``."""
    import yaml  # noqa: PLC0415 - the stores hold QboMapping: keep yaml off the webhook path

    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        _refuse_duplicate_keys(root, ())
        return parse_mappings(None if root is None else loader.construct_document(root))
    finally:
        loader.dispose()


def mapping_problem(exc: ValidationError) -> str:
    """The first problem of a mapping file, as ``tenants.acme.realm: <what is wrong>``."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the file"
    return f"{where}: {first['msg']}"


def _refuse_duplicate_keys(node: Any, loc: tuple[str, ...]) -> None:
    """A key twice in one mapping is a ``yaml.YAMLError`` naming it: YAML would keep the last
    value silently (a client mapped to another Customer, a tenant's whole mapping replaced)."""
    import yaml  # noqa: PLC0415

    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_duplicate_keys(item, (*loc, str(index)))
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name is not None and name in seen:
            where = ".".join(loc) or "the top level"
            problem = f"duplicate key {name!r} in {where} (line {key.start_mark.line + 1})"
            raise yaml.constructor.ConstructorError(None, None, problem, key.start_mark)
        if name is not None:
            seen.add(name)
        _refuse_duplicate_keys(value, (*loc, name or "?"))


def dump_mappings(mappings: dict[str, QboMapping]) -> str:
    """The file format ``load_mappings`` reads, as plain YAML."""
    import yaml  # noqa: PLC0415

    data = {"tenants": {t: m.model_dump() for t, m in sorted(mappings.items())}}
    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
