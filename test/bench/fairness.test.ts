import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: fairness', () => {
  it('measures both modes at concurrency 32, and smooth weighted ends exactly on every share', async () => {
    const { fairness } = await import('../../scripts/bench/fairness');
    const { rows } = await fairness();
    expect(rows.map((row) => [row.mode, row.registrations])).toEqual([
      ['weighted_random', 36],
      ['smooth_weighted', 36],
    ]);
    expect(rows[1]!.max_deviation_from_share).toBeLessThan(1);
    expect(rows[0]!.transactions_per_registration).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
