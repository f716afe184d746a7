// A technician at the bench, in Chromium against a real server: signs in, books from the calendar,
// is offered the nearest free slot when another booking took theirs, checks in from the kiosk,
// scans a sample and moves it.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  MaterialType, newRequestId, QuantityUnit, ReservationState, SourceKind, StorageUnitKind, TemperatureBand,
  timestampDate, timestampFromDate,
} from "@biobank/client";
import { address, book, caller, closeBrowser, onPage, qualify, registerConfocal, signIn, unique } from "./harness.js";

const idOf = (name: string): string => name.slice(name.lastIndexOf("/") + 1);
const parisTime = (instant: Date): string =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
const screenshots = process.env.BIOBANK_SCREENSHOTS;
/** `hour`:00 in Paris, `daysAhead` days after today there. */
const parisAt = (daysAhead: number, hour: number): Date => {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" })
    .format(new Date(Date.now() + daysAhead * 86_400_000)).split("-").map(Number);
  const guess = new Date(Date.UTC(year!, month! - 1, day!, hour));
  return new Date(guess.getTime() - (Number(parisTime(guess).slice(0, 2)) - hour) * 3_600_000);
};

/** A 96-position box in a new -80 °C freezer of Anses, and a way to register 1.5 mL of serum in it. */
async function boxOfSera() {
  const biobank = await caller("claire.biobank", "anses", "biobank-manager");
  const freezer = await biobank.storage.createStorageUnit({
    requestId: newRequestId(),
    storageUnit: { displayName: unique("Freezer"), kind: StorageUnitKind.FREEZER, site: "sites/anses-maisons-alfort", temperatureBand: TemperatureBand.MINUS_80 },
  });
  const box = await biobank.storage.createStorageUnit({
    requestId: newRequestId(), storageUnitId: unique("box"),
    storageUnit: { displayName: "Sera AMR 2026", kind: StorageUnitKind.BOX, parent: freezer.name, rows: 8, columns: 12 },
  });
  const register = (position: string) => biobank.samples.registerSample({
    requestId: newRequestId(),
    sample: {
      barcode: unique("BC").toUpperCase(), collection: "EPIDEMIO-AMR", sourceKind: SourceKind.HUMAN, donorPseudonym: "DON-0001",
      materialType: MaterialType.SERUM, collectionTime: timestampFromDate(new Date(Date.now() - 86_400_000)),
      quantity: { value: 1.5, unit: QuantityUnit.MILLILITRE }, consentReference: "CONSENT-V3",
      storagePosition: { storageUnit: box.name, position },
    },
  });
  return { biobank, box, register };
}

describe("a technician", () => {
  after(closeBrowser);

  test("books a free slot from the calendar in two clicks, at the site's time", async (t) => {
    const confocal = await registerConfocal();
    const subject = unique("alice");
    const facility = await caller("marie.facility", "anses", "facility-manager");
    await qualify(facility, subject, confocal.name);

    await onPage(t, async (page) => {
      await signIn(page, subject, "anses", "technician");
      await page.getByRole("link", { name: `Calendar: ${confocal.displayName}` }).click();
      await page.getByRole("link", { name: "Next" }).click();
      // By keyboard: Enter on the free hour, then Enter on the confirmation, which takes the focus.
      await page.getByRole("button", { name: /10:00–11:00/ }).press("Enter");
      await page.getByRole("button", { name: "Confirm booking" }).waitFor();
      await page.keyboard.press("Enter");

      await page.getByRole("status").filter({ hasText: "Booked 10:00–11:00: confirmed." }).waitFor();
      await page.getByRole("cell", { name: "Booked (anses)" }).waitFor();
      if (screenshots) {
        await page.getByRole("link", { name: "Week" }).click();
        await page.getByRole("columnheader").nth(7).waitFor();
        await page.screenshot({ path: `${screenshots}/calendar.png` });
      }
    });

    const booker = await caller(subject, "anses", "technician");
    const { reservations } = await booker.reservations.listReservations({ equipment: confocal.name });
    assert.equal(reservations.length, 1);
    assert.equal(reservations[0]!.bookedBy, subject);
    assert.equal(parisTime(timestampDate(reservations[0]!.interval!.startTime!)), "10:00");
  });

  test("sees a slot another booking took refused, with the nearest free slot offered", async (t) => {
    const confocal = await registerConfocal();
    const calendar = `${address()}/#/calendar/${idOf(confocal.name)}/day`;

    await onPage(t, async (page) => {
      await signIn(page, unique("bruno"), "anses", "technician");
      await page.goto(calendar);
      await page.getByRole("link", { name: "Next" }).click();
      await page.getByRole("button", { name: /14:00–15:00/ }).click();

      await onPage(t, async (other) => {
        await signIn(other, unique("carla"), "anses", "technician");
        await other.goto(calendar);
        await other.getByRole("link", { name: "Next" }).click();
        await other.getByRole("button", { name: /14:00–15:00/ }).click();
        await other.getByRole("button", { name: "Confirm booking" }).click();
        await other.getByRole("status").filter({ hasText: "Booked 14:00–15:00" }).waitFor();
      });
      await page.getByRole("button", { name: "Confirm booking" }).click();

      const refusal = page.getByRole("alert");
      await refusal.filter({ hasText: /This slot is taken: another booking from .* 14:00 to .* 15:00\./ }).waitFor();
      await refusal.filter({ hasText: "Nearest free slot" }).waitFor();
      const offered = /Nearest free slot: .* (13:00–14:00|15:00–16:00)\./.exec(await refusal.innerText());
      assert.ok(offered, await refusal.innerText());
      await page.getByRole("button", { name: `Take ${offered[1]} instead` }).click();
      await page.getByRole("button", { name: "Confirm booking" }).click();
      await page.getByRole("status").filter({ hasText: `Booked ${offered[1]}: confirmed.` }).waitFor();
    });
  });

  test("reads the application in French or in English, as chosen", async (t) => {
    await onPage(t, async (page) => {
      await page.goto(address());
      await page.getByRole("heading", { name: "Connexion à Biobank" }).waitFor();
      await page.getByLabel("Personne (identifiant)").fill(unique("elise"));
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("heading", { name: "Mes réservations" }).waitFor();

      await page.getByRole("button", { name: "Show in English" }).click();

      await page.getByRole("heading", { name: "My bookings" }).waitFor();
    }, "fr-FR");
  });

  test("books a recurring slot every day from the calendar, and sees the occurrence another booking took skipped, and why", async (t) => {
    const confocal = await registerConfocal();
    // Another booking the day after tomorrow at 10:00 in Paris, where the series' second occurrence falls.
    const other = await caller(unique("gaston"), "anses", "technician");
    await book(other, confocal.name, parisAt(2, 10), 60);
    const subject = unique("hugo");

    await onPage(t, async (page) => {
      await signIn(page, subject, "anses", "technician");
      await page.goto(`${address()}/#/calendar/${idOf(confocal.name)}/day`);
      await page.getByRole("link", { name: "Next" }).click();
      await page.getByRole("button", { name: /10:00–11:00/ }).click();
      await page.getByLabel("Repeat").selectOption({ label: "every day" });
      await page.getByLabel("Number of occurrences, the first included").fill("3");
      await page.getByLabel("Number of occurrences, the first included").press("Enter");

      const status = page.getByRole("status");
      await status.filter({ hasText: "Booked 2 of 3 occurrences, every day, 10:00–11:00." }).waitFor();
      const skipped = await page.getByRole("list", { name: "Not booked:" }).getByRole("listitem").allInnerTexts();
      assert.equal(skipped.length, 1);
      assert.match(skipped[0]!, /10:00–11:00: the slot is taken$/);
    });

    const booker = await caller(subject, "anses", "technician");
    const { reservations } = await booker.reservations.listReservations({ equipment: confocal.name });
    const mine = reservations.filter((reservation) => reservation.bookedBy === subject);
    assert.equal(mine.length, 2);
    assert.deepEqual(mine.map((reservation) => parisTime(timestampDate(reservation.interval!.startTime!))), ["10:00", "10:00"]);
    assert.equal(
      new Set(mine.map((reservation) => reservation.series)).size, 1);
  });

  test("cancels one of their bookings, with a reason", async (t) => {
    const confocal = await registerConfocal();
    const subject = unique("fanny");
    const technician = await caller(subject, "anses", "technician");
    const booked = await book(technician, confocal.name, new Date(Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000), 60);

    await onPage(t, async (page) => {
      await signIn(page, subject, "anses", "technician");
      const booking = page.locator(`[data-reservation="${booked.name}"]`);
      await booking.getByRole("button", { name: new RegExp(`^Cancel the booking of ${confocal.displayName}`) }).click();
      await booking.getByLabel("Reason for cancelling").fill("Samples not ready");
      await booking.getByRole("button", { name: "Confirm cancellation" }).click();

      await page.getByRole("status").filter({ hasText: "Booking cancelled." }).waitFor();
      await booking.waitFor({ state: "detached" });
    });

    const cancelled = await technician.reservations.getReservation({ name: booked.name });
    assert.equal(cancelled.state, ReservationState.CANCELLED);
  });

  test("moves one of their bookings to a free hour of its day", async (t) => {
    const confocal = await registerConfocal();
    const subject = unique("gael");
    const technician = await caller(subject, "anses", "technician");
    const booked = await book(technician, confocal.name, new Date(Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000), 60);

    await onPage(t, async (page) => {
      await signIn(page, subject, "anses", "technician");
      await page.getByRole("link", { name: new RegExp(`^Move the booking of ${confocal.displayName}`) }).click();
      await page.getByText("Choose a new time for your booking").waitFor();
      const free = page.locator("td.free button").first();
      const [, hours] = /(\d\d:\d\d–\d\d:\d\d)$/.exec((await free.getAttribute("aria-label")) ?? "") ?? [];
      await free.click();
      await page.getByRole("button", { name: "Confirm new time" }).click();

      await page.getByRole("status").filter({ hasText: `Moved to ${hours}: confirmed.` }).waitFor();
    });

    const moved = await technician.reservations.getReservation({ name: booked.name });
    assert.notDeepEqual(moved.interval, booked.interval);
  });

  test("checks in from the kiosk beside the instrument", async (t) => {
    const confocal = await registerConfocal();
    const subject = unique("chloe");
    const technician = await caller(subject, "anses", "technician");
    const start = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
    const booked = await book(technician, confocal.name, start, 30);

    await onPage(t, async (page) => {
      await signIn(page, subject, "anses", "technician");
      await page.goto(`${address()}/#/kiosk/${idOf(confocal.name)}`);
      await page.getByRole("button", { name: new RegExp(`^Check in ${subject}`) }).click();

      await page.getByRole("button", { name: new RegExp(`^Check out ${subject}`) }).waitFor();
    });

    const checkedIn = await technician.reservations.getReservation({ name: booked.name });
    assert.equal(checkedIn.state, ReservationState.CHECKED_IN);
  });

  test("scans a sample, then its new position, and the sample moves there", async (t) => {
    const { biobank, box, register } = await boxOfSera();
    const sample = await register("A1");
    for (const position of ["A2", "A3", "C5", "D7"]) {
      await register(position);
    }
    const boxId = idOf(box.name);

    await onPage(t, async (page) => {
      await signIn(page, unique("damien"), "anses", "technician");
      await page.getByRole("link", { name: "Samples" }).click();
      await page.getByLabel("Scan or type a sample barcode").fill(sample.barcode);
      await page.keyboard.press("Enter");
      await page.getByText(`${boxId}:A1`).waitFor();
      assert.equal(await page.locator('[data-field="state"]').innerText(), "AVAILABLE");

      await page.getByLabel("Scan or type the new position (BOX:A1)").fill(`${boxId}:B2`);
      await page.keyboard.press("Enter");

      await page.getByRole("status").filter({ hasText: `${sample.barcode} moved to ${boxId}:B2.` }).waitFor();
      await page.getByRole("cell", { name: "B2: this sample" }).waitFor();
      if (screenshots) {
        await page.screenshot({ path: `${screenshots}/box.png` });
      }
    });

    const moved = await biobank.samples.lookupSample({ barcode: sample.barcode });
    assert.equal(moved.storagePosition?.position, "B2");
  });

  test("records a use, is refused more than the sample holds with nothing lost, aliquots into the box and sees the lineage", async (t) => {
    const { biobank, box, register } = await boxOfSera();
    const sample = await register("A1");
    await register("A3");
    const boxId = idOf(box.name);

    await onPage(t, async (page) => {
      await signIn(page, unique("emma"), "anses", "technician");
      await page.getByRole("link", { name: "Samples" }).click();
      await page.getByLabel("Scan or type a sample barcode").fill(sample.barcode);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Lineage" }).waitFor();
      await page.getByText("A primary sample.").waitFor();

      // More than it holds: refused in plain words, and the form keeps what was typed.
      await page.getByLabel("Amount used (mL)").fill("2");
      await page.getByLabel("What it was used for").fill("ELISA");
      await page.getByLabel("What it was used for").press("Enter");
      await page.getByRole("alert").filter({ hasText: "Not enough left: the sample holds 1.5, and 2 were asked for." }).waitFor();
      assert.equal(await page.getByLabel("Amount used (mL)").inputValue(), "2");
      assert.equal(await page.getByLabel("What it was used for").inputValue(), "ELISA");

      await page.getByLabel("Amount used (mL)").fill("0.5");
      await page.getByRole("button", { name: "Record a use" }).press("Enter");
      await page.getByRole("status").filter({ hasText: "Use recorded: 0.5 mL taken, 1 mL left." }).waitFor();

      // Three aliquots of 0.25 mL into the sample's own box: its next free positions, A2, A4 and A5.
      await page.getByLabel("Number of aliquots").fill("3");
      await page.getByLabel("Amount per aliquot (mL)").fill("0.25");
      await page.getByLabel("Amount per aliquot (mL)").press("Enter");
      await page.getByRole("status").filter({ hasText: `3 aliquots made: ${sample.barcode}-1 ${boxId}:A2, ${sample.barcode}-2 ${boxId}:A4, ${sample.barcode}-3 ${boxId}:A5.` }).waitFor();
      await page.getByRole("cell", { name: "A5: occupied" }).waitFor();
      const made = page.getByRole("list", { name: "Made from this sample" });
      await made.getByRole("button", { name: `Open sample ${sample.barcode}-2` }).waitFor();

      // A lineage entry opens that sample, which shows where it came from.
      await made.getByRole("button", { name: `Open sample ${sample.barcode}-2` }).press("Enter");
      await page.getByRole("list", { name: "Made from", exact: true }).getByRole("button", { name: `Open sample ${sample.barcode}`, exact: true }).waitFor();
      await page.locator('[data-field="location"]').filter({ hasText: `${boxId}:A4` }).waitFor();
    });

    const parent = await biobank.samples.getSampleLineage({ name: sample.name });
    assert.equal(parent.sample?.quantity?.value, 0.25);
    assert.deepEqual(parent.descendants.map((s) => s.storagePosition?.position).sort(), ["A2", "A4", "A5"]);
  });
});
