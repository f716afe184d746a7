from biobank_client._proto.biobank.v1 import common_pb2 as _common_pb2
from biobank_client._proto.biobank.v1 import consent_service_pb2 as _consent_service_pb2
from biobank_client._proto.biobank.v1 import sample_service_pb2 as _sample_service_pb2
from biobank_client._proto.biobank.v1 import storage_service_pb2 as _storage_service_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ITEM_CONDITION_DAMAGED: ItemCondition
"""Broken, leaking or otherwise damaged: held in quarantine (an instrument: out of service)."""
ITEM_CONDITION_GOOD: ItemCondition
"""Intact, at the right temperature."""
ITEM_CONDITION_MISSING: ItemCondition
"""Not in the shipment: recorded as lost."""
ITEM_CONDITION_THAWED: ItemCondition
"""Frozen material that thawed: held in quarantine."""
ITEM_CONDITION_UNSPECIFIED: ItemCondition
"""Not received yet; refused in a receipt."""
PACKAGING_CATEGORY_A: Packaging
"""UN 2814 / UN 2900, infectious substance, category A (P620)."""
PACKAGING_EXEMPT_SPECIMEN: Packaging
"""Exempt human or animal specimen: minimal likelihood of pathogens."""
PACKAGING_NOT_REGULATED: Packaging
"""Not dangerous goods (an instrument, inert material)."""
PACKAGING_UN3373_CATEGORY_B: Packaging
"""UN 3373, biological substance, category B: triple packaging (P650)."""
PACKAGING_UNSPECIFIED: Packaging
"""Not given; refused at dispatch."""
TRANSFER_DIRECTION_INCOMING: TransferDirection
"""Those the organisation receives."""
TRANSFER_DIRECTION_OUTGOING: TransferDirection
"""Those the organisation sends."""
TRANSFER_DIRECTION_UNSPECIFIED: TransferDirection
"""Both: sent and received."""
TRANSFER_ITEM_STATE_AWAITING: TransferItemState
"""Still with the sender."""
TRANSFER_ITEM_STATE_IN_TRANSIT: TransferItemState
"""With the carrier."""
TRANSFER_ITEM_STATE_LOST: TransferItemState
"""Not in the shipment when it arrived; recorded as lost."""
TRANSFER_ITEM_STATE_RECEIVED: TransferItemState
"""Received by the receiving organisation."""
TRANSFER_ITEM_STATE_UNSPECIFIED: TransferItemState
"""Never sent."""
TRANSFER_STATE_APPROVED: TransferState
"""Approved through the release gate; awaiting dispatch."""
TRANSFER_STATE_CANCELLED: TransferState
"""Called off before dispatch."""
TRANSFER_STATE_DISPATCHED: TransferState
"""With the carrier."""
TRANSFER_STATE_PARTIALLY_RECEIVED: TransferState
"""Some items received, others still with the carrier."""
TRANSFER_STATE_RECEIVED: TransferState
"""Every item received (or recorded as lost)."""
TRANSFER_STATE_REJECTED: TransferState
"""Refused by the sender."""
TRANSFER_STATE_REQUESTED: TransferState
"""Asked for; awaiting the sender's approval."""
TRANSFER_STATE_UNSPECIFIED: TransferState
"""No state: never sent; in a list, no filter."""

class ApproveTransferRequest(_message.Message):
    """Request of ApproveTransfer."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the transfer is still at this version."""
    name: str
    """Required. "transfers/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CancelTransferRequest(_message.Message):
    """Request of CancelTransfer."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the transfer is still at this version."""
    name: str
    """Required. "transfers/{id}"."""
    reason: str
    """Required. Why."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CustodyChain(_message.Message):
    """The custody of one item from its registration on: ordered intervals, each beginning where the
    previous ended, with no gap and no overlap; the last is open while someone holds it.
    """
    __slots__ = ["intervals", "item"]
    INTERVALS_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    intervals: _containers.RepeatedCompositeFieldContainer[CustodyInterval]
    """The intervals, oldest first."""
    item: str
    """The item, "samples/{id}" or "equipment/{id}"."""
    def __init__(self, item: _Optional[str] = ..., intervals: _Optional[_Iterable[_Union[CustodyInterval, _Mapping]]] = ...) -> None: ...

class CustodyEvent(_message.Message):
    """An event of an item's stream, as the custody chain cites it."""
    __slots__ = ["event_id", "type", "version"]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    """Its id in the event store."""
    type: str
    """Its type, e.g. "SampleRegistered", "SampleDispatched", "SampleReceived", "SampleLost"."""
    version: int
    """Its version in the item's stream (1 for the first event)."""
    def __init__(self, type: _Optional[str] = ..., version: _Optional[int] = ..., event_id: _Optional[str] = ...) -> None: ...

class CustodyInterval(_message.Message):
    """Who held an item, where, and from when to when."""
    __slots__ = ["carrier", "closed_by", "end_time", "opened_by", "organisation", "site", "start_time", "transfer"]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    CLOSED_BY_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    OPENED_BY_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    carrier: str
    """The carrier that had it, as recorded at dispatch; empty at a site."""
    closed_by: CustodyEvent
    """The event that closed it; unset while it lasts."""
    end_time: _timestamp_pb2.Timestamp
    """When it ended; unset while it lasts."""
    opened_by: CustodyEvent
    """The event that opened it."""
    organisation: str
    """The organisation that held it, "organisations/{id}"; empty while a carrier had it."""
    site: str
    """Its site, "sites/{id}"; empty while a carrier had it, or when it was registered without one."""
    start_time: _timestamp_pb2.Timestamp
    """When custody began (the business time of the opening event)."""
    transfer: str
    """The transfer the interval belongs to (the carrier's, or the one that brought it), "transfers/{id}"."""
    def __init__(self, organisation: _Optional[str] = ..., site: _Optional[str] = ..., carrier: _Optional[str] = ..., transfer: _Optional[str] = ..., start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., opened_by: _Optional[_Union[CustodyEvent, _Mapping]] = ..., closed_by: _Optional[_Union[CustodyEvent, _Mapping]] = ...) -> None: ...

class DispatchTransferRequest(_message.Message):
    """Request of DispatchTransfer."""
    __slots__ = ["etag", "name", "request_id", "shipment"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SHIPMENT_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the transfer is still at this version."""
    name: str
    """Required. "transfers/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    shipment: Shipment
    """Required. The carrier and packing."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., shipment: _Optional[_Union[Shipment, _Mapping]] = ...) -> None: ...

class GateCheck(_message.Message):
    """One check of the release gate on one item."""
    __slots__ = ["check", "inputs", "item", "passed"]
    class InputsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CHECK_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    check: _common_pb2.ErrorReason
    """The check, by the reason it fails with: ERROR_REASON_TRANSFER_ITEM_ELSEWHERE, …_UNAVAILABLE,
    …_ON_HOLD, …_ALLOCATED, ERROR_REASON_TRANSFER_CONSENT_NOT_GIVEN,
    ERROR_REASON_TRANSFER_AGREEMENT_NOT_COVERING or ERROR_REASON_TRANSFER_LOAN_OVERLAPS_RESERVATIONS.
    """
    inputs: _containers.ScalarMap[str, str]
    """The values it was judged on, e.g. "holds", "permitted_uses", "agreement_state"."""
    item: str
    """The item checked, "samples/{id}" or "equipment/{id}"."""
    passed: bool
    """Whether it passed."""
    def __init__(self, item: _Optional[str] = ..., check: _Optional[_Union[_common_pb2.ErrorReason, str]] = ..., passed: bool = ..., inputs: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetCustodyChainRequest(_message.Message):
    """Request of GetCustodyChain."""
    __slots__ = ["item"]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    item: str
    """Required. The sample or instrument, "samples/{id}" or "equipment/{id}"."""
    def __init__(self, item: _Optional[str] = ...) -> None: ...

class GetTransferRequest(_message.Message):
    """Request of GetTransfer."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "transfers/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ItemReceipt(_message.Message):
    """How one item arrived."""
    __slots__ = ["condition", "item", "received_quantity", "storage_position", "temperature_excursion"]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    STORAGE_POSITION_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_EXCURSION_FIELD_NUMBER: _ClassVar[int]
    condition: ItemCondition
    """Required. Its condition."""
    item: str
    """Required. The item, "samples/{id}" or "equipment/{id}", of the transfer."""
    received_quantity: _sample_service_pb2.Quantity
    """Optional. For a sample, the quantity found, in the sample's unit; the quantity sent if unset."""
    storage_position: _storage_service_pb2.StoragePosition
    """Optional. For a sample, the box position at the receiving site it is put in."""
    temperature_excursion: bool
    """Optional. Whether its temperature logger recorded an excursion."""
    def __init__(self, item: _Optional[str] = ..., condition: _Optional[_Union[ItemCondition, str]] = ..., temperature_excursion: bool = ..., received_quantity: _Optional[_Union[_sample_service_pb2.Quantity, _Mapping]] = ..., storage_position: _Optional[_Union[_storage_service_pb2.StoragePosition, _Mapping]] = ...) -> None: ...

class ListTransfersRequest(_message.Message):
    """Request of ListTransfers. Filters combine."""
    __slots__ = ["direction", "item", "organisation", "page_size", "page_token", "state"]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    direction: TransferDirection
    """Optional. Only those it sends, or only those it receives."""
    item: str
    """Optional. Only transfers of this item, "samples/{id}" or "equipment/{id}"."""
    organisation: str
    """Optional. Transfers this organisation sends or receives, "organisations/{id}"; the caller's if
    empty. Only auditors and admins list another organisation's.
    """
    page_size: int
    """Optional. At most this many transfers are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of the previous page, with the same filters."""
    state: TransferState
    """Optional. Only transfers in this state."""
    def __init__(self, organisation: _Optional[str] = ..., direction: _Optional[_Union[TransferDirection, str]] = ..., state: _Optional[_Union[TransferState, str]] = ..., item: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTransfersResponse(_message.Message):
    """Response of ListTransfers."""
    __slots__ = ["next_page_token", "transfers"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token of the next page; empty on the last."""
    transfers: _containers.RepeatedCompositeFieldContainer[Transfer]
    """The transfers of this page."""
    def __init__(self, transfers: _Optional[_Iterable[_Union[Transfer, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReceiveTransferRequest(_message.Message):
    """Request of ReceiveTransfer."""
    __slots__ = ["etag", "name", "receipts", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the transfer is still at this version."""
    name: str
    """Required. "transfers/{id}"."""
    receipts: _containers.RepeatedCompositeFieldContainer[ItemReceipt]
    """Required. The items received, each once; 1 to 384."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., receipts: _Optional[_Iterable[_Union[ItemReceipt, _Mapping]]] = ...) -> None: ...

class RejectTransferRequest(_message.Message):
    """Request of RejectTransfer."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the transfer is still at this version."""
    name: str
    """Required. "transfers/{id}"."""
    reason: str
    """Required. Why."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RequestTransferRequest(_message.Message):
    """Request of RequestTransfer."""
    __slots__ = ["request_id", "transfer", "transfer_id"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    transfer: Transfer
    """Required. items (their item only), from_site, to_site, purpose, project, agreement,
    expected_return_time and reservations_to_cancel are read.
    """
    transfer_id: str
    """Optional. Id to give the transfer (lower-case letters, digits, hyphens); a UUIDv7 if empty."""
    def __init__(self, request_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., transfer: _Optional[_Union[Transfer, _Mapping]] = ...) -> None: ...

class ReturnEquipmentRequest(_message.Message):
    """Request of ReturnEquipment."""
    __slots__ = ["equipment", "request_id", "reservations_to_cancel", "to_site", "transfer_id"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVATIONS_TO_CANCEL_FIELD_NUMBER: _ClassVar[int]
    TO_SITE_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_ID_FIELD_NUMBER: _ClassVar[int]
    equipment: str
    """Required. The lent instrument, "equipment/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    reservations_to_cancel: _containers.RepeatedScalarFieldContainer[str]
    """Optional. Reservations at the borrowing site that approval cancels, "reservations/{id}"."""
    to_site: str
    """Optional. The owner's site it goes back to, "sites/{id}"; the site it was lent from if empty."""
    transfer_id: str
    """Optional. Id to give the return transfer; a UUIDv7 if empty."""
    def __init__(self, request_id: _Optional[str] = ..., transfer_id: _Optional[str] = ..., equipment: _Optional[str] = ..., to_site: _Optional[str] = ..., reservations_to_cancel: _Optional[_Iterable[str]] = ...) -> None: ...

class Shipment(_message.Message):
    """The carrier and how the shipment is packed, as recorded at dispatch."""
    __slots__ = ["carrier", "dry_ice_kilograms", "packaging", "seal_ids", "temperature_logger_id", "tracking_number"]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    DRY_ICE_KILOGRAMS_FIELD_NUMBER: _ClassVar[int]
    PACKAGING_FIELD_NUMBER: _ClassVar[int]
    SEAL_IDS_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_LOGGER_ID_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    carrier: str
    """Required. The carrier, e.g. "World Courier" or "internal shuttle"."""
    dry_ice_kilograms: float
    """Optional. Dry ice (UN 1845) in the package, in kilograms; 0 to 200."""
    packaging: Packaging
    """Required. How it is packed."""
    seal_ids: _containers.RepeatedScalarFieldContainer[str]
    """Optional. Ids of the tamper-evident seals on it; at most 20."""
    temperature_logger_id: str
    """Optional. Id of the temperature logger travelling with it."""
    tracking_number: str
    """Optional. The carrier's tracking number."""
    def __init__(self, carrier: _Optional[str] = ..., tracking_number: _Optional[str] = ..., packaging: _Optional[_Union[Packaging, str]] = ..., dry_ice_kilograms: _Optional[float] = ..., temperature_logger_id: _Optional[str] = ..., seal_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Transfer(_message.Message):
    """A movement of samples, instruments or both from a site of one organisation to a site of the same
    or the other organisation.
    """
    __slots__ = ["agreement", "approval_checks", "create_time", "dispatch_checks", "dispatch_time", "etag", "expected_return_time", "from_organisation", "from_site", "items", "name", "project", "purpose", "requested_by", "requesting_organisation", "reservations_to_cancel", "return_of", "shipment", "state", "state_reason", "to_organisation", "to_site", "update_time"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_CHECKS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DISPATCH_CHECKS_FIELD_NUMBER: _ClassVar[int]
    DISPATCH_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_RETURN_TIME_FIELD_NUMBER: _ClassVar[int]
    FROM_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    FROM_SITE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTING_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RESERVATIONS_TO_CANCEL_FIELD_NUMBER: _ClassVar[int]
    RETURN_OF_FIELD_NUMBER: _ClassVar[int]
    SHIPMENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_REASON_FIELD_NUMBER: _ClassVar[int]
    TO_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    TO_SITE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    agreement: str
    """Immutable. The agreement the material goes under, "agreements/{id}". Required when samples go
    to the other organisation.
    """
    approval_checks: _containers.RepeatedCompositeFieldContainer[GateCheck]
    """Output only. Every check of the release gate at approval, each with the values it was judged on."""
    create_time: _timestamp_pb2.Timestamp
    """Output only. When it was requested."""
    dispatch_checks: _containers.RepeatedCompositeFieldContainer[GateCheck]
    """Output only. Every check of the release gate at dispatch."""
    dispatch_time: _timestamp_pb2.Timestamp
    """Output only. When it was handed to the carrier."""
    etag: str
    """Output only. Version of the transfer's event stream."""
    expected_return_time: _timestamp_pb2.Timestamp
    """Immutable. When lent instruments come back; after now. Required when instruments go to the
    other organisation (a loan); a return has none.
    """
    from_organisation: str
    """Output only. The sending organisation, "organisations/{id}": the from site's."""
    from_site: str
    """Required, immutable. The site the items leave, "sites/{id}"."""
    items: _containers.RepeatedCompositeFieldContainer[TransferItem]
    """Required, immutable. What is moved: 1 to 384 distinct samples and instruments."""
    name: str
    """Identifier, output only. "transfers/{id}": transfer_id of the requesting request, or a UUIDv7."""
    project: str
    """Optional, immutable. The project it serves; samples allocated to another project do not go."""
    purpose: _consent_service_pb2.PermittedUse
    """Required, immutable. What the material is for; consents and the agreement must permit it."""
    requested_by: str
    """Output only. Who asked for the transfer (the token's subject)."""
    requesting_organisation: str
    """Output only. The organisation the requester acted for, "organisations/{id}"."""
    reservations_to_cancel: _containers.RepeatedScalarFieldContainer[str]
    """Optional, immutable. Reservations of the instruments moved, "reservations/{id}", that approval
    cancels: a reservation that holds an instrument while it is away fails the release gate
    unless listed here. At most 100.
    """
    return_of: str
    """Output only. For a return (ReturnEquipment), the loan it ends, "transfers/{id}"."""
    shipment: Shipment
    """Output only. The carrier and packing, from dispatch on."""
    state: TransferState
    """Output only. Where the transfer stands."""
    state_reason: str
    """Output only. Why it was rejected or cancelled."""
    to_organisation: str
    """Output only. The receiving organisation, "organisations/{id}": the to site's."""
    to_site: str
    """Required, immutable. The site the items go to, "sites/{id}"; not the from site."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When it last changed."""
    def __init__(self, name: _Optional[str] = ..., items: _Optional[_Iterable[_Union[TransferItem, _Mapping]]] = ..., from_site: _Optional[str] = ..., from_organisation: _Optional[str] = ..., to_organisation: _Optional[str] = ..., to_site: _Optional[str] = ..., purpose: _Optional[_Union[_consent_service_pb2.PermittedUse, str]] = ..., project: _Optional[str] = ..., agreement: _Optional[str] = ..., expected_return_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., reservations_to_cancel: _Optional[_Iterable[str]] = ..., return_of: _Optional[str] = ..., state: _Optional[_Union[TransferState, str]] = ..., state_reason: _Optional[str] = ..., shipment: _Optional[_Union[Shipment, _Mapping]] = ..., approval_checks: _Optional[_Iterable[_Union[GateCheck, _Mapping]]] = ..., dispatch_checks: _Optional[_Iterable[_Union[GateCheck, _Mapping]]] = ..., requested_by: _Optional[str] = ..., requesting_organisation: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., dispatch_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class TransferChange(_message.Message):
    """One change of a transfer, as WatchTransfers streams it."""
    __slots__ = ["change", "change_time", "position", "transfer"]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    change: str
    """What happened: "TransferRequested", "TransferApproved", "TransferRejected",
    "TransferCancelled", "TransferDispatched" or "TransferItemsReceived".
    """
    change_time: _timestamp_pb2.Timestamp
    """When it happened."""
    position: str
    """Position of this change; pass it as resume_after to continue after it."""
    transfer: Transfer
    """The transfer as it was right after the change."""
    def __init__(self, position: _Optional[str] = ..., change: _Optional[str] = ..., transfer: _Optional[_Union[Transfer, _Mapping]] = ..., change_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TransferItem(_message.Message):
    """One item of a transfer, and how it arrived."""
    __slots__ = ["condition", "item", "receive_time", "received_quantity", "state", "storage_position", "temperature_excursion"]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_POSITION_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_EXCURSION_FIELD_NUMBER: _ClassVar[int]
    condition: ItemCondition
    """Output only. How it arrived."""
    item: str
    """Required. The sample or instrument, "samples/{id}" or "equipment/{id}"."""
    receive_time: _timestamp_pb2.Timestamp
    """Output only. When it was received."""
    received_quantity: _sample_service_pb2.Quantity
    """Output only. The quantity found on receipt (a sample). The receiving organisation only."""
    state: TransferItemState
    """Output only. Where it stands."""
    storage_position: _storage_service_pb2.StoragePosition
    """Output only. Where it was put on receipt (a sample). The receiving organisation only."""
    temperature_excursion: bool
    """Output only. Whether its temperature logger recorded an excursion."""
    def __init__(self, item: _Optional[str] = ..., state: _Optional[_Union[TransferItemState, str]] = ..., condition: _Optional[_Union[ItemCondition, str]] = ..., temperature_excursion: bool = ..., received_quantity: _Optional[_Union[_sample_service_pb2.Quantity, _Mapping]] = ..., storage_position: _Optional[_Union[_storage_service_pb2.StoragePosition, _Mapping]] = ..., receive_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class WatchTransfersRequest(_message.Message):
    """Request of WatchTransfers."""
    __slots__ = ["item", "organisation", "resume_after"]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_FIELD_NUMBER: _ClassVar[int]
    item: str
    """Changes of the transfers of this item, "samples/{id}" or "equipment/{id}"; at most one of
    organisation and item.
    """
    organisation: str
    """Changes of the transfers this organisation sends or receives, "organisations/{id}"; the
    caller's if both this and item are empty. Only auditors and admins watch another organisation's.
    """
    resume_after: str
    """Optional. Position of the last change received; empty to start with changes from now on, "0"
    to start from the first change ever recorded.
    """
    def __init__(self, organisation: _Optional[str] = ..., item: _Optional[str] = ..., resume_after: _Optional[str] = ...) -> None: ...

class TransferState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Where a transfer stands."""
    __slots__ = []

class TransferItemState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Where one item of a transfer stands."""
    __slots__ = []

class ItemCondition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """How an item arrived."""
    __slots__ = []

class Packaging(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """How a shipment is packed for the road (ADR / IATA dangerous goods rules)."""
    __slots__ = []

class TransferDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Which transfers of an organisation a list returns."""
    __slots__ = []
