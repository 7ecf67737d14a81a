/** A weekday as schedules name it. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` local time; `to` may be `24:00`, the end of the day. */
export interface Interval {
  from: string;
  to: string;
}

/** An operator's working hours in their time zone: weekly intervals, and dates that differ from them. */
export interface WorkingHours {
  time_zone: string;
  weekly: (Interval & { day: Weekday })[];
  /** A date's exceptions replace its weekly intervals: `off` for a day off, else that date's intervals. */
  exceptions: ({ date: string; off: true } | (Interval & { date: string }))[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for an IANA time zone name this runtime knows (`Europe/Moscow`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `timeZone` at an instant: its date, weekday and minute of the day. */
export function localTime(at: Date, timeZone: string): { date: string; day: Weekday; minute: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: String(parts.weekday).slice(0, 3).toLowerCase() as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Minutes since midnight of `HH:MM` (`24:00` is 1440). */
export const minuteOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether an instant falls within working hours: the local time in the schedule's zone is within one
 * of the day's intervals (`from` included, `to` excluded). Read on the local wall clock, so a shift
 * keeps its hours across daylight saving changes: on the night clocks jump forward the missing hour
 * simply never comes, and on the night they fall back the repeated hour counts twice.
 */
export function isWithinHours(hours: WorkingHours, at: Date): boolean {
  const { date, day, minute } = localTime(at, hours.time_zone);
  const exceptions = hours.exceptions.filter((exception) => exception.date === date);
  const intervals: Interval[] =
    exceptions.length > 0
      ? exceptions.flatMap((exception) => ('off' in exception ? [] : [exception]))
      : hours.weekly.filter((interval) => interval.day === day);
  return intervals.some((interval) => minuteOfDay(interval.from) <= minute && minute < minuteOfDay(interval.to));
}
