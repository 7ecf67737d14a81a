import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../lib/routing/random';
import { chooseOperator } from '../../../lib/routing/modes';
import { isEligible, pickWeighted, type Candidate } from '../../../lib/routing/weighted';

const NOW = new Date('2026-12-01T10:00:00Z');
/** The seed's rule: a weighted random pick among the eligible. */
const pickOperator = (candidates: readonly Candidate[], random: () => number) =>
  chooseOperator({ mode: 'weighted_random', sticky: false }, candidates, random, NOW).chosen;

const candidate = fc.record({
  operatorId: fc.integer({ min: 1, max: 1_000 }),
  weight: fc.integer({ min: 0, max: 100 }),
  isActive: fc.boolean(),
  currentLoad: fc.integer({ min: 0, max: 20 }),
  maxLoad: fc.integer({ min: 0, max: 20 }),
  assigned: fc.constant(0),
});
const unitInterval = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Random values spread evenly over [0, 1): turns "probability" into exact counts. */
const evenlySpread = (n: number) => {
  let i = 0;
  return () => (i++ % n) / n;
};

describe('weighted random among the eligible', () => {
  it('never picks an inactive, full or zero-weight operator', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), unitInterval, (candidates, r) => {
        const chosen = pickOperator(candidates, () => r);
        if (chosen) expect(isEligible(NOW)(chosen)).toBe(true);
      }),
    );
  });

  it('picks someone whenever anyone is eligible', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), unitInterval, (candidates, r) => {
        expect(pickOperator(candidates, () => r) !== undefined).toBe(candidates.some(isEligible(NOW)));
      }),
    );
  });

  it('gives each eligible operator exactly weight / sum of weights of the draws', () => {
    const candidates: Candidate[] = [
      { operatorId: 1, weight: 10, isActive: true, currentLoad: 0, maxLoad: 5, assigned: 0 },
      { operatorId: 2, weight: 20, isActive: true, currentLoad: 4, maxLoad: 5, assigned: 0 },
      { operatorId: 3, weight: 30, isActive: false, currentLoad: 0, maxLoad: 5, assigned: 0 },
      { operatorId: 4, weight: 30, isActive: true, currentLoad: 5, maxLoad: 5, assigned: 0 },
    ];
    const random = evenlySpread(300);
    const counts = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const id = pickOperator(candidates, random)!.operatorId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 1: 100, 2: 200 });
  });
});

describe('pickWeighted', () => {
  it('returns nothing when no item has a positive weight', () => {
    expect(pickWeighted([{ weight: 0 }, { weight: -3 }], () => 0.5)).toBeUndefined();
    expect(pickWeighted([], () => 0.5)).toBeUndefined();
  });

  it('maps the top of the random range to the last positive item despite rounding', () => {
    const items = [{ weight: 0.1 }, { weight: 0.2 }, { weight: 0 }];
    expect(pickWeighted(items, () => 0.9999999999999999)).toBe(items[1]);
  });

  it('is reproducible with a seeded random source', () => {
    const items = [{ weight: 1 }, { weight: 2 }, { weight: 3 }];
    const run = (seed: number) =>
      Array.from(
        { length: 50 },
        (
          (random) => () =>
            pickWeighted(items, random)
        )(seededRandom(seed)),
      );
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});

describe('seededRandom', () => {
  it('stays within [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = seededRandom(seed);
        for (let i = 0; i < 100; i++) {
          const value = random();
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
        }
      }),
    );
  });
});
