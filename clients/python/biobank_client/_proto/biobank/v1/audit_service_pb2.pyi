from biobank_client._proto.biobank.v1 import agreement_service_pb2 as _agreement_service_pb2
from biobank_client._proto.biobank.v1 import common_pb2 as _common_pb2
from biobank_client._proto.biobank.v1 import consent_service_pb2 as _consent_service_pb2
from biobank_client._proto.biobank.v1 import equipment_service_pb2 as _equipment_service_pb2
from biobank_client._proto.biobank.v1 import reservation_service_pb2 as _reservation_service_pb2
from biobank_client._proto.biobank.v1 import sample_service_pb2 as _sample_service_pb2
from biobank_client._proto.biobank.v1 import transfer_service_pb2 as _transfer_service_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
INTEGRITY_PROBLEM_CHAIN_BROKEN: IntegrityProblem
"""The hash recorded does not follow from the previous event's: the chain was rewritten."""
INTEGRITY_PROBLEM_CONTENT_CHANGED: IntegrityProblem
"""The event's content or envelope no longer matches the hash recorded when it was stored: it
was edited.
"""
INTEGRITY_PROBLEM_EVENT_MISSING: IntegrityProblem
"""A version of the stream is missing: its event was deleted."""
INTEGRITY_PROBLEM_HASH_MISSING: IntegrityProblem
"""The event has no recorded hash: it was stored past the database's chaining."""
INTEGRITY_PROBLEM_UNSPECIFIED: IntegrityProblem
"""Never sent."""
STREAM_KIND_AGREEMENT: StreamKind
"""A material transfer agreement, "agreements/{id}"."""
STREAM_KIND_CONSENT: StreamKind
"""A consent, "consents/{id}"."""
STREAM_KIND_EQUIPMENT: StreamKind
"""An instrument, "equipment/{id}"."""
STREAM_KIND_QUALIFICATION: StreamKind
"""A qualification, "qualifications/{id}"."""
STREAM_KIND_RESERVATION: StreamKind
"""A reservation, "reservations/{id}"."""
STREAM_KIND_SAMPLE: StreamKind
"""A sample, "samples/{id}"."""
STREAM_KIND_STORAGE_UNIT: StreamKind
"""A storage unit, "storageUnits/{id}"."""
STREAM_KIND_TRANSFER: StreamKind
"""A transfer, "transfers/{id}"."""
STREAM_KIND_UNSPECIFIED: StreamKind
"""No kind: in a filter, refused."""

class AuditCount(_message.Message):
    """A count of events sharing one value."""
    __slots__ = ["count", "key"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    count: int
    """How many events have it."""
    key: str
    """The value: an event type, an organisation ("organisations/{id}") or an actor."""
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class AuditEvent(_message.Message):
    """One recorded event and its envelope."""
    __slots__ = ["actor", "business_time", "causation_id", "correlation_id", "event_id", "event_type", "hash", "organisation", "payload_json", "position", "reason", "record_time", "request_id", "roles", "stream", "stream_kind", "version"]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TIME_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_JSON_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    STREAM_KIND_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    actor: str
    """Who recorded it: the `sub` of the caller's token."""
    business_time: _timestamp_pb2.Timestamp
    """When the event took effect in the business, when that differs from record_time; unset
    otherwise.
    """
    causation_id: str
    """Causation id: the request id of the call that recorded it."""
    correlation_id: str
    """Correlation id of the call (its trace id unless the caller gave one)."""
    event_id: str
    """Event id (a UUID)."""
    event_type: str
    """Type of the event, e.g. "sample_moved"."""
    hash: str
    """SHA-256 of the previous event's hash in the stream and of this event's canonical content and
    envelope, hex encoded.
    """
    organisation: str
    """The organisation the caller acted for, "organisations/{id}"."""
    payload_json: str
    """The event's content as JSON."""
    position: int
    """Position in the global sequence of events; strictly increasing in a replay."""
    reason: str
    """Why, where the event gives a reason (cancellations, rejections, corrections, disposals)."""
    record_time: _timestamp_pb2.Timestamp
    """When the event was recorded."""
    request_id: str
    """Request id of the call that recorded it."""
    roles: _containers.RepeatedScalarFieldContainer[str]
    """The caller's roles."""
    stream: str
    """The resource whose stream holds the event, e.g. "samples/{id}"."""
    stream_kind: StreamKind
    """Kind of the stream."""
    version: int
    """Version of the stream this event made (1 for its first event)."""
    def __init__(self, position: _Optional[int] = ..., stream: _Optional[str] = ..., version: _Optional[int] = ..., stream_kind: _Optional[_Union[StreamKind, str]] = ..., event_type: _Optional[str] = ..., record_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., business_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., organisation: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ..., correlation_id: _Optional[str] = ..., causation_id: _Optional[str] = ..., request_id: _Optional[str] = ..., payload_json: _Optional[str] = ..., hash: _Optional[str] = ..., event_id: _Optional[str] = ...) -> None: ...

class AuditSummary(_message.Message):
    """Counts of the events recorded in a period."""
    __slots__ = ["actors", "event_types", "organisations", "period", "total"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[AuditCount]
    """Per actor, most frequent first."""
    event_types: _containers.RepeatedCompositeFieldContainer[AuditCount]
    """Per event type, most frequent first."""
    organisations: _containers.RepeatedCompositeFieldContainer[AuditCount]
    """Per organisation, most frequent first."""
    period: _common_pb2.TimeInterval
    """The period counted."""
    total: int
    """How many events were recorded in it."""
    def __init__(self, period: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., total: _Optional[int] = ..., event_types: _Optional[_Iterable[_Union[AuditCount, _Mapping]]] = ..., organisations: _Optional[_Iterable[_Union[AuditCount, _Mapping]]] = ..., actors: _Optional[_Iterable[_Union[AuditCount, _Mapping]]] = ...) -> None: ...

class BrokenLink(_message.Message):
    """One broken link of a stream's chain."""
    __slots__ = ["description", "position", "problem", "stream", "version"]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_FIELD_NUMBER: _ClassVar[int]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    description: str
    """What does not match, in words."""
    position: int
    """Position of the event concerned; 0 when the event is missing and its position unknown."""
    problem: IntegrityProblem
    """What is wrong."""
    stream: str
    """The resource whose stream is broken."""
    version: int
    """Version of the event concerned."""
    def __init__(self, stream: _Optional[str] = ..., version: _Optional[int] = ..., position: _Optional[int] = ..., problem: _Optional[_Union[IntegrityProblem, str]] = ..., description: _Optional[str] = ...) -> None: ...

class GetAuditSummaryRequest(_message.Message):
    """Request of GetAuditSummary."""
    __slots__ = ["period"]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.TimeInterval
    """Required. The period whose recorded events are counted."""
    def __init__(self, period: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ...) -> None: ...

class GetIntegrityCheckpointRequest(_message.Message):
    """Request of GetIntegrityCheckpoint."""
    __slots__ = ["position"]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    position: int
    """Optional. The position the checkpoint covers the history up to; 0 for the latest position below
    which every transaction has ended. Later positions are refused: history may still be written there.
    """
    def __init__(self, position: _Optional[int] = ...) -> None: ...

class GetResourceAtRequest(_message.Message):
    """Request of GetResourceAt: exactly one of read_time and version."""
    __slots__ = ["read_time", "resource", "version"]
    READ_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    read_time: _timestamp_pb2.Timestamp
    """Optional. The resource as it was after the last event recorded at or before this time."""
    resource: str
    """Required. The resource: "equipment/{id}", "reservations/{id}", "samples/{id}",
    "consents/{id}", "transfers/{id}", "agreements/{id}" or "qualifications/{id}".
    """
    version: int
    """Optional. The resource as it was after this version of its stream (1 for its first event)."""
    def __init__(self, resource: _Optional[str] = ..., read_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class GetResourceAtResponse(_message.Message):
    """Response of GetResourceAt: the resource as its own service shows it to its custodian."""
    __slots__ = ["agreement", "consent", "equipment", "qualification", "record_time", "reservation", "sample", "transfer", "version"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    CONSENT_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    QUALIFICATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    agreement: _agreement_service_pb2.Agreement
    """A material transfer agreement."""
    consent: _consent_service_pb2.Consent
    """A consent."""
    equipment: _equipment_service_pb2.Equipment
    """An instrument, with its booking rules, status and maintenance windows."""
    qualification: _equipment_service_pb2.Qualification
    """A qualification."""
    record_time: _timestamp_pb2.Timestamp
    """When the last event shown was recorded."""
    reservation: _reservation_service_pb2.Reservation
    """A reservation."""
    sample: _sample_service_pb2.Sample
    """A sample, with its location, quantity, custodian, holds and state."""
    transfer: _transfer_service_pb2.Transfer
    """A transfer."""
    version: int
    """Version of the resource's stream shown."""
    def __init__(self, equipment: _Optional[_Union[_equipment_service_pb2.Equipment, _Mapping]] = ..., reservation: _Optional[_Union[_reservation_service_pb2.Reservation, _Mapping]] = ..., sample: _Optional[_Union[_sample_service_pb2.Sample, _Mapping]] = ..., consent: _Optional[_Union[_consent_service_pb2.Consent, _Mapping]] = ..., transfer: _Optional[_Union[_transfer_service_pb2.Transfer, _Mapping]] = ..., agreement: _Optional[_Union[_agreement_service_pb2.Agreement, _Mapping]] = ..., qualification: _Optional[_Union[_equipment_service_pb2.Qualification, _Mapping]] = ..., version: _Optional[int] = ..., record_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IntegrityCheckpoint(_message.Message):
    """A signed digest of the event history up to a position."""
    __slots__ = ["digest", "position", "signature", "stream_count"]
    DIGEST_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    STREAM_COUNT_FIELD_NUMBER: _ClassVar[int]
    digest: str
    """SHA-256, hex encoded, over each stream's name and the hash of its last event at or before the
    position, in order of stream name.
    """
    position: int
    """The position covered: every event at or before it."""
    signature: str
    """HMAC-SHA256, hex encoded, of "biobank.v1.IntegrityCheckpoint {position} {stream_count} {digest}"
    with a key derived from the server's signing key.
    """
    stream_count: int
    """How many streams had events at or before the position."""
    def __init__(self, position: _Optional[int] = ..., stream_count: _Optional[int] = ..., digest: _Optional[str] = ..., signature: _Optional[str] = ...) -> None: ...

class ListResourceHistoryRequest(_message.Message):
    """Request of ListResourceHistory."""
    __slots__ = ["page_size", "page_token", "resource"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    """Optional. At most this many events are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of the previous page, for the same resource."""
    resource: str
    """Required. The resource, e.g. "equipment/{id}" or "samples/{id}"."""
    def __init__(self, resource: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListResourceHistoryResponse(_message.Message):
    """Response of ListResourceHistory."""
    __slots__ = ["events", "next_page_token"]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[AuditEvent]
    """The events of this page, in order of their version."""
    next_page_token: str
    """Token of the next page; empty on the last."""
    def __init__(self, events: _Optional[_Iterable[_Union[AuditEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReplayEventsRequest(_message.Message):
    """Request of ReplayEvents. The filters combine: an event is sent when it matches every filter given."""
    __slots__ = ["actor", "event_types", "follow", "organisation", "record_end_time", "record_start_time", "resource", "resume_after", "stream_kinds"]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_END_TIME_FIELD_NUMBER: _ClassVar[int]
    RECORD_START_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_FIELD_NUMBER: _ClassVar[int]
    STREAM_KINDS_FIELD_NUMBER: _ClassVar[int]
    actor: str
    """Optional. Only events recorded by this actor (a token's `sub`)."""
    event_types: _containers.RepeatedScalarFieldContainer[str]
    """Optional. Only events of these types, e.g. "sample_moved"."""
    follow: bool
    """Optional. Keep streaming new events after the history, until the call ends."""
    organisation: str
    """Optional. Only events recorded for this organisation, "organisations/{id}"."""
    record_end_time: _timestamp_pb2.Timestamp
    """Optional. Only events recorded before this time; after record_start_time when both are given."""
    record_start_time: _timestamp_pb2.Timestamp
    """Optional. Only events recorded at or after this time."""
    resource: str
    """Optional. Only events of this resource, e.g. "samples/{id}"."""
    resume_after: int
    """Optional. Position of the last event received; events after it are sent. 0 (the default)
    starts with the first event ever recorded.
    """
    stream_kinds: _containers.RepeatedScalarFieldContainer[StreamKind]
    """Optional. Only events of streams of these kinds."""
    def __init__(self, resume_after: _Optional[int] = ..., event_types: _Optional[_Iterable[str]] = ..., stream_kinds: _Optional[_Iterable[_Union[StreamKind, str]]] = ..., resource: _Optional[str] = ..., organisation: _Optional[str] = ..., actor: _Optional[str] = ..., record_start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., record_end_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., follow: bool = ...) -> None: ...

class VerifyIntegrityRequest(_message.Message):
    """Request of VerifyIntegrity: everything when neither resource nor a position range is given."""
    __slots__ = ["end_position", "resource", "start_position"]
    END_POSITION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    START_POSITION_FIELD_NUMBER: _ClassVar[int]
    end_position: int
    """Optional. Only events at or before this position; 0 for no bound."""
    resource: str
    """Optional. Only the stream of this resource, e.g. "samples/{id}"."""
    start_position: int
    """Optional. Only events at or after this position."""
    def __init__(self, resource: _Optional[str] = ..., start_position: _Optional[int] = ..., end_position: _Optional[int] = ...) -> None: ...

class VerifyIntegrityResponse(_message.Message):
    """Response of VerifyIntegrity."""
    __slots__ = ["broken_links", "events_checked", "streams_checked"]
    BROKEN_LINKS_FIELD_NUMBER: _ClassVar[int]
    EVENTS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    STREAMS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    broken_links: _containers.RepeatedCompositeFieldContainer[BrokenLink]
    """Every broken link found, in order of stream and version; empty when the history is intact."""
    events_checked: int
    """How many events were checked."""
    streams_checked: int
    """How many streams were checked."""
    def __init__(self, events_checked: _Optional[int] = ..., streams_checked: _Optional[int] = ..., broken_links: _Optional[_Iterable[_Union[BrokenLink, _Mapping]]] = ...) -> None: ...

class StreamKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """The kinds of event streams, one per kind of resource."""
    __slots__ = []

class IntegrityProblem(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """What a broken link is."""
    __slots__ = []
