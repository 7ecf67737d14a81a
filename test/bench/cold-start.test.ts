import { describe, expect, it } from 'vitest';
import { functions as deployed } from '../../serverless';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: cold-start', () => {
  it('bundles every function of serverless.ts as serverless-esbuild does and loads each one', async () => {
    const { coldStart, AIMS } = await import('../../scripts/bench/cold-start');
    const rows = await coldStart();
    const functions = Object.keys(deployed);
    expect(rows.map((row) => row.function)).toEqual([...functions, '(AWS SDK v3 DynamoDB clients alone)']);
    for (const row of rows.slice(0, functions.length)) {
      expect(row.bundle_kb).toBeGreaterThan(0);
      expect(row.bundle_kb).toBeLessThan(AIMS.bundleKb);
      expect(row.init_ms_median).toBeGreaterThan(0);
    }
  }, 300_000);
});
