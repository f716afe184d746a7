// The README's LIMS booking example, run by test/readme.test.ts. The README shows the code between
// the region markers verbatim; the test keeps the two equal.

// #region lims-booking
import {
  BiobankError, Code, createBiobankClient, newRequestId, ReservationState, timestampFromDate,
  type BiobankClient, type Reservation,
} from "@biobank/client";
import { grpcTransport } from "@biobank/client/node";

export type Booking =
  | { kind: "confirmed"; reservation: Reservation }
  | { kind: "awaiting-approval"; reservation: Reservation }
  | { kind: "slot-taken"; from: Date; until: Date | null }; // null: out of service with no end

export async function book(
  client: BiobankClient, equipment: string, start: Date, lengthMs: number, purpose: string, project: string,
): Promise<Booking> {
  const request = {
    // One id per booking, kept across retries: the server books it at most once.
    requestId: newRequestId(),
    reservation: {
      equipment,
      interval: { startTime: timestampFromDate(start), endTime: timestampFromDate(new Date(start.getTime() + lengthMs)) },
      purpose,
      project,
    },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const reservation = await client.reservations.createReservation(request, { timeoutMs: 10_000 });
      return reservation.state === ReservationState.PENDING_APPROVAL
        ? { kind: "awaiting-approval", reservation } // the owner's facility manager decides
        : { kind: "confirmed", reservation };
    } catch (thrown) {
      const error = BiobankError.from(thrown);
      if ((error.code === Code.Unavailable || error.code === Code.DeadlineExceeded) && attempt < 5) {
        // The booking may or may not have been made: retrying with the same request id is safe.
        await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
        continue;
      }
      if (error.reason === "SLOT_UNAVAILABLE") {
        const { conflict_start: from = "", conflict_end: until = "" } = error.metadata;
        return { kind: "slot-taken", from: new Date(from), until: until === "infinity" ? null : new Date(until) };
      }
      throw error;
    }
  }
}
// #endregion

/** How a LIMS calls book() and tells its user what became of the booking. */
export async function bookConfocal(server: string, token: string, start: Date): Promise<string> {
  // #region lims-booking-usage
  const biobank = createBiobankClient(grpcTransport(server), { token });
  const booking = await book(biobank, "equipment/anses-ma-lsm980", start, 2 * 3600_000,
    "Imaging of Listeria-infected organoids", "LISTERIA-ORG");
  switch (booking.kind) {
    case "confirmed":
      return `Booked: ${booking.reservation.name}`;
    case "awaiting-approval":
      return `${booking.reservation.name} awaits the approval of the instrument's owner`;
    case "slot-taken":
      return booking.until === null
        ? `Out of service since ${booking.from.toISOString()}`
        : `Taken from ${booking.from.toISOString()} until ${booking.until.toISOString()}`;
  }
  // #endregion
}
