import * as z from 'zod';
import { database } from './client';
import { getItem } from './items';
import { idempotencyKey } from './keys';
import type { TransactItem } from './operators';

/** How long a delivery or an Idempotency-Key is remembered: platforms retry for hours, not days. */
export const IDEMPOTENCY_TTL_SECONDS = 3 * 24 * 60 * 60;

export const IdempotencyRecord = z.object({
  scope: z.string(),
  /** What the original request asked for, so that a key reused for another request is refused. */
  fingerprint: z.string(),
  contact_id: z.number().int(),
  /** Epoch seconds; DynamoDB's TTL deletes the record some time after. */
  expires_at: z.number().int(),
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The record an item holds, if it is live at `now`: an expired one awaiting deletion counts as none. */
export function liveRecord(item: Record<string, unknown> | undefined, now: Date): IdempotencyRecord | undefined {
  const record = item && IdempotencyRecord.parse(item);
  return record && record.expires_at > epochSeconds(now) ? record : undefined;
}

/** The live record of a scope, strongly consistent. */
export async function findIdempotencyRecord(scope: string, now: Date): Promise<IdempotencyRecord | undefined> {
  return liveRecord(await getItem(idempotencyKey(scope)), now);
}

/** A new record for a request done now. */
export const newIdempotencyRecord = (scope: string, fingerprint: string, contactId: number, now: Date): IdempotencyRecord => ({
  scope,
  fingerprint,
  contact_id: contactId,
  expires_at: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS,
});

/** The transaction step that records a request as done; it fails if a live record exists already. */
export function recordIdempotency(record: IdempotencyRecord, now: Date): TransactItem {
  return {
    Put: {
      TableName: database().tableName,
      Item: { ...idempotencyKey(record.scope), ...record },
      ConditionExpression: 'attribute_not_exists(PK) OR expires_at <= :now',
      ExpressionAttributeValues: { ':now': epochSeconds(now) },
    },
  };
}
