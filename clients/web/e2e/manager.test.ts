// A facility manager approves, from the live queue, a booking of another organisation's technician,
// whose page shows the approval as it happens.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ReservationState } from "@biobank/client";
import { book, caller, closeBrowser, onPage, registerConfocal, signIn, unique } from "./harness.js";

describe("a facility manager", () => {
  after(closeBrowser);

  test("approves a cross-organisation booking and the booker's page updates live", async (t) => {
    const confocal = await registerConfocal(true);
    const subject = unique("david");
    const booker = await caller(subject, "inserm", "technician");
    const start = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000);
    const pending = await book(booker, confocal.name, start, 60);
    assert.equal(pending.state, ReservationState.PENDING_APPROVAL);

    await onPage(t, async (bookerPage) => {
      await signIn(bookerPage, subject, "inserm", "technician");
      const booking = bookerPage.locator(`[data-reservation="${pending.name}"]`);
      await booking.getByText("awaiting approval").waitFor();
      await bookerPage.getByRole("status").filter({ hasText: "Live" }).waitFor();

      await onPage(t, async (managerPage) => {
        await signIn(managerPage, "marie.facility", "anses", "facility-manager");
        await managerPage.getByRole("link", { name: "Approvals" }).click();
        await managerPage.getByRole("button", { name: new RegExp(`^Approve ${subject} \\(inserm\\) on ${confocal.displayName}`) }).click();
        await managerPage.getByRole("status").filter({ hasText: "Approved." }).waitFor();
      });

      await booking.getByText("confirmed").waitFor();
    });
  });
});
