import { describe, expect, it, beforeEach } from 'vitest';
import {
  createApiKey,
  isValidApiKey,
  listApiKeys,
  presentedKey,
  REFUSAL_CACHE_MS,
  revokeApiKey,
  VERDICT_CACHE_MS,
  verifyApiKey,
} from '../../lib/auth/api-keys';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { recordRequests } from '../support/round-trips';
import type { Database } from '../../lib/db/client';
import { NotFoundError } from '../../lib/errors';
import { allItems, useFreshTable } from '../support/database';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

describe('API keys', () => {
  it('are stored only as their SHA-256, and listed without secrets', async () => {
    const { key, id } = await createApiKey('call-centre dashboard');
    expect(key).toMatch(/^ldc_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await allItems(db))).not.toContain(key);
    expect(await listApiKeys()).toEqual([
      {
        id,
        name: 'call-centre dashboard',
        role: 'admin',
        operator_id: null,
        expires_at: null,
        created_at: expect.any(String),
        revoked_at: null,
      },
    ]);
  });

  it('carry a role, an operator key its operator, and stop at their expiry even while a verdict is cached', async () => {
    const t0 = Date.parse('2026-12-02T10:00:00Z');
    const { key } = await createApiKey(
      'Анна',
      { role: 'operator', operatorId: 7, expiresAt: new Date(t0 + 30_000).toISOString() },
      new Date(t0),
    );
    expect(await verifyApiKey(key, t0)).toMatchObject({ role: 'operator', operator_id: 7 });
    expect(await verifyApiKey(key, t0 + 29_999)).toBeDefined();
    // Within the 60 s a verdict is cached, but past the expiry: refused.
    expect(await verifyApiKey(key, t0 + 30_000)).toBeUndefined();
    await expect(createApiKey('x', { role: 'operator' })).rejects.toThrow(/operator key names its operator/);
    await expect(createApiKey('x', { role: 'viewer', operatorId: 7 })).rejects.toThrow(/operator key names its operator/);
    await expect(createApiKey('x', { expiresAt: new Date(t0).toISOString() }, new Date(t0 + 1))).rejects.toThrow(/future/);
  });

  it('made before roles existed keep doing everything: they are admin keys', async () => {
    const { key, id } = await createApiKey('old');
    const stored = (await allItems(db)).find((item) => item.id === id)!;
    const { role: _role, operator_id: _operator, expires_at: _expires, ...old } = stored;
    await db.client.send(new PutCommand({ TableName: db.tableName, Item: old }));
    expect(await verifyApiKey(key)).toMatchObject({ role: 'admin', operator_id: null });
  });

  it('let a live key through and nothing else', async () => {
    const { key } = await createApiKey('bot');
    expect(await isValidApiKey(key)).toBe(true);
    expect(await isValidApiKey(`${key}x`)).toBe(false);
    expect(await isValidApiKey('not-even-a-key')).toBe(false);
  });

  it('stop working once revoked, after the cache of a verdict runs out', async () => {
    const { key, id } = await createApiKey('leaked');
    const t0 = Date.now();
    expect(await isValidApiKey(key, t0)).toBe(true);
    expect(await revokeApiKey(id)).toMatchObject({ id, revoked_at: expect.any(String) });
    expect(await isValidApiKey(key, t0 + 1)).toBe(true); // the cached verdict still stands
    expect(await isValidApiKey(key, t0 + VERDICT_CACHE_MS + 1)).toBe(false);
    expect((await revokeApiKey(id)).revoked_at).toBe((await listApiKeys())[0]!.revoked_at);
    await expect(revokeApiKey('000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuse a made-up key without reading the table unless it has the shape of a real one, and keep refusals short', async () => {
    const requests = recordRequests(db);
    expect(await isValidApiKey('ldc_short')).toBe(false);
    expect(requests.commands()).toEqual([]);
    const madeUp = `ldc_${'A'.repeat(43)}`;
    const t0 = Date.now();
    expect(await isValidApiKey(madeUp, t0)).toBe(false);
    expect(await isValidApiKey(madeUp, t0 + 1)).toBe(false);
    expect(requests.commands()).toEqual(['GetItemCommand']);
    expect(await isValidApiKey(madeUp, t0 + REFUSAL_CACHE_MS + 1)).toBe(false);
    expect(requests.commands()).toEqual(['GetItemCommand', 'GetItemCommand']);
    expect(REFUSAL_CACHE_MS).toBeLessThan(VERDICT_CACHE_MS);
  });

  it('come in either header', () => {
    expect(presentedKey({ authorization: 'Bearer ldc_abc' })).toBe('ldc_abc');
    expect(presentedKey({ 'x-api-key': 'ldc_def' })).toBe('ldc_def');
    expect(presentedKey({ authorization: 'Basic Zm9vOmJhcg==' })).toBeUndefined();
    expect(presentedKey({})).toBeUndefined();
  });
});
