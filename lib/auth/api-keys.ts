import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { database } from '../db/client';
import { API_KEYS_PARTITION, apiKeyKey, apiKeyKeys } from '../db/keys';
import { notFound } from '../errors';

export const ApiKeyInfo = z.object({
  /** Public: names the key in lists and logs. */
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
const KEY_PREFIX = 'ldc_';

/** Creates a key; the key itself is returned only now, and only its hash is stored. */
export async function createApiKey(name: string, now = new Date()): Promise<ApiKeyInfo & { key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const hash = hashOf(key);
  const info: ApiKeyInfo = { id: hash.slice(0, 12), name, created_at: now.toISOString(), revoked_at: null };
  const db = database();
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...apiKeyKeys(hash, info.id), ...info },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return { ...info, key };
}

/** Every key, live and revoked, without secrets. */
export async function listApiKeys(): Promise<ApiKeyInfo[]> {
  const db = database();
  const { Items = [] } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': API_KEYS_PARTITION },
    }),
  );
  return Items.map((item) => ApiKeyInfo.parse(item));
}

/** Revokes a key by its public id; requests with it are refused once caches expire (within a minute). */
export async function revokeApiKey(id: string, now = new Date()): Promise<ApiKeyInfo> {
  const db = database();
  const { Items = [] } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :id',
      ExpressionAttributeValues: { ':pk': API_KEYS_PARTITION, ':id': id },
    }),
  );
  const item = Items[0];
  if (!item) throw notFound('API key', id);
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET revoked_at = :now',
        ConditionExpression: 'attribute_type(revoked_at, :null)',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':null': 'NULL' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return ApiKeyInfo.parse(Attributes);
  } catch (error) {
    // Revoked already: revoking again changes nothing.
    if (error instanceof ConditionalCheckFailedException) return ApiKeyInfo.parse(item);
    throw error;
  }
}

/**
 * How long a container trusts a verdict on a key before asking the table again (API_KEY_CACHE_SECONDS,
 * 60 by default): the "short result cache" that keeps most requests from reading the table.
 */
export const VERDICT_CACHE_MS = Number(process.env.API_KEY_CACHE_SECONDS ?? 60) * 1000;
/** A refusal is remembered only briefly: a key created a moment ago works within seconds. */
export const REFUSAL_CACHE_MS = Math.min(5_000, VERDICT_CACHE_MS);
/** The most verdicts a container keeps; the least recently used go first, so made-up keys cannot grow it. */
export const MAX_CACHED_VERDICTS = 10_000;
/** Only what `createApiKey` makes: anything else is refused without a read. */
const KEY_SHAPE = /^ldc_[A-Za-z0-9_-]{43}$/;

interface Verdict {
  valid: boolean;
  until: number;
}

/** Verdicts by key hash, at most `max` of them, the least recently used dropped first. */
export class VerdictCache {
  readonly #verdicts = new Map<string, Verdict>();
  constructor(readonly max: number) {}
  get size(): number {
    return this.#verdicts.size;
  }
  /** The verdict while it holds at `now`; a use makes it the most recently used. */
  get(hash: string, now: number): Verdict | undefined {
    const verdict = this.#verdicts.get(hash);
    if (!verdict || verdict.until <= now) return undefined;
    this.set(hash, verdict);
    return verdict;
  }
  set(hash: string, verdict: Verdict): void {
    this.#verdicts.delete(hash);
    this.#verdicts.set(hash, verdict);
    // A Map iterates in insertion order, and a use re-inserts: the first key is the least recently used.
    while (this.#verdicts.size > this.max) this.#verdicts.delete(this.#verdicts.keys().next().value!);
  }
}

const verdicts = new VerdictCache(MAX_CACHED_VERDICTS);

/** True for a live (created, not revoked) key. Verdicts are cached per container (VERDICT_CACHE_MS, refusals REFUSAL_CACHE_MS). */
export async function isValidApiKey(key: string, now = Date.now()): Promise<boolean> {
  if (!KEY_SHAPE.test(key)) return false;
  const hash = hashOf(key);
  const cached = verdicts.get(hash, now);
  if (cached) return cached.valid;
  const db = database();
  const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: apiKeyKey(hash), ConsistentRead: true }));
  const valid = Item !== undefined && Item.revoked_at === null;
  verdicts.set(hash, { valid, until: now + (valid ? VERDICT_CACHE_MS : REFUSAL_CACHE_MS) });
  return valid;
}

/** The key a request carries: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(headers: Record<string, string | undefined>): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  return bearer ?? headers['x-api-key'];
}
