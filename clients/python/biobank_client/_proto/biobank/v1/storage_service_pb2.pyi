from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
STORAGE_UNIT_KIND_BOX: StorageUnitKind
"""A box with a grid of positions, each holding at most one sample. The only kind with positions."""
STORAGE_UNIT_KIND_DEWAR: StorageUnitKind
"""A liquid nitrogen dewar."""
STORAGE_UNIT_KIND_FREEZER: StorageUnitKind
"""A freezer or refrigerator."""
STORAGE_UNIT_KIND_RACK: StorageUnitKind
"""A rack inside a freezer or dewar."""
STORAGE_UNIT_KIND_SHELF: StorageUnitKind
"""A shelf of a freezer, refrigerator or room."""
STORAGE_UNIT_KIND_UNSPECIFIED: StorageUnitKind
"""No kind: refused where a kind is required; in a list, no filter."""
TEMPERATURE_BAND_LN2_LIQUID: TemperatureBand
"""Liquid nitrogen, liquid phase (-196 °C)."""
TEMPERATURE_BAND_LN2_VAPOUR: TemperatureBand
"""Liquid nitrogen, vapour phase (below -150 °C)."""
TEMPERATURE_BAND_MINUS_20: TemperatureBand
"""Frozen at -20 °C."""
TEMPERATURE_BAND_MINUS_80: TemperatureBand
"""Frozen at -80 °C."""
TEMPERATURE_BAND_REFRIGERATED: TemperatureBand
"""Refrigerated, 2-10 °C."""
TEMPERATURE_BAND_ROOM_TEMPERATURE: TemperatureBand
"""Room temperature (15-25 °C)."""
TEMPERATURE_BAND_UNSPECIFIED: TemperatureBand
"""No band: a unit inside another takes its parent's; refused where a band is required; in a
list, no filter.
"""

class CreateStorageUnitRequest(_message.Message):
    """Request of CreateStorageUnit."""
    __slots__ = ["request_id", "storage_unit", "storage_unit_id"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STORAGE_UNIT_FIELD_NUMBER: _ClassVar[int]
    STORAGE_UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    storage_unit: StorageUnit
    """Required. display_name, kind, site, parent, rows, columns and temperature_band are read."""
    storage_unit_id: str
    """Optional. Id to give the unit (lower-case letters, digits, hyphens); a UUIDv7 if empty."""
    def __init__(self, request_id: _Optional[str] = ..., storage_unit_id: _Optional[str] = ..., storage_unit: _Optional[_Union[StorageUnit, _Mapping]] = ...) -> None: ...

class FindFreePositionsRequest(_message.Message):
    """Request of FindFreePositions."""
    __slots__ = ["count", "site", "temperature_band"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_BAND_FIELD_NUMBER: _ClassVar[int]
    count: int
    """Required. How many positions to find, 1-1000."""
    site: str
    """Required. The site, "sites/{id}"."""
    temperature_band: TemperatureBand
    """Required. The temperature band the sample needs."""
    def __init__(self, site: _Optional[str] = ..., temperature_band: _Optional[_Union[TemperatureBand, str]] = ..., count: _Optional[int] = ...) -> None: ...

class FindFreePositionsResponse(_message.Message):
    """Response of FindFreePositions."""
    __slots__ = ["positions"]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[StoragePosition]
    """Free positions, fewer than asked when the site has no more in that band."""
    def __init__(self, positions: _Optional[_Iterable[_Union[StoragePosition, _Mapping]]] = ...) -> None: ...

class GetStorageUnitRequest(_message.Message):
    """Request of GetStorageUnit."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "storageUnits/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListStorageUnitsRequest(_message.Message):
    """Request of ListStorageUnits."""
    __slots__ = ["kind", "page_size", "page_token", "parent", "site", "temperature_band"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_BAND_FIELD_NUMBER: _ClassVar[int]
    kind: StorageUnitKind
    """Optional. Only units of this kind."""
    page_size: int
    """Optional. At most this many units are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of the previous page, with the same filters."""
    parent: str
    """Optional. Only units directly inside this unit, "storageUnits/{id}"."""
    site: str
    """Optional. Only units at this site, "sites/{id}"."""
    temperature_band: TemperatureBand
    """Optional. Only units in this temperature band."""
    def __init__(self, site: _Optional[str] = ..., parent: _Optional[str] = ..., kind: _Optional[_Union[StorageUnitKind, str]] = ..., temperature_band: _Optional[_Union[TemperatureBand, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStorageUnitsResponse(_message.Message):
    """Response of ListStorageUnits."""
    __slots__ = ["next_page_token", "storage_units"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STORAGE_UNITS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token of the next page; empty on the last page."""
    storage_units: _containers.RepeatedCompositeFieldContainer[StorageUnit]
    """The units, ordered by name. free_positions is set; occupied_positions is not."""
    def __init__(self, storage_units: _Optional[_Iterable[_Union[StorageUnit, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PositionOccupancy(_message.Message):
    """A sample occupying a position of a box."""
    __slots__ = ["position", "sample"]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    position: str
    """Output only. Row letter and column number, e.g. "A1"."""
    sample: str
    """Output only. The sample in it, "samples/{id}"."""
    def __init__(self, position: _Optional[str] = ..., sample: _Optional[str] = ...) -> None: ...

class StoragePosition(_message.Message):
    """One position of a box."""
    __slots__ = ["position", "storage_unit"]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    STORAGE_UNIT_FIELD_NUMBER: _ClassVar[int]
    position: str
    """Required. Row letter and column number, e.g. "A1" or "H12"."""
    storage_unit: str
    """Required. The box, "storageUnits/{id}"."""
    def __init__(self, storage_unit: _Optional[str] = ..., position: _Optional[str] = ...) -> None: ...

class StorageUnit(_message.Message):
    """A freezer, dewar, shelf, rack or box."""
    __slots__ = ["columns", "create_time", "display_name", "etag", "free_positions", "kind", "name", "occupied_positions", "organisation", "parent", "rows", "site", "temperature_band", "update_time"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FREE_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OCCUPIED_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_BAND_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    columns: int
    """Immutable. Number of columns of a box (1-99). Required for boxes, zero for other kinds."""
    create_time: _timestamp_pb2.Timestamp
    """Output only. When the unit was created."""
    display_name: str
    """Required, immutable. Human-readable name, e.g. "Freezer F3 (room 112)"."""
    etag: str
    """Output only. Version of the unit's event stream."""
    free_positions: int
    """Output only. Number of free positions of a box; zero for other kinds."""
    kind: StorageUnitKind
    """Required, immutable. The kind of unit."""
    name: str
    """Identifier, output only. "storageUnits/{id}": storage_unit_id of the creating request, or a
    UUIDv7.
    """
    occupied_positions: _containers.RepeatedCompositeFieldContainer[PositionOccupancy]
    """Output only, on GetStorageUnit of a box, for the unit's own organisation and auditors. The occupied
    positions, row by row.
    """
    organisation: str
    """Output only. Organisation the unit belongs to, "organisations/{id}": the site's organisation."""
    parent: str
    """Optional, immutable. The unit this one is inside, "storageUnits/{id}"; boxes contain no units."""
    rows: int
    """Immutable. Number of rows of a box (1-26, rows are named A-Z). Required for boxes, zero for
    other kinds.
    """
    site: str
    """Immutable. Site of the unit, "sites/{id}", of the caller's organisation. Required without a
    parent; with a parent, the parent's site (and must equal it if given).
    """
    temperature_band: TemperatureBand
    """Immutable. The temperature the unit keeps. Required without a parent; with a parent, the
    parent's band (and must equal it if given).
    """
    update_time: _timestamp_pb2.Timestamp
    """Output only. When the unit last changed."""
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[StorageUnitKind, str]] = ..., site: _Optional[str] = ..., organisation: _Optional[str] = ..., parent: _Optional[str] = ..., rows: _Optional[int] = ..., columns: _Optional[int] = ..., temperature_band: _Optional[_Union[TemperatureBand, str]] = ..., free_positions: _Optional[int] = ..., occupied_positions: _Optional[_Iterable[_Union[PositionOccupancy, _Mapping]]] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class StorageUnitKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Kinds of storage unit."""
    __slots__ = []

class TemperatureBand(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Storage temperature bands."""
    __slots__ = []
