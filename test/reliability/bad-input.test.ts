import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../lib/db/client';
import { ROUTES } from '../../lib/routes';
import { allItems, useFreshTable } from '../support/database';
import { DEPLOYED_ROUTES, type DeployedRoute } from '../support/deployed-routes';
import { registerContact, sourceWithOperators } from '../support/fixtures';

/**
 * Every HTTP route of serverless.ts, given random bodies, path parameters, query strings and
 * headers, in process against a real table: never a 5xx, every error in FastAPI's `{detail}` shape,
 * and a rejected request changes nothing in the table.
 */
const ROOT = join(__dirname, '..', '..');
const routes = DEPLOYED_ROUTES;

const context = { awsRequestId: 'bad-input', functionName: 'bad-input' } as Context;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.constantFrom('1', '0', '-1', '2', '1.5', '1e3', '999999999999999999999', 'null', 'true', '', ' ', '%00', '../1', 'NaN'),
);
const body = fc.option(
  fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 80 }),
    // Near misses of the real bodies: known field names with values of any type.
    fc
      .dictionary(
        fc.constantFrom(
          'name',
          'is_active',
          'max_load',
          'weight',
          'operator_id',
          'source_id',
          'lead_external_id',
          'routing',
          'channel',
          'update_id',
          'message',
          'type',
          'secret',
          'object',
          'entry',
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map((value) => JSON.stringify(value)),
  ),
  { nil: undefined },
);
const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'content-type',
      'idempotency-key',
      'x-telegram-bot-api-secret-token',
      'x-hub-signature-256',
      'authorization',
      'x-api-key',
      'origin',
    ),
    fc.string({ minLength: 1, maxLength: 10 }).map((name) => name.toLowerCase()),
  ),
  text,
  { maxKeys: 4 },
);
const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'limit',
      'cursor',
      'status',
      'operator_id',
      'source_id',
      'lead_id',
      'unassigned',
      'order',
      'hub.mode',
      'hub.verify_token',
      'hub.challenge',
    ),
    fc.string({ maxLength: 8 }),
  ),
  text,
  { maxKeys: 4 },
);

function eventFor(
  route: DeployedRoute,
  input: {
    body: string | undefined;
    base64: boolean;
    headers: Record<string, string>;
    query: Record<string, string>;
    path: Record<string, string>;
  },
): APIGatewayProxyEventV2 {
  const method = route.method === 'ANY' ? 'POST' : route.method;
  const rawPath = route.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => encodeURIComponent(input.path[name] ?? ''));
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(input.query).toString(),
    headers: input.headers,
    queryStringParameters: Object.keys(input.query).length ? input.query : undefined,
    pathParameters: Object.keys(input.path).length ? input.path : undefined,
    body: input.body === undefined ? undefined : input.base64 ? Buffer.from(input.body).toString('base64') : input.body,
    isBase64Encoded: input.body !== undefined && input.base64,
    requestContext: {
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fast-check' },
      requestId: 'bad-input',
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
    },
  } as unknown as APIGatewayProxyEventV2;
}

let db: Database;
beforeAll(async () => {
  db = await useFreshTable();
  // Something to find, change or collide with: two operators on a source, and a contact.
  await sourceWithOperators([10, 20], 5);
  await registerContact({ lead_external_id: '+79161234567', source_id: 1 });
});

describe('random requests on every route', () => {
  it('cover every documented route, and the documentation, dashboard and catch-all beside them', () => {
    const documented = Object.values(ROUTES).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    const undocumented = [
      'GET /openapi.json',
      'GET /docs',
      'GET /redoc',
      'GET /docs/assets/{file}',
      'GET /',
      'GET /assets/{file}',
      'ANY /{proxy+}',
    ];
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([...documented, ...undocumented].sort());
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: never a 5xx, errors as {detail}, a rejection writes nothing',
    async (_, route) => {
      const module = (await import(join(ROOT, route.module))) as {
        handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
      };
      const pathNames = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1]!);
      const path = fc.record(Object.fromEntries(pathNames.map((name) => [name, text])) as Record<string, fc.Arbitrary<string>>);
      let before = await allItems(db);
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.boolean(),
          headers,
          query,
          path,
          async (requestBody, base64, requestHeaders, requestQuery, requestPath) => {
            const response = await module.handler(
              eventFor(route, { body: requestBody, base64, headers: requestHeaders, query: requestQuery, path: requestPath }),
              context,
            );
            const { statusCode, body: responseBody } = (typeof response === 'string' ? { statusCode: 200, body: response } : response) as {
              statusCode: number;
              body?: string;
            };
            expect(statusCode, responseBody).toBeLessThan(500);
            const after = await allItems(db);
            if (statusCode >= 400) {
              expect(JSON.parse(responseBody ?? 'null')).toEqual({ detail: expect.anything() });
              expect(after).toEqual(before);
            }
            before = after;
          },
        ),
        { numRuns: 12 },
      );
    },
  );
});
