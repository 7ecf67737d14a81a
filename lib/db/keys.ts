/**
 * Every key format of the single table, in one place. Nothing else builds key strings.
 *
 * | item       | PK                 | SK                 | GSI1 (lists)         | GSI2                                  | GSI3               | GSI4             |
 * |------------|--------------------|--------------------|----------------------|---------------------------------------|--------------------|------------------|
 * | operator   | OPERATOR#<id>      | OPERATOR           | OPERATORS / <id>     |                                       |                    |                  |
 * | source     | SOURCE#<id>        | SOURCE             | SOURCES / <id>       |                                       |                    |                  |
 * | assignment | ASSIGNMENT#<id>    | ASSIGNMENT         | ASSIGNMENTS / <id>   |                                       |                    |                  |
 * | rotation   | SOURCE#<source>    | ROTATION           |                      |                                       |                    |                  |
 * | lead       | LEAD#<external id> | LEAD               | LEADS#<id%16> / <id> |                                       |                    |                  |
 * | erased lead| ERASED_LEAD#<id>   | LEAD               | LEADS#<id%16> / <id> |                                       |                    |                  |
 * | contact    | CONTACT#<id>       | CONTACT            | CONTACTS#<id%16> / <id> | OPERATOR#<op> / OPEN#<id> or CLOSED#<id>, or | SOURCE#<src> / <id>| LEAD#<lead> / <id>|
 * |            |                    |                    |                      | BACKLOG#<src> / <9-priority><id> while|                    |                  |
 * |            |                    |                    |                      | it waits (M<id>: waits for a manager) |                    |                  |
 * | idempotency| IDEMPOTENCY#<scope> | IDEMPOTENCY       |                      |                                       |                    |                  |
 * | API key    | APIKEY#<sha256>    | APIKEY             | APIKEYS / <key id>   |                                       |                    |                  |
 * | id counters| COUNTER            | COUNTER            |                      |                                       |                    |                  |
 * | subscription| SUBSCRIPTIONS     | SUBSCRIPTION#<id>  |                      |                                       |                    |                  |
 * | queue      | DELIVERIES#<to>#<subject> | QUEUE       |                      |                                       |                    |                  |
 * | delivery   | DELIVERIES#<to>#<subject> | D#<seq>     | DELIVERIES#<to> / <delivery id>       |                    |                  |
 * | settings   | SETTINGS           | <name>             |                      |                                       |                    |                  |
 * | rate window| RATE#<key id>#<start> | RATE            |                      |                                       |                    |                  |
 * | audit      | AUDIT#<entity>#<id>| <at>#<change id>   | AUDIT / <at>#<change id>                     |                    |                  |
 * | link code  | TELEGRAM_LINK#<code>| TELEGRAM_LINK     |                      |                                       |                    |                  |
 * | chat       | TELEGRAM_CHAT#<chat>| TELEGRAM_CHAT     |                      |                                       |                    |                  |
 * | message    | TELEGRAM_MESSAGE#<contact> | <offered at> |                     |                                       |                    |                  |
 * | layout     | LAYOUT             | LAYOUT             |                      |                                       |                    |                  |
 *
 * GSI5 holds what the timers read: offered contacts, OFFERS_DUE#<id mod 4> / <offer_expires_at>#<id>
 * (the offer timer); waiting contacts, WAITING#<id mod 4> / <id> (the backlogs of all sources as one
 * list); and delivery queues with something due, DELIVERIES_DUE#<n> / <due at>#<queue> (the delivery timer).
 * Ids in sort keys are zero-padded so that string order is numeric order.
 */

export type Entity = 'OPERATOR' | 'SOURCE' | 'ASSIGNMENT' | 'LEAD' | 'CONTACT' | 'SUBSCRIPTION';

export interface Key {
  PK: string;
  SK: string;
}

export interface IndexedKey extends Key {
  GSI1PK: string;
  GSI1SK: string;
}

/** The secondary indexes and the attributes that hold their keys. */
export const INDEXES = {
  GSI1: { pk: 'GSI1PK', sk: 'GSI1SK' },
  GSI2: { pk: 'GSI2PK', sk: 'GSI2SK' },
  GSI3: { pk: 'GSI3PK', sk: 'GSI3SK' },
  GSI4: { pk: 'GSI4PK', sk: 'GSI4SK' },
  GSI5: { pk: 'GSI5PK', sk: 'GSI5SK' },
} as const;
export type IndexName = keyof typeof INDEXES;

const ID_WIDTH = 12;
export const padId = (id: number): string => String(id).padStart(ID_WIDTH, '0');

/** The GSI1 partition that lists every item of an entity, in id order. */
export const listPartition = {
  OPERATOR: 'OPERATORS',
  SOURCE: 'SOURCES',
  ASSIGNMENT: 'ASSIGNMENTS',
  LEAD: 'LEADS',
  CONTACT: 'CONTACTS',
} as const satisfies Record<Exclude<Entity, 'SUBSCRIPTION'>, string>;
export type ListedEntity = keyof typeof listPartition;

/**
 * The entities created with every registration are listed over this many partitions (by id), so
 * that no list partition takes a write per registration: one takes 1,000 writes a second.
 */
export const LIST_SHARDS = 16;
const SHARDED: ReadonlySet<ListedEntity> = new Set(['LEAD', 'CONTACT']);

/** The GSI1 partition that lists an entity's item of this id. */
const listPartitionOf = (entity: ListedEntity, id: number) =>
  SHARDED.has(entity) ? `${listPartition[entity]}#${id % LIST_SHARDS}` : listPartition[entity];

/** The ranges of GSI1 that list every item of an entity (merged in id order when there are several). */
export const listRanges = (entity: ListedEntity) =>
  (SHARDED.has(entity)
    ? Array.from({ length: LIST_SHARDS }, (_, shard) => `${listPartition[entity]}#${shard}`)
    : [listPartition[entity]]
  ).map((partition) => ({ index: 'GSI1' as const, partition }));

/** Where one item of an entity is listed, by its id. */
export const listedRange = (entity: ListedEntity, id: number) => ({
  index: 'GSI1' as const,
  partition: listPartitionOf(entity, id),
  between: [padId(id), padId(id)] as const,
});

/** An API key, found by the SHA-256 of the key (the key itself is never stored); listed by its public id. */
export const apiKeyKey = (hash: string): Key => ({ PK: `APIKEY#${hash}`, SK: 'APIKEY' });
export const apiKeyKeys = (hash: string, id: string) => ({ ...apiKeyKey(hash), GSI1PK: 'APIKEYS', GSI1SK: id });
export const API_KEYS_PARTITION = 'APIKEYS';

const listed = (entity: ListedEntity, id: number) => ({ GSI1PK: listPartitionOf(entity, id), GSI1SK: padId(id) });

export const operatorKey = (id: number): Key => ({ PK: `OPERATOR#${id}`, SK: 'OPERATOR' });
export const operatorKeys = (id: number): IndexedKey => ({ ...operatorKey(id), ...listed('OPERATOR', id) });

export const sourceKey = (id: number): Key => ({ PK: `SOURCE#${id}`, SK: 'SOURCE' });
export const sourceKeys = (id: number): IndexedKey => ({ ...sourceKey(id), ...listed('SOURCE', id) });
export const sourcePartition = (sourceId: number): string => sourceKey(sourceId).PK;
/** A smooth weighted source's rotation: beside the source, a turn counter every registration there moves on. */
export const rotationKey = (sourceId: number): Key => ({ PK: sourcePartition(sourceId), SK: 'ROTATION' });

/**
 * An assignment's own item, found by its id the moment it exists and listed with the others. Its
 * weight is also on its source's item (what routing reads with the source) and its counts and quota
 * on its operator's (what the claim checks): all three are written in one transaction.
 */
export const assignmentKey = (id: number): Key => ({ PK: `ASSIGNMENT#${id}`, SK: 'ASSIGNMENT' });
export const assignmentKeys = (id: number): IndexedKey => ({ ...assignmentKey(id), ...listed('ASSIGNMENT', id) });

/**
 * The GSI2 partition of an operator: the contacts assigned to them, those still open or offered
 * apart (`OPEN_PREFIX`), so that their load is counted from them alone, from the closed ones.
 */
export const operatorPartition = (operatorId: number): string => operatorKey(operatorId).PK;
export const OPEN_PREFIX = 'OPEN#';
export const CLOSED_PREFIX = 'CLOSED#';
/** The GSI2 partition of a source's waiting (open, unassigned) contacts, oldest first. */
export const backlogPartition = (sourceId: number): string => `BACKLOG#${sourceId}`;
/**
 * A waiting contact's place in its source's backlog: highest priority first, oldest first within a
 * priority; contacts that wait for a manager sort after all of them (`NEEDS_MANAGER_PREFIX`).
 */
export const backlogSortKey = (id: number, priority: number, needsManager: boolean): string =>
  needsManager ? `${NEEDS_MANAGER_PREFIX}${padId(id)}` : `${9 - priority}${padId(id)}`;
export const NEEDS_MANAGER_PREFIX = 'M';
/** The GSI5 partitions of pending offers, by when they lapse; spread over a few so that none is hot. */
export const OFFER_DUE_SHARDS = 4;
export const offersDuePartition = (shard: number): string => `OFFERS_DUE#${shard}`;
/** The GSI5 partitions of every waiting contact (open, no operator), in id order: the backlogs of all sources as one list. */
export const WAITING_SHARDS = 4;
export const waitingPartition = (shard: number): string => `WAITING#${shard}`;
/** The GSI3 partition of a source's contacts. */
export const sourceContactsPartition = (sourceId: number): string => sourcePartition(sourceId);
/** The GSI4 partition of a lead's contacts. */
export const leadContactsPartition = (leadId: number): string => `LEAD#${leadId}`;

export const leadKey = (normalizedExternalId: string): Key => ({ PK: `LEAD#${normalizedExternalId}`, SK: 'LEAD' });
export const leadKeys = (id: number, normalizedExternalId: string): IndexedKey => ({
  ...leadKey(normalizedExternalId),
  ...listed('LEAD', id),
});

/** An erased lead: listed and found by its id as before, but under a key that no longer holds their external id. */
export const erasedLeadKeys = (id: number): IndexedKey => ({ PK: `ERASED_LEAD#${id}`, SK: 'LEAD', ...listed('LEAD', id) });

export const CONTACT_KEY_PREFIX = 'CONTACT#';
export const contactKey = (id: number): Key => ({ PK: `${CONTACT_KEY_PREFIX}${id}`, SK: 'CONTACT' });

/** What a contact's keys depend on. */
export interface ContactKeyFacts {
  id: number;
  source_id: number;
  lead_id: number;
  operator_id: number | null;
  status: 'open' | 'offered' | 'closed';
  priority: number;
  needs_manager: boolean;
  offer_expires_at: string | null;
}

/**
 * A contact's keys, derived from its state: it sits in its operator's GSI2 partition once assigned
 * (among their open ones until closed), in its source's backlog and the list of everyone's waiting
 * contacts while it waits, and in none of these once closed unassigned; in the offer timer's index
 * while an offer is pending.
 */
export function contactKeys(contact: ContactKeyFacts): Record<string, string> {
  const id = padId(contact.id);
  const waiting = contact.operator_id === null && contact.status === 'open';
  const placement: Record<string, string> =
    contact.operator_id !== null
      ? { GSI2PK: operatorPartition(contact.operator_id), GSI2SK: `${contact.status === 'closed' ? CLOSED_PREFIX : OPEN_PREFIX}${id}` }
      : waiting
        ? { GSI2PK: backlogPartition(contact.source_id), GSI2SK: backlogSortKey(contact.id, contact.priority, contact.needs_manager) }
        : {};
  const due: Record<string, string> =
    contact.status === 'offered' && contact.offer_expires_at
      ? { GSI5PK: offersDuePartition(contact.id % OFFER_DUE_SHARDS), GSI5SK: `${contact.offer_expires_at}#${id}` }
      : waiting
        ? { GSI5PK: waitingPartition(contact.id % WAITING_SHARDS), GSI5SK: id }
        : {};
  return {
    ...contactKey(contact.id),
    ...listed('CONTACT', contact.id),
    ...placement,
    ...due,
    GSI3PK: sourceContactsPartition(contact.source_id),
    GSI3SK: id,
    GSI4PK: leadContactsPartition(contact.lead_id),
    GSI4SK: id,
  };
}

/** The idempotency scope of a `POST /contacts/` with an `Idempotency-Key` header. */
/** An Idempotency-Key's scope: each API key's own, so that one integration cannot replay, or collide with, another's requests. */
export const contactRequestScope = (idempotencyKey: string, apiKeyId: string | null = null): string =>
  apiKeyId === null ? `contacts:${idempotencyKey}` : `contacts:${apiKeyId}:${idempotencyKey}`;
/** The idempotency scope of one message a platform delivered to a source's webhook. */
export const webhookDeliveryScope = (platform: string, sourceId: number, deliveryId: string): string =>
  `webhook:${platform}:${sourceId}:${deliveryId}`;

/** The record that a request with this idempotency scope was done (webhook delivery, Idempotency-Key). */
export const idempotencyKey = (scope: string): Key => ({ PK: `IDEMPOTENCY#${scope}`, SK: 'IDEMPOTENCY' });

/** Which layout the table's items are in (lib/db/layout.ts). */
export const layoutKey = (): Key => ({ PK: 'LAYOUT', SK: 'LAYOUT' });

/** One item holds every entity's id counter as an attribute named after the entity. */
export const counterKey = (): Key => ({ PK: 'COUNTER', SK: 'COUNTER' });

/** Subscriptions are few (`MAX_SUBSCRIPTIONS`): one partition holds them all, and one Query reads them. */
export const SUBSCRIPTIONS_PARTITION = 'SUBSCRIPTIONS';
export const subscriptionKey = (id: number): Key => ({ PK: SUBSCRIPTIONS_PARTITION, SK: `SUBSCRIPTION#${padId(id)}` });

/**
 * Where events go: a subscription (by id) or the operators' Telegram bot. Every recipient has one
 * delivery queue per subject (a contact or an operator), since events of one subject are delivered
 * in order and those of different subjects in parallel.
 */
export type Recipient = number | 'telegram';
export type Subject = { contact: number } | { operator: number };
const recipientPart = (to: Recipient) => (to === 'telegram' ? 'telegram' : padId(to));
export const subjectPart = (subject: Subject) => ('contact' in subject ? `contact-${subject.contact}` : `operator-${subject.operator}`);
export const deliveryQueuePartition = (to: Recipient, subject: Subject): string =>
  `DELIVERIES#${recipientPart(to)}#${subjectPart(subject)}`;
export const deliveryQueueKey = (partition: string): Key => ({ PK: partition, SK: 'QUEUE' });
export const DELIVERY_PREFIX = 'D#';
/** A delivery sits in its queue's partition by its place in the stream (`seq`), listed by its id under its recipient. */
export const deliveryKeys = (partition: string, seq: string, to: Recipient, deliveryId: string) => ({
  PK: partition,
  SK: `${DELIVERY_PREFIX}${seq}`,
  GSI1PK: recipientDeliveriesPartition(to),
  GSI1SK: deliveryId,
});
export const recipientDeliveriesPartition = (to: Recipient): string => `DELIVERIES#${recipientPart(to)}`;
/** The GSI5 partitions of delivery queues with something due, by when; spread over a few so that none is hot. */
export const DELIVERY_DUE_SHARDS = 4;
export const deliveriesDuePartition = (shard: number): string => `DELIVERIES_DUE#${shard}`;
export const deliveryDueKeys = (partition: string, dueAt: string) => {
  let hash = 0;
  for (const char of partition) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { GSI5PK: deliveriesDuePartition(hash % DELIVERY_DUE_SHARDS), GSI5SK: `${dueAt}#${partition}` };
};

/** The audit trail: one record per change made by hand, under its entity, newest last; all of them listed by time. */
export const AUDIT_PARTITION = 'AUDIT';
export const auditEntityPartition = (entity: string, entityId: number | string): string => `AUDIT#${entity}#${entityId}`;
export const auditKeys = (entity: string, entityId: number | string, at: string, id: string) => ({
  PK: auditEntityPartition(entity, entityId),
  SK: `${at}#${id}`,
  GSI1PK: AUDIT_PARTITION,
  GSI1SK: `${at}#${id}`,
});

/** One API key's requests (or a source's webhook contacts) in one rate-limit window (epoch seconds it starts at). */
export const rateWindowKey = (owner: string, windowStart: number): Key => ({ PK: `RATE#${owner}#${windowStart}`, SK: 'RATE' });
/** Whose budget a source's webhooks spend: never a key id, which is hex. */
export const webhookBudgetOwner = (sourceId: number): string => `WEBHOOKS#${sourceId}`;

/** Settings of the whole team, such as the operators' Telegram bot. */
export const settingsKey = (name: 'telegram_bot' | 'retention'): Key => ({ PK: 'SETTINGS', SK: name });
/** A one-time code an operator sends the bot (`/start CODE`) to link their chat. */
export const telegramLinkKey = (code: string): Key => ({ PK: `TELEGRAM_LINK#${code}`, SK: 'TELEGRAM_LINK' });
/** Which operator a Telegram chat belongs to. */
export const telegramChatKey = (chatId: number): Key => ({ PK: `TELEGRAM_CHAT#${chatId}`, SK: 'TELEGRAM_CHAT' });
/** The Telegram message that carries one offer of a contact, so that its outcome edits it. */
export const telegramMessageKey = (contactId: number, offeredAt: string): Key => ({ PK: `TELEGRAM_MESSAGE#${contactId}`, SK: offeredAt });
