import { beforeEach, describe, expect, it } from 'vitest';
import { changeWeight } from '../../lib/assignments/weight';
import { reassignContact } from '../../lib/contacts/lifecycle';
import { readContact } from '../../lib/contacts/read';
import { registerContact as registerOnce } from '../../lib/contacts/register';
import { createAssignment } from '../../lib/db/assignments';
import { getOperator } from '../../lib/db/operators';
import { updateOperator } from '../../lib/operators/update';
import { readSource, sourceStats } from '../../lib/sources/read';
import type { Database } from '../../lib/db/client';
import { allItems, useFreshTable } from '../support/database';
import { contactsPerOperator, inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const dailyQuota = (max: number) => ({ max, per: 'day', time_zone: 'Europe/Moscow' }) as const;
const lead = (i: number) => `+7916${String(i).padStart(7, '0')}`;

describe('an assignment’s quota', () => {
  it('gives exactly its max under 100 concurrent registrations, the rest to the others', async () => {
    await sourceWithOperators([10, 10], 1_000);
    await changeWeight(1, { weight: 10, quota: dailyQuota(10) });
    const contacts = await inParallel(100, 100, (i) => registerContact({ lead_external_id: lead(i), source_id: 1 }));
    expect(contactsPerOperator(contacts.map((contact) => contact.operator_id))).toEqual({ 1: 10, 2: 90 });
    const [assignment] = (await readSource(1)).assignments;
    expect(assignment).toMatchObject({ quota: dailyQuota(10), quota_used: 10, assigned: 10 });
  });

  it('leaves contacts waiting once everyone is at quota, and opens again when the period turns in its time zone', async () => {
    await sourceWithOperators([10], 1_000);
    await changeWeight(1, { weight: 10, quota: dailyQuota(3) });
    // 20:00 UTC is 23:00 in Moscow: the last hour of 2 December there.
    const evening = () => new Date('2026-12-02T20:00:00Z');
    const contacts = await inParallel(5, 5, (i) => registerContact({ lead_external_id: lead(i), source_id: 1 }, { now: evening }));
    expect(contactsPerOperator(contacts.map((contact) => contact.operator_id))).toEqual({ 1: 3, null: 2 });
    // Those that raced the last claim say lost_race; one that comes after reads the quota as reached.
    const late = await registerContact({ lead_external_id: lead(5), source_id: 1 }, { now: evening });
    expect(late.operator_id).toBeNull();
    expect((await readContact(late.id)).routing!.candidates).toMatchObject([{ operator_id: 1, reason: 'quota_reached' }]);

    // 21:00 UTC is midnight in Moscow: a new day, a fresh quota, and yesterday's count is dropped.
    const midnight = () => new Date('2026-12-02T21:00:00Z');
    const next = await registerContact({ lead_external_id: lead(9), source_id: 1 }, { now: midnight });
    expect(next.operator_id).toBe(1);
    expect((await getOperator(1))!.via['1']!.quota_used).toEqual({ 'day:2026-12-03': 1 });
  });

  it('is changed or removed with the weight, and kept when a PUT leaves it out', async () => {
    await sourceWithOperators([10], 1_000);
    expect(await changeWeight(1, { weight: 10, quota: dailyQuota(1) })).toMatchObject({ quota: dailyQuota(1), quota_used: 0 });
    expect(await changeWeight(1, { weight: 20 })).toMatchObject({ weight: 20, quota: dailyQuota(1) });
    await registerContact({ lead_external_id: lead(1), source_id: 1 });
    const waiting = await registerContact({ lead_external_id: lead(2), source_id: 1 });
    expect(waiting.operator_id).toBeNull();
    // Lifting the quota lets the waiting contact go at once.
    expect(await changeWeight(1, { weight: 20, quota: null })).toMatchObject({ quota: null, quota_used: null });
    expect((await readContact(waiting.id)).operator_id).toBe(1);
  });

  it('keeps counts where the claim finds them: on the operator’s entry for the source, only with a quota', async () => {
    await sourceWithOperators([10, 10], 1_000);
    await changeWeight(1, { weight: 10, quota: dailyQuota(5) });
    await changeWeight(2, { weight: 10, quota: null });
    await updateOperator(1, { quota: dailyQuota(5) });
    await registerContact({ lead_external_id: lead(1), source_id: 1 });
    const [first, second] = [await getOperator(1), await getOperator(2)];
    expect(Object.keys(first!.quota_used)).toHaveLength(1);
    expect(Object.keys(first!.via['1']!.quota_used)).toHaveLength(1);
    expect(second!.via['1']).toEqual({ id: 2, assigned: expect.any(Number), quota: null, quota_used: {} });
    const stored = (await allItems(db)).find((item) => item.PK === 'OPERATOR#2')!;
    expect((stored.via as Record<string, object>)['1']).not.toHaveProperty('quota_used');
  });
});

describe('an operator’s quota', () => {
  it('counts contacts from all their sources together, exactly, under concurrency', async () => {
    await sourceWithOperators([10, 10], 1_000);
    const second = await sourceWithOperators([10], 1_000);
    // Operator 1 takes source 2 too, with a weight that would give them nearly all of it.
    await createAssignment({ operator_id: 1, source_id: second.source.id, weight: 1_000 });
    await updateOperator(1, { quota: { max: 12, per: 'week', time_zone: 'Europe/Moscow' } });
    const contacts = await inParallel(100, 50, (i) => registerContact({ lead_external_id: lead(i), source_id: 1 + (i % 2) }));
    expect(contacts.filter((contact) => contact.operator_id === 1)).toHaveLength(12);
    const operator = await getOperator(1);
    expect(Object.values(operator!.quota_used)).toEqual([12]);
    const stats = await sourceStats(1);
    expect(stats.operators.find((o) => o.operator_id === 1)!.passed_over).toMatchObject({ quota_reached: expect.any(Number) });
  });

  it('refuses a manager’s reassignment to an operator at their quota', async () => {
    await sourceWithOperators([10, 10], 1_000);
    await updateOperator(2, { quota: dailyQuota(1) });
    await updateOperator(1, { presence: 'away' });
    await registerContact({ lead_external_id: lead(1), source_id: 1 });
    await updateOperator(1, { presence: 'available' });
    const second = await registerOnce({ lead_external_id: lead(2), source_id: 1 });
    expect(second.contact.operator_id).toBe(1);
    await expect(reassignContact(second.contact.id, 2)).rejects.toThrow(/quota/);
    expect((await readContact(second.contact.id)).operator_id).toBe(1);
  });
});
