import { beforeEach, describe, expect, it, vi } from 'vitest';
import { assignOperator } from '../../lib/assignments/assign';
import { drainAllBacklogs, dispatchBacklog } from '../../lib/contacts/dispatch';
import { checkInvariants } from '../../lib/contacts/invariants';
import { closeContact, reassignContact, reopenContact } from '../../lib/contacts/lifecycle';

import type { Database } from '../../lib/db/client';
import { listBacklog, listContacts } from '../../lib/db/contacts';
import { createOperator, getOperator, listOperators } from '../../lib/db/operators';
import { createSource } from '../../lib/db/sources';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { operatorLoad } from '../../lib/operators/load';
import { updateOperator } from '../../lib/operators/update';
import { seededRandom } from '../../lib/routing/random';
import { useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const register = (lead: string, sourceId = 1) => registerContact({ lead_external_id: lead, source_id: sourceId });
const loadOf = async (id: number) => (await getOperator(id))!.current_load;
/** Sets operator 1's stored load behind the library's back: the drift a bug or a manual edit would leave. */
async function driftLoadOfOperator1To(load: number): Promise<void> {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { PK: 'OPERATOR#1', SK: 'OPERATOR' },
      UpdateExpression: 'SET current_load = :n',
      ExpressionAttributeValues: { ':n': load },
    }),
  );
}
const waiting = async (sourceId = 1) => (await listBacklog(sourceId, { limit: 500 })).items.map((c) => c.id);

describe('closing a contact', () => {
  it("frees its operator's capacity and stamps closed_at", async () => {
    await sourceWithOperators([10], 2);
    const contact = await register('+79160000001');
    expect(await loadOf(1)).toBe(1);
    const closed = await closeContact(contact.id, { now: () => new Date('2026-11-25T12:00:00Z') });
    expect(closed).toMatchObject({ id: contact.id, status: 'closed', closed_at: '2026-11-25T12:00:00.000Z', operator_id: 1 });
    expect(await loadOf(1)).toBe(0);
  });

  it('twice returns the same closed contact and frees nothing the second time', async () => {
    await sourceWithOperators([10], 2);
    const [first, second] = [await register('a'), await register('b')];
    const closed = await closeContact(first.id);
    expect(await closeContact(first.id)).toEqual(closed);
    expect(await loadOf(1)).toBe(1);
    expect(second.operator_id).toBe(1);
  });

  it('from 20 concurrent requests drops the load by exactly one', async () => {
    await sourceWithOperators([10], 5);
    await register('a');
    const target = await register('b');
    const results = await Promise.all(Array.from({ length: 20 }, () => closeContact(target.id)));
    expect(new Set(results.map((r) => r.closed_at)).size).toBe(1);
    expect(await loadOf(1)).toBe(1);
  });

  it('that does not exist is a not-found error', async () => {
    await expect(closeContact(404)).rejects.toThrow(new NotFoundError('Contact 404 not found'));
  });

  it('takes a waiting contact out of the backlog', async () => {
    await sourceWithOperators([10], 0);
    const contact = await register('a');
    expect(await waiting()).toEqual([contact.id]);
    await closeContact(contact.id);
    expect(await waiting()).toEqual([]);
  });
});

describe('the backlog', () => {
  it('assigns the oldest waiting contact when an operator closes one', async () => {
    await sourceWithOperators([10], 1);
    const first = await register('first');
    const queued = [await register('w1'), await register('w2'), await register('w3')];
    expect(queued.map((c) => c.operator_id)).toEqual([null, null, null]);
    await closeContact(first.id);
    const contacts = (await listContacts({ limit: 10 })).items;
    expect(contacts.find((c) => c.id === queued[0]!.id)?.operator_id).toBe(1);
    expect(await waiting()).toEqual([queued[1]!.id, queued[2]!.id]);
    expect(await loadOf(1)).toBe(1);
  });

  it('is dispatched when an operator is switched on or given more room', async () => {
    await sourceWithOperators([10], 1);
    await updateOperator(1, { name: 'Operator 1', is_active: false, max_load: 1 });
    const queued = [await register('a'), await register('b'), await register('c')];
    expect(queued.every((c) => c.operator_id === null)).toBe(true);
    await updateOperator(1, { name: 'Operator 1', is_active: true, max_load: 1 });
    expect(await waiting()).toEqual([queued[1]!.id, queued[2]!.id]);
    await updateOperator(1, { name: 'Operator 1', is_active: true, max_load: 3 });
    expect(await waiting()).toEqual([]);
    expect(await loadOf(1)).toBe(3);
  });

  it('is dispatched when an operator is assigned to the source', async () => {
    await createSource({ name: 'Web form' });
    const queued = await register('a');
    expect(queued.operator_id).toBeNull();
    await createOperator({ name: 'Ivan', is_active: true, max_load: 5 });
    await assignOperator({ operator_id: 1, source_id: 1, weight: 1 });
    expect(await waiting()).toEqual([]);
    expect(await loadOf(1)).toBe(1);
  });

  it('keeps an operator who was switched off with their open contacts', async () => {
    await sourceWithOperators([10], 3);
    const contact = await register('a');
    await updateOperator(1, { name: 'Operator 1', is_active: false, max_load: 3 });
    expect((await listContacts({ operator_id: 1, limit: 10 })).items.map((c) => c.id)).toEqual([contact.id]);
    expect(await loadOf(1)).toBe(1);
  });

  it('is drained by the scheduled run, oldest first in each source, as far as capacity goes', async () => {
    await sourceWithOperators([10], 0);
    await createSource({ name: 'WhatsApp' });
    await assignOperator({ operator_id: 1, source_id: 2, weight: 1 });
    const queued = [await register('a', 1), await register('b', 2), await register('c', 1)];
    // Raise capacity without the in-request dispatch, as if that request had timed out.
    const { updateOperatorFields } = await import('../../lib/db/operators');
    await updateOperatorFields(1, { name: 'Operator 1', is_active: true, max_load: 2 });
    expect(await drainAllBacklogs()).toEqual({ assigned: 2, failedSources: [] });
    // Sources are worked on together, each oldest first: whichever got the room, source 1's newer
    // contact never went before its older one.
    const left = [...(await waiting(1)), ...(await waiting(2))];
    expect(left).toHaveLength(1);
    expect(left[0]).not.toBe(queued[0]!.id);
    expect(await loadOf(1)).toBe(2);
  });

  it('goes on with the other sources when one fails, and says which failed', async () => {
    await sourceWithOperators([10], 0);
    await createSource({ name: 'Broken' });
    await register('a', 1);
    // A source with an assignment that no longer reads: its drain fails, the others' do not.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: 'SOURCE#2', SK: 'SOURCE' },
        UpdateExpression: 'SET assignments.#operator = :unreadable',
        ExpressionAttributeNames: { '#operator': '1' },
        ExpressionAttributeValues: { ':unreadable': { id: 9, weight: 'heavy' } },
      }),
    );
    // Room made without the in-request dispatch, so that only the drain can give the contact out.
    const { updateOperatorFields } = await import('../../lib/db/operators');
    await updateOperatorFields(1, { max_load: 1 });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await drainAllBacklogs()).toEqual({ assigned: 1, failedSources: [2] });
    expect(await loadOf(1)).toBe(1);
  });

  it('assigns each waiting contact once when many dispatches race, and overbooks nobody', async () => {
    await sourceWithOperators([10, 10], 5);
    const queued = await inParallel(30, 4, (i) => register(`lead-${i}`));
    expect(queued.filter((c) => c.operator_id === null)).toHaveLength(20);
    const { updateOperatorFields } = await import('../../lib/db/operators');
    await updateOperatorFields(1, { name: 'Operator 1', is_active: true, max_load: 12 });
    await updateOperatorFields(2, { name: 'Operator 2', is_active: true, max_load: 12 });
    const assigned = await Promise.all(Array.from({ length: 8 }, () => dispatchBacklog([1])));
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(14);
    expect(await waiting()).toHaveLength(6);
    expect((await checkInvariants()).drift).toEqual([]);
    for (const operator of (await listOperators({ limit: 10 })).items) expect(operator.current_load).toBe(12);
  });
});

describe('reopening a contact', () => {
  it('gives it back to its operator when they have room', async () => {
    await sourceWithOperators([10], 1);
    const contact = await register('a');
    await closeContact(contact.id);
    expect(await reopenContact(contact.id)).toMatchObject({ status: 'open', closed_at: null, operator_id: 1 });
    expect(await loadOf(1)).toBe(1);
  });

  it('is refused when the operator has no room left', async () => {
    await sourceWithOperators([10], 1);
    const contact = await register('a');
    await closeContact(contact.id);
    await register('b');
    await expect(reopenContact(contact.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await loadOf(1)).toBe(1);
  });

  it('puts a contact that never had an operator back in the backlog', async () => {
    await sourceWithOperators([10], 0);
    const contact = await register('a');
    await closeContact(contact.id);
    await reopenContact(contact.id);
    expect(await waiting()).toEqual([contact.id]);
  });
});

describe('reassigning a contact', () => {
  it('moves it and its load to the operator given', async () => {
    await sourceWithOperators([10, 0], 2);
    const contact = await register('a');
    expect(await reassignContact(contact.id, 2)).toMatchObject({ operator_id: 2 });
    expect([await loadOf(1), await loadOf(2)]).toEqual([0, 1]);
  });

  it('re-routes by weights among the other eligible operators when none is given', async () => {
    await sourceWithOperators([10, 10, 10], 2);
    const contact = await register('a');
    const moved = await reassignContact(contact.id, undefined);
    expect(moved.operator_id).not.toBe(contact.operator_id);
    expect(await loadOf(moved.operator_id!)).toBe(1);
    expect(await loadOf(contact.operator_id!)).toBe(0);
  });

  it('gives a waiting contact its first operator', async () => {
    await sourceWithOperators([10], 0);
    const contact = await register('a');
    await createOperator({ name: 'Maria', is_active: true, max_load: 1 });
    expect(await reassignContact(contact.id, 2)).toMatchObject({ operator_id: 2 });
    expect(await waiting()).toEqual([]);
  });

  it('is refused for a closed contact, a full operator, an unknown one, or when nobody else is free', async () => {
    await sourceWithOperators([10, 10], 1);
    const [a, b] = [await register('a'), await register('b')];
    await expect(reassignContact(a.id, b.operator_id!)).rejects.toBeInstanceOf(ConflictError);
    await expect(reassignContact(a.id, 99)).rejects.toThrow(new NotFoundError('Operator 99 not found'));
    await expect(reassignContact(a.id, undefined)).rejects.toBeInstanceOf(ConflictError);
    await closeContact(a.id);
    await expect(reassignContact(a.id, undefined)).rejects.toBeInstanceOf(ConflictError);
    expect([await loadOf(1), await loadOf(2)].sort()).toEqual([0, 1]);
  });
});

describe('listing contacts', () => {
  it('filters by status, operator, source, lead and assignment, newest first on request', async () => {
    await sourceWithOperators([10], 2);
    await createSource({ name: 'WhatsApp' });
    const c1 = await register('+1', 1);
    const c2 = await register('+2', 1);
    const c3 = await register('+1', 1);
    const c4 = await register('+3', 2);
    expect([c3.operator_id, c4.operator_id]).toEqual([null, null]);
    await closeContact(c1.id); // frees room for c3, which waited in source 1
    const ids = async (filters: Parameters<typeof listContacts>[0]) => (await listContacts(filters)).items.map((c) => c.id);
    expect(await ids({ limit: 10, status: 'open' })).toEqual([c2.id, c3.id, c4.id]);
    expect(await ids({ limit: 10, status: 'closed' })).toEqual([c1.id]);
    expect(await ids({ limit: 10, operator_id: 1 })).toEqual([c1.id, c2.id, c3.id]);
    expect(await ids({ limit: 10, operator_id: 1, status: 'open' })).toEqual([c2.id, c3.id]);
    expect(await ids({ limit: 10, source_id: 2 })).toEqual([c4.id]);
    expect(await ids({ limit: 10, lead_id: c1.lead_id })).toEqual([c1.id, c3.id]);
    expect(await ids({ limit: 10, unassigned: true })).toEqual([c4.id]);
    expect(await ids({ limit: 10, source_id: 2, unassigned: true, status: 'open' })).toEqual([c4.id]);
    expect(await ids({ limit: 10, source_id: 1, unassigned: true, status: 'open' })).toEqual([]);
    expect(await ids({ limit: 10, source_id: 2, unassigned: true, status: 'open', lead_id: c1.lead_id })).toEqual([]);
    expect(await ids({ limit: 10, source_id: 2, unassigned: true, status: 'open', lead_id: c4.lead_id })).toEqual([c4.id]);
    expect(await ids({ limit: 10, unassigned: false })).toEqual([c1.id, c2.id, c3.id]);
    expect(await ids({ limit: 10, order: 'desc' })).toEqual([c4.id, c3.id, c2.id, c1.id]);
  });

  it('pages through a filter whose matches are sparse', async () => {
    await sourceWithOperators([10], 100);
    const contacts = await inParallel(30, 4, (i) => register(`lead-${i}`));
    const closed = contacts
      .filter((_, i) => i % 7 === 0)
      .map((c) => c.id)
      .sort((a, b) => a - b);
    for (const id of closed) await closeContact(id);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listContacts({ status: 'closed', limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(closed);
  });
});

describe('operator load and invariants', () => {
  it('shows the stored load beside the count of open contacts', async () => {
    await sourceWithOperators([10], 3);
    const [a] = [await register('a'), await register('b')];
    await closeContact(a!.id);
    expect(await operatorLoad(1)).toEqual({
      operator_id: 1,
      is_active: true,
      current_load: 1,
      max_load: 3,
      free_capacity: 2,
      open_contacts: 1,
      offered_contacts: 0,
    });
  });

  it('lets a manager lower max_load below the load: nothing is taken away, nothing new arrives until under it', async () => {
    await sourceWithOperators([10, 10], 3);
    for (const lead of ['a', 'b', 'c', 'd']) await register(lead);
    const loaded = (await getOperator(1))!.current_load >= 2 ? 1 : 2;
    const load = await loadOf(loaded);
    await updateOperator(loaded, { max_load: 1 });
    expect(await loadOf(loaded)).toBe(load);
    const report = await checkInvariants();
    expect(report).toMatchObject({ ok: true, overloaded: [loaded], drift: [] });
    const other = loaded === 1 ? 2 : 1;
    await updateOperator(other, { max_load: 10 });
    expect((await register('e')).operator_id).toBe(other);
    const theirs = (await listContacts({ operator_id: loaded, status: 'open', limit: 10 })).items;
    await closeContact(theirs[0]!.id);
    await register('f');
    expect(await loadOf(loaded)).toBe(load - 1);
  });

  it('repairs a load only from a count that holds, and never over a load that moved meanwhile', async () => {
    await sourceWithOperators([10], 5);
    await register('a');
    await driftLoadOfOperator1To(3);
    // A registration commits while the repair waits for its second count: the first count (1) is stale.
    const repairing = checkInvariants({ repair: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await register('b');
    expect((await repairing).drift).toEqual([{ operator_id: 1, current_load: 3, open_contacts: 1, offered_contacts: 0, repaired: false }]);
    expect(await loadOf(1)).toBe(4); // the claim's, not the stale count's
    expect((await checkInvariants({ repair: true })).drift).toMatchObject([{ current_load: 4, open_contacts: 2, repaired: true }]);
    expect(await loadOf(1)).toBe(2);
  });

  it('reports drift without changing anything, and repairs it only when asked', async () => {
    await sourceWithOperators([10], 3);
    await register('a');
    await driftLoadOfOperator1To(3);
    const report = await checkInvariants();
    expect(report).toMatchObject({ ok: false, drift: [{ operator_id: 1, current_load: 3, open_contacts: 1, repaired: false }] });
    expect(await loadOf(1)).toBe(3);
    expect((await checkInvariants({ repair: true })).drift).toEqual([
      { operator_id: 1, current_load: 3, open_contacts: 1, offered_contacts: 0, repaired: true },
    ]);
    expect(await loadOf(1)).toBe(1);
    expect(await checkInvariants()).toMatchObject({ ok: true, drift: [] });
  });

  it('hold after a storm of 300 registrations, 150 closes and 20 operator updates in parallel', async () => {
    const { source } = await sourceWithOperators([10, 20, 30, 40, 50], 10);
    const random = seededRandom(2026);
    const registered: number[] = [];
    const closes: Promise<unknown>[] = [];
    const registrations = inParallel(300, 24, async (i) => {
      const contact = await registerContact({ lead_external_id: `+7916${String(i % 120).padStart(7, '0')}`, source_id: source.id });
      registered.push(contact.id);
      // Every other registration is followed, concurrently, by the close of an earlier contact.
      if (i % 2 === 1) closes.push(closeContact(registered[Math.floor(random() * registered.length)]!));
      return contact;
    });
    const updates = inParallel(20, 4, async (i) => {
      const id = (i % 5) + 1;
      await updateOperator(id, { name: `Operator ${id}`, is_active: i % 3 !== 0 || i >= 15, max_load: 8 + (i % 5) });
    });
    await Promise.all([registrations, updates]);
    await Promise.all(closes);
    await drainAllBacklogs();

    const report = await checkInvariants();
    expect(report).toMatchObject({ ok: true, drift: [], orphan_contacts: [], contacts: 300 });
    const operators = (await listOperators({ limit: 10 })).items;
    const room = operators.some((o) => o.is_active && o.current_load < o.max_load);
    const backlog = await waiting(source.id);
    // The backlog holds exactly the contacts that could not be placed: none while anyone has room.
    expect(room && backlog.length > 0).toBe(false);
    const open = (await listContacts({ status: 'open', limit: 500 })).items;
    expect(backlog.sort((a, b) => a - b)).toEqual(open.filter((c) => c.operator_id === null).map((c) => c.id));
  });
});
