import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

interface CurlExample {
  method: string;
  path: string;
  body?: unknown;
}

/** The seed README's curl commands (kept verbatim in a fixture), as method, path and JSON body. */
function seedExamples(): CurlExample[] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'seed-curl-examples.sh'), 'utf8');
  return text
    .split(/^(?=curl )/m)
    .filter((block) => block.startsWith('curl '))
    .map((block) => {
      const method = /-X (\w+)/.exec(block)?.[1];
      const url = /"(http:\/\/localhost:8000[^"]*)"/.exec(block)?.[1];
      const data = /-d '([\s\S]*?)'/.exec(block)?.[1];
      if (!method || !url) throw new Error(`Cannot read the curl example: ${block}`);
      return { method, path: new URL(url).pathname, ...(data ? { body: JSON.parse(data) } : {}) };
    });
}

const isoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe('the seed README, run verbatim against a fresh database', () => {
  const api = useApiStack();

  it('answers every curl example in order as the seed describes', async () => {
    const examples = seedExamples();
    expect(examples.map((e) => `${e.method} ${e.path}`)).toEqual([
      'POST /operators/',
      'GET /operators/',
      'PUT /operators/1',
      'POST /sources/',
      'GET /sources/',
      'POST /assignments/',
      'GET /assignments/',
      'POST /contacts/',
      'GET /leads/',
      'GET /contacts/',
    ]);
    // Extensions add fields, never rename: an operator's presence and whether they take contacts now, a source's routing
    // policy (the seed's by default) and channel, an assignment's count, a contact's offer, priority and manager flag.
    const contact = {
      id: 1,
      lead_id: 1,
      source_id: 1,
      operator_id: 1,
      status: 'open',
      created_at: isoTime,
      closed_at: null,
      offer_expires_at: null,
      priority: 0,
      needs_manager: false,
    };
    const available = {
      presence: 'available',
      presence_timeout_s: null,
      last_heartbeat_at: null,
      quota: null,
      quota_used: null,
      telegram_linked: false,
      eligible_now: true,
      not_eligible_because: null,
    };
    const routing = { mode: 'weighted_random', sticky: false };
    const expected = [
      [201, { id: 1, name: 'Оператор Иван', is_active: true, max_load: 5, current_load: 0, ...available }],
      [200, [{ id: 1, name: 'Оператор Иван', is_active: true, max_load: 5, current_load: 0, ...available }]],
      [200, { id: 1, name: 'Иван Обновленный', is_active: true, max_load: 7, current_load: 0, ...available }],
      [201, { id: 1, name: 'Telegram Bot', routing, channel: null }],
      [200, [{ id: 1, name: 'Telegram Bot', routing, channel: null }]],
      [201, { id: 1, operator_id: 1, source_id: 1, weight: 10, assigned: 0, quota: null, quota_used: null }],
      [200, [{ id: 1, operator_id: 1, source_id: 1, weight: 10, assigned: 0, quota: null, quota_used: null }]],
      [201, contact],
      [200, [{ id: 1, external_id: '+79161234567', created_at: isoTime, erased_at: null }]],
      [200, [contact]],
    ] as const;
    for (const [i, example] of examples.entries()) {
      const response = await api.request(example.method, example.path, example.body);
      expect({ example: `${example.method} ${example.path}`, status: response.status, body: response.body }).toEqual({
        example: `${example.method} ${example.path}`,
        status: expected[i]![0],
        body: expected[i]![1],
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const operators = await api.request('GET', '/operators/');
    expect(operators.body[0].current_load).toBe(1);
  });

  it('serves every path with and without the trailing slash', async () => {
    for (const path of ['/operators', '/sources', '/assignments', '/leads', '/contacts']) {
      expect((await api.request('GET', path)).status).toBe(200);
      expect((await api.request('GET', `${path}/`)).status).toBe(200);
    }
    expect((await api.request('PUT', '/operators/1/', { name: 'Иван', max_load: 7 })).status).toBe(200);
  });

  it('pages lists with a Link header while the body stays a plain array', async () => {
    for (let i = 0; i < 3; i++) await api.request('POST', '/sources/', { name: `Form ${i}` });
    const first = await api.request('GET', '/sources/?limit=2');
    expect(first.body.map((s: { id: number }) => s.id)).toEqual([1, 2]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toMatch(/^\/sources\/?\?limit=2&cursor=/);
    const second = await api.request('GET', next!);
    expect(second.body.map((s: { id: number }) => s.id)).toEqual([3, 4]);
    expect(second.headers.get('link')).toBeNull();
  });
});
