// Registering, finding and aliquoting samples through the TypeScript client against a real server.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  BiobankError, Code, MaterialType, newRequestId, QuantityUnit, SampleState, SourceKind, StorageUnitKind,
  TemperatureBand, timestampFromDate, type StorageUnit,
} from "@biobank/client";
import * as server from "./server.js";

describe("samples", () => {
  const biobank = server.client("biobank-anses");
  let box: StorageUnit;

  before(async () => {
    const freezer = await biobank.storage.createStorageUnit({
      requestId: newRequestId(),
      storageUnit: { displayName: `Freezer ${server.barcode()}`, kind: StorageUnitKind.FREEZER, site: "sites/anses-maisons-alfort", temperatureBand: TemperatureBand.MINUS_80 },
    });
    box = await biobank.storage.createStorageUnit({
      requestId: newRequestId(),
      storageUnit: { displayName: `Box ${server.barcode()}`, kind: StorageUnitKind.BOX, parent: freezer.name, rows: 8, columns: 12 },
    });
  });

  const at = (position: string) => ({ storageUnit: box.name, position });
  const millilitres = (value: number) => ({ value, unit: QuantityUnit.MILLILITRE });
  const register = (volume: number, position: string) => biobank.samples.registerSample({
    requestId: newRequestId(),
    sample: {
      barcode: server.barcode(), collection: "EPIDEMIO-AMR", sourceKind: SourceKind.HUMAN, donorPseudonym: "DON-0001",
      materialType: MaterialType.SERUM, collectionTime: timestampFromDate(new Date(Date.now() - 86_400_000)),
      quantity: millilitres(volume), consentReference: "CONSENT-V3", storagePosition: at(position),
    },
  });

  test("a registered sample is found by its barcode", async () => {
    const registered = await register(2, "A1");

    const found = await biobank.samples.lookupSample({ barcode: registered.barcode });

    assert.equal(found.name, registered.name);
    assert.equal(found.state, SampleState.AVAILABLE);
    assert.equal(found.storagePosition?.position, "A1");
  });

  test("a sample is aliquoted into placed children", async () => {
    const parent = await register(2, "B1");
    const portions = ["B2", "B3"].map((position) => ({ barcode: server.barcode(), quantity: millilitres(0.5), storagePosition: at(position) }));

    const split = await biobank.samples.aliquotSample({ requestId: newRequestId(), name: parent.name, aliquots: portions });

    assert.equal(split.parent?.quantity?.value, 1);
    assert.deepEqual(split.aliquots.map((a) => a.barcode), portions.map((p) => p.barcode));
    assert.deepEqual(split.aliquots.map((a) => a.storagePosition?.position), ["B2", "B3"]);
    const lineage = await biobank.samples.getSampleLineage({ name: parent.name });
    const descendants = new Set(lineage.descendants.map((d) => d.name));
    assert.ok(split.aliquots.every((a) => descendants.has(a.name)));
  });

  test("a taken position is refused with the box and position", async () => {
    await register(1, "C1");

    const error = await register(1, "C1").then(() => assert.fail("registered twice at C1"), (e: unknown) => e);

    assert.ok(error instanceof BiobankError);
    assert.equal(error.code, Code.FailedPrecondition);
    assert.equal(error.reason, "POSITION_OCCUPIED");
    assert.deepEqual({ ...error.metadata }, { ...error.metadata, storage_unit: box.name, position: "C1" });
  });
});
