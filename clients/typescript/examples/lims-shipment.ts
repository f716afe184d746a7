// The README's LIMS shipment example, run by test/transfers.test.ts: samples sent to the partner
// organisation under an agreement, from the request through the release gate to their receipt. The
// README shows the code between the region markers verbatim; the test keeps the two equal.

// #region lims-shipment
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  BiobankError, ItemCondition, newRequestId, TransferItemState,
  type BiobankClient, type PermittedUse, type ShipmentSchema, type Transfer,
} from "@biobank/client";

export type Sent =
  | { kind: "dispatched"; transfer: Transfer }
  // The release gate held the shipment back: per item, the check that failed and why.
  | { kind: "gate-refused"; transfer: string; failures: { item: string; check: string; description: string }[] };

/**
 * Requests a transfer of `samples`, approves it and hands it to the carrier, as the sending
 * organisation's biobank manager; a refusal of the release gate leaves the transfer requested.
 */
export async function send(
  sender: BiobankClient, samples: string[], fromSite: string, toSite: string, agreement: string,
  purpose: PermittedUse, project: string, shipment: MessageInitShape<typeof ShipmentSchema>,
): Promise<Sent> {
  const requested = await sender.transfers.requestTransfer({
    requestId: newRequestId(),
    transfer: { items: samples.map((item) => ({ item })), fromSite, toSite, purpose, project, agreement },
  });
  try {
    // Each step is one request id: a retry after a lost answer is applied once.
    const approved = await sender.transfers.approveTransfer({ requestId: newRequestId(), name: requested.name, etag: requested.etag });
    const dispatched = await sender.transfers.dispatchTransfer({ requestId: newRequestId(), name: approved.name, etag: approved.etag, shipment });
    return { kind: "dispatched", transfer: dispatched };
  } catch (thrown) {
    const error = BiobankError.from(thrown);
    if (error.reason !== "RELEASE_GATE_FAILED") throw error;
    const failures = error.preconditionViolations.map((v) => ({ item: v.subject, check: v.type, description: v.description }));
    return { kind: "gate-refused", transfer: requested.name, failures };
  }
}

/**
 * Records the arrival of every item still in transit, as the receiving organisation's staff; the
 * `damaged` ones are held in quarantine.
 */
export async function receive(receiver: BiobankClient, transfer: string, damaged: ReadonlySet<string> = new Set()): Promise<Transfer> {
  const arrived = await receiver.transfers.getTransfer({ name: transfer });
  const receipts = arrived.items
    .filter((i) => i.state === TransferItemState.IN_TRANSIT)
    .map((i) => ({ item: i.item, condition: damaged.has(i.item) ? ItemCondition.DAMAGED : ItemCondition.GOOD }));
  return receiver.transfers.receiveTransfer({ requestId: newRequestId(), name: transfer, etag: arrived.etag, receipts });
}
// #endregion
