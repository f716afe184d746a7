from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
PERMITTED_USE_COMMERCIAL_USE: PermittedUse
"""Use by or for a commercial company."""
PERMITTED_USE_GENERAL_RESEARCH: PermittedUse
"""Research not covered by the uses below."""
PERMITTED_USE_GENETIC_RESEARCH: PermittedUse
"""Genetic and genomic research (sequencing, genotyping)."""
PERMITTED_USE_PARTNER_SHARING: PermittedUse
"""Sharing the material with the partner organisations."""
PERMITTED_USE_UNSPECIFIED: PermittedUse
"""Not a use; refused wherever a use is given."""
WITHDRAWAL_SCOPE_DESTROY_REMAINING_MATERIAL: WithdrawalScope
"""No further use, and the remaining material is to be destroyed."""
WITHDRAWAL_SCOPE_STOP_FUTURE_USE: WithdrawalScope
"""No further use; what exists is kept under review."""
WITHDRAWAL_SCOPE_UNSPECIFIED: WithdrawalScope
"""Not withdrawn (on a consent); refused as the scope of a withdrawal."""

class Consent(_message.Message):
    """A donor's consent for one collection of the organisation."""
    __slots__ = ["collection", "create_time", "document_version", "donor_pseudonym", "etag", "name", "organisation", "permitted_uses", "update_time", "withdraw_time", "withdrawal_scope", "withdrawn"]
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    DONOR_PSEUDONYM_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PERMITTED_USES_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_SCOPE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    WITHDRAW_TIME_FIELD_NUMBER: _ClassVar[int]
    collection: str
    """Required, immutable. Code of the collection."""
    create_time: _timestamp_pb2.Timestamp
    """Output only. When the consent was first recorded."""
    document_version: str
    """Required. Version of the consent form signed, e.g. "v3.2-2025"."""
    donor_pseudonym: str
    """Required, immutable. Pseudonym of the donor; never a direct identifier."""
    etag: str
    """Output only. Version of the consent's event stream."""
    name: str
    """Identifier, output only. "consents/{id}"; one per organisation, collection and donor."""
    organisation: str
    """Output only. The organisation, "organisations/{id}": the recording caller's."""
    permitted_uses: _containers.RepeatedScalarFieldContainer[PermittedUse]
    """Optional. The uses permitted; anything not listed is not permitted."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When the consent last changed (a new version or the withdrawal)."""
    withdraw_time: _timestamp_pb2.Timestamp
    """Output only. When the consent was withdrawn; unset while not withdrawn."""
    withdrawal_scope: WithdrawalScope
    """Output only. What the withdrawal asked for; unspecified while not withdrawn."""
    withdrawn: bool
    """Output only. Whether the donor has withdrawn."""
    def __init__(self, name: _Optional[str] = ..., organisation: _Optional[str] = ..., donor_pseudonym: _Optional[str] = ..., collection: _Optional[str] = ..., document_version: _Optional[str] = ..., permitted_uses: _Optional[_Iterable[_Union[PermittedUse, str]]] = ..., withdrawn: bool = ..., withdrawal_scope: _Optional[_Union[WithdrawalScope, str]] = ..., withdraw_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class GetConsentRequest(_message.Message):
    """Request of GetConsent."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "consents/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class LookupConsentRequest(_message.Message):
    """Request of LookupConsent."""
    __slots__ = ["collection", "donor_pseudonym"]
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    DONOR_PSEUDONYM_FIELD_NUMBER: _ClassVar[int]
    collection: str
    """Required. Code of the collection."""
    donor_pseudonym: str
    """Required. Pseudonym of the donor."""
    def __init__(self, donor_pseudonym: _Optional[str] = ..., collection: _Optional[str] = ...) -> None: ...

class RecordConsentRequest(_message.Message):
    """Request of RecordConsent."""
    __slots__ = ["consent", "request_id"]
    CONSENT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    consent: Consent
    """Required. donor_pseudonym, collection, document_version and permitted_uses are read."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., consent: _Optional[_Union[Consent, _Mapping]] = ...) -> None: ...

class WithdrawConsentRequest(_message.Message):
    """Request of WithdrawConsent."""
    __slots__ = ["etag", "name", "reason", "request_id", "scope"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the consent is still at this etag."""
    name: str
    """Required. "consents/{id}"."""
    reason: str
    """Required. How the withdrawal was received, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    scope: WithdrawalScope
    """Required. What the donor asks for."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., scope: _Optional[_Union[WithdrawalScope, str]] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class WithdrawConsentResponse(_message.Message):
    """Response of WithdrawConsent."""
    __slots__ = ["consent", "held_samples"]
    CONSENT_FIELD_NUMBER: _ClassVar[int]
    HELD_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    consent: Consent
    """The consent, withdrawn."""
    held_samples: _containers.RepeatedScalarFieldContainer[str]
    """The samples put under a CONSENT_REVIEW hold by this withdrawal ("samples/{id}"), the donor's
    and those made from them, in name order. Disposed samples and samples already under review are
    not listed.
    """
    def __init__(self, consent: _Optional[_Union[Consent, _Mapping]] = ..., held_samples: _Optional[_Iterable[str]] = ...) -> None: ...

class PermittedUse(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Uses a donor may permit."""
    __slots__ = []

class WithdrawalScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """What a withdrawal asks for."""
    __slots__ = []
