import { describe, expect, it } from 'vitest';
import { probeCapabilities, SEED_CAPABILITIES } from '../../../web/src/api/capabilities';
import { createApiClient } from '../../../web/src/api/client';
import { fakeFetch } from './fake-api';

const invalid = {
  status: 422,
  body: { detail: [{ loc: ['path', 'id'], msg: 'ensure this value is greater than or equal to 1', type: 'value_error.number.not_ge' }] },
};
const client = (routes: Parameters<typeof fakeFetch>[0]) => {
  const fake = fakeFetch(routes);
  return { api: createApiClient({ baseUrl: 'http://127.0.0.1:8000/', apiKey: () => null, fetch: fake.fetch }), calls: fake.calls };
};

describe('what the dashboard asks the API it can do', () => {
  it("finds only the seed's endpoints on an API that ignores unknown filters and has no other route", async () => {
    const { api } = client({ 'GET /contacts/': { body: [] } });
    expect(await probeCapabilities(api)).toEqual(SEED_CAPABILITIES);
  });

  it('finds every feature whose route refuses id 0 as invalid', async () => {
    const { api, calls } = client({
      'GET /contacts/': invalid,
      'POST /contacts/0/close': invalid,
      'GET /contacts/0': invalid,
      'PUT /sources/0': invalid,
      'GET /sources/0/stats': invalid,
      'PUT /assignments/0': invalid,
      'DELETE /assignments/0': invalid,
    });
    expect(Object.values(await probeCapabilities(api)).every(Boolean)).toBe(true);
    // Probes never name an entity that exists, so they cannot change anything.
    expect(calls.filter((call) => call.method !== 'GET').every((call) => call.url.pathname.includes('/0'))).toBe(true);
  });

  it('leaves the question open when the API wants a key', async () => {
    const { api } = client({ 'GET /contacts/': { status: 401, body: { detail: 'Missing API key' } } });
    await expect(probeCapabilities(api)).rejects.toMatchObject({ status: 401 });
  });
});
