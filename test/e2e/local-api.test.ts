import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi } from '../../scripts/local-api';
import { freePort } from '../../scripts/processes';
import type { FunctionConfig } from '../../serverless';

/**
 * The local stack's API Gateway and Lambda (scripts/local-api.ts), with functions of its own: the
 * events it builds, the authorizer it runs, and what it answers for a function that fails or runs
 * out of time (a 5xx as API Gateway's, never a 2xx).
 */
const handlers: Record<string, string> = {
  echo: 'exports.handler = async (event, context) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ event, remaining: context.getRemainingTimeInMillis() }) });',
  plain: 'exports.handler = async () => ({ plain: true });',
  binary:
    'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "image/png" }, body: Buffer.from([137, 80, 78, 71]).toString("base64"), isBase64Encoded: true });',
  slow: 'exports.handler = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 201, body: "too late" }), 3000));',
  throws: 'exports.handler = async () => { throw new Error("broken"); };',
  authorize:
    'exports.handler = async (event) => event.headers["x-api-key"] === "good" ? { isAuthorized: true, context: { role: "admin" } } : { isAuthorized: false };',
  missing: 'exports.handler = async () => ({ statusCode: 404, body: "{\\"detail\\":\\"Not Found\\"}" });',
};

const fn = (file: string, events: FunctionConfig['events'], extra: Partial<FunctionConfig> = {}): FunctionConfig => ({
  role: 'NoDataRole',
  handler: `functions/${file}.handler`,
  events,
  ...extra,
});

const functions: Record<string, FunctionConfig> = {
  items: fn('echo', [{ httpApi: 'GET /items' }, { httpApi: { method: 'POST', path: '/items/{item_id}', authorizer: { name: 'apiKey' } } }]),
  files: fn('echo', [{ httpApi: 'GET /files/{path+}' }]),
  plain: fn('plain', [{ httpApi: 'GET /plain' }]),
  binary: fn('binary', [{ httpApi: 'GET /logo.png' }]),
  slow: fn('slow', [{ httpApi: 'GET /slow' }], { timeout: 1 }),
  throws: fn('throws', [{ httpApi: 'GET /throws' }]),
  authorizeApiKey: fn('authorize', []),
  notFound: fn('missing', [{ httpApi: '*' }]),
};

let dir: string;
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'local-api-'));
  mkdirSync(join(dir, 'functions'));
  for (const [name, source] of Object.entries(handlers)) writeFileSync(join(dir, 'functions', `${name}.js`), source);
  const port = await freePort();
  ({ stop } = await startLocalApi({ port, functionsDir: dir, auth: true, noTimeout: false, functions }));
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

const eventOf = async (response: Response) => ((await response.json()) as { event: Record<string, any>; remaining: number }).event;

describe('the local API', () => {
  it('hands a function API Gateway’s payload 2.0 event, a trailing slash matching the same route', async () => {
    for (const path of ['/items?tag=a&tag=b', '/items/?tag=a&tag=b']) {
      const response = await fetch(`${url}${path}`, { headers: { 'x-custom': 'yes' } });
      expect(response.status).toBe(200);
      const event = await eventOf(response);
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'GET /items',
        rawPath: path.split('?')[0],
        rawQueryString: 'tag=a&tag=b',
        queryStringParameters: { tag: 'a,b' },
        headers: { 'x-custom': 'yes' },
        requestContext: { http: { method: 'GET', path: path.split('?')[0] }, stage: '$default' },
        isBase64Encoded: false,
      });
    }
    const nested = await eventOf(await fetch(`${url}/files/a/b%20c.txt`));
    expect(nested.pathParameters).toEqual({ path: 'a/b c.txt' });
  });

  it('runs the authorizer first: a refusal is a 403, a grant reaches the function with its context', async () => {
    expect(await (await fetch(`${url}/items/5`, { method: 'POST', body: '{}' })).json()).toEqual({ message: 'Forbidden' });
    expect((await fetch(`${url}/items/5`, { method: 'POST', headers: { 'x-api-key': 'bad' } })).status).toBe(403);
    const granted = await fetch(`${url}/items/5`, {
      method: 'POST',
      headers: { 'x-api-key': 'good', 'content-type': 'application/json' },
      body: '{"name":"Иван"}',
    });
    const event = await eventOf(granted);
    expect(event).toMatchObject({
      pathParameters: { item_id: '5' },
      body: '{"name":"Иван"}',
      isBase64Encoded: false,
      requestContext: { authorizer: { lambda: { role: 'admin' } } },
    });
  });

  it('hands a binary body over as base64, and returns one from base64', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const event = await eventOf(
      await fetch(`${url}/items/6`, {
        method: 'POST',
        headers: { 'x-api-key': 'good', 'content-type': 'application/octet-stream' },
        body: bytes,
      }),
    );
    expect(event).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    const logo = await fetch(`${url}/logo.png`);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('answers a result without a status code as a 200 with it as JSON', async () => {
    const response = await fetch(`${url}/plain`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ plain: true });
  });

  it('answers a function that outlives its timeout or fails with a 500, never a 2xx', async () => {
    const started = Date.now();
    const slow = await fetch(`${url}/slow`);
    expect(slow.status).toBe(500);
    expect(await slow.json()).toEqual({ message: 'Internal Server Error' });
    expect(Date.now() - started).toBeLessThan(2_500);
    const failed = await fetch(`${url}/throws`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('gives every other path to the catch-all route', async () => {
    const response = await fetch(`${url}/nothing/here`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });
});
