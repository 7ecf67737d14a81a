import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
  type Shard,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { createDynamoDbClient } from '../lib/db/client';
import { pause } from '../lib/db/retry';

export interface TableStreamOptions {
  endpoint: string;
  tableName: string;
  /** What Lambda's event source mapping would invoke with a batch; a batch that fails is handed again. */
  handle: (records: DynamoDBRecord[]) => Promise<void>;
  /** How long to wait after an empty read of a shard. */
  idleMs?: number;
  /** Records per batch, as the event source mapping's `batchSize`. */
  batchSize?: number;
  onError?: (error: unknown) => void;
}

export interface TableStream {
  /** Resolves once every record written before the call has been handled. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

type Value = Record<string, unknown>;

/**
 * DynamoDB Local's stream writes an empty map as `{}` (no type) where DynamoDB writes `{"M": {}}`,
 * which no reader can unmarshall: typed here as DynamoDB types it.
 */
function typedValue(value: Value): Value {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: typedImage(value.M as Record<string, Value>) };
  if (value.L) return { L: (value.L as Value[]).map(typedValue) };
  return value;
}
const typedImage = (image: Record<string, Value> | undefined) =>
  image && Object.fromEntries(Object.entries(image).map(([name, value]) => [name, typedValue(value)]));

/** A stream record as Lambda hands it to a function (the SDK gives dates as `Date`, Lambda as epoch seconds). */
const asLambdaRecord = (record: _Record, eventSourceARN: string): DynamoDBRecord =>
  ({
    ...record,
    eventSourceARN,
    dynamodb: {
      ...record.dynamodb,
      NewImage: typedImage(record.dynamodb?.NewImage as Record<string, Value> | undefined),
      OldImage: typedImage(record.dynamodb?.OldImage as Record<string, Value> | undefined),
      ApproximateCreationDateTime: Math.floor((record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
    },
  }) as DynamoDBRecord;

/**
 * Reads the table's stream on DynamoDB Local and hands its records, in order per shard and parent
 * shards before their children, to `handle`: what Lambda's DynamoDB event source mapping does when
 * deployed. It starts from the oldest record the stream keeps, as a new event source mapping with
 * `startingPosition: TRIM_HORIZON` does, so that changes made while the stack was down still
 * publish; the handler's writes are conditional, so records handled before change nothing twice.
 */
export async function followTableStream({
  endpoint,
  tableName,
  handle,
  idleMs = 100,
  batchSize = 100,
  onError = () => {},
}: TableStreamOptions): Promise<TableStream> {
  const tables = createDynamoDbClient({ endpoint });
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
  tables.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  let stopped = false;
  const finished = new Set<string>();
  const running = new Map<string, Promise<void>>();
  /** When each followed shard last read nothing new, having handled everything before. */
  const caughtUpAt = new Map<string, number>();

  async function followShard(shard: Shard): Promise<void> {
    const shardId = shard.ShardId!;
    let iterator = (
      await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    let lastSequence: string | undefined;
    while (!stopped && iterator) {
      let page: GetRecordsCommandOutput;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      } catch (error) {
        // DynamoDB Local answers "trimmed" now and then for records it still holds (aws/aws-sdk-java#2923)
        // when tables are written fast: like an expired iterator, read on from the last record handled.
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
        iterator = (
          await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shardId,
              ...(lastSequence
                ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: lastSequence }
                : { ShardIteratorType: 'TRIM_HORIZON' }),
            }),
          )
        ).ShardIterator;
        continue;
      }
      const records = page.Records ?? [];
      const readAt = Date.now();
      if (records.length > 0) {
        // Like the event source mapping: a failed batch is retried, and the shard waits for it.
        for (;;) {
          try {
            await handle(records.map((record) => asLambdaRecord(record, streamArn!)));
            break;
          } catch (error) {
            onError(error);
            if (stopped) return;
            await pause(500);
          }
        }
        lastSequence = records.at(-1)?.dynamodb?.SequenceNumber;
      }
      iterator = page.NextShardIterator;
      if (records.length === 0) {
        caughtUpAt.set(shardId, readAt);
        await pause(idleMs);
      }
    }
    caughtUpAt.delete(shardId);
    if (!iterator) finished.add(shardId);
  }

  const discovery = (async () => {
    while (!stopped) {
      try {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        for (const shard of StreamDescription?.Shards ?? []) {
          const id = shard.ShardId!;
          if (running.has(id) || finished.has(id)) continue;
          const parent = shard.ParentShardId;
          if (parent && !finished.has(parent) && (StreamDescription?.Shards ?? []).some((s) => s.ShardId === parent)) continue;
          running.set(
            id,
            followShard(shard)
              .catch(onError)
              .finally(() => running.delete(id)),
          );
        }
      } catch (error) {
        onError(error);
      }
      await pause(500);
    }
  })();

  return {
    async drained() {
      const since = Date.now();
      const caughtUp = () => running.size > 0 && [...running.keys()].every((shard) => (caughtUpAt.get(shard) ?? 0) > since);
      while (!caughtUp()) await pause(idleMs / 2);
    },
    async stop() {
      stopped = true;
      await discovery;
      await Promise.allSettled(running.values());
      streams.destroy();
    },
  };
}
