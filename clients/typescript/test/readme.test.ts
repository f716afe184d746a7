// The README's TypeScript booking example: run against the server, and shown verbatim in the README.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BiobankError, BookingRulesSchema, create } from "@biobank/client";
import { book, bookConfocal } from "../examples/lims-booking.js";
import { assertReadmeShows } from "./readme-regions.js";
import * as server from "./server.js";

describe("the README's booking example", () => {
  test("books and then finds the slot taken", async () => {
    await server.registerConfocal("anses-ma-lsm980").catch((error: unknown) => {
      // The Python client's tests registered it on this server too.
      if (!(error instanceof BiobankError && error.reason === "RESOURCE_ALREADY_EXISTS")) throw error;
    });
    // A slot of its own: the Python client's tests book this instrument on day 20.
    const start = server.ahead(21, 6);

    const booked = await bookConfocal(server.address(), server.token("lims-anses"), start);
    const taken = await bookConfocal(server.address(), server.token("lims-anses"), start);

    assert.match(booked, /^Booked: reservations\//);
    assert.equal(taken, `Taken from ${start.toISOString()} until ${new Date(start.getTime() + 2 * 3600_000).toISOString()}`);
  });

  test("reports a booking across organisations that awaits approval", async () => {
    const confocal = await server.registerConfocal(undefined, create(BookingRulesSchema, { crossOrganisationApproval: true }));

    const booking = await book(server.client("lims-inserm"), confocal.name, server.ahead(7), 2 * 3600_000, "Organoid imaging", "ORG-1");

    assert.equal(booking.kind, "awaiting-approval");
  });

  test("is shown in the README as it runs", () => {
    assertReadmeShows("lims-booking.ts", ["lims-booking", "lims-booking-usage"]);
  });
});
