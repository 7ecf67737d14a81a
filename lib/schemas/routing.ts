import * as z from 'zod';
import { ROUTING_MODES } from '../routing/modes';
import { Id, Timestamp } from './common';

/** A source's routing policy; both fields default to the seed's behaviour. */
export const RoutingPolicy = z.object({
  mode: z.enum(ROUTING_MODES).default('weighted_random'),
  sticky: z.boolean().default(false),
});

export const RoutingExplanation = z.object({
  trigger: z.enum(['registration', 'dispatch', 'reassign']),
  mode: z.enum(ROUTING_MODES),
  sticky: z.boolean(),
  previous_operator_id: Id.nullable(),
  decided_by: z.enum(['sticky', 'mode', 'none', 'manual']),
  attempts: z.number().int(),
  winner: Id.nullable(),
  candidates: z.array(
    z.object({
      operator_id: Id,
      weight: z.number().int(),
      current_load: z.number().int(),
      max_load: z.number().int(),
      eligible: z.boolean(),
      reason: z.enum(['eligible', 'inactive', 'full', 'weight_zero', 'lost_race']),
    }),
  ),
  routed_at: Timestamp,
});
