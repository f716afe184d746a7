from biobank_client._proto.biobank.v1 import directory_service_pb2 as _directory_service_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetSignInOptionsRequest(_message.Message):
    """Request of GetSignInOptions."""
    __slots__ = []
    def __init__(self) -> None: ...

class IssueDevelopmentTokenRequest(_message.Message):
    """Request of IssueDevelopmentToken."""
    __slots__ = ["lifetime", "organisation", "roles", "subject"]
    LIFETIME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    lifetime: _duration_pb2.Duration
    """Optional. How long the token is valid, from 1 minute to 30 days; default 12 hours."""
    organisation: str
    """Required. The organisation to act for, "organisations/{id}", a partner of the agreement."""
    roles: _containers.RepeatedScalarFieldContainer[str]
    """Required. One or more roles among those SignInOptions.roles lists."""
    subject: str
    """Required. The person or system to act as: the token's `sub`, at most 200 characters, no spaces."""
    def __init__(self, subject: _Optional[str] = ..., organisation: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., lifetime: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class IssueDevelopmentTokenResponse(_message.Message):
    """Response of IssueDevelopmentToken."""
    __slots__ = ["expire_time", "identity", "token"]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    expire_time: _timestamp_pb2.Timestamp
    """When the token expires."""
    identity: _directory_service_pb2.CallerIdentity
    """The caller the server will read from the token."""
    token: str
    """The bearer token (a JWT), to send as "authorization: Bearer {token}"."""
    def __init__(self, token: _Optional[str] = ..., expire_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., identity: _Optional[_Union[_directory_service_pb2.CallerIdentity, _Mapping]] = ...) -> None: ...

class SignInOptions(_message.Message):
    """How a client signs in to this server."""
    __slots__ = ["audience", "authority", "client_id", "development_sign_in", "organisations", "roles", "scopes"]
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEVELOPMENT_SIGN_IN_FIELD_NUMBER: _ClassVar[int]
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    audience: str
    """The audience tokens must be issued for, e.g. "biobank"."""
    authority: str
    """The OpenID Connect authority that issues the server's tokens; empty when none is configured
    (the server then accepts only tokens signed with its local key).
    """
    client_id: str
    """The client id a browser signs in at the authority with (OpenID Connect authorization code
    with PKCE), e.g. "biobank-web"; empty when no authority is configured.
    """
    development_sign_in: bool
    """Whether IssueDevelopmentToken answers this caller: no identity provider is configured and the
    call came from a loopback address.
    """
    organisations: _containers.RepeatedScalarFieldContainer[str]
    """The partner organisations a development token may name, "organisations/{id}"; empty unless
    development_sign_in is true.
    """
    roles: _containers.RepeatedScalarFieldContainer[str]
    """The roles a token may carry (lab-system, technician, facility-manager, biobank-manager,
    auditor, admin); empty unless development_sign_in is true.
    """
    scopes: _containers.RepeatedScalarFieldContainer[str]
    """The scopes to ask the authority for besides "openid" and "profile", e.g. the one that puts the
    audience, `org` and `roles` into its access tokens; empty when none are configured.
    """
    def __init__(self, development_sign_in: bool = ..., authority: _Optional[str] = ..., audience: _Optional[str] = ..., organisations: _Optional[_Iterable[str]] = ..., roles: _Optional[_Iterable[str]] = ..., client_id: _Optional[str] = ..., scopes: _Optional[_Iterable[str]] = ...) -> None: ...
