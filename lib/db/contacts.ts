import type { AuditStamp } from '../audit/actor';
import type { QuotaCharge } from '../availability/quota';
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { RoutingExplanation } from '../routing/explanation';
import { UnavailableError } from '../errors';
import { Contact, ContactWithRouting, Offer, type ContactListQuery } from '../schemas/contacts';
import { RoutingExplanation as RoutingExplanationSchema } from '../schemas/routing';
import type { StoredLead } from '../schemas/leads';
import { database } from './client';
import { cancellationCodes, isRetryableCancellation } from './failures';
import { recordIdempotency, type IdempotencyRecord } from './idempotency';
import { ID_BLOCK_MAX_AGE_MS } from './ids';
import { getItem, type Item } from './items';
import {
  backlogPartition,
  CLOSED_PREFIX,
  contactKey,
  contactKeys,
  type Key,
  leadContactsPartition,
  leadKeys,
  CONTACT_KEY_PREFIX,
  listRanges,
  NEEDS_MANAGER_PREFIX,
  OFFER_DUE_SHARDS,
  offersDuePartition,
  OPEN_PREFIX,
  operatorPartition,
  sourceContactsPartition,
  WAITING_SHARDS,
  waitingPartition,
} from './keys';
import { claimCapacity, releaseCapacity, type TransactItem } from './operators';
import { type IndexRange, type IndexRead, type Page, type PageRequest, readEvery, readIndexPage, readKeys } from './pagination';

/**
 * A contact as stored: its public fields, the version that guards concurrent changes, its offers
 * (the latest `MAX_OFFERS_KEPT`, oldest first), how many of them belong to the current round (a
 * manager's reassignment starts a new one), and when an operator first had it.
 */
export const StoredContact = Contact.extend({
  version: z.number().int(),
  offers: z.array(Offer).default([]),
  offer_round: z.number().int().default(0),
  assigned_at: z.string().nullable().default(null),
  /** The id of the API key that registered it, if one did (an integration key reads only its own). */
  registered_by: z.string().nullable().default(null),
  /** The idempotency scope it was registered under, if any: its record holds the lead's external id until erased. */
  request_scope: z.string().nullable().default(null),
  /** Why it went where it went, as last routed; on the contact's own item, so that it costs no write of its own. */
  routing: RoutingExplanationSchema.nullable().default(null),
});
export type StoredContact = z.infer<typeof StoredContact>;

/** One contact, read strongly consistent. */
export async function getContact(id: number): Promise<StoredContact | undefined> {
  const item = await getItem(contactKey(id));
  return item && StoredContact.parse(item);
}

/**
 * A change to one contact and the capacity it moves, committed all together or not at all:
 * - `contact`: the new state; its `version` must be one more than what was read (1 for a new contact);
 * - `claim`: an operator who takes one unit of load (`newWork`: only if active), counted on their
 *   assignment to `viaSource` when routing gave it to them, and against the operator's and the
 *   assignment's quotas (`quota`, `sourceQuota`: the charges, when they have quotas);
 * - `release`: an operator who gives one back;
 * - `newLead`: a lead seen for the first time, created under its normalized external id;
 * - `leadOperator`: the lead's item and the operator the change gives them, when that is not the
 *   operator the lead's item names (sticky routing reads it: `StoredLead.operator_id`);
 * - `explanation`: why the contact went where it went, replacing any earlier one on the contact;
 * - `idempotency`: the record that this request is done, so that a retry cannot do it again;
 * - `offerLiveAt`: the contact's pending offer, as read, must still be live at this time (acceptance).
 */
export interface Claim {
  operatorId: number;
  newWork: boolean;
  viaSource?: number | undefined;
  quota?: QuotaCharge | undefined;
  sourceQuota?: QuotaCharge | undefined;
}

export interface ContactChange {
  contact: StoredContact;
  claim?: Claim | undefined;
  release?: number | undefined;
  newLead?: { lead: StoredLead; normalizedExternalId: string } | undefined;
  leadOperator?: { key: Key; operatorId: number } | undefined;
  explanation?: RoutingExplanation | undefined;
  idempotency?: { record: IdempotencyRecord; now: Date } | undefined;
  offerLiveAt?: string | undefined;
  /** Who made the change by hand, for the audit trail (written onto the contact, read from the stream). */
  audit?: AuditStamp | undefined;
}

/**
 * How a change ended: `committed`; `operator_unavailable` (the operator to claim filled up, was
 * deactivated or taken off the source since read); `release_failed` (the operator to release already
 * has no load: drift); `contact_changed` (someone changed the contact since read); `lead_exists` (a
 * concurrent first contact created the lead); `lead_gone` (the lead was erased since read);
 * `duplicate` (the same request was done already); `conflict` (another transaction touched the same
 * items; retry later).
 */
export type ChangeOutcome =
  | 'committed'
  | 'operator_unavailable'
  | 'release_failed'
  | 'contact_changed'
  | 'lead_exists'
  | 'lead_gone'
  | 'duplicate'
  | 'conflict';

export async function commitContactChange({
  contact,
  claim,
  release,
  newLead,
  leadOperator,
  explanation,
  idempotency,
  offerLiveAt,
  audit,
}: ContactChange): Promise<ChangeOutcome> {
  const db = database();
  const steps: { name: Exclude<ChangeOutcome, 'committed' | 'conflict'>; item: TransactItem }[] = [];
  if (claim) steps.push({ name: 'operator_unavailable', item: claimCapacity(claim) });
  if (release !== undefined) steps.push({ name: 'release_failed', item: releaseCapacity(release) });
  const stored: StoredContact = explanation ? { ...contact, routing: explanation } : contact;
  steps.push({
    name: 'contact_changed',
    item: {
      Put: {
        TableName: db.tableName,
        // When it changed: the time of the events this change implies (lib/events/publish.ts).
        Item: { ...contactKeys(stored), ...stored, changed_at: new Date().toISOString(), ...(audit ? { audit } : {}) },
        ...(contact.version === 1
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : offerLiveAt
            ? {
                ConditionExpression: 'version = :seen AND offer_expires_at > :now',
                ExpressionAttributeValues: { ':seen': contact.version - 1, ':now': offerLiveAt },
              }
            : { ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': contact.version - 1 } }),
      },
    },
  });
  if (newLead) {
    steps.push({
      name: 'lead_exists',
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...leadKeys(newLead.lead.id, newLead.normalizedExternalId), ...newLead.lead },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    });
  }
  if (leadOperator) {
    steps.push({
      name: 'lead_gone',
      item: {
        Update: {
          TableName: db.tableName,
          Key: leadOperator.key,
          UpdateExpression: 'SET operator_id = :operator',
          // Never recreate an erased lead's item, which is keyed by their number.
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':operator': leadOperator.operatorId },
        },
      },
    });
  }
  if (idempotency) steps.push({ name: 'duplicate', item: recordIdempotency(idempotency.record, idempotency.now) });
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: steps.map((step) => step.item),
        // Makes the SDK's own retry of this exact request (after a timeout, say) apply it at most once.
        ClientRequestToken: randomUUID(),
      }),
    );
    return 'committed';
  } catch (error) {
    // The SDK retried the transaction (same token) while the first try was still running: it may
    // yet commit. Say so, rather than "failed": a retry with the same Idempotency-Key learns which.
    if (error instanceof Error && error.name === 'TransactionInProgressException') {
      throw new UnavailableError(
        `Contact ${contact.id}: the change may have been applied; retry with the same Idempotency-Key to get its outcome`,
        1,
        { cause: error },
      );
    }
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = steps.find((_, i) => codes[i] === 'ConditionalCheckFailed');
    if (failed) return failed.name;
    // Anything else (a validation error, an item collection too large) is not helped by retrying:
    // stop now, and answer the client as the database's problem, with the cause in the log.
    if (!isRetryableCancellation(codes)) throw new UnavailableError('The database refused the change, retry later', 1, { cause: error });
    return 'conflict';
  }
}

/** One contact with the explanation of its routing and its offers, strongly consistent. */
export async function getContactWithRouting(id: number): Promise<ContactWithRouting | undefined> {
  const item = await getItem(contactKey(id));
  return item && ContactWithRouting.parse(item);
}

/** Waiting contacts of a source that the dispatch may assign: highest priority first, oldest first (not those waiting for a manager). */
export const listBacklog = (sourceId: number, page: PageRequest): Promise<Page<StoredContact>> =>
  readIndexPage(
    { ranges: [{ index: 'GSI2', partition: backlogPartition(sourceId), before: NEEDS_MANAGER_PREFIX }], filter: isWaiting },
    StoredContact,
    page,
  );

const isWaiting = (item: Item) => item.status === 'open' && (item.operator_id ?? null) === null;

/**
 * An operator's open and offered contacts, as stored: bounded by their load (the index lists closed
 * ones apart). One the index still lists but that has moved on since is left out.
 */
const activeContactsOf = (operatorId: number): Promise<StoredContact[]> =>
  readEvery(
    {
      ranges: [{ index: 'GSI2', partition: operatorPartition(operatorId), prefix: OPEN_PREFIX }],
      filter: (item) => item.operator_id === operatorId && item.status !== 'closed',
    },
    StoredContact,
  );

/** How many open and offered contacts an operator has, counted from their contacts (not from `current_load`). */
export async function countActiveContacts(operatorId: number): Promise<{ open: number; offered: number }> {
  const contacts = await activeContactsOf(operatorId);
  const offered = contacts.filter((contact) => contact.status === 'offered').length;
  return { open: contacts.length - offered, offered };
}

/** Every contact of a lead, as stored (from its contacts index, which may lag a moment behind a new one). */
export const contactsOfLead = (leadId: number): Promise<StoredContact[]> =>
  readEvery({ ranges: [{ index: 'GSI4', partition: leadContactsPartition(leadId) }] }, StoredContact);

/** The contacts pending an operator's answer to an offer. */
export const listOffersTo = async (operatorId: number): Promise<StoredContact[]> =>
  (await activeContactsOf(operatorId)).filter((contact) => contact.status === 'offered');

const sourceContacts = (sourceId: number): IndexRead => ({
  ranges: [{ index: 'GSI3', partition: sourceContactsPartition(sourceId) }],
  descending: true,
});

/** A source's latest contacts, newest first, as stored (with their offers). */
export async function latestContactsOfSource(sourceId: number, count: number): Promise<StoredContact[]> {
  const contacts: StoredContact[] = [];
  let cursor: string | undefined;
  do {
    const page = await readIndexPage(sourceContacts(sourceId), StoredContact, { limit: Math.min(500, count - contacts.length), cursor });
    contacts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && contacts.length < count);
  return contacts;
}

/** The most contacts a period's read goes through, newer ones included. */
const MAX_READ_PAST = 100_000;

/**
 * A source's contacts created in [from, to), oldest first, at most `max` (the latest ones, then, with
 * `truncated`). Read newest first from its contacts index, stopping once contacts are older than
 * `from` by more than the time a container may hold a block of ids: ids, and so the index's order,
 * follow creation to within that.
 */
export async function contactsOfSourceBetween(
  sourceId: number,
  { from, to }: { from: string; to: string },
  max: number,
): Promise<{ contacts: StoredContact[]; truncated: boolean }> {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  const contacts: StoredContact[] = [];
  let cursor: string | undefined;
  // Contacts newer than the period are read past on the way to it: a period far back stops here.
  let read = 0;
  const inOrder = () => contacts.sort((a, b) => a.id - b.id);
  do {
    read += 500;
    if (read > MAX_READ_PAST) return { contacts: inOrder(), truncated: true };
    const page = await readIndexPage(sourceContacts(sourceId), StoredContact, { limit: 500, cursor });
    for (const contact of page.items) {
      const created = Date.parse(contact.created_at);
      if (created < start - ID_BLOCK_MAX_AGE_MS) return { contacts: inOrder(), truncated: false };
      if (created < start || created >= end) continue;
      if (contacts.length === max) return { contacts: inOrder(), truncated: true };
      contacts.push(contact);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { contacts: inOrder(), truncated: false };
}

/** The ids of the contacts whose offer lapsed before `before` (ISO time), from the offers index (which may lag a moment). */
export async function dueOfferIds(before: string): Promise<number[]> {
  const shards = await Promise.all(
    Array.from({ length: OFFER_DUE_SHARDS }, (_, shard) => readKeys({ index: 'GSI5', partition: offersDuePartition(shard), before })),
  );
  return shards.flat().map((key) => Number(key.PK.slice(CONTACT_KEY_PREFIX.length)));
}

export type ContactFilters = Partial<Omit<ContactListQuery, 'limit' | 'cursor'>>;

/**
 * Where a set of filters is answered from: the index that implies the most of them (an operator's
 * contacts, open ones apart from closed; a lead's; a source's; everyone's waiting ones; or all), and
 * the filters as a check on each item read, which also leaves out what the index lists but has
 * changed since.
 */
function contactRead(filters: ContactFilters): IndexRead {
  const { status, operator_id, source_id, lead_id, unassigned, order } = filters;
  let ranges: IndexRange[];
  if (operator_id !== undefined) {
    const partition = operatorPartition(operator_id);
    const open = { index: 'GSI2' as const, partition, prefix: OPEN_PREFIX };
    const closed = { index: 'GSI2' as const, partition, prefix: CLOSED_PREFIX };
    ranges = status === 'closed' ? [closed] : status ? [open] : [open, closed];
  } else if (lead_id !== undefined) {
    ranges = [{ index: 'GSI4', partition: leadContactsPartition(lead_id) }];
  } else if (source_id !== undefined) {
    ranges = [{ index: 'GSI3', partition: sourceContactsPartition(source_id) }];
  } else if (unassigned === true && status === 'open') {
    ranges = Array.from({ length: WAITING_SHARDS }, (_, shard) => ({ index: 'GSI5' as const, partition: waitingPartition(shard) }));
  } else {
    ranges = listRanges('CONTACT');
  }
  const checks: ((item: Item) => boolean)[] = [];
  if (status) checks.push((item) => item.status === status);
  if (operator_id !== undefined) checks.push((item) => item.operator_id === operator_id);
  if (source_id !== undefined) checks.push((item) => item.source_id === source_id);
  if (lead_id !== undefined) checks.push((item) => item.lead_id === lead_id);
  if (unassigned !== undefined) checks.push((item) => ((item.operator_id ?? null) === null) === unassigned);
  return {
    ranges,
    descending: order === 'desc',
    ...(checks.length > 0 ? { filter: (item: Item) => checks.every((check) => check(item)) } : {}),
  };
}

/** Contacts matching the filters, a page at a time, by id (ascending unless `order` is `desc`). */
export const listContacts = (query: ContactFilters & PageRequest): Promise<Page<Contact>> =>
  readIndexPage(contactRead(query), Contact, query);
