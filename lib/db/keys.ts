/**
 * Every key format of the single table, in one place. Nothing else builds key strings.
 *
 * | item       | PK                    | SK                   | GSI1PK        | GSI1SK      |
 * |------------|-----------------------|----------------------|---------------|-------------|
 * | operator   | OPERATOR#<id>         | OPERATOR             | OPERATORS     | <padded id> |
 * | source     | SOURCE#<id>           | SOURCE               | SOURCES       | <padded id> |
 * | assignment | SOURCE#<source id>    | ASSIGNMENT#<op id>   | ASSIGNMENTS   | <padded id> |
 * | lead       | LEAD#<external id>    | LEAD                 | LEADS         | <padded id> |
 * | contact    | CONTACT#<id>          | CONTACT              | CONTACTS      | <padded id> |
 * | id counters| COUNTER               | COUNTER              |               |             |
 */

export type Entity = 'OPERATOR' | 'SOURCE' | 'ASSIGNMENT' | 'LEAD' | 'CONTACT';

export interface Key {
  PK: string;
  SK: string;
}

export interface IndexedKey extends Key {
  GSI1PK: string;
  GSI1SK: string;
}

/** Ids are zero-padded in sort keys so that string order is numeric order. */
const ID_WIDTH = 12;
export const padId = (id: number): string => String(id).padStart(ID_WIDTH, '0');

/** The GSI1 partition that lists every item of an entity, in id order. */
export const listPartition = {
  OPERATOR: 'OPERATORS',
  SOURCE: 'SOURCES',
  ASSIGNMENT: 'ASSIGNMENTS',
  LEAD: 'LEADS',
  CONTACT: 'CONTACTS',
} as const satisfies Record<Entity, string>;

const listed = (entity: Entity, id: number) => ({ GSI1PK: listPartition[entity], GSI1SK: padId(id) });

export const operatorKey = (id: number): Key => ({ PK: `OPERATOR#${id}`, SK: 'OPERATOR' });
export const operatorKeys = (id: number): IndexedKey => ({ ...operatorKey(id), ...listed('OPERATOR', id) });

export const sourceKey = (id: number): Key => ({ PK: `SOURCE#${id}`, SK: 'SOURCE' });
export const sourceKeys = (id: number): IndexedKey => ({ ...sourceKey(id), ...listed('SOURCE', id) });
/** A source and its assignments share this partition, so one Query reads a source's routing table. */
export const sourcePartition = (sourceId: number): string => sourceKey(sourceId).PK;
export const ASSIGNMENT_PREFIX = 'ASSIGNMENT#';

export const assignmentKey = (sourceId: number, operatorId: number): Key => ({
  PK: sourcePartition(sourceId),
  SK: `${ASSIGNMENT_PREFIX}${padId(operatorId)}`,
});
export const assignmentKeys = (id: number, sourceId: number, operatorId: number): IndexedKey => ({
  ...assignmentKey(sourceId, operatorId),
  ...listed('ASSIGNMENT', id),
});

export const leadKey = (normalizedExternalId: string): Key => ({ PK: `LEAD#${normalizedExternalId}`, SK: 'LEAD' });
export const leadKeys = (id: number, normalizedExternalId: string): IndexedKey => ({
  ...leadKey(normalizedExternalId),
  ...listed('LEAD', id),
});

export const contactKey = (id: number): Key => ({ PK: `CONTACT#${id}`, SK: 'CONTACT' });
export const contactKeys = (id: number): IndexedKey => ({ ...contactKey(id), ...listed('CONTACT', id) });

/** One item holds every entity's id counter as an attribute named after the entity. */
export const counterKey = (): Key => ({ PK: 'COUNTER', SK: 'COUNTER' });

export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK'] as const;

