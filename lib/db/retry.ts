import type { Random } from '../routing/weighted';

const BASE_DELAY_MS = 15;
const MAX_DELAY_MS = 800;

/** "Full jitter" exponential backoff: spreads out retries of requests that collided. */
export const backoffDelay = (attempt: number, random: Random = Math.random): number =>
  random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
