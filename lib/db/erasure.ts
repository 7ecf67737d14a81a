import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { deletionRecord } from '../audit/trail';
import type { Lead } from '../schemas/leads';
import { database } from './client';
import { cancellationCodes } from './failures';
import { lastId } from './ids';
import { getItem, queryPartition, type Item } from './items';
import { deliveryQueuePartition, erasedLeadKeys, idempotencyKey, type Recipient } from './keys';

/**
 * Replaces a lead's item, the one keyed by their external id, with an erased one keyed by their id,
 * in one transaction: from then on nothing finds the lead by that id, a new contact from the same
 * person makes a new lead, and the id still lists and reads as erased.
 */
export async function replaceWithErasedLead(lead: Lead, key: { PK: string; SK: string }, erasedAt: string): Promise<Lead> {
  const erased: Lead = { id: lead.id, external_id: null, created_at: lead.created_at, erased_at: erasedAt };
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: db.tableName, Key: key, ConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': lead.id } } },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...erasedLeadKeys(lead.id), ...erased },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          // That it happened, and by whom; never what the lead was.
          ...deletionRecord('lead', lead.id, undefined, 'erased'),
        ],
      }),
    );
  } catch (error) {
    // Erased by a concurrent request: the same outcome.
    if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
  }
  return erased;
}

/**
 * Everyone events may have been delivered to: every subscription ever made (a deleted one's deliveries
 * stay until they expire) and the operators' bot.
 */
export const everyRecipient = async (): Promise<Recipient[]> => [
  ...Array.from({ length: await lastId('SUBSCRIPTION') }, (_, i) => i + 1),
  'telegram',
];

/** The deliveries to one recipient about one contact (events, Telegram messages), as stored. */
export const deliveriesAbout = (to: Recipient, contactId: number): Promise<Item[]> =>
  queryPartition(deliveryQueuePartition(to, { contact: contactId }));

/**
 * Rewrites one attribute of an item, on condition it still holds what was read; answers false when
 * it changed meanwhile (read again) or the item is gone.
 */
export async function rewriteAttribute(item: Item, name: string, value: unknown): Promise<boolean> {
  const db = database();
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET #name = :value',
        ConditionExpression: '#name = :seen',
        ExpressionAttributeNames: { '#name': name },
        ExpressionAttributeValues: { ':value': value, ':seen': item[name] },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The idempotency record of a request scope, as stored. */
export const idempotencyItem = (scope: string): Promise<Item | undefined> => getItem(idempotencyKey(scope));
