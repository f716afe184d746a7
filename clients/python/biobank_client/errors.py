"""BiobankError: a failed call, with the google.rpc.Status details every Biobank error carries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc

from biobank_client._googleapis import error_details_pb2, status_pb2

if TYPE_CHECKING:
    from biobank_client._proto.google.rpc.error_details_pb2 import BadRequest, ErrorInfo, PreconditionFailure
    from biobank_client._proto.google.rpc.status_pb2 import Status

_DETAILS = "grpc-status-details-bin"
_CORRELATION = "x-correlation-id"


class BiobankError(grpc.RpcError):
    """A call the server refused or could not complete.

    ``reason`` is the machine-readable ``ErrorInfo.reason`` (``"SLOT_UNAVAILABLE"``, one of the
    ``ErrorReason`` values of the contract without their prefix) and ``metadata`` its dynamic
    values (``conflict_start``, ``conflict_end``, ...). Invalid input lists its
    ``field_violations``, a broken business rule its ``precondition_violations``. A failure that
    did not come from the server (it could not be reached, the deadline passed) has the status
    code and no reason.
    """

    code: grpc.StatusCode
    message: str
    reason: str
    domain: str
    metadata: dict[str, str]
    field_violations: list[BadRequest.FieldViolation]
    precondition_violations: list[PreconditionFailure.Violation]
    correlation_id: str
    status: Status | None

    def __init__(self, code: grpc.StatusCode, message: str = "", status: Status | None = None, correlation_id: str = ""):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.correlation_id = correlation_id
        info = _detail(status, error_details_pb2.ErrorInfo)
        self.reason = info.reason if info else ""
        self.domain = info.domain if info else ""
        self.metadata = dict(info.metadata) if info else {}
        bad_request = _detail(status, error_details_pb2.BadRequest)
        self.field_violations = list(bad_request.field_violations) if bad_request else []
        failure = _detail(status, error_details_pb2.PreconditionFailure)
        self.precondition_violations = list(failure.violations) if failure else []

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> BiobankError:
        """Reads the status of a failed grpc call, with the details in its ``grpc-status-details-bin`` trailer."""
        if isinstance(error, BiobankError):
            return error
        if not isinstance(error, grpc.Call):
            return cls(grpc.StatusCode.UNKNOWN, str(error))
        status = None
        for key, value in error.trailing_metadata() or ():
            if key == _DETAILS and isinstance(value, bytes):
                status = status_pb2.Status.FromString(value)
        correlation = next((str(v) for k, v in (error.initial_metadata() or ()) if k == _CORRELATION), "")
        return cls(error.code(), error.details() or "", status, correlation)

    def __str__(self) -> str:
        reason = f" [{self.reason}]" if self.reason else ""
        return f"{self.code.name}{reason}: {self.message}"

    def __repr__(self) -> str:
        return f"BiobankError({self.code.name}, reason={self.reason!r}, metadata={self.metadata!r})"


def _detail(status, kind):
    """The first detail of ``status`` of the message type ``kind``, or None."""
    if status is None:
        return None
    for any_detail in status.details:
        if any_detail.Is(kind.DESCRIPTOR):
            detail = kind()
            any_detail.Unpack(detail)
            return detail
    return None
