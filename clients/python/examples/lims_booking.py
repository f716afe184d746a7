"""The README's LIMS booking example, run by tests/test_readme.py. The README shows the code between
the region markers verbatim; the test keeps the two equal."""

# region lims-booking
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import grpc
from biobank_client import BiobankClient, BiobankError, new_request_id, v1


@dataclass(frozen=True)
class Confirmed:
    reservation: v1.Reservation


@dataclass(frozen=True)
class AwaitingApproval:
    reservation: v1.Reservation


@dataclass(frozen=True)
class SlotTaken:
    start: datetime
    end: datetime | None  # None: out of service with no end


def book(client: BiobankClient, equipment: str, start: datetime, length: timedelta,
         purpose: str, project: str) -> Confirmed | AwaitingApproval | SlotTaken:
    interval = v1.TimeInterval()
    interval.start_time.FromDatetime(start)
    interval.end_time.FromDatetime(start + length)
    request = v1.CreateReservationRequest(
        # One id per booking, kept across retries: the server books it at most once.
        request_id=new_request_id(),
        reservation=v1.Reservation(equipment=equipment, interval=interval, purpose=purpose, project=project),
    )
    attempt = 0
    while True:
        attempt += 1
        try:
            reservation = client.reservations.CreateReservation(request, timeout=10)
        except BiobankError as error:
            if error.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED) and attempt < 5:
                # The booking may or may not have been made: retrying with the same request id is safe.
                time.sleep(attempt)
                continue
            if error.reason == "SLOT_UNAVAILABLE":
                conflict = error.metadata
                return SlotTaken(
                    datetime.fromisoformat(conflict["conflict_start"]),
                    None if conflict["conflict_end"] == "infinity" else datetime.fromisoformat(conflict["conflict_end"]))
            raise
        if reservation.state == v1.RESERVATION_STATE_PENDING_APPROVAL:
            return AwaitingApproval(reservation)  # the owner's facility manager decides
        return Confirmed(reservation)
# endregion


def book_confocal(server: str, token: str, start: datetime) -> str:
    """How a LIMS calls book() and tells its user what became of the booking."""
    # region lims-booking-usage
    with BiobankClient(server, token=token) as biobank:
        booking = book(biobank, "equipment/anses-ma-lsm980", start, timedelta(hours=2),
                       "Imaging of Listeria-infected organoids", "LISTERIA-ORG")
    match booking:
        case Confirmed(reservation):
            return f"Booked: {reservation.name}"
        case AwaitingApproval(reservation):
            return f"{reservation.name} awaits the approval of the instrument's owner"
        case SlotTaken(start=taken_from, end=None):
            return f"Out of service since {taken_from:%Y-%m-%d %H:%M}Z"
        case SlotTaken(start=taken_from, end=taken_until):
            return f"Taken from {taken_from:%Y-%m-%d %H:%M}Z until {taken_until:%Y-%m-%d %H:%M}Z"
    # endregion
