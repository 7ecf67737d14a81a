import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDatabase, createDynamoDbClient } from '../lib/db/client';
import { markCurrentLayout, migrateLayout } from '../lib/db/layout';
import { bundleFunctions, LOCAL_BUILD } from './bundle';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { functionEnvironment, type LocalApiOptions } from './local-api';
import { freePort, stopProcess, waitFor } from './processes';
import { ensureTable } from './table';

const ROOT = join(__dirname, '..');

export interface StackOptions {
  httpPort: number;
  /** DynamoDB Local's port; a free one when absent. */
  dynamodbPort?: number | undefined;
  /** Where DynamoDB Local keeps its data; in memory when absent. */
  dataDir?: string | undefined;
  /** An already running DynamoDB Local to use instead of starting one. */
  dynamodbEndpoint?: string | undefined;
  tableName?: string;
  /** Where the local API's output goes; ignored when absent. */
  log?: 'inherit' | 'ignore';
  /** Whether routes need an API key, as they always do when deployed; off by default locally. */
  auth?: 'required' | 'off';
  /** More environment for the functions. */
  env?: Record<string, string>;
  /** Lets invocations run past the functions' timeout (tests on a loaded machine assert behaviour, not speed). */
  noTimeout?: boolean;
  /** Milliseconds to warm the stack up for before it is ready (`warmUp`); none when absent. */
  warmUpMs?: number;
}

export interface Stack {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** The processes it started (the local API, and DynamoDB Local unless one was given). */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * The functions bundled as deployed: the folder the test run bundled once for all its stacks
 * (`LOCAL_FUNCTIONS_DIR`), or a new bundle of this checkout, removed when the stack stops.
 */
async function functionsFor(): Promise<{ dir: string; cleanup(): void }> {
  const prebuilt = process.env.LOCAL_FUNCTIONS_DIR;
  if (prebuilt) return { dir: resolve(ROOT, prebuilt), cleanup: () => {} };
  mkdirSync(join(ROOT, LOCAL_BUILD), { recursive: true });
  const dir = mkdtempSync(join(ROOT, LOCAL_BUILD, 'stack-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    await bundleFunctions(dir);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir, cleanup };
}

/** How long `npm start` warms the stack up for before it says it is ready. */
export const WARM_UP_SECONDS = 5;

/**
 * Puts a fresh stack through requests that write nothing, for `ms`: registrations for a source that
 * does not exist (a 404 once the source, the lead and the record are read, with no id taken) and
 * lists. Both JIT compilers (DynamoDB Local's JVM and the local API's V8) compile their hot paths as
 * they run, so that a team's first storm does not measure the compilers: a cold stack takes about
 * half the registrations a second of a warm one.
 */
async function warmUp(apiUrl: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  const request = (path: string, body?: unknown) =>
    fetch(`${apiUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => response.arrayBuffer());
  await Promise.all(
    Array.from({ length: 16 }, async (_, worker) => {
      for (let i = 0; Date.now() < until; i++) {
        await (i % 10 === 0
          ? request('/operators/')
          : request('/contacts/', { lead_external_id: `+7916${String(1_000_000 + worker * 1000 + i).slice(1)}`, source_id: 999_999_999 }));
      }
    }),
  );
}

/**
 * The whole API on this machine: DynamoDB Local, the table from `serverless.ts`, and every function
 * behind the local API (scripts/local-api.ts: API Gateway, Lambda, the schedules and the stream's
 * mapping), all on 127.0.0.1.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const tableName = options.tableName ?? 'lead-distribution-crm-local';
  let dynamodb: DynamoDbLocal | undefined;
  let api: ChildProcess | undefined;
  let bundle: { dir: string; cleanup(): void } | undefined;
  const stop = async () => {
    await Promise.all([api && stopProcess(api), dynamodb?.stop()]);
    bundle?.cleanup();
  };
  try {
    // Both started before either failure is thrown, so that `stop` ends whichever did start.
    const [started, functions] = await Promise.allSettled([
      options.dynamodbEndpoint
        ? undefined
        : startDynamoDbLocal({ port: options.dynamodbPort ?? (await freePort()), dataDir: options.dataDir }),
      functionsFor(),
    ]);
    if (started.status === 'fulfilled') dynamodb = started.value;
    if (functions.status === 'fulfilled') bundle = functions.value;
    for (const result of [started, functions]) if (result.status === 'rejected') throw result.reason;
    const functionsDir = bundle!.dir;
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

    const localApi: LocalApiOptions = {
      port: options.httpPort,
      functionsDir,
      auth: options.auth === 'required',
      noTimeout: options.noTimeout ?? false,
      stream: { dynamodbEndpoint, tableName },
    };
    api = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'local-api.ts')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'],
      env: {
        ...process.env,
        ...functionEnvironment(process.env),
        ...options.env,
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: dynamodbEndpoint,
        // Subscriptions may point at http://127.0.0.1 or localhost here.
        EVENTS_ALLOW_LOCAL_HTTP: '1',
        LOCAL_API: JSON.stringify(localApi),
      },
    });
    const apiUrl = `http://127.0.0.1:${options.httpPort}`;
    await waitFor('the local API', api, async () => {
      await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(5_000) });
    });
    if (options.warmUpMs) await warmUp(apiUrl, options.warmUpMs);
    const pids = [api, dynamodb?.process].flatMap((child) => (child?.pid === undefined ? [] : [child.pid]));
    return { apiUrl, dynamodbEndpoint, tableName, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
