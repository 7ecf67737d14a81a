import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainRouting } from '../../../lib/routing/explanation';
import { chooseOperator, pickLeastLoaded, pickRoundRobin, ROUTING_MODES, type RoutingPolicy } from '../../../lib/routing/modes';
import { isEligible, type Candidate } from '../../../lib/routing/weighted';

const candidate = (operatorId: number) =>
  fc.record({
    operatorId: fc.constant(operatorId),
    weight: fc.integer({ min: 0, max: 100 }),
    isActive: fc.boolean(),
    currentLoad: fc.integer({ min: 0, max: 20 }),
    maxLoad: fc.integer({ min: 0, max: 20 }),
    assigned: fc.integer({ min: 0, max: 1_000 }),
    presence: fc.constantFrom('available', 'available', 'away', 'offline'),
    presenceTimeoutS: fc.option(fc.integer({ min: 10, max: 100 }), { nil: null }),
    lastHeartbeatAt: fc.option(fc.constantFrom('2026-12-01T09:59:00.000Z', '2026-12-01T09:59:59.000Z'), { nil: null }),
    hadOffer: fc.constantFrom(undefined, undefined, 'declined', 'expired'),
  });
const NOW = new Date('2026-12-01T10:00:00Z');
const candidates = fc.integer({ min: 0, max: 10 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i + 1))));
const policy = fc.record({ mode: fc.constantFrom(...ROUTING_MODES), sticky: fc.boolean() });
const unitInterval = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('every routing mode', () => {
  it('never picks an ineligible operator, and picks someone whenever anyone is eligible', () => {
    fc.assert(
      fc.property(policy, candidates, unitInterval, fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), (p, cs, r, last) => {
        const { chosen, decidedBy } = chooseOperator(p, cs, () => r, NOW, last);
        if (chosen) expect(isEligible(NOW)(chosen)).toBe(true);
        expect(chosen !== undefined).toBe(cs.some(isEligible(NOW)));
        expect(decidedBy === 'none').toBe(chosen === undefined);
      }),
    );
  });
});

describe('weighted round robin', () => {
  /** Gives `count` contacts one after another with ample capacity; returns the counts after each. */
  function run(weights: number[], count: number): number[][] {
    const cs: Candidate[] = weights.map((weight, i) => ({
      operatorId: i + 1,
      weight,
      isActive: true,
      currentLoad: 0,
      maxLoad: 1e9,
      assigned: 0,
    }));
    const history: number[][] = [];
    for (let k = 0; k < count; k++) {
      const chosen = pickRoundRobin(cs)!;
      chosen.assigned++;
      history.push(cs.map((c) => c.assigned));
    }
    return history;
  }

  it('keeps every operator within one contact of their exact share after any prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        for (const [k, counts] of run(weights, 200).entries()) {
          for (const [i, count] of counts.entries()) expect(Math.abs(count * total - (k + 1) * weights[i]!)).toBeLessThan(total);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not run ahead with a heavy operator, as plain (assigned + 1) / weight would', () => {
    const counts = run([7, 1, 1, 1, 1, 1, 1, 1], 7).at(-1)!;
    expect(counts[0]).toBeLessThanOrEqual(4); // exact share after 7 contacts: 3.5
  });

  it('gives exact proportions over a full cycle, lower ids first on ties', () => {
    expect(run([1, 1, 1], 3).map((c) => c.indexOf(Math.max(...c)))).toEqual([0, 0, 0]);
    expect(run([10, 20, 30], 60).at(-1)).toEqual([10, 20, 30]);
  });
});

describe('least loaded', () => {
  it('picks an eligible operator with the lowest load ratio', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        const eligible = cs.filter(isEligible(NOW));
        const chosen = pickLeastLoaded(eligible);
        expect(chosen === undefined).toBe(eligible.length === 0);
        for (const other of eligible) expect(chosen!.currentLoad / chosen!.maxLoad).toBeLessThanOrEqual(other.currentLoad / other.maxLoad);
      }),
    );
  });

  it('breaks ties by the higher weight, then the lower id', () => {
    const base = { isActive: true, currentLoad: 1, maxLoad: 4, assigned: 0 };
    // All three at a quarter of their capacity; listed so that neither tie-break could pass by input order.
    const tied = [
      { ...base, operatorId: 3, weight: 9, currentLoad: 2, maxLoad: 8 },
      { ...base, operatorId: 1, weight: 5 },
      { ...base, operatorId: 2, weight: 9 },
    ];
    expect(pickLeastLoaded(tied)?.operatorId).toBe(2);
    expect(pickLeastLoaded(tied.map((c) => ({ ...c, weight: 1 })))?.operatorId).toBe(1);
  });
});

describe('sticky routing', () => {
  const base = { isActive: true, currentLoad: 0, maxLoad: 5, assigned: 0, weight: 10 };
  const cs: Candidate[] = [
    { ...base, operatorId: 1 },
    { ...base, operatorId: 2 },
    { ...base, operatorId: 3, currentLoad: 5 },
  ];
  const sticky: RoutingPolicy = { mode: 'weighted_random', sticky: true };

  it('returns a lead to their last operator when that operator can take them', () => {
    expect(chooseOperator(sticky, cs, () => 0, NOW, 2)).toEqual({ chosen: cs[1], decidedBy: 'sticky' });
  });

  it('falls back to the mode when the last operator is full, or the source is not sticky', () => {
    expect(chooseOperator(sticky, cs, () => 0, NOW, 3)).toEqual({ chosen: cs[0], decidedBy: 'mode', draw: 0 });
    expect(chooseOperator({ ...sticky, sticky: false }, cs, () => 0.99, NOW, 1)).toEqual({ chosen: cs[1], decidedBy: 'mode', draw: 0.99 });
  });
});

describe('the routing explanation', () => {
  it('names each candidate with why it was or was not eligible, and who lost the race', () => {
    const base = { isActive: true, currentLoad: 0, maxLoad: 5, assigned: 0, weight: 10 };
    const cs: Candidate[] = [
      { ...base, operatorId: 1 },
      { ...base, operatorId: 2, isActive: false },
      { ...base, operatorId: 3, currentLoad: 5 },
      { ...base, operatorId: 4, weight: 0 },
      { ...base, operatorId: 5 },
      { ...base, operatorId: 6, presence: 'away' },
      { ...base, operatorId: 7, presence: 'offline' },
      { ...base, operatorId: 8, presenceTimeoutS: 30, lastHeartbeatAt: '2026-11-24T23:59:00.000Z' },
      { ...base, operatorId: 9, workingHours: { time_zone: 'UTC', weekly: [{ day: 'tue', from: '09:00', to: '18:00' }], exceptions: [] } },
      { ...base, operatorId: 10, hadOffer: 'declined' },
      { ...base, operatorId: 11, hadOffer: 'expired' },
    ];
    const explanation = explainRouting({
      trigger: 'registration',
      policy: { mode: 'weighted_random', sticky: false },
      previousOperatorId: undefined,
      candidates: cs,
      lostRace: [cs[4]!],
      chosen: cs[0],
      decidedBy: 'mode',
      attempts: 2,
      at: new Date('2026-11-25T00:00:00Z'),
    });
    expect(explanation.candidates.map((c) => [c.operator_id, c.reason, c.eligible])).toEqual([
      [1, 'eligible', true],
      [2, 'inactive', false],
      [3, 'full', false],
      [4, 'weight_zero', false],
      [5, 'lost_race', false],
      [6, 'away', false],
      [7, 'offline', false],
      [8, 'presence_timed_out', false],
      [9, 'out_of_hours', false],
      [10, 'declined', false],
      [11, 'expired', false],
    ]);
    expect(explanation).toMatchObject({ winner: 1, attempts: 2, decided_by: 'mode', mode: 'weighted_random' });
  });
});
