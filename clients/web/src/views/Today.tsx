import { useCallback, useEffect, useState } from "preact/hooks";
import { newRequestId, ReservationState, type Equipment, type Reservation } from "@biobank/client";
import { t } from "../i18n";
import { useReservationChanges } from "../live";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";
import { dayKey, formatMoment, formatTime, fromInterval, hour, localDayOf, overlaps, toInterval } from "../time";

const activeStates = [ReservationState.PENDING_APPROVAL, ReservationState.CONFIRMED, ReservationState.CHECKED_IN];
const lookAheadMs = 14 * 24 * hour;

/** What a technician starts the day with: their bookings, live, and the instruments they may use. */
export function Today({ session }: { session: Session }) {
  const [bookings, setBookings] = useState<Reservation[] | null>(null);
  const [instruments, setInstruments] = useState<Equipment[]>([]);
  const [qualified, setQualified] = useState<Set<string>>(new Set());
  const [refusal, setRefusal] = useState("");
  const [message, setMessage] = useState("");
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const client = biobank(session);

  const loadBookings = useCallback(() => {
    const now = Date.now();
    client.reservations.listReservations({
      organisation: `organisations/${session.organisation}`, bookedBy: session.subject, states: activeStates,
      window: toInterval({ start: new Date(now - 12 * hour), end: new Date(now + lookAheadMs) }), pageSize: 200,
    }).then((found) => setBookings(found.reservations), (error) => setRefusal(describe(error)));
  }, [session.token]);

  useEffect(() => {
    Promise.all([
      client.equipment.listEquipment({ pageSize: 1000 }),
      client.equipment.listQualifications({ person: session.subject, pageSize: 1000 }),
    ]).then(([equipment, qualifications]) => {
      setInstruments(equipment.equipment);
      setQualified(new Set(equipment.equipment
        .filter((instrument) => qualifications.qualifications.some((q) =>
          q.equipment === instrument.name
          || (q.equipment === "" && q.equipmentKind === instrument.kind && q.grantingOrganisation === instrument.ownerOrganisation)))
        .map((instrument) => instrument.name)));
    }, (error) => setRefusal(describe(error)));
  }, [session.token]);

  const cancel = async (event: Event, booking: Reservation, zone: string) => {
    event.preventDefault();
    setRefusal("");
    try {
      await client.reservations.cancelReservation({ requestId: newRequestId(), name: booking.name, reason, etag: booking.etag });
      setMessage(t("cancelled"));
      setCancelling(null);
      setReason("");
      loadBookings();
    } catch (error) {
      setRefusal(describe(error, zone));
    }
  };

  const live = useReservationChanges(session, { organisation: `organisations/${session.organisation}` }, loadBookings);
  const byName = new Map(instruments.map((instrument) => [instrument.name, instrument]));
  const mine = instruments.filter((instrument) => qualified.has(instrument.name));
  const others = instruments.filter((instrument) => !qualified.has(instrument.name));

  return (
    <>
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {message && <p role="status" class="success">{message}</p>}
      <section aria-labelledby="bookings-title">
        <h1 id="bookings-title">{t("myBookings")} <LiveBadge live={live} /></h1>
        {bookings === null ? <p>{t("loading")}</p> : bookings.length === 0 ? <p>{t("noBookings")}</p> : (
          <ul class="bookings">
            {bookings.map((booking) => {
              const instrument = byName.get(booking.equipment);
              const zone = instrument?.timeZone ?? "UTC";
              const { start, end } = fromInterval(booking.interval);
              const what = { instrument: instrument?.displayName ?? idOf(booking.equipment), when: `${formatMoment(start, zone)}–${formatTime(end, zone)}` };
              return (
                <li data-reservation={booking.name}>
                  <span>{what.instrument}</span> <span>{what.when}</span>{" "}
                  <span class={`state state-${ReservationState[booking.state]}`}>{t(`state_${ReservationState[booking.state]}` as "state_CONFIRMED")}</span>{" "}
                  {booking.state !== ReservationState.CHECKED_IN && (
                    <a href={`#/calendar/${idOf(booking.equipment)}/day/${dayKey(localDayOf(start, zone))}/${idOf(booking.name)}`}
                      aria-label={t("moveBookingOf", what)}>
                      {t("moveBooking")}
                    </a>
                  )}{" "}
                  {booking.state !== ReservationState.CHECKED_IN && cancelling !== booking.name && (
                    <button type="button" aria-label={t("cancelBookingOf", what)} onClick={() => { setCancelling(booking.name); setReason(""); }}>
                      {t("cancelBooking")}
                    </button>
                  )}
                  {cancelling === booking.name && (
                    <form class="inline" onSubmit={(event) => cancel(event, booking, zone)}>
                      <label>{t("cancelReason")} <input required autoFocus value={reason} onInput={(event) => setReason(event.currentTarget.value)} /></label>
                      <button type="submit">{t("confirmCancel")}</button>
                      <button type="button" onClick={() => setCancelling(null)}>{t("keepBooking")}</button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="instruments-title">
        <h2 id="instruments-title">{t("myInstruments")}</h2>
        {mine.length === 0 ? <p>{t("noQualifiedInstruments")}</p> : (
          <ul class="instruments">{mine.map((instrument) => <InstrumentItem session={session} instrument={instrument} showFree />)}</ul>
        )}
      </section>
      {others.length > 0 && (
        <details>
          <summary>{t("otherInstruments")}</summary>
          <ul class="instruments">{others.map((instrument) => <InstrumentItem session={session} instrument={instrument} showFree={false} />)}</ul>
        </details>
      )}
    </>
  );
}

export function LiveBadge({ live }: { live: boolean }) {
  return <span class={live ? "badge live" : "badge"} role="status">{live ? t("live") : t("reconnecting")}</span>;
}

function InstrumentItem({ session, instrument, showFree }: { session: Session; instrument: Equipment; showFree: boolean }) {
  const [freeNow, setFreeNow] = useState("");
  const id = idOf(instrument.name);

  useEffect(() => {
    if (!showFree) {
      return;
    }
    const now = new Date();
    biobank(session).reservations.getAvailability({
      equipment: instrument.name, window: toInterval({ start: now, end: new Date(now.getTime() + 12 * hour) }),
    }).then((availability) => {
      const current = availability.busy.map((busy) => fromInterval(busy.interval)).find((busy) => overlaps(busy, { start: now, end: new Date(now.getTime() + 1) }));
      const nextBusy = availability.busy.map((busy) => fromInterval(busy.interval)).find((busy) => busy.start > now);
      setFreeNow(current ? t("busyUntil", { time: formatTime(current.end, instrument.timeZone) })
        : nextBusy ? t("freeNowUntil", { time: formatTime(nextBusy.start, instrument.timeZone) }) : t("freeNow"));
    }, () => setFreeNow(""));
  }, [instrument.name, showFree]);

  return (
    <li>
      <strong>{instrument.displayName}</strong> <span class="muted">{idOf(instrument.site)}</span> {freeNow && <span class="free-now">{freeNow}</span>}{" "}
      <a href={`#/calendar/${id}/day`} aria-label={`${t("calendar")}: ${instrument.displayName}`}>{t("calendar")}</a>{" "}
      <a href={`#/kiosk/${id}`} aria-label={`${t("kiosk")}: ${instrument.displayName}`}>{t("kiosk")}</a>
    </li>
  );
}
