import { describe, expect, it } from 'vitest';
import { benchInSmallShapes } from './small-shapes';

benchInSmallShapes();

describe('npm run bench: offers', () => {
  it('lets offers lapse through the local stack and sees each move on exactly once', async () => {
    const { offerExpiry } = await import('../../scripts/bench/offers');
    const result = await offerExpiry();
    expect(result).toMatchObject({ contacts: 12, moved_on: 12, still_pending: 0, moved_twice: 0 });
    expect(result.late_ms_p50).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
