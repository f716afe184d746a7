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

BUSY_KIND_BUFFER: BusyKind
"""The buffer the instrument's rules keep after a reservation."""
BUSY_KIND_LOAN: BusyKind
"""Lent to another site: from the loan's approval to its expected return."""
BUSY_KIND_MAINTENANCE: BusyKind
"""A maintenance window."""
BUSY_KIND_OUT_OF_SERVICE: BusyKind
"""A period out of service."""
BUSY_KIND_RESERVATION: BusyKind
"""A reservation that holds its slot (pending approval, confirmed or checked in)."""
BUSY_KIND_UNSPECIFIED: BusyKind
"""Never sent."""
DESCRIPTOR: _descriptor.FileDescriptor
RECURRENCE_FREQUENCY_DAILY: RecurrenceFrequency
"""Every `interval` days."""
RECURRENCE_FREQUENCY_UNSPECIFIED: RecurrenceFrequency
"""No frequency: refused."""
RECURRENCE_FREQUENCY_WEEKLY: RecurrenceFrequency
"""Every `interval` weeks, on the first occurrence's weekday."""
RESERVATION_STATE_CANCELLED: ReservationState
"""Cancelled by the booker or a manager."""
RESERVATION_STATE_CHECKED_IN: ReservationState
"""In use."""
RESERVATION_STATE_COMPLETED: ReservationState
"""Used and checked out."""
RESERVATION_STATE_CONFIRMED: ReservationState
"""Booked."""
RESERVATION_STATE_NO_SHOW: ReservationState
"""Not checked in within the grace period."""
RESERVATION_STATE_PENDING_APPROVAL: ReservationState
"""Waiting for the owning organisation's approval; holds the slot."""
RESERVATION_STATE_REJECTED: ReservationState
"""Refused by the owning organisation."""
RESERVATION_STATE_UNSPECIFIED: ReservationState
"""No state: never sent; in a list filter, refused."""
SERIES_CONFLICT_MODE_ALL_OR_NOTHING: SeriesConflictMode
"""Book every occurrence or none: the first that cannot be booked fails the request."""
SERIES_CONFLICT_MODE_SKIP_CONFLICTS: SeriesConflictMode
"""Book the occurrences that can be booked; the response lists the others and why."""
SERIES_CONFLICT_MODE_UNSPECIFIED: SeriesConflictMode
"""No mode: refused."""

class ApproveReservationRequest(_message.Message):
    """Request of ApproveReservation."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    name: str
    """Required. "reservations/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class Availability(_message.Message):
    """The calendar of an instrument in a window."""
    __slots__ = ["busy", "equipment", "free", "window"]
    BUSY_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    FREE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    busy: _containers.RepeatedCompositeFieldContainer[BusyInterval]
    """Busy intervals overlapping the window, in time order."""
    equipment: str
    """The instrument, "equipment/{id}"."""
    free: _containers.RepeatedCompositeFieldContainer[_common_pb2.TimeInterval]
    """Free intervals within the window, in time order."""
    window: _common_pb2.TimeInterval
    """The window described."""
    def __init__(self, equipment: _Optional[str] = ..., window: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., free: _Optional[_Iterable[_Union[_common_pb2.TimeInterval, _Mapping]]] = ..., busy: _Optional[_Iterable[_Union[BusyInterval, _Mapping]]] = ...) -> None: ...

class BusyInterval(_message.Message):
    """An interval of an instrument's calendar that cannot be booked."""
    __slots__ = ["interval", "kind", "organisation", "reservation"]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_FIELD_NUMBER: _ClassVar[int]
    interval: _common_pb2.TimeInterval
    """The blocked interval, clipped to the window asked for."""
    kind: BusyKind
    """What blocks it."""
    organisation: str
    """The organisation that booked it, "organisations/{id}", when kind is RESERVATION."""
    reservation: str
    """The reservation, "reservations/{id}", when the caller's organisation booked it or owns the
    instrument; empty otherwise.
    """
    def __init__(self, interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., kind: _Optional[_Union[BusyKind, str]] = ..., reservation: _Optional[str] = ..., organisation: _Optional[str] = ...) -> None: ...

class CancelReservationRequest(_message.Message):
    """Request of CancelReservation."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    name: str
    """Required. "reservations/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CancelReservationSeriesRequest(_message.Message):
    """Request of CancelReservationSeries."""
    __slots__ = ["from_reservation", "reason", "request_id", "series"]
    FROM_RESERVATION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    from_reservation: str
    """Optional. The occurrence ("reservations/{id}") from which on to cancel; from the first if empty."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    series: str
    """Required. "reservationSeries/{id}"."""
    def __init__(self, request_id: _Optional[str] = ..., series: _Optional[str] = ..., from_reservation: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelReservationSeriesResponse(_message.Message):
    """Response of CancelReservationSeries."""
    __slots__ = ["cancelled"]
    CANCELLED_FIELD_NUMBER: _ClassVar[int]
    cancelled: _containers.RepeatedCompositeFieldContainer[Reservation]
    """The reservations cancelled, in time order."""
    def __init__(self, cancelled: _Optional[_Iterable[_Union[Reservation, _Mapping]]] = ...) -> None: ...

class CheckInReservationRequest(_message.Message):
    """Request of CheckInReservation."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    name: str
    """Required. "reservations/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CheckOutReservationRequest(_message.Message):
    """Request of CheckOutReservation."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    name: str
    """Required. "reservations/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateReservationRequest(_message.Message):
    """Request of CreateReservation."""
    __slots__ = ["request_id", "reservation", "reservation_id"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    """Required. UUID identifying this request; a retry with the same id returns the same reservation."""
    reservation: Reservation
    """Required. equipment, interval, purpose and project are read."""
    reservation_id: str
    """Optional. Id to give the reservation; a UUIDv7 if empty."""
    def __init__(self, request_id: _Optional[str] = ..., reservation_id: _Optional[str] = ..., reservation: _Optional[_Union[Reservation, _Mapping]] = ...) -> None: ...

class CreateReservationSeriesRequest(_message.Message):
    """Request of CreateReservationSeries."""
    __slots__ = ["conflict_mode", "first_occurrence", "recurrence", "request_id"]
    CONFLICT_MODE_FIELD_NUMBER: _ClassVar[int]
    FIRST_OCCURRENCE_FIELD_NUMBER: _ClassVar[int]
    RECURRENCE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    conflict_mode: SeriesConflictMode
    """Required. What to do with occurrences that cannot be booked."""
    first_occurrence: Reservation
    """Required. The first occurrence: equipment, interval, purpose and project are read."""
    recurrence: Recurrence
    """Required. How the first occurrence repeats."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., first_occurrence: _Optional[_Union[Reservation, _Mapping]] = ..., recurrence: _Optional[_Union[Recurrence, _Mapping]] = ..., conflict_mode: _Optional[_Union[SeriesConflictMode, str]] = ...) -> None: ...

class CreateReservationSeriesResponse(_message.Message):
    """Response of CreateReservationSeries."""
    __slots__ = ["reservations", "series", "skipped"]
    RESERVATIONS_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    reservations: _containers.RepeatedCompositeFieldContainer[Reservation]
    """The occurrences booked, in time order."""
    series: str
    """The new series, "reservationSeries/{id}"; every occurrence booked carries it."""
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedOccurrence]
    """The occurrences skipped (SKIP_CONFLICTS only), in time order."""
    def __init__(self, series: _Optional[str] = ..., reservations: _Optional[_Iterable[_Union[Reservation, _Mapping]]] = ..., skipped: _Optional[_Iterable[_Union[SkippedOccurrence, _Mapping]]] = ...) -> None: ...

class GetAvailabilityRequest(_message.Message):
    """Request of GetAvailability."""
    __slots__ = ["equipment", "window"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    equipment: str
    """Required. "equipment/{id}"."""
    window: _common_pb2.TimeInterval
    """Required. The window to describe; at most 92 days."""
    def __init__(self, equipment: _Optional[str] = ..., window: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ...) -> None: ...

class GetReservationRequest(_message.Message):
    """Request of GetReservation."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "reservations/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetUsageReportRequest(_message.Message):
    """Request of GetUsageReport."""
    __slots__ = ["owner_organisation", "period"]
    OWNER_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    owner_organisation: str
    """Optional. Only instruments of this organisation, "organisations/{id}"."""
    period: _common_pb2.TimeInterval
    """Required. The period, at most 366 days; reservations are clipped to it."""
    def __init__(self, period: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., owner_organisation: _Optional[str] = ...) -> None: ...

class ListReservationsRequest(_message.Message):
    """Request of ListReservations. Filters combine: a reservation is listed when it matches every
    filter set.
    """
    __slots__ = ["booked_by", "equipment", "organisation", "page_size", "page_token", "project", "states", "window"]
    BOOKED_BY_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    booked_by: str
    """Optional. Only reservations booked by this person (`sub`)."""
    equipment: str
    """Optional. Only reservations of this instrument, "equipment/{id}"."""
    organisation: str
    """Optional. Only reservations of this organisation, "organisations/{id}"."""
    page_size: int
    """Optional. At most this many reservations are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of a previous call with the same filters."""
    project: str
    """Optional. Only reservations for this project."""
    states: _containers.RepeatedScalarFieldContainer[ReservationState]
    """Optional. Only reservations in these states."""
    window: _common_pb2.TimeInterval
    """Optional. Only reservations overlapping this window."""
    def __init__(self, equipment: _Optional[str] = ..., booked_by: _Optional[str] = ..., organisation: _Optional[str] = ..., project: _Optional[str] = ..., window: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., states: _Optional[_Iterable[_Union[ReservationState, str]]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListReservationsResponse(_message.Message):
    """Response of ListReservations."""
    __slots__ = ["next_page_token", "reservations"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RESERVATIONS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token of the next page; empty on the last page."""
    reservations: _containers.RepeatedCompositeFieldContainer[Reservation]
    """The reservations, ordered by start time, then name, each shown as the caller may see it."""
    def __init__(self, reservations: _Optional[_Iterable[_Union[Reservation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Recurrence(_message.Message):
    """A recurrence, expanded in the instrument site's time zone: each occurrence starts at the first
    one's local wall-clock time and lasts as long as it. A local start that a daylight-saving change
    skips is read with the offset before the gap (02:30 becomes 03:30); one that happens twice means
    the first of the two (RFC 5545). Occurrences, with the instrument's buffer, must not overlap.
    """
    __slots__ = ["count", "frequency", "interval", "until_time"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    UNTIL_TIME_FIELD_NUMBER: _ClassVar[int]
    count: int
    """Number of occurrences (at most 366), the first included. Exactly one of count or until_time
    is required.
    """
    frequency: RecurrenceFrequency
    """Required. Daily or weekly."""
    interval: int
    """Optional. Every `interval` days or weeks, from 1 to 366; default (0) 1."""
    until_time: _timestamp_pb2.Timestamp
    """Last moment an occurrence may start; at most 366 occurrences. Exactly one of count or
    until_time is required.
    """
    def __init__(self, frequency: _Optional[_Union[RecurrenceFrequency, str]] = ..., interval: _Optional[int] = ..., count: _Optional[int] = ..., until_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RejectReservationRequest(_message.Message):
    """Request of RejectReservation."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    name: str
    """Required. "reservations/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class RescheduleReservationRequest(_message.Message):
    """Request of RescheduleReservation."""
    __slots__ = ["etag", "interval", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the reservation is still at this etag."""
    interval: _common_pb2.TimeInterval
    """Required. The new interval."""
    name: str
    """Required. "reservations/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Reservation(_message.Message):
    """A booking of one instrument for one interval."""
    __slots__ = ["booked_by", "check_in_time", "check_out_time", "create_time", "equipment", "etag", "interval", "name", "organisation", "project", "purpose", "series", "state", "state_reason", "update_time"]
    BOOKED_BY_FIELD_NUMBER: _ClassVar[int]
    CHECK_IN_TIME_FIELD_NUMBER: _ClassVar[int]
    CHECK_OUT_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_REASON_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    booked_by: str
    """Output only. Who booked (`sub`); empty for callers of unrelated organisations."""
    check_in_time: _timestamp_pb2.Timestamp
    """Output only. When the user checked in, if they did."""
    check_out_time: _timestamp_pb2.Timestamp
    """Output only. When the user checked out, if they did."""
    create_time: _timestamp_pb2.Timestamp
    """Output only. When the reservation was booked."""
    equipment: str
    """Required, immutable. The instrument, "equipment/{id}"."""
    etag: str
    """Output only. Version of the reservation's event stream."""
    interval: _common_pb2.TimeInterval
    """Required. The booked interval; RescheduleReservation moves it."""
    name: str
    """Identifier, output only. "reservations/{id}": reservation_id of the booking request, or a
    UUIDv7.
    """
    organisation: str
    """Output only. The organisation booked for, "organisations/{id}"."""
    project: str
    """Optional, immutable. Project code the use is charged to, at most 64 characters. Empty for
    callers of unrelated organisations.
    """
    purpose: str
    """Required, immutable. What the instrument is used for, at most 500 characters. Empty for
    callers of unrelated organisations.
    """
    series: str
    """Output only. The series it belongs to, "reservationSeries/{id}", if any."""
    state: ReservationState
    """Output only. Current state."""
    state_reason: str
    """Output only. Why it was cancelled, rejected or marked a no-show."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When the reservation last changed."""
    def __init__(self, name: _Optional[str] = ..., equipment: _Optional[str] = ..., interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., state: _Optional[_Union[ReservationState, str]] = ..., booked_by: _Optional[str] = ..., organisation: _Optional[str] = ..., purpose: _Optional[str] = ..., project: _Optional[str] = ..., check_in_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., check_out_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., state_reason: _Optional[str] = ..., series: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class ReservationChange(_message.Message):
    """One change of a reservation, as WatchReservations streams it."""
    __slots__ = ["change", "change_time", "position", "reservation"]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    RESERVATION_FIELD_NUMBER: _ClassVar[int]
    change: str
    """What happened: "ReservationBooked", "ReservationApproved", "ReservationRejected",
    "ReservationCancelled", "ReservationRescheduled", "ReservationCheckedIn",
    "ReservationCheckedOut" or "ReservationMarkedNoShow".
    """
    change_time: _timestamp_pb2.Timestamp
    """When it happened."""
    position: str
    """Position of this change; pass it as resume_after to continue after it."""
    reservation: Reservation
    """The reservation as it was right after the change."""
    def __init__(self, position: _Optional[str] = ..., change: _Optional[str] = ..., reservation: _Optional[_Union[Reservation, _Mapping]] = ..., change_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SkippedOccurrence(_message.Message):
    """An occurrence of a series that was not booked."""
    __slots__ = ["description", "interval", "reason"]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    description: str
    """Human-readable explanation."""
    interval: _common_pb2.TimeInterval
    """The interval the occurrence would have taken."""
    reason: str
    """The ErrorReason it would have failed with, e.g. "SLOT_UNAVAILABLE"."""
    def __init__(self, interval: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., reason: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class UsageReport(_message.Message):
    """Hours booked and used in a period."""
    __slots__ = ["period", "rows"]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    period: _common_pb2.TimeInterval
    """The period reported on."""
    rows: _containers.RepeatedCompositeFieldContainer[UsageRow]
    """One row per instrument, booking organisation and project, ordered by those."""
    def __init__(self, period: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., rows: _Optional[_Iterable[_Union[UsageRow, _Mapping]]] = ...) -> None: ...

class UsageRow(_message.Message):
    """The usage of one instrument by one organisation for one project in a report's period."""
    __slots__ = ["booked", "equipment", "no_shows", "organisation", "project", "reservations", "used"]
    BOOKED_FIELD_NUMBER: _ClassVar[int]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    NO_SHOWS_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    RESERVATIONS_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    booked: _duration_pb2.Duration
    """Time booked by CONFIRMED, CHECKED_IN, COMPLETED and NO_SHOW reservations."""
    equipment: str
    """The instrument, "equipment/{id}"."""
    no_shows: int
    """Number of those reservations that were no-shows."""
    organisation: str
    """The booking organisation, "organisations/{id}"."""
    project: str
    """The project the reservations were charged to; empty for those without one."""
    reservations: int
    """Number of reservations counted in booked."""
    used: _duration_pb2.Duration
    """Time between check-in and check-out (or now, while checked in)."""
    def __init__(self, equipment: _Optional[str] = ..., organisation: _Optional[str] = ..., project: _Optional[str] = ..., booked: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., used: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., reservations: _Optional[int] = ..., no_shows: _Optional[int] = ...) -> None: ...

class WatchReservationsRequest(_message.Message):
    """Request of WatchReservations."""
    __slots__ = ["equipment", "organisation", "resume_after"]
    EQUIPMENT_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_FIELD_NUMBER: _ClassVar[int]
    equipment: str
    """Changes of reservations of this instrument, "equipment/{id}". Exactly one of equipment or
    organisation is required.
    """
    organisation: str
    """Changes of reservations booked by, or of instruments in the custody of, this organisation,
    "organisations/{id}". Exactly one of equipment or organisation is required.
    """
    resume_after: str
    """Optional. Position of the last change received; empty to start with changes from now on, "0"
    to start from the first change ever recorded.
    """
    def __init__(self, equipment: _Optional[str] = ..., organisation: _Optional[str] = ..., resume_after: _Optional[str] = ...) -> None: ...

class ReservationState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Where a reservation is in its life."""
    __slots__ = []

class SeriesConflictMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """How a series handles occurrences that cannot be booked."""
    __slots__ = []

class RecurrenceFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """How often a recurrence repeats."""
    __slots__ = []

class BusyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """What occupies a busy interval."""
    __slots__ = []
