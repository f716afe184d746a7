import type { DescMessage, DescMethodStreaming, DescMethodUnary, MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import type { ContextValues } from "@connectrpc/connect";
import { AgreementService } from "./gen/biobank/v1/agreement_service_pb.js";
import { AuditService } from "./gen/biobank/v1/audit_service_pb.js";
import { ConsentService } from "./gen/biobank/v1/consent_service_pb.js";
import { DirectoryService } from "./gen/biobank/v1/directory_service_pb.js";
import { EquipmentService } from "./gen/biobank/v1/equipment_service_pb.js";
import { ReservationService } from "./gen/biobank/v1/reservation_service_pb.js";
import { SampleService } from "./gen/biobank/v1/sample_service_pb.js";
import { SessionService } from "./gen/biobank/v1/session_service_pb.js";
import { StorageService } from "./gen/biobank/v1/storage_service_pb.js";
import { TransferService } from "./gen/biobank/v1/transfer_service_pb.js";
import { BiobankError } from "./errors.js";

/** How a {@link BiobankClient} talks to the server. */
export interface BiobankClientOptions {
  /** The bearer token, or a function giving it for each call (to refresh it). */
  token?: string | (() => string | Promise<string>);
  /** Deadline of a unary call that sets no `timeoutMs` of its own; 30 s by default. */
  deadlineMs?: number;
  /** Attempts of a unary call the server answers UNAVAILABLE (1: no retry); 4 by default. */
  maxAttempts?: number;
}

/** A connection to a Biobank server, with one client per service. */
export interface BiobankClient {
  /** Sign-in options and development tokens; answers without a token. */
  readonly session: Client<typeof SessionService>;
  readonly directory: Client<typeof DirectoryService>;
  readonly equipment: Client<typeof EquipmentService>;
  readonly reservations: Client<typeof ReservationService>;
  readonly storage: Client<typeof StorageService>;
  readonly samples: Client<typeof SampleService>;
  readonly consents: Client<typeof ConsentService>;
  readonly agreements: Client<typeof AgreementService>;
  readonly transfers: Client<typeof TransferService>;
  readonly audit: Client<typeof AuditService>;
}

const defaultDeadlineMs = 30_000;
const defaultMaxAttempts = 4;
const initialBackoffMs = 200;
const maxBackoffMs = 3_000;
const backoffMultiplier = 2;

/**
 * A Biobank client over `transport`: {@link grpcTransport} from `@biobank/client/node` in Node.js,
 * {@link grpcWebTransport} from `@biobank/client/web` in browsers.
 *
 * Adds the bearer token to every call, gives unary calls a default deadline, and retries unary
 * calls the server answers UNAVAILABLE, with exponential back-off, within their deadline: a retried
 * mutation is applied at most once, since it carries its `requestId` ({@link newRequestId}) and the
 * retry sends the same request. Streams (watchReservations, watchTransfers) have no default deadline and are not
 * retried: reconnect with `resumeAfter`. A failed call throws {@link BiobankError}.
 */
export function createBiobankClient(transport: Transport, options: BiobankClientOptions = {}): BiobankClient {
  const calls = biobankTransport(transport, options);
  return {
    session: createClient(SessionService, calls),
    directory: createClient(DirectoryService, calls),
    equipment: createClient(EquipmentService, calls),
    reservations: createClient(ReservationService, calls),
    storage: createClient(StorageService, calls),
    samples: createClient(SampleService, calls),
    consents: createClient(ConsentService, calls),
    agreements: createClient(AgreementService, calls),
    transfers: createClient(TransferService, calls),
    audit: createClient(AuditService, calls),
  };
}

/** A fresh request id (UUIDv7) for a mutation; reuse it when retrying that same mutation. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let milliseconds = Date.now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = milliseconds % 256;
    milliseconds = Math.floor(milliseconds / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Token, default deadline, retries of UNAVAILABLE and BiobankError, around every call of `inner`. */
function biobankTransport(inner: Transport, options: BiobankClientOptions): Transport {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? defaultMaxAttempts);
  const withToken = async (header: HeadersInit | undefined): Promise<Headers> => {
    const headers = new Headers(header);
    const token = typeof options.token === "function" ? await options.token() : options.token;
    if (token !== undefined) {
      headers.set("authorization", `Bearer ${token}`);
    }
    return headers;
  };

  return {
    async unary<I extends DescMessage, O extends DescMessage>(
      method: DescMethodUnary<I, O>, signal: AbortSignal | undefined, timeoutMs: number | undefined,
      header: HeadersInit | undefined, input: MessageInitShape<I>, contextValues?: ContextValues,
    ) {
      const deadline = Date.now() + (timeoutMs ?? deadlineMs);
      let backoff = initialBackoffMs;
      for (let attempt = 1; ; attempt++) {
        try {
          // The same input each time: a mutation keeps its requestId.
          return await inner.unary(method, signal, Math.max(1, deadline - Date.now()), await withToken(header), input, contextValues);
        } catch (reason) {
          const error = ConnectError.from(reason);
          const pause = Math.random() * backoff;
          if (error.code !== Code.Unavailable || attempt >= maxAttempts || signal?.aborted || Date.now() + pause >= deadline) {
            throw new BiobankError(error);
          }
          await new Promise((resolve) => setTimeout(resolve, pause));
          backoff = Math.min(backoff * backoffMultiplier, maxBackoffMs);
        }
      }
    },

    async stream<I extends DescMessage, O extends DescMessage>(
      method: DescMethodStreaming<I, O>, signal: AbortSignal | undefined, timeoutMs: number | undefined,
      header: HeadersInit | undefined, input: AsyncIterable<MessageInitShape<I>>, contextValues?: ContextValues,
    ) {
      try {
        const response = await inner.stream(method, signal, timeoutMs, await withToken(header), input, contextValues);
        return { ...response, message: throwingBiobankErrors(response.message) };
      } catch (reason) {
        throw BiobankError.from(reason);
      }
    },
  };
}

async function* throwingBiobankErrors<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* messages;
  } catch (reason) {
    throw BiobankError.from(reason);
  }
}
