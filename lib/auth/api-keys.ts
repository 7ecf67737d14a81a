import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { stamped } from '../audit/trail';
import { database } from '../db/client';
import { getItem } from '../db/items';
import { readEvery, readKeys } from '../db/pagination';
import { API_KEYS_PARTITION, apiKeyKey, apiKeyKeys } from '../db/keys';
import { InvalidError, notFound } from '../errors';
import { ROLES, type Role } from './roles';

export const ApiKeyInfo = z.object({
  /** Public: names the key in lists and logs. */
  id: z.string(),
  name: z.string(),
  // Keys made before roles existed could do everything: they stay admin keys.
  role: z.enum(ROLES).default('admin'),
  /** The operator an `operator` key acts for. */
  operator_id: z.number().int().nullable().default(null),
  /** When it stops working by itself; null for never. */
  expires_at: z.string().nullable().default(null),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

/** What a new key may do: its role, the operator an `operator` key is bound to, and when it expires. */
export interface KeyGrant {
  role?: Role;
  operatorId?: number | null;
  expiresAt?: string | null;
}

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
const KEY_PREFIX = 'ldc_';

/** Creates a key; the key itself is returned only now, and only its hash is stored. */
export async function createApiKey(
  name: string,
  { role = 'admin', operatorId = null, expiresAt = null }: KeyGrant = {},
  now = new Date(),
): Promise<ApiKeyInfo & { key: string }> {
  if ((role === 'operator') !== (operatorId !== null)) {
    throw new InvalidError('an operator key names its operator, and only an operator key does', ['body', 'operator_id']);
  }
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) throw new InvalidError('must be in the future', ['body', 'expires_at']);
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const hash = hashOf(key);
  const info: ApiKeyInfo = {
    id: hash.slice(0, 12),
    name,
    role,
    operator_id: operatorId,
    expires_at: expiresAt,
    created_at: now.toISOString(),
    revoked_at: null,
  };
  const db = database();
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...apiKeyKeys(hash, info.id), ...info, ...stamped('created') },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return { ...info, key };
}

/** Every key, live and revoked, without secrets. */
export const listApiKeys = (): Promise<ApiKeyInfo[]> =>
  readEvery({ ranges: [{ index: 'GSI1', partition: API_KEYS_PARTITION }] }, ApiKeyInfo);

/** Revokes a key by its public id; requests with it are refused once caches expire (within a minute). */
export async function revokeApiKey(id: string, now = new Date()): Promise<ApiKeyInfo> {
  const db = database();
  const [key] = await readKeys({ index: 'GSI1', partition: API_KEYS_PARTITION, between: [id, id] });
  const item = key && (await getItem(key));
  if (!item) throw notFound('API key', id);
  const { audit } = stamped('revoked');
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: audit ? 'SET revoked_at = :now, audit = :audit' : 'SET revoked_at = :now',
        ConditionExpression: 'attribute_type(revoked_at, :null)',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':null': 'NULL', ...(audit ? { ':audit': audit } : {}) },
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
  /** The live key's grant; undefined for a refusal. */
  key: ApiKeyInfo | undefined;
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

/**
 * A live key's grant (created, not revoked, not expired), or undefined. Verdicts are cached per
 * container (VERDICT_CACHE_MS, refusals REFUSAL_CACHE_MS), never past the key's expiry.
 */
export async function verifyApiKey(key: string, now = Date.now()): Promise<ApiKeyInfo | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  const hash = hashOf(key);
  const cached = verdicts.get(hash, now);
  if (cached) return cached.key;
  const db = database();
  const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: apiKeyKey(hash), ConsistentRead: true }));
  const info = Item && ApiKeyInfo.parse(Item);
  const expiry = info?.expires_at ? Date.parse(info.expires_at) : Number.POSITIVE_INFINITY;
  const live = info !== undefined && info.revoked_at === null && expiry > now ? info : undefined;
  verdicts.set(hash, { key: live, until: live ? Math.min(now + VERDICT_CACHE_MS, expiry) : now + REFUSAL_CACHE_MS });
  return live;
}

/** True for a live key. */
export const isValidApiKey = async (key: string, now = Date.now()): Promise<boolean> => (await verifyApiKey(key, now)) !== undefined;

/** The key a request carries: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(headers: Record<string, string | undefined>): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  return bearer ?? headers['x-api-key'];
}
