import { checkInvariants } from '../../lib/contacts/invariants';
import { logWarning } from '../../lib/log';

/** Daily, and on demand (`serverless invoke -f checkInvariants`): reports load drift, changes nothing. */
export const handler = async () => {
  const report = await checkInvariants();
  if (!report.ok) logWarning('invariants broken', { drift: report.drift, orphanContacts: report.orphan_contacts });
  return report;
};
