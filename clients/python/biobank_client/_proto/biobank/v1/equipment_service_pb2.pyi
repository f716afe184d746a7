from biobank_client._proto.biobank.v1 import common_pb2 as _common_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
EQUIPMENT_KIND_BIOSAFETY_CABINET: EquipmentKind
"""A biosafety (microbiological safety) cabinet."""
EQUIPMENT_KIND_BSL3_SUITE: EquipmentKind
"""A biosafety level 3 laboratory suite."""
EQUIPMENT_KIND_CELL_SORTER: EquipmentKind
"""A fluorescence-activated cell sorter."""
EQUIPMENT_KIND_CONFOCAL_MICROSCOPE: EquipmentKind
"""A confocal laser scanning microscope."""
EQUIPMENT_KIND_ELECTRON_MICROSCOPE: EquipmentKind
"""A transmission or scanning electron microscope."""
EQUIPMENT_KIND_FLOW_CYTOMETER: EquipmentKind
"""A flow cytometer (analyser)."""
EQUIPMENT_KIND_MASS_SPECTROMETER: EquipmentKind
"""A mass spectrometer."""
EQUIPMENT_KIND_NMR_SPECTROMETER: EquipmentKind
"""A nuclear magnetic resonance spectrometer."""
EQUIPMENT_KIND_PCR_SYSTEM: EquipmentKind
"""A PCR or qPCR system."""
EQUIPMENT_KIND_SEQUENCER: EquipmentKind
"""A DNA or RNA sequencer."""
EQUIPMENT_KIND_UNSPECIFIED: EquipmentKind
"""No kind: refused where a kind is required; in a list, no filter."""
EQUIPMENT_STATUS_IN_SERVICE: EquipmentStatus
"""Bookable."""
EQUIPMENT_STATUS_IN_TRANSIT: EquipmentStatus
"""With a carrier, between sites, for a transfer."""
EQUIPMENT_STATUS_LOST: EquipmentStatus
"""Sent and never received."""
EQUIPMENT_STATUS_OUT_OF_SERVICE: EquipmentStatus
"""Temporarily unusable; blocks new bookings."""
EQUIPMENT_STATUS_RETIRED: EquipmentStatus
"""Withdrawn for good."""
EQUIPMENT_STATUS_UNSPECIFIED: EquipmentStatus
"""No status: refused where a status is required; in a list, no filter."""

class BookingRules(_message.Message):
    """The rules reservations of an instrument must follow. Every field is optional: an unset
    duration takes its default.
    """
    __slots__ = ["booking_horizon", "buffer", "cross_organisation_approval", "max_duration", "min_duration", "minimum_notice", "no_show_grace", "qualification_required"]
    BOOKING_HORIZON_FIELD_NUMBER: _ClassVar[int]
    BUFFER_FIELD_NUMBER: _ClassVar[int]
    CROSS_ORGANISATION_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    MAX_DURATION_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_NOTICE_FIELD_NUMBER: _ClassVar[int]
    MIN_DURATION_FIELD_NUMBER: _ClassVar[int]
    NO_SHOW_GRACE_FIELD_NUMBER: _ClassVar[int]
    QUALIFICATION_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    booking_horizon: _duration_pb2.Duration
    """Optional. How far ahead reservations may start. Default 90 days."""
    buffer: _duration_pb2.Duration
    """Optional. Free time kept after each reservation (cleaning, calibration). Default none."""
    cross_organisation_approval: bool
    """Optional. Whether reservations by other organisations wait for a facility manager's approval."""
    max_duration: _duration_pb2.Duration
    """Optional. Longest reservation. Default 8 hours."""
    min_duration: _duration_pb2.Duration
    """Optional. Shortest reservation. Default 15 minutes."""
    minimum_notice: _duration_pb2.Duration
    """Optional. How long before its start a reservation must be made. Default none."""
    no_show_grace: _duration_pb2.Duration
    """Optional. How long after its start a confirmed reservation not checked in becomes a no-show,
    freeing the rest of the slot. Default 30 minutes.
    """
    qualification_required: bool
    """Optional. Whether the booker must hold a qualification for the instrument or its kind."""
    def __init__(self, min_duration: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_duration: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., booking_horizon: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., minimum_notice: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., cross_organisation_approval: bool = ..., qualification_required: bool = ..., buffer: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., no_show_grace: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class CancelMaintenanceRequest(_message.Message):
    """Request of CancelMaintenance."""
    __slots__ = ["etag", "maintenance_id", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the instrument is still at this etag."""
    maintenance_id: str
    """Required. The window's maintenance_id."""
    name: str
    """Required. "equipment/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., maintenance_id: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class Equipment(_message.Message):
    """A shared instrument."""
    __slots__ = ["booking_rules", "create_time", "custodian_organisation", "display_name", "etag", "kind", "loan", "maintenance_windows", "name", "owner_organisation", "site", "status", "status_reason", "time_zone", "transfer", "update_time"]
    BOOKING_RULES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CUSTODIAN_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LOAN_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_WINDOWS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    booking_rules: BookingRules
    """Optional. The booking rules; unset durations take their defaults. UpdateBookingRules
    replaces them.
    """
    create_time: _timestamp_pb2.Timestamp
    """Output only. When the instrument was registered."""
    custodian_organisation: str
    """Output only. The organisation that has the instrument now, "organisations/{id}": its owner, or
    while lent, the borrower, whose facility managers then run it (rules, maintenance, approvals,
    qualifications).
    """
    display_name: str
    """Required, immutable. Human-readable name, e.g. "Zeiss LSM 980 confocal (room B214)"."""
    etag: str
    """Output only. Version of the instrument's event stream."""
    kind: EquipmentKind
    """Required, immutable. The kind of instrument."""
    loan: str
    """Output only. The transfer that lent the instrument to its custodian, while it is away from its
    owner; ReturnEquipment sends it back.
    """
    maintenance_windows: _containers.RepeatedCompositeFieldContainer[MaintenanceWindow]
    """Output only. Maintenance windows scheduled and not cancelled, leaving out those already over
    when the next one was scheduled.
    """
    name: str
    """Identifier, output only. "equipment/{id}": equipment_id of the registering request, or a
    UUIDv7.
    """
    owner_organisation: str
    """Output only. Owning organisation, "organisations/{id}": the registering caller's organisation."""
    site: str
    """Required, immutable. Site the instrument is at, "sites/{id}": of the owning organisation when
    registered; only a transfer's receipt moves it (while lent, the borrowing site).
    """
    status: EquipmentStatus
    """Output only. Current status."""
    status_reason: str
    """Output only. Why the status was last changed."""
    time_zone: str
    """Output only. IANA time zone of the site; reservations are expanded in it."""
    transfer: str
    """Output only. The approved or dispatched transfer moving the instrument, "transfers/{id}", if any."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When the instrument last changed (rules, status, maintenance)."""
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[EquipmentKind, str]] = ..., owner_organisation: _Optional[str] = ..., site: _Optional[str] = ..., time_zone: _Optional[str] = ..., booking_rules: _Optional[_Union[BookingRules, _Mapping]] = ..., status: _Optional[_Union[EquipmentStatus, str]] = ..., status_reason: _Optional[str] = ..., maintenance_windows: _Optional[_Iterable[_Union[MaintenanceWindow, _Mapping]]] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., custodian_organisation: _Optional[str] = ..., transfer: _Optional[str] = ..., loan: _Optional[str] = ...) -> None: ...

class GetEquipmentRequest(_message.Message):
    """Request of GetEquipment."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "equipment/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GrantQualificationRequest(_message.Message):
    """Request of GrantQualification."""
    __slots__ = ["qualification", "request_id"]
    QUALIFICATION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    qualification: Qualification
    """Required. person, person_organisation, equipment or equipment_kind, and expire_time are read."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., qualification: _Optional[_Union[Qualification, _Mapping]] = ...) -> None: ...

class ListEquipmentRequest(_message.Message):
    """Request of ListEquipment."""
    __slots__ = ["kind", "organisation", "page_size", "page_token", "site", "status", "text"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    kind: EquipmentKind
    """Optional. Only instruments of this kind."""
    organisation: str
    """Optional. Only instruments of this organisation, "organisations/{id}"."""
    page_size: int
    """Optional. At most this many instruments are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of a previous call with the same filters."""
    site: str
    """Optional. Only instruments at this site, "sites/{id}"."""
    status: EquipmentStatus
    """Optional. Only instruments in this status."""
    text: str
    """Optional. Only instruments whose display name contains this text (case-insensitive)."""
    def __init__(self, organisation: _Optional[str] = ..., site: _Optional[str] = ..., kind: _Optional[_Union[EquipmentKind, str]] = ..., status: _Optional[_Union[EquipmentStatus, str]] = ..., text: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListEquipmentResponse(_message.Message):
    """Response of ListEquipment."""
    __slots__ = ["equipment", "next_page_token"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    equipment: _containers.RepeatedCompositeFieldContainer[Equipment]
    """The instruments, ordered by name."""
    next_page_token: str
    """Token of the next page; empty on the last page."""
    def __init__(self, equipment: _Optional[_Iterable[_Union[Equipment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListQualificationsRequest(_message.Message):
    """Request of ListQualifications."""
    __slots__ = ["granting_organisation", "include_inactive", "page_size", "page_token", "person"]
    GRANTING_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    granting_organisation: str
    """Optional. Only qualifications granted by this organisation, "organisations/{id}"."""
    include_inactive: bool
    """Optional. Whether revoked and expired qualifications are listed too."""
    page_size: int
    """Optional. At most this many qualifications are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of a previous call with the same filters."""
    person: str
    """Optional. Only qualifications of this person (`sub`)."""
    def __init__(self, person: _Optional[str] = ..., granting_organisation: _Optional[str] = ..., include_inactive: bool = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListQualificationsResponse(_message.Message):
    """Response of ListQualifications."""
    __slots__ = ["next_page_token", "qualifications"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUALIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token of the next page; empty on the last page."""
    qualifications: _containers.RepeatedCompositeFieldContainer[Qualification]
    """The qualifications, ordered by name."""
    def __init__(self, qualifications: _Optional[_Iterable[_Union[Qualification, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class MaintenanceWindow(_message.Message):
    """A maintenance interval of an instrument, as ScheduleMaintenance recorded it."""
    __slots__ = ["interval", "maintenance_id", "reason"]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    interval: _common_pb2.TimeInterval
    """Output only. The blocked interval."""
    maintenance_id: str
    """Output only. Id of the window within its instrument; CancelMaintenance names it."""
    reason: str
    """Output only. Why the instrument is under maintenance."""
    def __init__(self, maintenance_id: _Optional[str] = ..., interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class Qualification(_message.Message):
    """Permission for a person to use an instrument or a kind of instrument. Nothing of it changes
    after the grant but its revocation.
    """
    __slots__ = ["create_time", "equipment", "equipment_kind", "etag", "expire_time", "granting_organisation", "name", "person", "person_organisation", "revoked"]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    GRANTING_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    PERSON_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    """Output only. When it was granted."""
    equipment: str
    """Immutable. An instrument, "equipment/{id}". Exactly one of equipment or equipment_kind is
    required.
    """
    equipment_kind: EquipmentKind
    """Immutable. Every instrument of this kind owned by the granting organisation. Exactly one of
    equipment or equipment_kind is required.
    """
    etag: str
    """Output only. Version of the qualification's event stream."""
    expire_time: _timestamp_pb2.Timestamp
    """Optional, immutable. When it lapses; never if unset."""
    granting_organisation: str
    """Output only. The organisation that granted it, "organisations/{id}": the granting manager's."""
    name: str
    """Identifier, output only. "qualifications/{id}"."""
    person: str
    """Required, immutable. The person's `sub`."""
    person_organisation: str
    """Required, immutable. The person's organisation, "organisations/{id}"."""
    revoked: bool
    """Output only. Whether it has been revoked."""
    def __init__(self, name: _Optional[str] = ..., person: _Optional[str] = ..., person_organisation: _Optional[str] = ..., equipment: _Optional[str] = ..., equipment_kind: _Optional[_Union[EquipmentKind, str]] = ..., granting_organisation: _Optional[str] = ..., expire_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., revoked: bool = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class RegisterEquipmentRequest(_message.Message):
    """Request of RegisterEquipment."""
    __slots__ = ["equipment", "equipment_id", "request_id"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    equipment: Equipment
    """Required. display_name, kind, site and booking_rules are read; other fields are ignored."""
    equipment_id: str
    """Optional. Id to give the instrument (lower-case letters, digits, hyphens); a UUIDv7 if empty."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., equipment_id: _Optional[str] = ..., equipment: _Optional[_Union[Equipment, _Mapping]] = ...) -> None: ...

class RetireEquipmentRequest(_message.Message):
    """Request of RetireEquipment."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the instrument is still at this etag."""
    name: str
    """Required. "equipment/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class RevokeQualificationRequest(_message.Message):
    """Request of RevokeQualification."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the qualification is still at this etag."""
    name: str
    """Required. "qualifications/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ScheduleMaintenanceRequest(_message.Message):
    """Request of ScheduleMaintenance."""
    __slots__ = ["cancel_overlapping_reservations", "etag", "interval", "name", "reason", "request_id"]
    CANCEL_OVERLAPPING_RESERVATIONS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    cancel_overlapping_reservations: bool
    """Optional. Whether reservations overlapping the interval are cancelled with the maintenance
    reason.
    """
    etag: str
    """Optional. When set, applies only if the instrument is still at this etag."""
    interval: _common_pb2.TimeInterval
    """Required. The interval to block."""
    name: str
    """Required. "equipment/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., reason: _Optional[str] = ..., cancel_overlapping_reservations: bool = ..., etag: _Optional[str] = ...) -> None: ...

class ScheduleMaintenanceResponse(_message.Message):
    """Response of ScheduleMaintenance."""
    __slots__ = ["equipment", "maintenance", "overlapping_reservations", "overlapping_reservations_cancelled"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_FIELD_NUMBER: _ClassVar[int]
    OVERLAPPING_RESERVATIONS_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    OVERLAPPING_RESERVATIONS_FIELD_NUMBER: _ClassVar[int]
    equipment: Equipment
    """The instrument with the new window."""
    maintenance: MaintenanceWindow
    """The window scheduled."""
    overlapping_reservations: _containers.RepeatedScalarFieldContainer[str]
    """Reservations that overlap the window (with the buffer after each), "reservations/{id}"."""
    overlapping_reservations_cancelled: bool
    """Whether those reservations were cancelled."""
    def __init__(self, equipment: _Optional[_Union[Equipment, _Mapping]] = ..., maintenance: _Optional[_Union[MaintenanceWindow, _Mapping]] = ..., overlapping_reservations: _Optional[_Iterable[str]] = ..., overlapping_reservations_cancelled: bool = ...) -> None: ...

class SetEquipmentStatusRequest(_message.Message):
    """Request of SetEquipmentStatus."""
    __slots__ = ["etag", "name", "reason", "request_id", "status"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the instrument is still at this etag."""
    name: str
    """Required. "equipment/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    status: EquipmentStatus
    """Required. IN_SERVICE or OUT_OF_SERVICE."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[EquipmentStatus, str]] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class UpdateBookingRulesRequest(_message.Message):
    """Request of UpdateBookingRules."""
    __slots__ = ["booking_rules", "etag", "name", "request_id"]
    BOOKING_RULES_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    booking_rules: BookingRules
    """Required. The new rules, replacing the old ones whole."""
    etag: str
    """Optional. When set, the change applies only if the instrument is still at this etag."""
    name: str
    """Required. "equipment/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., booking_rules: _Optional[_Union[BookingRules, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class EquipmentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Kinds of instrument."""
    __slots__ = []

class EquipmentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Whether an instrument can be booked."""
    __slots__ = []
