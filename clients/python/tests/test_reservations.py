"""Booking through the Python client against a real server: the scenarios of a LIMS."""

import threading
import unittest
from datetime import timedelta

import grpc

from biobank_client import BiobankClient, BiobankError, new_request_id, v1
from tests import server

TWO_HOURS = timedelta(hours=2)


class BookingTest(unittest.TestCase):
    def setUp(self):
        self.lims = server.client("lims-anses")
        self.addCleanup(self.lims.close)

    def booking(self, equipment: str, days: int, hour: int = 9) -> v1.CreateReservationRequest:
        return v1.CreateReservationRequest(
            request_id=new_request_id(),
            reservation=v1.Reservation(equipment=equipment, interval=server.interval(server.ahead(days, hour), TWO_HOURS),
                                       purpose="Imaging of infected organoids", project="AMR-2026"))

    def test_a_lims_books_a_free_slot(self):
        confocal = server.register_confocal()

        reservation = self.lims.reservations.CreateReservation(self.booking(confocal.name, days=2))

        self.assertEqual(reservation.state, v1.RESERVATION_STATE_CONFIRMED)
        self.assertEqual(reservation.equipment, confocal.name)
        self.assertEqual(reservation.booked_by, "lims.maisons-alfort")
        self.assertTrue(reservation.name.startswith("reservations/"))

    def test_a_taken_slot_is_refused_with_its_reason_and_the_conflicting_interval(self):
        confocal = server.register_confocal()
        first = self.lims.reservations.CreateReservation(self.booking(confocal.name, days=3))

        with self.assertRaises(BiobankError) as refused:
            self.lims.reservations.CreateReservation(self.booking(confocal.name, days=3, hour=10))

        error = refused.exception
        self.assertIsInstance(error, grpc.RpcError)
        self.assertEqual(error.code, grpc.StatusCode.FAILED_PRECONDITION)
        self.assertEqual(error.reason, "SLOT_UNAVAILABLE")
        self.assertEqual(error.domain, "biobank")
        self.assertEqual(error.metadata["equipment"], confocal.name)
        self.assertEqual(error.metadata["conflict_kind"], "RESERVATION")
        self.assertEqual(server.parse_time(error.metadata["conflict_start"]), first.interval.start_time.ToDatetime())
        self.assertEqual(server.parse_time(error.metadata["conflict_end"]), first.interval.end_time.ToDatetime())
        self.assertTrue(error.precondition_violations, "a broken rule comes with a PreconditionFailure")
        self.assertIn("SLOT_UNAVAILABLE", str(error))

    def test_a_retry_with_the_same_request_id_returns_the_first_reservation_and_books_nothing_more(self):
        confocal = server.register_confocal()
        request = self.booking(confocal.name, days=4)

        first = self.lims.reservations.CreateReservation(request)
        again = self.lims.reservations.CreateReservation(request)

        self.assertEqual(again, first)
        listed = self.lims.reservations.ListReservations(v1.ListReservationsRequest(equipment=confocal.name))
        self.assertEqual([r.name for r in listed.reservations], [first.name])

    def test_a_request_id_reused_for_another_request_is_invalid(self):
        confocal = server.register_confocal()
        request = self.booking(confocal.name, days=5)
        self.lims.reservations.CreateReservation(request)
        request.reservation.purpose = "Something else"

        with self.assertRaises(BiobankError) as refused:
            self.lims.reservations.CreateReservation(request)

        self.assertEqual(refused.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(refused.exception.reason, "REQUEST_ID_REUSED")
        self.assertEqual(refused.exception.metadata["request_id"], request.request_id)

    def test_invalid_fields_are_listed_as_field_violations(self):
        with self.assertRaises(BiobankError) as refused:
            self.lims.reservations.CreateReservation(v1.CreateReservationRequest(
                request_id=new_request_id(), reservation=v1.Reservation(purpose="No instrument, no interval")))

        error = refused.exception
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(error.reason, "INVALID_FIELDS")
        fields = {violation.field for violation in error.field_violations}
        self.assertIn("reservation.equipment", fields)

    def test_a_call_without_a_token_is_unauthenticated_with_its_reason(self):
        with BiobankClient(server.address()) as anonymous:
            with self.assertRaises(BiobankError) as refused:
                anonymous.directory.GetCallerIdentity(v1.GetCallerIdentityRequest())

        self.assertEqual(refused.exception.code, grpc.StatusCode.UNAUTHENTICATED)
        self.assertEqual(refused.exception.reason, "UNAUTHENTICATED")

    def test_a_watch_streams_the_changes_of_an_instrument(self):
        confocal = server.register_confocal()
        with server.client("facility-anses") as manager:
            with manager.reservations.WatchReservations(
                    v1.WatchReservationsRequest(equipment=confocal.name, resume_after="0"), timeout=30) as changes:
                booked = self.lims.reservations.CreateReservation(self.booking(confocal.name, days=6))
                cancelled = self.lims.reservations.CancelReservation(v1.CancelReservationRequest(
                    request_id=new_request_id(), name=booked.name, reason="Organoids did not grow"))

                first, second = next(changes), next(changes)

        self.assertEqual((first.change, first.reservation.name), ("ReservationBooked", booked.name))
        self.assertEqual((second.change, second.reservation.state), ("ReservationCancelled", cancelled.state))
        self.assertLess(int(first.position), int(second.position))

    def test_a_cancelled_watch_ends_with_cancelled(self):
        confocal = server.register_confocal()
        with server.client("facility-anses") as manager:
            changes = manager.reservations.WatchReservations(v1.WatchReservationsRequest(equipment=confocal.name))
            threading.Timer(0.5, changes.cancel).start()

            with self.assertRaises(BiobankError) as ended:
                next(changes)

        self.assertEqual(ended.exception.code, grpc.StatusCode.CANCELLED)


if __name__ == "__main__":
    unittest.main()
