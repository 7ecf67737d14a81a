import type { Context } from 'aws-lambda';
import { runOfferTimer } from '../../lib/contacts/offer-timer';

/**
 * Started every minute by EventBridge; ticks every second until shortly before the next start, so
 * that a lapsed offer moves on within about a second (EventBridge alone fires once a minute at best).
 */
export const handler = async (_event: unknown, context: Context): Promise<{ moved: number }> => ({
  moved: await runOfferTimer({ until: () => context.getRemainingTimeInMillis() < 2_000 }),
});
