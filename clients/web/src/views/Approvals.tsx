import { useCallback, useState } from "preact/hooks";
import { newRequestId, ReservationState, type Equipment, type Reservation } from "@biobank/client";
import { t } from "../i18n";
import { useReservationChanges } from "../live";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";
import { formatDay, formatTime, fromInterval, localDayOf } from "../time";
import { LiveBadge } from "./Today";

interface Pending {
  reservation: Reservation;
  instrument: Equipment;
}

/** A facility manager's queue: bookings of other organisations on their instruments, live. */
export function Approvals({ session }: { session: Session }) {
  const client = biobank(session);
  const organisation = `organisations/${session.organisation}`;
  const [pending, setPending] = useState<Pending[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [refusal, setRefusal] = useState("");

  const load = useCallback(async () => {
    try {
      const { equipment } = await client.equipment.listEquipment({ organisation, pageSize: 1000 });
      const lists = await Promise.all(equipment.map(async (instrument) => {
        const found = await client.reservations.listReservations({
          equipment: instrument.name, states: [ReservationState.PENDING_APPROVAL], pageSize: 1000,
        });
        return found.reservations.map((reservation) => ({ reservation, instrument }));
      }));
      setPending(lists.flat().sort((a, b) =>
        fromInterval(a.reservation.interval).start.getTime() - fromInterval(b.reservation.interval).start.getTime()));
    } catch (error) {
      setRefusal(describe(error));
    }
  }, [session.token]);

  const live = useReservationChanges(session, { organisation }, () => void load());

  const decide = async ({ reservation, instrument }: Pending, approve: boolean) => {
    setRefusal("");
    setMessage("");
    try {
      if (approve) {
        await client.reservations.approveReservation({ requestId: newRequestId(), name: reservation.name, etag: reservation.etag });
      } else {
        await client.reservations.rejectReservation({
          requestId: newRequestId(), name: reservation.name, etag: reservation.etag, reason: reasons[reservation.name] ?? "",
        });
      }
      setMessage(t(approve ? "approved" : "rejected"));
      await load();
    } catch (error) {
      setRefusal(describe(error, instrument.timeZone));
    }
  };

  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t("approvalsTitle")} <LiveBadge live={live} /></h1>
      {message && <p role="status" class="success">{message}</p>}
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {pending === null ? <p>{t("loading")}</p> : pending.length === 0 ? <p>{t("noApprovals")}</p> : (
        <ul class="approvals">
          {pending.map((item) => {
            const { reservation, instrument } = item;
            const { start, end } = fromInterval(reservation.interval);
            const zone = instrument.timeZone;
            const values = {
              who: reservation.bookedBy, organisation: idOf(reservation.organisation), instrument: instrument.displayName,
              day: formatDay(localDayOf(start, zone)), start: formatTime(start, zone), end: formatTime(end, zone),
            };
            return (
              <li data-reservation={reservation.name}>
                <p><strong>{values.instrument}</strong> · {values.day} {values.start}–{values.end} · {values.who} ({values.organisation}) · {reservation.purpose}</p>
                <button type="button" aria-label={t("approveBooking", values)} onClick={() => decide(item, true)}>{t("approve")}</button>
                <label>
                  {t("rejectReason")}
                  <input value={reasons[reservation.name] ?? ""}
                    onInput={(event) => setReasons({ ...reasons, [reservation.name]: event.currentTarget.value })} />
                </label>
                <button type="button" aria-label={t("rejectBooking", values)} onClick={() => decide(item, false)}>{t("reject")}</button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
