"""A tracker connector with credentials from the settings (``timebill pull``, the poll).

Kept apart from ``app.cli.jobs.pull`` (progress bars, CSV layouts): the Lambda poll imports this
without the CLI's dependencies, which the artifact leaves out.
"""

from __future__ import annotations

from pydantic import SecretStr

from app.config import Settings
from app.connectors.base import Connector
from app.errors import ConfigError


def _secret(value: SecretStr | None, name: str) -> str:
    if value is None or not value.get_secret_value():
        raise ConfigError(f"{name} is not set: export it with your API credentials")
    return value.get_secret_value()


def build_connector(settings: Settings, source: str, *, workspace: str | None = None) -> Connector:
    """The connector for ``source`` with credentials from the settings; ``ConfigError`` names
    the missing variable."""
    from app.connectors import clockify_api, harvest_api, qbtime_api, toggl_api  # noqa: PLC0415

    if source == "harvest":
        token = _secret(settings.harvest_token, "TIMEBILL_HARVEST_TOKEN")
        account = _secret(settings.harvest_account_id, "TIMEBILL_HARVEST_ACCOUNT_ID")
        return harvest_api.HarvestApi.connect(token, account)
    if source == "clockify":
        key = _secret(settings.clockify_api_key, "TIMEBILL_CLOCKIFY_API_KEY")
        return clockify_api.ClockifyApi.connect(key, workspace=workspace)
    if source == "toggl":
        token = _secret(settings.toggl_api_token, "TIMEBILL_TOGGL_API_TOKEN")
        return toggl_api.TogglApi.connect(token, workspace=workspace)
    if source == "qbtime":
        return qbtime_api.QbTimeApi.connect(_secret(settings.qbtime_token, "TIMEBILL_QBTIME_TOKEN"))
    raise ConfigError(f"unknown tracker {source!r}: clockify, toggl, harvest or qbtime")
