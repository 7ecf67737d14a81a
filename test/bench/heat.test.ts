import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: heat', () => {
  it('counts the write units each partition takes per registration, and no list partition takes one every registration', async () => {
    const { heat, PARTITION_WRITE_UNITS } = await import('../../scripts/bench/heat');
    const result = await heat();
    const row = (partition: string) => result.partitions.find((p) => p.partition === partition)!;
    // A source's contacts' list takes one entry per registration of the source; an operator's claims two units each.
    expect(row('GSI3 SOURCE#<n>')).toMatchObject({ scope: 'source', units_per_registration: 1, ceiling_per_second: PARTITION_WRITE_UNITS });
    expect(row('table OPERATOR#<n>').units_per_registration).toBeLessThan(1);
    // Spread over 16 partitions, the lists of contacts and leads take a sixteenth each, about.
    expect(row('GSI1 CONTACTS#<n>').units_per_registration).toBeLessThan(0.15);
    for (const partition of result.partitions.filter((p) => p.scope === 'system')) {
      expect(partition.units_per_registration, partition.partition).toBeLessThan(1);
    }
    expect(result.write_units_per_registration).toBeGreaterThan(0);
  }, 300_000);
});
