// WatchReservations as a hook: calls `onChange` for every change of an instrument's or an
// organisation's reservations (and once on each connection, to cover what came before it), and
// reconnects after a failure where it left off (resume_after).
import { useEffect, useRef, useState } from "preact/hooks";
import { biobank, type Session } from "./session";

const reconnectPauseMs = 2_000;

export function useReservationChanges(
  session: Session, filter: { equipment: string } | { organisation: string }, onChange: () => void,
): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = "equipment" in filter ? filter.equipment : filter.organisation;

  useEffect(() => {
    const stop = new AbortController();
    void (async () => {
      let resumeAfter = "";
      while (!stop.signal.aborted) {
        try {
          const changes = biobank(session).reservations.watchReservations({ ...filter, resumeAfter }, { signal: stop.signal });
          setConnected(true);
          latest.current();
          for await (const change of changes) {
            resumeAfter = change.position;
            latest.current();
          }
        } catch {
          // Ended or refused: try again after a pause, from the last change received.
        }
        setConnected(false);
        await new Promise((resolve) => setTimeout(resolve, reconnectPauseMs));
      }
    })();
    return () => stop.abort();
  }, [key, session.token]);

  return connected;
}
