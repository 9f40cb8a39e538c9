"""``timebill poll SOURCE --tenant T [--since DATE]``: one poll of Harvest or QuickBooks Time
into the local service's inbox, as the scheduled Lambda does (``app.service.tracker_poll``).
New items are processed by the local worker thread before the command returns."""

from __future__ import annotations

from datetime import UTC, datetime

from app.cli.console import console, errors
from app.config import Settings
from app.connectors.cursor import CursorError
from app.errors import ConfigError, UpstreamError

EXIT_OK, EXIT_UPSTREAM, EXIT_BAD_INPUT = 0, 1, 2


def run_poll_command(
    settings: Settings, source: str, tenant: str, since: datetime | None = None
) -> int:
    from app.adapters.local_queue import ThreadQueue  # noqa: PLC0415
    from app.factory import build_services  # noqa: PLC0415
    from app.service.tracker_poll import cursor_path, run_poll  # noqa: PLC0415

    start = since.replace(tzinfo=UTC) if since is not None and since.tzinfo is None else since
    services = build_services(settings)
    try:
        result = run_poll(services, tenant, source, since=start)
    except (ValueError, LookupError, ConfigError, CursorError) as exc:
        errors.print(f"[red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    except UpstreamError as exc:
        errors.print(f"[red]error:[/] {exc}")
        errors.print("What was stored is kept: the next poll resumes after the last page.")
        return EXIT_UPSTREAM
    finally:
        if isinstance(services.queue, ThreadQueue):
            services.queue.drain()
            services.queue.stop()
    console.print(
        f"Polled {source} for {tenant}: {result.fetched} entries, {len(result.created)} new "
        f"(enqueued), {result.duplicates} already in the inbox, {len(result.skipped)} left out"
    )
    since_text = result.next_since.isoformat() if result.next_since else "unchanged"
    console.print(
        f"Next poll asks for changes since {since_text} ({cursor_path(settings, tenant, source)})"
    )
    return EXIT_OK
