import { createHash } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { StoredContact } from '../db/contacts';
import { enqueueDeliveries, type StoredDelivery } from '../db/deliveries';
import { getItem } from '../db/items';
import { CONTACT_KEY_PREFIX, deliveryQueuePartition, type Recipient, sourceKey, type Subject } from '../db/keys';
import { getLeadById } from '../db/leads';
import { getOperators } from '../db/operators';
import { listSubscriptions } from '../db/subscriptions';
import { getTelegramBot } from '../db/telegram';
import type { EventType, StoredSubscription, WebhookEvent } from '../schemas/events';
import { StoredOperator } from '../schemas/operators';
import { publicContact } from '../contacts/placement-state';
import { telegramMessagesOf } from '../telegram/messages';
import { contactEvents, operatorChanges, type ContactEvent } from './derive';

/** One committed change of a contact or an operator, as the table's stream tells it. */
export type Change = { seq: string; recordId: string; at: Date } & (
  | { kind: 'contact'; before: StoredContact | undefined; after: StoredContact }
  | { kind: 'operator'; before: StoredOperator; after: StoredOperator }
);

/** Sequence numbers are decimal strings of up to 40 digits: padded, string order is stream order. */
const SEQUENCE_WIDTH = 40;

/** The changes a batch of stream records holds, in order; other items (deliveries, counters, ...) and deletions say nothing. */
export function changesOf(records: readonly DynamoDBRecord[], now: Date = new Date()): Change[] {
  return records.flatMap((record): Change[] => {
    const stream = record.dynamodb;
    const newImage = stream?.NewImage && unmarshall(stream.NewImage as never);
    const oldImage = stream?.OldImage && unmarshall(stream.OldImage as never);
    if (!stream || !newImage || !record.eventID) return [];
    // The stream's own timestamp is coarse (DynamoDB Local rounds it to the minute): a contact says when it changed.
    const changedAt = typeof newImage.changed_at === 'string' ? new Date(newImage.changed_at) : now;
    const common = { seq: String(stream.SequenceNumber).padStart(SEQUENCE_WIDTH, '0'), recordId: record.eventID, at: changedAt };
    const pk = String(newImage.PK);
    if (pk.startsWith(CONTACT_KEY_PREFIX) && newImage.SK === 'CONTACT') {
      const after = StoredContact.safeParse(newImage);
      const before = oldImage ? StoredContact.safeParse(oldImage) : undefined;
      if (!after.success || before?.success === false) return [];
      return [{ ...common, kind: 'contact', before: before?.data, after: after.data }];
    }
    if (pk.startsWith('OPERATOR#') && newImage.SK === 'OPERATOR' && oldImage) {
      const after = StoredOperator.safeParse(newImage);
      const before = StoredOperator.safeParse(oldImage);
      if (!after.success || !before.success) return [];
      return [{ ...common, kind: 'operator', before: before.data, after: after.data }];
    }
    return [];
  });
}

/** An event's id: derived from the stream record it came from, so that a batch handed again makes the same ids. */
const eventHash = (recordId: string, index: number) => createHash('sha256').update(`${recordId}#${index}`).digest('hex').slice(0, 26);

interface Named {
  id: number;
  name: string;
}

/** What the events of a batch mention, read once for the batch. */
interface Context {
  operators: Map<number, StoredOperator>;
  sources: Map<number, Named>;
  leads: Map<number, { id: number; external_id: string | null }>;
}

async function readContext(changes: readonly Change[]): Promise<Context> {
  const contacts = changes.flatMap((change) => (change.kind === 'contact' ? [change.after] : []));
  const operatorIds = new Set<number>();
  for (const contact of contacts) {
    if (contact.operator_id !== null) operatorIds.add(contact.operator_id);
    for (const offer of contact.offers) operatorIds.add(offer.operator_id);
  }
  const distinct = <T>(values: T[]) => [...new Set(values)];
  const [operators, sources, leads] = await Promise.all([
    getOperators([...operatorIds]),
    Promise.all(distinct(contacts.map((c) => c.source_id)).map(async (id) => getItem(sourceKey(id)))),
    Promise.all(distinct(contacts.map((c) => c.lead_id)).map(getLeadById)),
  ]);
  return {
    operators: new Map(operators.map((operator) => [operator.id, operator])),
    sources: new Map(sources.flatMap((item) => (item ? [[Number(item.id), { id: Number(item.id), name: String(item.name) }]] : []))),
    leads: new Map(leads.flatMap((lead) => (lead ? [[lead.id, { id: lead.id, external_id: lead.external_id }]] : []))),
  };
}

const named = (context: Context, id: number | null | undefined): Named | null => {
  const operator = id == null ? undefined : context.operators.get(id);
  return operator ? { id: operator.id, name: operator.name } : null;
};

/** An event as receivers get it, what it is about, and its place in the stream. */
interface PublishedEvent {
  event: WebhookEvent;
  subject: Subject;
  seq: string;
  derived?: ContactEvent;
}

function eventsOf(change: Change, context: Context): PublishedEvent[] {
  const created_at = change.at.toISOString();
  const make = (index: number, type: EventType, subject: Subject, data: Record<string, unknown>, derived?: ContactEvent) => ({
    event: { id: `evt_${eventHash(change.recordId, index)}`, type, created_at, data },
    subject,
    seq: `${change.seq}#${String(index).padStart(2, '0')}`,
    derived,
  });
  if (change.kind === 'operator') {
    const changes = operatorChanges(change.before, change.after);
    if (Object.keys(changes).length === 0) return [];
    const { schedule: _schedule, telegram_chat_id: _chat, via: _via, ...operator } = change.after;
    return [make(0, 'operator.updated', { operator: operator.id }, { operator, changes })];
  }
  const { after, before } = change;
  const contact = { ...publicContact(after), routing: after.routing, offers: after.offers };
  return contactEvents(before, after).map((derived, index) =>
    make(
      index,
      derived.type,
      { contact: after.id },
      {
        contact,
        operator: named(context, derived.operatorId),
        source: context.sources.get(after.source_id) ?? null,
        lead: context.leads.get(after.lead_id) ?? null,
        ...(derived.offer ? { offer: derived.offer } : {}),
        ...(derived.type === 'contact.reassigned' ? { previous_operator: named(context, before?.operator_id) } : {}),
      },
      derived,
    ),
  );
}

const wants = (subscription: StoredSubscription, event: WebhookEvent) =>
  subscription.enabled &&
  (subscription.events.includes('*') || subscription.events.includes(event.type)) &&
  // Changes from before a subscription existed are not its business, even when the stream hands them again.
  subscription.created_at <= event.created_at;

/** What a delivery carries and where it goes in its recipient's queues. */
interface Outgoing {
  id: string;
  type: string;
  subject: Subject;
  seq: string;
}

const deliveryOf = (to: Recipient, published: Outgoing, payload: string, now: Date): StoredDelivery => ({
  // Newest first in the list: by when it was made, then by its place in the stream (one batch makes many at once).
  id: `dlv_${now.getTime()}_${published.seq.replace('#', '_')}`,
  event_id: published.id,
  event_type: published.type,
  created_at: now.toISOString(),
  attempts: 0,
  last_status: null,
  last_error: null,
  next_attempt_at: now.toISOString(),
  delivered_at: null,
  failed_at: null,
  to,
  partition: deliveryQueuePartition(to, published.subject),
  seq: published.seq,
  payload,
  state: 'pending',
  first_attempt_at: null,
});

/**
 * Turns a batch of the table's stream into deliveries: the events each committed change implies,
 * one delivery per event and subscription that wants it, and the operators' bot's messages (its own
 * queue per contact, so that an offer's outcome edits a message sent before it).
 * Deliveries of one queue are written together, in stream order (the delivery timer sends a queue in
 * that order); queues are written in parallel. Every write is conditional on the delivery
 * not existing, so a batch handed again (Lambda retries a failed batch) writes nothing twice.
 * Answers how many deliveries it made.
 */
export async function publishChanges(records: readonly DynamoDBRecord[], now: Date = new Date()): Promise<number> {
  // Who listens first: with nobody subscribed and no bot, a batch costs these two reads and nothing else.
  const [subscriptions, bot] = await Promise.all([listSubscriptions(), getTelegramBot()]);
  if (!bot && !subscriptions.some((subscription) => subscription.enabled)) return 0;
  const changes = changesOf(records, now);
  if (changes.length === 0) return 0;
  const context = await readContext(changes);
  const queues = new Map<string, StoredDelivery[]>();
  const add = (delivery: StoredDelivery) => {
    const queue = queues.get(delivery.partition) ?? [];
    queue.push(delivery);
    queues.set(delivery.partition, queue);
  };
  for (const change of changes) {
    const published = eventsOf(change, context);
    for (const { event, subject, seq } of published) {
      const payload = JSON.stringify(event);
      for (const subscription of subscriptions) {
        if (wants(subscription, event)) add(deliveryOf(subscription.id, { id: event.id, type: event.type, subject, seq }, payload, now));
      }
    }
    if (bot && change.kind === 'contact') {
      const derived = published.flatMap((event) => (event.derived ? [event.derived] : []));
      const messages = telegramMessagesOf(change.before, change.after, derived, {
        chatOf: (operatorId) => context.operators.get(operatorId)?.telegram_chat_id ?? undefined,
        leadOf: (contact) => context.leads.get(contact.lead_id)?.external_id ?? `lead #${contact.lead_id}`,
        sourceOf: (contact) => context.sources.get(contact.source_id)?.name ?? `source #${contact.source_id}`,
      });
      messages.forEach((message, index) => {
        const id = `tg_${eventHash(change.recordId, 100 + index)}`;
        const seq = `${change.seq}#${String(index).padStart(2, '0')}`;
        add(
          deliveryOf(
            'telegram',
            { id, type: `telegram.${message.kind}`, subject: { contact: change.after.id }, seq },
            JSON.stringify(message),
            now,
          ),
        );
      });
    }
  }
  const made = await Promise.all([...queues.values()].map((queue) => enqueueDeliveries(queue, now)));
  return made.reduce((sum, count) => sum + count, 0);
}
