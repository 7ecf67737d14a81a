import { describe, expect, it } from 'vitest';
import { quotaCharge, quotaPeriod, quotaReached } from '../../../lib/availability/quota';

const moscowDay = { max: 40, per: 'day', time_zone: 'Europe/Moscow' } as const;

describe('quota periods', () => {
  it('are calendar days of the quota’s time zone: Moscow’s day turns at 21:00 UTC', () => {
    expect(quotaPeriod(moscowDay, new Date('2026-12-02T20:59:59Z'))).toBe('day:2026-12-02');
    expect(quotaPeriod(moscowDay, new Date('2026-12-02T21:00:00Z'))).toBe('day:2026-12-03');
  });

  it('are weeks from Monday, named by their Monday, also across a month and a year', () => {
    const week = { ...moscowDay, per: 'week' } as const;
    // Sunday 2026-12-06 23:59 in Moscow is still the week of Monday 2026-11-30.
    expect(quotaPeriod(week, new Date('2026-12-06T20:59:00Z'))).toBe('week:2026-11-30');
    expect(quotaPeriod(week, new Date('2026-12-06T21:00:00Z'))).toBe('week:2026-12-07');
    expect(quotaPeriod(week, new Date('2027-01-01T12:00:00Z'))).toBe('week:2026-12-28');
  });

  it('are calendar months, and keep to the wall clock across a daylight saving change', () => {
    const berlinMonth = { max: 100, per: 'month', time_zone: 'Europe/Berlin' } as const;
    expect(quotaPeriod(berlinMonth, new Date('2026-03-31T21:59:00Z'))).toBe('month:2026-03');
    // Berlin is on summer time (UTC+2) by then: April starts at 22:00 UTC.
    expect(quotaPeriod(berlinMonth, new Date('2026-03-31T22:00:00Z'))).toBe('month:2026-04');
    const berlinDay = { ...berlinMonth, per: 'day' } as const;
    expect(quotaPeriod(berlinDay, new Date('2026-10-25T22:59:00Z'))).toBe('day:2026-10-25');
    expect(quotaPeriod(berlinDay, new Date('2026-10-25T23:00:00Z'))).toBe('day:2026-10-26');
  });
});

describe('a quota', () => {
  const at = new Date('2026-12-02T10:00:00Z');

  it('is reached when the current period’s count is at max; counts of other periods do not matter', () => {
    expect(quotaReached(moscowDay, { 'day:2026-12-02': 40 }, at)).toBe(true);
    expect(quotaReached(moscowDay, { 'day:2026-12-02': 39 }, at)).toBe(false);
    // Yesterday's full count is no debt: the day turned, the quota is open again.
    expect(quotaReached(moscowDay, { 'day:2026-12-01': 40 }, at)).toBe(false);
    expect(quotaReached(null, { 'day:2026-12-02': 1_000 }, at)).toBe(false);
  });

  it('charges the current period and drops the others', () => {
    expect(quotaCharge(moscowDay, { 'day:2026-12-01': 40, 'day:2026-12-02': 3 }, at)).toEqual({
      period: 'day:2026-12-02',
      stale: ['day:2026-12-01'],
    });
    expect(quotaCharge(null, {}, at)).toBeUndefined();
  });
});
