// Booking through the TypeScript client against a real server, over gRPC and over gRPC-Web.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BiobankError, Code, newRequestId, ReservationState, timestampDate, type BiobankClient } from "@biobank/client";
import * as server from "./server.js";

const twoHours = 2 * 3600_000;

function booking(equipment: string, days: number, hour = 9) {
  return {
    requestId: newRequestId(),
    reservation: { equipment, interval: server.slot(server.ahead(days, hour), twoHours), purpose: "Imaging of infected organoids", project: "AMR-2026" },
  };
}

async function refusal(call: Promise<unknown>): Promise<BiobankError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof BiobankError, `a BiobankError, not ${String(error)}`);
    return error;
  }
  assert.fail("the call succeeded");
}

for (const over of ["grpc", "grpc-web"] as const) {
  describe(`booking over ${over}`, () => {
    const lims: BiobankClient = server.client("lims-anses", over);

    test("a LIMS books a free slot", async () => {
      const confocal = await server.registerConfocal();

      const reservation = await lims.reservations.createReservation(booking(confocal.name, 2));

      assert.equal(reservation.state, ReservationState.CONFIRMED);
      assert.equal(reservation.equipment, confocal.name);
      assert.equal(reservation.bookedBy, "lims.maisons-alfort");
      assert.match(reservation.name, /^reservations\//);
    });

    test("a taken slot is refused with its reason and the conflicting interval", async () => {
      const confocal = await server.registerConfocal();
      const first = await lims.reservations.createReservation(booking(confocal.name, 3));

      const error = await refusal(lims.reservations.createReservation(booking(confocal.name, 3, 10)));

      assert.equal(error.code, Code.FailedPrecondition);
      assert.equal(error.reason, "SLOT_UNAVAILABLE");
      assert.equal(error.domain, "biobank");
      assert.equal(error.metadata["equipment"], confocal.name);
      assert.equal(error.metadata["conflict_kind"], "RESERVATION");
      assert.deepEqual(new Date(error.metadata["conflict_start"]!), timestampDate(first.interval!.startTime!));
      assert.deepEqual(new Date(error.metadata["conflict_end"]!), timestampDate(first.interval!.endTime!));
      assert.ok(error.preconditionViolations.length > 0, "a broken rule comes with a PreconditionFailure");
      assert.match(error.message, /SLOT_UNAVAILABLE/);
    });

    test("a retry with the same request id returns the first reservation and books nothing more", async () => {
      const confocal = await server.registerConfocal();
      const request = booking(confocal.name, 4);

      const first = await lims.reservations.createReservation(request);
      const again = await lims.reservations.createReservation(request);

      assert.equal(again.name, first.name);
      assert.equal(again.etag, first.etag);
      const listed = await lims.reservations.listReservations({ equipment: confocal.name });
      assert.deepEqual(listed.reservations.map((r) => r.name), [first.name]);
    });

    test("a request id reused for another request is invalid", async () => {
      const confocal = await server.registerConfocal();
      const request = booking(confocal.name, 5);
      await lims.reservations.createReservation(request);

      const error = await refusal(lims.reservations.createReservation({ ...request, reservation: { ...request.reservation, purpose: "Something else" } }));

      assert.equal(error.code, Code.InvalidArgument);
      assert.equal(error.reason, "REQUEST_ID_REUSED");
      assert.equal(error.metadata["request_id"], request.requestId);
    });

    test("invalid fields are listed as field violations", async () => {
      const error = await refusal(lims.reservations.createReservation({ requestId: newRequestId(), reservation: { purpose: "No instrument" } }));

      assert.equal(error.code, Code.InvalidArgument);
      assert.equal(error.reason, "INVALID_FIELDS");
      assert.ok(error.fieldViolations.some((v) => v.field === "reservation.equipment"), JSON.stringify(error.fieldViolations));
    });

    test("a call without a token is unauthenticated with its reason", async () => {
      const error = await refusal(server.client(null, over).directory.getCallerIdentity({}));

      assert.equal(error.code, Code.Unauthenticated);
      assert.equal(error.reason, "UNAUTHENTICATED");
    });

    test("a watch streams the changes of an instrument", async () => {
      const confocal = await server.registerConfocal();
      const watching = new AbortController();
      const changes = server.client("facility-anses", over).reservations
        .watchReservations({ equipment: confocal.name, resumeAfter: "0" }, { signal: watching.signal })[Symbol.asyncIterator]();
      const firstChange = changes.next();

      const booked = await lims.reservations.createReservation(booking(confocal.name, 6));
      await lims.reservations.cancelReservation({ requestId: newRequestId(), name: booked.name, reason: "Organoids did not grow" });
      const first = (await firstChange).value;
      const second = (await changes.next()).value;
      watching.abort();

      assert.equal(first?.change, "ReservationBooked");
      assert.equal(first?.reservation?.name, booked.name);
      assert.equal(second?.change, "ReservationCancelled");
      assert.equal(second?.reservation?.state, ReservationState.CANCELLED);
      assert.ok(BigInt(first!.position) < BigInt(second!.position));
    });

    test("a cancelled watch ends with CANCELLED", async () => {
      const confocal = await server.registerConfocal();
      const watching = new AbortController();
      const changes = server.client("facility-anses", over).reservations
        .watchReservations({ equipment: confocal.name }, { signal: watching.signal })[Symbol.asyncIterator]();
      setTimeout(() => watching.abort(), 300);

      const error = await refusal(changes.next());

      assert.equal(error.code, Code.Canceled);
    });
  });
}
