import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDatabase, useDatabase } from '../../lib/db/client';
import operators from '../fixtures/dynamodb/operators-1-2.json';
import source from '../fixtures/dynamodb/source-1.json';

/**
 * The document client mocked for the failures a real engine cannot produce on demand, answering a
 * registration's reads as a table with source 1 and operators 1 and 2 would: the next ids are
 * contact 17 and lead 5, and every transaction succeeds until a test says otherwise.
 */
export const dynamo = mockClient(DynamoDBDocumentClient);

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;
type Item = Record<string, unknown>;

/** The items of the table the mock answers from. */
const TABLE_ITEMS: Item[] = [source, ...operators];

const stored = (key: Item) => TABLE_ITEMS.find((item) => item.PK === key.PK && item.SK === key.SK);

/** A BatchGetItem answered from the table's items: those that exist, and none left unprocessed. */
export const answerFromTable = (table: string) => (input: BatchGetCommandInput) => ({
  Responses: { [table]: (input.RequestItems?.[table]?.Keys ?? []).flatMap((key) => stored(key) ?? []) },
});

export function answerAsSourceWithTwoOperators(table: string): void {
  // An endpoint nothing listens on: a request the mock does not answer fails rather than reaching a table.
  useDatabase(createDatabase({ tableName: table, endpoint: 'http://127.0.0.1:9' }));
  dynamo.on(GetCommand).callsFake((input) => ({ Item: stored(input.Key) }));
  dynamo.on(BatchGetCommand).callsFake(answerFromTable(table));
  dynamo.on(UpdateCommand).resolves({ Attributes: { CONTACT: 17, LEAD: 5 } });
  dynamo.on(TransactWriteCommand).resolves({});
}

/** A transaction DynamoDB cancelled, with one reason code per item. */
export const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** The items of every transaction sent, in order. */
export const transactionsSent = (): TransactItems[] =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems as TransactItems);
