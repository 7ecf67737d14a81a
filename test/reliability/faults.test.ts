import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/contacts/register';
import { contactRequestScope } from '../../lib/db/keys';
import { answerAsSourceWithTwoOperators, answerFromTable, cancelled, dynamo, transactionsSent } from '../support/mocked-registration';

/**
 * POST /contacts/ under every failure the database can answer with, through the deployed handler:
 * each ends in a contact or a 503 with Retry-After, never a 500, and every transaction it sends is
 * whole (an operator is claimed only together with the contact and its routing).
 */
const TABLE = 'crm-faults';
const context = { awsRequestId: 'reliability' } as Context;
const lead = { PK: 'LEAD#+79161234567', SK: 'LEAD', id: 5, external_id: '+79161234567', created_at: '2026-11-25T09:00:00.000Z' };

const post = async (headers: Record<string, string> = {}) => {
  const event = {
    rawPath: '/contacts',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ lead_external_id: '+79161234567', source_id: 1 }),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const response = await handler(event, context);
  return { status: response.statusCode, headers: response.headers ?? {}, body: JSON.parse(response.body ?? 'null') };
};

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, $metadata: {}, ...extra });
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8001`), { code });

/** A transaction is whole: at most one claim (which counts the contact on the operator's entry for the source), and the contact with its routing explanation. */
function expectWholeTransactions() {
  for (const items of transactionsSent()) {
    const keys = items.map((item) => {
      const key = (item.Update?.Key ?? item.Put?.Item) as { PK: string; SK: string };
      return `${key.PK.split('#')[0]}/${key.SK.split('#')[0]}`;
    });
    const claims = items.filter((item) => item.Update?.Key?.SK === 'OPERATOR');
    expect(claims.length).toBeLessThanOrEqual(1);
    for (const claim of claims) expect(claim.Update?.UpdateExpression).toContain('via.#source.assigned');
    expect(keys.filter((key) => key === 'CONTACT/CONTACT')).toHaveLength(1);
    expect(items.find((item) => item.Put?.Item?.SK === 'CONTACT')?.Put?.Item?.routing).toMatchObject({ trigger: 'registration' });
  }
}

/** The two acceptable endings of a registration under faults. */
function expectContactOr503(response: Awaited<ReturnType<typeof post>>) {
  expect(response.status, JSON.stringify(response.body)).not.toBe(500);
  if (response.status === 503) {
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toEqual({ detail: expect.any(String) });
  } else {
    expect([200, 201]).toContain(response.status);
    expect(response.body).toMatchObject({ id: 17, source_id: 1, status: 'open' });
  }
}

beforeEach(() => {
  // No jitter: the first eligible operator, and retries without waiting.
  vi.spyOn(Math, 'random').mockReturnValue(0);
  answerAsSourceWithTwoOperators(TABLE);
});
afterEach(() => dynamo.reset());

describe('POST /contacts/ when the database', () => {
  it.each([
    ['throttles', () => new ProvisionedThroughputExceededException({ message: 'Throughput exceeded', $metadata: {} })],
    ['limits requests', () => named('ThrottlingException')],
    ['has an internal error', () => named('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['refuses connections', () => networkError('ECONNREFUSED')],
    ['resets connections', () => networkError('ECONNRESET')],
    ['times out', () => named('TimeoutError')],
  ])('%s on every request, answers 503 with Retry-After and writes nothing', async (_, failure) => {
    dynamo.reset();
    dynamo.onAnyCommand().callsFake(() => Promise.reject(failure()));
    const response = await post();
    expect(response.status).toBe(503);
    expectContactOr503(response);
  });

  it('answers a transaction still in progress after a retry honestly: it may have been applied', async () => {
    dynamo.on(TransactWriteCommand).rejects(named('TransactionInProgressException'));
    const response = await post({ 'idempotency-key': 'in-progress-1' });
    expect(response.status).toBe(503);
    expect(response.body.detail).toBe(
      'Contact 17: the change may have been applied; retry with the same Idempotency-Key to get its outcome',
    );
    expectContactOr503(response);
  });

  it.each([
    ['the reads (the source, its operators, the lead)', BatchGetCommand],
    ['the id counter', UpdateCommand],
    ['the transaction', TransactWriteCommand],
  ] as const)('fails at %s only, answers 503 and never writes part of a registration', async (_, command) => {
    dynamo.on(command as typeof BatchGetCommand).rejects(networkError('ECONNRESET'));
    const response = await post();
    expect(response.status).toBe(503);
    expectContactOr503(response);
    expectWholeTransactions();
  });

  it.each([
    ['the reads (the source, its operators, the lead)', BatchGetCommand, answerFromTable(TABLE)],
    ['the id counter', UpdateCommand, () => ({ Attributes: { CONTACT: 17, LEAD: 5 } })],
    ['the transaction', TransactWriteCommand, () => ({})],
  ] as const)('throttles %s once: that request gets a 503, the next one its contact', async (_, command, normal) => {
    dynamo
      .on(command as typeof BatchGetCommand)
      .rejectsOnce(named('ThrottlingException'))
      .callsFake(normal as never);
    const first = await post();
    expect(first.status).toBe(503);
    expectContactOr503(first);
    const second = await post();
    expect(second.status).toBe(201);
    expectWholeTransactions();
  });

  it('collides with other transactions in a storm, retries a bounded number of times, then answers 503', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    const response = await post();
    expect(response.status).toBe(503);
    expectContactOr503(response);
    expect(transactionsSent().length).toBeGreaterThan(1);
    expectWholeTransactions();
  });

  it('collides a few times and then commits the contact', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .rejectsOnce(cancelled('None', 'None', 'TransactionConflict'))
      .resolves({});
    const response = await post();
    expect(response.status).toBe(201);
    expectWholeTransactions();
  });

  it.each([
    'TransactionConflict',
    'ThrottlingError',
    'ProvisionedThroughputExceeded',
    'ItemCollectionSizeLimitExceeded',
    'ValidationError',
  ])('cancels every transaction with %s: a 503, never a 500', async (code) => {
    dynamo.on(TransactWriteCommand).rejects(cancelled(code, 'None', 'None'));
    expectContactOr503(await post());
    expectWholeTransactions();
  });

  it('cancels because the chosen operator filled up or was taken off the source: the contact goes to the other one', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});
    const response = await post();
    expect(response.status).toBe(201);
    expect(response.body.operator_id).toBe(2);
    expectWholeTransactions();
  });

  it('cancels because every operator filled up: the contact waits unassigned', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});
    const response = await post();
    expect(response.status).toBe(201);
    expect(response.body.operator_id).toBeNull();
    expectWholeTransactions();
  });

  it('cancels because a concurrent first contact created the lead: the contact joins that lead', async () => {
    dynamo.on(GetCommand).resolves({ Item: lead });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed'))
      .resolves({});
    const response = await post();
    expect(response.status).toBe(201);
    expect(response.body.lead_id).toBe(5);
    expectWholeTransactions();
  });

  it('cancels because a concurrent request with the same Idempotency-Key won: the original contact, 200', async () => {
    const record = {
      PK: 'IDEMPOTENCY#x',
      SK: 'IDEMPOTENCY',
      scope: contactRequestScope('storm-1'),
      fingerprint: '1:+79161234567',
      contact_id: 17,
      expires_at: 4_000_000_000,
    };
    const contact = {
      PK: 'CONTACT#17',
      SK: 'CONTACT',
      id: 17,
      lead_id: 5,
      source_id: 1,
      operator_id: 1,
      status: 'open',
      created_at: '2026-11-25T09:00:00.000Z',
      closed_at: null,
      version: 1,
    };
    dynamo.on(GetCommand).callsFake(({ Key }) => {
      if (String(Key.PK).startsWith('IDEMPOTENCY#')) return { Item: record };
      if (String(Key.PK).startsWith('CONTACT#')) return { Item: contact };
      return {};
    });
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'None', 'ConditionalCheckFailed'));
    const response = await post({ 'idempotency-key': 'storm-1' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 17, operator_id: 1 });
    expect(transactionsSent()).toHaveLength(1);
    expectWholeTransactions();
  });

  it('leaves operators unprocessed under load, then reads them: a contact', async () => {
    const answer = answerFromTable(TABLE);
    dynamo
      .on(BatchGetCommand)
      .callsFakeOnce(answer)
      .resolvesOnce({
        Responses: { [TABLE]: [] },
        UnprocessedKeys: {
          [TABLE]: {
            Keys: [
              { PK: 'OPERATOR#1', SK: 'OPERATOR' },
              { PK: 'OPERATOR#2', SK: 'OPERATOR' },
            ],
          },
        },
      })
      .callsFake(answer);
    const response = await post();
    expect(response.status).toBe(201);
    expect(response.body.operator_id).toBe(1);
  });

  it('keeps leaving operators unprocessed: a 503, not a contact routed on a partial read', async () => {
    const answer = answerFromTable(TABLE);
    dynamo
      .on(BatchGetCommand)
      .callsFake((request) =>
        String(request.RequestItems?.[TABLE]?.Keys?.[0]?.PK).startsWith('OPERATOR#')
          ? { Responses: { [TABLE]: [] }, UnprocessedKeys: request.RequestItems }
          : answer(request),
      );
    const response = await post();
    expect(response.status).toBe(503);
    expectContactOr503(response);
    expect(transactionsSent()).toHaveLength(0);
  });
});
