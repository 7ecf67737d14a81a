import * as z from 'zod';
import { isTimeZone, minuteOfDay, WEEKDAYS } from '../availability/schedule';

const From = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM from 00:00 to 23:59');
const To = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM from 00:01 to 24:00');
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/, 'a date YYYY-MM-DD')
  .refine((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'not a date of the calendar');

/** An interval within one day: `from` before `to` (a shift past midnight is written as two). */
// Only compared when both are valid times: a malformed one has its own error already.
const fromBeforeTo = (value: { from: string; to: string }) =>
  !From.safeParse(value.from).success || !To.safeParse(value.to).success || minuteOfDay(value.from) < minuteOfDay(value.to);
const toAfterFrom = { message: 'must be later than from', path: ['to'] };
const WeeklyInterval = z.object({ day: z.enum(WEEKDAYS), from: From, to: To }).refine(fromBeforeTo, toAfterFrom);
const DateInterval = z.object({ date: CalendarDate, from: From, to: To }).refine(fromBeforeTo, toAfterFrom);

/** Body of `PUT /operators/{operator_id}/schedule`, and what `GET` answers. */
export const WorkingHours = z
  .object({
    time_zone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone, e.g. Europe/Moscow'),
    weekly: z.array(WeeklyInterval).max(100),
    exceptions: z
      .array(z.union([z.object({ date: CalendarDate, off: z.literal(true) }), DateInterval]))
      .max(400)
      .default([]),
  })
  .superRefine((hours, context) => {
    // A day off and working intervals on the same date contradict each other.
    const offDays = new Set(hours.exceptions.flatMap((exception) => ('off' in exception ? [exception.date] : [])));
    hours.exceptions.forEach((exception, i) => {
      if (!('off' in exception) && offDays.has(exception.date)) {
        context.addIssue({ code: 'custom', message: 'the date is also marked off', path: ['exceptions', i, 'date'] });
      }
    });
  });
export type WorkingHours = z.infer<typeof WorkingHours>;
