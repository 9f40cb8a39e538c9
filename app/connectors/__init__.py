"""Tracker API connectors: fetch a date range of time entries page by page (Clockify, Toggl
Track, Harvest, QuickBooks Time), resumable through a cursor file, and poll them on a schedule as
the intake for trackers without webhooks. ``base`` holds the protocol and the HTTP/retry path."""
