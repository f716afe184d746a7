from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BadRequest(_message.Message):
    """Describes violations in a client request. This error type focuses on the
    syntactic aspects of the request.
    """
    __slots__ = ["field_violations"]
    class FieldViolation(_message.Message):
        """A message type used to describe a single bad request field."""
        __slots__ = ["description", "field", "localized_message", "reason"]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        FIELD_FIELD_NUMBER: _ClassVar[int]
        LOCALIZED_MESSAGE_FIELD_NUMBER: _ClassVar[int]
        REASON_FIELD_NUMBER: _ClassVar[int]
        description: str
        """A description of why the request element is bad."""
        field: str
        """A path that leads to a field in the request body. The value will be a
        sequence of dot-separated identifiers that identify a protocol buffer
        field.

        Consider the following:

            message CreateContactRequest {
              message EmailAddress {
                enum Type {
                  TYPE_UNSPECIFIED = 0;
                  HOME = 1;
                  WORK = 2;
                }

                optional string email = 1;
                repeated EmailType type = 2;
              }

              string full_name = 1;
              repeated EmailAddress email_addresses = 2;
            }

        In this example, in proto `field` could take one of the following values:

        * `full_name` for a violation in the `full_name` value
        * `email_addresses[1].email` for a violation in the `email` field of the
          first `email_addresses` message
        * `email_addresses[3].type[2]` for a violation in the second `type`
          value in the third `email_addresses` message.

        In JSON, the same values are represented as:

        * `fullName` for a violation in the `fullName` value
        * `emailAddresses[1].email` for a violation in the `email` field of the
          first `emailAddresses` message
        * `emailAddresses[3].type[2]` for a violation in the second `type`
          value in the third `emailAddresses` message.
        """
        localized_message: LocalizedMessage
        """Provides a localized error message for field-level errors that is safe to
        return to the API consumer.
        """
        reason: str
        """The reason of the field-level error. This is a constant value that
        identifies the proximate cause of the field-level error. It should
        uniquely identify the type of the FieldViolation within the scope of the
        google.rpc.ErrorInfo.domain. This should be at most 63
        characters and match a regular expression of `[A-Z][A-Z0-9_]+[A-Z0-9]`,
        which represents UPPER_SNAKE_CASE.
        """
        def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ..., reason: _Optional[str] = ..., localized_message: _Optional[_Union[LocalizedMessage, _Mapping]] = ...) -> None: ...
    FIELD_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    field_violations: _containers.RepeatedCompositeFieldContainer[BadRequest.FieldViolation]
    """Describes all violations in a client request."""
    def __init__(self, field_violations: _Optional[_Iterable[_Union[BadRequest.FieldViolation, _Mapping]]] = ...) -> None: ...

class DebugInfo(_message.Message):
    """Describes additional debugging info."""
    __slots__ = ["detail", "stack_entries"]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    STACK_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    detail: str
    """Additional debugging information provided by the server."""
    stack_entries: _containers.RepeatedScalarFieldContainer[str]
    """The stack trace entries indicating where the error occurred."""
    def __init__(self, stack_entries: _Optional[_Iterable[str]] = ..., detail: _Optional[str] = ...) -> None: ...

class ErrorInfo(_message.Message):
    """Describes the cause of the error with structured details.

    Example of an error when contacting the "pubsub.googleapis.com" API when it
    is not enabled:

        { "reason": "API_DISABLED"
          "domain": "googleapis.com"
          "metadata": {
            "resource": "projects/123",
            "service": "pubsub.googleapis.com"
          }
        }

    This response indicates that the pubsub.googleapis.com API is not enabled.

    Example of an error that is returned when attempting to create a Spanner
    instance in a region that is out of stock:

        { "reason": "STOCKOUT"
          "domain": "spanner.googleapis.com",
          "metadata": {
            "availableRegions": "us-central1,us-east2"
          }
        }
    """
    __slots__ = ["domain", "metadata", "reason"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    domain: str
    """The logical grouping to which the "reason" belongs. The error domain
    is typically the registered service name of the tool or product that
    generates the error. Example: "pubsub.googleapis.com". If the error is
    generated by some common infrastructure, the error domain must be a
    globally unique value that identifies the infrastructure. For Google API
    infrastructure, the error domain is "googleapis.com".
    """
    metadata: _containers.ScalarMap[str, str]
    """Additional structured details about this error.

    Keys must match a regular expression of `[a-z][a-zA-Z0-9-_]+` but should
    ideally be lowerCamelCase. Also, they must be limited to 64 characters in
    length. When identifying the current value of an exceeded limit, the units
    should be contained in the key, not the value.  For example, rather than
    `{"instanceLimit": "100/request"}`, should be returned as,
    `{"instanceLimitPerRequest": "100"}`, if the client exceeds the number of
    instances that can be created in a single (batch) request.
    """
    reason: str
    """The reason of the error. This is a constant value that identifies the
    proximate cause of the error. Error reasons are unique within a particular
    domain of errors. This should be at most 63 characters and match a
    regular expression of `[A-Z][A-Z0-9_]+[A-Z0-9]`, which represents
    UPPER_SNAKE_CASE.
    """
    def __init__(self, reason: _Optional[str] = ..., domain: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Help(_message.Message):
    """Provides links to documentation or for performing an out of band action.

    For example, if a quota check failed with an error indicating the calling
    project hasn't enabled the accessed service, this can contain a URL pointing
    directly to the right place in the developer console to flip the bit.
    """
    __slots__ = ["links"]
    class Link(_message.Message):
        """Describes a URL link."""
        __slots__ = ["description", "url"]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        description: str
        """Describes what the link offers."""
        url: str
        """The URL of the link."""
        def __init__(self, description: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...
    LINKS_FIELD_NUMBER: _ClassVar[int]
    links: _containers.RepeatedCompositeFieldContainer[Help.Link]
    """URL(s) pointing to additional information on handling the current error."""
    def __init__(self, links: _Optional[_Iterable[_Union[Help.Link, _Mapping]]] = ...) -> None: ...

class LocalizedMessage(_message.Message):
    """Provides a localized error message that is safe to return to the user
    which can be attached to an RPC error.
    """
    __slots__ = ["locale", "message"]
    LOCALE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    locale: str
    """The locale used following the specification defined at
    https://www.rfc-editor.org/rfc/bcp/bcp47.txt.
    Examples are: "en-US", "fr-CH", "es-MX"
    """
    message: str
    """The localized error message in the above locale."""
    def __init__(self, locale: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class PreconditionFailure(_message.Message):
    """Describes what preconditions have failed.

    For example, if an RPC failed because it required the Terms of Service to be
    acknowledged, it could list the terms of service violation in the
    PreconditionFailure message.
    """
    __slots__ = ["violations"]
    class Violation(_message.Message):
        """A message type used to describe a single precondition failure."""
        __slots__ = ["description", "subject", "type"]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        SUBJECT_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        description: str
        """A description of how the precondition failed. Developers can use this
        description to understand how to fix the failure.

        For example: "Terms of service not accepted".
        """
        subject: str
        """The subject, relative to the type, that failed.
        For example, "google.com/cloud" relative to the "TOS" type would indicate
        which terms of service is being referenced.
        """
        type: str
        """The type of PreconditionFailure. We recommend using a service-specific
        enum type to define the supported precondition violation subjects. For
        example, "TOS" for "Terms of Service violation".
        """
        def __init__(self, type: _Optional[str] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    violations: _containers.RepeatedCompositeFieldContainer[PreconditionFailure.Violation]
    """Describes all precondition violations."""
    def __init__(self, violations: _Optional[_Iterable[_Union[PreconditionFailure.Violation, _Mapping]]] = ...) -> None: ...

class QuotaFailure(_message.Message):
    """Describes how a quota check failed.

    For example if a daily limit was exceeded for the calling project,
    a service could respond with a QuotaFailure detail containing the project
    id and the description of the quota limit that was exceeded.  If the
    calling project hasn't enabled the service in the developer console, then
    a service could respond with the project id and set `service_disabled`
    to true.

    Also see RetryInfo and Help types for other details about handling a
    quota failure.
    """
    __slots__ = ["violations"]
    class Violation(_message.Message):
        """A message type used to describe a single quota violation.  For example, a
        daily quota or a custom quota that was exceeded.
        """
        __slots__ = ["api_service", "description", "future_quota_value", "quota_dimensions", "quota_id", "quota_metric", "quota_value", "subject"]
        class QuotaDimensionsEntry(_message.Message):
            __slots__ = ["key", "value"]
            KEY_FIELD_NUMBER: _ClassVar[int]
            VALUE_FIELD_NUMBER: _ClassVar[int]
            key: str
            value: str
            def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
        API_SERVICE_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        FUTURE_QUOTA_VALUE_FIELD_NUMBER: _ClassVar[int]
        QUOTA_DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
        QUOTA_ID_FIELD_NUMBER: _ClassVar[int]
        QUOTA_METRIC_FIELD_NUMBER: _ClassVar[int]
        QUOTA_VALUE_FIELD_NUMBER: _ClassVar[int]
        SUBJECT_FIELD_NUMBER: _ClassVar[int]
        api_service: str
        """The API Service from which the `QuotaFailure.Violation` orginates. In
        some cases, Quota issues originate from an API Service other than the one
        that was called. In other words, a dependency of the called API Service
        could be the cause of the `QuotaFailure`, and this field would have the
        dependency API service name.

        For example, if the called API is Kubernetes Engine API
        (container.googleapis.com), and a quota violation occurs in the
        Kubernetes Engine API itself, this field would be
        "container.googleapis.com". On the other hand, if the quota violation
        occurs when the Kubernetes Engine API creates VMs in the Compute Engine
        API (compute.googleapis.com), this field would be
        "compute.googleapis.com".
        """
        description: str
        """A description of how the quota check failed. Clients can use this
        description to find more about the quota configuration in the service's
        public documentation, or find the relevant quota limit to adjust through
        developer console.

        For example: "Service disabled" or "Daily Limit for read operations
        exceeded".
        """
        future_quota_value: int
        """The new quota value being rolled out at the time of the violation. At the
        completion of the rollout, this value will be enforced in place of
        quota_value. If no rollout is in progress at the time of the violation,
        this field is not set.

        For example, if at the time of the violation a rollout is in progress
        changing the number of CPUs quota from 10 to 20, 20 would be the value of
        this field.
        """
        quota_dimensions: _containers.ScalarMap[str, str]
        """The dimensions of the violated quota. Every non-global quota is enforced
        on a set of dimensions. While quota metric defines what to count, the
        dimensions specify for what aspects the counter should be increased.

        For example, the quota "CPUs per region per VM family" enforces a limit
        on the metric "compute.googleapis.com/cpus_per_vm_family" on dimensions
        "region" and "vm_family". And if the violation occurred in region
        "us-central1" and for VM family "n1", the quota_dimensions would be,

        {
          "region": "us-central1",
          "vm_family": "n1",
        }

        When a quota is enforced globally, the quota_dimensions would always be
        empty.
        """
        quota_id: str
        """The id of the violated quota. Also know as "limit name", this is the
        unique identifier of a quota in the context of an API service.

        For example, "CPUS-PER-VM-FAMILY-per-project-region".
        """
        quota_metric: str
        """The metric of the violated quota. A quota metric is a named counter to
        measure usage, such as API requests or CPUs. When an activity occurs in a
        service, such as Virtual Machine allocation, one or more quota metrics
        may be affected.

        For example, "compute.googleapis.com/cpus_per_vm_family",
        "storage.googleapis.com/internet_egress_bandwidth".
        """
        quota_value: int
        """The enforced quota value at the time of the `QuotaFailure`.

        For example, if the enforced quota value at the time of the
        `QuotaFailure` on the number of CPUs is "10", then the value of this
        field would reflect this quantity.
        """
        subject: str
        """The subject on which the quota check failed.
        For example, "clientip:<ip address of client>" or "project:<Google
        developer project id>".
        """
        def __init__(self, subject: _Optional[str] = ..., description: _Optional[str] = ..., api_service: _Optional[str] = ..., quota_metric: _Optional[str] = ..., quota_id: _Optional[str] = ..., quota_dimensions: _Optional[_Mapping[str, str]] = ..., quota_value: _Optional[int] = ..., future_quota_value: _Optional[int] = ...) -> None: ...
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    violations: _containers.RepeatedCompositeFieldContainer[QuotaFailure.Violation]
    """Describes all quota violations."""
    def __init__(self, violations: _Optional[_Iterable[_Union[QuotaFailure.Violation, _Mapping]]] = ...) -> None: ...

class RequestInfo(_message.Message):
    """Contains metadata about the request that clients can attach when filing a bug
    or providing other forms of feedback.
    """
    __slots__ = ["request_id", "serving_data"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SERVING_DATA_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    """An opaque string that should only be interpreted by the service generating
    it. For example, it can be used to identify requests in the service's logs.
    """
    serving_data: str
    """Any data that was used to serve this request. For example, an encrypted
    stack trace that can be sent back to the service provider for debugging.
    """
    def __init__(self, request_id: _Optional[str] = ..., serving_data: _Optional[str] = ...) -> None: ...

class ResourceInfo(_message.Message):
    """Describes the resource that is being accessed."""
    __slots__ = ["description", "owner", "resource_name", "resource_type"]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    description: str
    """Describes what error is encountered when accessing this resource.
    For example, updating a cloud project may require the `writer` permission
    on the developer console project.
    """
    owner: str
    """The owner of the resource (optional).
    For example, "user:<owner email>" or "project:<Google developer project
    id>".
    """
    resource_name: str
    """The name of the resource being accessed.  For example, a shared calendar
    name: "example.com_4fghdhgsrgh@group.calendar.google.com", if the current
    error is
    [google.rpc.Code.PERMISSION_DENIED][google.rpc.Code.PERMISSION_DENIED].
    """
    resource_type: str
    """A name for the type of resource being accessed, e.g. "sql table",
    "cloud storage bucket", "file", "Google calendar"; or the type URL
    of the resource: e.g. "type.googleapis.com/google.pubsub.v1.Topic".
    """
    def __init__(self, resource_type: _Optional[str] = ..., resource_name: _Optional[str] = ..., owner: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class RetryInfo(_message.Message):
    """Describes when the clients can retry a failed request. Clients could ignore
    the recommendation here or retry when this information is missing from error
    responses.

    It's always recommended that clients should use exponential backoff when
    retrying.

    Clients should wait until `retry_delay` amount of time has passed since
    receiving the error response before retrying.  If retrying requests also
    fail, clients should use an exponential backoff scheme to gradually increase
    the delay between retries based on `retry_delay`, until either a maximum
    number of retries have been reached or a maximum retry delay cap has been
    reached.
    """
    __slots__ = ["retry_delay"]
    RETRY_DELAY_FIELD_NUMBER: _ClassVar[int]
    retry_delay: _duration_pb2.Duration
    """Clients should wait at least this long between retrying the same request."""
    def __init__(self, retry_delay: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...
