import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, database } from './client';
import { getItem } from './items';
import { counterKey, type Entity } from './keys';

/** The largest block of ids a container takes at once (`ID_BLOCK_MAX`): a container that dies mid-block leaves at most this gap. */
const maxBlock = () => Math.max(1, Number(process.env.ID_BLOCK_MAX ?? 100));
/** A block is sized to last about this long at the rate the container used its last one: one counter update every two seconds per busy container. */
const BLOCK_SECONDS = 2;
/**
 * How long a container keeps the ids of a block: the rest are dropped after (a gap), so that ids
 * follow the order contacts were created in to within this, across containers.
 */
export const ID_BLOCK_MAX_AGE_MS = 60_000;

/**
 * The ids this container holds (hi/lo): the counter item hands out blocks with one atomic `ADD`, and
 * the container hands out the ids of its blocks in memory. A block is sized to last about two
 * seconds at the rate the container used its last one (up to `ID_BLOCK_MAX` ids), so a busy
 * container writes the counter item every two seconds rather than once a registration; at a trickle
 * blocks hold one id, so ids stay dense where nobody would notice the saving.
 * An id is never handed out twice, across containers too: blocks never overlap, and a container that
 * dies with ids left takes them with it (a gap, as a failed request's id always was); ids left in a
 * block older than a minute are dropped, so that ids follow creation to within a minute.
 */
class IdBlocks {
  private readonly free = new Map<Entity, number[]>();
  private readonly size = new Map<Entity, number>();
  private readonly drawnAt = new Map<Entity, number>();
  /** Callers waiting for an id of each entity: the next block is at least that large. */
  private readonly waiting = new Map<Entity, number>();
  private refilling: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /** One id of each entity, drawing new blocks (in one request for all of them) only where this container has none left. */
  async take<E extends Entity>(entities: readonly E[]): Promise<Record<E, number>> {
    for (const entity of entities) {
      if (Date.now() - (this.drawnAt.get(entity) ?? 0) > ID_BLOCK_MAX_AGE_MS) this.free.delete(entity);
    }
    for (;;) {
      const empty = entities.filter((entity) => !this.free.get(entity)?.length);
      if (empty.length === 0) {
        return Object.fromEntries(entities.map((entity) => [entity, this.free.get(entity)!.shift()!])) as Record<E, number>;
      }
      for (const entity of empty) this.waiting.set(entity, (this.waiting.get(entity) ?? 0) + 1);
      try {
        // One refill at a time: whoever waits on it looks again afterwards, and asks for another if still short.
        this.refilling ??= this.refill(empty).finally(() => (this.refilling = undefined));
        await this.refilling;
      } finally {
        for (const entity of empty) this.waiting.set(entity, this.waiting.get(entity)! - 1);
      }
    }
  }

  /** Gives back an id taken and not used (a lead that turned out to exist), for the next caller. */
  giveBack(entity: Entity, id: number): void {
    const free = this.free.get(entity) ?? [];
    free.push(id);
    free.sort((a, b) => a - b);
    this.free.set(entity, free);
  }

  private nextSize(entity: Entity, now: number): number {
    const drawnAt = this.drawnAt.get(entity);
    // Ids a second the last block went at (none yet: a block of one).
    const rate = drawnAt === undefined ? 0 : (this.size.get(entity) ?? 1) / Math.max(0.001, (now - drawnAt) / 1000);
    const size = Math.min(maxBlock(), Math.max(1, Math.ceil(rate * BLOCK_SECONDS)));
    this.size.set(entity, size);
    return Math.max(size, Math.min(maxBlock(), this.waiting.get(entity) ?? 1));
  }

  private async refill(entities: readonly Entity[]): Promise<void> {
    const now = Date.now();
    const sizes = entities.map((entity) => this.nextSize(entity, now));
    const { Attributes } = await this.db.client.send(
      new UpdateCommand({
        TableName: this.db.tableName,
        Key: counterKey(),
        UpdateExpression: `ADD ${entities.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entities.map((entity, i) => [`#c${i}`, entity])),
        ExpressionAttributeValues: Object.fromEntries(sizes.map((size, i) => [`:n${i}`, size])),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    entities.forEach((entity, i) => {
      const top = Number(Attributes?.[entity]);
      const block = Array.from({ length: sizes[i]! }, (_, k) => top - sizes[i]! + 1 + k);
      this.free.set(entity, [...(this.free.get(entity) ?? []), ...block]);
      this.drawnAt.set(entity, now);
    });
  }
}

/** Each database's blocks (tests and scripts switch databases; a deployed container has one). */
const blocksOf = new WeakMap<Database, IdBlocks>();

function idBlocks(): IdBlocks {
  const db = database();
  const blocks = blocksOf.get(db) ?? new IdBlocks(db);
  blocksOf.set(db, blocks);
  return blocks;
}

/**
 * The next integer id of each named entity, from this container's blocks: usually no request at all,
 * otherwise one update of the counter item for every entity that ran out. Ids start at 1 and are
 * never handed out twice; an id given back (`giveBackId`, by a request that wrote nothing) goes to
 * the next caller, and one taken by a request that then fails leaves a gap.
 */
export const nextIds = <E extends Entity>(entities: readonly E[]): Promise<Record<E, number>> => idBlocks().take(entities);

/** The next id of one entity. */
export const nextId = async (entity: Entity): Promise<number> => (await nextIds([entity]))[entity];

/** Gives back an id taken with `nextIds` that was not used, so that the next one to ask gets it and leaves no gap. */
export const giveBackId = (entity: Entity, id: number): void => idBlocks().giveBack(entity, id);

/** The highest id handed out to any container so far of an entity (0 before the first); some may still be unused in a container's block. */
export async function lastId(entity: Entity): Promise<number> {
  const item = await getItem(counterKey());
  return Number(item?.[entity] ?? 0);
}
