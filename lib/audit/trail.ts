import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { database } from '../db/client';
import { AUDIT_PARTITION, auditEntityPartition, auditKeys } from '../db/keys';
import { type Page, type PageRequest, queryPage } from '../db/pagination';
import { AuditRecord, type AuditedEntity } from '../schemas/audit';
import { type AuditStamp, auditStamp } from './actor';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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

export interface AuditQuery extends PageRequest {
  entity?: AuditedEntity | undefined;
  entity_id?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Audit records newest first: of one entity, or of all; within [from, to); a page at a time. */
export function listAuditTrail({ entity, entity_id, from, to, ...page }: AuditQuery): Promise<Page<AuditRecord>> {
  const byEntity = entity !== undefined && entity_id !== undefined;
  return queryPage(
    {
      index: byEntity ? 'TABLE' : 'GSI1',
      partition: byEntity ? auditEntityPartition(entity, entity_id) : AUDIT_PARTITION,
      // Keys start with the record's time in UTC ISO form: times given with offsets are brought to it,
      // and every key of a time before `to` sorts below `to` itself ('~' is above every timestamp).
      sortKeyBetween: [from ? new Date(from).toISOString() : '0', to ? new Date(to).toISOString() : '~'],
      filter:
        entity !== undefined && !byEntity
          ? { expression: '#entity = :entity', names: { '#entity': 'entity' }, values: { ':entity': entity } }
          : undefined,
      descending: true,
    },
    AuditRecord,
    page,
  );
}
