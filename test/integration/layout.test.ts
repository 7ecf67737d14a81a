import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAssignments } from '../../lib/assignments/weight';
import { readContact } from '../../lib/contacts/read';
import type { Database } from '../../lib/db/client';
import { findAssignment } from '../../lib/db/assignments';
import { listContacts } from '../../lib/db/contacts';
import { listLeads } from '../../lib/db/leads';
import { layoutOf, LAYOUT_VERSION, markCurrentLayout, migrateLayout } from '../../lib/db/layout';
import { getOperator } from '../../lib/db/operators';
import { getSourceRouting } from '../../lib/db/sources';
import { allItems, useFreshTable } from '../support/database';
import { registerContact } from '../support/fixtures';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const quota = { max: 10, per: 'day', time_zone: 'Europe/Moscow' };

/** A table as the first layout left it: two operators on a source, one assignment with a quota, and a routed contact. */
const firstLayout = [
  { PK: 'COUNTER', SK: 'COUNTER', OPERATOR: 2, SOURCE: 1, ASSIGNMENT: 2, CONTACT: 1, LEAD: 1 },
  ...[1, 2].map((id) => ({
    PK: `OPERATOR#${id}`,
    SK: 'OPERATOR',
    GSI1PK: 'OPERATORS',
    GSI1SK: String(id).padStart(12, '0'),
    id,
    name: `Operator ${id}`,
    is_active: true,
    max_load: 5,
    current_load: id === 1 ? 1 : 0,
  })),
  { PK: 'SOURCE#1', SK: 'SOURCE', GSI1PK: 'SOURCES', GSI1SK: '000000000001', id: 1, name: 'Telegram Bot' },
  ...[1, 2].flatMap((operator) => [
    {
      PK: 'SOURCE#1',
      SK: `ASSIGNMENT#${String(operator).padStart(12, '0')}`,
      GSI1PK: 'ASSIGNMENTS',
      GSI1SK: String(operator).padStart(12, '0'),
      GSI2PK: `OPERATOR#${operator}`,
      GSI2SK: 'SOURCE#000000000001',
      id: operator,
      operator_id: operator,
      source_id: 1,
      weight: 10 * operator,
      assigned: operator === 1 ? 1 : 0,
      quota: operator === 2 ? quota : null,
      ...(operator === 2 ? { quota_used: { 'day:2026-12-01': 0 } } : {}),
    },
    { PK: `ASSIGNMENT#${operator}`, SK: 'ASSIGNMENT', source_id: 1, operator_id: operator },
  ]),
  {
    PK: 'LEAD#+79161234567',
    SK: 'LEAD',
    GSI1PK: 'LEADS',
    GSI1SK: '000000000001',
    id: 1,
    external_id: '+79161234567',
    created_at: '2026-12-01T10:00:00.000Z',
  },
  {
    PK: 'CONTACT#1',
    SK: 'CONTACT',
    GSI1PK: 'CONTACTS',
    GSI1SK: '000000000001',
    GSI2PK: 'OPERATOR#1',
    GSI2SK: 'CONTACT#000000000001',
    GSI3PK: 'SOURCE#1',
    GSI3SK: '000000000001',
    GSI4PK: 'LEAD#1',
    GSI4SK: '000000000001',
    id: 1,
    lead_id: 1,
    source_id: 1,
    operator_id: 1,
    status: 'open',
    created_at: '2026-12-01T10:00:00.000Z',
    closed_at: null,
    version: 1,
  },
  {
    PK: 'CONTACT#1',
    SK: 'ROUTING',
    trigger: 'registration',
    mode: 'weighted_random',
    sticky: false,
    previous_operator_id: null,
    decided_by: 'mode',
    attempts: 1,
    winner: 1,
    candidates: [{ operator_id: 1, weight: 10, current_load: 0, max_load: 5, assigned: 0, eligible: true, reason: 'eligible' }],
    draw: 0.1,
    turn: null,
    routed_at: '2026-12-01T10:00:00.000Z',
  },
];

describe('a table written by an earlier version', () => {
  it('is migrated to the current layout, keeping every assignment, count and explanation, and routes as before', async () => {
    await db.client.send(
      new BatchWriteCommand({ RequestItems: { [db.tableName]: firstLayout.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    expect(await layoutOf(db)).toBe(1);
    // Two assignments and an explanation move; the contact and the lead are listed anew.
    expect(await migrateLayout(db)).toEqual({ from: 1, to: LAYOUT_VERSION, moved: 5 });

    expect((await getSourceRouting(1))!.assignments).toEqual([
      { id: 1, operator_id: 1, weight: 10 },
      { id: 2, operator_id: 2, weight: 20 },
    ]);
    expect((await getOperator(1))!.via).toEqual({ '1': { id: 1, assigned: 1, quota: null, quota_used: {} } });
    expect((await getOperator(2))!.via).toEqual({ '1': { id: 2, assigned: 0, quota, quota_used: { 'day:2026-12-01': 0 } } });
    expect(await findAssignment(2)).toEqual({ id: 2, operator_id: 2, source_id: 1, weight: 20, quota });
    expect((await listAssignments({ limit: 10 })).items.map((a) => [a.id, a.assigned])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect((await readContact(1)).routing).toMatchObject({ winner: 1, draw: 0.1 });
    const leftovers = (await allItems(db)).filter((item) => item.SK === 'ROUTING' || String(item.SK).startsWith('ASSIGNMENT#'));
    expect(leftovers).toEqual([]);

    expect((await listContacts({ limit: 10 })).items.map((c) => c.id)).toEqual([1]);
    expect((await listContacts({ operator_id: 1, status: 'open', limit: 10 })).items.map((c) => c.id)).toEqual([1]);
    expect((await listLeads({ limit: 10 })).items.map((l) => l.id)).toEqual([1]);
    const contact = await registerContact({ lead_external_id: '+79161234568', source_id: 1 });
    expect([1, 2]).toContain(contact.operator_id);
    // Run again (a migration cut short is), it finds nothing to do.
    expect(await migrateLayout(db)).toEqual({ from: LAYOUT_VERSION, to: LAYOUT_VERSION, moved: 0 });
  });

  it('is never migrated when it was created by this version', async () => {
    await markCurrentLayout(db);
    expect(await migrateLayout(db)).toEqual({ from: LAYOUT_VERSION, to: LAYOUT_VERSION, moved: 0 });
  });
});
