import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { registerContact } from '../../lib/contacts/register';
import { createAssignment } from '../../lib/db/assignments';
import { createDatabase, createDynamoDbClient, type Database, useDatabase } from '../../lib/db/client';
import { createOperator } from '../../lib/db/operators';
import { createSource } from '../../lib/db/sources';
import { INDEXES } from '../../serverless';
import { ensureTable } from '../table';
import { benchEngine, recordStream, round } from './common';
import { itemSize, type Item, writeUnits } from './units';

/** The storm's shape; BENCH_HEAT_REGISTRATIONS shrinks it for a quick run. */
const HEAT = {
  sources: 2,
  operatorsPerSource: 10,
  registrations: Number(process.env.BENCH_HEAT_REGISTRATIONS ?? 4000),
  leads: Number(process.env.BENCH_HEAT_LEADS ?? 1200),
  /** Function containers registering at once, each with its own block of ids and memory of sources. */
  containers: 8,
  concurrency: 16,
};
/** What one partition of a real table takes: 1,000 write units a second (a transactional write of up to 1 KB costs 2). */
export const PARTITION_WRITE_UNITS = 1_000;
/** The aims: registrations a second the whole system and one source (with 10 operators) should be able to take. */
export const AIMS = { systemPerSecond: 10_000, sourcePerSecond: 500 };

/** Whose traffic a partition takes: one source's (its operators, its lists), one item's alone, or every source's. */
type Scope = 'source' | 'item' | 'system';

/** A partition key written to, and by whom: a key that names a source, one of its operators or its backlog is that source's. */
function scopeOf(key: string, operatorsOf: Map<number, number>): { scope: Scope; source?: number } {
  const source = /^(?:SOURCE|BACKLOG|RATE#WEBHOOKS)#(\d+)/.exec(key);
  if (source) return { scope: 'source', source: Number(source[1]) };
  const operator = /^OPERATOR#(\d+)$/.exec(key);
  if (operator) return { scope: 'source', source: operatorsOf.get(Number(operator[1]))! };
  if (/^(CONTACT|LEAD|IDEMPOTENCY)#/.test(key)) return { scope: 'item' };
  return { scope: 'system' };
}

/** A key with its numbers made placeholders: partitions of one kind are shown as one row, the hottest of them. */
const patternOf = (key: string) => key.replace(/#\+?\d+/g, '#<n>');

/**
 * The write units each partition key takes, from the table's stream (an item's images before and
 * after each write, so index entries are counted as `units.ts` prices them: by projection), a
 * write to a key that a transaction wrote counting double.
 */
function unitsByPartition(records: readonly DynamoDBRecord[], transactional: ReadonlySet<string>): Map<string, number> {
  const units = new Map<string, number>();
  const add = (partition: string, count: number) => units.set(partition, (units.get(partition) ?? 0) + count);
  for (const record of records) {
    const { NewImage, OldImage } = record.dynamodb ?? {};
    const after: Item | undefined = NewImage && unmarshall(NewImage as never);
    const before: Item | undefined = OldImage && unmarshall(OldImage as never);
    const item = (after ?? before)!;
    const size = Math.max(itemSize(before), itemSize(after));
    add(`table ${String(item.PK)}`, writeUnits(size) * (transactional.has(`${item.PK}|${item.SK}`) ? 2 : 1));
    for (const [index, { projection }] of Object.entries(INDEXES)) {
      const keyOf = (image: Item | undefined) =>
        image?.[`${index}PK`] === undefined ? undefined : { pk: String(image[`${index}PK`]), sk: String(image[`${index}SK`]) };
      const [was, is] = [keyOf(before), keyOf(after)];
      const entryUnits = projection === 'KEYS_ONLY' ? 1 : writeUnits(size);
      if (was && is && was.pk === is.pk && was.sk === is.sk) {
        if (projection !== 'KEYS_ONLY') add(`${index} ${is.pk}`, entryUnits);
        continue;
      }
      if (was) add(`${index} ${was.pk}`, entryUnits);
      if (is) add(`${index} ${is.pk}`, entryUnits);
    }
  }
  return units;
}

/**
 * The heat of a registration storm: `HEAT.registrations` registrations of `HEAT.leads` leads on two
 * sources of ten operators each, from eight containers at once, in process against DynamoDB Local;
 * then, from the table's stream, the write units each partition key took per registration, and the
 * registrations a second that key allows on a real table (1,000 units a second a partition). Keys of
 * one kind are one row (the hottest); a source's keys are counted per registration of that source.
 */
export async function heat() {
  const dynamodb = await benchEngine();
  const tableName = `bench-heat-${Date.now()}`;
  try {
    const admin = createDynamoDbClient({ endpoint: dynamodb.endpoint });
    await ensureTable(admin, tableName, { stream: true });
    admin.destroy();
    const setup = createDatabase({ tableName, endpoint: dynamodb.endpoint });
    useDatabase(setup);
    const operatorsOf = new Map<number, number>();
    const sources: number[] = [];
    for (let s = 0; s < HEAT.sources; s++) {
      const source = await createSource({ name: `Source ${s + 1}` });
      sources.push(source.id);
      for (let o = 0; o < HEAT.operatorsPerSource; o++) {
        const operator = await createOperator({ name: `Operator ${s + 1}.${o + 1}`, is_active: true, max_load: HEAT.registrations });
        operatorsOf.set(operator.id, source.id);
        await createAssignment({ operator_id: operator.id, source_id: source.id, weight: 10 * (o + 1) });
      }
    }

    const transactional = new Set<string>();
    const containers: Database[] = Array.from({ length: HEAT.containers }, () => {
      const db = createDatabase({ tableName, endpoint: dynamodb.endpoint });
      db.client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'TransactWriteItemsCommand') {
            for (const item of (args.input as { TransactItems: Record<string, { Key?: Item; Item?: Item }>[] }).TransactItems) {
              const write = Object.values(item)[0]!;
              const key = write.Key ?? write.Item!;
              transactional.add(`${(key.PK as { S?: string }).S ?? key.PK}|${(key.SK as { S?: string }).S ?? key.SK}`);
            }
          }
          return next(args);
        },
        { step: 'initialize', name: 'heatRecorder' },
      );
      return db;
    });
    let next = 0;
    const perSource = new Map<number, number>();
    let seconds = 0;
    const records = await recordStream(dynamodb.endpoint, tableName, async () => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: HEAT.concurrency }, async () => {
          while (next < HEAT.registrations) {
            const i = next++;
            const source = sources[i % sources.length]!;
            perSource.set(source, (perSource.get(source) ?? 0) + 1);
            // The library asks for its database as the call starts: each registration is its container's.
            useDatabase(containers[i % containers.length]!);
            await registerContact({ lead_external_id: `+7916${String(1_000_000 + (i % HEAT.leads)).slice(1)}`, source_id: source });
          }
        }),
      );
      seconds = (performance.now() - started) / 1000;
    });

    const units = unitsByPartition(records, transactional);
    const rows = new Map<string, { partition: string; scope: Scope; units_per_registration: number }>();
    for (const [partition, count] of units) {
      const [, key] = partition.split(' ') as [string, string];
      const { scope, source } = scopeOf(key, operatorsOf);
      const perRegistration = count / (source === undefined ? HEAT.registrations : perSource.get(source)!);
      const name = `${partition.split(' ')[0]} ${patternOf(key)}`;
      if ((rows.get(name)?.units_per_registration ?? 0) < perRegistration)
        rows.set(name, { partition: name, scope, units_per_registration: perRegistration });
    }
    const table = [...rows.values()]
      .sort((a, b) => b.units_per_registration - a.units_per_registration)
      .map((row) => ({
        ...row,
        units_per_registration: round(row.units_per_registration, 3),
        ceiling_per_second: Math.floor(PARTITION_WRITE_UNITS / row.units_per_registration),
      }));
    const ceiling = (scope: Scope) => Math.min(...table.filter((row) => row.scope === scope).map((row) => row.ceiling_per_second));
    return {
      shape: HEAT,
      aims: AIMS,
      in_process_per_second: round(HEAT.registrations / seconds),
      write_units_per_registration: round([...units.values()].reduce((sum, count) => sum + count, 0) / HEAT.registrations, 2),
      system_ceiling_per_second: ceiling('system'),
      source_ceiling_per_second: ceiling('source'),
      partitions: table,
    };
  } finally {
    await dynamodb.stop();
  }
}
