import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: versus-seed', () => {
  it('storms the seed’s build and this one with the seed’s driver, when the seed-ref is beside the repository', async (context) => {
    const { versusSeed, seedUnavailable } = await import('../../scripts/bench/versus-seed');
    // A fresh clone on its own has nothing to compare with: reported as skipped, not passed.
    context.skip(seedUnavailable() !== undefined, seedUnavailable());
    const [, ours] = ((await versusSeed()) as { rows: Record<string, unknown>[] }).rows;
    expect(ours).toMatchObject({ statuses: { '201': 60 }, overbooked_operators: 0, load_drift_operators: 0, duplicate_leads: 0 });
  }, 300_000);

  it('says why it compared nothing when there is no seed-ref', async () => {
    const nowhere = join(tmpdir(), 'no-seed-ref-here');
    vi.resetModules();
    vi.stubEnv('SEED_REF_DIR', nowhere);
    try {
      const { versusSeed } = await import('../../scripts/bench/versus-seed');
      expect(await versusSeed()).toMatchObject({ skipped: `no seed-ref at ${nowhere} (set SEED_REF_DIR)` });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
