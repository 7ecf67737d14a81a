import type { DynamoDBStreamEvent } from 'aws-lambda';
import { auditRecordsOf, recordAuditTrail } from '../../lib/audit/trail';
import { publishChanges } from '../../lib/events/publish';

/**
 * Invoked by the table's stream (event source mapping) with a batch of committed changes, in order
 * per item: the events they imply, and the audit records of the changes made by hand. A thrown error
 * makes Lambda hand the same batch again; both are written once whatever the retries.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<{ deliveries: number; audited: number }> => {
  const [deliveries, audited] = await Promise.all([publishChanges(event.Records), recordAuditTrail(auditRecordsOf(event.Records))]);
  return { deliveries, audited };
};
