import type { Context } from 'aws-lambda';
import { runDeliveryTimer } from '../../lib/events/deliver';

/**
 * Started every minute by EventBridge; looks for due deliveries twice a second until shortly before
 * the next start, leaving time for the slowest receiver (10 s) to answer.
 */
export const handler = async (_event: unknown, context: Context): Promise<{ delivered: number }> => ({
  delivered: await runDeliveryTimer({ until: () => context.getRemainingTimeInMillis() < 12_000 }),
});
