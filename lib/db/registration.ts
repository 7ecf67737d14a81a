import { StoredLead } from '../schemas/leads';
import { StoredOperator } from '../schemas/operators';
import { type Database, database } from './client';
import { type IdempotencyRecord, liveRecord } from './idempotency';
import { getItems, type Item } from './items';
import { idempotencyKey, type Key, leadKey, operatorKey, rotationKey, sourceKey } from './keys';
import { routingOf, type SourceRouting } from './sources';

/** What a registration reads before it decides. */
export interface RegistrationFacts {
  /** The source's policy and weights as they are now; undefined when there is no such source. */
  routing: SourceRouting | undefined;
  /** Its operators as they are now (those that exist). */
  operators: StoredOperator[];
  lead: StoredLead | undefined;
  /** The live record of the request's idempotency scope, when it was done before. */
  done: IdempotencyRecord | undefined;
}

/** How many sources a container remembers the operators of. */
const REMEMBERED_SOURCES = 1_000;

/** Per database, each source as this container last read it. */
const seen = new WeakMap<Database, Map<number, SourceRouting>>();

function seenSources(): Map<number, SourceRouting> {
  const db = database();
  const sources = seen.get(db) ?? new Map();
  seen.set(db, sources);
  return sources;
}

const sameKey = (item: Item, key: Key) => item.PK === key.PK && item.SK === key.SK;
const rotates = (routing: SourceRouting) => routing.source.routing.mode === 'smooth_weighted';

/**
 * The source as this container last read it for a registration, if it did: for checking a webhook
 * delivery's signature before anything is spent on it (the source is read again, and checked again,
 * with the registration's other reads).
 */
export const rememberedRouting = (sourceId: number): SourceRouting | undefined => seenSources().get(sourceId);

/**
 * Everything a registration reads before it decides, strongly consistent and in one BatchGetItem
 * when this container has registered a contact of the source before: the source's item (its policy
 * and its operators' weights), the operators it had then, the lead, the idempotency record (with a
 * scope) and a smooth weighted source's rotation. What is decided on is always the stored state: the
 * container remembers the source as last read only to know *which* operators to read (and to check a
 * webhook before it spends anything), and reads any added since in a second round trip (the first
 * registration of a source in a container, too).
 */
export async function readRegistrationFacts<Also = never>(
  sourceId: number,
  normalizedExternalId: string,
  {
    idempotencyScope,
    now,
    alsoOnceFound,
  }: {
    idempotencyScope?: string | undefined;
    now: Date;
    /** Started beside the second round trip, if the source exists (the caller's ids, on a container's first registration there). */
    alsoOnceFound?: (() => Promise<Also>) | undefined;
  },
): Promise<RegistrationFacts & { also?: Also }> {
  const sources = seenSources();
  const known = sources.get(sourceId);
  const keys = {
    source: sourceKey(sourceId),
    lead: leadKey(normalizedExternalId),
    idempotency: idempotencyScope === undefined ? undefined : idempotencyKey(idempotencyScope),
    rotation: known && !rotates(known) ? undefined : rotationKey(sourceId),
  };
  const items = await getItems([
    ...Object.values(keys).filter((key): key is Key => key !== undefined),
    ...(known?.assignments ?? []).map((assignment) => operatorKey(assignment.operator_id)),
  ]);
  const find = (key: Key | undefined) => key && items.find((item) => sameKey(item, key));
  const sourceItem = find(keys.source);
  const lead = find(keys.lead);
  const done = liveRecord(find(keys.idempotency), now);
  if (!sourceItem) return { routing: undefined, operators: [], lead: lead && StoredLead.parse(lead), done };
  let routing = routingOf(sourceItem, find(keys.rotation));
  const operators = items.filter((item) => item.SK === 'OPERATOR');
  const read = new Set(operators.map((item) => Number(item.id)));
  const added = routing.assignments.filter((assignment) => !read.has(assignment.operator_id));
  const [also, rotation, addedOperators] = await Promise.all([
    alsoOnceFound?.(),
    // A source that became smooth weighted since: its rotation, read now.
    rotates(routing) && !keys.rotation ? getItems([rotationKey(sourceId)]) : undefined,
    added.length > 0 ? getItems(added.map((assignment) => operatorKey(assignment.operator_id))) : [],
  ]);
  if (rotation) routing = routingOf(sourceItem, rotation[0]);
  operators.push(...addedOperators);

  sources.delete(sourceId);
  sources.set(sourceId, routing);
  if (sources.size > REMEMBERED_SOURCES) sources.delete(sources.keys().next().value!);
  return {
    routing,
    operators: operators.map((item) => StoredOperator.parse(item)),
    lead: lead && StoredLead.parse(lead),
    done,
    ...(also === undefined ? {} : { also }),
  };
}
