// A facility manager approves, from the live queue, a booking of another organisation's technician,
// whose page shows the approval as it happens.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ReservationState } from "@biobank/client";
import { book, caller, closeBrowser, onPage, registerConfocal, signIn, unique } from "./harness.js";

/** The date in Paris `daysAhead` days from now, as a date field takes it: "2026-12-03". */
const parisDay = (daysAhead: number): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + daysAhead * 86_400_000));

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

  test("schedules a maintenance window on an instrument and grants a qualification for it, by keyboard", async (t) => {
    const confocal = await registerConfocal();
    const person = unique("ines");

    await onPage(t, async (page) => {
      await signIn(page, "marie.facility", "anses", "facility-manager");
      await page.getByRole("link", { name: "Instruments" }).click();
      await page.getByRole("combobox", { name: /^Instrument/ }).selectOption({ label: confocal.displayName });

      // Refused (it ends before it starts): said in words, and what was typed stays.
      await page.getByLabel("Day of the maintenance").fill(parisDay(1));
      await page.getByLabel("From").fill("12:00");
      await page.getByLabel(/^To/).fill("09:00");
      await page.getByLabel("Reason for the maintenance").fill("Laser alignment");
      await page.getByLabel("Reason for the maintenance").press("Enter");
      await page.getByRole("alert").waitFor();
      assert.doesNotMatch(await page.getByRole("alert").innerText(), /INVALID_ARGUMENT|\bcode\b/);
      assert.equal(await page.getByLabel("Reason for the maintenance").inputValue(), "Laser alignment");

      await page.getByLabel("From").fill("09:00");
      await page.getByLabel(/^To/).fill("12:00");
      await page.getByLabel("Reason for the maintenance").press("Enter");
      await page.getByRole("status").filter({ hasText: new RegExp(`^Maintenance of ${confocal.displayName} scheduled on .* 09:00–12:00\\.$`) }).waitFor();
      await page.getByRole("list", { name: "Maintenance windows" }).getByText("09:00–12:00: Laser alignment").waitFor();

      await page.getByLabel("Person to qualify (identifier)").fill(person);
      await page.getByRole("combobox", { name: /^Organisation/ }).selectOption("organisations/inserm");
      await page.getByLabel("Qualified until (included)").fill(parisDay(30));
      await page.getByLabel("Qualified until (included)").press("Enter");
      await page.getByRole("status").filter({ hasText: `${person} (inserm) is qualified for ${confocal.displayName} until` }).waitFor();
    });

    const manager = await caller("marie.facility", "anses", "facility-manager");
    const instrument = await manager.equipment.getEquipment({ name: confocal.name });
    assert.deepEqual(instrument.maintenanceWindows.map((window) => window.reason), ["Laser alignment"]);
    const { qualifications } = await manager.equipment.listQualifications({ person });
    assert.equal(qualifications.length, 1);
    assert.equal(qualifications[0]!.equipment, confocal.name);
    assert.equal(qualifications[0]!.personOrganisation, "organisations/inserm");
  });
});
