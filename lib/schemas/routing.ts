import * as z from 'zod';
import { UNAVAILABILITY } from '../availability/presence';
import { ROUTING_TRIGGERS } from '../routing/explanation';
import { ON_AWAY, ROUTING_MODES } from '../routing/modes';
import { Id, Timestamp } from './common';

/** `routing.offer`: contacts wait for the chosen operator to accept them. */
export const OfferPolicy = z.object({
  /** Seconds the operator has to accept. */
  timeout_s: z.number().int().min(5).max(3600),
  /** Offers made before the contact waits for a manager instead. */
  max_offers: z.number().int().min(1).max(20).default(3),
  /** `reoffer`: an operator going away or offline has their pending offers moved on at once. */
  on_away: z.enum(ON_AWAY).default('reoffer'),
});

/** A source's routing policy; every field defaults to the seed's behaviour (assigned at once). */
export const RoutingPolicy = z.object({
  mode: z.enum(ROUTING_MODES).default('weighted_random'),
  sticky: z.boolean().default(false),
  // null is accepted as "no offers" and stored as absent.
  offer: OfferPolicy.nullish()
    .transform((offer) => offer ?? undefined)
    .optional(),
});

export const CANDIDATE_REASONS = ['eligible', ...UNAVAILABILITY, 'weight_zero', 'declined', 'expired', 'lost_race'] as const;

export const RoutingExplanation = z.object({
  trigger: z.enum(ROUTING_TRIGGERS),
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
      // Explanations stored before these fields existed cannot be replayed, and say so by their absence.
      assigned: z.number().int().optional(),
      eligible: z.boolean(),
      reason: z.enum(CANDIDATE_REASONS),
    }),
  ),
  draw: z.number().nullable().default(null),
  turn: z.object({ start: z.number().int(), index: z.number().int() }).nullable().default(null),
  routed_at: Timestamp,
});
