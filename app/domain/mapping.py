"""One tenant's QuickBooks ids: its realm, and client, person and code to QBO records.

Held in the store (``Store.get_mapping``/``put_mapping``) and edited there; a YAML or JSON file
``{tenants: {<tenant>: QboMapping}}`` is the import/export format, and the fallback for
set-ups whose store holds no mapping yet (``TIMEBILL_QBO_MAPPING_PATH``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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

    return parse_mappings(yaml.safe_load(path.read_text(encoding="utf-8")))


def dump_mappings(mappings: dict[str, QboMapping]) -> str:
    """The file format ``load_mappings`` reads, as plain YAML."""
    import yaml  # noqa: PLC0415

    data = {"tenants": {t: m.model_dump() for t, m in sorted(mappings.items())}}
    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
