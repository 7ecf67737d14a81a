import type { DynamoDBStreamEvent } from 'aws-lambda';
import { publishChanges } from '../../lib/events/publish';

/**
 * Invoked by the table's stream (event source mapping) with a batch of committed changes, in order
 * per item. A thrown error makes Lambda hand the same batch again; publishing is idempotent.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<{ deliveries: number }> => ({
  deliveries: await publishChanges(event.Records),
});
