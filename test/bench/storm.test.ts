import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: storm', () => {
  it('storms the HTTP stack and finds every invariant holding', async () => {
    const { storm } = await import('../../scripts/bench/storm');
    const { levels } = await storm();
    expect(levels.map((level) => level.concurrency)).toEqual([1, 4]);
    for (const level of levels) {
      expect(level.errors).toEqual({});
      expect(level).toMatchObject({ overbooked_operators: 0, load_drift: 0, orphan_contacts: 0, duplicate_leads: 0, contacts: 40 });
      expect(level.leads).toBe(level.expected_leads);
      // 40 contacts on a capacity of 200: every one assigned.
      expect(level.assigned).toBe(40);
    }
  }, 300_000);
});
