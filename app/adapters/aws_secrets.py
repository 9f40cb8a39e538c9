"""Secrets kept in SSM Parameter Store (``SecureString``), read once per cold start.

The Lambda environment carries parameter *names* only (``TIMEBILL_SUPABASE_JWT_SECRET_SSM=
/timebill/prod/supabase-jwt-secret``); the settings source ``app.config.SsmReferences`` calls
``read_parameters`` when the settings are built, which a Lambda does once per cold start
(``get_settings`` is cached), and the values stay in ``SecretStr``. This module is imported
only when a reference is present, so nothing else pays for ``boto3``.
Errors name the parameters, never a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import boto3
from botocore.config import Config
from pydantic import SecretStr

from app.errors import ConfigError

# A cold start waits for this call: fail within seconds, never hang until the Lambda timeout.
_CONFIG = Config(connect_timeout=2, read_timeout=3, retries={"max_attempts": 3, "mode": "standard"})
_BATCH = 10  # GetParameters takes at most ten names


def read_parameters(
    names: Sequence[str], *, client: Any | None = None, region: str | None = None
) -> dict[str, SecretStr]:
    """``{name: value}`` for every name, decrypted. Raises ``ConfigError`` if any is missing."""
    ssm = client or boto3.client("ssm", config=_CONFIG, region_name=region)
    wanted = sorted(set(names))
    found: dict[str, SecretStr] = {}
    missing: list[str] = []
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        try:
            answer = ssm.get_parameters(Names=batch, WithDecryption=True)
        except Exception as exc:
            raise ConfigError(
                f"could not read SSM parameters {', '.join(batch)}: {type(exc).__name__}"
            ) from None
        found.update({p["Name"]: SecretStr(p["Value"]) for p in answer.get("Parameters", [])})
        missing += answer.get("InvalidParameters", [])
    missing += [name for name in wanted if name not in found and name not in missing]
    if missing:
        raise ConfigError(f"SSM parameters not found or not readable: {', '.join(missing)}")
    return found
