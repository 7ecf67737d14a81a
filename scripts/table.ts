import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_PROPERTIES } from '../serverless';

/** The table's time-to-live setting (which attribute expires items), if it has one. */
const timeToLive = (): { AttributeName: string; Enabled: boolean } | undefined => TABLE_PROPERTIES.TimeToLiveSpecification;

export interface TableOptions {
  /**
   * Whether the table has its stream, as deployed (the default). Tests that do not follow the stream
   * leave it off: DynamoDB Local then keeps no stream records for their tables.
   */
  stream?: boolean;
}

/**
 * The table as `serverless.ts` deploys it (keys, attributes, indexes, billing), under another name,
 * so that the local stack and the tests run on the same definition as production.
 */
export function tableDefinition(tableName: string, { stream = true }: TableOptions = {}): CreateTableCommandInput {
  const properties = TABLE_PROPERTIES;
  return {
    TableName: tableName,
    BillingMode: properties.BillingMode,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
    ...(stream ? { StreamSpecification: { StreamEnabled: true, ...properties.StreamSpecification } } : {}),
  };
}

/**
 * Creates the table if it is missing, and adds any index the definition gained since it was created
 * (or builds again one whose projection changed) or the stream (a local table outlives code
 * changes). Returns true if the table was created.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: TableOptions = {}): Promise<boolean> {
  const definition = tableDefinition(tableName, options);
  let existing: TableDescription | undefined;
  try {
    ({ Table: existing } = await client.send(new DescribeTableCommand({ TableName: tableName })));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(definition));
    const ttl = timeToLive();
    if (ttl) await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: ttl }));
    return true;
  }
  if (definition.StreamSpecification && !existing?.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: definition.StreamSpecification }));
  }
  const present = new Map((existing?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const found = present.get(index.IndexName);
    if (found && found.Projection?.ProjectionType === index.Projection?.ProjectionType) continue;
    // An index whose projection changed is built again: DynamoDB cannot change it in place.
    if (found) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.IndexName } }] }),
      );
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: definition.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  return false;
}
