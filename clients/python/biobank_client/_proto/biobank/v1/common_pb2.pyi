from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ERROR_REASON_CALL_ENDED: ErrorReason
"""CANCELLED or DEADLINE_EXCEEDED: the call ended before it completed. A mutation may or may not
have been applied; retry it with the same request_id to find out.
"""
ERROR_REASON_CONCURRENT_MODIFICATION: ErrorReason
"""ABORTED: a concurrent change won and retries were exhausted; retry the request as is."""
ERROR_REASON_CONSENT_WITHDRAWN: ErrorReason
"""FAILED_PRECONDITION: the donor withdrew consent for the collection: no new sample or consent
version is recorded for them. Metadata: consent.
"""
ERROR_REASON_DEVELOPMENT_SIGN_IN_DISABLED: ErrorReason
"""FAILED_PRECONDITION: the server takes its tokens from an identity provider and mints none
itself; get a token from the provider. Metadata: authority.
"""
ERROR_REASON_DURATION_OUT_OF_RANGE: ErrorReason
"""FAILED_PRECONDITION: shorter than the rules' minimum or longer than their maximum.
Metadata: min_duration, max_duration (seconds).
"""
ERROR_REASON_EQUIPMENT_UNAVAILABLE: ErrorReason
"""FAILED_PRECONDITION: the instrument is out of service, retired, in transit or lost, or an
approved transfer takes it away during the slot asked for. Metadata: status, transfer (then).
"""
ERROR_REASON_ETAG_MISMATCH: ErrorReason
"""ABORTED: the etag given does not match the resource's current version. Metadata: etag."""
ERROR_REASON_INSUFFICIENT_NOTICE: ErrorReason
"""FAILED_PRECONDITION: starts too soon, or in the past. Metadata: earliest_start."""
ERROR_REASON_INSUFFICIENT_QUANTITY: ErrorReason
"""FAILED_PRECONDITION: the sample holds less than the quantity asked for; quantities never go
negative. Metadata: name, available, requested.
"""
ERROR_REASON_INTERNAL_FAULT: ErrorReason
"""INTERNAL: an unexpected fault; metadata holds the correlation_id to quote to operators."""
ERROR_REASON_INVALID_FIELDS: ErrorReason
"""INVALID_ARGUMENT: one or more fields are missing or malformed; google.rpc.BadRequest lists them."""
ERROR_REASON_INVALID_PAGE_TOKEN: ErrorReason
"""INVALID_ARGUMENT: the page_token does not belong to this list or is corrupt."""
ERROR_REASON_INVALID_POSITION: ErrorReason
"""FAILED_PRECONDITION: the storage unit is not a box, the position is outside its grid, or the
box is at another site than the sample (samples go between sites by transfer; a received
sample goes into a box at the receiving site). Metadata: storage_unit, position.
"""
ERROR_REASON_INVALID_STATE_TRANSITION: ErrorReason
"""FAILED_PRECONDITION: the resource's state does not allow this change. Metadata: state."""
ERROR_REASON_ITEM_IN_OPEN_TRANSFER: ErrorReason
"""FAILED_PRECONDITION: an item is already in another open transfer (requested, approved,
dispatched or partially received). Each such item is one violation naming the other transfer.
Metadata: name (the first such item).
"""
ERROR_REASON_LOOPBACK_ONLY: ErrorReason
"""PERMISSION_DENIED: development tokens are issued only to callers on the server's own machine
(a loopback address, not through a proxy). Metadata: remote_address.
"""
ERROR_REASON_ORGANISATION_MISMATCH: ErrorReason
"""PERMISSION_DENIED: the caller acts for an organisation that may not do this to the resource.
Metadata: caller_organisation, owner_organisation.
"""
ERROR_REASON_OUTSIDE_BOOKING_HORIZON: ErrorReason
"""FAILED_PRECONDITION: starts beyond the booking horizon. Metadata: latest_start."""
ERROR_REASON_POSITION_OCCUPIED: ErrorReason
"""FAILED_PRECONDITION: another sample is in that box position. Metadata: storage_unit, position."""
ERROR_REASON_QUALIFICATION_REQUIRED: ErrorReason
"""FAILED_PRECONDITION: the booker holds no valid qualification for the instrument or its kind.
Metadata: person, equipment, kind.
"""
ERROR_REASON_RELEASE_GATE_FAILED: ErrorReason
"""FAILED_PRECONDITION: the release gate refused to approve or dispatch a transfer. Each failed
check is one PreconditionFailure violation whose type is the check's own reason below and whose
subject is the item. Metadata: name (the transfer), failed_checks.
"""
ERROR_REASON_REQUEST_ID_REUSED: ErrorReason
"""INVALID_ARGUMENT: the request_id was already used for a different request.
Metadata: request_id.
"""
ERROR_REASON_RESOURCE_ALREADY_EXISTS: ErrorReason
"""ALREADY_EXISTS: a resource with the given name or unique key exists. Metadata: name."""
ERROR_REASON_RESOURCE_NOT_FOUND: ErrorReason
"""NOT_FOUND: the named resource does not exist (or the caller may not know it exists).
Metadata: name.
"""
ERROR_REASON_ROLE_REQUIRED: ErrorReason
"""PERMISSION_DENIED: the caller lacks a role the method needs. Metadata: required_roles."""
ERROR_REASON_SAMPLE_NOT_AVAILABLE: ErrorReason
"""FAILED_PRECONDITION: the sample is in transit, on hold, depleted or disposed (or allocated to
another project) and cannot be allocated, moved, split or used. Metadata: name, state.
"""
ERROR_REASON_SLOT_UNAVAILABLE: ErrorReason
"""FAILED_PRECONDITION: the interval overlaps a reservation, maintenance window or out-of-service
period (including the buffer after reservations). Metadata: equipment, conflict_start,
conflict_end, conflict_kind.
"""
ERROR_REASON_STORE_UNAVAILABLE: ErrorReason
"""UNAVAILABLE: the database cannot be reached; retry later with the same request_id."""
ERROR_REASON_TRANSFER_AGREEMENT_NOT_COVERING: ErrorReason
"""Release gate check: no active agreement between the two organisations covers the purpose, the
material type and the source kind of the sample.
"""
ERROR_REASON_TRANSFER_CONSENT_NOT_GIVEN: ErrorReason
"""Release gate check: the donor's consent is withdrawn, missing, or does not permit the purpose
and, across organisations, sharing with the partner.
"""
ERROR_REASON_TRANSFER_ITEM_ALLOCATED: ErrorReason
"""Release gate check: the sample is allocated to another project than the transfer's."""
ERROR_REASON_TRANSFER_ITEM_ELSEWHERE: ErrorReason
"""Release gate check: the item is not held by the sending organisation at the sending site (or no
longer exists).
"""
ERROR_REASON_TRANSFER_ITEM_ON_HOLD: ErrorReason
"""Release gate check: the sample is on hold (quarantine, legal, consent, quality)."""
ERROR_REASON_TRANSFER_ITEM_UNAVAILABLE: ErrorReason
"""Release gate check: the sample is depleted, disposed, in transit or lost; the instrument is
retired, in transit or lost.
"""
ERROR_REASON_TRANSFER_LOAN_OVERLAPS_RESERVATIONS: ErrorReason
"""Release gate check: a confirmed or pending reservation holds the instrument during the loan and
the request does not list it for cancellation.
"""
ERROR_REASON_UNAUTHENTICATED: ErrorReason
"""UNAUTHENTICATED: no bearer token, or one that is expired, unsigned or for another audience."""
ERROR_REASON_UNIT_MISMATCH: ErrorReason
"""FAILED_PRECONDITION: the quantity is not in the sample's unit. Metadata: name, unit, requested_unit."""
ERROR_REASON_UNKNOWN_SITE: ErrorReason
"""FAILED_PRECONDITION: the site named does not belong to the caller's organisation, or is unknown.
Metadata: site.
"""
ERROR_REASON_UNSPECIFIED: ErrorReason
"""Never sent."""
ERROR_REASON_UNSUITABLE_PARENT: ErrorReason
"""FAILED_PRECONDITION: the parent storage unit cannot hold the new unit: it is a box, or the new
unit names another site or temperature band than the parent's. Metadata: parent, site,
temperature_band (the parent's).
"""
ERROR_REASON_USE_NOT_PERMITTED: ErrorReason
"""FAILED_PRECONDITION: the donor's consent does not permit a declared use (or no consent is
recorded for a human sample). Metadata: name (the sample), use.
"""

class TimeInterval(_message.Message):
    """A half-open interval of time [start_time, end_time), in UTC."""
    __slots__ = ["end_time", "start_time"]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    end_time: _timestamp_pb2.Timestamp
    """Required. Exclusive end; must be after start_time."""
    start_time: _timestamp_pb2.Timestamp
    """Required. Inclusive start."""
    def __init__(self, start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """The machine-readable reasons found in google.rpc.ErrorInfo.reason. Clients compare the string
    in ErrorInfo.reason with the value names below (without the enum prefix), e.g. "SLOT_UNAVAILABLE".
    """
    __slots__ = []
