import * as z from 'zod';
import { Id } from './common';
import { Quota } from './quotas';
import { RoutingPolicy } from './routing';
import { WorkingHours } from './schedules';

/** The most contacts one simulation routes. */
export const MAX_SIMULATED_CONTACTS = 10_000;

/** The longest period a replay reads: a month of a source's contacts. */
const MAX_PERIOD_MS = 31 * 86_400_000;

const Period = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), { message: '`from` must be before `to`', path: ['to'] })
  .refine(({ from, to }) => Date.parse(to) - Date.parse(from) <= MAX_PERIOD_MS, { message: 'at most 31 days', path: ['to'] });

const Synthetic = z.object({
  contacts: z.number().int().min(1).max(MAX_SIMULATED_CONTACTS),
  per_hour: z.number().positive().max(1_000_000),
  /** Mean minutes a contact keeps its operator busy (exponentially distributed); 10 by default. */
  handle_minutes: z.number().positive().max(10_080).default(10),
  /** When the first contact may arrive; now by default. */
  start: z.iso.datetime({ offset: true }).optional(),
});

/** Body of `POST /sources/{source_id}/simulate`: a proposed setup, and the traffic to try it on. */
export const SimulationInput = z
  .object({
    /** The proposed routing (offers are taken as accepted at once); the source's own by default. */
    routing: RoutingPolicy.optional(),
    /** The proposed operators and weights; the source's own assignments by default. */
    assignments: z
      .array(z.object({ operator_id: Id, weight: z.number().int().min(0).max(1_000_000), quota: Quota.nullable().optional() }))
      .min(1)
      .max(100)
      .optional(),
    /** Changes to operators for the simulation: capacity, working hours (null: always) and quota. */
    operators: z
      .array(
        z.object({
          operator_id: Id,
          max_load: z.number().int().min(0).max(1_000_000).optional(),
          schedule: WorkingHours.nullable().optional(),
          quota: Quota.nullable().optional(),
        }),
      )
      .max(100)
      .default([]),
    /** The source's real contacts of a period, or synthetic arrivals. */
    replay: z.union([Period, Synthetic]),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .superRefine((input, context) => {
    const ids = (input.assignments ?? []).map((assignment) => assignment.operator_id);
    if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', message: 'an operator appears twice', path: ['assignments'] });
  });
export type SimulationInput = z.infer<typeof SimulationInput>;

const MeasuredOperator = z.object({
  operator_id: Id,
  name: z.string(),
  weight: z.number().int(),
  contacts: z.number().int(),
  share: z.number(),
  peak_load: z.number().int(),
  hours_at_capacity: z.number(),
});

/** How contacts went, or would go: per operator, and the waits. */
const Outcome = z.object({
  contacts: z.number().int(),
  assigned: z.number().int(),
  waited: z.number().int(),
  unassigned: z.number().int(),
  median_wait_seconds: z.number().nullable(),
  p95_wait_seconds: z.number().nullable(),
  operators: z.array(MeasuredOperator),
});

/** What `POST /sources/{source_id}/simulate` answers: the simulated outcome beside what really happened. */
export const Simulation = z.object({
  source_id: Id,
  seed: z.number().int(),
  mode: RoutingPolicy.shape.mode,
  replay: z.object({
    kind: z.enum(['period', 'synthetic']),
    from: z.string(),
    to: z.string(),
    contacts: z.number().int(),
    /** A period with more contacts than one simulation routes replays its latest ones. */
    truncated: z.boolean(),
  }),
  simulated: Outcome,
  /** The period's contacts as they really went, measured the same way; null for synthetic arrivals. */
  actual: Outcome.nullable(),
});
export type Simulation = z.infer<typeof Simulation>;
