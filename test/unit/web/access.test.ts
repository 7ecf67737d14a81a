import { describe, expect, it } from 'vitest';
import { readAccess, viewOf } from '../../../web/src/api/access';
import { createApiClient } from '../../../web/src/api/client';
import { fakeFetch } from './fake-api';

const client = (routes: Parameters<typeof fakeFetch>[0]) =>
  createApiClient({ baseUrl: 'http://127.0.0.1:8000/', apiKey: () => null, fetch: fakeFetch(routes).fetch });

describe('what the page’s key may do', () => {
  it('is what the API says the key is', async () => {
    const api = client({
      'GET /api-keys/me': { body: { key_id: '3f9a0c21b7de', name: 'Anna’s phone', role: 'operator', operator_id: 7 } },
    });
    expect(await readAccess(api)).toEqual({ role: 'operator', operatorId: 7 });
  });

  it('leaves the question open when the API wants a key', async () => {
    const api = client({ 'GET /api-keys/me': { status: 401, body: { detail: 'Missing API key' } } });
    await expect(readAccess(api)).rejects.toMatchObject({ status: 401 });
  });

  it('gives the board to those who run it, an operator their own page, and an integration’s key neither', () => {
    expect(
      ['admin', 'manager', 'viewer', 'operator', 'integration'].map((role) => viewOf({ role: role as never, operatorId: null })),
    ).toEqual(['board', 'board', 'board', 'operator', 'none']);
  });
});
