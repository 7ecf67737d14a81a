import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeContact } from '../../lib/contacts/lifecycle';
import { checkInvariants } from '../../lib/contacts/invariants';
import { registerContact as registerOnce } from '../../lib/contacts/register';
import { contactRequestScope } from '../../lib/db/keys';
import { getLeadById, listLeads } from '../../lib/db/leads';
import { getOperator } from '../../lib/db/operators';
import { deliverDue } from '../../lib/events/deliver';
import { publishChanges } from '../../lib/events/publish';
import { unsubscribe, subscribe } from '../../lib/events/subscriptions';
import { eraseLead, scrub } from '../../lib/leads/erase';
import { exportLead } from '../../lib/leads/export';
import { SubscriptionInput } from '../../lib/schemas/events';
import { allItems } from '../support/database';
import { sourceWithOperators } from '../support/fixtures';
import { Receiver } from '../support/receiver';
import { useStreamedTable } from '../support/streamed-table';

const table = useStreamedTable((records) => publishChanges(records));
let receiver: Receiver;
beforeEach(async () => {
  receiver = await new Receiver().start();
});
afterEach(async () => {
  await receiver.stop();
});

const flush = async () => {
  await table.stream.drained();
  await deliverDue({});
};
// The number as given, its digits as normalized, and its digits spelled as given.
const FORMS = ['+7 916 123-45-67', '9161234567', '916 123-45-67'];
const mentions = (value: unknown) => FORMS.some((form) => JSON.stringify(value).includes(form));
const itemsMentioning = async () => (await allItems(table.db)).filter(mentions);

describe('erasing a lead', () => {
  it('leaves their number in no item and no index, keeps the contacts adding up, and exports everything before', async () => {
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
    await sourceWithOperators([10], 5);
    const subscription = await subscribe(SubscriptionInput.parse({ url: receiver.url, events: ['*'] }));
    receiver.secret = subscription.secret;
    // Another subscription, deleted before the erasure: what was delivered to it is kept until it expires.
    const gone = await subscribe(SubscriptionInput.parse({ url: receiver.url, events: ['contact.created'] }));
    const first = await registerOnce(
      { lead_external_id: '+7 916 123-45-67', source_id: 1 },
      { idempotencyScope: contactRequestScope('form-1') },
    );
    const second = await registerOnce({ lead_external_id: '+79161234567', source_id: 1 });
    await closeContact(first.contact.id);
    await flush();
    const leadId = first.contact.lead_id;
    expect(second.contact.lead_id).toBe(leadId);

    // The export holds every item that mentions the lead: their lead item, the idempotency record, each delivery.
    const exported = await exportLead(leadId);
    expect(exported.lead).toMatchObject({ id: leadId, external_id: '+7 916 123-45-67', erased_at: null });
    expect(exported.contacts.map((contact) => contact.id).sort()).toEqual([first.contact.id, second.contact.id]);
    expect(exported.contacts[0]).toHaveProperty('routing');
    const mentioning = await itemsMentioning();
    const exportedDeliveries = new Set(exported.deliveries.map((delivery) => delivery.id));
    expect(exportedDeliveries.size).toBeGreaterThan(2);
    for (const item of mentioning) {
      const accounted = item.SK === 'LEAD' || String(item.PK).startsWith('IDEMPOTENCY#') || exportedDeliveries.has(String(item.id));
      expect(accounted, JSON.stringify(item)).toBe(true);
    }
    expect(mentions(exported.deliveries)).toBe(true);
    expect(exported.deliveries.map((delivery) => delivery.to)).toContain(`subscription ${gone.id}`);
    await unsubscribe(gone.id);

    const erased = await eraseLead(leadId, new Date('2026-12-02T10:00:00Z'));
    expect(erased).toEqual({ id: leadId, external_id: null, created_at: exported.lead.created_at, erased_at: '2026-12-02T10:00:00.000Z' });
    expect(await itemsMentioning()).toEqual([]);
    // Asked again, it is done already.
    expect(await eraseLead(leadId)).toEqual(erased);
    expect(await getLeadById(leadId)).toEqual(erased);
    expect((await listLeads({ limit: 10 })).items).toEqual([erased]);

    // The contacts stay and add up; the operator's load is the open one.
    expect((await getOperator(1))!.current_load).toBe(1);
    const report = await checkInvariants();
    expect(report).toMatchObject({ ok: true, drift: [], orphan_contacts: [] });

    // Events about the erased lead's contacts carry no number; a new contact from it is a new lead.
    await closeContact(second.contact.id);
    await flush();
    const closed = receiver.ofContact(second.contact.id).at(-1)!;
    expect(closed).toMatchObject({ type: 'contact.closed', data: { lead: { id: leadId, external_id: null } } });
    const again = await registerOnce({ lead_external_id: '+79161234567', source_id: 1 });
    expect(again.contact.lead_id).not.toBe(leadId);
  });
});

describe('scrubbing', () => {
  it('nulls external ids that name the lead, replaces the number in text, and cleans JSON kept as text', () => {
    const needles = ['+79161234567'];
    const payload = JSON.stringify({ data: { lead: { id: 1, external_id: '+79161234567' }, text: 'Lead: +79161234567' } });
    expect(JSON.parse(scrub(payload, needles) as string)).toEqual({ data: { lead: { id: 1, external_id: null }, text: 'Lead: [erased]' } });
    expect(scrub('1:+79161234567', needles)).toBe('1:[erased]');
    expect(scrub({ external_id: '+79990000000', n: 3 }, needles)).toEqual({ external_id: '+79990000000', n: 3 });
  });
});
