import { describe, expect, it } from 'vitest';
import { presenceTimedOut, unavailability } from '../../../lib/availability/presence';
import { isTimeZone, isWithinHours, type WorkingHours } from '../../../lib/availability/schedule';
import { WorkingHours as WorkingHoursSchema } from '../../../lib/schemas/schedules';

const at = (iso: string) => new Date(iso);
const hours = (weekly: WorkingHours['weekly'], exceptions: WorkingHours['exceptions'] = [], time_zone = 'Europe/Moscow'): WorkingHours => ({
  time_zone,
  weekly,
  exceptions,
});

describe('working hours', () => {
  // 2026-12-07 is a Monday; Moscow is UTC+3 all year.
  const office = hours([{ day: 'mon', from: '09:00', to: '18:00' }]);

  it('include from and exclude to, on the local clock of their zone', () => {
    expect(isWithinHours(office, at('2026-12-07T05:59:59Z'))).toBe(false); // 08:59:59 in Moscow
    expect(isWithinHours(office, at('2026-12-07T06:00:00Z'))).toBe(true); // 09:00
    expect(isWithinHours(office, at('2026-12-07T14:59:59Z'))).toBe(true); // 17:59:59
    expect(isWithinHours(office, at('2026-12-07T15:00:00Z'))).toBe(false); // 18:00
    expect(isWithinHours(office, at('2026-12-08T07:00:00Z'))).toBe(false); // a Tuesday
  });

  it('take the weekday in the zone, not in UTC, around midnight', () => {
    const lateMonday = hours([{ day: 'mon', from: '00:00', to: '02:00' }]);
    // 21:30 UTC on Sunday is 00:30 on Monday in Moscow.
    expect(isWithinHours(lateMonday, at('2026-12-06T21:30:00Z'))).toBe(true);
    expect(isWithinHours(lateMonday, at('2026-12-07T21:30:00Z'))).toBe(false);
  });

  it('run to the end of the day with 24:00, and a night shift is two intervals', () => {
    const night = hours([
      { day: 'mon', from: '22:00', to: '24:00' },
      { day: 'tue', from: '00:00', to: '06:00' },
    ]);
    expect(isWithinHours(night, at('2026-12-07T20:59:59Z'))).toBe(true); // Mon 23:59:59
    expect(isWithinHours(night, at('2026-12-07T21:00:00Z'))).toBe(true); // Tue 00:00
    expect(isWithinHours(night, at('2026-12-08T02:59:00Z'))).toBe(true); // Tue 05:59
    expect(isWithinHours(night, at('2026-12-08T03:00:00Z'))).toBe(false); // Tue 06:00
  });

  it('allow split shifts', () => {
    const split = hours([
      { day: 'mon', from: '09:00', to: '13:00' },
      { day: 'mon', from: '14:00', to: '18:00' },
    ]);
    expect(isWithinHours(split, at('2026-12-07T09:30:00Z'))).toBe(true); // 12:30
    expect(isWithinHours(split, at('2026-12-07T10:30:00Z'))).toBe(false); // 13:30, lunch
    expect(isWithinHours(split, at('2026-12-07T11:30:00Z'))).toBe(true); // 14:30
  });

  it('let a date off or with other hours replace the weekly ones', () => {
    const withExceptions = hours(
      [{ day: 'mon', from: '09:00', to: '18:00' }],
      [
        { date: '2026-12-07', off: true },
        { date: '2026-12-14', from: '10:00', to: '14:00' },
        { date: '2026-12-19', from: '10:00', to: '12:00' },
      ],
    );
    expect(isWithinHours(withExceptions, at('2026-12-07T08:00:00Z'))).toBe(false); // a Monday off
    expect(isWithinHours(withExceptions, at('2026-12-14T06:30:00Z'))).toBe(false); // 09:30, starts at 10 that day
    expect(isWithinHours(withExceptions, at('2026-12-14T08:00:00Z'))).toBe(true); // 11:00
    expect(isWithinHours(withExceptions, at('2026-12-14T11:30:00Z'))).toBe(false); // 14:30
    expect(isWithinHours(withExceptions, at('2026-12-19T08:00:00Z'))).toBe(true); // a Saturday worked
    expect(isWithinHours(withExceptions, at('2026-12-21T08:00:00Z'))).toBe(true); // the next Monday as usual
  });

  it('follow daylight saving changes: the hour clocks skip never comes, the hour they repeat counts twice', () => {
    // Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST; 2026-10-25 03:00 CEST falls back to 02:00 CET.
    const spring = hours([{ day: 'sun', from: '01:00', to: '03:00' }], [], 'Europe/Berlin');
    expect(isWithinHours(spring, at('2026-03-29T00:30:00Z'))).toBe(true); // 01:30 CET
    expect(isWithinHours(spring, at('2026-03-29T01:00:00Z'))).toBe(false); // 03:00 CEST: the shift's second hour never existed
    const autumn = hours([{ day: 'sun', from: '02:00', to: '03:00' }], [], 'Europe/Berlin');
    expect(isWithinHours(autumn, at('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
    expect(isWithinHours(autumn, at('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET, the same wall clock again
    expect(isWithinHours(autumn, at('2026-10-25T02:00:00Z'))).toBe(false); // 03:00 CET
    // A 09:00-18:00 shift is 09:00-18:00 local on either side of the change, whatever UTC says.
    const office = hours([{ day: 'mon', from: '09:00', to: '18:00' }], [], 'Europe/Berlin');
    expect(isWithinHours(office, at('2026-03-23T08:00:00Z'))).toBe(true); // 09:00 CET
    expect(isWithinHours(office, at('2026-03-30T07:00:00Z'))).toBe(true); // 09:00 CEST
    expect(isWithinHours(office, at('2026-03-30T06:59:59Z'))).toBe(false); // 08:59:59 CEST
  });

  it('know IANA zones and nothing else', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('the schedule body', () => {
  const issues = (body: unknown) => {
    const result = WorkingHoursSchema.safeParse(body);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('accepts the documented example, with exceptions optional', () => {
    expect(issues({ time_zone: 'Europe/Moscow', weekly: [{ day: 'mon', from: '09:00', to: '18:00' }] })).toEqual([]);
    expect(WorkingHoursSchema.parse({ time_zone: 'UTC', weekly: [] }).exceptions).toEqual([]);
  });

  it('names the field of a bad zone, day, time, date or an interval that ends before it starts', () => {
    expect(issues({ time_zone: 'Moscow', weekly: [] })).toEqual(['time_zone']);
    expect(issues({ time_zone: 'UTC', weekly: [{ day: 'monday', from: '09:00', to: '18:00' }] })).toEqual(['weekly.0.day']);
    expect(issues({ time_zone: 'UTC', weekly: [{ day: 'mon', from: '9:00', to: '18:00' }] })).toEqual(['weekly.0.from']);
    expect(issues({ time_zone: 'UTC', weekly: [{ day: 'mon', from: '24:00', to: '23:00' }] })).toEqual(['weekly.0.from']);
    expect(issues({ time_zone: 'UTC', weekly: [{ day: 'mon', from: '18:00', to: '09:00' }] })).toEqual(['weekly.0.to']);
    expect(issues({ time_zone: 'UTC', weekly: [{ day: 'mon', from: '09:00', to: '09:00' }] })).toEqual(['weekly.0.to']);
    expect(issues({ time_zone: 'UTC', weekly: [], exceptions: [{ date: '2026-02-30', off: true }] })).toEqual(['exceptions.0.date']);
    expect(
      issues({
        time_zone: 'UTC',
        weekly: [],
        exceptions: [
          { date: '2026-12-31', off: true },
          { date: '2026-12-31', from: '10:00', to: '12:00' },
        ],
      }),
    ).toEqual(['exceptions.1.date']);
  });
});

describe('presence', () => {
  const now = at('2026-12-01T10:00:00Z');
  const operator = { isActive: true, currentLoad: 0, maxLoad: 5 };

  it('counts an operator as away once their heartbeat is older than their timeout, and never without one', () => {
    expect(presenceTimedOut({ presenceTimeoutS: 30, lastHeartbeatAt: '2026-12-01T09:59:30.000Z' }, now)).toBe(false);
    expect(presenceTimedOut({ presenceTimeoutS: 30, lastHeartbeatAt: '2026-12-01T09:59:29.999Z' }, now)).toBe(true);
    expect(presenceTimedOut({ presenceTimeoutS: 30, lastHeartbeatAt: null }, now)).toBe(true);
    expect(presenceTimedOut({ presenceTimeoutS: null, lastHeartbeatAt: null }, now)).toBe(false);
  });

  it('says the first reason an operator cannot take work', () => {
    expect(unavailability(operator, now)).toBeUndefined();
    expect(unavailability({ ...operator, isActive: false, presence: 'away' }, now)).toBe('inactive');
    expect(unavailability({ ...operator, presence: 'offline' }, now)).toBe('offline');
    expect(unavailability({ ...operator, presenceTimeoutS: 10 }, now)).toBe('presence_timed_out');
    expect(unavailability({ ...operator, workingHours: hours([], [], 'UTC'), currentLoad: 5 }, now)).toBe('out_of_hours');
    expect(unavailability({ ...operator, currentLoad: 5 }, now)).toBe('full');
  });
});
