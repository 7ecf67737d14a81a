import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deletionRecord, stamped } from '../audit/trail';
import { notFound } from '../errors';
import { StoredSubscription, type SubscriptionInput } from '../schemas/events';
import { database } from './client';
import { cancellationCodes } from './failures';
import { nextId } from './ids';
import { getItem, putNewItem, queryPartition } from './items';
import { SUBSCRIPTIONS_PARTITION, subscriptionKey } from './keys';

const parse = (item: Record<string, unknown>) => StoredSubscription.parse(item);

export async function createSubscription(input: SubscriptionInput, secret: string, now: Date): Promise<StoredSubscription> {
  const id = await nextId('SUBSCRIPTION');
  const subscription = StoredSubscription.parse({ id, ...input, secret, created_at: now.toISOString() });
  await putNewItem({ ...subscriptionKey(id), ...subscription, ...stamped('created') });
  return subscription;
}

/** Every subscription, in id order: one strongly consistent Query of their partition. */
export const listSubscriptions = async (): Promise<StoredSubscription[]> => (await queryPartition(SUBSCRIPTIONS_PARTITION)).map(parse);

export async function getSubscription(id: number): Promise<StoredSubscription | undefined> {
  const item = await getItem(subscriptionKey(id));
  return item && parse(item);
}

/** Sets fields of an existing subscription (stamped as `action` when made by hand); 404 if there is none. */
async function updateSubscription(id: number, changes: Record<string, unknown>, action?: string): Promise<StoredSubscription> {
  const db = database();
  const fields: Record<string, unknown> = { ...changes, ...(action ? stamped(action) : {}) };
  const names = Object.keys(fields);
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: subscriptionKey(id),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, fields[name]])),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parse(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Subscription', id);
    throw error;
  }
}

/** Replaces what a subscription asks for; switching it on again clears why it was switched off. */
export const replaceSubscription = (id: number, { url, events, description, enabled }: SubscriptionInput) =>
  updateSubscription(
    id,
    { url, events, description, enabled, ...(enabled ? { disabled_reason: null, failing_since: null } : {}) },
    'updated',
  );

export const setSubscriptionSecret = (id: number, secret: string) => updateSubscription(id, { secret }, 'secret rotated');

/** Deletes a subscription; its queued deliveries are dropped by the delivery timer when it meets them. */
export async function deleteSubscription(id: number): Promise<void> {
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: db.tableName, Key: subscriptionKey(id), ConditionExpression: 'attribute_exists(PK)' } },
          ...deletionRecord('subscription', id, undefined),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw notFound('Subscription', id);
    throw error;
  }
}

/** A subscription's receiver answered: it is not failing any more. */
export async function recordReceiverSuccess(subscription: StoredSubscription): Promise<void> {
  if (subscription.failing_since !== null) await updateSubscription(subscription.id, { failing_since: null });
}

/**
 * A subscription's receiver failed at `now`. It has been failing since the first failure after its
 * last success; once that is `disableAfterMs` ago, the subscription is switched off and says why.
 */
export async function recordReceiverFailure(subscription: StoredSubscription, now: Date, disableAfterMs: number): Promise<void> {
  const since = subscription.failing_since ?? now.toISOString();
  if (now.getTime() - Date.parse(since) < disableAfterMs) {
    if (subscription.failing_since === null) await updateSubscription(subscription.id, { failing_since: since });
    return;
  }
  await updateSubscription(subscription.id, {
    failing_since: since,
    enabled: false,
    disabled_reason: `every delivery failed from ${since} to ${now.toISOString()}`,
  });
}
