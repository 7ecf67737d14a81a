import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { database } from './client';
import { getItem } from './items';
import { counterKey, type Entity } from './keys';

/**
 * Takes the next integer id of each named entity in one atomic update of the counter item, so a
 * registration that creates both a lead and a contact pays one request for both ids. Ids start at 1
 * and are never reused; an id taken by a request that then fails leaves a gap.
 */
export async function nextIds<E extends Entity>(entities: readonly E[]): Promise<Record<E, number>> {
  const db = database();
  const names = Object.fromEntries(entities.map((entity, i) => [`#c${i}`, entity]));
  const { Attributes } = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: counterKey(),
      UpdateExpression: `ADD ${entities.map((_, i) => `#c${i} :one`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Object.fromEntries(entities.map((entity) => [entity, Number(Attributes?.[entity])])) as Record<E, number>;
}

/** The highest id handed out so far of an entity (0 before the first). */
export async function lastId(entity: Entity): Promise<number> {
  const item = await getItem(counterKey());
  return Number(item?.[entity] ?? 0);
}

/** The next id of one entity. */
export const nextId = async (entity: Entity): Promise<number> => (await nextIds([entity]))[entity];
