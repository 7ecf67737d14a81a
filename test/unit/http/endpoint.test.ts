import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { ConflictError, InvalidError, notFound, UnavailableError } from '../../../lib/errors';
import { endpoint, MAX_BODY_BYTES } from '../../../lib/http/endpoint';
import { ok } from '../../../lib/http/responses';
import { OperatorInput, OperatorPath } from '../../../lib/schemas/operators';
import { ListQuery } from '../../../lib/schemas/common';

const context = { awsRequestId: 'test-request' } as Context;

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return { rawPath: '/operators', headers: {}, isBase64Encoded: false, ...overrides } as APIGatewayProxyEventV2;
}

const echo = endpoint({ body: OperatorInput, pathParams: OperatorPath }, async ({ body, path }) => ok({ ...body, id: path.operator_id }));
const call = async (handler: typeof echo, e: APIGatewayProxyEventV2) => {
  const response = await handler(e, context);
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null'), headers: response.headers };
};

describe('request validation', () => {
  it('passes typed, defaulted values to the action', async () => {
    const response = await call(echo, event({ body: '{"name":" Ivan ","max_load":3}', pathParameters: { operator_id: '7' } }));
    expect(response).toMatchObject({ status: 200, body: { id: 7, name: 'Ivan', is_active: true, max_load: 3 } });
  });

  it('reports every invalid field in FastAPI shape', async () => {
    const response = await call(echo, event({ body: '{"name":"","is_active":"yes","max_load":-1}', pathParameters: { operator_id: '7' } }));
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([
      {
        loc: ['body', 'name'],
        msg: 'ensure this value has at least 1 characters',
        type: 'value_error.any_str.min_length',
        ctx: { limit_value: 1 },
      },
      { loc: ['body', 'is_active'], msg: 'value could not be parsed to a boolean', type: 'type_error.bool' },
      {
        loc: ['body', 'max_load'],
        msg: 'ensure this value is greater than or equal to 0',
        type: 'value_error.number.not_ge',
        ctx: { limit_value: 0 },
      },
    ]);
  });

  it('says which fields are missing', async () => {
    const response = await call(echo, event({ body: '{}', pathParameters: { operator_id: '7' } }));
    expect(response.body.detail.map((d: { loc: string[]; type: string }) => [d.loc.join('.'), d.type])).toEqual([
      ['body.name', 'value_error.missing'],
      ['body.max_load', 'value_error.missing'],
    ]);
  });

  it('rejects a fractional or textual integer', async () => {
    for (const max_load of [1.5, '5']) {
      const response = await call(echo, event({ body: JSON.stringify({ name: 'a', max_load }), pathParameters: { operator_id: '1' } }));
      expect(response.body.detail).toEqual([
        { loc: ['body', 'max_load'], msg: 'value is not a valid integer', type: 'type_error.integer' },
      ]);
    }
  });

  it('points at the position of malformed JSON', async () => {
    const response = await call(echo, event({ body: '{"name": "a",', pathParameters: { operator_id: '1' } }));
    expect(response.status).toBe(422);
    expect(response.body.detail[0]).toMatchObject({ loc: ['body', 13], type: 'value_error.jsondecode' });
  });

  it('treats an absent body as a missing body', async () => {
    const response = await call(echo, event({ pathParameters: { operator_id: '1' } }));
    expect(response.body.detail).toEqual([{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }]);
  });

  it('rejects a body that is not an object', async () => {
    const response = await call(echo, event({ body: '[1,2]', pathParameters: { operator_id: '1' } }));
    expect(response.body.detail).toEqual([{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }]);
  });

  it('decodes base64 bodies as API Gateway sends them', async () => {
    const body = Buffer.from('{"name":"B","max_load":1}').toString('base64');
    const response = await call(echo, event({ body, isBase64Encoded: true, pathParameters: { operator_id: '2' } }));
    expect(response).toMatchObject({ status: 200, body: { name: 'B' } });
  });

  it('rejects a non-numeric path id', async () => {
    const response = await call(echo, event({ body: '{"name":"a","max_load":1}', pathParameters: { operator_id: 'abc' } }));
    expect(response.body.detail).toEqual([
      { loc: ['path', 'operator_id'], msg: 'value is not a valid integer', type: 'type_error.integer' },
    ]);
  });

  it('refuses a body over 64 KB with 413 before parsing it', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), max_load: 1 });
    const response = await call(echo, event({ body, pathParameters: { operator_id: '1' } }));
    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/too large/);
  });

  it('bounds list page sizes', async () => {
    const list = endpoint({ query: ListQuery }, async ({ query }) => ok(query));
    expect((await call(list, event())).body).toEqual({ limit: 100 });
    expect((await call(list, event({ queryStringParameters: { limit: '500', cursor: 'abc' } }))).body).toEqual({
      limit: 500,
      cursor: 'abc',
    });
    for (const limit of ['0', '501', 'ten', '-1']) {
      expect((await call(list, event({ queryStringParameters: { limit } }))).status).toBe(422);
    }
  });
});

describe('error responses', () => {
  const failing = (error: unknown) => endpoint({}, async () => Promise.reject(error));

  it('answer 503 before the function times out, never letting a timeout reach the client as anything else', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const slow = endpoint({}, () => new Promise<never>(() => {}));
    const fast = endpoint({}, async () => ok({ done: true }));
    // 1.2 s left of the function's time: the answer comes at the latest 1 s before its end.
    const running = { ...context, getRemainingTimeInMillis: () => 1_200 } as Context;
    const response = await slow(event(), running);
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body!).detail).toMatch(/ran out of time; it may have been applied/);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect((await fast(event(), running)).statusCode).toBe(200);
  });

  it('maps domain errors to their status with the message as detail', async () => {
    expect(await call(failing(notFound('Operator', 7)), event())).toMatchObject({ status: 404, body: { detail: 'Operator 7 not found' } });
    expect(await call(failing(new ConflictError('taken')), event())).toMatchObject({ status: 409, body: { detail: 'taken' } });
    expect(await call(failing(new InvalidError('invalid cursor', ['query', 'cursor'])), event())).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['query', 'cursor'], msg: 'invalid cursor', type: 'value_error' }] },
    });
  });

  it('asks the client to retry when the database is unavailable', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    // A plain write that met an ongoing transaction on the same item: the SDK does not retry it.
    const collided = Object.assign(new Error('Transaction is ongoing for the item'), { name: 'TransactionConflictException' });
    for (const error of [new UnavailableError(), throttled, refused, collided]) {
      const response = await call(failing(error), event());
      expect(response.status).toBe(503);
      expect(response.headers).toMatchObject({ 'retry-after': '1' });
    }
  });

  it('hides the details of unexpected errors and logs them', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await call(failing(new TypeError('secret internals')), event());
    expect(response).toMatchObject({ status: 500, body: { detail: 'Internal Server Error' } });
    expect(JSON.stringify(response.body)).not.toContain('secret');
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({
      level: 'ERROR',
      requestId: 'test-request',
      error: { name: 'TypeError' },
    });
  });
});

describe('security headers', () => {
  it('come with every answer, success or error', async () => {
    const success = await call(echo, event({ body: '{"name":"a","max_load":1}', pathParameters: { operator_id: '1' } }));
    const failure = await call(echo, event({ body: '{', pathParameters: { operator_id: '1' } }));
    for (const { headers } of [success, failure]) {
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': expect.stringContaining('max-age='),
      });
    }
  });

  it("let pages load only the API's own scripts", async () => {
    const page = endpoint({}, async () => ({
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<p>hi</p>',
    }));
    const response = await page(event(), context);
    expect(response.headers?.['content-security-policy']).toContain("script-src 'self'");
  });
});
