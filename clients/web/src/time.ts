// Times are shown in the instrument's site time zone, whatever the browser's: a day in Paris is
// midnight to midnight in Paris. Intl gives the zone's offset at an instant; nothing else is needed.
import { timestampDate, timestampFromDate, type TimeInterval } from "@biobank/client";
import { language } from "./i18n";

/** A calendar date in some time zone (month 1-12). */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

export const minute = 60_000;
export const hour = 60 * minute;

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    }).formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the zone's clocks show `day` at `hours`:`minutes`. */
export function zonedInstant(day: LocalDay, hours: number, minutes: number, zone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hours, minutes);
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone));
}

export function localDayOf(instant: Date, zone: string): LocalDay {
  const wall = new Date(instant.getTime() + offsetMs(instant.getTime(), zone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function addDays(day: LocalDay, days: number): LocalDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Monday of the week of `day`. */
export function weekStart(day: LocalDay): LocalDay {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export function dayKey(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

export function parseDayKey(key: string | undefined): LocalDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key ?? "");
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

const locale = (): string => (language === "fr" ? "fr-FR" : "en-GB");

export function formatTime(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

export function formatDay(day: LocalDay): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" })
    .format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}

/** A day and time in the zone, for instants that may fall on another day. */
export function formatMoment(instant: Date, zone: string): string {
  return `${formatDay(localDayOf(instant, zone))} ${formatTime(instant, zone)}`;
}

export interface Interval {
  start: Date;
  end: Date;
}

export function fromInterval(interval: TimeInterval | undefined): Interval {
  return {
    start: interval?.startTime ? timestampDate(interval.startTime) : new Date(0),
    end: interval?.endTime ? timestampDate(interval.endTime) : new Date(8.64e15),
  };
}

export function toInterval(interval: Interval): { startTime: ReturnType<typeof timestampFromDate>; endTime: ReturnType<typeof timestampFromDate> } {
  return { startTime: timestampFromDate(interval.start), endTime: timestampFromDate(interval.end) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}
