"""The thin layer on its own, against an in-process fake server: token, deadline, retries, request ids."""

import threading
import unittest
import uuid
from concurrent import futures

import grpc

from biobank_client import BiobankClient, BiobankError, new_request_id, v1


class FakeReservations:
    """Answers CreateReservation UNAVAILABLE a given number of times, then books; records each attempt."""

    def __init__(self, unavailable: int, code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE):
        self.unavailable = unavailable
        self.code = code
        self.attempts: list[tuple[v1.CreateReservationRequest, dict, float | None]] = []
        self.lock = threading.Lock()

    def create(self, request, context):
        with self.lock:
            self.attempts.append((request, dict(context.invocation_metadata()), context.time_remaining()))
            failing = len(self.attempts) <= self.unavailable
        if failing:
            context.abort(self.code, "the store is not reachable")
        return v1.Reservation(name="reservations/r1", equipment=request.reservation.equipment)


class ClientTest(unittest.TestCase):
    def serve(self, fake: FakeReservations) -> str:
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("biobank.v1.ReservationService", {
            "CreateReservation": grpc.unary_unary_rpc_method_handler(
                fake.create, request_deserializer=v1.CreateReservationRequest.FromString,
                response_serializer=v1.Reservation.SerializeToString),
        })])
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        self.addCleanup(server.stop, None)
        return f"127.0.0.1:{port}"

    def booking(self) -> v1.CreateReservationRequest:
        return v1.CreateReservationRequest(request_id=new_request_id(), reservation=v1.Reservation(equipment="equipment/lsm"))

    def test_unavailable_is_retried_with_the_same_request_id_and_token(self):
        fake = FakeReservations(unavailable=2)
        request = self.booking()
        with BiobankClient(self.serve(fake), token="t0k3n") as client:
            reservation = client.reservations.CreateReservation(request)

        self.assertEqual(reservation.name, "reservations/r1")
        self.assertEqual(len(fake.attempts), 3)
        self.assertEqual({attempt[0].request_id for attempt in fake.attempts}, {request.request_id})
        self.assertTrue(all(attempt[1]["authorization"] == "Bearer t0k3n" for attempt in fake.attempts))

    def test_retries_stop_after_the_attempts_allowed(self):
        fake = FakeReservations(unavailable=10)
        with BiobankClient(self.serve(fake), token="t", max_attempts=3) as client:
            with self.assertRaises(BiobankError) as failed:
                client.reservations.CreateReservation(self.booking())

        self.assertEqual(failed.exception.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(failed.exception.message, "the store is not reachable")
        self.assertEqual(len(fake.attempts), 3)

    def test_other_failures_are_not_retried(self):
        for code in (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.INTERNAL):
            with self.subTest(code=code):
                fake = FakeReservations(unavailable=1, code=code)
                with BiobankClient(self.serve(fake), token="t") as client:
                    with self.assertRaises(BiobankError) as failed:
                        client.reservations.CreateReservation(self.booking())

                self.assertEqual(failed.exception.code, code)
                self.assertEqual(len(fake.attempts), 1)

    def test_a_call_without_a_deadline_gets_the_default_one_and_a_given_one_is_kept(self):
        fake = FakeReservations(unavailable=0)
        with BiobankClient(self.serve(fake), token="t", deadline=12) as client:
            client.reservations.CreateReservation(self.booking())
            client.reservations.CreateReservation(self.booking(), timeout=5)

        self.assertAlmostEqual(fake.attempts[0][2], 12, delta=2)
        self.assertAlmostEqual(fake.attempts[1][2], 5, delta=2)

    def test_a_token_function_is_asked_for_each_call(self):
        fake = FakeReservations(unavailable=0)
        tokens = iter(["first", "second"])
        with BiobankClient(self.serve(fake), token=lambda: next(tokens)) as client:
            client.reservations.CreateReservation(self.booking())
            client.reservations.CreateReservation(self.booking())

        self.assertEqual([a[1]["authorization"] for a in fake.attempts], ["Bearer first", "Bearer second"])

    def test_request_ids_are_uuid7_and_increase(self):
        ids = [new_request_id() for _ in range(50)]

        self.assertTrue(all(uuid.UUID(i).version == 7 for i in ids))
        self.assertEqual(len(set(ids)), 50)
        self.assertEqual([i[:13] for i in ids], sorted(i[:13] for i in ids))


if __name__ == "__main__":
    unittest.main()
