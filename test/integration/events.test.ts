import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeContact, reassignContact, reopenContact } from '../../lib/contacts/lifecycle';
import { acceptOffer, declineOffer, expireOffer } from '../../lib/contacts/offers';
import { getContactWithRouting, listContacts } from '../../lib/db/contacts';
import { dueQueues } from '../../lib/db/deliveries';
import { deliverDue, deliverQueue, GIVE_UP_AFTER_MS } from '../../lib/events/deliver';
import { publishChanges } from '../../lib/events/publish';
import {
  listSubscriptionDeliveries,
  listSubscriptionViews,
  pingSubscription,
  readSubscription,
  retryDelivery,
  rotateSecret,
  subscribe,
} from '../../lib/events/subscriptions';
import { updateOperator } from '../../lib/operators/update';
import { seededRandom } from '../../lib/routing/random';
import { SubscriptionInput } from '../../lib/schemas/events';
import { followTableStream } from '../../scripts/table-stream';
import { localEndpoint } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';
import { updateSourceRouting } from '../support/offers';
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

const subscribeReceiver = async (events: string[] = ['*']) => {
  const subscription = await subscribe(SubscriptionInput.parse({ url: receiver.url, events, description: 'test' }));
  receiver.secret = subscription.secret;
  return subscription;
};
/** Everything committed so far published, then everything due delivered (at `at`, for retries). */
const flush = async (at?: Date) => {
  await table.stream.drained();
  await deliverDue(at ? { now: () => at, random: () => 0.5 } : {});
};
const typesOf = (contactId: number) => receiver.ofContact(contactId).map((event) => event.type);
const later = (ms: number) => new Date(Date.now() + ms);

describe('subscriptions', () => {
  it('show their whsec_ secret once, at creation and on rotation, and refuse unknown events and non-https URLs', async () => {
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
    const subscription = await subscribeReceiver(['contact.assigned']);
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(subscription).toMatchObject({ events: ['contact.assigned'], enabled: true, description: 'test' });
    expect(await readSubscription(subscription.id)).not.toHaveProperty('secret');
    expect((await listSubscriptionViews())[0]).not.toHaveProperty('secret');
    const rotated = await rotateSecret(subscription.id);
    expect(rotated.secret).not.toBe(subscription.secret);
    expect(SubscriptionInput.safeParse({ url: receiver.url, events: ['contact.eaten'] }).success).toBe(false);
    expect(SubscriptionInput.safeParse({ url: 'ftp://example.com/', events: ['*'] }).success).toBe(false);
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '';
    expect(SubscriptionInput.safeParse({ url: receiver.url, events: ['*'] }).success).toBe(false);
    expect(SubscriptionInput.safeParse({ url: 'https://example.com/hook', events: ['*'] }).success).toBe(true);
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
  });

  it('ping the receiver at once, signed, and say how it answered', async () => {
    const subscription = await subscribeReceiver();
    expect(await pingSubscription(subscription.id)).toEqual({ delivered: true, status_code: 204 });
    expect(receiver.received).toMatchObject([{ type: 'ping', data: { subscription_id: subscription.id } }]);
    receiver.failNext(1);
    expect(await pingSubscription(subscription.id)).toEqual({ delivered: false, status_code: 500 });
    await receiver.stop();
    expect(await pingSubscription(subscription.id)).toEqual({ delivered: false, status_code: null });
  });
});

describe('events', () => {
  beforeEach(() => {
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
  });

  it('tell a receiver what happened to a contact, in order, each verified with the standardwebhooks package', async () => {
    await subscribeReceiver();
    await sourceWithOperators([10, 10], 5);
    const contact = await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await closeContact(contact.id);
    await reopenContact(contact.id);
    await reassignContact(contact.id, contact.operator_id === 1 ? 2 : 1);
    await flush();
    expect(receiver.rejected).toBe(0);
    expect(typesOf(contact.id)).toEqual([
      'contact.created',
      'contact.assigned',
      'contact.closed',
      'contact.reopened',
      'contact.assigned',
      'contact.reassigned',
      'contact.assigned',
    ]);
    const [created, assigned] = receiver.ofContact(contact.id);
    expect(assigned!.data).toMatchObject({
      contact: { id: contact.id, status: 'open', operator_id: contact.operator_id, routing: { mode: 'weighted_random' } },
      operator: { id: contact.operator_id, name: `Operator ${contact.operator_id}` },
      source: { id: 1, name: 'Telegram Bot' },
      lead: { id: 1, external_id: '+79160000001' },
    });
    expect(JSON.stringify(assigned!.data)).not.toMatch(/secret/);
    expect(created!.webhookId).toBe(created!.id);
    expect(new Set(receiver.received.map((event) => event.id)).size).toBe(receiver.received.length);
  });

  it('follow offers through acceptance, decline and expiry, naming the operator each concerns', async () => {
    await subscribeReceiver();
    await sourceWithOperators([10, 10, 10], 5);
    await updateSourceRouting(1, {
      mode: 'weighted_round_robin',
      sticky: false,
      offer: { timeout_s: 30, max_offers: 3, on_away: 'reoffer' },
    });
    const contact = await registerContact({ lead_external_id: '+79160000001', source_id: 1 }, { random: seededRandom(1) });
    const first = contact.operator_id!;
    const second = (await declineOffer(contact.id)).operator_id!;
    await expireOffer(contact.id, { now: () => later(31_000) });
    const third = (await listContacts({ limit: 1 })).items[0]!.operator_id!;
    await acceptOffer(contact.id);
    await flush();
    expect(receiver.ofContact(contact.id).map((event) => [event.type, event.data.operator?.id ?? null])).toEqual([
      ['contact.created', first],
      ['contact.offered', first],
      ['contact.declined', first],
      ['contact.offered', second],
      ['contact.offer_expired', second],
      ['contact.offered', third],
      ['contact.accepted', third],
      ['contact.assigned', third],
    ]);
    expect(receiver.ofContact(contact.id).at(-1)!.data.contact).toMatchObject({ status: 'open', operator_id: third });
  });

  it('say when a contact waits, and when an operator changes presence, activity or capacity (not load)', async () => {
    await subscribeReceiver(['contact.waiting', 'operator.updated']);
    await sourceWithOperators([10], 1);
    await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    const waiting = await registerContact({ lead_external_id: '+79160000002', source_id: 1 });
    await updateOperator(1, { presence: 'away' });
    await flush();
    // Different subjects are delivered in parallel: order holds within a contact or an operator, not across.
    const ofType = (type: string) => receiver.received.filter((event) => event.type === type);
    expect(receiver.received).toHaveLength(2);
    expect(ofType('contact.waiting').map((event) => event.data.contact)).toMatchObject([{ id: waiting.id, operator_id: null }]);
    expect(ofType('operator.updated').map((event) => event.data)).toMatchObject([
      { operator: { id: 1, presence: 'away' }, changes: { presence: { from: 'available', to: 'away' } } },
    ]);
  });

  it('are delivered on retry with the same id to a receiver that fails at first, with backoff', async () => {
    const subscription = await subscribeReceiver(['contact.created']);
    await sourceWithOperators([10], 5);
    receiver.failNext(2);
    await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await flush();
    expect(receiver.received).toHaveLength(0);
    let [delivery] = (await listSubscriptionDeliveries(subscription.id, { limit: 10 })).items;
    expect(delivery).toMatchObject({ attempts: 1, last_status: 500, last_error: 'HTTP 500', delivered_at: null });
    const retryAt = Date.parse(delivery!.next_attempt_at!) - Date.now();
    expect(retryAt).toBeGreaterThan(3_000);
    expect(retryAt).toBeLessThan(7_000);
    await flush(later(2_000)); // not due yet: nothing is sent
    expect((await listSubscriptionDeliveries(subscription.id, { limit: 10 })).items[0]!.attempts).toBe(1);
    await flush(later(8_000));
    await flush(later(60_000));
    [delivery] = (await listSubscriptionDeliveries(subscription.id, { limit: 10 })).items;
    expect(delivery).toMatchObject({ attempts: 3, last_status: 204, next_attempt_at: null });
    expect(receiver.received.map((event) => event.webhookId)).toEqual([delivery!.event_id]);
  });

  it('reach a receiver that was down, everything, in order per contact, and the subscription says it was failing', async () => {
    const subscription = await subscribeReceiver();
    await sourceWithOperators([10, 10], 10);
    await receiver.stop();
    const contacts = await inParallel(6, 3, (i) => registerContact({ lead_external_id: `+7916000000${i}`, source_id: 1 }));
    for (const contact of contacts) await closeContact(contact.id);
    await flush();
    expect((await readSubscription(subscription.id)).failing_since).not.toBeNull();
    const deliveries = (await listSubscriptionDeliveries(subscription.id, { limit: 100 })).items;
    // Each contact's first event was tried and failed; the rest of its queue waits behind it.
    expect(deliveries.filter((delivery) => delivery.attempts > 0)).toHaveLength(contacts.length);
    expect(deliveries.find((delivery) => delivery.attempts > 0)).toMatchObject({ last_status: null, last_error: 'ECONNREFUSED' });
    await receiver.restart();
    for (const minutes of [1, 5, 15]) await flush(later(minutes * 60_000));
    for (const contact of contacts) expect(typesOf(contact.id)).toEqual(['contact.created', 'contact.assigned', 'contact.closed']);
    expect((await readSubscription(subscription.id)).failing_since).toBeNull();
  });

  it('give up on a delivery after 24 h of failures and switch off a subscription that failed all that time', async () => {
    const subscription = await subscribeReceiver(['contact.created']);
    await sourceWithOperators([10], 5);
    await receiver.stop();
    await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await flush();
    for (let hours = 1; hours <= 25; hours++) await flush(later(hours * 3_600_000));
    const [delivery] = (await listSubscriptionDeliveries(subscription.id, { limit: 1 })).items;
    expect(delivery!.failed_at).not.toBeNull();
    expect(Date.parse(delivery!.failed_at!) - Date.now()).toBeGreaterThanOrEqual(GIVE_UP_AFTER_MS - 3_600_000);
    expect(await readSubscription(subscription.id)).toMatchObject({
      enabled: false,
      disabled_reason: expect.stringContaining('every delivery failed'),
    });
    // Sent again by hand once the receiver is back: the same event, signed anew.
    await receiver.restart();
    const { delivery: retried, sent } = await retryDelivery(subscription.id, delivery!.id);
    expect(sent).toBe(true);
    expect(retried).toMatchObject({ last_status: 204, attempts: delivery!.attempts + 1 });
    expect(receiver.received.map((event) => event.id)).toEqual([delivery!.event_id]);
  });

  it('lose nothing when the delivery function dies mid-queue, and resend only with the same id', async () => {
    await subscribeReceiver();
    await sourceWithOperators([10], 5);
    const contact = await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await closeContact(contact.id);
    await table.stream.drained();
    // The function dies right after the receiver took the first event, before it could record that.
    let crashes = 1;
    table.db.client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ConditionExpression?: string };
        if (input.ConditionExpression === '#state = :pending' && crashes > 0) {
          crashes--;
          throw new Error('the function was killed');
        }
        return next(args);
      },
      { step: 'initialize', name: 'crash' },
    );
    await expect(deliverDue()).rejects.toThrow('killed');
    expect(receiver.received).toHaveLength(1);
    await deliverDue(); // its lease still holds the queue: nobody sends meanwhile
    expect(receiver.received).toHaveLength(1);
    await flush(later(31_000)); // the lease ran out: the next run resends what was not recorded, then the rest
    expect(typesOf(contact.id)).toEqual(['contact.created', 'contact.created', 'contact.assigned', 'contact.closed']);
    expect(receiver.received[0]!.id).toBe(receiver.received[1]!.id);
  });

  it('publish each change once however often the stream hands it again', async () => {
    const subscription = await subscribeReceiver();
    await sourceWithOperators([10], 5);
    await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await flush();
    const replay = await followTableStream({
      endpoint: localEndpoint(),
      tableName: table.db.tableName,
      handle: (records) => publishChanges(records).then(() => {}),
    });
    await replay.drained();
    await replay.stop();
    await flush();
    expect(receiver.received.map((event) => event.type)).toEqual(['contact.created', 'contact.assigned']);
    expect((await listSubscriptionDeliveries(subscription.id, { limit: 10 })).items).toHaveLength(2);
  });

  it('match a storm of 500 registrations with offers and closes, at concurrency 32, exactly to the changes in the table', async () => {
    await subscribeReceiver();
    await sourceWithOperators([10, 10, 10, 10, 10], 200);
    await updateSourceRouting(1, { mode: 'weighted_random', sticky: false, offer: { timeout_s: 60, max_offers: 3, on_away: 'reoffer' } });
    await inParallel(500, 32, async (i) => {
      const contact = await registerContact({ lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: 1 });
      if (i % 3 === 0) await declineOffer(contact.id).catch(() => {});
      if (i % 2 === 0) await acceptOffer(contact.id).catch(() => {});
      if (i % 4 === 0) await closeContact(contact.id);
    });
    await table.stream.drained();
    while ((await deliverDue()) > 0);
    expect(receiver.rejected).toBe(0);
    expect(new Set(receiver.received.map((event) => event.id)).size).toBe(receiver.received.length);
    const contacts = (await listContacts({ limit: 500 })).items;
    expect(contacts).toHaveLength(500);
    for (const { id } of contacts) {
      const contact = (await getContactWithRouting(id))!;
      const count = (outcome: string) => contact.offers.filter((offer) => offer.outcome === outcome).length;
      const types = typesOf(id);
      const expected: Record<string, number> = {
        'contact.created': 1,
        'contact.offered': contact.offers.length,
        'contact.declined': count('declined'),
        'contact.accepted': count('accepted'),
        'contact.assigned': count('accepted'),
        'contact.closed': contact.status === 'closed' ? 1 : 0,
      };
      const seen = Object.fromEntries(Object.keys(expected).map((type) => [type, types.filter((t) => t === type).length]));
      expect({ id, ...seen }).toEqual({ id, ...expected });
      expect(types[0]).toBe('contact.created');
      if (contact.status === 'closed') expect(types.at(-1)).toBe('contact.closed');
      expect(types.length).toBe(Object.values(expected).reduce((a, b) => a + b, 0) + types.filter((t) => t === 'contact.waiting').length);
    }
  });
});

describe('one queue', () => {
  it('is held by one sender at a time', async () => {
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
    await subscribeReceiver(['contact.created']);
    await sourceWithOperators([10], 5);
    await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    await table.stream.drained();
    const [queue] = await dueQueues(new Date(), 10);
    const counts = await Promise.all([deliverQueue(queue!), deliverQueue(queue!), deliverQueue(queue!)]);
    expect(counts.sort()).toEqual([0, 0, 1]);
    expect(receiver.received).toHaveLength(1);
  });
});
