import * as z from 'zod';
import { UNAVAILABILITY } from '../availability/presence';
import { ROUTING_TRIGGERS } from '../routing/explanation';
import { ON_AWAY, ROUTING_MODES } from '../routing/modes';
import { Id, Timestamp } from './common';

/**
 * `routing.offer`: contacts are offered rather than assigned: the operator must accept within
 * `timeout_s`, or the contact moves on to the next one; after `max_offers` offers it waits for a manager.
 */
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
  /** A returning lead goes back to the operator who had them last, if that operator can take it. */
  sticky: z.boolean().default(false),
  // Absent: contacts are assigned at once, as the seed did; null is accepted as "no offers" and stored as absent.
  offer: OfferPolicy.nullish()
    .transform((offer) => offer ?? undefined)
    .optional(),
});

export const CANDIDATE_REASONS = ['eligible', ...UNAVAILABILITY, 'weight_zero', 'declined', 'expired', 'lost_race'] as const;

export const RoutingExplanation = z.object({
  trigger: z.enum(ROUTING_TRIGGERS),
  mode: z.enum(ROUTING_MODES),
  sticky: z.boolean(),
  /** The lead's previous operator, when the source is sticky and there was one. */
  previous_operator_id: Id.nullable(),
  /** `manual`: an operator chosen by a person (a reassignment to a named operator). */
  decided_by: z.enum(['sticky', 'mode', 'none', 'manual']),
  /** Transactions tried, the successful one included. */
  attempts: z.number().int(),
  winner: Id.nullable(),
  candidates: z.array(
    z.object({
      operator_id: Id,
      weight: z.number().int(),
      current_load: z.number().int(),
      max_load: z.number().int(),
      // Contacts the source had given them when read (what round robin decides by). Explanations
      // stored before this field existed cannot be replayed, and say so by its absence.
      assigned: z.number().int().optional(),
      eligible: z.boolean(),
      /** `lost_race`: eligible when read, but full or switched off by the time the claim was made. */
      reason: z.enum(CANDIDATE_REASONS),
    }),
  ),
  /** Weighted random's uniform draw in [0, 1): replayed over the eligible weights, it picks the winner again. */
  draw: z.number().nullable().default(null),
  /** Smooth weighted's turn: the turn its window began at and this contact's turn within the window. */
  turn: z.object({ start: z.number().int(), index: z.number().int() }).nullable().default(null),
  routed_at: Timestamp,
});

export type OfferPolicy = z.output<typeof OfferPolicy>;
/** How a source routes its contacts. */
export type RoutingPolicy = z.output<typeof RoutingPolicy>;
/** Why a contact went where it went: everything the decision was made from. */
export type RoutingExplanation = z.output<typeof RoutingExplanation>;
export type CandidateExplanation = RoutingExplanation['candidates'][number];
