import { Code, ConnectError } from "@connectrpc/connect";
import {
  BadRequestSchema,
  ErrorInfoSchema,
  PreconditionFailureSchema,
  type BadRequest_FieldViolation,
  type PreconditionFailure_Violation,
} from "./gen/google/rpc/error_details_pb.js";

const correlationHeader = "x-correlation-id";

/**
 * A call the server refused or could not complete, with the details every Biobank error carries
 * (a google.rpc.Status in `grpc-status-details-bin`).
 *
 * `reason` is the machine-readable `ErrorInfo.reason` ("SLOT_UNAVAILABLE", one of the contract's
 * `ErrorReason` values without their prefix) and `metadata` its dynamic values (`conflict_start`,
 * `conflict_end`, ...). Invalid input lists its `fieldViolations`, a broken business rule its
 * `preconditionViolations`. A failure that did not come from the server (unreachable, deadline
 * passed) has its code and no reason. `cause` is connect's own error, with the response headers
 * and trailers.
 */
export class BiobankError extends Error {
  override readonly name = "BiobankError";
  /** The gRPC status code. */
  readonly code: Code;
  /** The status message, for people. */
  readonly rawMessage: string;
  /** `ErrorInfo.reason`, or "" when the status carries none. */
  readonly reason: string;
  /** `ErrorInfo.domain`: "biobank" for the server's errors. */
  readonly domain: string;
  /** `ErrorInfo.metadata`: the values to act on; times are ISO 8601 in UTC, durations in seconds. */
  readonly metadata: Readonly<Record<string, string>>;
  /** `BadRequest.field_violations` of an INVALID_ARGUMENT error. */
  readonly fieldViolations: readonly BadRequest_FieldViolation[];
  /** `PreconditionFailure.violations` of a FAILED_PRECONDITION error. */
  readonly preconditionViolations: readonly PreconditionFailure_Violation[];
  /** The call's `x-correlation-id`, to quote to the server's operators. */
  readonly correlationId: string;
  override readonly cause: ConnectError;

  constructor(error: ConnectError) {
    const info = error.findDetails(ErrorInfoSchema)[0];
    super(`[${Code[error.code]}]${info ? ` ${info.reason}:` : ""} ${error.rawMessage}`);
    this.cause = error;
    this.code = error.code;
    this.rawMessage = error.rawMessage;
    this.reason = info?.reason ?? "";
    this.domain = info?.domain ?? "";
    this.metadata = { ...(info?.metadata ?? {}) };
    this.fieldViolations = error.findDetails(BadRequestSchema).flatMap((detail) => detail.fieldViolations);
    this.preconditionViolations = error.findDetails(PreconditionFailureSchema).flatMap((detail) => detail.violations);
    this.correlationId = error.metadata.get(correlationHeader) ?? "";
  }

  /** The error of a failed call, whatever was thrown. */
  static from(reason: unknown): BiobankError {
    return reason instanceof BiobankError ? reason : new BiobankError(ConnectError.from(reason));
  }
}
