import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

/**
 * gRPC over HTTP/2 from Node.js, to `address`: `http://127.0.0.1:5080` (plain-text HTTP/2, for
 * loopback or behind a TLS-terminating balancer) or `https://biobank.example.org`.
 */
export function grpcTransport(address: string): Transport {
  return createGrpcTransport({ baseUrl: address });
}
