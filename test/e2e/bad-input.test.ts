import { beforeAll, describe, expect, it } from 'vitest';
import { allItems } from '../support/database';
import { useApiStack } from '../support/stack';

describe('bad input over HTTP', () => {
  const api = useApiStack();

  beforeAll(async () => {
    await api.request('POST', '/operators/', { name: 'Иван', max_load: 5 });
    await api.request('POST', '/sources/', { name: 'Telegram Bot' });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 10 });
    // The audit trail of these writes comes from the table's stream a moment later: let it land, so
    // that "writes nothing" below compares tables the setup no longer changes.
    const audited = async () => ((await api.request('GET', '/audit/')).body as unknown[]).length;
    for (const deadline = Date.now() + 20_000; (await audited()) < 3 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if ((await audited()) < 3) throw new Error('the audit trail of the setup did not land within 20 s');
  });

  const cases: [title: string, method: string, path: string, body: unknown, status: number, detail: unknown][] = [
    [
      'malformed JSON',
      'POST',
      '/operators/',
      '{"name": "x",',
      422,
      [expect.objectContaining({ loc: ['body', 13], type: 'value_error.jsondecode' })],
    ],
    ['no body', 'POST', '/sources/', undefined, 422, [{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }]],
    [
      'a missing field',
      'POST',
      '/operators/',
      { name: 'x' },
      422,
      [{ loc: ['body', 'max_load'], msg: 'field required', type: 'value_error.missing' }],
    ],
    [
      'a mistyped field',
      'POST',
      '/operators/',
      { name: 'x', max_load: 'five' },
      422,
      [expect.objectContaining({ loc: ['body', 'max_load'], type: 'type_error.integer' })],
    ],
    [
      'a negative max_load',
      'POST',
      '/operators/',
      { name: 'x', max_load: -1 },
      422,
      [expect.objectContaining({ loc: ['body', 'max_load'], type: 'value_error.number.not_ge' })],
    ],
    [
      'an empty name',
      'POST',
      '/sources/',
      { name: '   ' },
      422,
      [expect.objectContaining({ loc: ['body', 'name'], type: 'value_error.any_str.min_length' })],
    ],
    [
      'a zero weight',
      'POST',
      '/assignments/',
      { operator_id: 1, source_id: 1, weight: 0 },
      422,
      [expect.objectContaining({ loc: ['body', 'weight'] })],
    ],
    [
      'a negative weight',
      'POST',
      '/assignments/',
      { operator_id: 1, source_id: 1, weight: -5 },
      422,
      [expect.objectContaining({ loc: ['body', 'weight'] })],
    ],
    [
      'a non-numeric path id',
      'PUT',
      '/operators/abc',
      { name: 'x', max_load: 1 },
      422,
      [{ loc: ['path', 'operator_id'], msg: 'value is not a valid integer', type: 'type_error.integer' }],
    ],
    ['an unknown operator to update', 'PUT', '/operators/99', { name: 'x', max_load: 1 }, 404, 'Operator 99 not found'],
    ['an unknown operator to assign', 'POST', '/assignments/', { operator_id: 99, source_id: 1, weight: 1 }, 404, 'Operator 99 not found'],
    ['an unknown source to assign', 'POST', '/assignments/', { operator_id: 1, source_id: 99, weight: 1 }, 404, 'Source 99 not found'],
    [
      'the same pair assigned twice',
      'POST',
      '/assignments/',
      { operator_id: 1, source_id: 1, weight: 3 },
      409,
      'Operator 1 is already assigned to source 1',
    ],
    [
      'a contact from an unknown source',
      'POST',
      '/contacts/',
      { lead_external_id: '+79161234567', source_id: 99 },
      404,
      'Source 99 not found',
    ],
    [
      'a contact without a lead',
      'POST',
      '/contacts/',
      { lead_external_id: '', source_id: 1 },
      422,
      [expect.objectContaining({ loc: ['body', 'lead_external_id'] })],
    ],
    ['a body over 64 KB', 'POST', '/operators/', { name: 'x'.repeat(70_000), max_load: 1 }, 413, expect.stringMatching(/too large/)],
    ['an invalid page size', 'GET', '/contacts/?limit=0', undefined, 422, [expect.objectContaining({ loc: ['query', 'limit'] })]],
    [
      'a forged cursor',
      'GET',
      '/contacts/?cursor=bm90LWEtY3Vyc29y',
      undefined,
      422,
      [expect.objectContaining({ loc: ['query', 'cursor'] })],
    ],
    ['an unknown route', 'GET', '/nowhere', undefined, 404, 'Not Found'],
  ];

  it.each(cases)('answers %s with a clear error and writes nothing', async (_title, method, path, body, status, detail) => {
    const before = await allItems(api.db);
    const response = await api.request(method, path, body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ detail });
    expect(await allItems(api.db)).toEqual(before);
  });
});
