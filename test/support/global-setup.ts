import { readdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import { bundleFunctions } from '../../scripts/bundle';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local';
import { freePort } from '../../scripts/processes';

const ROOT = join(__dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * Where the run's functions are bundled, once, for every local stack it starts: gitignored, and not
 * under `.esbuild/`, which serverless-esbuild deletes after packaging (the deploy test packages).
 */
const PREBUILT = join('.test-build', `run-${process.pid}`);

/**
 * Bundles every function once (and the dashboard they embed, if it changed) for the local stacks
 * the run starts, and starts one in-memory DynamoDB Local on a free port for the run; never touches
 * `.data/`. The stacks' serverless-offline processes inherit `OFFLINE_PREBUILT_FUNCTIONS`.
 */
export default async function setup(project: TestProject) {
  const [dynamodb] = await Promise.all([startDynamoDbLocal({ port: await freePort() }), bundleFunctions(join(ROOT, PREBUILT))]);
  process.env.OFFLINE_PREBUILT_FUNCTIONS = PREBUILT;
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(join(ROOT, PREBUILT), { recursive: true, force: true });
    // Runs at once each have their own folder; the last one out leaves no trace.
    if (readdirSync(join(ROOT, '.test-build')).length === 0) rmSync(join(ROOT, '.test-build'), { recursive: true });
  };
}
