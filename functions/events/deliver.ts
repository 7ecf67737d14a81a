import type { Context } from 'aws-lambda';
import { runDeliveryTimer } from '../../lib/events/deliver';

/**
 * Started every minute by EventBridge; looks for due deliveries twice a second until the next run
 * has started, then finishes the queues in hand: each gives its queue back within 15 s plus a
 * receiver's 10 s timeout, well within the function's 90 s.
 */
export const handler = async (_event: unknown, context: Context): Promise<{ delivered: number }> => ({
  delivered: await runDeliveryTimer({ until: () => context.getRemainingTimeInMillis() < 27_000 }),
});
