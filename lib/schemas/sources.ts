import * as z from 'zod';
import { Assignment } from './assignments';
import { Id, Name, PathId } from './common';
import { DEFAULT_POLICY } from '../routing/modes';
import { RoutingPolicy } from './routing';

const Secret = z.string().min(1).max(256);

/**
 * Where a source's contacts come from, with the secrets that prove a webhook delivery is genuine.
 * Secrets are write-only: no response ever contains them.
 */
export const Channel = z.discriminatedUnion('type', [
  // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a webhook's secret_token.
  z.object({
    type: z.literal('telegram'),
    secret_token: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and -, 1 to 256 of them'),
  }),
  z.object({ type: z.literal('whatsapp'), verify_token: Secret, app_secret: Secret }),
  z.object({ type: z.literal('vk'), secret: Secret, confirmation: Secret }),
]);
export type Channel = z.infer<typeof Channel>;
export const CHANNEL_TYPES = ['telegram', 'whatsapp', 'vk'] as const;

/**
 * Body of `POST /sources/` and `PUT /sources/{source_id}`. On PUT an absent `channel` keeps the one
 * configured (its secrets cannot be read back to resend); `null` removes it.
 */
export const SourceInput = z.object({
  name: Name,
  routing: RoutingPolicy.default(DEFAULT_POLICY),
  channel: Channel.nullable().optional(),
});
export type SourceInput = z.infer<typeof SourceInput>;

export const SourcePath = z.object({ source_id: PathId });

export const Source = z.object({
  id: Id,
  name: z.string(),
  // Sources stored before routing policies existed route as the seed did.
  routing: RoutingPolicy.default(DEFAULT_POLICY),
  /** Only the channel's type: its secrets stay in the table. */
  channel: z
    .object({ type: z.enum(CHANNEL_TYPES) })
    .nullable()
    .default(null),
});
export type Source = z.infer<typeof Source>;

/** `GET /sources/{source_id}`: the source with its weighted operators. */
export const SourceWithAssignments = Source.extend({ assignments: z.array(Assignment) });
export type SourceWithAssignments = z.infer<typeof SourceWithAssignments>;

/** `GET /sources/{source_id}/stats`: how the source's contacts split, against how they should. */
export const SourceStats = z.object({
  source_id: Id,
  mode: RoutingPolicy.shape.mode,
  sticky: z.boolean(),
  total_assigned: z.number().int(),
  /** How many of the source's latest contacts the offer measures and the time to assign are counted over. */
  sampled_contacts: z.number().int(),
  /** From registration to an operator who has it (assigned at once, from the backlog, or accepted); null with none. */
  median_seconds_to_assign: z.number().nullable(),
  operators: z.array(
    z.object({
      operator_id: Id,
      name: z.string(),
      weight: z.number().int(),
      eligible: z.boolean(),
      /** weight / sum of weights of the operators eligible now; 0 for the others. */
      expected_share: z.number(),
      /** Contacts this source has given them, counted in the claim transaction. */
      assigned: z.number().int(),
      actual_share: z.number(),
      current_load: z.number().int(),
      max_load: z.number().int(),
      offers_accepted: z.number().int(),
      offers_declined: z.number().int(),
      offers_expired: z.number().int(),
      median_seconds_to_accept: z.number().nullable(),
    }),
  ),
});
export type SourceStats = z.infer<typeof SourceStats>;
