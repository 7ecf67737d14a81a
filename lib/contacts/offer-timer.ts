import { pause } from '../db/retry';
import { logError } from '../log';
import { expireDueOffers } from './offers';

/** How often the timer looks for lapsed offers. */
export const OFFER_TIMER_TICK_MS = 1_000;

/**
 * Moves lapsed offers on, a tick every `OFFER_TIMER_TICK_MS`, until `until()` says stop. A tick that
 * fails is logged and the next one tries again: every move is conditional on the contact as stored,
 * so nothing depends on any one tick. Answers how many offers moved.
 */
export async function runOfferTimer({ until, tickMs = OFFER_TIMER_TICK_MS }: { until: () => boolean; tickMs?: number }): Promise<number> {
  let moved = 0;
  while (!until()) {
    const started = Date.now();
    try {
      moved += await expireDueOffers();
    } catch (error) {
      logError('offer timer tick failed', error);
    }
    if (until()) break;
    await pause(Math.max(0, tickMs - (Date.now() - started)));
  }
  return moved;
}
