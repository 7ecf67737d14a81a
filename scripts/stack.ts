import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createDynamoDbClient } from '../lib/db/client';
import { ensureDashboardBuilt } from './dashboard';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort, stopProcess, waitFor } from './processes';
import { ensureTable } from './table';

const ROOT = join(__dirname, '..');
const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');
const TSX_BIN = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

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
  /** The processes it started (serverless-offline, the schedules, and DynamoDB Local unless one was given). */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * The whole API on this machine: DynamoDB Local, the table from `serverless.yml`, and every function
 * behind serverless-offline, all on 127.0.0.1.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? 'lead-distribution-crm-local';
  let dynamodb: DynamoDbLocal | undefined;
  let offline: ChildProcess | undefined;
  let schedules: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all([offline && stopProcess(offline), schedules && stopProcess(schedules), dynamodb?.stop()]);
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

    const functionEnv = { ...process.env, ...options.env, TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamodbEndpoint, SLS_TELEMETRY_DISABLED: '1' };
    // serverless-offline runs no `schedule` events: the offer timer and the backlog drain run here.
    schedules = spawn(process.execPath, [TSX_BIN, join(ROOT, 'scripts', 'local-schedules.ts')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'],
      env: functionEnv,
    });
    offline = spawn(
      process.execPath,
      [SERVERLESS_BIN, 'offline', 'start', '--stage', 'local', '--host', '127.0.0.1',
        '--httpPort', String(options.httpPort), '--lambdaPort', String(await freePort()),
        ...(options.auth === 'required' ? [] : ['--noAuth']),
        ...(options.noTimeout ? ['--noTimeout'] : [])],
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
    const pids = [offline, schedules, dynamodb?.process].flatMap((child) => (child?.pid === undefined ? [] : [child.pid]));
    return { apiUrl, dynamodbEndpoint, tableName, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
