import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

/** The document client and the table it works on. */
export interface Database {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export interface DatabaseOptions {
  tableName: string;
  endpoint?: string | undefined;
  region?: string;
}

/**
 * The low-level client. Against AWS, short timeouts turn an unreachable database into a quick 503
 * rather than a Lambda timeout: 3 attempts of at most 0.5 s to connect and 2 s to answer give up on
 * one request within about 8 s, inside the functions' 10 s (4 attempts of 3 s did not fit).
 * DynamoDB Local, one JVM on a developer's machine, gets more patience.
 */
export function createDynamoDbClient({ endpoint, region = 'eu-central-1' }: Omit<DatabaseOptions, 'tableName'>): DynamoDBClient {
  return new DynamoDBClient({
    region,
    maxAttempts: endpoint ? 4 : 3,
    ...(endpoint
      ? {
          endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep every process on the same data.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000 },
        }
      : { requestHandler: { connectionTimeout: 500, requestTimeout: 2_000 } }),
  });
}

/** The document client over `createDynamoDbClient`, bound to a table. */
export function createDatabase({ tableName, ...options }: DatabaseOptions): Database {
  const client = DynamoDBDocumentClient.from(createDynamoDbClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, tableName };
}

let current: Database | undefined;

/** The container's database, created once on first use from the configuration. */
export function database(): Database {
  if (!current) {
    const { tableName, dynamodbEndpoint, region } = config();
    current = createDatabase({ tableName, endpoint: dynamodbEndpoint, region });
  }
  return current;
}

/** Points this process at another database: used by tests and scripts. */
export function useDatabase(next: Database): void {
  current = next;
}
