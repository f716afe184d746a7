import { useEffect, useRef, useState } from "preact/hooks";
import {
  BiobankError, BusyKind, newRequestId, RecurrenceFrequency, ReservationState, SeriesConflictMode,
  type BusyInterval, type Equipment, type Reservation, type SkippedOccurrence,
} from "@biobank/client";
import { t, type Word } from "../i18n";
import { describe, describeReason } from "../refusals";
import { biobank, idOf, type Session } from "../session";
import {
  addDays, dayKey, formatDay, formatTime, fromInterval, hour, localDayOf, minute, overlaps, parseDayKey,
  toInterval, weekStart, zonedInstant, type Interval, type LocalDay,
} from "../time";

// The hours a bench day shows, in the site's time zone.
const firstHour = 7;
const lastHour = 21;
const lengths = [30, 60, 90, 120, 180, 240];
const nearestSearchMs = 3.5 * 24 * hour;
const startStepMs = 5 * minute;

const busyWords: Record<BusyKind, Word> = {
  [BusyKind.UNSPECIFIED]: "busyReservation",
  [BusyKind.RESERVATION]: "busyReservation",
  [BusyKind.MAINTENANCE]: "busyMaintenance",
  [BusyKind.OUT_OF_SERVICE]: "busyOutOfService",
  [BusyKind.BUFFER]: "busyBuffer",
  [BusyKind.LOAN]: "busyLoan",
};

/**
 * An instrument's calendar by day or week in its site's time zone: busy intervals with the
 * organisation that holds them, free hours as buttons. A free hour and then "Confirm" books it; a
 * refusal says why and, for a taken slot, offers the nearest free slot of the same length. With
 * `moving` (a reservation's id), the chosen slot reschedules that booking instead.
 */
export function Calendar({ session, equipmentId, view, day, moving }: {
  session: Session; equipmentId: string; view: "day" | "week"; day: string | undefined; moving: string | undefined;
}) {
  const client = biobank(session);
  const name = `equipment/${equipmentId}`;
  const [instrument, setInstrument] = useState<Equipment | null>(null);
  const [booking, setBooking] = useState<Reservation | null>(null);
  const [busy, setBusy] = useState<BusyInterval[]>([]);
  const [selected, setSelected] = useState<Interval | null>(null);
  const [length, setLength] = useState(60);
  const [purpose, setPurpose] = useState(t("defaultPurpose"));
  const [message, setMessage] = useState("");
  const [refusal, setRefusal] = useState("");
  const [nearest, setNearest] = useState<Interval | null | undefined>(undefined);
  // A booking may repeat every day or every week, a number of times; occurrences that cannot be
  // booked are skipped and listed with the reason.
  const [repeat, setRepeat] = useState<"none" | "daily" | "weekly">("none");
  const [occurrences, setOccurrences] = useState("4");
  const [skipped, setSkipped] = useState<SkippedOccurrence[]>([]);
  const requestId = useRef(newRequestId());
  const confirm = useRef<HTMLButtonElement>(null);

  const zone = instrument?.timeZone ?? "UTC";
  const shown: LocalDay = parseDayKey(day) ?? localDayOf(new Date(), zone);
  const days = view === "week" ? Array.from({ length: 7 }, (_, i) => addDays(weekStart(shown), i)) : [shown];
  const window: Interval = { start: zonedInstant(days[0]!, 0, 0, zone), end: zonedInstant(addDays(days[days.length - 1]!, 1), 0, 0, zone) };

  const loadAvailability = () =>
    client.reservations.getAvailability({ equipment: name, window: toInterval(window) })
      .then((availability) => setBusy(availability.busy), (error) => setRefusal(describe(error, zone)));

  useEffect(() => {
    client.equipment.getEquipment({ name }).then(setInstrument, (error) => setRefusal(describe(error)));
  }, [name]);
  useEffect(() => {
    setBooking(null);
    if (moving) {
      client.reservations.getReservation({ name: `reservations/${moving}` }).then(setBooking, (error) => setRefusal(describe(error)));
    }
  }, [moving]);
  useEffect(() => {
    if (instrument) {
      void loadAvailability();
    }
  }, [instrument, view, dayKey(shown)]);

  const choose = (slot: Interval) => {
    setSelected(slot);
    // A booking being moved keeps its length.
    const span = booking ? fromInterval(booking.interval) : slot;
    setLength((span.end.getTime() - span.start.getTime()) / minute);
    setRefusal("");
    setNearest(undefined);
    requestId.current = newRequestId();
    setTimeout(() => confirm.current?.focus());
  };

  const book = async (event: Event) => {
    event.preventDefault();
    if (!selected) {
      return;
    }
    const slot = { start: selected.start, end: new Date(selected.start.getTime() + length * minute) };
    setSkipped([]);
    if (!booking && repeat !== "none") {
      await bookSeries(slot);
      return;
    }
    try {
      const reservation = booking
        ? await client.reservations.rescheduleReservation({
          requestId: requestId.current, name: booking.name, interval: toInterval(slot), etag: booking.etag,
        })
        : await client.reservations.createReservation({
          requestId: requestId.current, reservation: { equipment: name, interval: toInterval(slot), purpose },
        });
      if (booking) {
        location.hash = link(localDayOf(slot.start, zone), view);
      }
      setMessage(t(booking ? "moved_booking" : "booked", {
        start: formatTime(slot.start, zone), end: formatTime(slot.end, zone),
        state: t(`state_${ReservationState[reservation.state]}` as Word),
      }));
      await bookingSettled();
    } catch (error) {
      setMessage("");
      setRefusal(describe(error, zone));
      if (BiobankError.from(error).reason === "SLOT_UNAVAILABLE") {
        setNearest(await nearestFreeSlot(slot));
        await loadAvailability();
      }
    }
  };

  /** A booking went through: the chosen slot, the refusal and the offered slot are done with, and the calendar shows it. */
  const bookingSettled = async () => {
    setSelected(null);
    setRefusal("");
    setNearest(undefined);
    await loadAvailability();
  };

  const bookSeries = async (slot: Interval) => {
    const count = Number(occurrences.trim());
    if (!Number.isInteger(count) || count < 2 || count > 366) {
      setMessage("");
      setRefusal(t("occurrencesFormat"));
      return;
    }
    try {
      const series = await client.reservations.createReservationSeries({
        requestId: requestId.current,
        firstOccurrence: { equipment: name, interval: toInterval(slot), purpose },
        recurrence: { frequency: repeat === "daily" ? RecurrenceFrequency.DAILY : RecurrenceFrequency.WEEKLY, count },
        conflictMode: SeriesConflictMode.SKIP_CONFLICTS,
      });
      setMessage(t("seriesBooked", {
        booked: series.reservations.length, count, start: formatTime(slot.start, zone), end: formatTime(slot.end, zone),
        repeat: t(repeat === "daily" ? "everyDay" : "everyWeek"),
      }));
      setSkipped(series.skipped);
      await bookingSettled();
    } catch (error) {
      setMessage("");
      setRefusal(describe(error, zone));
    }
  };

  const nearestFreeSlot = async (wanted: Interval): Promise<Interval | null> => {
    const now = Date.now();
    const availability = await client.reservations.getAvailability({
      equipment: name,
      window: toInterval({ start: new Date(Math.max(now, wanted.start.getTime() - nearestSearchMs)), end: new Date(wanted.start.getTime() + nearestSearchMs) }),
    });
    return nearestFree(availability.free.map(fromInterval), wanted, now);
  };

  const link = (to: LocalDay, as: "day" | "week") => `#/calendar/${equipmentId}/${as}/${dayKey(to)}`;
  const step = view === "week" ? 7 : 1;
  const now = new Date();
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">{instrument?.displayName ?? idOf(name)} — {t("calendar")}</h1>
      <p class="muted">{t("timeZoneNote", { zone })}</p>
      <nav class="calendar-nav" aria-label={t("calendar")}>
        <a href={link(addDays(shown, -step), view)}>{t("previous")}</a>
        <a href={link(shown, "day")} aria-current={view === "day" ? "page" : undefined}>{t("day")}</a>
        <a href={link(shown, "week")} aria-current={view === "week" ? "page" : undefined}>{t("week")}</a>
        <a href={link(addDays(shown, step), view)}>{t("next")}</a>
      </nav>
      {booking && (
        <p class="note">{t("movingBooking", {
          when: `${formatDay(localDayOf(fromInterval(booking.interval).start, zone))} ${formatTime(fromInterval(booking.interval).start, zone)}–${formatTime(fromInterval(booking.interval).end, zone)}`,
        })}</p>
      )}
      {message && (
        <div role="status" class="success">
          <p>{message}</p>
          {skipped.length > 0 && (
            <>
              <p>{t("skippedOccurrences")}</p>
              <ul aria-label={t("skippedOccurrences")}>
                {skipped.map((occurrence) => {
                  const when = fromInterval(occurrence.interval);
                  return (
                    <li>{t("skippedOccurrence", {
                      day: formatDay(localDayOf(when.start, zone)), start: formatTime(when.start, zone), end: formatTime(when.end, zone),
                      why: describeReason(occurrence.reason, occurrence.description),
                    })}</li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
      {refusal && (
        <div role="alert" class="refusal">
          <p>{refusal}</p>
          {nearest === null && <p>{t("noNearestFree")}</p>}
          {nearest && (
            <p>
              {t("nearestFree", { day: formatDay(localDayOf(nearest.start, zone)), start: formatTime(nearest.start, zone), end: formatTime(nearest.end, zone) })}{" "}
              <button type="button" onClick={() => choose(nearest)}>
                {t("takeNearest", { start: formatTime(nearest.start, zone), end: formatTime(nearest.end, zone) })}
              </button>
            </p>
          )}
        </div>
      )}
      {selected && (
        <form class="booking" onSubmit={book} aria-label={t("confirmBooking")}>
          <p>{t("bookingOf", {
            instrument: instrument?.displayName ?? "", day: formatDay(localDayOf(selected.start, zone)),
            start: formatTime(selected.start, zone), end: formatTime(new Date(selected.start.getTime() + length * minute), zone),
          })}</p>
          <label>
            {t("length")}
            <select value={length} onChange={(event) => setLength(Number(event.currentTarget.value))}>
              {[...new Set([...lengths, length])].sort((a, b) => a - b).map((minutes) => <option value={minutes}>{minutes} min</option>)}
            </select>
          </label>
          {!booking && (
            <label>
              {t("purpose")}
              <input value={purpose} required onInput={(event) => setPurpose(event.currentTarget.value)} />
            </label>
          )}
          {!booking && (
            <label>
              {t("repeat")}
              <select value={repeat} onChange={(event) => setRepeat(event.currentTarget.value as "none" | "daily" | "weekly")}>
                <option value="none">{t("noRepeat")}</option>
                <option value="daily">{t("everyDay")}</option>
                <option value="weekly">{t("everyWeek")}</option>
              </select>
            </label>
          )}
          {!booking && repeat !== "none" && (
            <label>
              {t("occurrences")}
              <input type="number" min={2} max={366} value={occurrences} required onInput={(event) => setOccurrences(event.currentTarget.value)} />
            </label>
          )}
          <button type="submit" ref={confirm}>{t(booking ? "confirmMove" : "confirmBooking")}</button>
          <button type="button" onClick={() => setSelected(null)}>{t("cancel")}</button>
        </form>
      )}
      <table class={`calendar ${view}`}>
        <thead>
          <tr><th scope="col"><span class="visually-hidden">{t("timeZoneNote", { zone })}</span></th>{days.map((d) => <th scope="col">{formatDay(d)}</th>)}</tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr>
              <th scope="row">{String(h).padStart(2, "0")}:00</th>
              {days.map((d) => {
                const slot = { start: zonedInstant(d, h, 0, zone), end: zonedInstant(d, h + 1, 0, zone) };
                const taken = busy.find((interval) => overlaps(fromInterval(interval.interval), slot));
                if (taken) {
                  const label = t(busyWords[taken.kind], { organisation: idOf(taken.organisation) || "?" });
                  return <td class={`busy busy-${BusyKind[taken.kind]}`} title={label}>{label}</td>;
                }
                if (slot.start < now) {
                  return <td class="past"><span class="visually-hidden">{t("past")}</span></td>;
                }
                const isSelected = selected?.start.getTime() === slot.start.getTime();
                return (
                  <td class="free">
                    <button type="button" aria-pressed={isSelected} onClick={() => choose(slot)}
                      aria-label={t("bookSlot", { day: formatDay(d), start: formatTime(slot.start, zone), end: formatTime(slot.end, zone) })}>
                      {t("free")}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The free slot of `wanted`'s length starting nearest to it, not before `notBefore`. */
function nearestFree(free: Interval[], wanted: Interval, notBefore: number): Interval | null {
  const length = wanted.end.getTime() - wanted.start.getTime();
  let best: Interval | null = null;
  let bestDistance = Infinity;
  for (const interval of free) {
    const earliest = Math.ceil(Math.max(interval.start.getTime(), notBefore) / startStepMs) * startStepMs;
    const latest = interval.end.getTime() - length;
    if (latest < earliest) {
      continue;
    }
    const start = Math.min(Math.max(wanted.start.getTime(), earliest), latest);
    const distance = Math.abs(start - wanted.start.getTime());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { start: new Date(start), end: new Date(start + length) };
    }
  }
  return best;
}
