import { useCallback, useEffect, useState } from "preact/hooks";
import { newRequestId, ReservationState, type Equipment, type Reservation } from "@biobank/client";
import { t, type Word } from "../i18n";
import { useReservationChanges } from "../live";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";
import { addDays, formatTime, fromInterval, localDayOf, toInterval, zonedInstant } from "../time";
import { LiveBadge } from "./Today";

const refreshMs = 60_000;
const shownStates = [ReservationState.PENDING_APPROVAL, ReservationState.CONFIRMED, ReservationState.CHECKED_IN];

/** A tablet beside the instrument: today's current and next bookings, check in and out with one tap, live. */
export function Kiosk({ session, equipmentId }: { session: Session; equipmentId: string }) {
  const client = biobank(session);
  const name = `equipment/${equipmentId}`;
  const [instrument, setInstrument] = useState<Equipment | null>(null);
  const [today, setToday] = useState<Reservation[]>([]);
  const [message, setMessage] = useState("");
  const [refusal, setRefusal] = useState("");
  const zone = instrument?.timeZone ?? "UTC";

  useEffect(() => {
    client.equipment.getEquipment({ name }).then(setInstrument, (error) => setRefusal(describe(error)));
  }, [name]);

  const load = useCallback(() => {
    if (!instrument) {
      return;
    }
    const day = localDayOf(new Date(), zone);
    client.reservations.listReservations({
      equipment: name, states: shownStates, pageSize: 200,
      window: toInterval({ start: zonedInstant(day, 0, 0, zone), end: zonedInstant(addDays(day, 1), 0, 0, zone) }),
    }).then((found) => setToday(found.reservations), (error) => setRefusal(describe(error, zone)));
  }, [instrument, session.token]);

  useEffect(load, [load]);
  // A tablet stays on all day: the next booking becomes the current one, and the day turns.
  useEffect(() => {
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [load]);
  const live = useReservationChanges(session, { equipment: name }, load);

  const act = async (reservation: Reservation, action: "checkIn" | "checkOut") => {
    setRefusal("");
    try {
      const request = { requestId: newRequestId(), name: reservation.name, etag: reservation.etag };
      const changed = action === "checkIn"
        ? await client.reservations.checkInReservation(request)
        : await client.reservations.checkOutReservation(request);
      setMessage(`${t(action)}: ${t(`state_${ReservationState[changed.state]}` as Word)}`);
      load();
    } catch (error) {
      setRefusal(describe(error, zone));
    }
  };

  const now = new Date();
  const current = today.find((r) => { const i = fromInterval(r.interval); return i.start <= now && now < i.end; })
    ?? today.find((r) => r.state === ReservationState.CHECKED_IN);
  const next = today.find((r) => r !== current && fromInterval(r.interval).start > now);

  const card = (reservation: Reservation) => {
    const { start, end } = fromInterval(reservation.interval);
    const values = { who: reservation.bookedBy || idOf(reservation.organisation), start: formatTime(start, zone), end: formatTime(end, zone) };
    const state = ReservationState[reservation.state];
    return (
      <div class="kiosk-card" data-reservation={reservation.name}>
        <p class="kiosk-time">{values.start}–{values.end}</p>
        <p>{values.who} · {idOf(reservation.organisation)} · <span class={`state state-${state}`}>{t(`state_${state}` as Word)}</span></p>
        {reservation.state === ReservationState.CONFIRMED && (
          <button type="button" class="big" aria-label={t("checkInOf", values)} onClick={() => act(reservation, "checkIn")}>{t("checkIn")}</button>
        )}
        {reservation.state === ReservationState.CHECKED_IN && (
          <button type="button" class="big" aria-label={t("checkOutOf", values)} onClick={() => act(reservation, "checkOut")}>{t("checkOut")}</button>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby="kiosk-title" class="kiosk">
      <h1 id="kiosk-title">{t("kioskTitle", { instrument: instrument?.displayName ?? idOf(name) })} <LiveBadge live={live} /></h1>
      <p class="muted">{t("timeZoneNote", { zone })}</p>
      {message && <p role="status" class="success">{message}</p>}
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      <h2>{t("now")}</h2>
      {current ? card(current) : <p>{t("nothingNow")}</p>}
      <h2>{t("upNext")}</h2>
      {next ? card(next) : <p>{t("nothingNext")}</p>}
    </section>
  );
}
