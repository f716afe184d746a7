"""The Biobank server the tests call, started by clients/run-tests.sh: it sets BIOBANK_ADDRESS
(host:port of the gRPC endpoint) and BIOBANK_TOKENS (a JSON file of tokens it minted with the
server's `token` command, by caller)."""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime, timedelta, timezone

from biobank_client import BiobankClient, new_request_id, v1


def address() -> str:
    value = os.environ.get("BIOBANK_ADDRESS")
    if not value:
        raise RuntimeError("BIOBANK_ADDRESS is not set: run these tests with clients/run-tests.sh, which starts a server")
    return value


def token(caller: str) -> str:
    """The token of one of the callers run-tests.sh mints: lims-anses, facility-anses, biobank-anses, lims-inserm."""
    with open(os.environ["BIOBANK_TOKENS"], encoding="utf-8") as tokens:
        return json.load(tokens)[caller]


def client(caller: str, **options) -> BiobankClient:
    return BiobankClient(address(), token=token(caller), **options)


def ahead(days: int, hour: int = 9) -> datetime:
    """A whole hour some days from now, in UTC."""
    day = datetime.now(timezone.utc).replace(hour=hour, minute=0, second=0, microsecond=0)
    return day + timedelta(days=days)


def interval(start: datetime, length: timedelta) -> v1.TimeInterval:
    slot = v1.TimeInterval()
    slot.start_time.FromDatetime(start)
    slot.end_time.FromDatetime(start + length)
    return slot


def register_confocal(equipment_id: str | None = None, rules: v1.BookingRules | None = None) -> v1.Equipment:
    """A new Anses confocal at Maisons-Alfort, registered by its facility manager."""
    with client("facility-anses") as manager:
        return manager.equipment.RegisterEquipment(v1.RegisterEquipmentRequest(
            request_id=new_request_id(),
            equipment_id=equipment_id or f"lsm-{secrets.token_hex(6)}",
            equipment=v1.Equipment(display_name="Zeiss LSM 980 confocal", kind=v1.EQUIPMENT_KIND_CONFOCAL_MICROSCOPE,
                                   site="sites/anses-maisons-alfort", booking_rules=rules)))


def barcode() -> str:
    return f"BC-{secrets.token_hex(8).upper()}"


def parse_time(value: str) -> datetime:
    """A time of an error's metadata (ISO 8601, UTC), as the naive UTC datetime protobuf's ToDatetime gives."""
    return datetime.fromisoformat(value).astimezone(timezone.utc).replace(tzinfo=None)
