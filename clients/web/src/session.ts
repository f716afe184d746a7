// Who is signed in, kept for the browser tab (sessionStorage), and the client that calls the
// server with that token over gRPC-Web from the page's own origin.
import { createBiobankClient, type BiobankClient, type CallerIdentity } from "@biobank/client";
import { grpcWebTransport } from "@biobank/client/web";

export interface Session {
  token: string;
  subject: string;
  /** "inserm", without the collection. */
  organisation: string;
  roles: string[];
  expires: string;
}

const storageKey = "biobank.session";

export function loadSession(): Session | null {
  const stored = sessionStorage.getItem(storageKey);
  if (!stored) {
    return null;
  }
  const session = JSON.parse(stored) as Session;
  return new Date(session.expires) > new Date() ? session : null;
}

export function saveSession(session: Session | null): void {
  if (session) {
    sessionStorage.setItem(storageKey, JSON.stringify(session));
  } else {
    sessionStorage.removeItem(storageKey);
  }
}

const transport = grpcWebTransport(location.origin);

/** The session of `token`, for the caller the server read from it, until `expires`. */
export const sessionOf = (token: string, identity: CallerIdentity, expires: Date): Session => ({
  token, subject: identity.subject, organisation: idOf(identity.organisation), roles: identity.roles, expires: expires.toISOString(),
});

/** A client carrying `session`'s token, or none (for sign-in). */
export function biobank(session: Pick<Session, "token"> | null): BiobankClient {
  return createBiobankClient(transport, session ? { token: session.token } : {});
}

export const isManager = (session: Session): boolean =>
  session.roles.some((role) => role === "facility-manager" || role === "admin");

/** The last segment of a resource name: "organisations/inserm" → "inserm". */
export const idOf = (name: string): string => name.slice(name.lastIndexOf("/") + 1);
