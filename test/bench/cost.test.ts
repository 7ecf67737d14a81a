import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: cost', () => {
  it('prices a registration in 2 round trips and at most 3 requests once its container knows the source, and a retried delivery creates nothing', async () => {
    const { cost } = await import('../../scripts/bench/cost');
    const { scenarios } = await cost();
    const row = (name: string) => scenarios.find((scenario) => scenario.scenario === name)!;
    for (const scenario of scenarios.filter((s) => !s.scenario.includes('first of the source'))) {
      expect(scenario.round_trips, scenario.scenario).toBeLessThanOrEqual(2);
    }
    expect(row('new lead, first of the source in this container').round_trips).toBe(3);
    expect(row('new lead').requests).toBeLessThanOrEqual(3);
    expect(row('returning lead, to another operator').requests).toBeLessThanOrEqual(3);
    expect(row('new lead').wcu).toBeGreaterThan(0);
    // A retry creates nothing: only its source's budget window counts it and gives it back.
    expect(row('Telegram delivery retried').wcu).toBe(2);
  });
});
