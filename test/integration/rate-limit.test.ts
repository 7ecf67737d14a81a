import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeRequest } from '../../lib/auth/rate-limit';
import { useFreshTable } from '../support/database';

beforeEach(async () => {
  await useFreshTable();
  process.env.RATE_LIMITS = JSON.stringify({ integration: 2 });
});
afterEach(() => {
  delete process.env.RATE_LIMITS;
});

describe('a key’s request budget', () => {
  it('lets through its rate times the window, refuses the rest until the next window, and counts keys apart', async () => {
    // 2 a second over a 2-second window: 4 requests, then refusals until the window turns.
    const start = Date.parse('2026-12-02T10:00:00.000Z');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await takeRequest('k1', 'integration', start + i * 100));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, true, false, false]);
    expect(answers[4]!.retryAfterSeconds).toBe(2);
    expect(await takeRequest('k2', 'integration', start + 500)).toMatchObject({ allowed: true });
    expect(await takeRequest('k1', 'integration', start + 2_000)).toMatchObject({ allowed: true });
  });

  it('holds under concurrency: of 20 requests at once, exactly the budget passes', async () => {
    const at = Date.parse('2026-12-02T10:00:10.000Z');
    const answers = await Promise.all(Array.from({ length: 20 }, () => takeRequest('k3', 'integration', at)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(4);
  });

  it('leaves admin keys unlimited', async () => {
    const at = Date.parse('2026-12-02T10:00:20.000Z');
    for (let i = 0; i < 10; i++) expect((await takeRequest('root', 'admin', at)).allowed).toBe(true);
  });
});
