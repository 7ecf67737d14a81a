import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { database } from '../db/client';
import { AUDIT_PARTITION, auditEntityPartition, auditKeys } from '../db/keys';
import { InvalidError } from '../errors';
import { type AuditStamp, auditStamp } from './actor';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const AUDITED_ENTITIES = ['operator', 'source', 'assignment', 'contact', 'lead'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** One change made by hand: when, by which key, to what, and its fields before and after. */
export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  key_id: string | null;
  key_name: string | null;
  entity: AuditedEntity;
  entity_id: number;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** The attributes to write with a change made by hand now: its stamp, or nothing outside a request. */
export const stamped = (action: string): { audit?: AuditStamp } => {
  const stamp = auditStamp(action);
  return stamp ? { audit: stamp } : {};
};

/** Attributes that are bookkeeping, not what anybody changed (keys, versions, counters, the stamp itself). */
const UNAUDITED = /^(PK|SK|GSI\d(PK|SK)|audit|version|changed_at|quota_used|current_load|assigned|offers|offer_round)$/;

/** A field as the trail may keep it: a channel's secrets never, only its type. */
const shown = (field: string, value: unknown) =>
  field === 'channel' && value && typeof value === 'object' ? { type: (value as { type?: unknown }).type } : value;

function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) {
  const changes: AuditRecord['changes'] = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (UNAUDITED.test(field)) continue;
    const [from, to] = [shown(field, before?.[field]) ?? null, shown(field, after?.[field]) ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** Which entity an item is, by its key: operators, sources, assignments and contacts are audited. */
function entityOf(item: Record<string, unknown>): { entity: AuditedEntity; id: number } | undefined {
  const [pk, sk] = [String(item.PK), String(item.SK)];
  if (sk === 'OPERATOR' && pk.startsWith('OPERATOR#')) return { entity: 'operator', id: Number(item.id) };
  if (sk === 'SOURCE' && pk.startsWith('SOURCE#')) return { entity: 'source', id: Number(item.id) };
  if (sk.startsWith('ASSIGNMENT#') && pk.startsWith('SOURCE#')) return { entity: 'assignment', id: Number(item.id) };
  if (sk === 'CONTACT' && pk.startsWith('CONTACT#')) return { entity: 'contact', id: Number(item.id) };
  return undefined;
}

/**
 * The audit records a batch of the table's stream holds: one for each write that carries a stamp
 * its item did not have before (a change made by hand; the system's own writes leave the stamp as
 * it was, or drop it). Deletions are recorded by the transaction that deletes (`deletionRecord`).
 */
export function auditRecordsOf(records: readonly DynamoDBRecord[]): AuditRecord[] {
  return records.flatMap((record): AuditRecord[] => {
    const after = record.dynamodb?.NewImage && unmarshall(record.dynamodb.NewImage as never);
    const before = record.dynamodb?.OldImage && unmarshall(record.dynamodb.OldImage as never);
    const stamp = after?.audit as AuditStamp | undefined;
    if (!after || !stamp?.id || (before?.audit as AuditStamp | undefined)?.id === stamp.id) return [];
    const entity = entityOf(after);
    if (!entity) return [];
    const { id, at, action, key_id, key_name } = stamp;
    return [{ id, at, action, key_id, key_name, entity: entity.entity, entity_id: entity.id, changes: diff(before, after) }];
  });
}

const putRecord = (record: AuditRecord) => ({
  TableName: database().tableName,
  Item: { ...auditKeys(record.entity, record.entity_id, record.at, record.id), ...record },
  ConditionExpression: 'attribute_not_exists(PK)',
});

/** Writes the records, each once: a batch handed again finds them there and writes nothing. */
export async function recordAuditTrail(records: readonly AuditRecord[]): Promise<number> {
  const db = database();
  const written = await Promise.all(
    records.map(async (record) => {
      try {
        await db.client.send(new PutCommand(putRecord(record)));
        return 1;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 0;
        throw error;
      }
    }),
  );
  return written.reduce<number>((sum, one) => sum + one, 0);
}

/**
 * The transaction step that records a deletion (or another change with no stamped item to carry it)
 * made by hand, in the transaction that makes it; none outside a request.
 */
export function deletionRecord(
  entity: AuditedEntity,
  entityId: number,
  before: Record<string, unknown> | undefined,
  action = 'deleted',
): TransactItem[] {
  const stamp = auditStamp(action);
  if (!stamp) return [];
  const { id, at, key_id, key_name } = stamp;
  return [{ Put: putRecord({ id, at, action, key_id, key_name, entity, entity_id: entityId, changes: diff(before, undefined) }) }];
}

export interface AuditQuery {
  entity?: AuditedEntity | undefined;
  entity_id?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Audit records newest first: of one entity, or of all; within [from, to); a page at a time. */
export async function listAuditTrail(query: AuditQuery): Promise<{ items: AuditRecord[]; nextCursor?: string }> {
  const db = database();
  const byEntity = query.entity !== undefined && query.entity_id !== undefined;
  const [pk, sk] = byEntity ? ['PK', 'SK'] : ['GSI1PK', 'GSI1SK'];
  let start: Record<string, unknown> | undefined;
  if (query.cursor) {
    try {
      start = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidError('invalid cursor', ['query', 'cursor']);
    }
  }
  const { Items = [], LastEvaluatedKey } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      ...(byEntity ? {} : { IndexName: 'GSI1' }),
      // Keys start with the record's time in UTC ISO form: times given with offsets are brought to it,
      // and every key of a time before `to` sorts below `to` itself ('~' is above every timestamp).
      KeyConditionExpression: `#pk = :pk AND #sk BETWEEN :from AND :to`,
      ...(query.entity !== undefined && !byEntity ? { FilterExpression: '#entity = :entity' } : {}),
      ExpressionAttributeNames: { '#pk': pk, '#sk': sk, ...(query.entity !== undefined && !byEntity ? { '#entity': 'entity' } : {}) },
      ExpressionAttributeValues: {
        ':pk': byEntity ? auditEntityPartition(query.entity!, query.entity_id!) : AUDIT_PARTITION,
        ':from': query.from ? new Date(query.from).toISOString() : '0',
        ':to': query.to ? new Date(query.to).toISOString() : '~',
        ...(query.entity !== undefined && !byEntity ? { ':entity': query.entity } : {}),
      },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: start,
    }),
  );
  const items = Items.map(({ PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, ...record }) => record as AuditRecord);
  return { items, ...(LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') } : {}) };
}
