import { localTime, WEEKDAYS } from './schedule';

export const QUOTA_PERIODS = ['day', 'week', 'month'] as const;

/** At most `max` new contacts per calendar day, week (Monday to Sunday) or month of `time_zone`. */
export interface Quota {
  max: number;
  per: (typeof QUOTA_PERIODS)[number];
  time_zone: string;
}

/** Contacts counted against a quota, by period key; only the current period's count matters. */
export type QuotaCounts = Readonly<Record<string, number>>;

const DAY_MS = 86_400_000;

/**
 * The calendar period an instant falls in, on the quota's wall clock: `day:2026-12-02`,
 * `week:2026-11-30` (the week's Monday) or `month:2026-12`. Calendar periods rather than rolling
 * windows: a period starts from zero however the one before went, so an absence never echoes later.
 * A quota whose `per` changes starts counting afresh, since the keys differ.
 */
export function quotaPeriod(quota: Pick<Quota, 'per' | 'time_zone'>, at: Date): string {
  const { date, day } = localTime(at, quota.time_zone);
  if (quota.per === 'day') return `day:${date}`;
  if (quota.per === 'month') return `month:${date.slice(0, 7)}`;
  const monday = new Date(Date.parse(`${date}T00:00:00Z`) - WEEKDAYS.indexOf(day) * DAY_MS);
  return `week:${monday.toISOString().slice(0, 10)}`;
}

/** Contacts counted in the period `at` falls in. */
export const quotaUsed = (quota: Quota, counts: QuotaCounts | undefined, at: Date): number => counts?.[quotaPeriod(quota, at)] ?? 0;

/** True when the quota allows no more contacts in the period `at` falls in. */
export const quotaReached = (quota: Quota | null | undefined, counts: QuotaCounts | undefined, at: Date): boolean =>
  !!quota && quotaUsed(quota, counts, at) >= quota.max;

/** The counts an item starts with when it gets a quota: the current period at zero (the claim's update needs the map to exist). */
export const freshQuotaCounts = (quota: Quota, at: Date): Record<string, number> => ({ [quotaPeriod(quota, at)]: 0 });

/** What the claim transaction counts a new contact into: this period's entry, dropping the others. */
export interface QuotaCharge {
  period: string;
  stale: string[];
}

/** The charge for one more contact at `at` against a quota, if there is one. */
export function quotaCharge(quota: Quota | null | undefined, counts: QuotaCounts | undefined, at: Date): QuotaCharge | undefined {
  if (!quota) return undefined;
  const period = quotaPeriod(quota, at);
  return { period, stale: Object.keys(counts ?? {}).filter((key) => key !== period) };
}
