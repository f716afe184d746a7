// The Biobank server the tests call, started by clients/run-tests.sh: it sets BIOBANK_ADDRESS (its
// gRPC endpoint), BIOBANK_WEB_ADDRESS (its HTTP/1.1 endpoint for browsers) and BIOBANK_TOKENS (a
// JSON file of tokens it minted with the server's `token` command, by caller).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  createBiobankClient, EquipmentKind, newRequestId, timestampFromDate,
  type BiobankClient, type BiobankClientOptions, type BookingRulesSchema, type Equipment,
} from "@biobank/client";
import { grpcTransport } from "@biobank/client/node";
import { grpcWebTransport } from "@biobank/client/web";

export type Caller = "lims-anses" | "facility-anses" | "biobank-anses" | "lims-inserm" | "auditor-anses";

function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests with clients/run-tests.sh, which starts a server`);
  }
  return value;
}

export const address = (): string => setting("BIOBANK_ADDRESS");
export const webAddress = (): string => setting("BIOBANK_WEB_ADDRESS");

export function token(caller: Caller): string {
  const tokens = JSON.parse(readFileSync(setting("BIOBANK_TOKENS"), "utf8")) as Record<Caller, string>;
  return tokens[caller];
}

/** A client over gRPC (Node.js), or over gRPC-Web as a browser calls. */
export function client(caller: Caller | null, over: "grpc" | "grpc-web" = "grpc", options: BiobankClientOptions = {}): BiobankClient {
  const transport = over === "grpc" ? grpcTransport(address()) : grpcWebTransport(webAddress());
  return createBiobankClient(transport, caller === null ? options : { token: token(caller), ...options });
}

/** A whole hour some days from now, in UTC. */
export function ahead(days: number, hour = 9): Date {
  const day = new Date();
  day.setUTCHours(hour, 0, 0, 0);
  return new Date(day.getTime() + days * 86_400_000);
}

export function slot(start: Date, lengthMs: number) {
  return { startTime: timestampFromDate(start), endTime: timestampFromDate(new Date(start.getTime() + lengthMs)) };
}

/** A new Anses confocal at Maisons-Alfort, registered by its facility manager. */
export function registerConfocal(equipmentId?: string, rules?: MessageInitShape<typeof BookingRulesSchema>): Promise<Equipment> {
  return client("facility-anses").equipment.registerEquipment({
    requestId: newRequestId(),
    equipmentId: equipmentId ?? `lsm-${randomBytes(6).toString("hex")}`,
    equipment: {
      displayName: "Zeiss LSM 980 confocal",
      kind: EquipmentKind.CONFOCAL_MICROSCOPE,
      site: "sites/anses-maisons-alfort",
      ...(rules ? { bookingRules: rules } : {}),
    },
  });
}

export const barcode = (): string => `BC-${randomBytes(8).toString("hex").toUpperCase()}`;
