import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { registerContact } from '../../lib/contacts/register';
import { createDatabase, createDynamoDbClient, useDatabase } from '../../lib/db/client';
import { createAssignment } from '../../lib/db/assignments';
import { giveBackId, nextIds } from '../../lib/db/ids';
import { createOperator } from '../../lib/db/operators';
import { createSource, replaceSource } from '../../lib/db/sources';
import { receiveTelegram } from '../../lib/webhooks/receive';
import { ensureTable } from '../table';
import { benchEngine, median, ROOT, round } from './common';
import { gsiWrites, itemSize, readUnits, writeUnits, type Item } from './units';

/** Per registration of a new lead on a plain source, in a container that has registered contacts of it before. */
export const AIMS = { roundTrips: 2, requests: 3, wcu: 12, usdPerMillion: 9 };

/**
 * A new lead's registration before this layout, as this benchmark measured it on 2026-11-25 with the
 * same prices (docs/benchmarks.md at commit bf4c5d9): the figure to compare with.
 */
const BEFORE = {
  scenario: 'new lead, before (measured 2026-11-25, commit bf4c5d9)',
  requests: 5,
  round_trips: 3,
  commands: 'Query Get | BatchGet Update | TransactWrite',
  rcu: 5,
  wcu: 19,
  total_usd_per_million: 13.96,
};
/**
 * List prices assumed, as of the author's knowledge (us-east-1, on-demand; eu-central-1, where the
 * service deploys, is somewhat dearer): check them on aws.amazon.com/dynamodb/pricing,
 * /lambda/pricing and /api-gateway/pricing before relying on the totals.
 */
export const PRICES = {
  dynamodbPerMillionWrite: 0.625,
  dynamodbPerMillionRead: 0.125,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  httpApiPerMillionRequests: 1.0,
  lambdaMemoryGb: 0.5,
};

export interface Call {
  command: string;
  input: any;
  output: any;
  start: number;
  end: number;
}

/** Items as plain values, whether or not the response was already unmarshalled. */
const isMarshalled = (item: unknown) =>
  typeof item === 'object' &&
  item !== null &&
  Object.values(item).every(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length === 1 &&
      /^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/.test(Object.keys(value)[0]!),
  );
const asItem = (item: any): Item => (isMarshalled(item) ? unmarshall(item) : item);
function plain(output: any): any {
  if (!output) return output;
  return {
    ...output,
    ...(output.Item && { Item: asItem(output.Item) }),
    ...(output.Items && { Items: output.Items.map(asItem) }),
    ...(output.Responses && {
      Responses: Object.fromEntries(
        Object.entries(output.Responses as Record<string, any[]>).map(([table, items]) => [table, items.map(asItem)]),
      ),
    }),
  };
}

const keyOf = (item: Item) => `${String(item.PK)}|${String(item.SK)}`;

/** Runs `action` recording every request, then prices it from the table before and after. */
export async function measure(scan: () => Promise<Map<string, Item>>, calls: Call[], action: () => Promise<unknown>) {
  const before = await scan();
  calls.splice(0);
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  const after = await scan();
  const recorded = [...calls].sort((a, b) => a.start - b.start);
  // Requests in flight together are one round trip; the next starts once all of them ended.
  const trips: string[][] = [];
  let busyUntil = -Infinity;
  for (const call of recorded) {
    if (call.start >= busyUntil) trips.push([]);
    trips.at(-1)!.push(call.command.replace(/Command$/, ''));
    busyUntil = Math.max(busyUntil, call.end);
  }
  const roundTrips = trips.length;
  let rcu = 0;
  let wcu = 0;
  const write = (key: Item, factor: number) => {
    const k = keyOf(key);
    wcu += factor * writeUnits(Math.max(itemSize(before.get(k)), itemSize(after.get(k)))) + gsiWrites(before.get(k), after.get(k));
  };
  for (const { command, input, output } of recorded) {
    switch (command) {
      case 'GetCommand':
        rcu += readUnits(itemSize(output.Item));
        break;
      case 'QueryCommand':
        rcu += readUnits((output.Items ?? []).reduce((sum: number, item: Item) => sum + itemSize(item), 0));
        break;
      case 'BatchGetCommand': {
        const requested = Object.values(input.RequestItems as Record<string, { Keys: Item[] }>).reduce(
          (sum, { Keys }) => sum + Keys.length,
          0,
        );
        const found = Object.values((output.Responses ?? {}) as Record<string, Item[]>).flat();
        rcu += found.reduce((sum, item) => sum + readUnits(itemSize(item)), 0) + (requested - found.length);
        break;
      }
      case 'PutCommand':
        write(input.Item, 1);
        break;
      case 'UpdateCommand':
      case 'DeleteCommand':
        write(input.Key, 1);
        break;
      case 'TransactWriteCommand':
        for (const item of input.TransactItems) {
          if (item.ConditionCheck) rcu += 2 * readUnits(itemSize(before.get(keyOf(item.ConditionCheck.Key))));
          else write(item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key, 2);
        }
        break;
      default:
        throw new Error(`No pricing for ${command}: ${JSON.stringify(input).slice(0, 300)}`);
    }
  }
  return {
    requests: recorded.length,
    round_trips: roundTrips,
    commands: trips.map((trip) => trip.join(' ')).join(' | '),
    rcu,
    wcu,
    ms,
  };
}

/**
 * Points the library at `tableName` through a client that records every request it sends, and gives
 * a strongly consistent scan of the table through another client (which records nothing).
 */
export function recordedDatabase(endpoint: string, tableName: string) {
  const db = createDatabase({ tableName, endpoint });
  const observer = createDatabase({ tableName, endpoint });
  useDatabase(db);
  const calls: Call[] = [];
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const start = performance.now();
      const output = await next(args);
      // The document client's commands carry the low-level names: GetItemCommand is a GetCommand.
      const command = String(context.commandName).replace(/ItemCommand$|ItemsCommand$/, 'Command');
      calls.push({ command, input: args.input, output: plain(output.output), start, end: performance.now() });
      return output;
    },
    { step: 'initialize', name: 'benchRecorder' },
  );
  const scan = async () => {
    const items = new Map<string, Item>();
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await observer.client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }));
      for (const item of page.Items ?? []) items.set(keyOf(item), item);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  return { calls, scan };
}

/**
 * Leaves this container an id of each kind in hand, as a busy container has them: it updates the
 * counter once per block of up to `ID_BLOCK_MAX` ids (about 0.01 write units a registration). So a
 * scenario's count does not depend on whether the last block, sized by how fast this machine went,
 * ran out just then.
 */
async function holdIds(): Promise<void> {
  const ids = await nextIds(['CONTACT', 'LEAD']);
  giveBackId('CONTACT', ids.CONTACT);
  giveBackId('LEAD', ids.LEAD);
}

export async function cost() {
  const dynamodb = await benchEngine();
  const tableName = `bench-cost-${Date.now()}`;
  try {
    const admin = createDynamoDbClient({ endpoint: dynamodb.endpoint });
    await ensureTable(admin, tableName);
    admin.destroy();
    const { calls, scan } = recordedDatabase(dynamodb.endpoint, tableName);

    // A source with three operators (weights 10/20/30) with room, one whose only operator is full,
    // a sticky one and a Telegram one.
    const withOperators = async (name: string, maxLoad: number, weights: number[]) => {
      const source = await createSource({ name });
      for (const [i, weight] of weights.entries()) {
        const operator = await createOperator({ name: `${name} operator ${i + 1}`, is_active: true, max_load: maxLoad });
        await createAssignment({ operator_id: operator.id, source_id: source.id, weight });
      }
      return source.id;
    };
    const open = await withOperators('Web form', 1000, [10, 20, 30]);
    const full = await withOperators('Full', 0, [10]);
    const sticky = await withOperators('Sticky', 1000, [10, 20, 30]);
    await replaceSource(sticky, { name: 'Sticky', routing: { mode: 'weighted_random', sticky: true }, channel: null } as never);
    const telegram = await withOperators('Telegram Bot', 1000, [10, 20, 30]);
    await replaceSource(telegram, {
      name: 'Telegram Bot',
      routing: { mode: 'weighted_random', sticky: false },
      channel: { type: 'telegram', secret_token: 'bench-secret_1' },
    });
    const update = readFileSync(join(ROOT, 'test', 'fixtures', 'webhooks', 'telegram-message.json'));
    const secret = { 'x-telegram-bot-api-secret-token': 'bench-secret_1' };

    // Every source once first, as a container that has served it before (a deployed function's usual state).
    await registerContact({ lead_external_id: '+79160000000', source_id: open });
    await registerContact({ lead_external_id: '+79160000000', source_id: sticky });
    await registerContact({ lead_external_id: '+79160000002', source_id: full });
    // Another person's message: the measured delivery below is a new lead's.
    const earlier = String(update)
      .replace(/"update_id":\s*\d+/, '"update_id": 1')
      .replaceAll('1111111', '2222222');
    await receiveTelegram(telegram, secret, Buffer.from(earlier));
    const coldSource = await withOperators('Cold', 1000, [10, 20, 30]);
    const scenarios: [string, () => Promise<unknown>][] = [
      // Drawn, not left to chance: the lead goes to the lightest operator first and to the heaviest when it
      // returns, so its item records the new operator (a returning lead that meets the same operator writes less).
      ['new lead', () => registerContact({ lead_external_id: '+79161234567', source_id: open }, { random: () => 0 })],
      [
        'returning lead, to another operator',
        () => registerContact({ lead_external_id: '+79161234567', source_id: open }, { random: () => 0.99 }),
      ],
      ['full source (no eligible operator)', () => registerContact({ lead_external_id: '+79160000001', source_id: full })],
      ['returning lead, sticky source', () => registerContact({ lead_external_id: '+79160000000', source_id: sticky })],
      ['Telegram delivery (new lead)', () => receiveTelegram(telegram, secret, update)],
      ['Telegram delivery retried', () => receiveTelegram(telegram, secret, update)],
      [
        'new lead, first of the source in this container',
        () => registerContact({ lead_external_id: '+79161234599', source_id: coldSource }),
      ],
    ];
    const rows = [];
    for (const [scenario, action] of scenarios) {
      await holdIds();
      rows.push({ scenario, ...(await measure(scan, calls, action)) });
    }

    // Lambda duration: the median of returning-lead registrations against DynamoDB Local here.
    const durations = [];
    for (let i = 0; i < 50; i++)
      durations.push(
        (await measure(scan, calls, () => registerContact({ lead_external_id: `+7916000${String(i).padStart(4, '0')}`, source_id: open })))
          .ms,
      );
    const assumedMs = Math.ceil(median(durations));
    const perMillion = (row: { rcu: number; wcu: number }) => {
      const dynamo = row.wcu * PRICES.dynamodbPerMillionWrite + row.rcu * PRICES.dynamodbPerMillionRead;
      const lambda = PRICES.lambdaMemoryGb * (assumedMs / 1000) * PRICES.lambdaArmPerGbSecond * 1e6 + PRICES.lambdaPerMillionRequests;
      return {
        dynamodb_usd: round(dynamo, 2),
        lambda_usd: round(lambda, 2),
        http_api_usd: PRICES.httpApiPerMillionRequests,
        total_usd_per_million: round(dynamo + lambda + PRICES.httpApiPerMillionRequests, 2),
      };
    };
    return {
      assumed_lambda_ms: assumedMs,
      prices: PRICES,
      before: BEFORE,
      scenarios: rows.map(({ ms, ...row }) => {
        const usd = perMillion(row);
        return {
          ...row,
          ...usd,
          within_aims:
            row.round_trips <= AIMS.roundTrips &&
            row.requests <= AIMS.requests &&
            row.wcu <= AIMS.wcu &&
            usd.total_usd_per_million <= AIMS.usdPerMillion,
        };
      }),
    };
  } finally {
    await dynamodb.stop();
  }
}
