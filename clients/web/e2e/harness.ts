// What the end-to-end tests share: the server under test (BIOBANK_ADDRESS, started by
// clients/run-tests.sh, serving the built application), callers with development tokens from its
// SessionService, servers of a test's own configuration (BIOBANK_SERVER, the server's built
// Biobank.Server.dll), and Debian's Chromium driven headless by playwright-core (CHROMIUM, by
// default /usr/bin/chromium; no browser is downloaded). A test that fails leaves a screenshot of
// its page in test-results/.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import {
  createBiobankClient, EquipmentKind, newRequestId, timestampFromDate, type BiobankClient, type Equipment, type Reservation,
} from "@biobank/client";
import { grpcTransport } from "@biobank/client/node";

export const address = (): string => {
  const value = process.env.BIOBANK_ADDRESS;
  if (!value) {
    throw new Error("BIOBANK_ADDRESS is not set: run these tests with clients/run-tests.sh web, which starts a server");
  }
  return value;
};

/** A server of a test's own, with its own data directory and PostgreSQL, on a loopback port. */
export interface OwnServer {
  address: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts a server with `configuration` on its command line (`--Identity:Authority=...`), as
 * clients/run-tests.sh starts the shared one; it is serving when this resolves.
 */
export async function startServer(configuration: string[]): Promise<OwnServer> {
  const dll = process.env.BIOBANK_SERVER;
  if (!dll) {
    throw new Error("BIOBANK_SERVER is not set: run these tests with clients/run-tests.sh web, which builds the server");
  }
  const data = mkdtempSync(join(tmpdir(), "biobank-web-"));
  // Run as root, the server runs its PostgreSQL as the postgres user, which must reach the directory.
  chmodSync(data, 0o755);
  const address = `http://127.0.0.1:${await freePort()}`;
  const server = spawn("dotnet", [
    dll, `--Biobank:DataDirectory=${data}`, `--Kestrel:Endpoints:Grpc:Url=${address}`, "--Logging:LogLevel:Default=Warning", ...configuration,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()));
  const stop = async () => {
    server.kill("SIGTERM");
    await exited;
    rmSync(data, { recursive: true, force: true });
  };
  let output = "";
  const serving = new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`The server did not start serving within 2 minutes:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes("Biobank serving gRPC on")) {
        clearTimeout(timeout);
        resolve();
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    void exited.then(() => {
      clearTimeout(timeout);
      reject(new Error(`The server stopped before serving:\n${output}`));
    });
  });
  try {
    await serving;
  } catch (error) {
    await stop();
    throw error;
  }
  // SIGTERM stops the server's PostgreSQL too.
  return { address, stop };
}

export const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString("hex")}`;

/** A client acting as `subject` of `organisation` with `role`, with a token the server issues. */
export async function caller(subject: string, organisation: string, role: string): Promise<BiobankClient> {
  const anonymous = createBiobankClient(grpcTransport(address()));
  const { token } = await anonymous.session.issueDevelopmentToken({ subject, organisation: `organisations/${organisation}`, roles: [role] });
  return createBiobankClient(grpcTransport(address()), { token });
}

/**
 * A new Anses confocal at Maisons-Alfort (Europe/Paris), registered by a facility manager of Anses
 * (`manager`, or one with a development token).
 */
export async function registerConfocal(crossOrganisationApproval = false, manager?: BiobankClient): Promise<Equipment> {
  manager ??= await caller("marie.facility", "anses", "facility-manager");
  return manager.equipment.registerEquipment({
    requestId: newRequestId(),
    equipmentId: unique("lsm"),
    equipment: {
      displayName: unique("Zeiss LSM 980"), kind: EquipmentKind.CONFOCAL_MICROSCOPE, site: "sites/anses-maisons-alfort",
      bookingRules: { crossOrganisationApproval },
    },
  });
}

/** `person` of Anses qualified by `facility` on `equipment` for a year, through the API. */
export async function qualify(facility: BiobankClient, person: string, equipment: string): Promise<void> {
  await facility.equipment.grantQualification({
    requestId: newRequestId(),
    qualification: {
      person, personOrganisation: "organisations/anses", equipment,
      expireTime: timestampFromDate(new Date(Date.now() + 365 * 86_400_000)),
    },
  });
}

/** A booking of `equipment` by `booker` from `start`, `minutes` long, made through the API. */
export function book(booker: BiobankClient, equipment: string, start: Date, minutes: number): Promise<Reservation> {
  return booker.reservations.createReservation({
    requestId: newRequestId(),
    reservation: {
      equipment, purpose: "Imaging of isolates",
      interval: { startTime: timestampFromDate(start), endTime: timestampFromDate(new Date(start.getTime() + minutes * 60_000)) },
    },
  });
}

let browser: Browser | undefined;
let pages = 0;

/**
 * Runs `body` on a new page (a browser context of its own: its own session), English as on a
 * British tablet, and saves a screenshot of the page when it fails.
 */
export async function onPage(test: TestContext, body: (page: Page) => Promise<void>, language = "en-GB"): Promise<void> {
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const context = await browser.newContext({ locale: language, timezoneId: "America/New_York", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const number = ++pages;
  try {
    await body(page);
  } catch (error) {
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: `test-results/${test.name.replace(/[^\w]+/g, "-")}-page${number}.png`, fullPage: true });
    throw error;
  } finally {
    await context.close();
  }
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** Development sign-in through the application's own page. */
export async function signIn(page: Page, subject: string, organisation: string, role: string): Promise<void> {
  await page.goto(address());
  await page.getByLabel("Person (identifier)").fill(subject);
  await page.getByLabel("Organisation").selectOption(`organisations/${organisation}`);
  await page.getByLabel("Role").selectOption(role);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /My bookings/ }).waitFor();
}
