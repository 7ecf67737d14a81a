import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: events', () => {
  it('delivers every event of a trickle of registrations through the local stack, once each, and prices publishing and delivering', async () => {
    const { events } = await import('../../scripts/bench/events');
    const { latency, cost } = await events();
    expect(latency.map((shape) => shape.shape)).toEqual(['trickle', 'burst']);
    for (const shape of latency) {
      expect(shape).toMatchObject({ registrations: 10, events_expected: 20, events_received: 20, duplicates: 0, rejected_signatures: 0 });
      expect(shape.latency_ms_p95).toBeGreaterThan(0);
    }
    expect(cost.stream_records_to_publisher).toBe(2);
    const [publish, deliver] = cost.steps;
    expect(publish!.wcu).toBeGreaterThan(0);
    expect(deliver!.requests).toBeGreaterThan(0);
    expect(cost.usd_per_million_registrations).toBeGreaterThan(0);
  }, 300_000);
});
