import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createDynamoDbClient } from '../lib/db/client';
import { ensureDashboardBuilt } from './dashboard';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort, stopProcess, waitFor } from './processes';
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

/**
 * serverless-offline runs `schedule` events as EventBridge does, from the next minute on; the offer
 * timer (a function that ticks for a minute each minute) is started at once as well, through
 * serverless-offline's Lambda invoke endpoint, so that offers lapse on time from the first minute.
 */
async function startOfferTimer(lambdaPort: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/lead-distribution-crm-local-expireOffers/invocations`, {
    method: 'POST',
    headers: { 'x-amz-invocation-type': 'Event' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`The offer timer did not start: ${response.status} ${await response.text()}`);
}

/**
 * The whole API on this machine: DynamoDB Local, the table from `serverless.yml`, and every function
 * behind serverless-offline, all on 127.0.0.1.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? 'lead-distribution-crm-local';
  let dynamodb: DynamoDbLocal | undefined;
  let offline: ChildProcess | undefined;
  const stop = async () => {
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
    await ensureTable(client, tableName);
    client.destroy();

    const functionEnv = {
      ...process.env,
      ...options.env,
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      SLS_TELEMETRY_DISABLED: '1',
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
    await startOfferTimer(lambdaPort);
    const pids = [offline, dynamodb?.process].flatMap((child) => (child?.pid === undefined ? [] : [child.pid]));
    return { apiUrl, dynamodbEndpoint, tableName, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
