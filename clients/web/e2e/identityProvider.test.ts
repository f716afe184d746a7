// With an identity provider configured: a Biobank server of the test's own takes its tokens from a
// small real OpenID Connect provider (identityProvider.ts), and the page signs in there with the
// authorization code and PKCE; an unreachable provider, an answer that is not this page's, a
// cancelled sign-in, a forged verifier and a token the server will not take are said in plain
// words; a session ends with its token.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createBiobankClient, type BiobankClient } from "@biobank/client";
import { grpcTransport } from "@biobank/client/node";
import type { Page } from "playwright-core";
import { closeBrowser, onPage, qualify, registerConfocal, startServer, unique, type OwnServer } from "./harness.js";
import { IdentityProvider } from "./identityProvider.js";

describe("with an identity provider", () => {
  let provider: IdentityProvider;
  let server: OwnServer | undefined;

  before(async () => {
    provider = await IdentityProvider.start();
    server = await startServer([`--Identity:Authority=${provider.url}`]);
  });
  after(async () => {
    await closeBrowser();
    await server?.stop();
    await provider.stop();
  });

  const biobankAddress = (): string => server!.address;

  /** A client acting as `subject`, whom the provider knows, with an access token of the provider. */
  const callerAtProvider = (subject: string): BiobankClient =>
    createBiobankClient(grpcTransport(biobankAddress()), { token: provider.accessToken(subject) });

  /** From Biobank's sign-in page to the provider's, as `subject`, and Continue. */
  async function signInAtProvider(page: Page, subject: string): Promise<void> {
    await page.goto(biobankAddress());
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Username").fill(subject);
    await page.getByRole("button", { name: "Continue" }).click();
  }

  test("a technician signs in at the provider and lands on Today, whose calls the server authorizes", async (t) => {
    provider.people.set("marie.facility", { organisation: "anses", roles: ["facility-manager"] });
    const facility = callerAtProvider("marie.facility");
    const confocal = await registerConfocal(false, facility);
    const subject = unique("alice");
    provider.people.set(subject, { organisation: "anses", roles: ["technician"] });
    await qualify(facility, subject, confocal.name);

    await onPage(t, async (page) => {
      await page.goto(biobankAddress());
      await page.getByText(`identity provider, ${provider.url}`).waitFor();
      assert.equal(await page.getByLabel("Person (identifier)").count(), 0, "no development sign-in with a provider");

      await signInAtProvider(page, subject);
      await page.getByRole("heading", { name: /My bookings/ }).waitFor();
      // The instruments she is qualified for: the server read her from the provider's token.
      await page.getByRole("link", { name: `Calendar: ${confocal.displayName}` }).waitFor();
      await page.getByText(`${subject}, anses`).waitFor();
      assert.equal(new URL(page.url()).search, "", "the code is taken off the address");

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to Biobank" }).waitFor();
      await page.reload();
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      assert.equal(await page.getByRole("heading", { name: /My bookings/ }).count(), 0, "signed out for good");
    });
  });

  test("an unreachable provider, an answer this page did not ask for, a cancelled sign-in, a forged verifier and a token the server will not take are said in plain words", async (t) => {
    const subject = unique("bruno");
    provider.people.set(subject, { organisation: "anses", roles: ["technician"] });
    const outsider = unique("eve");
    provider.people.set(outsider, { organisation: "acme-pharma", roles: ["technician"] });

    await onPage(t, async (page) => {
      await page.route(`${provider.url}/.well-known/openid-configuration`, (route) => route.abort("connectionrefused"));
      await page.goto(biobankAddress());
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "The identity provider cannot be reached; try again in a moment." }).waitFor();
      await page.unroute(`${provider.url}/.well-known/openid-configuration`);

      // A link with someone else's code, while a sign-in of this page is under way.
      await page.goto(biobankAddress());
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Username").waitFor();
      await page.goto(`${biobankAddress()}/?code=stolen&state=forged`);
      await page.getByRole("alert").filter({ hasText: "This sign-in answer is not the one this page asked for" }).waitFor();
      assert.equal(new URL(page.url()).search, "");

      // The provider's tokens endpoint sees a verifier that does not hash to the challenge.
      const refusedBefore = provider.refusedExchanges;
      await page.route(`${provider.url}/token`, (route) =>
        route.continue({ postData: (route.request().postData() ?? "").replace(/code_verifier=[^&]*/, "code_verifier=forged") }));
      await signInAtProvider(page, subject);
      await page.getByRole("alert").filter({ hasText: "The identity provider did not confirm this sign-in: sign in again." }).waitFor();
      assert.equal(provider.refusedExchanges, refusedBefore + 1);
      assert.equal(await page.getByRole("heading", { name: /My bookings/ }).count(), 0);
      await page.unroute(`${provider.url}/token`);

      // The provider signs in someone of an organisation outside the partnership.
      await signInAtProvider(page, outsider);
      await page.getByRole("alert").filter({ hasText: "Biobank does not accept the identity provider's token" }).waitFor();
      assert.equal(await page.getByRole("heading", { name: /My bookings/ }).count(), 0);
    });

    await onPage(t, async (page) => {
      await page.goto(biobankAddress());
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.getByRole("alert").filter({ hasText: "Le fournisseur d'identité ne vous a pas autorisé à vous connecter à Biobank." }).waitFor();
      await page.getByRole("button", { name: "Se connecter" }).waitFor();
    }, "fr-FR");
  });

  test("the page returns to sign-in when the provider's token expires", async (t) => {
    const subject = unique("carla");
    provider.people.set(subject, { organisation: "inserm", roles: ["technician"], lifetime: 5 });

    await onPage(t, async (page) => {
      await signInAtProvider(page, subject);
      await page.getByRole("heading", { name: /My bookings/ }).waitFor();
      await page.getByRole("heading", { name: "Sign in to Biobank" }).waitFor({ timeout: 15_000 });
    });
  });
});
