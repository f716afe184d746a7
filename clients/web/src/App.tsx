import { useEffect, useState } from "preact/hooks";
import { language, setLanguage, t } from "./i18n";
import { isManager, loadSession, saveSession, type Session } from "./session";
import { SignIn } from "./views/SignIn";
import { Today } from "./views/Today";
import { Calendar } from "./views/Calendar";
import { Kiosk } from "./views/Kiosk";
import { Samples } from "./views/Samples";
import { Approvals } from "./views/Approvals";
import { Manage } from "./views/Manage";

/**
 * The route is the hash (#/calendar/lsm-980/week/2026-12-03, with a reservation's id after it to move
 * that booking), so the server serves one page.
 */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return route;
}

/** The longest delay setTimeout keeps (about 25 days; development tokens last up to 30). */
const longestTimeout = 2 ** 31 - 1;

export function App() {
  const [session, setSession] = useState(loadSession);
  const [, setShownLanguage] = useState(language);
  const route = useRoute();

  // The page returns to sign-in when the token expires, as it does when opened with an expired one.
  useEffect(() => {
    if (!session) {
      return;
    }
    const timer = setTimeout(() => setSession(loadSession()), Math.min(new Date(session.expires).getTime() - Date.now(), longestTimeout));
    return () => clearTimeout(timer);
  }, [session]);

  const signIn = (next: Session | null) => {
    saveSession(next);
    setSession(next);
  };
  const switchLanguage = () => {
    const next = language === "en" ? "fr" : "en";
    setLanguage(next);
    setShownLanguage(next);
  };

  return (
    <>
      <header>
        <strong>{t("appName")}</strong>
        {session && (
          <nav aria-label={t("nav")}>
            <a href="#/today">{t("today")}</a>
            <a href="#/samples">{t("samples")}</a>
            {isManager(session) && <a href="#/approvals">{t("approvals")}</a>}
            {isManager(session) && <a href="#/manage">{t("manage")}</a>}
          </nav>
        )}
        <span class="spacer" />
        {session && <span>{t("signedInAs", { subject: session.subject, organisation: session.organisation })}</span>}
        <button type="button" lang={language === "en" ? "fr" : "en"} aria-label={t("languageLabel")} onClick={switchLanguage}>
          {t("language")}
        </button>
        {session && <button type="button" onClick={() => signIn(null)}>{t("signOut")}</button>}
      </header>
      <main key={language}>
        {session ? <Page session={session} route={route} /> : <SignIn onSignedIn={signIn} />}
      </main>
    </>
  );
}

function Page({ session, route }: { session: Session; route: string[] }) {
  const [page, id, view, day, moving] = route;
  switch (page) {
    case "calendar":
      return id ? <Calendar session={session} equipmentId={id} view={view === "week" ? "week" : "day"} day={day} moving={moving} /> : <Today session={session} />;
    case "kiosk":
      return id ? <Kiosk session={session} equipmentId={id} /> : <Today session={session} />;
    case "samples":
      return <Samples session={session} />;
    case "approvals":
      return <Approvals session={session} />;
    case "manage":
      return isManager(session) ? <Manage session={session} /> : <Today session={session} />;
    default:
      return <Today session={session} />;
  }
}
