"""What a service stub's methods are, for type checkers and readers: a unary call returns the
response, a streaming call an iterator of responses that can be cancelled."""

from __future__ import annotations

from typing import Iterator, Protocol, Sequence, Tuple, TypeVar, Union

import grpc

Request = TypeVar("Request", contravariant=True)
Response = TypeVar("Response", covariant=True)

#: Metadata sent with a call: (key, value) pairs, keys in lower case, binary values under "-bin" keys.
Metadata = Sequence[Tuple[str, Union[str, bytes]]]


class UnaryCall(Protocol[Request, Response]):
    """A method that takes one request and returns one response, or raises BiobankError."""

    def __call__(self, request: Request, timeout: float | None = None, metadata: Metadata | None = None,
                 credentials: grpc.CallCredentials | None = None, wait_for_ready: bool | None = None,
                 compression: grpc.Compression | None = None) -> Response: ...

    def with_call(self, request: Request, timeout: float | None = None, metadata: Metadata | None = None,
                  credentials: grpc.CallCredentials | None = None, wait_for_ready: bool | None = None,
                  compression: grpc.Compression | None = None) -> tuple[Response, grpc.Call]:
        """The response and the call, whose initial and trailing metadata can be read."""
        ...


class ResponseStream(Iterator[Response], Protocol[Response]):
    """The responses of a streaming call, as they come; iterating raises BiobankError if the call fails."""

    def cancel(self) -> bool:
        """Ends the call; iterating then stops with a CANCELLED BiobankError."""
        ...

    def __enter__(self) -> ResponseStream[Response]:
        """The stream, to read in a ``with`` block that cancels the call when it ends."""
        ...

    def __exit__(self, *exc_info: object) -> None: ...


class StreamCall(Protocol[Request, Response]):
    """A method that takes one request and streams responses back."""

    def __call__(self, request: Request, timeout: float | None = None, metadata: Metadata | None = None,
                 credentials: grpc.CallCredentials | None = None, wait_for_ready: bool | None = None,
                 compression: grpc.Compression | None = None) -> ResponseStream[Response]: ...
