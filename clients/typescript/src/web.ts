import type { Transport } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";

/**
 * gRPC-Web from a browser (or any runtime with fetch), to `address`: the server's TLS endpoint, or
 * its plain-text HTTP/1.1 endpoint for browsers (`Kestrel:Endpoints:Web`). The page's origin must be
 * one of the server's `Biobank:Cors:Origins`.
 */
export function grpcWebTransport(address: string): Transport {
  return createGrpcWebTransport({ baseUrl: address });
}
