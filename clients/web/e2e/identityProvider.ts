// A small, real OpenID Connect provider for the tests, on a loopback port: its discovery document,
// its RSA signing key as a JWKS, a sign-in page at /authorize where one of its people signs in (or
// cancels), and /token, which exchanges a code only for the PKCE verifier whose S256 hash is the
// challenge the code was asked with, and issues RS256 JWTs: an access token for Biobank (iss, aud,
// sub, org, roles, exp) and an ID token with the nonce. Biobank's page calls it from its own origin,
// so every answer carries CORS headers.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A person the provider knows, by their `sub`. */
export interface Person {
  /** The `org` claim: "anses" or "inserm". */
  organisation: string;
  roles: string[];
  /** How long their tokens last, in seconds; an hour unless said. */
  lifetime?: number;
}

/** What a code was issued for, checked when it is exchanged. */
interface Grant {
  subject: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
}

const base64url = (bytes: Buffer): string => bytes.toString("base64url");

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) {
    body += String(chunk);
  }
  return new URLSearchParams(body);
}

export class IdentityProvider {
  /** The people who may sign in, by `sub`. */
  readonly people = new Map<string, Person>();
  /** How many code exchanges the token endpoint refused. */
  refusedExchanges = 0;

  private readonly grants = new Map<string, Grant>();
  private readonly key: KeyObject;
  private readonly keyId = randomBytes(8).toString("hex");

  private constructor(private readonly server: Server, readonly url: string, readonly clientId: string, readonly audience: string) {
    this.key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  }

  /** A provider on a free loopback port, for the web client `clientId` and Biobank's `audience`. */
  static async start(clientId = "biobank-web", audience = "biobank"): Promise<IdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const provider = new IdentityProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, clientId, audience);
    server.on("request", (request, response) => {
      provider.answer(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    return provider;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** An access token for Biobank, as the provider issues them, for callers of the API in the tests. */
  accessToken(subject: string): string {
    const person = this.people.get(subject);
    if (!person) {
      throw new Error(`The provider does not know ${subject}`);
    }
    const now = Math.floor(Date.now() / 1000);
    return this.jwt({
      iss: this.url, aud: this.audience, sub: subject, org: person.organisation, roles: person.roles,
      iat: now, exp: now + (person.lifetime ?? 3600), client_id: this.clientId,
    });
  }

  private jwt(claims: Record<string, unknown>): string {
    const header = base64url(Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid: this.keyId })));
    const payload = base64url(Buffer.from(JSON.stringify(claims)));
    return `${header}.${payload}.${base64url(sign("sha256", Buffer.from(`${header}.${payload}`), this.key))}`;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader("Access-Control-Allow-Origin", "*");
    const url = new URL(request.url ?? "/", this.url);
    if (request.method === "OPTIONS") {
      response.writeHead(204, { "Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "content-type" }).end();
    } else if (url.pathname === "/.well-known/openid-configuration") {
      json(response, 200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    } else if (url.pathname === "/jwks") {
      json(response, 200, { keys: [{ ...createPublicKey(this.key).export({ format: "jwk" }), kid: this.keyId, alg: "RS256", use: "sig" }] });
    } else if (url.pathname === "/authorize" && request.method === "GET") {
      this.signInPage(url.searchParams, response);
    } else if (url.pathname === "/authorize" && request.method === "POST") {
      this.decide(await formOf(request), response);
    } else if (url.pathname === "/token" && request.method === "POST") {
      this.exchange(await formOf(request), response);
    } else {
      response.writeHead(404).end();
    }
  }

  /** The sign-in page: a name and Sign in, or Cancel; the authorization request rides along in the form. */
  private signInPage(query: URLSearchParams, response: ServerResponse): void {
    if (query.get("client_id") !== this.clientId || query.get("response_type") !== "code"
      || query.get("code_challenge_method") !== "S256" || !query.get("code_challenge")
      || !query.get("redirect_uri") || !query.get("scope")?.split(" ").includes("openid")) {
      response.writeHead(400, { "content-type": "text/plain" }).end("Not an authorization request with PKCE (S256) for a known client.");
      return;
    }
    const carried = [...query].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<title>Test identity provider</title>
<h1>Test identity provider</h1>
<form method="post" action="/authorize">${carried}
  <label>Username <input name="username" autofocus></label>
  <button name="decision" value="allow">Continue</button>
  <button name="decision" value="deny">Cancel</button>
</form>`);
  }

  /** Back to the client with a code for the person who signed in, or with access_denied. */
  private decide(form: URLSearchParams, response: ServerResponse): void {
    const back = new URL(form.get("redirect_uri") ?? "");
    back.searchParams.set("state", form.get("state") ?? "");
    const subject = form.get("username") ?? "";
    if (form.get("decision") !== "allow" || !this.people.has(subject)) {
      back.searchParams.set("error", "access_denied");
    } else {
      const code = base64url(randomBytes(24));
      this.grants.set(code, {
        subject, clientId: form.get("client_id") ?? "", redirectUri: back.origin + back.pathname,
        challenge: form.get("code_challenge") ?? "", nonce: form.get("nonce") ?? "",
      });
      back.searchParams.set("code", code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  }

  /** A code for tokens, once, and only with the verifier whose S256 hash is the code's challenge. */
  private exchange(form: URLSearchParams, response: ServerResponse): void {
    const code = form.get("code") ?? "";
    const grant = this.grants.get(code);
    this.grants.delete(code);
    const verifier = form.get("code_verifier") ?? "";
    if (!grant || form.get("grant_type") !== "authorization_code" || form.get("client_id") !== grant.clientId
      || form.get("redirect_uri") !== grant.redirectUri || base64url(createHash("sha256").update(verifier).digest()) !== grant.challenge) {
      this.refusedExchanges++;
      json(response, 400, { error: "invalid_grant" });
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    json(response, 200, {
      access_token: this.accessToken(grant.subject),
      id_token: this.jwt({ iss: this.url, aud: grant.clientId, sub: grant.subject, nonce: grant.nonce, iat: now, exp: now + 300 }),
      token_type: "Bearer",
      expires_in: this.people.get(grant.subject)?.lifetime ?? 3600,
    });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}
