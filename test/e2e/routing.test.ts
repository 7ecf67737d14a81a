import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

describe('routing policies over HTTP', () => {
  const api = useApiStack();

  it('switches a source to round robin and shows exact shares, stats and explanations', async () => {
    for (const name of ['Иван', 'Мария', 'Пётр']) await api.request('POST', '/operators/', { name, max_load: 100 });
    expect((await api.request('POST', '/sources/', { name: 'Telegram Bot' })).body).toEqual({
      id: 1,
      name: 'Telegram Bot',
      routing: { mode: 'weighted_random', sticky: false },
      channel: null,
    });
    for (const [operator_id, weight] of [
      [1, 1],
      [2, 2],
      [3, 3],
    ]) {
      await api.request('POST', '/assignments/', { operator_id, source_id: 1, weight });
    }
    const changed = await api.request('PUT', '/sources/1', { name: 'Telegram Bot', routing: { mode: 'weighted_round_robin' } });
    expect(changed).toMatchObject({ status: 200, body: { routing: { mode: 'weighted_round_robin', sticky: false } } });

    const order: number[] = [];
    for (let i = 0; i < 12; i++)
      order.push((await api.request('POST', '/contacts/', { lead_external_id: `+7916000000${i % 10}`, source_id: 1 })).body.operator_id);
    expect([1, 2, 3].map((id) => order.filter((o) => o === id).length)).toEqual([2, 4, 6]);

    const stats = (await api.request('GET', '/sources/1/stats')).body;
    expect(stats).toMatchObject({ source_id: 1, mode: 'weighted_round_robin', total_assigned: 12 });
    expect(stats.operators.map((o: { assigned: number; expected_share: number }) => [o.assigned, o.expected_share])).toEqual([
      [2, 1 / 6],
      [4, 2 / 6],
      [6, 3 / 6],
    ]);

    const contact = (await api.request('GET', '/contacts/1')).body;
    expect(contact.routing).toMatchObject({
      trigger: 'registration',
      mode: 'weighted_round_robin',
      decided_by: 'mode',
      winner: contact.operator_id,
    });
    expect(contact.routing.candidates).toHaveLength(3);
    expect((await api.request('GET', '/sources/1')).body.assignments.map((a: { weight: number }) => a.weight)).toEqual([1, 2, 3]);
  });

  it('changes and removes assignments, and refuses unknown modes and ids', async () => {
    expect(await api.request('PUT', '/assignments/1', { weight: 9 })).toMatchObject({ status: 200, body: { id: 1, weight: 9 } });
    expect((await api.request('DELETE', '/assignments/3')).status).toBe(204);
    expect((await api.request('GET', '/sources/1')).body.assignments.map((a: { operator_id: number }) => a.operator_id)).toEqual([1, 2]);
    expect((await api.request('DELETE', '/assignments/3')).status).toBe(404);
    expect((await api.request('PUT', '/sources/1', { name: 'x', routing: { mode: 'dice' } })).status).toBe(422);
    expect((await api.request('GET', '/sources/9/stats')).body).toEqual({ detail: 'Source 9 not found' });
  });

  it('simulates a proposal on the period’s real contacts and on synthetic ones, and sets quotas', async () => {
    const period = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const proposal = {
      routing: { mode: 'smooth_weighted' },
      assignments: [
        { operator_id: 1, weight: 1 },
        { operator_id: 2, weight: 1 },
      ],
      replay: period,
    };
    const simulated = await api.request('POST', '/sources/1/simulate', proposal);
    expect(simulated).toMatchObject({
      status: 200,
      body: { source_id: 1, mode: 'smooth_weighted', replay: { kind: 'period', contacts: 12 } },
    });
    expect(simulated.body.simulated.operators.map((o: { contacts: number }) => o.contacts)).toEqual([6, 6]);
    // What really happened, beside it: round robin's 2 and 4 of the first twelve (operator 3 left since).
    expect(simulated.body.actual.operators.map((o: { operator_id: number; contacts: number }) => [o.operator_id, o.contacts])).toEqual([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    const synthetic = await api.request('POST', '/sources/1/simulate', { replay: { contacts: 100, per_hour: 30 } });
    expect(synthetic).toMatchObject({ status: 200, body: { replay: { kind: 'synthetic', contacts: 100 }, actual: null } });
    expect((await api.request('POST', '/sources/1/simulate', { replay: { contacts: 0, per_hour: 30 } })).status).toBe(422);
    expect((await api.request('POST', '/sources/9/simulate', { replay: { contacts: 1, per_hour: 1 } })).status).toBe(404);

    const quota = { max: 1, per: 'day', time_zone: 'Europe/Moscow' };
    expect(await api.request('PATCH', '/operators/2', { quota })).toMatchObject({ status: 200, body: { quota, quota_used: 0 } });
    expect(await api.request('PUT', '/assignments/1', { weight: 9, quota })).toMatchObject({ status: 200, body: { quota, quota_used: 0 } });

    // Every change made here is in the audit trail, from the table's stream, newest first.
    const history = async () =>
      (await api.request('GET', '/audit/?entity=assignment&entity_id=1')).body as { action: string; changes: object }[];
    await expect.poll(async () => (await history()).length, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(3);
    const [latest] = await history();
    expect(latest).toMatchObject({ action: 'updated', entity: 'assignment', entity_id: 1, changes: { quota: { from: null, to: quota } } });
    expect((await history()).at(-1)).toMatchObject({ action: 'created', changes: { weight: { from: null, to: 1 } } });
  });
});
