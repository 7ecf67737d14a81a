import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

describe('the API documentation', () => {
  const api = useApiStack();

  it('serves the OpenAPI document', async () => {
    const response = await api.request('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ openapi: '3.1.0', paths: { '/contacts': { post: { operationId: 'registerContact' } } } });
  });

  for (const page of ['/docs', '/redoc']) {
    it(`serves ${page} with every script and stylesheet it references`, async () => {
      const html = await fetch(`${api.url}${page}`).then((r) => {
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toMatch(/^text\/html/);
        return r.text();
      });
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        expect(asset).toMatch(/^\/docs\/assets\//); // served by the API itself, no CDN
        const response = await fetch(`${api.url}${asset}`);
        expect(response.status, asset).toBe(200);
        expect((await response.text()).length, asset).toBeGreaterThan(100);
      }
    });
  }

  it('answers 422 for an asset it does not have', async () => {
    expect((await api.request('GET', '/docs/assets/passwd')).status).toBe(422);
  });
});
