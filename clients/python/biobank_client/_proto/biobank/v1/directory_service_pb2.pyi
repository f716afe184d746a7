from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallerIdentity(_message.Message):
    """The caller as the server sees it."""
    __slots__ = ["organisation", "roles", "subject"]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    """The organisation the caller acts for, "organisations/{id}" (the token's `org` claim)."""
    roles: _containers.RepeatedScalarFieldContainer[str]
    """The caller's roles: lab-system, technician, facility-manager, biobank-manager, auditor, admin."""
    subject: str
    """The token's `sub` claim: the person or system calling."""
    def __init__(self, subject: _Optional[str] = ..., organisation: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ...) -> None: ...

class GetCallerIdentityRequest(_message.Message):
    """Request of GetCallerIdentity: the caller is the one of the call's bearer token."""
    __slots__ = []
    def __init__(self) -> None: ...

class ListOrganisationsRequest(_message.Message):
    """Request of ListOrganisations."""
    __slots__ = ["page_size", "page_token"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    """Optional. At most this many organisations are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of a previous call."""
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOrganisationsResponse(_message.Message):
    """Response of ListOrganisations."""
    __slots__ = ["next_page_token", "organisations"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token for the next page; empty on the last page."""
    organisations: _containers.RepeatedCompositeFieldContainer[Organisation]
    """The organisations, ordered by id."""
    def __init__(self, organisations: _Optional[_Iterable[_Union[Organisation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListSitesRequest(_message.Message):
    """Request of ListSites."""
    __slots__ = ["organisation", "page_size", "page_token"]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    organisation: str
    """Optional. "organisations/{id}" to list only that organisation's sites."""
    page_size: int
    """Optional. At most this many sites are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of a previous call with the same filter."""
    def __init__(self, organisation: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSitesResponse(_message.Message):
    """Response of ListSites."""
    __slots__ = ["next_page_token", "sites"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SITES_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token for the next page; empty on the last page."""
    sites: _containers.RepeatedCompositeFieldContainer[Site]
    """The sites, ordered by id."""
    def __init__(self, sites: _Optional[_Iterable[_Union[Site, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Organisation(_message.Message):
    """A partner organisation of the agreement. Reference data: configured on the server, read only
    through the API.
    """
    __slots__ = ["display_name", "legal_name", "name"]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LEGAL_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    """Output only. Short name, e.g. "Inserm"."""
    legal_name: str
    """Output only. Full legal name."""
    name: str
    """Identifier, output only. "organisations/{id}", e.g. "organisations/inserm". The id is the
    `org` claim of tokens issued to the organisation's people and systems.
    """
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., legal_name: _Optional[str] = ...) -> None: ...

class Site(_message.Message):
    """A place where an organisation keeps instruments or samples. Reference data: configured on the
    server, read only through the API.
    """
    __slots__ = ["city", "display_name", "name", "organisation", "time_zone"]
    CITY_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    city: str
    """Output only. City the site is in."""
    display_name: str
    """Output only. Human-readable name of the site."""
    name: str
    """Identifier, output only. "sites/{id}", e.g. "sites/anses-maisons-alfort"."""
    organisation: str
    """Output only. Name of the owning organisation, "organisations/{id}"."""
    time_zone: str
    """Output only. IANA time zone of the site, e.g. "Europe/Paris". Calendars of the site's
    instruments are expanded in this zone.
    """
    def __init__(self, name: _Optional[str] = ..., organisation: _Optional[str] = ..., display_name: _Optional[str] = ..., city: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...
