import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Database } from '../../lib/db/client';
import { freePort } from '../../scripts/processes';
import { startStack, type Stack, type StackOptions } from '../../scripts/stack';
import { localEndpoint } from './database';

export interface Api {
  url: string;
  db: Database;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Starts the API through the local API (the same code path as `npm start`) on free ports,
 * over a fresh table in the test run's DynamoDB Local, for the test file that calls it.
 */
export function useApiStack(options: Pick<StackOptions, 'auth' | 'env'> = {}): Api {
  let stack: Stack | undefined;
  const api: Api = {
    url: '',
    db: undefined as unknown as Database,
    async request(method, path, body, headers = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
  beforeAll(async () => {
    const dynamodbEndpoint = localEndpoint();
    stack = await startStack({
      ...options,
      noTimeout: true,
      log: process.env.STACK_LOG ? 'inherit' : 'ignore',
      httpPort: await freePort(),
      dynamodbEndpoint,
      tableName: `e2e-${randomUUID()}`,
    });
    api.url = stack.apiUrl;
    api.db = createDatabase({ tableName: stack.tableName, endpoint: dynamodbEndpoint });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return api;
}
