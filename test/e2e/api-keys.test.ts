import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../lib/auth/api-keys';
import { useDatabase } from '../../lib/db/client';
import { useApiStack } from '../support/stack';

describe('API keys required, as on every deployed stage', () => {
  // No verdict cache here, so that a revocation shows at once.
  const api = useApiStack({ auth: 'required', env: { API_KEY_CACHE_SECONDS: '0' } });

  // API Gateway answers an HTTP API authorizer's refusal with 403 (401 only when a required identity
  // header is absent, which would rule out offering two headers); serverless-offline does the same.
  it('refuse requests without a key or with a revoked one, and take either header', async () => {
    useDatabase(api.db);
    const { key, id } = await createApiKey('e2e');
    expect((await api.request('GET', '/operators/')).status).toBe(403);
    expect((await api.request('GET', '/operators/', undefined, { authorization: 'Bearer ldc_wrong' })).status).toBe(403);
    expect((await api.request('GET', '/operators/', undefined, { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await api.request('POST', '/sources/', { name: 'Bot' }, { 'x-api-key': key })).status).toBe(201);
    await revokeApiKey(id);
    expect((await api.request('GET', '/operators/', undefined, { 'x-api-key': key })).status).toBe(403);
  });

  it('keep webhooks, the docs and the health check open', async () => {
    for (const path of ['/health', '/openapi.json', '/docs', '/redoc']) expect((await api.request('GET', path)).status, path).toBe(200);
    // A webhook answers for itself: 404 for a source without a channel, not the authorizer's 401.
    expect((await api.request('POST', '/webhooks/telegram/1', { update_id: 1 })).status).toBe(404);
  });
});
