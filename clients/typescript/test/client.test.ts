// The thin layer on its own, against an in-process fake server: token, deadline, retries, request ids.
import assert from "node:assert/strict";
import { createServer, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { ConnectError } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import {
  BiobankError, Code, createBiobankClient, newRequestId, ReservationService,
  type BiobankClientOptions, type CreateReservationRequest,
} from "@biobank/client";
import { grpcTransport } from "@biobank/client/node";

interface Attempt { request: CreateReservationRequest; authorization: string | null; timeoutMs: number | undefined }

/** Answers createReservation with `failure` a given number of times, then books; records each attempt. */
async function fakeServer(failures: number, failure = Code.Unavailable) {
  const attempts: Attempt[] = [];
  const sessions = new Set<Http2Session>();
  const server = createServer(connectNodeAdapter({
    grpc: true,
    routes: (router) => router.service(ReservationService, {
      createReservation(request, context) {
        attempts.push({ request, authorization: context.requestHeader.get("authorization"), timeoutMs: context.timeoutMs() });
        if (attempts.length <= failures) {
          throw new ConnectError("the store is not reachable", failure);
        }
        return { name: "reservations/r1", equipment: request.reservation?.equipment ?? "" };
      },
    }),
  }));
  server.on("session", (session) => sessions.add(session));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    sessions.forEach((session) => session.destroy());
    server.close();
  });
  const client = (options: BiobankClientOptions = {}) =>
    createBiobankClient(grpcTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), { token: "t0k3n", ...options });
  return { attempts, client };
}

const booking = () => ({ requestId: newRequestId(), reservation: { equipment: "equipment/lsm" } });

describe("the client", () => {
  test("retries UNAVAILABLE with the same request id and token", async () => {
    const fake = await fakeServer(2);
    const request = booking();

    const reservation = await fake.client().reservations.createReservation(request);

    assert.equal(reservation.name, "reservations/r1");
    assert.equal(fake.attempts.length, 3);
    assert.deepEqual(new Set(fake.attempts.map((a) => a.request.requestId)), new Set([request.requestId]));
    assert.ok(fake.attempts.every((a) => a.authorization === "Bearer t0k3n"));
  });

  test("stops retrying after the attempts allowed", async () => {
    const fake = await fakeServer(10);

    const error = await fake.client({ maxAttempts: 3 }).reservations.createReservation(booking()).catch((e: unknown) => e);

    assert.ok(error instanceof BiobankError);
    assert.equal(error.code, Code.Unavailable);
    assert.equal(error.rawMessage, "the store is not reachable");
    assert.equal(fake.attempts.length, 3);
  });

  test("does not retry other failures", async () => {
    for (const code of [Code.FailedPrecondition, Code.DeadlineExceeded, Code.Internal]) {
      const fake = await fakeServer(1, code);

      const error = await fake.client().reservations.createReservation(booking()).catch((e: unknown) => e);

      assert.ok(error instanceof BiobankError);
      assert.equal(error.code, code);
      assert.equal(fake.attempts.length, 1);
    }
  });

  test("gives a call without a deadline the default one and keeps a given one", async () => {
    const fake = await fakeServer(0);
    const client = fake.client({ deadlineMs: 12_000 });

    await client.reservations.createReservation(booking());
    await client.reservations.createReservation(booking(), { timeoutMs: 5_000 });

    assert.ok(Math.abs(fake.attempts[0]!.timeoutMs! - 12_000) < 2_000, `${fake.attempts[0]!.timeoutMs}`);
    assert.ok(Math.abs(fake.attempts[1]!.timeoutMs! - 5_000) < 2_000, `${fake.attempts[1]!.timeoutMs}`);
  });

  test("asks a token function for each call", async () => {
    const fake = await fakeServer(0);
    const tokens = ["first", "second"];
    const client = fake.client({ token: async () => tokens.shift()! });

    await client.reservations.createReservation(booking());
    await client.reservations.createReservation(booking());

    assert.deepEqual(fake.attempts.map((a) => a.authorization), ["Bearer first", "Bearer second"]);
  });

  test("makes request ids that are UUIDv7 and increase", () => {
    const ids = Array.from({ length: 50 }, newRequestId);

    assert.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), ids[0]);
    assert.equal(new Set(ids).size, 50);
    assert.deepEqual(ids.map((id) => id.slice(0, 13)), ids.map((id) => id.slice(0, 13)).sort());
  });
});
