import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Contact } from '../schemas/contacts';
import type { Lead } from '../schemas/leads';
import { database } from './client';
import { cancellationCodes } from './failures';
import { contactKeys, leadKeys } from './keys';
import { claimCapacity, type TransactItem } from './operators';
import { listEntities, type Page, type PageRequest } from './pagination';

export interface ContactCommit {
  contact: Contact;
  /** A lead seen for the first time, created in the same transaction under its normalized external id. */
  newLead?: { lead: Lead; normalizedExternalId: string } | undefined;
}

/**
 * How a commit ended: `committed`; `operator_unavailable` (the chosen operator filled up or was
 * deactivated since it was read); `lead_exists` (a concurrent first contact created the lead);
 * `conflict` (another transaction touched the same items; retry later).
 */
export type CommitOutcome = 'committed' | 'operator_unavailable' | 'lead_exists' | 'conflict';

/**
 * Writes a contact in one transaction: claims capacity on its operator (if it has one), puts the
 * contact, and creates its lead if new. Either all of it happens or none of it.
 */
export async function commitContact({ contact, newLead }: ContactCommit): Promise<CommitOutcome> {
  const db = database();
  const steps: { name: 'operator' | 'contact' | 'lead'; item: TransactItem }[] = [];
  if (contact.operator_id !== null) steps.push({ name: 'operator', item: claimCapacity(contact.operator_id) });
  steps.push({
    name: 'contact',
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...contactKeys(contact.id), ...contact },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  });
  if (newLead) {
    steps.push({
      name: 'lead',
      item: {
        Put: {
          TableName: db.tableName,
          Item: { ...leadKeys(newLead.lead.id, newLead.normalizedExternalId), ...newLead.lead },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    });
  }
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
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = (name: string) => codes[steps.findIndex((step) => step.name === name)] === 'ConditionalCheckFailed';
    if (failed('operator')) return 'operator_unavailable';
    if (failed('lead')) return 'lead_exists';
    if (failed('contact')) throw new Error(`Contact id ${contact.id} is already taken; the id counter is behind`);
    return 'conflict';
  }
}

/** Contacts in id order, a page at a time. */
export const listContacts = (page: PageRequest): Promise<Page<Contact>> => listEntities('CONTACT', Contact, page);
