import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../lib/auth/api-keys';
import { useDatabase } from '../../lib/db/client';
import { useApiStack } from '../support/stack';

describe('API keys required, as on every deployed stage', () => {
  // No verdict cache here, so that a revocation shows at once.
  // Viewer keys get one request a second here, to see the budget run out.
  const api = useApiStack({ auth: 'required', env: { API_KEY_CACHE_SECONDS: '0', RATE_LIMITS: '{"viewer":1}' } });

  // API Gateway answers an HTTP API authorizer's refusal with 403 (401 only when a required identity
  // header is absent, which would rule out offering two headers); the local API does the same.
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

  it('give each key a role: an integration key registers and reads back its own contacts, nothing else', async () => {
    useDatabase(api.db);
    const admin = { authorization: `Bearer ${(await createApiKey('admin e2e')).key}` };
    await api.request('POST', '/operators/', { name: 'Анна', max_load: 5 }, admin);
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 10 }, admin);
    const created = await api.request('POST', '/api-keys/', { name: 'web form', role: 'integration' }, admin);
    expect(created).toMatchObject({ status: 201, body: { name: 'web form', role: 'integration', operator_id: null, revoked_at: null } });
    const integration = { 'x-api-key': created.body.key as string };

    const contact = await api.request('POST', '/contacts/', { lead_external_id: '+79161234567', source_id: 1 }, integration);
    expect(contact.status).toBe(201);
    expect((await api.request('GET', `/contacts/${contact.body.id}`, undefined, integration)).status).toBe(200);
    // An Idempotency-Key is the key's own: another key sending the same one gets its own contact, not this one.
    const retried = { ...integration, 'idempotency-key': 'form-42' };
    const once = await api.request('POST', '/contacts/', { lead_external_id: '+79161234500', source_id: 1 }, retried);
    expect((await api.request('POST', '/contacts/', { lead_external_id: '+79161234500', source_id: 1 }, retried)).body.id).toBe(
      once.body.id,
    );
    const other = await api.request(
      'POST',
      '/contacts/',
      { lead_external_id: '+79161234500', source_id: 1 },
      { ...admin, 'idempotency-key': 'form-42' },
    );
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(once.body.id);
    const refused = await api.request('POST', '/sources/', { name: 'Spam' }, integration);
    expect(refused).toMatchObject({ status: 403, body: { detail: expect.stringMatching(/role integration .*admin or manager/) } });
    expect((await api.request('GET', '/leads/', undefined, integration)).status).toBe(403);
    const someoneElses = await api.request('POST', '/contacts/', { lead_external_id: '+79161234568', source_id: 1 }, admin);
    expect((await api.request('GET', `/contacts/${someoneElses.body.id}`, undefined, integration)).status).toBe(403);

    // An operator key: its own presence and contacts; a manager's work is not its own.
    const operatorKey = await api.request('POST', '/api-keys/', { name: 'Анна', role: 'operator', operator_id: 1 }, admin);
    const anna = { authorization: `Bearer ${operatorKey.body.key}` };
    expect(await api.request('PATCH', '/operators/1', { presence: 'away' }, anna)).toMatchObject({
      status: 200,
      body: { presence: 'away' },
    });
    expect((await api.request('PATCH', '/operators/1', { max_load: 50 }, anna)).status).toBe(403);
    const listed = await api.request('GET', '/contacts/', undefined, anna);
    expect(new Set(listed.body.map((c: { operator_id: number }) => c.operator_id))).toEqual(new Set([1]));
    expect((await api.request('POST', `/contacts/${contact.body.id}/close`, undefined, anna)).status).toBe(200);
    expect((await api.request('GET', '/api-keys/', undefined, anna)).status).toBe(403);
    expect((await api.request('POST', '/api-keys/', { name: 'x', role: 'operator' }, admin)).status).toBe(422);

    const keys = (await api.request('GET', '/api-keys/', undefined, admin)).body as { id: string; name: string }[];
    expect(keys.map((key) => key.name)).toEqual(expect.arrayContaining(['web form', 'Анна']));
    expect(JSON.stringify(keys)).not.toContain(created.body.key);
    const revoked = await api.request('DELETE', `/api-keys/${created.body.id}`, undefined, admin);
    expect(revoked).toMatchObject({ status: 200, body: { revoked_at: expect.any(String) } });
    expect((await api.request('POST', '/contacts/', { lead_external_id: '+79161234569', source_id: 1 }, integration)).status).toBe(403);
  });

  it('answer a key past its budget with 429 and Retry-After, without doing anything', async () => {
    useDatabase(api.db);
    const viewer = { authorization: `Bearer ${(await createApiKey('wallboard', { role: 'viewer' })).key}` };
    // A budget of 2 a window: six requests in a row run past it, whichever windows they fall in.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await api.request('GET', '/operators/', undefined, viewer));
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.body).toEqual({ detail: expect.stringMatching(/past its budget/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
  });
});
