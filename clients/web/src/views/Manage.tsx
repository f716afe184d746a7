import { useEffect, useState } from "preact/hooks";
import { newRequestId, timestampFromDate, type Equipment } from "@biobank/client";
import { t } from "../i18n";
import { describe } from "../refusals";
import { biobank, idOf, type Session } from "../session";
import { addDays, dayKey, formatDay, formatTime, fromInterval, localDayOf, parseDayKey, zonedInstant } from "../time";

/** "09:30" → [9, 30], or null. */
const parseTime = (text: string): [number, number] | null => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
};

/**
 * A facility manager's instruments: schedule a maintenance window (in the instrument site's time
 * zone) and grant a person a qualification for the instrument. Forms keep what was typed when refused.
 */
export function Manage({ session }: { session: Session }) {
  const client = biobank(session);
  const [instruments, setInstruments] = useState<Equipment[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState("");
  const [refusal, setRefusal] = useState("");
  const [maintenanceDay, setMaintenanceDay] = useState("");
  const [maintenanceFrom, setMaintenanceFrom] = useState("");
  const [maintenanceTo, setMaintenanceTo] = useState("");
  const [maintenanceReason, setMaintenanceReason] = useState("");
  const [cancelOverlapping, setCancelOverlapping] = useState(false);
  const [person, setPerson] = useState("");
  const [personOrganisation, setPersonOrganisation] = useState(`organisations/${session.organisation}`);
  const [until, setUntil] = useState("");
  const [organisations, setOrganisations] = useState<string[]>([`organisations/${session.organisation}`]);

  useEffect(() => {
    client.equipment.listEquipment({ organisation: `organisations/${session.organisation}`, pageSize: 1000 }).then(
      ({ equipment }) => {
        setInstruments(equipment);
        setChosen((current) => current || (equipment[0]?.name ?? ""));
      },
      (error) => setRefusal(describe(error)));
    client.directory.listOrganisations({}).then(
      (found) => setOrganisations(found.organisations.map((organisation) => organisation.name)),
      (error) => setRefusal(describe(error)));
  }, [session.token]);

  const instrument = instruments?.find((candidate) => candidate.name === chosen);
  const zone = instrument?.timeZone ?? "UTC";

  const scheduleMaintenance = async (event: Event) => {
    event.preventDefault();
    if (!instrument) {
      return;
    }
    setMessage("");
    setRefusal("");
    const day = parseDayKey(maintenanceDay);
    const from = parseTime(maintenanceFrom);
    const to = parseTime(maintenanceTo);
    if (!day || !from || !to) {
      setRefusal(t("maintenanceFormat"));
      return;
    }
    const start = zonedInstant(day, from[0], from[1], zone);
    const end = zonedInstant(day, to[0], to[1], zone);
    try {
      const scheduled = await client.equipment.scheduleMaintenance({
        requestId: newRequestId(), name: instrument.name, reason: maintenanceReason.trim(),
        interval: { startTime: timestampFromDate(start), endTime: timestampFromDate(end) },
        cancelOverlappingReservations: cancelOverlapping,
      });
      const overlapping = scheduled.overlappingReservations.length;
      setMessage(`${t("maintenanceScheduled", {
        instrument: instrument.displayName, day: formatDay(day), start: formatTime(start, zone), end: formatTime(end, zone),
      })}${overlapping === 0 ? "" : ` ${t(scheduled.overlappingReservationsCancelled ? "overlappingCancelled" : "overlappingKept", { count: overlapping })}`}`);
      setMaintenanceReason("");
      setInstruments((list) => list?.map((candidate) => candidate.name === instrument.name && scheduled.equipment ? scheduled.equipment : candidate) ?? null);
    } catch (error) {
      setRefusal(describe(error, zone));
    }
  };

  const grantQualification = async (event: Event) => {
    event.preventDefault();
    if (!instrument) {
      return;
    }
    setMessage("");
    setRefusal("");
    const lastDay = parseDayKey(until);
    if (!lastDay || !person.trim()) {
      setRefusal(t("qualificationFormat"));
      return;
    }
    try {
      await client.equipment.grantQualification({
        requestId: newRequestId(),
        qualification: {
          person: person.trim(), personOrganisation, equipment: instrument.name,
          // Qualified through the whole of the last day, in the site's time zone.
          expireTime: timestampFromDate(zonedInstant(addDays(lastDay, 1), 0, 0, zone)),
        },
      });
      setMessage(t("qualificationGranted", { person: person.trim(), organisation: idOf(personOrganisation), instrument: instrument.displayName, day: formatDay(lastDay) }));
      setPerson("");
    } catch (error) {
      setRefusal(describe(error, zone));
    }
  };

  return (
    <section aria-labelledby="manage-title">
      <h1 id="manage-title">{t("manageTitle")}</h1>
      {message && <p role="status" class="success">{message}</p>}
      {refusal && <p role="alert" class="refusal">{refusal}</p>}
      {instruments === null ? <p>{t("loading")}</p> : instruments.length === 0 ? <p>{t("noInstruments")}</p> : (
        <>
          <label>
            {t("instrument")}
            <select value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
              {instruments.map((candidate) => <option value={candidate.name}>{candidate.displayName}</option>)}
            </select>
          </label>
          {instrument && (
            <p class="muted">
              {t("timeZoneNote", { zone })}{" "}
              <a href={`#/calendar/${idOf(instrument.name)}/week`}>{t("calendarOf", { instrument: instrument.displayName })}</a>
            </p>
          )}
          {instrument && instrument.maintenanceWindows.length > 0 && (
            <ul aria-label={t("maintenanceWindows")}>
              {instrument.maintenanceWindows.map((window) => {
                const { start, end } = fromInterval(window.interval);
                return <li>{formatDay(localDayOf(start, zone))} {formatTime(start, zone)}–{formatTime(end, zone)}: {window.reason}</li>;
              })}
            </ul>
          )}
          <form class="booking" aria-labelledby="maintenance-title" onSubmit={scheduleMaintenance}>
            <h2 id="maintenance-title">{t("scheduleMaintenance")}</h2>
            <label>
              {t("maintenanceDay")}
              <input type="date" required min={dayKey(localDayOf(new Date(), zone))} value={maintenanceDay} onInput={(event) => setMaintenanceDay(event.currentTarget.value)} />
            </label>
            <label>
              {t("maintenanceFrom")}
              <input type="time" required value={maintenanceFrom} onInput={(event) => setMaintenanceFrom(event.currentTarget.value)} />
            </label>
            <label>
              {t("maintenanceTo")}
              <input type="time" required value={maintenanceTo} onInput={(event) => setMaintenanceTo(event.currentTarget.value)} />
            </label>
            <label>
              {t("maintenanceReason")}
              <input required maxLength={500} value={maintenanceReason} onInput={(event) => setMaintenanceReason(event.currentTarget.value)} />
            </label>
            <label>
              <input type="checkbox" checked={cancelOverlapping} onChange={(event) => setCancelOverlapping(event.currentTarget.checked)} />
              {t("cancelOverlapping")}
            </label>
            <button type="submit">{t("scheduleMaintenance")}</button>
          </form>
          <form class="booking" aria-labelledby="qualification-title" onSubmit={grantQualification}>
            <h2 id="qualification-title">{t("grantQualification")}</h2>
            <label>
              {t("qualifiedPerson")}
              <input required autocomplete="off" value={person} onInput={(event) => setPerson(event.currentTarget.value)} />
            </label>
            <label>
              {t("organisation")}
              <select value={personOrganisation} onChange={(event) => setPersonOrganisation(event.currentTarget.value)}>
                {organisations.map((name) => <option value={name}>{idOf(name)}</option>)}
              </select>
            </label>
            <label>
              {t("qualifiedUntil")}
              <input type="date" required value={until} onInput={(event) => setUntil(event.currentTarget.value)} />
            </label>
            <button type="submit">{t("grantQualification")}</button>
          </form>
        </>
      )}
    </section>
  );
}
