import { describe, expect, it } from 'vitest';
import { siteResponse, type EmbeddedSite } from '../../../lib/dashboard/site';

const site: EmbeddedSite = {
  inputsHash: 'x',
  files: {
    'index.html': { contentType: 'text/html; charset=utf-8', body: '<!doctype html>', base64: false, etag: '"page"', immutable: false },
    'assets/index-abc.js': {
      contentType: 'text/javascript; charset=utf-8',
      body: 'run()',
      base64: false,
      etag: '"script"',
      immutable: true,
    },
    'assets/logo-abc.png': { contentType: 'image/png', body: 'iVBORw0K', base64: true, etag: '"logo"', immutable: true },
  },
};

describe('serving the built dashboard', () => {
  it('serves the page revalidated on every load, and allowed to talk only to its own API', () => {
    const response = siteResponse(site, 'index.html', undefined);
    expect(response).toMatchObject({ statusCode: 200, body: '<!doctype html>', isBase64Encoded: false });
    expect(response.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', etag: '"page"' });
    expect(response.headers!['content-security-policy']).toContain("connect-src 'self'");
  });

  it('lets browsers keep hashed assets for good, binary ones base64-encoded', () => {
    expect(siteResponse(site, 'assets/index-abc.js', undefined).headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(siteResponse(site, 'assets/logo-abc.png', undefined)).toMatchObject({ isBase64Encoded: true, body: 'iVBORw0K' });
  });

  it('answers 304 without a body when the browser has the same file', () => {
    const response = siteResponse(site, 'index.html', 'W/"old", "page"');
    expect(response.statusCode).toBe(304);
    expect(response.body).toBeUndefined();
  });

  it("answers a file the build does not have with the API's own 404", () => {
    for (const path of ['assets/missing.js', 'constructor', '__proto__']) {
      expect(siteResponse(site, path, undefined)).toMatchObject({ statusCode: 404, body: JSON.stringify({ detail: 'Not Found' }) });
    }
  });
});
