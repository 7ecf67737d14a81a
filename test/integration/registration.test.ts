import { beforeEach, describe, expect, it } from 'vitest';

import type { Database } from '../../lib/db/client';
import { listOperators } from '../../lib/db/operators';
import { updateOperator } from '../../lib/operators/update';
import { createSource } from '../../lib/db/sources';
import { seededRandom } from '../../lib/routing/random';
import type { Contact } from '../../lib/schemas/contacts';
import { allItems, useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators as withOperators } from '../support/fixtures';
import { recordRequests } from '../support/round-trips';

const sourceWithOperators = async (weights: number[], maxLoad: number) => (await withOperators(weights, maxLoad)).source;

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const countBy = (contacts: Contact[]) => {
  const counts = new Map<number | null, number>();
  for (const { operator_id } of contacts) counts.set(operator_id, (counts.get(operator_id) ?? 0) + 1);
  return counts;
};

describe('registering contacts', () => {
  it('creates the lead on first contact and reuses it afterwards', async () => {
    const source = await sourceWithOperators([10], 5);
    const first = await registerContact({ lead_external_id: ' +79161234567 ', source_id: source.id });
    const second = await registerContact({ lead_external_id: '+79161234567', source_id: source.id });
    expect(first.lead_id).toBe(second.lead_id);
    expect((await allItems(db)).filter((item) => item.SK === 'LEAD')).toHaveLength(1);
  });

  it('registers an unassigned contact when every operator is full', async () => {
    const source = await sourceWithOperators([10, 20], 1);
    const contacts = await inParallel(3, 1, (i) => registerContact({ lead_external_id: `lead-${i}`, source_id: source.id }));
    expect(contacts.map((c) => c.operator_id).filter((id) => id === null)).toHaveLength(1);
  });

  it('registers an unassigned contact when the source has no operators', async () => {
    const source = await createSource({ name: 'Web form' });
    expect((await registerContact({ lead_external_id: 'a@b.c', source_id: source.id })).operator_id).toBeNull();
  });

  it('never routes to an inactive operator', async () => {
    const source = await sourceWithOperators([10, 90], 100);
    const { items } = await listOperators({ limit: 10 });
    await updateOperator(items[1]!.id, { name: items[1]!.name, is_active: false, max_load: 100 });
    const contacts = await inParallel(40, 8, (i) => registerContact({ lead_external_id: `lead-${i}`, source_id: source.id }));
    expect([...countBy(contacts).keys()]).toEqual([items[0]!.id]);
  });

  it('fills exactly the capacity under a storm of 200 concurrent registrations, and never overbooks', async () => {
    const source = await sourceWithOperators([10, 20, 30, 40, 50], 10);
    const contacts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        registerContact({ lead_external_id: `+7916000${String(i % 150).padStart(4, '0')}`, source_id: source.id }),
      ),
    );
    const counts = countBy(contacts);
    expect(counts.get(null)).toBe(150);
    expect(contacts.length - (counts.get(null) ?? 0)).toBe(50);
    const { items: operators } = await listOperators({ limit: 10 });
    for (const operator of operators) {
      expect(operator.current_load).toBeLessThanOrEqual(operator.max_load);
      expect(operator.current_load).toBe(counts.get(operator.id) ?? 0);
    }
    const stored = await allItems(db);
    expect(stored.filter((item) => item.SK === 'CONTACT')).toHaveLength(200);
    expect(stored.filter((item) => item.SK === 'LEAD')).toHaveLength(150);
  });

  it('creates one lead for 20 concurrent first contacts of the same person', async () => {
    const source = await sourceWithOperators([10], 100);
    const contacts = await Promise.all(
      Array.from({ length: 20 }, () => registerContact({ lead_external_id: '+79161234567', source_id: source.id })),
    );
    expect(new Set(contacts.map((c) => c.lead_id)).size).toBe(1);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(20);
    const stored = await allItems(db);
    expect(stored.filter((item) => item.SK === 'LEAD')).toHaveLength(1);
    expect(stored.filter((item) => item.SK === 'CONTACT')).toHaveLength(20);
  });

  it('splits 3,000 registrations by weights 10/20/30 (chi-square, p > 0.001)', async () => {
    const source = await sourceWithOperators([10, 20, 30], 10_000);
    const random = seededRandom(20261125);
    const contacts = await inParallel(3_000, 16, (i) =>
      registerContact({ lead_external_id: `lead-${i % 600}`, source_id: source.id }, { random }),
    );
    const counts = countBy(contacts);
    const expected = [500, 1_000, 1_500];
    const chiSquare = expected.reduce((sum, e, i) => sum + ((counts.get(i + 1) ?? 0) - e) ** 2 / e, 0);
    // Critical value of the chi-square distribution with 2 degrees of freedom at p = 0.001.
    expect(chiSquare).toBeLessThan(13.816);
    expect(counts.get(null)).toBeUndefined();
  }, 600_000);

  it('takes 2 sequential round trips once the container knows the source: one read of everything, one transaction', async () => {
    const source = await sourceWithOperators([10, 20], 5);
    const requests = recordRequests(db);
    // The container's first registration on the source reads its operators once it knows who they are.
    await registerContact({ lead_external_id: 'first', source_id: source.id });
    expect(requests.roundTrips(), requests.commands().join()).toBe(3);
    for (const lead of ['new lead', 'new lead']) {
      requests.reset();
      await registerContact({ lead_external_id: lead, source_id: source.id });
      expect(requests.roundTrips()).toBe(2);
      // An update of the id counter goes beside the reads when the container's block of ids ran out.
      const commands = requests.commands().filter((command) => command !== 'UpdateItemCommand');
      expect(commands).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    }
  });
});
