import * as z from 'zod';
import { Id, ListQuery } from './common';

export const AUDITED_ENTITIES = ['operator', 'source', 'assignment', 'contact', 'lead', 'subscription', 'api_key'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** `GET /audit/?entity=&entity_id=&from=&to=`: newest first, a page at a time. */
export const AuditListQuery = ListQuery.extend({
  entity: z.enum(AUDITED_ENTITIES).optional(),
  /** An entity's id; an API key's is its public id (hex), every other one an integer. */
  entity_id: z
    .string()
    .regex(/^[0-9a-f]{1,15}$/, 'value is not a valid id')
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
})
  .refine((query) => query.entity_id === undefined || query.entity !== undefined, {
    message: '`entity_id` needs `entity`',
    path: ['entity_id'],
  })
  .refine((query) => query.entity === 'api_key' || query.entity_id === undefined || /^\d+$/.test(query.entity_id), {
    message: 'value is not a valid integer',
    path: ['entity_id'],
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  });

/** One change made by hand: when, by which key, to what, and its fields before and after. */
export const AuditRecord = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  /** The key that made the change; null on the local stack without keys, or a webhook's (a Telegram button). */
  key_id: z.string().nullable(),
  key_name: z.string().nullable(),
  entity: z.enum(AUDITED_ENTITIES),
  entity_id: z.union([Id, z.string()]),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type AuditRecord = z.infer<typeof AuditRecord>;
