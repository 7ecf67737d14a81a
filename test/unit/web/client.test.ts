import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, nextLink } from '../../../web/src/api/client';
import { fakeFetch } from './fake-api';

const BASE = 'http://127.0.0.1:8000/';

describe('the dashboard API client', () => {
  it('sends the API key as a bearer token once one is entered, and none before', async () => {
    const fake = fakeFetch({ 'GET /operators/': { body: [] } });
    let key: string | null = null;
    const api = createApiClient({ baseUrl: BASE, apiKey: () => key, fetch: fake.fetch });
    await api.request('GET', '/operators/');
    key = 'secret';
    await api.request('GET', '/operators/');
    expect(fake.calls.map((call) => call.headers.authorization)).toEqual([undefined, 'Bearer secret']);
  });

  it('resolves API paths under the page, so the API may be mounted below a prefix', async () => {
    const fake = fakeFetch({ 'GET /prod/operators/': { body: [] } });
    const api = createApiClient({ baseUrl: 'https://crm.example/prod/', apiKey: () => null, fetch: fake.fetch });
    await api.request('GET', '/operators/', undefined, { limit: 5, cursor: undefined });
    expect(fake.calls[0]!.url.href).toBe('https://crm.example/prod/operators/?limit=5');
  });

  it('reads every page of a list by following the Link header', async () => {
    const fake = fakeFetch({
      'GET /contacts/?limit=500': { body: [{ id: 1 }, { id: 2 }], headers: { link: '</contacts/?limit=500&cursor=abc>; rel="next"' } },
      'GET /contacts/?limit=500&cursor=abc': { body: [{ id: 3 }] },
    });
    const api = createApiClient({ baseUrl: BASE, apiKey: () => null, fetch: fake.fetch });
    expect(await api.all('/contacts/')).toEqual({ items: [{ id: 1 }, { id: 2 }, { id: 3 }], complete: true });
  });

  it('stops reading a long list at the maximum and says it is incomplete', async () => {
    const fake = fakeFetch({
      'GET /contacts/?limit=500': { body: [{ id: 1 }, { id: 2 }], headers: { link: '</contacts/?cursor=abc>; rel="next"' } },
    });
    const api = createApiClient({ baseUrl: BASE, apiKey: () => null, fetch: fake.fetch });
    expect(await api.all('/contacts/', {}, 2)).toEqual({ items: [{ id: 1 }, { id: 2 }], complete: false });
  });

  it("turns an error response into an ApiError with the API's detail and Retry-After", async () => {
    const fake = fakeFetch({ 'POST /operators/': { status: 503, body: { detail: 'busy' }, headers: { 'retry-after': '2' } } });
    const api = createApiClient({ baseUrl: BASE, apiKey: () => null, fetch: fake.fetch });
    const error = await api.request('POST', '/operators/', { name: 'x' }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, detail: 'busy', retryAfterSeconds: 2 });
    expect(fake.calls[0]!.body).toEqual({ name: 'x' });
  });

  it('reports an unreachable API as status 0', async () => {
    const api = createApiClient({ baseUrl: BASE, apiKey: () => null, fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(api.request('GET', '/operators/')).rejects.toMatchObject({ status: 0 });
  });

  it('finds rel="next" among the links of a Link header', () => {
    expect(nextLink('</a>; rel="prev", </b?x=1>; rel="next"')).toBe('/b?x=1');
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</a>; rel="prev"')).toBeNull();
  });
});
