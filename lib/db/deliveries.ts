import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Delivery } from '../schemas/events';
import { database } from './client';
import { cancellationCodes } from './failures';
import { getItem } from './items';
import {
  DELIVERY_DUE_SHARDS,
  DELIVERY_PREFIX,
  deliveriesDuePartition,
  deliveryDueKeys,
  deliveryKeys,
  deliveryQueueKey,
  recipientDeliveriesPartition,
  type Recipient,
} from './keys';
import { type Page, type PageRequest, readIndexPage } from './pagination';

/** How long a delivery's record is kept once it ended, delivered or failed (DynamoDB's time to live deletes it then); a pending one stays. */
const DELIVERY_RECORD_TTL_SECONDS = 30 * 24 * 3600;

/**
 * A delivery as stored: its public fields, whom it goes to, its queue (`partition`) and place in
 * it (`seq`, the order of the change in the table's stream), the exact body every attempt sends,
 * and whether it is still to be sent.
 */
export const StoredDelivery = Delivery.extend({
  /** Set once it ended: when DynamoDB's time to live deletes the record. */
  expires_at: z.number().int().optional(),
  to: z.union([z.number().int(), z.literal('telegram')]),
  partition: z.string(),
  seq: z.string(),
  payload: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  first_attempt_at: z.string().nullable().default(null),
});
export type StoredDelivery = z.infer<typeof StoredDelivery>;

/**
 * A queue as its holder sees it: the `seq` up to which every delivery is done, and the last `seq`
 * committed when the lease was taken (every delivery up to it is readable; later ones wait for the
 * next lease, since a Query may see part of a transaction still committing).
 */
export interface DeliveryQueue {
  partition: string;
  cursor: string;
  last: string;
}

/** Most items one transaction may hold, less the queue's own. */
const TRANSACTION_ITEMS = 99;

/**
 * Puts new deliveries at the end of their queue (all of one queue, in order) and makes the queue due
 * now unless it is due already (or waiting out a retry: its order must hold). The queue remembers
 * its last `seq`, so that its holder never closes it over a delivery it has not seen. Each write is
 * conditional on the delivery not existing: when the stream hands the same change again, those
 * that exist are left alone and only the missing are written. Answers how many were new.
 */
export async function enqueueDeliveries(deliveries: readonly StoredDelivery[], now: Date): Promise<number> {
  let made = 0;
  for (let i = 0; i < deliveries.length; i += TRANSACTION_ITEMS) {
    const chunk = deliveries.slice(i, i + TRANSACTION_ITEMS);
    if (await enqueueTogether(chunk, now)) made += chunk.length;
    else if (chunk.length > 1) for (const delivery of chunk) made += (await enqueueTogether([delivery], now)) ? 1 : 0;
  }
  return made;
}

async function enqueueTogether(deliveries: readonly StoredDelivery[], now: Date): Promise<boolean> {
  const db = database();
  const partition = deliveries[0]!.partition;
  const due = deliveryDueKeys(partition, now.toISOString());
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...deliveries.map((delivery) => ({
            Put: {
              TableName: db.tableName,
              Item: { ...deliveryKeys(partition, delivery.seq, delivery.to, delivery.id), ...delivery },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          })),
          {
            Update: {
              TableName: db.tableName,
              Key: deliveryQueueKey(partition),
              UpdateExpression: 'SET last_seq = :last, GSI5PK = if_not_exists(GSI5PK, :duePk), GSI5SK = if_not_exists(GSI5SK, :dueSk)',
              ExpressionAttributeValues: { ':last': deliveries.at(-1)!.seq, ':duePk': due.GSI5PK, ':dueSk': due.GSI5SK },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** Queues with something due by `now`, from every shard of the due index (eventually consistent: each is leased before use). */
export async function dueQueues(now: Date, limitPerShard: number): Promise<string[]> {
  const db = database();
  const shards = await Promise.all(
    Array.from({ length: DELIVERY_DUE_SHARDS }, (_, shard) =>
      db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'GSI5',
          KeyConditionExpression: 'GSI5PK = :pk AND GSI5SK <= :now',
          ExpressionAttributeValues: { ':pk': deliveriesDuePartition(shard), ':now': `${now.toISOString()}~` },
          Limit: limitPerShard,
        }),
      ),
    ),
  );
  return shards.flatMap(({ Items }) => (Items ?? []).map((item) => String(item.PK)));
}

/**
 * Takes a queue for `leaseMs`, if nobody holds it: only the holder sends its deliveries, one after
 * another, so that they arrive in order even when two timers overlap. Answers the queue, or
 * undefined when it is held (or gone).
 */
export async function leaseQueue(partition: string, leaseId: string, now: Date, leaseMs: number): Promise<DeliveryQueue | undefined> {
  const db = database();
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: deliveryQueueKey(partition),
        UpdateExpression: 'SET lease_id = :lease, lease_until = :until',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lease_until) OR lease_until < :now)',
        ExpressionAttributeValues: {
          ':lease': leaseId,
          ':until': new Date(now.getTime() + leaseMs).toISOString(),
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { partition, cursor: String(Attributes?.cursor ?? ''), last: String(Attributes?.last_seq ?? '') };
  } catch (error) {
    // Held by someone else, gone, or in an enqueue's transaction right now: the next tick tries again.
    if (error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === 'TransactionConflictException'))
      return undefined;
    throw error;
  }
}

/** The next deliveries of a queue after `cursor` and up to `last` (all of them when absent), in order, strongly consistent. */
export async function deliveriesAfter(partition: string, cursor: string, limit: number, last?: string): Promise<StoredDelivery[]> {
  const db = database();
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': partition, ':from': `${DELIVERY_PREFIX}${cursor}`, ':to': `${DELIVERY_PREFIX}${last ?? '~'}` },
      ConsistentRead: true,
      Limit: limit + 1,
    }),
  );
  return (Items ?? [])
    .map((item) => StoredDelivery.parse(item))
    .filter((delivery) => delivery.seq > cursor)
    .slice(0, limit);
}

/** Records an attempt that will be tried again, if the delivery is still pending; it stays the head of its queue. */
export const recordAttempt = (delivery: StoredDelivery, fields: Partial<StoredDelivery>): Promise<boolean> =>
  updateDelivery(delivery, fields, true);

/** Records a manual attempt at a delivery that ended already (sent again by hand). */
export const recordReplay = (delivery: StoredDelivery, fields: Partial<StoredDelivery>): Promise<boolean> =>
  updateDelivery(delivery, fields, false);

/**
 * Ends a pending delivery: delivered, or failed for good. Answers false when it had ended already
 * (the retry endpoint sent it, or a holder whose lease ran out did): nothing is recorded twice.
 */
export const endDelivery = (delivery: StoredDelivery, fields: Partial<StoredDelivery>, now: Date): Promise<boolean> =>
  updateDelivery(delivery, { ...fields, expires_at: Math.floor(now.getTime() / 1000) + DELIVERY_RECORD_TTL_SECONDS }, true);

async function updateDelivery(delivery: StoredDelivery, fields: Partial<StoredDelivery>, onlyIfPending: boolean): Promise<boolean> {
  const db = database();
  const names = Object.keys(fields) as (keyof StoredDelivery)[];
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: delivery.partition, SK: `${DELIVERY_PREFIX}${delivery.seq}` },
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: onlyIfPending ? '#state = :pending' : 'attribute_exists(PK)',
        ExpressionAttributeNames: {
          ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
          ...(onlyIfPending ? { '#state': 'state' } : {}),
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name, i) => [`:a${i}`, fields[name] ?? null])),
          ...(onlyIfPending ? { ':pending': 'pending' } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives the queue back with how far it got, due again at `at` (a retry's time, or now when there is more to send). */
export async function rescheduleQueue({ partition, cursor }: DeliveryQueue, leaseId: string, at: Date): Promise<void> {
  const db = database();
  const due = deliveryDueKeys(partition, at.toISOString());
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: deliveryQueueKey(partition),
        UpdateExpression: 'SET GSI5PK = :pk, GSI5SK = :sk, #cursor = :cursor REMOVE lease_id, lease_until',
        ConditionExpression: 'lease_id = :lease',
        ExpressionAttributeNames: { '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':pk': due.GSI5PK, ':sk': due.GSI5SK, ':lease': leaseId, ':cursor': cursor },
      }),
    );
  } catch (error) {
    // The lease ran out and someone else holds the queue now: it is theirs to schedule.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Takes an emptied queue off the due index, keeping where it got to (its cursor), so that the
 * subject's next event starts after it; if a delivery joined meanwhile (its last `seq` is past the
 * cursor), it stays due, now.
 */
export async function closeQueue(queue: DeliveryQueue, leaseId: string, now: Date): Promise<void> {
  const db = database();
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: deliveryQueueKey(queue.partition),
        UpdateExpression: 'SET #cursor = :cursor REMOVE GSI5PK, GSI5SK, lease_id, lease_until',
        ConditionExpression: 'lease_id = :lease AND last_seq = :cursor',
        ExpressionAttributeNames: { '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':lease': leaseId, ':cursor': queue.cursor },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await rescheduleQueue(queue, leaseId, now);
  }
}

/** Where a queue got to (its cursor), for a manual retry; empty when it has none. */
export async function queueCursor(partition: string): Promise<string> {
  const item = await getItem(deliveryQueueKey(partition));
  return String(item?.cursor ?? '');
}

/** A recipient's deliveries, newest first, a page at a time. */
export const listDeliveries = (to: Recipient, page: PageRequest): Promise<Page<Delivery>> =>
  readIndexPage({ ranges: [{ index: 'GSI1', partition: recipientDeliveriesPartition(to) }], descending: true }, Delivery, page);

/** One delivery of a recipient by its id (found through the list index, then read strongly). */
export async function findDelivery(to: Recipient, id: string): Promise<StoredDelivery | undefined> {
  const db = database();
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :id',
      ExpressionAttributeValues: { ':pk': recipientDeliveriesPartition(to), ':id': id },
    }),
  );
  const key = Items?.[0];
  if (!key) return undefined;
  const item = await getItem({ PK: String(key.PK), SK: String(key.SK) });
  return item && StoredDelivery.parse(item);
}

/** Makes a queue due now, whoever holds it (a manual retry); nothing if the queue is gone. */
export async function rescheduleQueueNow(partition: string, now: Date): Promise<void> {
  const db = database();
  const due = deliveryDueKeys(partition, now.toISOString());
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: deliveryQueueKey(partition),
        UpdateExpression: 'SET GSI5PK = :pk, GSI5SK = :sk',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':pk': due.GSI5PK, ':sk': due.GSI5SK },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
