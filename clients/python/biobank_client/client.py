"""BiobankClient: a connection to a Biobank server with one stub per service."""

from __future__ import annotations

import collections
import os
import random
import time
import uuid
from typing import Any, Callable, Sequence

import grpc

from biobank_client.errors import BiobankError
from biobank_client.v1 import (
    AgreementServiceStub,
    AuditServiceStub,
    ConsentServiceStub,
    DirectoryServiceStub,
    EquipmentServiceStub,
    ReservationServiceStub,
    SampleServiceStub,
    StorageServiceStub,
    TransferServiceStub,
)

#: Deadline of a unary call that sets none (seconds), as the .NET client's.
DEFAULT_DEADLINE = 30.0
#: Attempts of a unary call the server answers UNAVAILABLE (1: no retry).
DEFAULT_MAX_ATTEMPTS = 4
_INITIAL_BACKOFF, _MAX_BACKOFF, _BACKOFF_MULTIPLIER = 0.2, 3.0, 2.0


def new_request_id() -> str:
    """A fresh request id (UUIDv7) for a mutation; reuse it when retrying that same mutation."""
    milliseconds = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big")
    value = ((milliseconds & (1 << 48) - 1) << 80 | 0x7 << 76 | (random_bits >> 62 & 0xFFF) << 64
             | 0b10 << 62 | random_bits & (1 << 62) - 1)
    return str(uuid.UUID(int=value))


class BiobankClient:
    """A connection to a Biobank server, with one stub per service.

    Adds the bearer token to every call, gives unary calls a default deadline, and retries unary
    calls the server answers UNAVAILABLE, with exponential back-off, within their deadline: a
    retried mutation is applied at most once, since it carries its ``request_id``
    (:func:`new_request_id`) and the retry sends the same request. Streams (WatchReservations, WatchTransfers) have
    no default deadline and are not retried: reconnect with ``resume_after``. A failed call raises
    :class:`BiobankError`.

    ``address`` is ``host:port`` or ``http://host:port`` for plain-text HTTP/2 (loopback, or behind
    a TLS-terminating balancer), ``https://host[:port]`` for TLS. ``token`` is the bearer token, or
    a function returning it for each call (to refresh it).
    """

    directory: DirectoryServiceStub
    equipment: EquipmentServiceStub
    reservations: ReservationServiceStub
    storage: StorageServiceStub
    samples: SampleServiceStub
    consents: ConsentServiceStub
    agreements: AgreementServiceStub
    transfers: TransferServiceStub

    def __init__(self, address: str, token: str | Callable[[], str] | None = None, *,
                 deadline: float = DEFAULT_DEADLINE, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                 root_certificates: bytes | None = None, options: Sequence[tuple[str, Any]] = ()):
        target, secure = _target(address)
        if secure:
            self.channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates), options)
        else:
            self.channel = grpc.insecure_channel(target, options)
        tokens = (lambda: token) if isinstance(token, str) else token
        calls = grpc.intercept_channel(self.channel, _Calls(tokens, deadline, max(1, max_attempts)))
        self.directory = _raising(DirectoryServiceStub(calls))
        self.equipment = _raising(EquipmentServiceStub(calls))
        self.reservations = _raising(ReservationServiceStub(calls))
        self.storage = _raising(StorageServiceStub(calls))
        self.samples = _raising(SampleServiceStub(calls))
        self.consents = _raising(ConsentServiceStub(calls))
        self.agreements = _raising(AgreementServiceStub(calls))
        self.transfers = _raising(TransferServiceStub(calls))
        self.audit = _raising(AuditServiceStub(calls))

    new_request_id = staticmethod(new_request_id)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> BiobankClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _target(address: str) -> tuple[str, bool]:
    if address.startswith("https://"):
        host = address[len("https://"):].rstrip("/")
        return (host if ":" in host.rsplit("]", 1)[-1] else f"{host}:443"), True
    if address.startswith("http://"):
        return address[len("http://"):].rstrip("/"), False
    return address, False


class _CallDetails(collections.namedtuple("_CallDetails", "method timeout metadata credentials wait_for_ready compression"),
                   grpc.ClientCallDetails):
    pass


class _Calls(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
             grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Token, default deadline and retries of UNAVAILABLE, around every call of the channel."""

    def __init__(self, tokens: Callable[[], str] | None, deadline: float, max_attempts: int):
        self._tokens = tokens
        self._deadline = deadline
        self._max_attempts = max_attempts

    def _details(self, details: grpc.ClientCallDetails, timeout: float | None) -> _CallDetails:
        metadata = list(details.metadata or ())
        if self._tokens is not None:
            metadata.append(("authorization", f"Bearer {self._tokens()}"))
        return _CallDetails(details.method, timeout, metadata, details.credentials,
                            getattr(details, "wait_for_ready", None), getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation, client_call_details, request):
        timeout = client_call_details.timeout if client_call_details.timeout is not None else self._deadline
        deadline = time.monotonic() + timeout
        backoff = _INITIAL_BACKOFF
        attempt = 1
        while True:
            # The same request each time: a mutation keeps its request_id.
            outcome = continuation(self._details(client_call_details, max(0.0, deadline - time.monotonic())), request)
            if attempt >= self._max_attempts or outcome.code() != grpc.StatusCode.UNAVAILABLE:
                return outcome
            pause = random.uniform(0, backoff)
            if time.monotonic() + pause >= deadline:
                return outcome
            time.sleep(pause)
            backoff = min(backoff * _BACKOFF_MULTIPLIER, _MAX_BACKOFF)
            attempt += 1

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details, client_call_details.timeout), request)

    def intercept_stream_unary(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details, client_call_details.timeout), request_iterator)

    def intercept_stream_stream(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details, client_call_details.timeout), request_iterator)


def _raising(stub):
    """The stub, with each method raising BiobankError instead of grpc's bare RpcError."""
    for name, method in list(vars(stub).items()):
        if isinstance(method, grpc.UnaryUnaryMultiCallable):
            setattr(stub, name, _Unary(method))
        elif isinstance(method, grpc.UnaryStreamMultiCallable):
            setattr(stub, name, _Stream(method))
    return stub


class _Unary:
    def __init__(self, method: grpc.UnaryUnaryMultiCallable):
        self._method = method

    def __call__(self, request, **kwargs):
        try:
            return self._method(request, **kwargs)
        except grpc.RpcError as error:
            raise BiobankError.from_rpc_error(error) from None

    def with_call(self, request, **kwargs):
        try:
            return self._method.with_call(request, **kwargs)
        except grpc.RpcError as error:
            raise BiobankError.from_rpc_error(error) from None


class _Stream:
    def __init__(self, method: grpc.UnaryStreamMultiCallable):
        self._method = method

    def __call__(self, request, **kwargs):
        return _Responses(self._method(request, **kwargs))


class _Responses:
    """The responses of a stream; also a context manager that cancels the call on exit."""

    def __init__(self, call):
        self._call = call

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self._call)
        except grpc.RpcError as error:
            raise BiobankError.from_rpc_error(error) from None

    def cancel(self) -> bool:
        return self._call.cancel()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._call.cancel()
