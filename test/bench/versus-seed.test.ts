import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: versus-seed', () => {
  it('storms the seed’s build and this one with the seed’s driver, when the seed-ref is beside the repository', async () => {
    const { versusSeed, seedUnavailable } = await import('../../scripts/bench/versus-seed');
    const result = await versusSeed();
    if (seedUnavailable()) {
      // A fresh clone on its own: nothing to compare with, and the report says why.
      expect(result).toMatchObject({ skipped: seedUnavailable() });
      return;
    }
    const [, ours] = (result as { rows: Record<string, unknown>[] }).rows;
    expect(ours).toMatchObject({ statuses: { '201': 60 }, overbooked_operators: 0, load_drift_operators: 0, duplicate_leads: 0 });
  }, 300_000);
});
