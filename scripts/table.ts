import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';

const SERVERLESS_YML = join(__dirname, '..', 'serverless.yml');

/**
 * The table as `serverless.yml` deploys it (keys, attributes, indexes, billing), under another name,
 * so that the local stack and the tests run on the same definition as production.
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const template = parse(readFileSync(SERVERLESS_YML, 'utf8'));
  const properties = template.resources.Resources.CrmTable.Properties;
  return {
    TableName: tableName,
    BillingMode: properties.BillingMode,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
  };
}

/**
 * Creates the table if it is missing, and adds any index the definition gained since it was created
 * (a local table outlives code changes). Returns true if the table was created.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const definition = tableDefinition(tableName);
  let existing;
  try {
    ({ Table: existing } = await client.send(new DescribeTableCommand({ TableName: tableName })));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(definition));
    return true;
  }
  const present = new Set((existing?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
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
