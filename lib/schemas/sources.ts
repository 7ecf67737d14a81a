import * as z from 'zod';
import { Assignment } from './assignments';
import { Id, Name, PathId, Timestamp } from './common';
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
  /** How many of the source's contacts (the latest, at most 1,000, within the period) the measures are counted over. */
  sampled_contacts: z.number().int(),
  /** The period asked for (contacts created from `from`, before `to`), and how many routing decisions it holds. */
  period: z.object({ from: Timestamp.nullable(), to: Timestamp.nullable(), routing_decisions: z.number().int() }),
  /** From registration to an operator who has it (assigned at once, from the backlog, or accepted); null with none. */
  median_seconds_to_assign: z.number().nullable(),
  operators: z.array(
    z.object({
      operator_id: Id,
      name: z.string(),
      weight: z.number().int(),
      /** Eligible now: active, available, within hours, with room. */
      eligible: z.boolean(),
      /**
       * What the weights promised them of the period's routed contacts: over its routing decisions,
       * the sum of weight / sum of the weights eligible at that decision, divided by the decisions
       * (weight / eligible weight now when the period has none).
       */
      expected_share: z.number(),
      /** weight / sum of weights of the operators eligible now; 0 for the others. */
      expected_share_now: z.number(),
      /** The period's routing decisions they won. */
      routed: z.number().int(),
      /** In how many of the period's routing decisions they were passed over, and why (`full`, `away`, ...). */
      passed_over: z.record(z.string(), z.number().int()),
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

/** `GET /sources/{source_id}/stats?from=&to=`: an optional period, by when contacts were created (ISO-8601). */
export const SourceStatsQuery = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .refine(({ from, to }) => !from || !to || Date.parse(from) < Date.parse(to), { message: '`from` must be before `to`', path: ['to'] });
export type SourceStatsQuery = z.infer<typeof SourceStatsQuery>;
