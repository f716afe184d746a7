import { useEffect, useState } from "preact/hooks";
import { timestampDate, type SignInOptions } from "@biobank/client";
import { t } from "../i18n";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";

/**
 * Development sign-in: a person, an organisation and a role, and a token from the server's local
 * key, which it gives only to pages on its own machine when it has no identity provider.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [subject, setSubject] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [role, setRole] = useState("technician");
  const [refusal, setRefusal] = useState("");

  useEffect(() => {
    biobank(null).session.getSignInOptions({}).then((found) => {
      setOptions(found);
      setOrganisation(found.organisations[0] ?? "");
    }, (error) => setRefusal(describe(error)));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setRefusal("");
    try {
      const issued = await biobank(null).session.issueDevelopmentToken({ subject: subject.trim(), organisation, roles: [role] });
      onSignedIn({
        token: issued.token, subject: subject.trim(), organisation: idOf(organisation), roles: [role],
        expires: (issued.expireTime ? timestampDate(issued.expireTime) : new Date()).toISOString(),
      });
    } catch (error) {
      setRefusal(describe(error));
    }
  };

  return (
    <section aria-labelledby="sign-in-title" class="narrow">
      <h1 id="sign-in-title">{t("signInTitle")}</h1>
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {!options && !refusal && <p>{t("loading")}</p>}
      {options && !options.developmentSignIn && <p>{t("providerSignIn", { authority: options.authority })}</p>}
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
