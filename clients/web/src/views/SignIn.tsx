import { useEffect, useState } from "preact/hooks";
import { BiobankError, Code, timestampDate, type SignInOptions } from "@biobank/client";
import { t } from "../i18n";
import { goToProvider, isProviderAnswer, ProviderSignInFailure, takeProviderAnswer } from "../provider";
import { describe } from "../refusals";
import { biobank, idOf, sessionOf, type Session } from "../session";

/** Why a sign-in did not succeed, in plain words. */
function explain(error: unknown): string {
  if (error instanceof ProviderSignInFailure) {
    return t(error.word);
  }
  // The provider's token reached the server, which would not take it.
  return BiobankError.from(error).code === Code.Unauthenticated ? t("provider_tokenNotAccepted") : describe(error);
}

/**
 * Sign-in. With an identity provider, at the provider (OpenID Connect, authorization code with
 * PKCE), which sends the browser back here with a code this page exchanges for a token. Without
 * one, development sign-in: a person, an organisation and a role, and a token from the server's
 * local key, which it gives only to pages on its own machine.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [answered] = useState(isProviderAnswer);
  const [subject, setSubject] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [role, setRole] = useState("technician");
  const [refusal, setRefusal] = useState("");

  const loadOptions = () => biobank(null).session.getSignInOptions({}).then((found) => {
    setOptions(found);
    setOrganisation(found.organisations[0] ?? "");
  }, (error) => setRefusal(describe(error)));

  useEffect(() => {
    if (answered) {
      takeProviderAnswer()
        .then(async ({ token, expires }) => {
          const identity = await biobank({ token }).directory.getCallerIdentity({});
          onSignedIn(sessionOf(token, identity, expires));
        })
        .catch((error) => {
          setRefusal(explain(error));
          return loadOptions();
        });
    } else {
      void loadOptions();
    }
  }, []);

  const signInAtProvider = (provider: SignInOptions) => {
    setRefusal("");
    goToProvider(provider).catch((error) => setRefusal(explain(error)));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setRefusal("");
    try {
      const issued = await biobank(null).session.issueDevelopmentToken({ subject: subject.trim(), organisation, roles: [role] });
      onSignedIn(sessionOf(issued.token, issued.identity!, issued.expireTime ? timestampDate(issued.expireTime) : new Date()));
    } catch (error) {
      setRefusal(describe(error));
    }
  };

  return (
    <section aria-labelledby="sign-in-title" class="narrow">
      <h1 id="sign-in-title">{t("signInTitle")}</h1>
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {!options && !refusal && <p>{t(answered ? "signingIn" : "loading")}</p>}
      {options && !options.developmentSignIn && options.authority && (
        <>
          <p>{t("providerSignIn", { authority: options.authority })}</p>
          <button type="button" onClick={() => signInAtProvider(options)}>{t("signIn")}</button>
        </>
      )}
      {options && !options.developmentSignIn && !options.authority && <p>{t("error_LOOPBACK_ONLY")}</p>}
      {options?.developmentSignIn && (
        <form onSubmit={submit}>
          <p class="note">{t("developmentSignIn")}</p>
          <label>
            {t("person")}
            <input name="subject" required autoFocus value={subject} autocomplete="username"
              onInput={(event) => setSubject(event.currentTarget.value)} />
          </label>
          <label>
            {t("organisation")}
            <select name="organisation" value={organisation} onChange={(event) => setOrganisation(event.currentTarget.value)}>
              {options.organisations.map((name) => <option value={name}>{idOf(name)}</option>)}
            </select>
          </label>
          <label>
            {t("role")}
            <select name="role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
              {options.roles.map((name) => <option value={name}>{name}</option>)}
            </select>
          </label>
          <button type="submit">{t("signIn")}</button>
        </form>
      )}
    </section>
  );
}
