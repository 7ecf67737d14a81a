import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { database } from '../db/client';
import { rateWindowKey, webhookBudgetOwner } from '../db/keys';
import type { Role } from './roles';

/** Requests a key of each role may make per second, on average over a window; null for no limit. */
export const DEFAULT_RATE_LIMITS: Record<Role, number | null> = { admin: null, manager: 50, viewer: 20, integration: 20, operator: 10 };

/** The window requests are counted in: a key may spend its budget of a window in a burst (twice its rate). */
export const RATE_WINDOW_SECONDS = 2;

/** The limits in force: the defaults, or `RATE_LIMITS` (JSON, per role, `null` for none) where the deploy sets it. */
export function rateLimits(): Record<Role, number | null> {
  const configured = process.env.RATE_LIMITS;
  return configured ? { ...DEFAULT_RATE_LIMITS, ...(JSON.parse(configured) as Partial<Record<Role, number | null>>) } : DEFAULT_RATE_LIMITS;
}

export interface Verdict {
  allowed: boolean;
  retryAfterSeconds: number;
  /** Takes the request back out of its window (it turned out not to count: a repeat). */
  refund: () => Promise<void>;
}
const ALLOWED: Verdict = { allowed: true, retryAfterSeconds: 0, refund: async () => {} };

/** The window `now` falls in: epoch seconds it starts at. */
const windowOf = (now: number) => Math.floor(now / 1000 / RATE_WINDOW_SECONDS) * RATE_WINDOW_SECONDS;

/** Adds `count` requests of `owner` to the window starting at `windowStart`, atomically; answers the window's total. */
async function addToWindow(owner: string, windowStart: number, count: number): Promise<number> {
  const db = database();
  const { Attributes } = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: rateWindowKey(owner, windowStart),
      // The item lives for its window and a little after: DynamoDB's time to live deletes it.
      UpdateExpression: 'ADD requests :count SET expires_at = if_not_exists(expires_at, :expires)',
      ExpressionAttributeValues: { ':count': count, ':expires': windowStart + RATE_WINDOW_SECONDS + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.requests);
}

/**
 * Counts one request of `owner` in its current window, atomically (a plain update: it never joins a
 * transaction, so concurrent requests do not collide on it), and answers whether it is within `rate`
 * and, if not, how many seconds until the next window. Every request counts, the refused ones too,
 * so a client hammering past its budget stays refused until it slows down.
 */
async function countInWindow(owner: string, rate: number, now: number): Promise<Verdict> {
  const windowStart = windowOf(now);
  const allowed = (await addToWindow(owner, windowStart, 1)) <= rate * RATE_WINDOW_SECONDS;
  return {
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(windowStart + RATE_WINDOW_SECONDS - now / 1000)),
    refund: () => addToWindow(owner, windowStart, -1).then(() => undefined),
  };
}

/** Counts one request of a key against its role's budget. */
export function takeRequest(keyId: string, role: Role, now = Date.now()): Promise<Verdict> {
  const rate = rateLimits()[role];
  return rate === null ? Promise.resolve(ALLOWED) : countInWindow(keyId, rate, now);
}

/** New contacts a source's webhooks may register per second, on average over a window (`WEBHOOK_RATE_LIMIT`, 50; 0 for no limit). */
export function webhookRateLimit(): number | null {
  const configured = Number(process.env.WEBHOOK_RATE_LIMIT || 50);
  return Number.isFinite(configured) && configured > 0 ? configured : null;
}

/**
 * Counts one new contact of a source's webhooks against the source's budget. Webhooks carry no key:
 * their proof is the platform's signature, so only deliveries that passed it are counted, and a
 * repeat is refunded (`registerContact` asks while it reads the source: no round trip more).
 */
export function takeWebhookContact(sourceId: number, now = Date.now()): Promise<Verdict> {
  const rate = webhookRateLimit();
  return rate === null ? Promise.resolve(ALLOWED) : countInWindow(webhookBudgetOwner(sourceId), rate, now);
}
