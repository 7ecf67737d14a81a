import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONFLICT_RETRIES } from '../../../lib/contacts/placement';
import { registerContact } from '../../support/fixtures';
import { NotFoundError, UnavailableError } from '../../../lib/errors';
import operators from '../../fixtures/dynamodb/operators-1-2.json';
import {
  answerAsSourceWithTwoOperators,
  answerFromTable,
  cancelled,
  dynamo,
  transactionsSent,
  type TransactItems,
} from '../../support/mocked-registration';

const TABLE = 'crm-test';
const input = { lead_external_id: '+79161234567', source_id: 1 };
/** Zero: always the first eligible operator, and no backoff delay. */
const options = { random: () => 0, now: () => new Date('2026-11-25T10:00:00Z') };

const claimedOperator = (items: TransactItems) => items.find((item) => item.Update)?.Update?.Key;

beforeEach(() => answerAsSourceWithTwoOperators(TABLE));
afterEach(() => dynamo.reset());

describe('registerContact', () => {
  it('claims the chosen operator, puts the contact with its routing and creates the new lead in one transaction', async () => {
    const contact = await registerContact(input, options);
    expect(contact).toEqual({
      id: 17,
      lead_id: 5,
      source_id: 1,
      operator_id: 1,
      status: 'open',
      created_at: '2026-11-25T10:00:00.000Z',
      closed_at: null,
      offer_expires_at: null,
      priority: 0,
      needs_manager: false,
    });
    const [items] = transactionsSent();
    expect(items?.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Put', 'Put']);
    expect(items?.[0]?.Update).toMatchObject({
      Key: { PK: 'OPERATOR#1', SK: 'OPERATOR' },
      UpdateExpression: 'SET current_load = current_load + :one, via.#source.assigned = if_not_exists(via.#source.assigned, :zero) + :one',
      ConditionExpression:
        'is_active = :true AND current_load < max_load AND (attribute_not_exists(presence) OR presence = :available) AND attribute_exists(via.#source)',
      ExpressionAttributeNames: { '#source': '1' },
    });
    expect(items?.[1]?.Put?.Item).toMatchObject({
      PK: 'CONTACT#17',
      SK: 'CONTACT',
      version: 1,
      routing: { winner: 1, decided_by: 'mode' },
    });
    expect(items?.[2]?.Put?.Item).toMatchObject({ PK: 'LEAD#+79161234567', id: 5, external_id: '+79161234567', operator_id: 1 });
  });

  it('reads the source, its operators and the lead in one request once the container knows the source', async () => {
    await registerContact(input, options);
    dynamo.resetHistory();
    await registerContact({ ...input, lead_external_id: '+79161234568' }, options);
    const batches = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]?.Keys);
    expect(batches).toEqual([
      [
        { PK: 'SOURCE#1', SK: 'SOURCE' },
        { PK: 'LEAD#+79161234568', SK: 'LEAD' },
        { PK: 'OPERATOR#1', SK: 'OPERATOR' },
        { PK: 'OPERATOR#2', SK: 'OPERATOR' },
      ],
    ]);
    // The ids came from the block the first registration took: no request for them.
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('routes to another operator when the chosen one filled up meanwhile', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});
    const contact = await registerContact(input, options);
    expect(contact.operator_id).toBe(2);
    expect(transactionsSent()[1]?.[1]?.Put?.Item?.routing).toMatchObject({
      attempts: 2,
      candidates: [
        { operator_id: 1, reason: 'lost_race' },
        { operator_id: 2, reason: 'eligible' },
      ],
    });
    expect(transactionsSent().map(claimedOperator)).toEqual([
      { PK: 'OPERATOR#1', SK: 'OPERATOR' },
      { PK: 'OPERATOR#2', SK: 'OPERATOR' },
    ]);
  });

  it('registers an unassigned contact when every operator fills up meanwhile', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});
    const contact = await registerContact(input, options);
    expect(contact.operator_id).toBeNull();
    expect(transactionsSent()[2]?.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put']);
  });

  it('joins the lead that a concurrent first contact created, and notes them their operator', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { PK: 'LEAD#+79161234567', SK: 'LEAD', id: 3, external_id: '+79161234567', created_at: '2026-11-25T09:59:59.000Z' },
    });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed'))
      .resolves({});
    const contact = await registerContact(input, options);
    expect(contact.lead_id).toBe(3);
    const [, retry] = transactionsSent();
    expect(retry?.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Put', 'Update']);
    expect(retry?.[2]?.Update).toMatchObject({ Key: { PK: 'LEAD#+79161234567', SK: 'LEAD' }, ConditionExpression: 'attribute_exists(PK)' });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('retries transaction conflicts and keeps its choice', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .rejectsOnce(cancelled('None', 'TransactionConflict', 'None'))
      .resolves({});
    const contact = await registerContact(input, options);
    expect(contact.operator_id).toBe(1);
    expect(transactionsSent()).toHaveLength(3);
  });

  it('gives up with a retryable error after a bounded number of conflicts, having written nothing', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    await expect(registerContact(input, options)).rejects.toBeInstanceOf(UnavailableError);
    expect(transactionsSent()).toHaveLength(MAX_CONFLICT_RETRIES + 1);
  });

  it('uses a fresh idempotency token for each transaction attempt', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .resolves({});
    await registerContact(input, options);
    const tokens = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(new Set(tokens).size).toBe(2);
  });

  it('reads the operators DynamoDB left unprocessed', async () => {
    const answer = answerFromTable(TABLE);
    dynamo
      .on(BatchGetCommand)
      .callsFakeOnce(answer)
      .resolvesOnce({
        Responses: { [TABLE]: [operators[1]!] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ PK: 'OPERATOR#1', SK: 'OPERATOR' }] } },
      })
      .callsFake(answer);
    const contact = await registerContact(input, options);
    expect(contact.operator_id).toBe(1);
    expect(dynamo.commandCalls(BatchGetCommand)[2]?.args[0].input.RequestItems?.[TABLE]?.Keys).toEqual([
      { PK: 'OPERATOR#1', SK: 'OPERATOR' },
    ]);
  });

  it('answers 503 rather than guessing when operators stay unreadable', async () => {
    const answer = answerFromTable(TABLE);
    dynamo
      .on(BatchGetCommand)
      .callsFake((request) =>
        String(request.RequestItems?.[TABLE]?.Keys?.[0]?.PK).startsWith('OPERATOR#')
          ? { UnprocessedKeys: request.RequestItems }
          : answer(request),
      );
    await expect(registerContact(input, { ...options, random: () => 0 })).rejects.toBeInstanceOf(UnavailableError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('rejects an unknown source without writing anything, not even an id', async () => {
    await expect(registerContact({ ...input, source_id: 9 }, options)).rejects.toThrow(new NotFoundError('Source 9 not found'));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('lets an outage surface unchanged for the HTTP layer to answer 503', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    dynamo.on(BatchGetCommand).rejects(outage);
    await expect(registerContact(input, options)).rejects.toBe(outage);
  });
});

describe('registerContact on a cancellation that retrying cannot fix', () => {
  it('answers 503 at once instead of retrying', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'ValidationError'));
    await expect(registerContact(input, options)).rejects.toBeInstanceOf(UnavailableError);
    expect(transactionsSent()).toHaveLength(1);
  });
});

describe('registerContact under transaction conflicts', () => {
  it('commits the operator it first chose, with real randomness', async () => {
    const { seededRandom } = await import('../../../lib/routing/random');
    for (let seed = 1; seed <= 20; seed++) {
      dynamo.reset();
      answerAsSourceWithTwoOperators(TABLE);
      dynamo
        .on(TransactWriteCommand)
        .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
        .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
        .rejectsOnce(cancelled('None', 'TransactionConflict', 'None'))
        .resolves({});
      await registerContact(input, { ...options, random: seededRandom(seed) });
      expect(new Set(transactionsSent().map((items) => JSON.stringify(claimedOperator(items)))).size, `seed ${seed}`).toBe(1);
    }
  });
});
