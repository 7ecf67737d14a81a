import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { createDatabase, createDynamoDbClient } from '../lib/db/client';
import { markCurrentLayout, migrateLayout } from '../lib/db/layout';
import { PUBLISHED_ITEMS } from '../serverless';
import { ensureDashboardBuilt } from './dashboard';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort, stopProcess, waitFor } from './processes';
import { followTableStream, type TableStream } from './table-stream';
import { ensureTable } from './table';

const ROOT = join(__dirname, '..');
const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

export interface StackOptions {
  httpPort: number;
  /** DynamoDB Local's port; a free one when absent. */
  dynamodbPort?: number | undefined;
  /** Where DynamoDB Local keeps its data; in memory when absent. */
  dataDir?: string | undefined;
  /** An already running DynamoDB Local to use instead of starting one. */
  dynamodbEndpoint?: string | undefined;
  tableName?: string;
  /** Where serverless-offline's output goes; ignored when absent. */
  log?: 'inherit' | 'ignore';
  /** Whether routes need an API key, as they always do when deployed; off by default locally. */
  auth?: 'required' | 'off';
  /** More environment for the functions. */
  env?: Record<string, string>;
  /** Lets invocations run past the functions' timeout (tests on a loaded machine assert behaviour, not speed). */
  noTimeout?: boolean;
}

export interface Stack {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** The processes it started (serverless-offline, and DynamoDB Local unless one was given). */
  pids: number[];
  stop(): Promise<void>;
}

/** Invokes a function through serverless-offline's Lambda endpoint, as AWS's Invoke API does. */
async function invoke(lambdaPort: number, name: string, payload: unknown, type: 'Event' | 'RequestResponse'): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/lead-distribution-crm-local-${name}/invocations`, {
    method: 'POST',
    headers: { 'x-amz-invocation-type': type },
    body: JSON.stringify(payload),
  });
  const body = await response.text();
  if (!response.ok || response.headers.has('x-amz-function-error'))
    throw new Error(`${name} failed: ${response.status} ${body.slice(0, 500)}`);
}

/**
 * serverless-offline runs `schedule` events as EventBridge does, from the next minute on; the timers
 * (functions that tick for a minute each minute) are started at once as well, so that offers lapse
 * and events go out on time from the first minute.
 */
const TIMERS = ['expireOffers', 'deliverEvents'];

/** Whether a value matches an event source mapping's filter pattern (the subset `serverless.ts` uses: nested keys, lists of values and prefixes). */
const matchesPattern = (pattern: unknown, value: unknown): boolean =>
  Array.isArray(pattern)
    ? pattern.some((one) =>
        one && typeof one === 'object' && 'prefix' in one
          ? typeof value === 'string' && value.startsWith(String(one.prefix))
          : one === value,
      )
    : Object.entries(pattern as Record<string, unknown>).every(([key, inner]) =>
        matchesPattern(inner, (value as Record<string, unknown> | undefined)?.[key]),
      );

/** The publisher's stream filter: the local stack invokes it with the records the deployed mapping would. */
const published = (record: DynamoDBRecord) => PUBLISHED_ITEMS.some((pattern) => matchesPattern(pattern, record));

/**
 * The whole API on this machine: DynamoDB Local, the table from `serverless.ts`, and every function
 * behind serverless-offline, all on 127.0.0.1.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? 'lead-distribution-crm-local';
  let dynamodb: DynamoDbLocal | undefined;
  let offline: ChildProcess | undefined;
  let stream: TableStream | undefined;
  const stop = async () => {
    await stream?.stop();
    await Promise.all([offline && stopProcess(offline), dynamodb?.stop()]);
  };
  try {
    if (!options.dynamodbEndpoint) {
      dynamodb = await startDynamoDbLocal({ port: options.dynamodbPort ?? (await freePort()), dataDir: options.dataDir });
    }
    // serverless-esbuild bundles the built dashboard into its function when offline starts.
    await ensureDashboardBuilt();
    const dynamodbEndpoint = options.dynamodbEndpoint ?? dynamodb!.endpoint;
    const client = createDynamoDbClient({ endpoint: dynamodbEndpoint });
    const created = await ensureTable(client, tableName);
    client.destroy();
    // A table kept from an earlier version (`.data/`) is brought to the layout this code reads first.
    const db = createDatabase({ tableName, endpoint: dynamodbEndpoint });
    if (created) await markCurrentLayout(db);
    else {
      const { from, to, moved } = await migrateLayout(db);
      if (from !== to && options.log === 'inherit') console.log(`Migrated the table from layout ${from} to ${to} (${moved} items moved).`);
    }
    db.client.destroy();

    const functionEnv = {
      ...process.env,
      ...options.env,
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      SLS_TELEMETRY_DISABLED: '1',
      EVENTS_ALLOW_LOCAL_HTTP: '1',
    };
    const lambdaPort = await freePort();
    offline = spawn(
      process.execPath,
      [
        SERVERLESS_BIN,
        'offline',
        'start',
        '--stage',
        'local',
        '--host',
        '127.0.0.1',
        '--httpPort',
        String(options.httpPort),
        '--lambdaPort',
        String(lambdaPort),
        ...(options.auth === 'required' ? [] : ['--noAuth']),
        ...(options.noTimeout ? ['--noTimeout'] : []),
      ],
      {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'],
        env: functionEnv,
      },
    );
    const apiUrl = `http://127.0.0.1:${options.httpPort}`;
    await waitFor('serverless-offline', offline, async () => {
      await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(5_000) });
    });
    await Promise.all(TIMERS.map((name) => invoke(lambdaPort, name, {}, 'Event')));
    // serverless-offline has no stream events: this does what Lambda's event source mapping does.
    stream = await followTableStream({
      endpoint: dynamodbEndpoint,
      tableName,
      handle: async (records) => {
        const matching = records.filter(published);
        if (matching.length > 0) await invoke(lambdaPort, 'publishEvents', { Records: matching }, 'RequestResponse');
      },
      onError: (error) => console.error(`publishEvents: ${error instanceof Error ? error.message : String(error)}`),
    });
    const pids = [offline, dynamodb?.process].flatMap((child) => (child?.pid === undefined ? [] : [child.pid]));
    return { apiUrl, dynamodbEndpoint, tableName, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
