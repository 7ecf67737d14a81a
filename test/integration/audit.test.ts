import { beforeEach, describe, expect, it } from 'vitest';
import { changeWeight, removeAssignment } from '../../lib/assignments/weight';
import { createApiKey, revokeApiKey } from '../../lib/auth/api-keys';
import { replaceSubscription, rotateSecret, subscribe, unsubscribe } from '../../lib/events/subscriptions';
import { actingAs } from '../../lib/audit/actor';
import { auditRecordsOf, listAuditTrail, recordAuditTrail } from '../../lib/audit/trail';
import type { Caller } from '../../lib/auth/roles';
import { closeContact, reassignContact } from '../../lib/contacts/lifecycle';
import { createAssignment } from '../../lib/db/assignments';
import { createSource, replaceSource } from '../../lib/db/sources';
import { createOperator, recordHeartbeat, updateOperator } from '../../lib/operators/update';
import { allItems } from '../support/database';
import { useStreamedTable } from '../support/streamed-table';
import { registerContact } from '../support/fixtures';
import type { DynamoDBRecord } from 'aws-lambda';
import type { AuditedEntity } from '../../lib/schemas/audit';

const handed: DynamoDBRecord[] = [];
const table = useStreamedTable(async (records) => {
  handed.push(...records);
  await recordAuditTrail(auditRecordsOf(records));
});
beforeEach(() => {
  handed.length = 0;
});

const dashboard: Caller = { role: 'manager', keyId: '3f9a0c21b7de', keyName: 'call-centre dashboard', operatorId: null };
const byHand = <T>(work: () => Promise<T>) => actingAs(dashboard, work);
const trail = async (entity: AuditedEntity, id: number | string) => {
  await table.stream.drained();
  return (await listAuditTrail({ entity, entity_id: id, limit: 100 })).items;
};

describe('the audit trail', () => {
  it('records who changed what by hand, with the fields before and after, newest first', async () => {
    await byHand(() => createOperator({ name: 'Анна', is_active: true, max_load: 5 }));
    await byHand(() => createSource({ name: 'Telegram Bot', channel: { type: 'telegram', secret_token: 'tg-secret_1' } }));
    await byHand(() => createAssignment({ operator_id: 1, source_id: 1, weight: 10 }));
    await byHand(() => changeWeight(1, { weight: 30 }));
    await byHand(() => updateOperator(1, { presence: 'away' }));
    await byHand(() => removeAssignment(1));
    await byHand(() => replaceSource(1, { name: 'Telegram Bot', routing: { mode: 'smooth_weighted', sticky: false } }));

    const assignment = await trail('assignment', 1);
    expect(assignment.map((record) => [record.action, record.key_name])).toEqual([
      ['deleted', 'call-centre dashboard'],
      ['updated', 'call-centre dashboard'],
      ['created', 'call-centre dashboard'],
    ]);
    expect(assignment[1]).toMatchObject({
      key_id: '3f9a0c21b7de',
      entity: 'assignment',
      entity_id: 1,
      changes: { weight: { from: 10, to: 30 } },
    });
    expect((await trail('operator', 1))[0]).toMatchObject({ action: 'updated', changes: { presence: { from: 'available', to: 'away' } } });
    // A channel's secret never reaches the trail: only its type.
    const [routed, source] = await trail('source', 1);
    expect(routed!.changes).toEqual({
      routing: { from: { mode: 'weighted_random', sticky: false }, to: { mode: 'smooth_weighted', sticky: false } },
    });
    expect(source!.changes.channel).toEqual({ from: null, to: { type: 'telegram' } });
    const records = (await allItems(table.db)).filter((item) => String(item.PK).startsWith('AUDIT#'));
    expect(JSON.stringify(records)).not.toContain('tg-secret_1');
    expect((await listAuditTrail({ limit: 100 })).items).toHaveLength(7);
  });

  it('records nothing for the system’s own changes, and nothing for a change that did not commit', async () => {
    await byHand(() => createOperator({ name: 'Анна', is_active: true, max_load: 1 }));
    await byHand(() => createOperator({ name: 'Борис', is_active: true, max_load: 1 }));
    await createSource({ name: 'Form' });
    await createAssignment({ operator_id: 1, source_id: 1, weight: 10 });
    await createAssignment({ operator_id: 2, source_id: 1, weight: 10 });
    const first = await registerContact({ lead_external_id: '+79160000001', source_id: 1 });
    const second = await registerContact({ lead_external_id: '+79160000002', source_id: 1 });
    await recordHeartbeat(1);
    // Both operators are full: a manager's reassignment is refused, and its transaction wrote nothing.
    await expect(byHand(() => reassignContact(first.id, second.operator_id!))).rejects.toThrow(/no room/);
    await byHand(() => closeContact(second.id));

    expect(await trail('contact', first.id)).toEqual([]);
    expect((await trail('contact', second.id)).map((record) => record.action)).toEqual(['closed']);
    expect((await listAuditTrail({ entity: 'source', entity_id: 1, limit: 10 })).items).toEqual([]);
    expect((await trail('operator', 1)).map((record) => record.action)).toEqual(['created']);
    // The stream handing the same records again writes nothing twice.
    expect(await recordAuditTrail(auditRecordsOf(handed))).toBe(0);
  });

  it('pages through the trail newest first, of one entity and of all, and refuses a cursor it did not give', async () => {
    for (const name of ['Анна', 'Борис', 'Вера']) await byHand(() => createOperator({ name, is_active: true, max_load: 5 }));
    for (const max_load of [6, 7, 8]) await byHand(() => updateOperator(1, { max_load }));
    await table.stream.drained();

    const pages = async (query: { entity?: 'operator'; entity_id?: number }) => {
      const seen: number[][] = [];
      let cursor: string | undefined;
      do {
        const page = await listAuditTrail({ ...query, limit: 2, cursor });
        seen.push(page.items.map((record) => Number(record.changes.max_load?.to)));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pages({ entity: 'operator', entity_id: 1 })).toEqual([
      [8, 7],
      [6, 5],
    ]);
    expect((await pages({})).flat()).toEqual([8, 7, 6, 5, 5, 5]);
    expect((await pages({ entity: 'operator' })).flat()).toHaveLength(6);

    const { nextCursor } = await listAuditTrail({ entity: 'operator', entity_id: 1, limit: 1 });
    for (const cursor of ['ꑍ㈫', Buffer.from('{"PK":"x"}').toString('base64url'), nextCursor!]) {
      await expect(listAuditTrail({ entity: 'operator', entity_id: 2, limit: 1, cursor })).rejects.toThrow(/invalid cursor/);
    }
  });

  it('records event subscriptions and API keys changed by hand, never a secret', async () => {
    const { id, secret } = await byHand(() =>
      subscribe({ url: 'https://crm.example/hooks', events: ['*'], description: '', enabled: true }),
    );
    await byHand(() =>
      replaceSubscription(id, { url: 'https://crm.example/hooks', events: ['contact.assigned'], description: '', enabled: true }),
    );
    const { secret: rotated } = await byHand(() => rotateSecret(id));
    await byHand(() => unsubscribe(id));
    const key = await byHand(() => createApiKey('web form bot', { role: 'integration' }));
    await byHand(() => revokeApiKey(key.id));

    const subscription = await trail('subscription', id);
    expect(subscription.map((record) => record.action)).toEqual(['deleted', 'secret rotated', 'updated', 'created']);
    expect(subscription[2]!.changes).toEqual({ events: { from: ['*'], to: ['contact.assigned'] } });
    expect(Object.keys(subscription[1]!.changes)).toEqual(['secret']);
    const apiKey = await trail('api_key', key.id);
    expect(apiKey.map((record) => [record.action, record.entity_id, record.key_name])).toEqual([
      ['revoked', key.id, 'call-centre dashboard'],
      ['created', key.id, 'call-centre dashboard'],
    ]);
    expect(apiKey[1]!.changes).toMatchObject({ name: { from: null, to: 'web form bot' }, role: { from: null, to: 'integration' } });
    const stored = JSON.stringify(await allItems(table.db));
    for (const secretValue of [secret, rotated, key.key]) expect(stored).not.toContain(secretValue.slice(-20));
  });
});
