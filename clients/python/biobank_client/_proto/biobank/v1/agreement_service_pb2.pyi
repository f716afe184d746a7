from biobank_client._proto.biobank.v1 import common_pb2 as _common_pb2
from biobank_client._proto.biobank.v1 import consent_service_pb2 as _consent_service_pb2
from biobank_client._proto.biobank.v1 import sample_service_pb2 as _sample_service_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

AGREEMENT_STATE_ACTIVE: AgreementState
"""Within its validity period and not revoked."""
AGREEMENT_STATE_EXPIRED: AgreementState
"""Its validity period is over."""
AGREEMENT_STATE_NOT_YET_VALID: AgreementState
"""Its validity period has not begun."""
AGREEMENT_STATE_REVOKED: AgreementState
"""Revoked by one of the parties."""
AGREEMENT_STATE_UNSPECIFIED: AgreementState
"""No state: never sent; in a list, no filter."""
DESCRIPTOR: _descriptor.FileDescriptor

class Agreement(_message.Message):
    """A material transfer agreement from a provider organisation to a recipient organisation."""
    __slots__ = ["access_and_benefit_sharing_reference", "create_time", "etag", "external_reference", "material_types", "name", "onward_transfer_allowed", "permitted_purposes", "provider_organisation", "recipient_organisation", "revocation_reason", "source_kinds", "state", "update_time", "validity"]
    ACCESS_AND_BENEFIT_SHARING_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    MATERIAL_TYPES_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ONWARD_TRANSFER_ALLOWED_FIELD_NUMBER: _ClassVar[int]
    PERMITTED_PURPOSES_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KINDS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    VALIDITY_FIELD_NUMBER: _ClassVar[int]
    access_and_benefit_sharing_reference: str
    """Optional, immutable. For isolates and environmental material, the access-and-benefit-sharing
    (Nagoya Protocol) reference, e.g. an internationally recognised certificate of compliance.
    """
    create_time: _timestamp_pb2.Timestamp
    """Output only. When it was registered."""
    etag: str
    """Output only. Version of the agreement's event stream."""
    external_reference: str
    """Required, immutable. Identifier of the signed document, e.g. "MTA-2026-014"."""
    material_types: _containers.RepeatedScalarFieldContainer[_sample_service_pb2.MaterialType]
    """Required, immutable. The material types covered; at least one."""
    name: str
    """Identifier, output only. "agreements/{id}": agreement_id of the registering request, or a UUIDv7."""
    onward_transfer_allowed: bool
    """Optional, immutable. Whether the recipient may pass the material on to a third party."""
    permitted_purposes: _containers.RepeatedScalarFieldContainer[_consent_service_pb2.PermittedUse]
    """Required, immutable. What the recipient may use the material for; at least one."""
    provider_organisation: str
    """Required, immutable. The organisation whose material is sent, "organisations/{id}"."""
    recipient_organisation: str
    """Required, immutable. The organisation that receives it, "organisations/{id}"; not the provider."""
    revocation_reason: str
    """Output only. Why it was revoked."""
    source_kinds: _containers.RepeatedScalarFieldContainer[_sample_service_pb2.SourceKind]
    """Required, immutable. The source kinds covered (human, animal, isolate, environmental); at least one."""
    state: AgreementState
    """Output only. Whether the agreement holds now."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When it last changed."""
    validity: _common_pb2.TimeInterval
    """Required, immutable. When the agreement holds; at most 10 years long."""
    def __init__(self, name: _Optional[str] = ..., provider_organisation: _Optional[str] = ..., recipient_organisation: _Optional[str] = ..., permitted_purposes: _Optional[_Iterable[_Union[_consent_service_pb2.PermittedUse, str]]] = ..., material_types: _Optional[_Iterable[_Union[_sample_service_pb2.MaterialType, str]]] = ..., source_kinds: _Optional[_Iterable[_Union[_sample_service_pb2.SourceKind, str]]] = ..., onward_transfer_allowed: bool = ..., validity: _Optional[_Union[_common_pb2.TimeInterval, _Mapping]] = ..., external_reference: _Optional[str] = ..., access_and_benefit_sharing_reference: _Optional[str] = ..., state: _Optional[_Union[AgreementState, str]] = ..., revocation_reason: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class GetAgreementRequest(_message.Message):
    """Request of GetAgreement."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "agreements/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListAgreementsRequest(_message.Message):
    """Request of ListAgreements. Filters combine."""
    __slots__ = ["page_size", "page_token", "party", "state"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    """Optional. At most this many agreements are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of the previous page, with the same filters."""
    party: str
    """Optional. Only agreements this organisation is a party to, "organisations/{id}"."""
    state: AgreementState
    """Optional. Only agreements in this state now."""
    def __init__(self, party: _Optional[str] = ..., state: _Optional[_Union[AgreementState, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAgreementsResponse(_message.Message):
    """Response of ListAgreements."""
    __slots__ = ["agreements", "next_page_token"]
    AGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    agreements: _containers.RepeatedCompositeFieldContainer[Agreement]
    """The agreements of this page."""
    next_page_token: str
    """Token of the next page; empty on the last."""
    def __init__(self, agreements: _Optional[_Iterable[_Union[Agreement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RegisterAgreementRequest(_message.Message):
    """Request of RegisterAgreement."""
    __slots__ = ["agreement", "agreement_id", "request_id"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    """Required. Every field but the output-only ones is read."""
    agreement_id: str
    """Optional. Id to give the agreement (lower-case letters, digits, hyphens); a UUIDv7 if empty."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., agreement_id: _Optional[str] = ..., agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class RevokeAgreementRequest(_message.Message):
    """Request of RevokeAgreement."""
    __slots__ = ["etag", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the agreement is still at this version."""
    name: str
    """Required. "agreements/{id}"."""
    reason: str
    """Required. Why."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AgreementState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Whether an agreement holds."""
    __slots__ = []
