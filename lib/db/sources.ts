import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { notFound } from '../errors';
import { RoutingWeight } from '../schemas/assignments';
import { Channel, Source, SourceInput } from '../schemas/sources';
import { stamped } from '../audit/trail';
import { nextId } from './ids';
import { getItem, getItems, putNewItem, type Item } from './items';
import { database } from './client';
import { rotationKey, sourceKey, sourceKeys } from './keys';
import { FRESH_ROTATION, type Rotation } from '../routing/smooth';
import { listEntities, type Page, type PageRequest } from './pagination';

/** Creates a source (a bot or a form that brings contacts); its routing policy defaults to the seed's. */
export async function createSource(input: z.input<typeof SourceInput>): Promise<Source> {
  const { channel = null, ...fields } = SourceInput.parse(input);
  const id = await nextId('SOURCE');
  // Its assignments' weights, by operator id: what routing reads with the source (lib/db/assignments.ts).
  await putNewItem({ ...sourceKeys(id), id, ...fields, channel, assignments: {}, ...stamped('created') });
  return Source.parse({ id, ...fields, channel });
}

/** Replaces a source's name and routing policy. */
export async function replaceSource(id: number, input: SourceInput): Promise<Source> {
  const db = database();
  const { audit } = stamped('updated');
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: sourceKey(id),
        UpdateExpression: `SET #name = :name, routing = :routing${input.channel === undefined ? '' : ', channel = :channel'}${audit ? ', audit = :audit' : ''}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: {
          ':name': input.name,
          ':routing': input.routing,
          ...(input.channel === undefined ? {} : { ':channel': input.channel }),
          ...(audit ? { ':audit': audit } : {}),
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

/** An operator assigned to a source, with their weight there, as routing reads it with the source. */
export interface RoutedAssignment {
  /** The assignment's id. */
  id: number;
  operator_id: number;
  weight: number;
}

export interface SourceRouting {
  source: Source;
  /** Its operators and their weights, in operator id order. */
  assignments: RoutedAssignment[];
  /** The channel with its secrets, for checking webhook deliveries; never part of a response. */
  channel: Channel | null;
  /** Where its smooth weighted rotation stands (fresh for the other modes, or before the first contact). */
  rotation: Rotation;
}

const Weights = z.record(z.string(), RoutingWeight).default({});

/** A source's routing table from its item (and its rotation's, if read). */
export function routingOf(sourceItem: Item, rotationItem: Item | undefined): SourceRouting {
  const assignments = Object.entries(Weights.parse(sourceItem.assignments))
    .map(([operatorId, { id, weight }]) => ({ id, operator_id: Number(operatorId), weight }))
    .sort((a, b) => a.operator_id - b.operator_id);
  return {
    source: Source.parse(sourceItem),
    assignments,
    channel: sourceItem.channel ? Channel.parse(sourceItem.channel) : null,
    rotation: rotationItem ? parseRotation(rotationItem) : FRESH_ROTATION,
  };
}

/** A source with its weighted operators and its rotation, in one strongly consistent read of both items. */
export async function getSourceRouting(sourceId: number): Promise<SourceRouting | undefined> {
  const items = await getItems([sourceKey(sourceId), rotationKey(sourceId)]);
  const sourceItem = items.find((item) => item.SK === sourceKey(sourceId).SK);
  return (
    sourceItem &&
    routingOf(
      sourceItem,
      items.find((item) => item.SK === rotationKey(sourceId).SK),
    )
  );
}

const parseRotation = (item: Record<string, unknown>): Rotation => ({
  window: String(item.window),
  start: Number(item.start),
  turn: Number(item.turn),
});

/** A source's rotation as stored now (another request may have moved it on). */
export async function getRotation(sourceId: number): Promise<Rotation> {
  const item = await getItem(rotationKey(sourceId));
  return item ? parseRotation(item) : FRESH_ROTATION;
}

/**
 * Takes the next turn of a source's rotation in `window`, in one atomic update: the window goes on if
 * it is the one stored, or a new one begins at this turn if the one stored is `seen` (the rotation
 * as this request read it). Answers the rotation with this turn, or undefined when someone changed
 * the window meanwhile (read it again and decide anew).
 */
export async function takeTurn(sourceId: number, window: string, seen: Rotation): Promise<Rotation | undefined> {
  const db = database();
  const continues = seen.window === window;
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: rotationKey(sourceId),
        // SET reads the item as it was: a new window starts at the turn about to be taken.
        UpdateExpression: continues
          ? 'SET turn = turn + :one'
          : 'SET #window = :window, #start = if_not_exists(turn, :zero), turn = if_not_exists(turn, :zero) + :one',
        ConditionExpression: continues
          ? '#window = :window'
          : seen.window === ''
            ? 'attribute_not_exists(PK) OR #window = :seen'
            : '#window = :seen',
        ExpressionAttributeNames: continues ? { '#window': 'window' } : { '#window': 'window', '#start': 'start' },
        ExpressionAttributeValues: { ':one': 1, ':window': window, ...(continues ? {} : { ':zero': 0, ':seen': seen.window }) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parseRotation(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
