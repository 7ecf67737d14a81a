import { rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleFunctions, LOCAL_BUILD } from '../../scripts/bundle';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local';
import { freePort } from '../../scripts/processes';

const ROOT = join(__dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** Where the run's functions are bundled, once, for every local stack it starts (runs at once each have their own). */
const FUNCTIONS = join(LOCAL_BUILD, `test-run-${process.pid}`);

/**
 * Bundles every function once (and the dashboard they embed, if it changed) for the local stacks
 * the run starts, and starts one in-memory DynamoDB Local on a free port for the run; never touches
 * `.data/`. The stacks inherit `LOCAL_FUNCTIONS_DIR`.
 */
export default async function setup(project: TestProject) {
  const [dynamodb] = await Promise.all([startDynamoDbLocal({ port: await freePort() }), bundleFunctions(join(ROOT, FUNCTIONS))]);
  process.env.LOCAL_FUNCTIONS_DIR = FUNCTIONS;
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(join(ROOT, FUNCTIONS), { recursive: true, force: true });
    // The last one out leaves no trace.
    // An empty folder only: `npm start` or a benchmark may be bundling into it right now.
    try {
      rmdirSync(join(ROOT, LOCAL_BUILD));
    } catch {
      // Not empty, or gone already.
    }
  };
}
