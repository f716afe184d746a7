"""The README's LIMS shipment example, run by tests/test_transfers.py: samples sent to the partner
organisation under an agreement, from the request through the release gate to their receipt. The
README shows the code between the region markers verbatim; the test keeps the two equal."""

# region lims-shipment
from dataclasses import dataclass

from biobank_client import BiobankClient, BiobankError, new_request_id, v1


@dataclass(frozen=True)
class GateRefused:
    """The release gate held the shipment back: per item, the check that failed and why."""
    transfer: str
    failures: list[tuple[str, str, str]]  # (item, check, description)


def send(sender: BiobankClient, samples: list[str], from_site: str, to_site: str, agreement: str,
         purpose: int, project: str, shipment: v1.Shipment) -> v1.Transfer | GateRefused:
    """Requests a transfer of `samples`, approves it and hands it to the carrier, as the sending
    organisation's biobank manager; a refusal of the release gate leaves the transfer requested."""
    transfer = sender.transfers.RequestTransfer(v1.RequestTransferRequest(
        request_id=new_request_id(),
        transfer=v1.Transfer(items=[v1.TransferItem(item=s) for s in samples], from_site=from_site,
                             to_site=to_site, purpose=purpose, project=project, agreement=agreement)))
    try:
        # Each step is one request id: a retry after a lost answer is applied once.
        transfer = sender.transfers.ApproveTransfer(v1.ApproveTransferRequest(
            request_id=new_request_id(), name=transfer.name, etag=transfer.etag))
        return sender.transfers.DispatchTransfer(v1.DispatchTransferRequest(
            request_id=new_request_id(), name=transfer.name, etag=transfer.etag, shipment=shipment))
    except BiobankError as error:
        if error.reason != "RELEASE_GATE_FAILED":
            raise
        return GateRefused(transfer.name, [(v.subject, v.type, v.description) for v in error.precondition_violations])


def receive(receiver: BiobankClient, transfer: str, damaged: frozenset[str] = frozenset()) -> v1.Transfer:
    """Records the arrival of every item still in transit, as the receiving organisation's staff;
    the `damaged` ones are held in quarantine."""
    arrived = receiver.transfers.GetTransfer(v1.GetTransferRequest(name=transfer))
    receipts = [v1.ItemReceipt(item=i.item,
                               condition=v1.ITEM_CONDITION_DAMAGED if i.item in damaged else v1.ITEM_CONDITION_GOOD)
                for i in arrived.items if i.state == v1.TRANSFER_ITEM_STATE_IN_TRANSIT]
    return receiver.transfers.ReceiveTransfer(v1.ReceiveTransferRequest(
        request_id=new_request_id(), name=transfer, etag=arrived.etag, receipts=receipts))
# endregion
