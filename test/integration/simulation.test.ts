import { beforeEach, describe, expect, it } from 'vitest';
import { closeContact } from '../../lib/contacts/lifecycle';
import { replaceSource } from '../../lib/db/sources';
import type { RoutingMode } from '../../lib/routing/modes';
import { SimulationInput } from '../../lib/schemas/simulation';
import { simulateSource } from '../../lib/simulation/simulate';
import { allItems, useFreshTable } from '../support/database';
import { registerContact, sourceWithOperators } from '../support/fixtures';
import type { Database } from '../../lib/db/client';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const simulate = (input: unknown) => simulateSource(1, SimulationInput.parse(input));
const countsOf = (outcome: { operators: { operator_id: number; contacts: number }[] }) =>
  Object.fromEntries(outcome.operators.map((o) => [o.operator_id, o.contacts]));

/** Registers `count` contacts one after another (closing every third, so that capacity frees); answers the period they span. */
async function realTraffic(count: number) {
  const from = new Date(Date.now() - 1_000).toISOString();
  for (let i = 0; i < count; i++) {
    const contact = await registerContact({ lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: 1 });
    if (i % 3 === 2 && contact.operator_id !== null) await closeContact(contact.id);
  }
  return { from, to: new Date(Date.now() + 1_000).toISOString() };
}

describe('the what-if simulator, checked against real runs', () => {
  it.each<RoutingMode>(['weighted_round_robin', 'smooth_weighted', 'least_loaded'])(
    'routes a period’s real arrivals to the same operators the live system did (%s)',
    async (mode) => {
      // Small capacities, so that operators fill up, drop out of the eligible set and come back.
      await sourceWithOperators([1, 2, 3], 6);
      await replaceSource(1, { name: 'Telegram Bot', routing: { mode, sticky: false } });
      const period = await realTraffic(45);
      const result = await simulate({ replay: period });
      expect(result.replay).toMatchObject({ kind: 'period', contacts: 45, truncated: false });
      expect(result.actual!.assigned).toBeGreaterThan(20);
      expect(result.actual!.unassigned).toBeGreaterThan(0);
      expect(countsOf(result.simulated)).toEqual(countsOf(result.actual!));
      expect(result.simulated.unassigned).toBe(result.actual!.unassigned);
    },
  );

  it('keeps weighted random’s shares within statistical bounds of the weights, real and simulated', async () => {
    await sourceWithOperators([1, 3], 1_000);
    const period = await realTraffic(200);
    const result = await simulate({ replay: period, seed: 42 });
    for (const outcome of [result.actual!, result.simulated]) {
      const share = outcome.operators.find((o) => o.operator_id === 2)!.share;
      // 4 standard deviations of a share of 3/4 over 200 contacts.
      expect(Math.abs(share - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / 200));
    }
  });

  it('writes nothing, and gives the same answer for the same seed', async () => {
    await sourceWithOperators([1, 3], 5);
    const period = await realTraffic(20);
    const before = await allItems(db);
    const proposal = {
      assignments: [
        { operator_id: 1, weight: 1 },
        { operator_id: 2, weight: 1 },
      ],
      replay: period,
      seed: 7,
    };
    const first = await simulate(proposal);
    expect(await simulate(proposal)).toEqual(first);
    await simulate({ replay: { contacts: 500, per_hour: 120 }, seed: 7 });
    expect(await allItems(db)).toEqual(before);
  });
});

describe('a proposed setup', () => {
  it('shows shares, peaks, hours at capacity and waits that follow the proposal', async () => {
    await sourceWithOperators([1, 1], 1_000);
    const traffic = { contacts: 2_000, per_hour: 60, handle_minutes: 30, start: '2026-12-07T06:00:00Z' };
    const even = await simulate({ routing: { mode: 'smooth_weighted' }, replay: traffic });
    expect(countsOf(even.simulated)).toEqual({ 1: 1_000, 2: 1_000 });
    expect(even.actual).toBeNull();
    const proposal = await simulate({
      routing: { mode: 'smooth_weighted' },
      assignments: [
        { operator_id: 1, weight: 1 },
        { operator_id: 2, weight: 3 },
      ],
      operators: [{ operator_id: 2, max_load: 2 }],
      replay: traffic,
    });
    const [one, two] = proposal.simulated.operators;
    // Operator 2 is promised three quarters but holds two contacts at most: they run at capacity and
    // the rest spills to operator 1, and nobody waits while operator 1 has room.
    expect(two!.peak_load).toBe(2);
    expect(two!.hours_at_capacity).toBeGreaterThan(1);
    expect(one!.contacts).toBeGreaterThan(500);
    expect(one!.contacts + two!.contacts).toBe(2_000);
    expect(proposal.simulated.waited).toBe(0);

    const tight = await simulate({
      operators: [
        { operator_id: 1, max_load: 1 },
        { operator_id: 2, max_load: 1 },
      ],
      replay: traffic,
    });
    expect(tight.simulated.waited).toBeGreaterThan(100);
    expect(tight.simulated.p95_wait_seconds).toBeGreaterThan(tight.simulated.median_wait_seconds!);
  });

  it('keeps to proposed quotas per calendar day and working hours', async () => {
    await sourceWithOperators([1, 1], 1_000);
    const traffic = { contacts: 48, per_hour: 2, handle_minutes: 1, start: '2026-12-07T00:00:00Z' };
    const result = await simulate({
      routing: { mode: 'weighted_round_robin' },
      assignments: [
        { operator_id: 1, weight: 1, quota: { max: 3, per: 'day', time_zone: 'UTC' } },
        { operator_id: 2, weight: 1 },
      ],
      operators: [{ operator_id: 2, schedule: { time_zone: 'UTC', weekly: [{ day: 'mon', from: '09:00', to: '18:00' }] } }],
      replay: traffic,
      seed: 3,
    });
    const [one, two] = result.simulated.operators;
    // About two days of traffic: operator 1 takes 3 a day at most, operator 2 only on Monday's shift.
    expect(one!.contacts).toBeLessThanOrEqual(9);
    expect(two!.contacts).toBeGreaterThan(0);
    expect(result.simulated.unassigned + result.simulated.waited).toBeGreaterThan(0);
  });

  it('refuses an unknown operator or source, and a period that ends before it starts', async () => {
    await sourceWithOperators([1], 5);
    await expect(simulate({ assignments: [{ operator_id: 9, weight: 1 }], replay: { contacts: 1, per_hour: 1 } })).rejects.toThrow(
      'Operator 9 not found',
    );
    await expect(simulateSource(7, SimulationInput.parse({ replay: { contacts: 1, per_hour: 1 } }))).rejects.toThrow('Source 7 not found');
    expect(SimulationInput.safeParse({ replay: { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' } }).success).toBe(false);
  });
});
