import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredContact } from '../../lib/db/contacts';
import { createAssignment, listAssignmentRecords } from '../../lib/db/assignments';
import { createDatabase, type Database, useDatabase } from '../../lib/db/client';
import { commitContactChange, listContacts } from '../../lib/db/contacts';
import { giveBackId, nextId, nextIds } from '../../lib/db/ids';
import { findLead, listLeads } from '../../lib/db/leads';
import { createOperator, getOperators, listOperators, updateOperatorFields } from '../../lib/db/operators';
import { createSource, getSourceRouting, listSources } from '../../lib/db/sources';
import { ConflictError, InvalidError, NotFoundError } from '../../lib/errors';
import { padId } from '../../lib/db/keys';
import { allItems, localEndpoint, useFreshTable } from '../support/database';
import { recordRequests } from '../support/round-trips';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const ivan = { name: 'Оператор Иван', is_active: true, max_load: 5 };

describe('ids', () => {
  it('start at 1 and count up per entity', async () => {
    expect(await nextId('OPERATOR')).toBe(1);
    expect(await nextId('OPERATOR')).toBe(2);
    expect(await nextId('SOURCE')).toBe(1);
    expect(await nextIds(['CONTACT', 'LEAD'])).toEqual({ CONTACT: 1, LEAD: 1 });
    expect(await nextIds(['CONTACT'])).toEqual({ CONTACT: 2 });
  });

  it('are never handed out twice under concurrency', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => nextId('CONTACT')));
    expect(new Set(ids).size).toBe(50);
    expect(Math.max(...ids)).toBe(50);
  });

  it('come in blocks under load: the counter item is written once per block, not once per id', async () => {
    const requests = recordRequests(db);
    const ids: number[] = [];
    // The clock stands still, so each block went in no time, however slowly the engine answers on a busy machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < 300; i++) ids.push(await nextId('CONTACT'));
    } finally {
      vi.useRealTimers();
    }
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // A block of one, then blocks sized to last two seconds at the rate the last one went, up to 100:
    // 300 ids taken at full speed take four updates.
    expect(requests.commands()).toEqual(Array(4).fill('UpdateItemCommand'));
  });

  it('are never handed out twice across containers, a container that dies mid-block included', async () => {
    const containers = Array.from({ length: 4 }, () => createDatabase({ tableName: db.tableName, endpoint: localEndpoint() }));
    const drawIn = async (container: Database, count: number) => {
      const drawn: number[] = [];
      for (let i = 0; i < count; i++) {
        // The library asks for its database as the call starts: each draw is this container's.
        useDatabase(container);
        drawn.push(await nextId('CONTACT'));
      }
      return drawn;
    };
    // Each container draws in turns with the others, so their blocks interleave on the counter.
    const drawn = (await Promise.all(containers.map((container) => drawIn(container, 150)))).flat();
    expect(new Set(drawn).size).toBe(drawn.length);
    // The first container dies holding the rest of its block; a new one starts above every block handed out.
    const died = Math.max(...drawn);
    const fresh = await drawIn(createDatabase({ tableName: db.tableName, endpoint: localEndpoint() }), 5);
    expect(Math.min(...fresh)).toBeGreaterThan(died);
    expect(new Set([...drawn, ...fresh]).size).toBe(drawn.length + 5);
  });

  it('given back are handed out again before new ones', async () => {
    const { CONTACT, LEAD } = await nextIds(['CONTACT', 'LEAD']);
    giveBackId('LEAD', LEAD);
    expect(await nextIds(['CONTACT', 'LEAD'])).toEqual({ CONTACT: CONTACT + 1, LEAD });
  });
});

const availableNoHours = {
  presence: 'available',
  presence_timeout_s: null,
  last_heartbeat_at: null,
  schedule: null,
  telegram_chat_id: null,
  quota: null,
  quota_used: {},
  via: {},
};

describe('operators', () => {
  it('are created with no load and listed in id order', async () => {
    expect(await createOperator(ivan)).toEqual({ id: 1, ...ivan, current_load: 0, ...availableNoHours });
    await createOperator({ ...ivan, name: 'Мария' });
    expect((await listOperators({ limit: 100 })).items.map((o) => o.name)).toEqual(['Оператор Иван', 'Мария']);
  });

  it('are updated in full, keeping their load', async () => {
    await createOperator(ivan);
    const { before, after } = await updateOperatorFields(1, { name: 'Иван Обновленный', is_active: false, max_load: 7 });
    expect(before).toEqual({ id: 1, ...ivan, current_load: 0, ...availableNoHours });
    expect(after).toEqual({ id: 1, name: 'Иван Обновленный', is_active: false, max_load: 7, current_load: 0, ...availableNoHours });
    expect((await getOperators([1]))[0]).toEqual(after);
  });

  it('cannot be updated when they do not exist, and nothing is written', async () => {
    await expect(updateOperatorFields(7, ivan)).rejects.toThrow(new NotFoundError('Operator 7 not found'));
    expect(await allItems(db)).toEqual([]);
  });

  it('are read in bulk, skipping ids that do not exist', async () => {
    for (let i = 0; i < 3; i++) await createOperator({ ...ivan, name: `op${i}` });
    expect((await getOperators([3, 1, 99])).map((o) => o.id).sort()).toEqual([1, 3]);
    expect(await getOperators([])).toEqual([]);
  });

  it('never expose key attributes', async () => {
    await createOperator(ivan);
    const [listed] = (await listOperators({ limit: 1 })).items;
    expect(Object.keys(listed!).sort()).toEqual([
      'current_load',
      'id',
      'is_active',
      'last_heartbeat_at',
      'max_load',
      'name',
      'presence',
      'presence_timeout_s',
      'quota',
      'quota_used',
      'schedule',
      'telegram_chat_id',
      'via',
    ]);
  });
});

describe('lists', () => {
  it('page in id order with an opaque cursor, and say when there is no more', async () => {
    for (let i = 0; i < 12; i++) await createSource({ name: `s${i}` });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listSources({ limit: 5, cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(pages).toBe(3);
  });

  it('give no cursor when the last page is exactly full', async () => {
    for (let i = 0; i < 4; i++) await createSource({ name: `s${i}` });
    expect((await listSources({ limit: 4 })).nextCursor).toBeUndefined();
  });

  it('refuse a cursor that was not theirs', async () => {
    for (const cursor of ['garbage', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      await expect(listSources({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidError);
    }
  });
});

describe('sources and assignments', () => {
  it('find an assignment by its id with strongly consistent reads by key, never through the lagging list index', async () => {
    const { findAssignment, deleteAssignment } = await import('../../lib/db/assignments');
    await createOperator(ivan);
    await createSource({ name: 'Telegram Bot' });
    const created = await createAssignment({ operator_id: 1, source_id: 1, weight: 20 });
    const requests = recordRequests(db);
    expect(await findAssignment(created.id)).toEqual(created);
    expect(requests.commands()).toEqual(['GetItemCommand']);
    await deleteAssignment(created.id);
    await expect(findAssignment(created.id)).rejects.toThrow(new NotFoundError(`Assignment ${created.id} not found`));
    // The same pair assigned again is another assignment: the old id does not lead to it.
    const again = await createAssignment({ operator_id: 1, source_id: 1, weight: 5 });
    expect(again.id).not.toBe(created.id);
    await expect(findAssignment(created.id)).rejects.toThrow(NotFoundError);
    expect((await allItems(db)).filter((item) => String(item.PK).startsWith('ASSIGNMENT#'))).toEqual([
      { PK: `ASSIGNMENT#${again.id}`, SK: 'ASSIGNMENT', GSI1PK: 'ASSIGNMENTS', GSI1SK: padId(again.id), ...again },
    ]);
  });

  it('read a source with its weighted operators in one partition', async () => {
    await createOperator(ivan);
    await createOperator({ ...ivan, name: 'Мария' });
    await createSource({ name: 'Telegram Bot' });
    await createAssignment({ operator_id: 2, source_id: 1, weight: 20 });
    await createAssignment({ operator_id: 1, source_id: 1, weight: 10 });
    expect(await getSourceRouting(1)).toEqual({
      source: { id: 1, name: 'Telegram Bot', routing: { mode: 'weighted_random', sticky: false }, channel: null },
      channel: null,
      assignments: [
        { id: 2, operator_id: 1, weight: 10 },
        { id: 1, operator_id: 2, weight: 20 },
      ],
      // No contact has taken a turn yet (the rotation matters to smooth weighted sources only).
      rotation: { window: '', start: 0, turn: 0 },
    });
    expect((await listAssignmentRecords({ limit: 10 })).items.map((a) => a.id)).toEqual([1, 2]);
    expect(await getSourceRouting(2)).toBeUndefined();
  });

  it('refuse an unknown operator or source, or the same pair twice, writing nothing', async () => {
    await createOperator(ivan);
    await createSource({ name: 'Telegram Bot' });
    await createAssignment({ operator_id: 1, source_id: 1, weight: 10 });
    const before = await allItems(db);
    await expect(createAssignment({ operator_id: 7, source_id: 1, weight: 1 })).rejects.toThrow(new NotFoundError('Operator 7 not found'));
    await expect(createAssignment({ operator_id: 1, source_id: 8, weight: 1 })).rejects.toThrow(new NotFoundError('Source 8 not found'));
    await expect(createAssignment({ operator_id: 1, source_id: 1, weight: 5 })).rejects.toBeInstanceOf(ConflictError);
    expect(await allItems(db)).toEqual(before);
  });

  it('let exactly one of two concurrent identical assignments through', async () => {
    await createOperator(ivan);
    await createSource({ name: 'Telegram Bot' });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => createAssignment({ operator_id: 1, source_id: 1, weight: 10 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(
      true,
    );
  });
});

describe('contacts and leads', () => {
  const contact = {
    id: 1,
    lead_id: 1,
    source_id: 1,
    operator_id: 1,
    status: 'open',
    created_at: '2026-11-25T10:00:00.000Z',
    closed_at: null,
    offer_expires_at: null,
    priority: 0,
    needs_manager: false,
    offers: [],
    offer_round: 0,
    assigned_at: null,
    registered_by: null,
    request_scope: null,
    routing: null,
    version: 1,
  } satisfies StoredContact;
  const {
    version: _version,
    offers: _offers,
    offer_round: _round,
    assigned_at: _assigned,
    registered_by: _key,
    request_scope: _scope,
    routing: _routing,
    ...publicContact
  } = contact;
  const lead = { id: 1, external_id: '+79161234567', created_at: '2026-11-25T10:00:00.000Z', erased_at: null, operator_id: null };
  const { operator_id: _operator, ...listedLead } = lead;

  it('commit a contact, its new lead and the claim together', async () => {
    await createOperator({ ...ivan, max_load: 1 });
    const claim = { operatorId: 1, newWork: true };
    expect(await commitContactChange({ contact, claim, newLead: { lead, normalizedExternalId: '+79161234567' } })).toBe('committed');
    expect((await getOperators([1]))[0]?.current_load).toBe(1);
    expect(await findLead('+79161234567')).toEqual(lead);
    expect((await listLeads({ limit: 10 })).items).toEqual([listedLead]);
    expect((await listContacts({ limit: 10 })).items).toEqual([publicContact]);
  });

  it('write nothing at all when the operator has no room left', async () => {
    await createOperator({ ...ivan, max_load: 0 });
    const before = await allItems(db);
    const claim = { operatorId: 1, newWork: true };
    expect(await commitContactChange({ contact, claim, newLead: { lead, normalizedExternalId: '+79161234567' } })).toBe(
      'operator_unavailable',
    );
    expect(await allItems(db)).toEqual(before);
  });

  it('refuse to claim an inactive operator', async () => {
    await createOperator({ ...ivan, is_active: false });
    expect(await commitContactChange({ contact, claim: { operatorId: 1, newWork: true } })).toBe('operator_unavailable');
  });

  it('report a lead created meanwhile', async () => {
    await commitContactChange({ contact: { ...contact, operator_id: null }, newLead: { lead, normalizedExternalId: 'x' } });
    const second = { ...contact, id: 2, operator_id: null };
    expect(await commitContactChange({ contact: second, newLead: { lead: { ...lead, id: 2 }, normalizedExternalId: 'x' } })).toBe(
      'lead_exists',
    );
    expect((await listContacts({ limit: 10 })).items).toHaveLength(1);
  });
});
