import { createHash } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { database } from '../db/client';
import { AUDIT_PARTITION, SUBSCRIPTIONS_PARTITION, auditEntityPartition, auditKeys } from '../db/keys';
import { type Page, type PageRequest, readIndexPage } from '../db/pagination';
import { AuditRecord, type AuditedEntity } from '../schemas/audit';
import { type AuditStamp, auditStamp } from './actor';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The attributes to write with a change made by hand now: its stamp, or nothing outside a request. */
export const stamped = (action: string): { audit?: AuditStamp } => {
  const stamp = auditStamp(action);
  return stamp ? { audit: stamp } : {};
};

/**
 * Attributes that are bookkeeping, not what anybody changed (keys, versions, counters, the stamp
 * itself, what routing wrote: a contact's explanation, an operator's counts per source).
 */
const UNAUDITED = /^(PK|SK|GSI\d(PK|SK)|audit|version|changed_at|quota_used|current_load|assigned|offers|offer_round|via)$/;
const UNAUDITED_OF: Partial<Record<AuditedEntity, RegExp>> = { contact: /^routing$/ };

/** A field as the trail may keep it: a channel's secrets never, only its type; a subscription's secret never, only that it changed. */
function shown(field: string, value: unknown) {
  if (field === 'channel' && value && typeof value === 'object') return { type: (value as { type?: unknown }).type };
  if (field === 'secret' && typeof value === 'string')
    return `secret ending …${createHash('sha256').update(value).digest('hex').slice(-4)}`;
  return value;
}

function diff(entity: AuditedEntity, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) {
  const changes: AuditRecord['changes'] = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (UNAUDITED.test(field) || UNAUDITED_OF[entity]?.test(field)) continue;
    const [from, to] = [shown(field, before?.[field]) ?? null, shown(field, after?.[field]) ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** Which audited entity an item is, by its key: operators, sources, assignments, contacts, subscriptions and API keys. */
function entityOfKey(pk: string, sk: string): AuditedEntity | undefined {
  if (sk === 'OPERATOR' && pk.startsWith('OPERATOR#')) return 'operator';
  if (sk === 'SOURCE' && pk.startsWith('SOURCE#')) return 'source';
  if (sk === 'ASSIGNMENT' && pk.startsWith('ASSIGNMENT#')) return 'assignment';
  if (sk === 'CONTACT' && pk.startsWith('CONTACT#')) return 'contact';
  if (sk.startsWith('SUBSCRIPTION#') && pk === SUBSCRIPTIONS_PARTITION) return 'subscription';
  if (sk === 'APIKEY' && pk.startsWith('APIKEY#')) return 'api_key';
  return undefined;
}

/** An entity's id as the trail keys it: an API key's public id as is, every other id a number. */
const auditedId = (entity: AuditedEntity, id: unknown): number | string => (entity === 'api_key' ? String(id) : Number(id));

/**
 * The audit records a batch of the table's stream holds: one for each write that carries a stamp
 * its item did not have before (a change made by hand; the system's own writes leave the stamp as
 * it was, or drop it). Deletions are recorded by the transaction that deletes (`deletionRecord`).
 */
export function auditRecordsOf(records: readonly DynamoDBRecord[]): AuditRecord[] {
  return records.flatMap((record): AuditRecord[] => {
    // By the key first: most items are not audited, and their images need not be decoded at all.
    const { Keys, NewImage, OldImage } = record.dynamodb ?? {};
    const entity = Keys && entityOfKey(String(Keys.PK?.S), String(Keys.SK?.S));
    if (!entity || !NewImage) return [];
    const after = unmarshall(NewImage as never);
    const before = OldImage && unmarshall(OldImage as never);
    const stamp = after.audit as AuditStamp | undefined;
    if (!stamp?.id || (before?.audit as AuditStamp | undefined)?.id === stamp.id) return [];
    const { id, at, action, key_id, key_name } = stamp;
    return [{ id, at, action, key_id, key_name, entity, entity_id: auditedId(entity, after.id), changes: diff(entity, before, after) }];
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
  entityId: number | string,
  before: Record<string, unknown> | undefined,
  action = 'deleted',
): TransactItem[] {
  const stamp = auditStamp(action);
  if (!stamp) return [];
  const { id, at, key_id, key_name } = stamp;
  return [{ Put: putRecord({ id, at, action, key_id, key_name, entity, entity_id: entityId, changes: diff(entity, before, undefined) }) }];
}

export interface AuditQuery extends PageRequest {
  entity?: AuditedEntity | undefined;
  /** An API key's public id, any other entity's id (as the query string gives it, or a number). */
  entity_id?: string | number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Audit records newest first: of one entity, or of all; within [from, to); a page at a time. */
export function listAuditTrail({ entity, entity_id, from, to, ...page }: AuditQuery): Promise<Page<AuditRecord>> {
  const byEntity = entity !== undefined && entity_id !== undefined;
  return readIndexPage(
    {
      ranges: [
        {
          index: byEntity ? 'TABLE' : 'GSI1',
          partition: byEntity ? auditEntityPartition(entity, auditedId(entity, entity_id)) : AUDIT_PARTITION,
          // Keys start with the record's time in UTC ISO form: times given with offsets are brought to it,
          // and every key of a time before `to` sorts below `to` itself ('~' is above every timestamp).
          between: [from ? new Date(from).toISOString() : '0', to ? new Date(to).toISOString() : '~'],
        },
      ],
      ...(entity !== undefined && !byEntity ? { filter: (item: Record<string, unknown>) => item.entity === entity } : {}),
      descending: true,
    },
    AuditRecord,
    page,
  );
}
