import * as z from 'zod';
import { QUOTA_PERIODS } from '../availability/quota';
import { isTimeZone } from '../availability/schedule';

/** `{"max": 40, "per": "day", "time_zone": "Europe/Moscow"}`: at most `max` new contacts per calendar period. */
export const Quota = z.object({
  max: z.number().int().min(1).max(1_000_000),
  per: z.enum(QUOTA_PERIODS),
  time_zone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone, e.g. Europe/Moscow'),
});

/** Counts by period key, as the claim transaction keeps them (lib/availability/quota.ts). */
export const QuotaCounts = z.record(z.string(), z.number().int()).default({});
