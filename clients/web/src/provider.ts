// Sign-in at the server's OpenID Connect provider, from the page: the authorization code with PKCE.
// The page sends the browser to the provider with the S256 challenge of a fresh verifier, a state
// and a nonce, which it keeps for the tab (sessionStorage); the provider sends the browser back to
// the page with a code, which the page exchanges, with the verifier, at the provider's token
// endpoint for an access token: the bearer token Biobank checks (its audience, `sub`, `org`, roles).
import type { SignInOptions } from "@biobank/client";
import type { Word } from "./i18n";

/** A sign-in at the provider that did not succeed, with the word that says why. */
export class ProviderSignInFailure extends Error {
  constructor(readonly word: Word) {
    super(word);
  }
}

/** What the page remembers between sending the browser to the provider and its coming back. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  clientId: string;
  tokenEndpoint: string;
}

interface ProviderConfiguration {
  authorization_endpoint: string;
  token_endpoint: string;
}

const pendingKey = "biobank.providerSignIn";

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** 32 random bytes, base64url: 43 characters, as RFC 7636 asks of a verifier. */
const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The provider sends the browser back to this page, without its route or query. */
const redirectUri = (): string => location.origin + location.pathname;

/** The claims of a JWT, read without checking its signature (the server checks it); none when it is not one. */
function claims(jwt: string): Record<string, unknown> {
  try {
    const payload = jwt.split(".")[1] ?? "";
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The provider's fetch, where failing to get an answer at all means it cannot be reached. */
async function reach(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch {
    throw new ProviderSignInFailure("provider_unreachable");
  }
}

/** Sends the browser to the provider's sign-in page, which sends it back here with a code. */
export async function goToProvider(options: SignInOptions): Promise<void> {
  // WebCrypto hashes only on pages served over HTTPS or from the machine itself.
  if (!crypto.subtle) {
    throw new ProviderSignInFailure("provider_needsHttps");
  }
  const discovery = await reach(`${options.authority.replace(/\/+$/, "")}/.well-known/openid-configuration`);
  if (!discovery.ok) {
    throw new ProviderSignInFailure("provider_unreachable");
  }
  const configuration = (await discovery.json()) as ProviderConfiguration;
  const pending: PendingSignIn = {
    state: randomText(), nonce: randomText(), verifier: randomText(),
    clientId: options.clientId, tokenEndpoint: configuration.token_endpoint,
  };
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pending.verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));

  const authorize = new URL(configuration.authorization_endpoint);
  const parameters = {
    response_type: "code", client_id: pending.clientId, redirect_uri: redirectUri(),
    scope: ["openid", "profile", ...options.scopes].join(" "),
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: "S256",
  };
  for (const [name, value] of Object.entries(parameters)) {
    authorize.searchParams.set(name, value);
  }
  location.assign(authorize);
}

/** Whether the provider sent the browser back to this page, with a code or an error. */
export function isProviderAnswer(): boolean {
  const answer = new URLSearchParams(location.search);
  return answer.has("state") && (answer.has("code") || answer.has("error"));
}

/**
 * The access token and its expiry that the provider's answer brings, once the answer is checked
 * against the sign-in this tab started and its code exchanged. The answer is taken off the
 * page's address, so that reloading the page or bookmarking it does not bring it again.
 */
export async function takeProviderAnswer(): Promise<{ token: string; expires: Date }> {
  const answer = new URLSearchParams(location.search);
  const stored = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, "", location.pathname);

  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : null;
  if (!pending || answer.get("state") !== pending.state) {
    throw new ProviderSignInFailure("provider_notThisSignIn");
  }
  const error = answer.get("error");
  if (error) {
    throw new ProviderSignInFailure(error === "access_denied" ? "provider_accessDenied" : "provider_refused");
  }

  const response = await reach(pending.tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code", code: answer.get("code") ?? "", redirect_uri: redirectUri(),
      client_id: pending.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new ProviderSignInFailure("provider_tokenRefused");
  }
  const tokens = (await response.json()) as { access_token?: string; id_token?: string };
  // The ID token names the nonce of the sign-in it was issued for: another one was replayed.
  if (tokens.id_token && claims(tokens.id_token).nonce !== pending.nonce) {
    throw new ProviderSignInFailure("provider_notThisSignIn");
  }
  const expiry = tokens.access_token ? claims(tokens.access_token).exp : undefined;
  if (!tokens.access_token || typeof expiry !== "number") {
    throw new ProviderSignInFailure("provider_tokenNotAccepted");
  }
  return { token: tokens.access_token, expires: new Date(expiry * 1000) };
}
