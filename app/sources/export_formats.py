"""The tracker export formats ``read_export`` knows, in the order a header is tried."""

from __future__ import annotations

from app.sources.clockify_csv import SPEC as CLOCKIFY
from app.sources.export_cells import ExportSpec
from app.sources.harvest_csv import SPEC as HARVEST
from app.sources.toggl_csv import SPEC as TOGGL

SPECS: tuple[ExportSpec, ...] = (CLOCKIFY, TOGGL, HARVEST)
