import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditTrail } from '../../lib/audit/trail';
import { closeContact } from '../../lib/contacts/lifecycle';
import { getLeadById } from '../../lib/db/leads';
import { eraseExpiredLeads, RETENTION_BATCH } from '../../lib/leads/retention';
import { useFreshTable } from '../support/database';
import { registerContact, sourceWithOperators } from '../support/fixtures';

beforeEach(async () => {
  await useFreshTable();
});
afterEach(() => {
  delete process.env.RETENTION_DAYS;
});

const DAY = 86_400_000;

describe('retention', () => {
  it('erases leads whose contacts all closed more than the retention ago, and keeps the others', async () => {
    await sourceWithOperators([10], 10);
    const closedLongAgo = await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    const stillOpen = await registerContact({ lead_external_id: '+79160000002', source_id: 1 });
    const closedLater = await registerContact({ lead_external_id: '+79160000003', source_id: 1 });
    const t0 = new Date();
    await closeContact(closedLongAgo.id, { now: () => t0 });
    await closeContact(closedLater.id, { now: () => new Date(t0.getTime() + 20 * DAY) });

    // 31 days on: the first lead's last contact closed 31 days ago, the third's 11 days ago.
    const later = new Date(t0.getTime() + 31 * DAY);
    expect(await eraseExpiredLeads({ days: 30, now: later })).toEqual({ examined: 3, erased: [closedLongAgo.lead_id] });
    expect(await getLeadById(closedLongAgo.lead_id)).toMatchObject({ external_id: null, erased_at: later.toISOString() });
    expect(await getLeadById(stillOpen.lead_id)).toMatchObject({ external_id: '+79160000002' });
    expect(await getLeadById(closedLater.lead_id)).toMatchObject({ external_id: '+79160000003' });
    // The trail says retention did it, and nothing of the number.
    const [record] = (await listAuditTrail({ entity: 'lead', entity_id: closedLongAgo.lead_id, limit: 5 })).items;
    expect(record).toMatchObject({ action: 'erased', key_name: 'retention', changes: {} });
    // Nothing without a retention set.
    expect(await eraseExpiredLeads({ now: later })).toEqual({ examined: 0, erased: [] });
    expect(RETENTION_BATCH).toBeGreaterThan(3);
  });
});
