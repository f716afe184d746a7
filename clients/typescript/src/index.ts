/**
 * TypeScript client of Biobank: the generated biobank.v1 contracts, and a thin layer that adds the
 * bearer token, a default deadline, safe retries and typed errors. Transports are in
 * `@biobank/client/node` (gRPC over HTTP/2) and `@biobank/client/web` (gRPC-Web, for browsers).
 */
export { createBiobankClient, newRequestId, type BiobankClient, type BiobankClientOptions } from "./client.js";
export { BiobankError } from "./errors.js";
export { Code } from "@connectrpc/connect";
export { create, toJson, fromJson } from "@bufbuild/protobuf";
export { timestampDate, timestampFromDate, durationFromMs, durationMs } from "@bufbuild/protobuf/wkt";
export * from "./gen/biobank/v1/agreement_service_pb.js";
export * from "./gen/biobank/v1/audit_service_pb.js";
export * from "./gen/biobank/v1/common_pb.js";
export * from "./gen/biobank/v1/consent_service_pb.js";
export * from "./gen/biobank/v1/directory_service_pb.js";
export * from "./gen/biobank/v1/equipment_service_pb.js";
export * from "./gen/biobank/v1/reservation_service_pb.js";
export * from "./gen/biobank/v1/sample_service_pb.js";
export * from "./gen/biobank/v1/session_service_pb.js";
export * from "./gen/biobank/v1/storage_service_pb.js";
export * from "./gen/biobank/v1/transfer_service_pb.js";
