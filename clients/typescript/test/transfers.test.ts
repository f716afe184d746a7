// A shipment of samples from Anses to Inserm through the TypeScript client, against a real server:
// the README's example, its whole cycle, and a refusal of the release gate.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  HoldKind, ItemCondition, MaterialType, newRequestId, Packaging, PermittedUse, QuantityUnit, SampleState, SourceKind,
  StorageUnitKind, TemperatureBand, TransferState, timestampFromDate, type Agreement, type StorageUnit,
} from "@biobank/client";
import { receive, send } from "../examples/lims-shipment.js";
import { assertReadmeShows } from "./readme-regions.js";
import * as server from "./server.js";

const maisonsAlfort = "sites/anses-maisons-alfort";
const cochin = "sites/inserm-paris-cochin";

describe("a shipment to the partner", () => {
  const biobank = server.client("biobank-anses");
  const lims = server.client("lims-inserm");
  let agreement: Agreement;
  let box: StorageUnit;

  before(async () => {
    agreement = await biobank.agreements.registerAgreement({
      requestId: newRequestId(),
      agreement: {
        providerOrganisation: "organisations/anses", recipientOrganisation: "organisations/inserm",
        permittedPurposes: [PermittedUse.GENERAL_RESEARCH], materialTypes: [MaterialType.SERUM], sourceKinds: [SourceKind.ANIMAL],
        validity: { startTime: timestampFromDate(new Date(Date.now() - 86_400_000)), endTime: timestampFromDate(new Date(Date.now() + 365 * 86_400_000)) },
        externalReference: `MTA-${server.barcode()}`,
      },
    });
    const freezer = await biobank.storage.createStorageUnit({
      requestId: newRequestId(),
      storageUnit: { displayName: `Freezer ${server.barcode()}`, kind: StorageUnitKind.FREEZER, site: maisonsAlfort, temperatureBand: TemperatureBand.MINUS_80 },
    });
    box = await biobank.storage.createStorageUnit({
      requestId: newRequestId(),
      storageUnit: { displayName: `Box ${server.barcode()}`, kind: StorageUnitKind.BOX, parent: freezer.name, rows: 8, columns: 12 },
    });
  });

  // Serum of a pig of a surveillance farm: animal material, which needs no donor's consent.
  const swineSerum = (position: string) => biobank.samples.registerSample({
    requestId: newRequestId(),
    sample: {
      barcode: server.barcode(), collection: "SWINE-FLU-SURV", sourceKind: SourceKind.ANIMAL, donorPseudonym: "PIG-0042",
      species: "Sus scrofa domesticus", materialType: MaterialType.SERUM, collectionTime: timestampFromDate(new Date(Date.now() - 2 * 86_400_000)),
      quantity: { value: 1.5, unit: QuantityUnit.MILLILITRE }, storagePosition: { storageUnit: box.name, position },
    },
  });
  const shipment = { carrier: "World Courier", trackingNumber: "WC-7731-0042", packaging: Packaging.UN3373_CATEGORY_B, dryIceKilograms: 5.5, sealIds: ["SEAL-1"] };
  const sendToCochin = (samples: string[]) =>
    send(biobank, samples, maisonsAlfort, cochin, agreement.name, PermittedUse.GENERAL_RESEARCH, "SWINE-FLU-2026", shipment);

  test("samples go to the partner and a damaged one is held", async () => {
    const [good, broken] = [await swineSerum("A1"), await swineSerum("A2")];

    const sent = await sendToCochin([good.name, broken.name]);
    assert.equal(sent.kind, "dispatched");
    const inTransit = await biobank.samples.getSample({ name: good.name });
    const received = await receive(lims, sent.transfer.name, new Set([broken.name]));
    const arrived = await lims.samples.getSample({ name: good.name });
    const held = await lims.samples.getSample({ name: broken.name });
    const chain = await lims.transfers.getCustodyChain({ item: good.name });

    assert.equal(sent.transfer.state, TransferState.DISPATCHED);
    assert.equal(sent.transfer.shipment?.carrier, "World Courier");
    assert.ok(sent.transfer.approvalChecks.every((check) => check.passed));
    assert.equal(inTransit.state, SampleState.IN_TRANSIT);
    assert.equal(received.state, TransferState.RECEIVED);
    assert.deepEqual(
      Object.fromEntries(received.items.map((i) => [i.item, i.condition])),
      { [good.name]: ItemCondition.GOOD, [broken.name]: ItemCondition.DAMAGED });
    assert.equal(arrived.custodianOrganisation, "organisations/inserm");
    assert.equal(arrived.state, SampleState.AVAILABLE);
    assert.equal(held.state, SampleState.ON_HOLD);
    assert.deepEqual(held.holds.map((h) => h.kind), [HoldKind.QUARANTINE]);
    assert.deepEqual(chain.intervals.map((i) => [i.organisation, i.carrier]),
      [["organisations/anses", ""], ["", "World Courier"], ["organisations/inserm", ""]]);
  });

  test("a sample on hold keeps the shipment back and says why", async () => {
    const [fine, held] = [await swineSerum("B1"), await swineSerum("B2")];
    await biobank.samples.placeHold({ requestId: newRequestId(), name: held.name, kind: HoldKind.QUALITY, reason: "Haemolysed" });

    const refused = await sendToCochin([fine.name, held.name]);
    assert.equal(refused.kind, "gate-refused");
    const transfer = await biobank.transfers.getTransfer({ name: refused.transfer });

    assert.deepEqual(refused.failures.map((f) => [f.item, f.check]), [[held.name, "TRANSFER_ITEM_ON_HOLD"]]);
    assert.match(refused.failures[0]!.description, /holds=Quality/);
    assert.equal(transfer.state, TransferState.REQUESTED);
  });

  test("is shown in the README as it runs", () => {
    assertReadmeShows("lims-shipment.ts", ["lims-shipment"]);
  });
});
