import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../errors';
import { Assignment } from '../schemas/assignments';
import type * as z from 'zod';
import { Channel, Source, SourceInput } from '../schemas/sources';
import { nextId } from './ids';
import { putNewItem, queryPartition } from './items';
import { database } from './client';
import { ASSIGNMENT_PREFIX, sourceKey, sourceKeys, sourcePartition } from './keys';
import { listEntities, type Page, type PageRequest } from './pagination';

/** Creates a source (a bot or a form that brings contacts); its routing policy defaults to the seed's. */
export async function createSource(input: z.input<typeof SourceInput>): Promise<Source> {
  const { channel = null, ...fields } = SourceInput.parse(input);
  const id = await nextId('SOURCE');
  await putNewItem({ ...sourceKeys(id), id, ...fields, channel });
  return Source.parse({ id, ...fields, channel });
}

/** Replaces a source's name and routing policy. */
export async function replaceSource(id: number, input: SourceInput): Promise<Source> {
  const db = database();
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: sourceKey(id),
        UpdateExpression: `SET #name = :name, routing = :routing${input.channel === undefined ? '' : ', channel = :channel'}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: {
          ':name': input.name,
          ':routing': input.routing,
          ...(input.channel === undefined ? {} : { ':channel': input.channel }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Source.parse(Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Source', id);
    throw error;
  }
}

/** Sources in id order, a page at a time. */
export const listSources = (page: PageRequest): Promise<Page<Source>> => listEntities('SOURCE', Source, page);

export interface SourceRouting {
  source: Source;
  assignments: Assignment[];
  /** The channel with its secrets, for checking webhook deliveries; never part of a response. */
  channel: Channel | null;
}

/** A source with every operator assigned to it, in one strongly consistent Query of its partition. */
export async function getSourceRouting(sourceId: number): Promise<SourceRouting | undefined> {
  const items = await queryPartition(sourcePartition(sourceId));
  const sourceItem = items.find((item) => !String(item.SK).startsWith(ASSIGNMENT_PREFIX));
  if (!sourceItem) return undefined;
  return {
    source: Source.parse(sourceItem),
    channel: sourceItem.channel ? Channel.parse(sourceItem.channel) : null,
    assignments: items.filter((item) => String(item.SK).startsWith(ASSIGNMENT_PREFIX)).map((item) => Assignment.parse(item)),
  };
}
