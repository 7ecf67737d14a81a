import type { TestProject } from 'vitest/node';
import { ensureDashboardBuilt } from '../../scripts/dashboard';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local';
import { freePort } from '../../scripts/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * Builds the dashboard if it changed (its function embeds the page) and starts one in-memory
 * DynamoDB Local on a free port for the run; never touches `.data/`.
 */
export default async function setup(project: TestProject) {
  await ensureDashboardBuilt();
  const dynamodb = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
