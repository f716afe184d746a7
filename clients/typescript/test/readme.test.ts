// The README's TypeScript booking example: run against the server, and shown verbatim in the README.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BiobankError, BookingRulesSchema, create } from "@biobank/client";
import { book, bookConfocal } from "../examples/lims-booking.js";
import * as server from "./server.js";

// dist/test/ is two folders below the package.
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const regions = ["lims-booking", "lims-booking-usage"];

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
    const source = readFileSync(`${packageRoot}examples/lims-booking.ts`, "utf8").split("\n");
    const readme = readFileSync(`${packageRoot}../../README.md`, "utf8").split("\n");
    let close = readme.findIndex((line) => line.includes("clients/typescript/examples/lims-booking.ts"));
    assert.ok(close >= 0, "the README names the file its example comes from");

    for (const region of regions) {
      const start = source.findIndex((line) => line.trim() === `// #region ${region}`);
      const end = source.findIndex((line, i) => i > start && line.trim() === "// #endregion");
      const fence = readme.findIndex((line, i) => i > close && line === "```ts");
      close = readme.findIndex((line, i) => i > fence && line === "```");
      assert.equal(dedent(readme.slice(fence + 1, close)), dedent(source.slice(start + 1, end)), `region ${region}`);
    }
  });
});

function dedent(lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => (l.trim() ? l.slice(indent).trimEnd() : "")).join("\n").replace(/^\n+|\n+$/g, "");
}
