// An auditor replays, reads and verifies the history through the TypeScript client against a real server.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  BiobankError, Code, newRequestId, StorageUnitKind, StreamKind, TemperatureBand, type AuditEvent, type StorageUnit,
} from "@biobank/client";
import * as server from "./server.js";

describe("audit", () => {
  const biobank = server.client("biobank-anses");
  const auditor = server.client("auditor-anses");
  let freezer: StorageUnit;

  before(async () => {
    freezer = await biobank.storage.createStorageUnit({
      requestId: newRequestId(),
      storageUnit: { displayName: `Freezer ${server.barcode()}`, kind: StorageUnitKind.FREEZER, site: "sites/anses-maisons-alfort", temperatureBand: TemperatureBand.MINUS_80 },
    });
  });

  test("a replay of one resource gives its events with who and their hash", async () => {
    const events: AuditEvent[] = [];
    for await (const event of auditor.audit.replayEvents({ resource: freezer.name })) {
      events.push(event);
    }

    assert.equal(events.length, 1);
    const [created] = events;
    assert.ok(created);
    assert.equal(created.stream, freezer.name);
    assert.equal(created.version, 1n);
    assert.equal(created.streamKind, StreamKind.STORAGE_UNIT);
    assert.equal(created.actor, "claire.biobank");
    assert.equal(created.organisation, "organisations/anses");
    assert.match(created.hash, /^[0-9a-f]{64}$/);
  });

  test("the chain of a resource verifies", async () => {
    const verified = await auditor.audit.verifyIntegrity({ resource: freezer.name });

    assert.equal(verified.eventsChecked, 1n);
    assert.equal(verified.brokenLinks.length, 0);
  });

  test("a biobank manager is not an auditor", async () => {
    const error = await biobank.audit.verifyIntegrity({ resource: freezer.name }).then(() => assert.fail("verified"), (e: unknown) => e);

    assert.ok(error instanceof BiobankError);
    assert.equal(error.code, Code.PermissionDenied);
  });
});
